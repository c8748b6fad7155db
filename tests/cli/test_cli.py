"""The command line: exact output, exit codes, and bad input of every kind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import __version__
from argmap.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def bad_map(tmp_path: Path) -> Path:
    path = tmp_path / "bad.arg"
    path.write_text('thesis main: "T"\n  + premise p: "P"\np supports mian\n', encoding="utf-8")
    return path


def test_check_prints_place_code_caret_and_hint(bad_map: Path) -> None:
    code, out, _ = run("check", str(bad_map))
    assert code == 1
    assert out == (
        f"{bad_map}:3:12: E101 the target of this 'supports' relation, 'mian' is not declared "
        "[error]\n"
        "    3 | p supports mian\n"
        "      |            ^~~~\n"
        "      = hint: did you mean 'main'?\n"
        "\n"
        "1 file checked: 1 error, 0 warnings, 0 notes\n"
    )


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    path = tmp_path / "ok.arg"
    path.write_text(
        'thesis t: "T"\n  + argument a:\n      premise p: "P"\n      premise q: "Q"\n',
        encoding="utf-8",
    )
    assert run("check", str(path)) == (0, "1 file checked: 0 errors, 0 warnings, 0 notes\n", "")


def test_json_format(bad_map: Path) -> None:
    code, out, _ = run("check", "--format", "json", str(bad_map))
    document = json.loads(out)
    assert code == 1 and document["version"] == 1
    assert document["diagnostics"][0]["code"] == "E101"
    assert document["diagnostics"][0]["line"] == 3


def test_strict_select_ignore(tmp_path: Path) -> None:
    path = tmp_path / "w.arg"
    path.write_text('thesis t: "T"\n', encoding="utf-8")
    assert run("check", str(path))[0] == 0
    assert run("check", "--strict", str(path))[0] == 1
    assert run("check", "--strict", "--ignore", "W201", str(path))[0] == 0
    assert "W201" not in run("check", "--select", "E", str(path))[1]
    code, _, err = run("check", "--select", "X9", str(path))
    assert code == 2 and "no diagnostic code starts with 'X9'" in err


def test_directories_are_searched(tmp_path: Path, bad_map: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "ok.arg").write_text('thesis t: "T"\n  + premise p: "P"\n', "utf-8")
    code, out, _ = run("check", str(tmp_path))
    assert code == 1 and out.endswith("2 files checked: 1 error, 0 warnings, 0 notes\n")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
        ('thesis t: "caf\xe9"'.encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_unreadable_input_exits_two(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.arg"
    path.write_bytes(content)
    code, out, err = run("check", str(path))
    assert code == 2 and message in err and "Traceback" not in out + err


def test_missing_file_and_directory_argument(tmp_path: Path) -> None:
    code, _, err = run("check", str(tmp_path / "nope.arg"))
    assert code == 2 and "no such file" in err
    code, _, err = run("check", str(tmp_path))
    assert code == 2 and "no .arg files found" in err


def test_empty_file_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "empty.arg"
    path.write_text("", encoding="utf-8")
    code, out, _ = run("check", str(path))
    assert code == 0 and "W204" in out


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.arg"
    path.write_bytes(b'\xef\xbb\xbfthesis t: "T"\n  + premise p: "P"\n')
    assert run("check", str(path))[0] == 0


def test_explain_and_codes_and_version() -> None:
    code, out, _ = run("explain", "w203")
    assert code == 0 and out.startswith("W203 (warning): inconsistent commitment\n")
    assert "Example:" in out
    code, _, err = run("explain", "E999")
    assert code == 2 and "no diagnostic code 'E999'" in err
    assert run("--version")[1] == f"argmap, version {__version__}\n"
    assert "E106  error    circular support" in run("codes")[1]


@pytest.mark.parametrize("command", ["check", "explain", "codes", "schemes"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0 and "Example" in out


def test_huge_file_is_refused_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.files

    monkeypatch.setattr(argmap.files, "MAX_SOURCE_BYTES", 1024)
    path = tmp_path / "huge.arg"
    path.write_text('claim c: "x"\n' * 200, encoding="utf-8")
    code, out, err = run("check", str(path))
    assert code == 2 and "maps larger than" in err and "Traceback" not in out + err


def test_deeply_nested_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.arg"
    path.write_text(
        'thesis t: "x"\n'
        + "".join(" " * depth + f'+ claim c{depth}: "x"\n' for depth in range(1, 1000)),
        "utf-8",
    )
    code, out, _ = run("check", str(path))
    assert code == 1 and "E005 the outline is nested more than 200 levels deep" in out


def test_check_imports_no_rendering_markdown_or_solver() -> None:
    import subprocess
    import sys

    from tests.conftest import MAPS

    code = (
        "import sys\n"
        "from argmap.cli import main\n"
        "try:\n"
        # --no-expected: the seed map states expected outcomes under preferred semantics,
        # and evaluating them is the one thing `check` needs the solver for.
        f"    main(['check', '--no-expected', {str(MAPS / 'tokayev.arg')!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = {'graphviz', 'markdown', 'clingo', 'sphinx', 'pygments', 'jsonschema'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_color_forces_escape_codes_even_into_a_pipe(bad_map: Path) -> None:
    assert "\x1b[" in run("check", "--color", str(bad_map))[1]
    assert "\x1b[" not in run("check", str(bad_map))[1]


UNREADABLE = {
    "missing": lambda folder: folder / "gone.arg",
    "binary": lambda folder: _written(folder / "image.arg", b"\x89PNG\r\n\x1a\n\x00\x00"),
    "not UTF-8": lambda folder: _written(
        folder / "latin.arg", 'thesis t: "caf\xe9"\n'.encode("latin-1")
    ),
    "a directory named like a map": lambda folder: _folder_with_map_name(folder),
}


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _folder_with_map_name(folder: Path) -> Path:
    path = folder / "maps.arg"
    path.mkdir()
    (path / "notes.txt").write_text("no map here", "utf-8")
    return path


@pytest.mark.parametrize("make", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_the_summary_counts_what_could_not_be_checked(tmp_path: Path, make: object) -> None:
    good = _written(tmp_path / "good.arg", b'thesis t: "T"\n  + premise p: "P"\n')
    assert callable(make)
    bad = make(tmp_path)
    code, out, err = run("check", str(good), str(bad))
    assert code == 2
    assert str(bad) in err
    if bad.is_dir():
        assert out.endswith(
            "1 file checked: 0 errors, 0 warnings, 0 notes; 1 folder held no .arg file\n"
        )
        assert "this folder holds no .arg file" in err
    else:
        assert out.endswith(
            "1 file checked: 0 errors, 0 warnings, 0 notes; 1 file could not be read\n"
        )


def test_only_unreadable_files_say_so_too(tmp_path: Path) -> None:
    code, out, _ = run("check", str(tmp_path / "a.arg"), str(tmp_path / "b.arg"))
    assert (code, out) == (
        2,
        "0 files checked: 0 errors, 0 warnings, 0 notes; 2 files could not be read\n",
    )


def test_render_eval_offers_every_semantics_without_importing_the_evaluation() -> None:
    # `argmap render` takes its --eval choices from the language stage's copy of the list.
    import click

    from argmap.cli.render import render
    from argmap.evaluation.evaluate import SEMANTICS_NAMES

    option = next(p for p in render.params if p.name == "eval_semantics")
    assert isinstance(option.type, click.Choice)
    assert tuple(option.type.choices) == SEMANTICS_NAMES
