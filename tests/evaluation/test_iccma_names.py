"""Argument names in the bracket answers are quoted when they would make the answer ambiguous."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from argmap.cli import main
from argmap.evaluation.semantics import iccma_name


def test_plain_names_print_as_they_are() -> None:
    assert [iccma_name(n) for n in ("a", "a1", "x_y", "3")] == ["a", "a1", "x_y", "3"]


def test_names_with_commas_brackets_quotes_or_spaces_are_quoted() -> None:
    assert iccma_name("a,b") == '"a,b"'
    assert iccma_name("d e") == '"d e"'
    assert iccma_name("[x]") == '"[x]"'
    assert iccma_name('say "hi"') == '"say \\"hi\\""'
    assert iccma_name("back\\slash") == '"back\\\\slash"'


def test_an_extension_with_a_comma_in_a_name_reads_back_unambiguously(tmp_path: Path) -> None:
    framework = tmp_path / "q.apx"
    framework.write_text('arg("a,b").\narg(c).\narg("d e").\natt(c,"d e").\n', encoding="utf-8")
    for task in ("EE-PR", "SE-PR"):
        result = CliRunner().invoke(main, ["af", "solve", "-p", task, "-f", str(framework)])
        assert result.exit_code == 0, result.output
        assert '"a,b"' in result.output and "a,b," not in result.output.replace('"a,b"', "")
