"""The examples of docs/interchange.md are what the code does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import loads
from argmap.cli import main
from argmap.interchange import formats
from argmap.interchange.aif import parse_aif
from argmap.interchange.argdown import to_argdown
from argmap.interchange.argdown_reader import parse_argdown
from argmap.interchange.carneades_yaml import parse_carneades_yaml
from argmap.interchange.mermaid import to_mermaid
from argmap.interchange.microtext import parse_microtext
from argmap.language.formatter import format_text
from argmap.language.printer import to_arg
from tests.conftest import REPO

PAGE = (REPO / "docs" / "interchange.md").read_text(encoding="utf-8")
EXAMPLES = dict(re.findall(r"<!-- example: ([\w-]+) -->\n```\w*\n(.*?)```", PAGE, re.S))
PAIRS = ("fmt", "aif", "errors", "microtext", "argdown", "argdown-read", "carneades", "mermaid")


def test_every_example_pair_is_there() -> None:
    assert sorted(EXAMPLES) == sorted(
        [f"{name}-{side}" for name in PAIRS for side in ("in", "out")]
        + ["graphml-python", "graphml-printed"]
    )


def test_fmt_example() -> None:
    assert format_text(EXAMPLES["fmt-in"]) == EXAMPLES["fmt-out"]
    assert format_text(EXAMPLES["fmt-out"]) == EXAMPLES["fmt-out"]


def test_aif_example() -> None:
    imported = parse_aif(EXAMPLES["aif-in"], "flood.json")
    assert to_arg(imported.map) == EXAMPLES["aif-out"]
    warning = (
        "flood.json: warning: 1 TA dialogue transition(s) have no counterpart in argmap "
        "and were not imported (7)"
    )
    assert [str(w) for w in imported.warnings] == [warning]
    assert " ".join(warning.split()) in " ".join(PAGE.replace("`", "").split())


def test_annotation_errors_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open("taxes.json", "w", encoding="utf-8") as source:
        source.write(EXAMPLES["errors-in"])
    result = CliRunner().invoke(main, ["convert", "taxes.json", "-o", "taxes.arg"])
    assert (result.exit_code, result.output) == (0, EXAMPLES["errors-out"])
    strict = CliRunner().invoke(main, ["convert", "taxes.json", "-o", "s.arg", "--strict"])
    assert strict.exit_code == 2
    documented = "argmap: error: taxes.json: 2 annotation error(s) (--strict), so nothing was "
    assert strict.output.startswith(documented + "written: AIF102 ")
    assert " ".join(documented.split()) in " ".join(PAGE.replace("`", "").split())


def test_microtext_example() -> None:
    imported = parse_microtext(EXAMPLES["microtext-in"], "bins.xml")
    assert to_arg(imported.map) == EXAMPLES["microtext-out"]


def test_carneades_example() -> None:
    imported = parse_carneades_yaml(EXAMPLES["carneades-in"], "rebuttal.yml")
    assert to_arg(imported.map) == EXAMPLES["carneades-out"]
    assert imported.warnings == ()


def test_argdown_example() -> None:
    assert to_argdown(loads(EXAMPLES["argdown-in"])) == EXAMPLES["argdown-out"]


def test_reading_argdown_example() -> None:
    imported = parse_argdown(EXAMPLES["argdown-read-in"], "car.argdown")
    assert to_arg(imported.map) == EXAMPLES["argdown-read-out"]
    (warning,) = imported.warnings
    assert f"(`argmap: {warning}`)" in " ".join(PAGE.split())


@pytest.mark.parametrize("command", ["fmt", "convert"])
def test_commands_are_documented(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert f"argmap {command}" in PAGE


def test_mermaid_example() -> None:
    assert to_mermaid(loads(EXAMPLES["mermaid-in"])) == EXAMPLES["mermaid-out"]


def test_graphml_example(capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(EXAMPLES["graphml-python"], "docs/interchange.md", "exec"), {})
    assert capsys.readouterr().out == EXAMPLES["graphml-printed"]


def test_registry_example() -> None:
    example = re.search(r"## The format registry.*?```python\n(.*?)```", PAGE, re.S)
    assert example is not None
    try:
        exec(compile(example.group(1), "docs/interchange.md", "exec"), {})
        outline = formats.get("outline")
        assert formats.for_path("notes.OUTLINE", formats.CONVERT) is outline
        assert outline.write_text(loads('thesis t: "T"\nclaim c: "C"\n')) == "T\nC"
    finally:
        formats.unregister("outline")
    assert "outline" not in formats.names()


def test_registry_table_lists_every_format() -> None:
    table = PAGE[PAGE.index("## The format registry") : PAGE.index("## Mermaid export")]
    for name in formats.names():
        assert re.search(rf"`{name}`", table), name
        for suffix in formats.get(name).suffixes:
            assert f"`{suffix}`" in table, suffix
