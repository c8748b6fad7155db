"""`argmap check -j N`: files checked in several processes give the serial run's output."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main

CLEAN = 'thesis t: "T"\n  + argument a:\n      premise p: "P"\n      premise q: "Q"\n'
BROKEN = 'thesis main: "T"\n  + premise p: "P"\np supports mian\n'
WARNED = 'thesis t: "T"\nclaim stray: "S"\n'
SYNTAX = 'thesis t "no colon"\n'


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Twelve maps of four kinds, in two folders, plus one unreadable file."""
    for number in range(12):
        folder = tmp_path / ("a" if number % 2 else "b")
        folder.mkdir(exist_ok=True)
        text = (CLEAN, BROKEN, WARNED, SYNTAX)[number % 4]
        (folder / f"m{number:02d}.arg").write_text(text, encoding="utf-8")
    (tmp_path / "b" / "zz_binary.arg").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_two_jobs_print_exactly_what_one_job_prints(tree: Path) -> None:
    serial = run("check", str(tree), "-j", "1")
    parallel = run("check", str(tree), "-j", "2")
    assert parallel == serial
    code, out, err = serial
    assert code == 2  # the unreadable file wins over the problems found
    assert out.endswith(
        "12 files checked: 6 errors, 6 warnings, 0 notes; 1 file could not be read\n"
    )
    assert out.count(" E101 ") == 3 and out.count(" W201 ") == 3 and out.count(" W202 ") == 3
    assert err.count("argmap: error:") == 1 and "zz_binary.arg" in err
    # The diagnostics follow the sorted file order, folder a before folder b.
    assert out.index(str(tree / "a" / "m01.arg")) < out.index(str(tree / "b" / "m02.arg"))


def test_json_output_is_the_same_in_parallel(tree: Path) -> None:
    serial = run("check", "--format", "json", str(tree / "a"), str(tree / "b"))
    parallel = run("check", "--format", "json", "--jobs", "2", str(tree / "a"), str(tree / "b"))
    assert parallel == serial
    assert serial[1].count('"code": "E001"') == 3


def test_zero_jobs_means_every_core(tree: Path) -> None:
    assert run("check", str(tree / "a"), "-j", "0") == run("check", str(tree / "a"))


def test_more_jobs_than_files(tree: Path) -> None:
    single = tree / "a" / "m01.arg"
    code, out, _ = run("check", str(single), "-j", "8")
    assert code == 1
    assert out.endswith("1 file checked: 1 error, 0 warnings, 0 notes\n")


def test_negative_jobs_is_a_usage_error(tree: Path) -> None:
    code, _, err = run("check", str(tree), "-j", "-1")
    assert code == 2 and "-1 is not in the range x>=0" in err
