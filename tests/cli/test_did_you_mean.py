"""A misspelt id, scheme or code on the command line gets a suggestion, with exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.diagnostics import suggest_code


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout + result.stderr


def test_focus_suggests_the_closest_id(tmp_path: Path) -> None:
    path = tmp_path / "m.arg"
    path.write_text('thesis clean_air: "Cleaner air."\n', encoding="utf-8")
    code, out = run("render", str(path), "--focus", "clen_air", "-o", "-", "--format", "dot")
    assert code == 2
    assert "focus 'clen_air'" in out and "did you mean 'clean_air'?" in out


def test_a_focus_far_from_every_id_lists_the_ids(tmp_path: Path) -> None:
    path = tmp_path / "m.arg"
    path.write_text('thesis clean_air: "Cleaner air."\n  + premise cars: "Cars."\n', "utf-8")
    code, out = run("render", str(path), "--focus", "zzz", "-o", "-", "--format", "dot")
    assert code == 2
    assert "with this id; its ids are cars, clean_air" in out


def test_schemes_suggests_the_closest_scheme() -> None:
    code, out = run("schemes", "expert_opinon")
    assert code == 2 and "did you mean 'expert_opinion'?" in out


@pytest.mark.parametrize(("typed", "meant"), [("E1O1", "E101"), ("101", "E101"), ("w2o3", "W203")])
def test_explain_suggests_the_code_meant(typed: str, meant: str) -> None:
    code, out = run("explain", typed)
    assert code == 2 and f"did you mean {meant}?" in out
    assert suggest_code(typed) == meant


def test_select_suggests_the_code_meant(tmp_path: Path) -> None:
    path = tmp_path / "m.arg"
    path.write_text('thesis t: "T."\n', encoding="utf-8")
    code, out = run("check", str(path), "--select", "E1O1")
    assert code == 2 and "did you mean E101?" in out
    assert suggest_code("nothing like a code") is None
