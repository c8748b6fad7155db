"""The command line's fast path (argmap/cli/fast.py): a replay equals the command's own run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from argmap import stamp
from argmap.cli import fast
from argmap.cli.group import main as group
from tests.conftest import MAPS, REPO

WARNED = 'thesis t: "T"\nclaim c: "C"\nclaim lonely: "Nobody uses me"\nc supports t\n'
BROKEN = 'thesis t: "T"\nclaim c: "C"\nc supports nowhere\n'

Run = tuple[int, bytes, bytes]


@pytest.fixture(autouse=True)
def _nothing_pending() -> None:
    """A request left pending by a test must not be recorded by another test's command."""
    yield
    fast.PENDING.clear()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the example maps, a map with warnings and one with errors (the cwd)."""
    for source in sorted(MAPS.glob("*.arg")):
        shutil.copy(source, tmp_path / source.name)
    (tmp_path / "warned.arg").write_text(WARNED, encoding="utf-8")
    (tmp_path / "broken.arg").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def command(argv: list[str]) -> Run:
    """The click command's own run, as the console script runs it after a cache miss: the
    fast path is asked first (and must not serve), then the command records its run."""
    assert fast.attempt(argv) is None
    result = CliRunner().invoke(group, argv)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout_bytes, result.stderr_bytes


def replay(argv: list[str], capfdbinary: pytest.CaptureFixture[bytes]) -> Run | None:
    """The fast path's answer (None when it leaves the request to the command)."""
    capfdbinary.readouterr()
    code = fast.attempt(argv)
    out, err = capfdbinary.readouterr()
    if code is None:
        assert (out, err) == (b"", b"")
        return None
    return code, out, err


CHECKS = [
    [],
    ["--format", "json"],
    ["--format=github"],
    ["--format", "sarif"],
    ["--strict"],
    ["--select", "I,W", "--ignore", "I302"],
    ["--no-expected"],
    ["--expected"],
    ["--color"],
    ["--no-color"],
    ["-j", "2"],
    ["--jobs=1"],
]


@pytest.mark.parametrize("options", CHECKS, ids=lambda o: " ".join(o) or "plain")
@pytest.mark.parametrize(
    "name", ["tokayev.arg", "cosmological.arg", "four_day_week.arg", "warned.arg", "broken.arg"]
)
def test_a_replayed_check_equals_the_command(
    project: Path, capfdbinary: pytest.CaptureFixture[bytes], name: str, options: list[str]
) -> None:
    argv = ["check", *options, name]
    first = command(argv)
    assert first[2] == b""
    assert replay(argv, capfdbinary) == first
    # The same check with the options after the map is another request, stored apart.
    moved = ["check", name, *options]
    if moved != argv:
        assert replay(moved, capfdbinary) is None


def test_the_maps_give_each_exit_code(project: Path) -> None:
    warned = command(["check", "warned.arg"])
    assert warned[0] == 0 and b"W202" in warned[1]
    assert command(["check", "--strict", "warned.arg"])[0] == 1
    assert command(["check", "broken.arg"])[0] == 1


def test_a_changed_map_is_checked_again(
    project: Path, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    argv = ["check", "warned.arg"]
    command(argv)
    (project / "warned.arg").write_text(BROKEN, encoding="utf-8")
    assert replay(argv, capfdbinary) is None
    second = command(argv)
    assert second[0] == 1
    assert replay(argv, capfdbinary) == second
    # One entry per command line: the new run replaced the old one.
    assert len(list(Path(os.environ["ARGMAP_CACHE_DIR"]).glob("run-*.bin"))) == 1


def test_maps_with_imports_and_unusual_requests_are_left_to_the_command(
    project: Path, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    (project / "part.arg").write_text('claim p: "P"\n', encoding="utf-8")
    (project / "whole.arg").write_text('import "part.arg"\nthesis t: "T"\np supports t\n')
    os.mkfifo(project / "pipe.arg")
    declined = [
        ["check", "whole.arg"],  # its result depends on part.arg, which the key does not hold
        ["check", "tokayev.arg", "warned.arg"],
        ["check", "."],
        ["check", "-"],
        ["check", "--no-cache", "tokayev.arg"],
        ["check", "--stdin-filename", "x.arg", "-"],
        ["check", "-j2", "tokayev.arg"],
        ["check", "--format", "tokayev.arg"],
        ["check", "--", "tokayev.arg"],
        ["check", "--help"],
        ["check", "missing.arg"],
        ["check", "pipe.arg"],  # a named pipe: the fast path must not wait on it
        ["render", "tokayev.arg"],  # no -o: the output's name comes from the format
        ["render", "tokayev.arg", "-o", "a.svg", "-o", "b.svg"],
        ["render", "tokayev.arg", "--out-dir", "build"],
        ["fmt", "tokayev.arg"],
        [],
    ]
    for argv in declined:
        if argv[:1] == ["check"] and not {"--help", "-", "pipe.arg"} & set(argv):
            CliRunner().invoke(group, argv)  # whatever the command stores, it is not served
        assert fast.attempt(argv) is None, argv
        assert fast.PENDING == [], argv
    assert not list(Path(os.environ["ARGMAP_CACHE_DIR"]).glob("run-*.bin"))


def test_a_map_imports_when_batch_says_so() -> None:
    samples = [
        'import "a.arg"\n',
        'thesis t: "T"\n  \timport "a.arg" as a\n',
        "import",
        'thesis t: "import"\n',
        "imports\n",
        "important\nx import y\n",
        "import_x\n",
        "\nimport\tx",
        "\r\nimport x",
    ]
    for sample in samples:
        expected = bool(re.search(r"^[ \t]*import\b", sample, re.M))
        assert fast.imports_maps(sample.encode()) == expected, sample


def test_a_check_of_a_map_that_imports_in_utf16_is_not_stored(
    project: Path, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    (project / "part.arg").write_text('claim p: "P"\n', encoding="utf-8")
    text = 'import "part.arg"\nthesis t: "T"\np supports t\n'
    (project / "whole.arg").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    first = command(["check", "whole.arg"])
    assert first[0] == 0
    assert replay(["check", "whole.arg"], capfdbinary) is None
    assert not list(Path(os.environ["ARGMAP_CACHE_DIR"]).glob("run-*.bin"))


def test_the_fast_path_knows_every_option_of_the_commands() -> None:
    for name in ("check", "render"):
        found = group.get_command(click.Context(group), name)
        assert found is not None
        known = fast.FLAGS[name] | fast.VALUES[name] | fast.DECLINED[name]
        for param in found.params:
            if not isinstance(param, click.Option):
                continue
            names = {*param.opts, *param.secondary_opts}
            assert names <= known, (name, names - known)
            if names & (fast.FLAGS[name] | fast.VALUES[name]):
                takes_value = not param.is_flag and param.nargs == 1
                assert bool(names & fast.VALUES[name]) == takes_value, names
                assert not names & fast.DECLINED[name]


def test_a_new_argmap_or_a_damaged_entry_is_not_served(
    project: Path, capfdbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ["check", "tokayev.arg"]
    first = command(argv)
    [entry] = Path(os.environ["ARGMAP_CACHE_DIR"]).glob("run-*.bin")
    good = entry.read_bytes()
    assert replay(argv, capfdbinary) == first
    with monkeypatch.context() as patched:
        patched.setattr(stamp, "_STAMP", ["a changed argmap"])
        assert replay(argv, capfdbinary) is None
    assert replay(argv, capfdbinary) == first
    damaged = [
        good[: len(good) // 2],  # truncated
        good.replace(b"0 notes", b"0 n0tes") if b"0 notes" in good else good[:-1] + b"!",
        good[:-10] + b"A" * 10,
        b"",
    ]
    for blob in damaged:
        entry.write_bytes(blob)
        assert replay(argv, capfdbinary) is None
    # A planted entry: well formed, its digest right, but stored for another request.
    other = ["check", "--strict", "broken.arg"]
    command(other)
    planted = next(p for p in entry.parent.glob("run-*.bin") if p != entry)
    entry.write_bytes(planted.read_bytes())
    assert replay(argv, capfdbinary) is None
    # One that says what the key says, with a digest made for its text, is what it says.
    fast.PENDING.clear()
    request = fast.parse(argv)
    assert request is not None
    request.data = (project / "tokayev.arg").read_bytes()
    request.slot = fast.slot(request)
    key = fast.key(request)
    entry.write_bytes(fast.encode(key, fast.Entry(0, b"planted\n", b"", b"", [])))
    assert replay(argv, capfdbinary) == (0, b"planted\n", b"")


def test_no_cache_neither_reads_nor_writes(
    project: Path, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    command(["check", "tokayev.arg"])
    assert replay(["check", "tokayev.arg", "--no-cache"], capfdbinary) is None
    folder = Path(os.environ["ARGMAP_CACHE_DIR"])
    before = sorted(folder.glob("run-*.bin"))
    command(["check", "--no-cache", "warned.arg"])
    assert sorted(folder.glob("run-*.bin")) == before


def test_version_equals_the_command(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    result = CliRunner().invoke(group, ["--version"])
    assert replay(["--version"], capfdbinary) == (0, result.stdout_bytes, b"")
    assert replay(["-V"], capfdbinary) == (0, result.stdout_bytes, b"")


@pytest.mark.needs_dot
@pytest.mark.parametrize(
    "options",
    [
        [],
        ["--format", "dot"],
        ["--theme", "mono", "--legend", "--rankdir=LR"],
        ["--eval", "grounded", "--show-ids"],
        ["--focus", "chaos", "--depth", "1"],
    ],
    ids=lambda o: " ".join(o) or "plain",
)
def test_a_replayed_render_writes_the_same_bytes(
    project: Path, capfdbinary: pytest.CaptureFixture[bytes], options: list[str]
) -> None:
    argv = ["render", "tokayev.arg", "-o", "out.svg", *options]
    first = command(argv)
    written = (project / "out.svg").read_bytes()
    (project / "out.svg").unlink()
    assert replay(argv, capfdbinary) == first
    assert (project / "out.svg").read_bytes() == written


@pytest.mark.needs_dot
def test_a_replayed_render_prints_warnings_and_writes_standard_output(
    project: Path, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    argv = ["render", "warned.arg", "-o", "-", "--format", "svg"]
    first = command(argv)
    assert b"W2" in first[2] and first[1].startswith(b"<")
    assert replay(argv, capfdbinary) == first
    # A map with errors is not rendered, and its run is not stored.
    assert command(["render", "broken.arg", "-o", "b.svg"])[0] == 1
    assert replay(["render", "broken.arg", "-o", "b.svg"], capfdbinary) is None


@pytest.mark.needs_dot
def test_a_replayed_render_goes_through_the_write_guard(
    project: Path, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    argv = ["render", "tokayev.arg", "-o", "out/map.svg"]
    missing = command(argv)
    assert missing[0] == 2 and b"does not exist" in missing[2]
    command([*argv, "--parents"])
    shutil.rmtree(project / "out")
    # The folder is missing again: the replay steps aside and the command says so.
    assert replay(argv, capfdbinary) is None
    assert replay([*argv, "--parents"], capfdbinary) == (0, b"", b"")
    assert (project / "out" / "map.svg").read_bytes().startswith(b"<")
    # The output is never the input, even when the request was stored with another map there.
    command(["render", "tokayev.arg", "-o", "copy.arg", "--format", "svg"])  # stored
    os.remove(project / "copy.arg")
    os.symlink(project / "tokayev.arg", project / "copy.arg")
    assert (
        replay(["render", "tokayev.arg", "-o", "copy.arg", "--format", "svg"], capfdbinary) is None
    )
    assert (project / "tokayev.arg").read_bytes() == (MAPS / "tokayev.arg").read_bytes()


@pytest.mark.needs_dot
def test_a_render_is_not_replayed_after_an_imported_file_changed(
    project: Path, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    (project / "lib").mkdir()
    (project / "lib" / "deep.arg").write_text('claim d: "Deep"\n', encoding="utf-8")
    (project / "lib" / "part.arg").write_text(
        'import "deep.arg"\nclaim p: "Part"\nd supports p\n', encoding="utf-8"
    )
    (project / "whole.arg").write_text(
        'import "lib/part.arg" as part\nthesis t: "T"\npart.p supports t\n', encoding="utf-8"
    )
    for name in ("lib/deep.arg", "lib/part.arg"):
        os.utime(project / name, ns=(1, 1))  # saved long before the run
    argv = ["render", "whole.arg", "-o", "whole.svg"]
    first = command(argv)
    assert first[0] == 0
    assert replay(argv, capfdbinary) == first
    (project / "lib" / "deep.arg").write_text('claim d: "Deeper"\n', encoding="utf-8")
    assert replay(argv, capfdbinary) is None
    # Changed just now, the file may have changed during the run: the run is not stored.
    second = command(argv)
    assert b"Deeper" in (project / "whole.svg").read_bytes()
    assert replay(argv, capfdbinary) is None
    os.utime(project / "lib" / "deep.arg", ns=(1, 1))
    assert command(argv) == second
    assert replay(argv, capfdbinary) == second


def test_the_console_script_replays_without_loading_click(tmp_path: Path) -> None:
    # The whole process, as the console script and bench/run.py run it.
    script = (
        "import atexit, sys\n"
        "marker = sys.argv.pop()\n"
        "atexit.register(lambda: print(sorted({'click', 'lark', 'argmap.model'} & "
        "set(sys.modules)), file=open(marker, 'w')))\n"
        "from argmap.cli import main\n"
        "sys.argv[0] = 'argmap'\n"
        "main()\n"
    )
    shutil.copy(MAPS / "tokayev.arg", tmp_path / "tokayev.arg")
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", script, "check", "tokayev.arg", str(tmp_path / "loaded")],
            cwd=tmp_path,
            env=environment,
            capture_output=True,
            check=False,
        )
        loaded = (tmp_path / "loaded").read_text("utf-8").strip()
        runs.append((done.returncode, done.stdout, done.stderr, loaded))
    assert runs[0][:3] == runs[1][:3]
    assert runs[0][0] == 0 and b"7 notes" in runs[0][1]
    assert runs[0][3] == "['argmap.model', 'click', 'lark']"
    assert runs[1][3] == "[]"
