"""Reading Argdown: counts equal to Argdown's own JSON export, warnings, errors, round trips."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings

from argmap.checking.rules import check
from argmap.cli import main
from argmap.diagnostics import Severity
from argmap.errors import MapError
from argmap.interchange.argdown import to_argdown
from argmap.interchange.argdown_reader import parse_argdown
from argmap.interchange.convert import check_references
from argmap.language.loading import loads
from argmap.language.printer import to_arg
from argmap.model import ArgumentMap, RelationKind
from tests.conftest import DATA, MAPS, REPO
from tests.interchange.test_argdown import ARGDOWN, needs_argdown
from tests.strategies import argument_maps

CORPUS = DATA / "argdown"
FILES = sorted(CORPUS.glob("*/*.argdown"))
# Argdown's relation types, as argmap counts them (`entails` and `contrary` are what Argdown's
# strict mode calls a support and an attack between two statements).
ARGDOWN_KINDS = {
    "support": "supports",
    "attack": "attacks",
    "undercut": "undercuts",
    "contradictory": "contradicts",
    "entails": "supports",
    "contrary": "attacks",
}
NAMES = [str(path.relative_to(CORPUS)) for path in FILES]


def argdown_counts(data: dict[str, object]) -> Counter[str]:
    """Statements, arguments and relations by kind in `argdown json`'s output."""
    statements, arguments, relations = data["statements"], data["arguments"], data["relations"]
    assert isinstance(statements, dict) and isinstance(arguments, dict)
    assert isinstance(relations, list)
    counts = Counter(statements=len(statements), arguments=len(arguments))
    for relation in relations:
        counts[ARGDOWN_KINDS[relation["relationType"]]] += 1
    return counts


def argmap_counts(argument_map: ArgumentMap) -> Counter[str]:
    counts = Counter(statements=len(argument_map.statements), arguments=len(argument_map.arguments))
    for relation in argument_map.relations:
        counts[relation.kind.value] += 1
    return counts


def explained(path: Path, theirs: Counter[str]) -> tuple[Counter[str], Counter[str]]:
    """(argmap's counts, Argdown's counts changed as each warning says)."""
    imported = parse_argdown(path.read_text(encoding="utf-8"), str(path))
    expected = Counter(theirs)
    for warning in imported.warnings:
        for what, change in warning.changes:
            expected[what] += change
    return +argmap_counts(imported.map), +expected


def test_the_corpus_is_there() -> None:
    assert len(FILES) == 78
    assert (CORPUS / "LICENSE").read_text(encoding="utf-8").startswith("The MIT License")
    assert all(path.with_suffix(".json").is_file() for path in FILES)


@pytest.mark.parametrize("path", FILES, ids=NAMES)
def test_counts_equal_argdowns_own(path: Path) -> None:
    theirs = argdown_counts(json.loads(path.with_suffix(".json").read_text(encoding="utf-8")))
    ours, expected = explained(path, theirs)
    assert ours == expected


def test_most_files_match_with_no_change_at_all() -> None:
    # The warnings explain differences; most files need none.
    exact = 0
    for path in FILES:
        data = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        imported = parse_argdown(path.read_text(encoding="utf-8"), str(path))
        exact += +argmap_counts(imported.map) == +argdown_counts(data)
    assert exact >= 25


@pytest.mark.parametrize("path", FILES, ids=NAMES)
def test_every_file_becomes_a_map_that_check_accepts(path: Path) -> None:
    imported = parse_argdown(path.read_text(encoding="utf-8"), str(path))
    check_references(imported.map, str(path))
    written = to_arg(imported.map)
    again = loads(written, "again.arg")
    assert [d for d in check(again) if d.severity is Severity.ERROR] == []
    assert again == imported.map


@pytest.mark.slow
@needs_argdown
def test_counts_equal_the_live_argdown_cli(tmp_path: Path) -> None:
    assert ARGDOWN is not None
    compared = 0
    for folder in sorted({path.parent for path in FILES}):
        out = tmp_path / folder.name
        done = subprocess.run(
            [ARGDOWN, "json", str(folder / "*.argdown"), str(out), "--silent"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        for path in sorted(folder.glob("*.argdown")):
            live = argdown_counts(json.loads((out / f"{path.stem}.json").read_text("utf-8")))
            stored = argdown_counts(json.loads(path.with_suffix(".json").read_text("utf-8")))
            assert live == stored, path
            ours, expected = explained(path, live)
            assert ours == expected, path
            compared += 1
    assert compared == len(FILES)


# --- what each construct becomes ---------------------------------------------------------


def read(text: str) -> tuple[ArgumentMap, list[str]]:
    imported = parse_argdown(text, "t.argdown")
    return imported.map, [str(w) for w in imported.warnings]


def relations(argument_map: ArgumentMap) -> set[tuple[str, str, str]]:
    return {(r.source, r.kind.value, r.target) for r in argument_map.relations}


def test_relation_signs_and_their_directions() -> None:
    argument_map, warnings = read(
        "[A]: a\n  + [B]: b\n  <- [C]: c\n  +> [D]: d\n  -> [E]: e\n  >< [F]: f\n"
    )
    assert warnings == []
    assert relations(argument_map) == {
        ("B", "supports", "A"),
        ("C", "attacks", "A"),
        ("A", "supports", "D"),
        ("A", "attacks", "E"),
        ("A", "contradicts", "F"),
    }


def test_equivalence_classes_titles_tags_and_data() -> None:
    argument_map, warnings = read(
        "[Big claim]: We should act. #(urgent matter) #policy {role: thesis}\n\n"
        "[Big claim]\n  + [Reason]: It helps. {cite: Report, colour: red}\n"
    )
    big = argument_map.statement("Big_claim")
    assert big is not None
    assert (big.role.value, big.text, big.title) == ("thesis", "We should act.", "Big claim")
    assert big.tags == ("urgent-matter", "policy")
    reason = argument_map.statement("Reason")
    assert reason is not None and reason.cite == "Report"
    assert [w.split(": warning: ")[1][:5] for w in warnings] == ["AD210", "AD209"]
    assert (
        "t.argdown:1:1: warning: AD210 the tag 'urgent matter' became #urgent-matter"
        in (warnings[0])
    )
    assert "t.argdown:4:5: warning: AD209 the data key 'colour'" in warnings[1]


def test_a_pcs_belongs_to_the_argument_above_it() -> None:
    argument_map, warnings = read(
        "<Arg>: Because.\n\n(1) [P]: p\n(2) q\n-- Modus ponens --\n(3) [C]: c\n"
    )
    argument = argument_map.argument("Arg")
    assert argument is not None
    assert (argument.premises, argument.conclusion, argument.note) == (
        ("P", "Untitled_1"),
        "C",
        "Because.",
    )
    assert warnings == [
        "t.argdown:5:1: warning: AD208 the inference of <Arg> names Modus ponens: argmap has "
        "no inference rules (not carried)"
    ]


def test_a_pcs_alone_is_an_untitled_argument_and_steps_are_split() -> None:
    argument_map, warnings = read("(1) a\n(2) b\n----\n(3) c\n(4) d\n----\n(5) e\n")
    assert [(a.id, a.premises, a.conclusion) for a in argument_map.arguments] == [
        ("Untitled_1_step1", ("Untitled_2", "Untitled_3"), "Untitled_4"),
        ("Untitled_1", ("Untitled_4", "Untitled_5"), "Untitled_6"),
    ]
    assert [w.split(" warning: ")[1][:5] for w in warnings] == ["AD207"]


def test_outgoing_relations_of_an_argument_are_its_conclusions() -> None:
    argument_map, warnings = read(
        "<A>\n  +> [T]: t\n\n<A>\n\n(1) p\n(2) q\n----\n(3) [C]: c\n\n[X]: x\n  _> <A>\n  -> <A>\n"
    )
    assert relations(argument_map) == {("C", "supports", "T"), ("X", "undercuts", "A")}
    # The attack on <A> became an undercut, the same as the one already there: merged.
    assert [w.split(" warning: ")[1][:5] for w in warnings] == ["AD204", "AD211"]


def test_sketched_arguments() -> None:
    argument_map, warnings = read(
        "<S>: A sketch.\n  +> [T]: t\n  <+ [P]: p\n\n<Q>: Quiet.\n\n<R>: Another.\n  - <S>\n"
    )
    s = argument_map.argument("S")
    assert s is not None and (s.premises, s.conclusion) == (("P",), None)
    # <Q> and <R> conclude nothing argmap can draw: statements.
    assert argument_map.statement("Q") is not None and argument_map.statement("R") is not None
    assert relations(argument_map) == {("S", "supports", "T"), ("S", "attacks", "R")}
    codes = Counter(w.split(" warning: ")[1][:5] for w in warnings)
    assert codes == Counter({"AD203": 1, "AD202": 2})


def test_headings_become_groups() -> None:
    argument_map, warnings = read(
        "# Part one #intro\n\n[A]: a\n\n## Empty\n\n# Part two\n\n<B>: b\n  +> [A]\n"
    )
    assert [(g.name, g.members, g.tags) for g in argument_map.groups] == [
        ("Part one", ("A",), ("intro",)),
        ("Part two", ("B",), ()),
    ]
    assert warnings[-1] == (
        "t.argdown:5:1: warning: AD214 the heading 'Empty' has nothing defined under it: no "
        "group for it"
    )


def test_comments_frontmatter_markup_and_escapes() -> None:
    argument_map, _ = read(
        "===\ntitle: My map\nauthor: Me\n===\n\n// a comment\n"
        "[A]: *Very* __bold__ claim \\#1 /* inline */ here.\n"
    )
    assert argument_map.metadata.title == "My map" and argument_map.metadata.author == "Me"
    statement = argument_map.statement("A")
    assert statement is not None and statement.text == "Very bold claim #1 here."


# --- bad input: place, code, caret, hint; never a traceback ------------------------------


@pytest.mark.parametrize(
    ("text", "code", "place", "words"),
    [
        ("[A]: a\n\n  + [B]: b\n", "AD001", (3, 3), "without an empty line"),
        ("(1) a\n(2) b\n", "AD001", (2, 6), "end of the document"),
        ("<A>\n\n(1) a\n----\n(2) b\n\n<A>\n\n(1) c\n----\n(2) d\n", "AD003", (9, 1), "one"),
        ("[A]: a \\", "AD002", (1, 8), "backslash"),
        (
            "[A]: a\n" + "".join(f"{'  ' * n}  + [S{n}]: s\n" for n in range(250)),
            "AD004",
            None,
            "flatten",
        ),
    ],
)
def test_bad_argdown_is_a_diagnostic(
    text: str, code: str, place: tuple[int, int] | None, words: str
) -> None:
    with pytest.raises(MapError) as raised:
        parse_argdown(text, "bad.argdown")
    (diagnostic,) = raised.value.diagnostics
    assert diagnostic.code == code and diagnostic.path == "bad.argdown"
    if place is not None:
        assert (diagnostic.span.line, diagnostic.span.column) == place
    assert diagnostic.hint is not None and words in diagnostic.hint + diagnostic.message


def test_the_cli_shows_the_caret_and_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "bad.argdown"
    source.write_text("[A]: a\n\n  + [B]: b\n", encoding="utf-8")
    target = tmp_path / "bad.arg"
    result = CliRunner().invoke(main, ["convert", str(source), "-o", str(target)])
    assert result.exit_code == 2
    assert f"{source}:3:3: AD001" in result.output
    assert "  + [B]: b\n      |   ^" in result.output
    assert "hint:" in result.output and "Traceback" not in result.output
    assert not target.exists()


def test_the_cli_converts_and_prints_warnings(tmp_path: Path) -> None:
    source = tmp_path / "car.argdown"
    source.write_text("<S>: sketch\n  +> [T]: t\n", encoding="utf-8")
    target = tmp_path / "car.arg"
    result = CliRunner().invoke(main, ["convert", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert f"argmap: {source}:1:1: warning: AD201 the argument <S>" in result.output
    checked = CliRunner().invoke(main, ["check", str(target)])
    assert checked.exit_code == 0, checked.output


def test_untrusted_frontmatter_and_data() -> None:
    # Nested aliases: 30 levels of 3 make a structure of 3**30 leaves when expanded. Only
    # strings and numbers are ever read from the YAML, so it costs nothing.
    levels = "".join(f"l{n + 1}: &l{n + 1} [*l{n}, *l{n}, *l{n}]\n" for n in range(30))
    bomb = f"===\nl0: &l0 [x, x, x]\n{levels}speakers:\n  s: *l30\ngroups: *l30\n===\n\n"
    argument_map, warnings = read(bomb + "[A]: a {speaker: s}\n")
    assert argument_map.speakers[0].name == "s" and "AD213" in warnings[0]
    # More than 100 aliases: not read at all.
    levels = "".join(f"l{n + 1}: &l{n + 1} [*l{n}, *l{n}, *l{n}]\n" for n in range(40))
    _, warnings = read(f"===\nl0: &l0 [x]\n{levels}===\n\n[A]: a\n")
    assert len(warnings) == 1 and "aliases" in warnings[0]
    _, warnings = read("[A]: a {key: [unclosed}\n")
    assert len(warnings) == 1 and "AD209" in warnings[0]


# --- round trips --------------------------------------------------------------------------


def same_map(first: ArgumentMap, second: ArgumentMap) -> None:
    for name in ("metadata", "speakers", "statements", "arguments", "groups", "expectations"):
        assert getattr(first, name) == getattr(second, name), name
    assert Counter(first.relations) == Counter(second.relations)


@pytest.mark.parametrize("path", sorted(MAPS.glob("*.arg")), ids=lambda p: p.name)
def test_example_maps_go_to_argdown_and_back(path: Path) -> None:
    argument_map = loads(path.read_text(encoding="utf-8"), str(path))
    imported = parse_argdown(to_argdown(argument_map), "back.argdown")
    assert imported.warnings == ()
    same_map(imported.map, argument_map)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(argument_maps())
def test_generated_maps_go_to_argdown_and_back(argument_map: ArgumentMap) -> None:
    # Maps the export writes as they are: valid, no repeated premise or tag, and no
    # contradiction with an argument (which Argdown has no way to say).
    try:
        check_references(argument_map, "m")
    except Exception:
        assume(False)
    assume(not [d for d in check(argument_map) if d.severity is Severity.ERROR])
    assume(all(len(set(a.premises)) == len(a.premises) for a in argument_map.arguments))
    # Argdown keeps one relation per kind and ends ("a relation written twice is one
    # relation", docs/interchange.md): two that differ only in speaker or tags become one.
    ends = [
        (r.kind, *sorted((r.source, r.target)))
        if r.kind is RelationKind.CONTRADICTION
        else (r.kind, r.source, r.target)
        for r in argument_map.relations
    ]
    assume(len(set(ends)) == len(ends))
    nodes = (*argument_map.statements, *argument_map.arguments, *argument_map.relations)
    assume(all(len(set(n.tags)) == len(n.tags) for n in (*nodes, *argument_map.groups)))
    assume(
        not any(
            r.kind is RelationKind.CONTRADICTION
            and (argument_map.argument(r.source) or argument_map.argument(r.target))
            for r in argument_map.relations
        )
    )
    # An argument with a conclusion bears on things through its conclusion in Argdown's model
    # (docs/interchange.md; test_an_argument_s_own_relation_comes_back_as_its_conclusion_s).
    concluded = {
        a.id
        for a in argument_map.arguments
        if a.conclusion is not None and argument_map.statement(a.conclusion) is not None
    }
    assume(not any(r.source in concluded for r in argument_map.relations))
    imported = parse_argdown(to_argdown(argument_map), "back.argdown")

    def tidy(text: str | None) -> str | None:
        # Argdown text is one line: runs of white space come back as one space.
        return " ".join(text.split()) or None if text is not None else None

    expected = dataclasses.replace(
        argument_map,
        statements=tuple(
            dataclasses.replace(s, text=tidy(s.text) or "") for s in argument_map.statements
        ),
        arguments=tuple(dataclasses.replace(a, note=tidy(a.note)) for a in argument_map.arguments),
    )
    same_map(imported.map, expected)


def test_the_format_is_registered_for_convert() -> None:
    result = CliRunner().invoke(main, ["convert", "--help"])
    assert ".argdown" in result.output
    text = (REPO / "docs" / "interchange.md").read_text(encoding="utf-8")
    assert re.search(r"\| Argdown \| yes \| yes \|", text)


def test_an_argument_s_own_relation_comes_back_as_its_conclusion_s() -> None:
    source = 'claim p: "P."\nclaim c: "C."\nclaim d: "D."\nargument a: p -> c\na supports d\n'
    argument_map = loads(source)
    back = parse_argdown(to_argdown(argument_map), "back.argdown").map
    assert [(r.kind, r.source, r.target) for r in back.relations] == [
        (RelationKind.SUPPORT, "c", "d")
    ]
