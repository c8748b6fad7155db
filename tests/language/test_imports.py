"""Maps in several files: `import "x.arg"` is followed safely, and problems name the real file."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.checking.pipeline import check_text, parse_checked
from argmap.checking.report import format_text
from argmap.cli import main
from argmap.embed.blocks import load_block, parse_block
from argmap.errors import MapError
from argmap.language.formatter import format_text as format_map
from argmap.language.imports import ROOT_VARIABLE, parse_with_imports
from argmap.language.loading import load, loads

CHARTER = (
    'speaker un: "United Nations"\n'
    'statement integrity: "States have a right to territorial integrity."\n'
    'statement self_det: "Peoples have a right to self-determination."\n'
    "integrity contradicts self_det\n"
)
TOP = (
    'import "charter.arg"\n'
    'title: "The Charter"\n'
    'thesis open @un: "The Charter leaves the question open."\n'
    "integrity supports open\n"
    "self_det supports open\n"
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def places(text: str, path: Path, **kwargs: object) -> list[tuple[str, str, int, int]]:
    return [
        (d.code, Path(d.path).name, d.span.line, d.span.column)
        for d in check_text(text, str(path), **kwargs)  # type: ignore[arg-type]
    ]


def test_imported_ids_and_speakers_are_usable(tmp_path: Path) -> None:
    write(tmp_path, "charter.arg", CHARTER)
    top = write(tmp_path, "top.arg", TOP)
    argument_map = load(top)
    assert [s.id for s in argument_map.statements] == ["integrity", "self_det", "open"]
    assert [s.id for s in argument_map.speakers] == ["un"]
    assert argument_map.metadata.title == "The Charter"
    assert argument_map.path == str(top)
    assert check_text(TOP, str(top)) == []


def test_a_problem_in_an_imported_file_names_that_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, "charter.arg", CHARTER + "integrity supports nowhere\n")
    top = write(tmp_path, "top.arg", TOP)
    [diagnostic] = check_text(TOP, str(top))
    assert (diagnostic.code, diagnostic.path, diagnostic.span.line) == (
        "E101",
        str(tmp_path / "charter.arg"),
        5,
    )
    report = format_text([diagnostic], {str(top): TOP})
    # The caret excerpt is the imported file's line, not a line of the top map.
    assert "    5 | integrity supports nowhere" in report


def test_a_syntax_error_in_an_imported_file_names_that_file(tmp_path: Path) -> None:
    write(tmp_path, "maps/charter.arg", 'statement integrity: "x"\nthesis broken "no colon"\n')
    top = write(tmp_path, "top.arg", 'import "maps/charter.arg"\nthesis t: "T"\n')
    assert places(top.read_text(), top) == [("E001", "charter.arg", 2, 15)]
    with pytest.raises(MapError):
        load(top)


def test_a_clashing_id_is_reported_at_the_importing_declaration(tmp_path: Path) -> None:
    write(tmp_path, "charter.arg", CHARTER)
    text = 'import "charter.arg"\nclaim integrity: "Mine."\n'
    top = write(tmp_path, "top.arg", text)
    [clash] = [d for d in check_text(text, str(top)) if d.code == "E102"]
    assert (clash.path, clash.span.line) == (str(top), 2)
    assert clash.hint is not None and "charter.arg, line 2" in clash.hint
    [(span, _)] = clash.related
    assert (Path(span.path).name, span.line) == ("charter.arg", 2)
    report = format_text([clash], {str(top): text})
    assert f"note: {tmp_path / 'charter.arg'}:2:11: first declared here" in report


def test_a_speaker_declared_alike_in_two_files_is_one_speaker(tmp_path: Path) -> None:
    write(tmp_path, "charter.arg", CHARTER)
    text = (
        'import "charter.arg"\nspeaker un: "United Nations"\n'
        'thesis t @un: "T"\nintegrity supports t\n'
    )
    assert [d.code for d in check_text(text, str(tmp_path / "top.arg"))] == []
    other = text.replace('"United Nations"', '"UN"', 1)
    assert "E102" in [d.code for d in check_text(other, str(tmp_path / "top.arg"))]


def test_an_import_cycle_is_an_error_at_the_line_that_closes_it(tmp_path: Path) -> None:
    write(tmp_path, "a.arg", 'import "b.arg"\nthesis a: "A"\n')
    write(tmp_path, "b.arg", '// b\nimport "a.arg"\nclaim b: "B"\n')
    top = tmp_path / "a.arg"
    [cycle] = [d for d in check_text(top.read_text(), str(top)) if d.code == "E012"]
    assert (Path(cycle.path).name, cycle.span.line) == ("b.arg", 2)
    assert cycle.message == "import cycle: a.arg imports b.arg imports a.arg"
    itself = write(tmp_path, "self.arg", 'import "self.arg"\n')
    assert places(itself.read_text(), itself) == [("E012", "self.arg", 1, 8)]


def test_a_file_imported_twice_is_merged_once(tmp_path: Path) -> None:
    write(tmp_path, "charter.arg", CHARTER)
    write(tmp_path, "left.arg", 'import "charter.arg"\nclaim l: "L"\nl supports integrity\n')
    write(tmp_path, "right.arg", 'import "charter.arg"\nclaim r: "R"\nr supports self_det\n')
    text = 'import "left.arg"\nimport "right.arg"\nthesis t: "T"\nintegrity supports t\n'
    result = parse_with_imports(text, str(tmp_path / "top.arg"))
    ids = [s.id for s in result.map.statements]
    assert ids == ["integrity", "self_det", "l", "r", "t"]
    assert sorted(Path(f).name for f in result.files) == ["charter.arg", "left.arg", "right.arg"]


def test_a_missing_import_suggests_a_near_file(tmp_path: Path) -> None:
    write(tmp_path, "charter.arg", CHARTER)
    text = 'import "chartr.arg"\n'
    [missing] = check_text(text, str(tmp_path / "top.arg"))
    assert (missing.code, missing.span.line, missing.span.column) == ("E010", 1, 8)
    assert missing.message == "cannot import 'chartr.arg': no such file"
    assert missing.hint is not None and "did you mean 'charter.arg'?" in missing.hint


@pytest.mark.parametrize("written", ["../outside.arg", "sub/../../outside.arg", "/etc/passwd"])
def test_an_import_may_not_leave_the_project(tmp_path: Path, written: str) -> None:
    project = tmp_path / "project"
    write(tmp_path, "outside.arg", 'thesis secret: "Outside."\n')
    text = f'import "{written}"\nthesis t: "T"\n'
    top = write(project, "top.arg", text)
    assert [d.code for d in check_text(text, str(top))] == ["E011"]


def test_a_symlink_out_of_the_project_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write(tmp_path, "outside.arg", 'thesis secret: "Outside."\n')
    top = write(project, "top.arg", 'import "link.arg"\nthesis t: "T"\n')
    os.symlink(tmp_path / "outside.arg", project / "link.arg")
    assert [d.code for d in check_text(top.read_text(), str(top))] == ["E011"]


def test_a_root_given_or_set_in_the_environment_widens_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "common/charter.arg", CHARTER)
    text = 'import "../common/charter.arg"\nthesis t @un: "T"\nintegrity supports t\n'
    top = write(tmp_path, "debate/top.arg", text)
    assert [d.code for d in check_text(text, str(top))] == ["E011"]
    assert check_text(text, str(top), root=tmp_path) == []
    monkeypatch.setenv(ROOT_VARIABLE, str(tmp_path))
    assert check_text(text, str(top)) == []


def test_text_without_a_file_imports_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "charter.arg", CHARTER)
    monkeypatch.chdir(tmp_path)
    assert [s.id for s in loads(TOP).statements][:2] == ["integrity", "self_det"]


def test_the_formatter_keeps_imports_and_formats_one_file(tmp_path: Path) -> None:
    text = 'import   "charter.arg"\nthesis t :  "T"\n'
    assert format_map(text, str(tmp_path / "top.arg")) == 'import "charter.arg"\nthesis t: "T"\n'


def test_the_commands_follow_imports(tmp_path: Path) -> None:
    write(tmp_path, "charter.arg", CHARTER)
    top = write(tmp_path, "top.arg", TOP)
    runner = CliRunner()
    checked = runner.invoke(main, ["check", str(top)])
    assert checked.exit_code == 0, checked.output
    rendered = runner.invoke(main, ["render", str(top), "-o", "-", "--format", "dot"])
    assert rendered.exit_code == 0, rendered.output
    assert "territorial integrity" in rendered.stdout
    evaluated = runner.invoke(main, ["eval", str(top), "--format", "json"])
    assert evaluated.exit_code == 0, evaluated.output
    nodes = json.dumps(json.loads(evaluated.stdout)["nodes"])
    assert "integrity" in nodes and "self_det" in nodes
    converted = runner.invoke(main, ["convert", str(top), "-o", "-", "--to", "arg"])
    assert converted.exit_code == 0, converted.output
    assert 'statement integrity: "States have a right' in converted.stdout
    broken = write(tmp_path, "broken.arg", 'import "charter.arg"\nintegrity supports nowhere\n')
    failed = runner.invoke(main, ["check", str(broken)])
    assert failed.exit_code == 1
    assert f"{broken}:2:20: E101" in failed.stdout


def test_an_embedded_map_follows_imports(tmp_path: Path) -> None:
    write(tmp_path, "maps/charter.arg", CHARTER)
    write(tmp_path, "maps/top.arg", TOP)
    loaded = load_block(parse_block("file: maps/top.arg\n"), tmp_path, ("doc.md", 3, ""))
    assert loaded.map is not None and loaded.map.statement("integrity") is not None
    assert {p.name for p in loaded.files} == {"top.arg", "charter.arg"}
    inline = 'import "maps/charter.arg"\nthesis t: "T"\nintegrity supports tt\n'
    document = str(tmp_path / "doc.md")
    loaded = load_block(parse_block(inline), tmp_path, (document, 10, ""))
    [unknown] = [d for d in loaded.diagnostics if d.code == "E101"]
    # The inline map's own problem is placed in the document, at the block's line.
    assert (unknown.path, unknown.span.line) == (document, 13)


def test_parse_checked_returns_the_merged_map(tmp_path: Path) -> None:
    write(tmp_path, "charter.arg", CHARTER)
    argument_map, diagnostics = parse_checked(TOP, str(tmp_path / "top.arg"))
    assert diagnostics == [] and argument_map is not None
    assert len(argument_map.relations) == 3


def test_the_documented_example_checks() -> None:
    from tests.conftest import REPO

    page = (REPO / "docs" / "language.md").read_text(encoding="utf-8")
    section = page.split("## Maps in several files", 1)[1].split("\n## ", 1)[0]
    shown, example, treaty, named = re.findall(r"```text\n(.*?)```", section, re.S)
    charter = REPO / "docs" / "maps" / "un_charter.arg"
    assert shown == charter.read_text(encoding="utf-8")
    assert example.startswith('import "maps/un_charter.arg"')
    assert check_text(example, str(REPO / "docs" / "language.md")) == []
    argument_map = loads(example, str(REPO / "docs" / "language.md"))
    assert argument_map.statement("integrity") is not None
    # import ... as: the treaty's own `integrity` beside the Charter's, under two names.
    assert treaty == (REPO / "docs" / "maps" / "treaty.arg").read_text(encoding="utf-8")
    assert check_text(named, str(REPO / "docs" / "language.md")) == []
    argument_map = loads(named, str(REPO / "docs" / "language.md"))
    assert argument_map.statement("un.integrity") is not None
    assert argument_map.statement("treaty.integrity") is not None
    plain = 'import "maps/un_charter.arg"\nimport "maps/treaty.arg"\n'
    assert "E102" in [d.code for d in check_text(plain, str(REPO / "docs" / "language.md"))]


def test_render_watch_renders_again_when_an_imported_map_changes(tmp_path: Path) -> None:
    from argmap.interchange.jobs import imported_files, watch

    charter = write(tmp_path, "charter.arg", CHARTER)
    top = write(tmp_path, "top.arg", TOP)
    assert imported_files(top) == [charter]
    seen: list[str] = []

    def on_change(source: Path) -> None:
        seen.append(load(source).statements[0].text)

    def save_the_charter() -> Iterator[set[Path]]:
        charter.write_text(CHARTER.replace("territorial integrity", "borders"), "utf-8")
        yield {charter.resolve()}

    calls = watch([top], on_change, changes=save_the_charter(), depends=imported_files)
    assert calls == 2
    assert seen == [
        "States have a right to territorial integrity.",
        "States have a right to borders.",
    ]


def test_the_json_model_keeps_the_file_of_imported_places(tmp_path: Path) -> None:
    import jsonschema

    from argmap.interchange.json_model import from_data, schema, to_data

    write(tmp_path, "charter.arg", CHARTER)
    argument_map = load(write(tmp_path, "top.arg", TOP))
    data = to_data(argument_map)
    jsonschema.validate(data, schema())
    spans = {s["id"]: s["span"] for s in data["statements"]}  # type: ignore[index]
    assert spans["integrity"]["path"] == str(tmp_path / "charter.arg")
    assert "path" not in spans["open"]
    assert from_data(data).statement("integrity").span.path == str(tmp_path / "charter.arg")  # type: ignore[union-attr]


def test_evaluation_reads_file_by_file(tmp_path: Path) -> None:
    from argmap.evaluation.evaluate import evaluate

    # The imported statements stand on lines 2-3 of their file, after the top map's line 1.
    write(tmp_path, "charter.arg", CHARTER)
    text = 'thesis open: "Open."\nimport "charter.arg"\nintegrity supports open\n'
    argument_map = load(write(tmp_path, "top.arg", text))
    labels = evaluate(argument_map, "grounded").labels()
    assert list(labels)[:3] == ["integrity", "self_det", "open"]


def test_imports_cannot_exhaust_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.language import imports

    monkeypatch.setattr(imports, "MAX_TOTAL_CHARACTERS", 1000)
    for name in ("a", "b", "c"):
        write(tmp_path, f"{name}.arg", f'claim {name}: "{name * 400}"\n')
    text = 'import "a.arg"\nimport "b.arg"\nimport "c.arg"\nthesis t: "T"\n'
    [problem] = check_text(text, str(tmp_path / "top.arg"))
    assert (problem.code, problem.span.line) == ("E010", 3)
    assert "larger than" in problem.message
    monkeypatch.setattr(imports, "MAX_IMPORTED_FILES", 1)
    assert [d.code for d in check_text(text, str(tmp_path / "top.arg"))] == ["E010", "E010"]


def test_the_check_cache_never_serves_a_stale_result_for_a_map_with_imports(
    tmp_path: Path,
) -> None:
    from argmap.checking.batch import check_file
    from argmap.checking.cache import ResultCache

    cache = ResultCache(tmp_path / "cache")
    charter = write(tmp_path, "charter.arg", CHARTER)
    top = write(tmp_path, "top.arg", TOP)
    assert check_file(str(top), cache).diagnostics == []
    charter.write_text(CHARTER + "integrity supports nowhere\n", encoding="utf-8")
    [unknown] = check_file(str(top), cache).diagnostics
    assert (unknown.code, unknown.path) == ("E101", str(charter))


# -- import "x.arg" as x: a map imported with a name ---------------------------------------------

# The charter with its speaker attributed, so that a clean map has no W207.
ATTRIBUTED = CHARTER.replace("statement integrity:", "statement integrity @un:")
NAMED_TOP = (
    'import "charter.arg" as un\n'
    'title: "The Charter"\n'
    'thesis open @un: "The Charter leaves the question open."\n'
    "un.integrity supports open\n"
    "un.self_det attacks open\n"
)


def test_a_named_import_puts_the_ids_under_its_name(tmp_path: Path) -> None:
    write(tmp_path, "charter.arg", ATTRIBUTED)
    top = write(tmp_path, "top.arg", NAMED_TOP)
    argument_map = load(top)
    assert [s.id for s in argument_map.statements] == ["un.integrity", "un.self_det", "open"]
    # The imported map's own references are under the name too; speakers are shared.
    relations = [(r.source, r.target) for r in argument_map.relations]
    assert relations[0] == ("un.integrity", "un.self_det")
    assert [s.id for s in argument_map.speakers] == ["un"]
    assert argument_map.statement("open").speaker == "un"  # type: ignore[union-attr]
    assert check_text(NAMED_TOP, str(top)) == []
    [line] = parse_with_imports(NAMED_TOP, str(top)).imports
    assert (line.path, line.alias, line.alias_span.line, line.alias_span.column) == (
        "charter.arg",
        "un",
        1,
        25,
    )


def test_ids_under_two_names_never_clash(tmp_path: Path) -> None:
    write(tmp_path, "charter.arg", ATTRIBUTED)
    write(tmp_path, "other.arg", 'claim integrity: "Another integrity."\n')
    text = (
        'import "charter.arg" as un\nimport "other.arg" as other\n'
        'thesis integrity: "Mine."\nun.integrity supports integrity\n'
        "other.integrity attacks integrity\n"
    )
    top = write(tmp_path, "top.arg", text)
    assert check_text(text, str(top)) == []
    ids = [s.id for s in load(top).statements]
    assert ids == ["un.integrity", "un.self_det", "other.integrity", "integrity"]


def test_names_nest_and_a_plain_import_shares_its_importers_name(tmp_path: Path) -> None:
    write(tmp_path, "charter.arg", ATTRIBUTED)
    write(tmp_path, "base.arg", 'claim base: "Base."\n')
    write(
        tmp_path,
        "treaty.arg",
        'import "charter.arg" as un\nimport "base.arg"\n'
        'claim treaty: "The treaty."\nun.integrity supports treaty\nbase supports treaty\n',
    )
    text = 'import "treaty.arg" as t\nthesis x: "X"\nt.treaty supports x\nt.un.self_det attacks x\n'
    top = write(tmp_path, "top.arg", text)
    assert check_text(text, str(top)) == []
    ids = [s.id for s in load(top).statements]
    assert ids == ["t.un.integrity", "t.un.self_det", "t.base", "t.treaty", "x"]


def test_a_file_imported_plainly_and_by_name_is_two_copies(tmp_path: Path) -> None:
    write(tmp_path, "charter.arg", ATTRIBUTED)
    text = (
        'import "charter.arg"\nimport "charter.arg" as un\nimport "charter.arg" as un\n'
        'thesis t @un: "T"\nintegrity supports t\nun.integrity supports t\n'
    )
    result = parse_with_imports(text, str(tmp_path / "top.arg"))
    ids = [s.id for s in result.map.statements]
    assert ids == ["integrity", "self_det", "un.integrity", "un.self_det", "t"]
    assert [Path(f).name for f in result.files] == ["charter.arg"]
    assert check_text(text, str(tmp_path / "top.arg")) == []


def test_an_unknown_name_and_an_unknown_id_under_a_name(tmp_path: Path) -> None:
    write(tmp_path, "charter.arg", ATTRIBUTED)
    text = (
        'import "charter.arg" as un\nthesis t: "T"\n'
        "un.integrty supports t\nunn.integrity supports t\ny.foo supports t\n"
        "integrity supports t\n"
    )
    found = check_text(text, str(tmp_path / "top.arg"))
    assert [(d.code, d.span.line, d.span.column) for d in found] == [
        ("E101", 3, 1),
        ("E101", 4, 1),
        ("E101", 5, 1),
        ("E101", 6, 1),
    ]
    assert [d.hint for d in found] == [
        "did you mean 'un.integrity'?",
        "did you mean 'un.integrity'?",
        'import the map that declares it with this name: import "file.arg" as y',
        "did you mean 'un.integrity'?",
    ]
    assert found[2].message == (
        "the source of this 'supports' relation, 'y.foo' is not declared: no map with ids is "
        "imported as 'y'"
    )


def test_a_problem_in_a_named_import_names_its_file_and_the_id_as_written(
    tmp_path: Path,
) -> None:
    write(tmp_path, "sub/charter.arg", ATTRIBUTED + 'claim side: "S"\nside supports integrty\n')
    text = 'import "sub/charter.arg" as un\nthesis t: "T"\nun.integrity supports t\n'
    top = write(tmp_path, "top.arg", text)
    [unknown] = check_text(text, str(top))
    assert (unknown.code, unknown.path, unknown.span.line, unknown.span.column) == (
        "E101",
        str(tmp_path / "sub" / "charter.arg"),
        6,
        15,
    )
    # The author of charter.arg wrote 'integrty', and is offered an id they can write.
    assert unknown.message == "the target of this 'supports' relation, 'integrty' is not declared"
    assert unknown.hint == "did you mean 'integrity'?"
    duplicate = ATTRIBUTED + 'claim integrity: "Again."\n'
    write(tmp_path, "sub/charter.arg", duplicate)
    [clash] = [d for d in check_text(text, str(top)) if d.code == "E102"]
    assert clash.message == "'integrity' is declared more than once"
    assert (Path(clash.path).name, clash.span.line) == ("charter.arg", 5)


def test_one_name_for_two_maps_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "charter.arg", ATTRIBUTED)
    write(tmp_path, "other.arg", 'claim o: "O"\n')
    text = 'import "charter.arg" as un\nimport "other.arg" as un\nthesis t: "T"\n'
    [taken] = check_text(text, str(tmp_path / "top.arg"))
    assert (taken.code, taken.span.line, taken.span.column) == ("E014", 2, 23)
    assert taken.message == "the name 'un' is already given to the imported map 'charter.arg'"
    assert taken.hint is not None and 'import "other.arg" as other' in taken.hint
    # A name given in an imported file and again in the top map clashes the same way.
    write(tmp_path, "left.arg", 'import "charter.arg" as un\nclaim l: "L"\n')
    text = 'import "left.arg"\nimport "other.arg" as un\nthesis t: "T"\n'
    [taken] = check_text(text, str(tmp_path / "top.arg"))
    assert (taken.code, taken.span.line) == ("E014", 2)
    given = f"it is given on {tmp_path / 'left.arg'}, line 1"
    assert taken.hint is not None and taken.hint.startswith(given)


def test_a_keyword_is_not_a_name_and_a_name_is_not_declared(tmp_path: Path) -> None:
    write(tmp_path, "charter.arg", ATTRIBUTED)
    [keyword] = check_text('import "charter.arg" as claim\n', str(tmp_path / "top.arg"))
    assert (keyword.code, keyword.span.column) == ("E009", 25)
    [dotted] = check_text('claim un.x: "X"\n', str(tmp_path / "top.arg"))
    assert (dotted.code, dotted.span.column, dotted.span.end_column) == ("E001", 7, 10)
    assert dotted.hint is not None and "'un_x'" in dotted.hint


def test_fmt_keeps_a_named_import_and_dotted_references(tmp_path: Path) -> None:
    text = 'import   "charter.arg"   as   un\nthesis t :  "T"\nun.integrity   supports t\n'
    formatted = format_map(text, str(tmp_path / "top.arg"))
    assert formatted == 'import "charter.arg" as un\nthesis t: "T"\nun.integrity supports t\n'
    runner = CliRunner()
    top = write(tmp_path, "top.arg", text)
    result = runner.invoke(main, ["fmt", str(top)])
    assert result.exit_code == 0, result.output
    assert top.read_text(encoding="utf-8") == formatted


def test_the_commands_follow_a_named_import(tmp_path: Path) -> None:
    write(tmp_path, "charter.arg", ATTRIBUTED)
    top = write(tmp_path, "top.arg", NAMED_TOP)
    runner = CliRunner()
    checked = runner.invoke(main, ["check", str(top)])
    assert checked.exit_code == 0, checked.output
    rendered = runner.invoke(main, ["render", str(top), "-o", "-", "--format", "dot"])
    assert rendered.exit_code == 0, rendered.output
    # Titles derived from ids read as in the imported map: "Integrity", not "Un.integrity".
    assert "<B>Integrity</B>" in rendered.stdout and "Un.integrity" not in rendered.stdout
    evaluated = runner.invoke(main, ["eval", str(top), "--format", "json"])
    assert evaluated.exit_code == 0, evaluated.output
    assert "un.integrity" in json.dumps(json.loads(evaluated.stdout)["nodes"])
    converted = runner.invoke(main, ["convert", str(top), "-o", "-", "--to", "arg"])
    assert converted.exit_code == 0, converted.output
    # One .arg file holds the whole map: the named ids become plain ones, and it checks clean.
    assert "statement un_integrity" in converted.stdout
    assert "un_integrity supports open" in converted.stdout
    assert check_text(converted.stdout, str(tmp_path / "flat.arg")) == []
    as_json = runner.invoke(main, ["convert", str(top), "-o", "-", "--to", "json"])
    assert as_json.exit_code == 0 and '"id": "un.integrity"' in as_json.stdout
    failed = write(
        tmp_path, "broken.arg", 'import "charter.arg" as un\nun.integrty supports un.x\n'
    )
    result = runner.invoke(main, ["check", str(failed)])
    assert result.exit_code == 1
    assert (
        f"{failed}:2:1: E101" in result.stdout and "did you mean 'un.integrity'?" in result.stdout
    )


def test_an_embedded_map_follows_a_named_import(tmp_path: Path) -> None:
    write(tmp_path, "maps/charter.arg", ATTRIBUTED)
    write(tmp_path, "maps/top.arg", NAMED_TOP)
    loaded = load_block(parse_block("file: maps/top.arg\n"), tmp_path, ("doc.md", 3, ""))
    assert loaded.map is not None and loaded.map.statement("un.integrity") is not None
    assert {p.name for p in loaded.files} == {"top.arg", "charter.arg"}
    inline = 'import "maps/charter.arg" as un\nthesis t: "T"\nun.integrty supports t\n'
    document = str(tmp_path / "doc.md")
    loaded = load_block(parse_block(inline), tmp_path, (document, 10, ""))
    [unknown] = [d for d in loaded.diagnostics if d.code == "E101"]
    assert (unknown.path, unknown.span.line) == (document, 13)
    assert unknown.hint == "did you mean 'un.integrity'?"
    # A named import may not leave the documentation root either.
    outside = 'import "../outside.arg" as out\nthesis t: "T"\n'
    write(tmp_path.parent, "outside.arg", 'claim secret: "S"\n')
    loaded = load_block(parse_block(outside), tmp_path, (document, 1, ""))
    assert [d.code for d in loaded.diagnostics] == ["E011"]


def test_a_missing_import_in_a_folder_suggests_the_whole_path(tmp_path: Path) -> None:
    write(tmp_path, "sub/charter.arg", ATTRIBUTED)
    [missing] = check_text('import "sub/chartr.arg" as un\n', str(tmp_path / "top.arg"))
    assert (
        missing.hint
        == "did you mean 'sub/charter.arg'? (the path is relative to the importing file)"
    )
    [folder] = check_text('import "subs/charter.arg"\n', str(tmp_path / "top.arg"))
    assert folder.hint == "there is no folder 'subs'; did you mean 'sub/charter.arg'?"


def test_a_commitment_across_files_names_the_file_of_each_place(tmp_path: Path) -> None:
    write(tmp_path, "charter.arg", ATTRIBUTED)
    text = 'import "charter.arg" as un\nthesis open @un: "Open."\nun.integrity attacks open\n'
    top = tmp_path / "top.arg"
    found = [d for d in check_text(text, str(top)) if d.code == "W203"]
    [commitment] = found
    # Reported at the attacker's declaration, in charter.arg; the other place is in top.arg.
    assert (commitment.path, commitment.span.line) == (str(tmp_path / "charter.arg"), 2)
    assert commitment.message == (
        f"United Nations (@un) is committed to 'open' ({top}, line 2) and to 'un.integrity' "
        "(line 2), which attacks it"
    )
