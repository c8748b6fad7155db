"""Map evaluation: the translation, the textbook cases, and the page that documents them."""

from __future__ import annotations

import contextlib
import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.cli import main
from argmap.evaluation.evaluate import (
    TooManyExtensions,
    evaluate,
    format_text,
    json_schema,
    rank,
    to_json,
    translate,
)
from argmap.evaluation.semantics import Label
from argmap.model import Argument, ArgumentMap, Relation, RelationKind, Role, Statement
from tests.conftest import REPO

PAGE = REPO / "docs" / "evaluation.md"
BLOCK = re.compile(r"```(\w*)\n(.*?)```", re.S)
FILE_LINE = re.compile(r"(?://|%|#) file: (\S+)")


def run_page(page: str, directory: Path) -> str:
    """The page with every console block's output regenerated, running its commands in order.

    Blocks whose first line is `// file: NAME` (or `%`, `#` for framework files) are written
    to `directory` first, so later commands can read them.
    """
    runner = CliRunner()
    pieces: list[str] = []
    position = 0
    for match in BLOCK.finditer(page):
        language, body = match.group(1), match.group(2)
        first = FILE_LINE.match(body.split("\n", 1)[0])
        if first and language != "console":
            (directory / first.group(1)).write_text(body, encoding="utf-8")
        if language != "console":
            continue
        lines: list[str] = []
        for line in body.splitlines():
            if not line.startswith("$ "):
                continue
            lines.append(line)
            words = shlex.split(line[2:])
            if words[0] == "cat":
                lines.extend((directory / words[1]).read_text(encoding="utf-8").splitlines())
                continue
            assert words[0] == "argmap", line
            with contextlib.chdir(directory):
                result = runner.invoke(main, words[1:])
            assert result.exception is None or isinstance(result.exception, SystemExit), line
            lines.extend(result.output.splitlines())
        pieces.append(page[position : match.start(2)] + "\n".join(lines) + "\n")
        position = match.end(2)
    pieces.append(page[position:])
    return "".join(pieces)


def test_the_evaluation_page_shows_what_argmap_prints(tmp_path: Path) -> None:
    page = PAGE.read_text(encoding="utf-8")
    assert run_page(page, tmp_path) == page, (
        "regenerate with: python -m tests.evaluation.test_evaluate (then review the diff)"
    )
    snippets = [body for language, body in BLOCK.findall(page) if language == "python"]
    assert len(snippets) == 1
    with contextlib.chdir(tmp_path):
        exec(compile(snippets[0], str(PAGE), "exec"), {})


def test_the_page_covers_every_textbook_case() -> None:
    page = PAGE.read_text(encoding="utf-8")
    files = FILE_LINE.findall(page)
    for name in (
        "reinstatement",
        "nixon",
        "odd-cycle",
        "floating",
        "undercut",
        "linked",
        "convergent",
        "double-standards",
        "smoker",
    ):
        assert f"{name}.arg" in files


# ---------------------------------------------------------------------------------------------
# The translation on maps built by hand (independent of the parser)


def statement(node_id: str, role: str = "statement") -> Statement:
    return Statement(node_id, Role(role), node_id)


def relation(kind: str, source: str, target: str) -> Relation:
    return Relation(RelationKind(kind), source, target)


def labels(argument_map: ArgumentMap, semantics: str = "grounded") -> dict[str, str]:
    return evaluate(argument_map, semantics).labels()


def test_translation_of_linked_convergent_undercut_and_contradiction() -> None:
    argument_map = ArgumentMap(
        statements=(
            statement("c", "thesis"),
            statement("p"),
            statement("q"),
            statement("u"),
            statement("x"),
            statement("y"),
        ),
        arguments=(Argument("a1", ("p", "q"), "c"), Argument("a2", ("q",), "c")),
        relations=(
            relation("undercuts", "u", "a1"),
            relation("contradicts", "x", "y"),
            relation("supports", "x", "c"),
        ),
    )
    framework = translate(argument_map).framework
    assert framework.arguments == (
        "c",
        "p",
        "q",
        "u",
        "x",
        "y",
        "a1",
        "a2",
        "lacks:c",
        "not:p",
        "not:q",
    )
    assert framework.attacks == (
        ("y", "x"),
        ("x", "y"),
        ("u", "a1"),
        ("lacks:c", "c"),
        ("a1", "lacks:c"),
        ("a2", "lacks:c"),
        ("x", "lacks:c"),
        ("p", "not:p"),
        ("q", "not:q"),
        ("not:p", "a1"),
        ("not:q", "a1"),
        ("not:q", "a2"),
    )
    assert framework.description("lacks:c") == "c has no standing support"


def test_reinstatement() -> None:
    argument_map = ArgumentMap(
        statements=(
            statement("t", "thesis"),
            statement("o", "objection"),
            statement("r", "rebuttal"),
        ),
        relations=(relation("attacks", "o", "t"), relation("attacks", "r", "o")),
    )
    assert labels(argument_map) == {"t": "in", "o": "out", "r": "in"}
    result = evaluate(argument_map)
    assert result.verdict("o").reason == "defeated by r, which is IN"
    assert result.verdict("o").because == ("r",)
    assert result.verdict("t").reason == "accepted: every attacker is OUT (o)"
    assert result.explanations() == {
        "t": "IN: accepted: every attacker is OUT (o)",
        "o": "OUT: defeated by r, which is IN",
        "r": "IN: accepted: nothing attacks it",
    }


def test_a_linked_argument_falls_with_one_premise_and_its_conclusion_with_it() -> None:
    argument_map = ArgumentMap(
        statements=(
            statement("c", "thesis"),
            statement("p", "premise"),
            statement("q", "premise"),
            statement("o", "objection"),
        ),
        arguments=(Argument("a", ("p", "q"), "c"),),
        relations=(relation("attacks", "o", "q"),),
    )
    assert labels(argument_map) == {"c": "out", "p": "in", "q": "out", "o": "in", "a": "out"}
    result = evaluate(argument_map)
    assert result.verdict("a").reason == "its premise q is OUT"
    assert result.verdict("c").reason == "every support has fallen (a OUT)"


def test_convergent_support_stands_while_one_argument_stands() -> None:
    argument_map = ArgumentMap(
        statements=(
            statement("c", "thesis"),
            statement("p"),
            statement("q"),
            statement("o", "objection"),
        ),
        arguments=(Argument("a1", ("p",), "c"), Argument("a2", ("q",), "c")),
        relations=(relation("attacks", "o", "p"),),
    )
    assert labels(argument_map) == {
        "c": "in",
        "p": "out",
        "q": "in",
        "o": "in",
        "a1": "out",
        "a2": "in",
    }
    assert evaluate(argument_map).verdict("c").reason == "stands: supported by a2 (IN)"


def test_an_undercut_leaves_the_premises_standing() -> None:
    argument_map = ArgumentMap(
        statements=(statement("c", "thesis"), statement("p"), statement("u", "objection")),
        arguments=(Argument("a", ("p",), "c"),),
        relations=(relation("undercuts", "u", "a"),),
    )
    assert labels(argument_map) == {"c": "out", "p": "in", "u": "in", "a": "out"}
    assert evaluate(argument_map).verdict("a").reason == "undercut by u, which is IN"


def test_evidence_and_assumptions_are_given_even_when_their_support_falls() -> None:
    argument_map = ArgumentMap(
        statements=(
            statement("e", "evidence"),
            statement("s", "assumption"),
            statement("c", "claim"),
            statement("p"),
            statement("o"),
        ),
        relations=(
            relation("supports", "p", "e"),
            relation("supports", "p", "s"),
            relation("supports", "p", "c"),
            relation("attacks", "o", "p"),
        ),
    )
    assert labels(argument_map) == {"e": "in", "s": "in", "c": "out", "p": "out", "o": "in"}


def test_an_undecided_node_names_its_cycle() -> None:
    argument_map = ArgumentMap(
        statements=(statement("a"), statement("b"), statement("c"), statement("d")),
        relations=(
            relation("attacks", "a", "b"),
            relation("attacks", "b", "c"),
            relation("attacks", "c", "a"),
            relation("attacks", "c", "d"),
        ),
    )
    result = evaluate(argument_map)
    assert set(result.labels().values()) == {"undec"}
    assert result.verdict("b").cycle == ("a", "b", "c", "a")
    assert result.verdict("d").reason == (
        "undecided: attacker c is UNDEC; it depends on the cycle a -> b -> c -> a"
    )
    stable = evaluate(argument_map, "stable")
    assert stable.extensions == ()
    assert stable.verdict("a").reason == "the map has no stable extension"


def test_a_long_undecided_chain_names_the_cycle_it_hangs_on() -> None:
    count = 2000
    argument_map = ArgumentMap(
        statements=tuple(statement(f"s{i}") for i in range(count)),
        relations=(
            relation("contradicts", "s0", "s1"),
            *(relation("attacks", f"s{i}", f"s{i + 1}") for i in range(1, count - 1)),
        ),
    )
    result = evaluate(argument_map)
    assert {v.cycle for v in result.verdicts} == {("s0", "s1", "s0")}
    assert result.verdict(f"s{count - 1}").reason == (
        f"undecided: attacker s{count - 2} is UNDEC; it depends on the cycle s0 -> s1 -> s0"
    )


def test_too_many_extensions_are_refused_not_enumerated_for_ever(tmp_path: Path) -> None:
    pairs = 8  # 2**8 = 256 preferred extensions
    argument_map = ArgumentMap(
        statements=tuple(statement(f"{side}{i}") for i in range(pairs) for side in "ab"),
        relations=tuple(relation("contradicts", f"a{i}", f"b{i}") for i in range(pairs)),
    )
    assert len(evaluate(argument_map, "preferred", max_extensions=256).extensions) == 256
    with pytest.raises(TooManyExtensions) as caught:
        evaluate(argument_map, "preferred", max_extensions=255)
    assert str(caught.value) == (
        "the map has more than 255 preferred extensions, too many to list; grounded and ideal "
        "semantics give one answer each"
    )
    assert caught.value.exit_code == 2
    assert evaluate(argument_map, "ideal", max_extensions=1).extensions == ((),)


def test_circular_support_is_undecided_in_grounded_and_a_choice_in_preferred() -> None:
    argument_map = ArgumentMap(
        statements=(statement("p", "claim"), statement("q", "claim")),
        relations=(relation("supports", "p", "q"), relation("supports", "q", "p")),
    )
    assert labels(argument_map) == {"p": "undec", "q": "undec"}
    # Accept both, or (with both auxiliary "lacks support" arguments) neither.
    assert evaluate(argument_map, "preferred").extensions == (("p", "q"), ())


def test_relations_to_unknown_ids_are_left_to_the_checker() -> None:
    argument_map = ArgumentMap(
        statements=(statement("a"),),
        arguments=(Argument("x", ("a", "ghost"), "nowhere"),),
        relations=(relation("attacks", "ghost", "a"),),
    )
    assert labels(argument_map) == {"a": "in", "x": "in"}


def test_floating_defeat_per_semantics() -> None:
    argument_map = ArgumentMap(
        statements=(
            statement("t", "thesis"),
            statement("s", "claim"),
            statement("a", "evidence"),
            statement("b", "evidence"),
        ),
        relations=(
            relation("attacks", "s", "t"),
            relation("attacks", "a", "s"),
            relation("attacks", "b", "s"),
            relation("contradicts", "a", "b"),
        ),
    )
    expected = {
        "grounded": ({"t": "undec", "s": "undec", "a": "undec", "b": "undec"}, ()),
        "ideal": ({"t": "undec", "s": "undec", "a": "undec", "b": "undec"}, ()),
        "complete": ({"t": "undec", "s": "undec", "a": "undec", "b": "undec"}, ()),
        "preferred": ({"t": "in", "s": "out", "a": "undec", "b": "undec"}, ("t",)),
        "stable": ({"t": "in", "s": "out", "a": "undec", "b": "undec"}, ("t",)),
        "semi-stable": ({"t": "in", "s": "out", "a": "undec", "b": "undec"}, ("t",)),
        "stage": ({"t": "in", "s": "out", "a": "undec", "b": "undec"}, ("t",)),
    }
    for semantics, (expected_labels, sceptical) in expected.items():
        result = evaluate(argument_map, semantics)
        assert result.labels() == expected_labels, semantics
        assert result.sceptical == sceptical, semantics
    preferred = evaluate(argument_map, "preferred")
    assert preferred.extensions == (("t", "a"), ("t", "b"))
    assert preferred.credulous == ("t", "a", "b")
    assert preferred.verdict("a").labels == (Label.IN, Label.OUT)
    assert preferred.verdict("a").reason == (
        "IN in extension 1 of 2; in extension 2: defeated by b, which is IN"
    )


def test_text_and_json_reports() -> None:
    argument_map = ArgumentMap(
        statements=(statement("t", "thesis"), statement("o", "objection")),
        relations=(relation("attacks", "o", "t"),),
    )
    result = evaluate(argument_map)
    assert format_text(result, argument_map) == (
        "grounded semantics: 1 extension\n"
        "OUT    thesis     t  defeated by o, which is IN\n"
        "IN     objection  o  accepted: nothing attacks it\n"
    )
    document = json.loads(to_json(result, argument_map))
    assert (document["format"], document["version"], document["path"]) == (
        "argmap-evaluation",
        1,
        None,
    )
    assert document["extensions"] == [["o"]]
    assert document["nodes"][0] == {
        "id": "t",
        "kind": "statement",
        "role": "thesis",
        "label": "out",
        "reason": "defeated by o, which is IN",
        "because": ["o"],
        "cycle": [],
        "sceptical": False,
        "credulous": False,
        "labels": ["out"],
    }


def test_rank_rewards_convergent_support_and_punishes_attacks() -> None:
    argument_map = ArgumentMap(
        statements=(
            statement("one", "claim"),
            statement("two", "claim"),
            statement("p"),
            statement("q"),
            statement("r"),
            statement("o", "objection"),
        ),
        arguments=(
            Argument("a1", ("p",), "one"),
            Argument("a2", ("q",), "two"),
            Argument("a3", ("r",), "two"),
        ),
        relations=(relation("attacks", "o", "p"),),
    )
    ranking = dict(rank(argument_map))
    assert [node for node, _ in rank(argument_map)][:4] == ["q", "r", "o", "two"]
    assert ranking["two"] > ranking["one"]
    assert ranking["p"] == 0.5 and ranking["q"] == 1.0
    document = json.loads(to_json(evaluate(argument_map), argument_map, rank(argument_map)))
    jsonschema.Draft202012Validator(json_schema()).validate(document)
    assert document["ranking"][0] == {"id": "q", "strength": 1.0}


def test_many_shared_nodes_are_counted_not_listed() -> None:
    argument_map = ArgumentMap(
        statements=(*(statement(f"s{i}") for i in range(9)), statement("a"), statement("b")),
        relations=(relation("contradicts", "a", "b"),),
    )
    text = format_text(evaluate(argument_map, "preferred"), argument_map)
    assert text.splitlines()[:6] == [
        "preferred semantics: 2 extensions",
        "  every extension holds the 9 sceptically accepted nodes, and:",
        "  extension 1: a",
        "  extension 2: b",
        "sceptically accepted: 9 nodes, labelled IN below",
        "credulously accepted, not sceptically: a, b",
    ]


def test_json_reports_validate_against_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(json_schema())
    validator.check_schema(json_schema())
    for path in sorted((REPO / "maps").glob("*.arg")):
        argument_map = argmap.load(path)
        for semantics in ("grounded", "preferred", "stable"):
            document = json.loads(to_json(evaluate(argument_map, semantics), argument_map))
            validator.validate(document)
            assert document["path"] == str(path)
    bad = json.loads(to_json(evaluate(ArgumentMap()), ArgumentMap()))
    bad["nodes"] = [{"id": "x", "label": "maybe"}]
    assert not validator.is_valid(bad)


# ---------------------------------------------------------------------------------------------
# The CLI: exit codes and errors


def invoke(tmp_path: Path, *args: str) -> tuple[int, str]:
    with contextlib.chdir(tmp_path):
        result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output


def test_eval_refuses_a_map_with_errors(tmp_path: Path) -> None:
    (tmp_path / "bad.arg").write_text('thesis t: "T"\nghost attacks t\n')
    code, output = invoke(tmp_path, "eval", "bad.arg")
    assert code == 1
    assert "bad.arg:2:1: E" in output
    assert output.endswith("argmap: error: bad.arg has errors; fix them before evaluating\n")


def test_eval_input_errors_exit_2(tmp_path: Path) -> None:
    code, output = invoke(tmp_path, "eval", "missing.arg")
    assert (code, output) == (2, "argmap: error: missing.arg: no such file\n")
    (tmp_path / "ok.arg").write_text('thesis t: "T"\n')
    code, output = invoke(tmp_path, "eval", "ok.arg", "--export-af", "ok.txt")
    assert code == 2
    assert "cannot tell the framework format from the suffix '.txt'" in output
    assert not (tmp_path / "ok.txt").exists()
    code, output = invoke(tmp_path, "eval", "ok.arg", "--semantics", "naive")
    assert code == 2 and "'naive' is not one of" in output


def test_eval_exports_every_format(tmp_path: Path) -> None:
    (tmp_path / "m.arg").write_text('thesis t: "T"\n  - objection o: "O"\n')
    for name, text in (
        ("m.apx", "arg(t).\narg(o).\natt(o,t).\n"),
        ("m.tgf", "t\no\n#\no t\n"),
        ("m.af", "p af 2\n# 1 t\n# 2 o\n2 1\n"),
    ):
        code, _ = invoke(tmp_path, "eval", "m.arg", "--export-af", name)
        assert code == 0
        assert (tmp_path / name).read_text() == text


CONVERGENT = """thesis close: "Close it."
  + argument from_cracks:
      premise cracks: "Cracks."
      premise cracks_danger: "Cracks are dangerous."
  + argument from_load:
      premise overload: "Overloaded."
      premise overload_danger: "Overload is dangerous."
objection paint: "Only paint."
paint attacks cracks
"""


def test_render_eval_colours_every_node_by_its_label(tmp_path: Path) -> None:
    (tmp_path / "m.arg").write_text(CONVERGENT)
    code, output = invoke(
        tmp_path, "render", "m.arg", "--eval", "grounded", "-o", "-", "--format", "dot"
    )
    assert code == 0
    lines = {
        re.match(r'  "(\w+)" \[', line).group(1): line  # type: ignore[union-attr]
        for line in output.splitlines()
        if re.match(r'  "\w+" \[id=', line)
    }
    expected = {
        "close": "IN",
        "from_cracks": "OUT",
        "cracks": "OUT",
        "cracks_danger": "IN",
        "from_load": "IN",
        "overload": "IN",
        "overload_danger": "IN",
        "paint": "IN",
    }
    assert set(lines) == set(expected)
    for node, label in expected.items():
        # The label is a badge and a border; the fill keeps the role's colour.
        assert f"<B>■ {label}</B>" in lines[node], node
        border = {"IN": "#1a7f37", "OUT": "#b2182b"}[label]
        assert f'color="{border}"' in lines[node], node
    code, mono = invoke(
        tmp_path,
        "render",
        "m.arg",
        "--eval",
        "preferred",
        "--theme",
        "mono",
        "-o",
        "-",
        "--format",
        "dot",
    )
    assert code == 0 and "<B>■ OUT</B>" in mono and "#b2182b" not in mono
    code, plain = invoke(tmp_path, "render", "m.arg", "-o", "-", "--format", "dot")
    assert code == 0 and "■ IN" not in plain


def test_render_eval_leaves_a_map_with_errors_to_the_render_report(tmp_path: Path) -> None:
    (tmp_path / "bad.arg").write_text('thesis t: "T"\nghost attacks t\n')
    code, output = invoke(tmp_path, "render", "bad.arg", "--eval", "grounded", "-o", "bad.svg")
    assert code == 1
    assert "the map has errors; not rendered" in output
    code, output = invoke(tmp_path, "render", "bad.arg", "--eval", "naive")
    assert code == 2 and "'naive' is not one of" in output


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "arg(a).\natt(a,b).\n",
            "f.apx:2: attack (a, b) names argument 'b', which is not declared",
        ),
        ("arg(a)\n", "f.apx:1: expected 'arg(NAME).' or 'att(NAME,NAME).', found 'arg(a)'"),
    ],
)
def test_af_solve_reports_bad_files_with_their_line(
    tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "f.apx").write_text(text)
    code, output = invoke(tmp_path, "af", "solve", "-p", "EE-PR", "-f", "f.apx")
    assert (code, output) == (2, f"argmap: error: {message}\n")


def test_af_solve_format_option_and_task_errors(tmp_path: Path) -> None:
    (tmp_path / "f.txt").write_text("p af 2\n1 2\n")
    assert invoke(tmp_path, "af", "solve", "-p", "EE-GR", "-f", "f.txt", "--fo", "i23") == (
        0,
        "w 1\n",
    )
    assert invoke(tmp_path, "af", "solve", "-p", "EE-GR", "-f", "f.txt", "--fo", "apx") == (
        2,
        "argmap: error: f.txt:1: expected 'arg(NAME).' or 'att(NAME,NAME).', found 'p af 2'\n",
    )
    code, output = invoke(tmp_path, "af", "solve", "-p", "EE-XX", "-f", "f.txt", "--fo", "i23")
    assert code == 2 and output.startswith("argmap: error: unknown task 'EE-XX'")


def test_af_solve_streams_extensions_and_stops_at_the_timeout(tmp_path: Path) -> None:
    # 20 mutually attacking pairs: 2**20 preferred extensions, far more than a second holds.
    pairs = [(f"a{i}", f"b{i}") for i in range(20)]
    text = "".join(f"arg({a}).arg({b}).att({a},{b}).att({b},{a}).\n" for a, b in pairs)
    (tmp_path / "many.apx").write_text(text)
    command = [sys.executable, "-m", "argmap", "af", "solve", "-p", "EE-PR", "-f", "many.apx"]
    done = subprocess.run(
        [*command, "--timeout", "1.5"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "argmap: error: task EE-PR took longer than the time limit of 1.5 s (--timeout)"
    )
    # Extensions were printed as they were found, before the time ran out.
    assert done.stdout.startswith("[[") and done.stdout.count("],[") > 10
    quick = subprocess.run(
        [*command[:-4], "-p", "DS-PR", "-f", "many.apx", "-a", "a1", "--timeout", "30"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (quick.returncode, quick.stdout) == (0, "NO\n")


if __name__ == "__main__":
    # Regenerate the outputs on docs/evaluation.md: python -m tests.evaluation.test_evaluate
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        PAGE.write_text(run_page(PAGE.read_text(encoding="utf-8"), Path(scratch)), encoding="utf-8")
    sys.exit(0)


# ---------------------------------------------------------------------------------------------
# The structure rules hold on any map, in every extension of every semantics.


ROLES = [role.value for role in Role]


@st.composite
def random_maps(draw: st.DrawFn) -> ArgumentMap:
    count = draw(st.integers(1, 6))
    statements = tuple(
        Statement(f"s{i}", Role(draw(st.sampled_from(ROLES))), "x") for i in range(count)
    )
    ids = [s.id for s in statements]
    arguments = tuple(
        Argument(
            f"a{i}",
            tuple(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))),
            draw(st.sampled_from(ids)),
        )
        for i in range(draw(st.integers(0, 3)))
    )
    nodes = ids + [a.id for a in arguments]
    relations = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(list(RelationKind)))
        target_pool = [a.id for a in arguments] if kind is RelationKind.UNDERCUT else nodes
        if not target_pool:
            continue
        relations.append(
            Relation(kind, draw(st.sampled_from(nodes)), draw(st.sampled_from(target_pool)))
        )
    return ArgumentMap(statements=statements, arguments=arguments, relations=tuple(relations))


@settings(max_examples=200, deadline=None)
@given(
    random_maps(),
    st.sampled_from(["grounded", "complete", "preferred", "stable", "semi-stable", "ideal"]),
)
def test_structure_rules_hold_in_every_extension(argument_map: ArgumentMap, semantics: str) -> None:
    result = evaluate(argument_map, semantics)
    t = result.translation
    for number in range(len(result.extensions)):
        label = {v.node: v.labels[number] for v in result.verdicts}
        IN, OUT = Label.IN, Label.OUT
        for node in t.nodes:
            hostile = (*t.attackers.get(node, ()), *t.undercutters.get(node, ()))
            beaten = any(label[h] is IN for h in hostile)
            if node in t.premises:
                premises = t.premises[node]
                # A linked argument stands when all premises stand and no attack on it does,
                # and falls when one premise falls or one attack stands.
                assert (label[node] is IN) == (
                    all(label[p] is IN for p in premises) and all(label[h] is OUT for h in hostile)
                )
                assert (label[node] is OUT) == (beaten or any(label[p] is OUT for p in premises))
            elif node in t.derived:
                supports = t.supporters[node]
                # Convergent support: the conclusion stands while one support stands.
                assert (label[node] is IN) == (
                    any(label[s] is IN for s in supports) and all(label[h] is OUT for h in hostile)
                )
                assert (label[node] is OUT) == (beaten or all(label[s] is OUT for s in supports))
            else:
                # Accepted unless attacked.
                assert (label[node] is IN) == all(label[h] is OUT for h in hostile)
                assert (label[node] is OUT) == beaten


def test_render_eval_puts_each_explanation_in_tooltips_and_the_html_page(
    tmp_path: Path,
) -> None:
    source = tmp_path / "m.arg"
    source.write_text('claim a: "A"\n  - objection b: "B"\n      - rebuttal c: "C"\n', "utf-8")
    page = tmp_path / "m.html"
    dot = tmp_path / "m.dot"
    runner = CliRunner()
    assert (
        runner.invoke(main, ["render", str(source), "--eval", "grounded", "-o", str(dot)]).exit_code
        == 0
    )
    assert "evaluation: OUT: defeated by c, which is IN" in dot.read_text("utf-8")
    if shutil.which("dot"):
        assert (
            runner.invoke(
                main, ["render", str(source), "--eval", "grounded", "-o", str(page)]
            ).exit_code
            == 0
        )
        assert '"evaluation": "OUT: defeated by c, which is IN"' in page.read_text("utf-8")
