"""Every command ends with a message and a meaningful exit code: time limits, closed pipes,
full devices, standard input as `-`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.deadline import time_limit
from argmap.errors import TimeLimitError
from tests.conftest import REPO

MAP = 'thesis t: "x"\n  + premise p: "y"\n'


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def argmap(*args: str, **kwargs: object) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen([sys.executable, "-m", "argmap", *args], env=env, **kwargs)  # type: ignore[call-overload]


def test_time_limit_interrupts_python_code_and_kills_a_child_process() -> None:
    started = time.monotonic()
    expected = r"work took longer than the time limit of 0\.3 s \(--timeout\)"
    with pytest.raises(TimeLimitError, match=expected), time_limit(0.3, "work"):
        while True:
            pass
    with pytest.raises(TimeLimitError), time_limit(0.3, "dot"):
        subprocess.run(["sleep", "30"], check=False)
    assert time.monotonic() - started < 5
    # subprocess.run killed the child as the error passed through it: no sleep is left.
    leftover = subprocess.run(["pgrep", "-P", str(os.getpid()), "sleep"], capture_output=True)
    assert leftover.stdout == b""
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL  # the handler is put back


def test_code_that_ignores_the_alarm_is_ended_by_the_watchdog() -> None:
    """A C extension that never returns to Python: SIGALRM blocked stands in for it."""
    program = (
        "import signal, time\n"
        "from argmap.deadline import time_limit\n"
        "signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})\n"
        "with time_limit(0.2, 'solving'):\n"
        "    time.sleep(30)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True,
                            text=True, timeout=20, check=False)  # fmt: skip
    assert result.returncode == 2 and time.monotonic() - started < 10
    expected = "\nargmap: error: solving took longer than the time limit of 0.2 s (--timeout)\n"
    assert result.stderr == expected


def test_eval_and_render_stop_at_their_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "m.arg"
    source.write_text(MAP, "utf-8")

    def forever(*args: object, **kwargs: object) -> None:
        while True:
            time.sleep(0.01)

    import argmap.cli.evaluate
    import argmap.rendering.graphviz

    monkeypatch.setattr(argmap.cli.evaluate, "evaluate", forever)
    code, out, err = run("eval", str(source), "--timeout", "0.2")
    assert (code, out) == (2, "")
    assert err == (
        f"argmap: error: evaluating {source} took longer than the time limit of 0.2 s (--timeout)\n"
    )
    monkeypatch.setattr(argmap.rendering.graphviz, "render", forever)
    code, out, err = run("render", str(source), "-o", str(tmp_path / "m.svg"), "--timeout", "0.2")
    assert code == 2 and "rendering" in err and "took longer than the time limit of 0.2 s" in err
    assert not (tmp_path / "m.svg").exists()
    code, _, err = run("eval", str(source), "--timeout", "0")
    assert code == 2 and "--timeout" in err


@pytest.mark.needs_dot
def test_render_timeout_stops_graphviz(tmp_path: Path) -> None:
    """A real Graphviz run that takes seconds is killed when the limit comes."""
    lines = ['thesis t: "root"']
    lines += [f'  + premise p{i}: "{"word " * 40}{i}"' for i in range(5000)]
    source = tmp_path / "big.arg"
    source.write_text("\n".join(lines) + "\n", "utf-8")
    started = time.monotonic()
    process = argmap("render", str(source), "-o", str(tmp_path / "big.svg"), "--timeout", "1",
                     stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)  # fmt: skip
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2 and time.monotonic() - started < 30
    assert b"took longer than the time limit of 1 s" in err
    assert not (tmp_path / "big.svg").exists()


@pytest.mark.parametrize(
    "args", [["check", "{many}"], ["render", "{many}", "-o", "-", "--format", "dot"]]
)
def test_a_closed_pipe_ends_the_command_quietly(tmp_path: Path, args: list[str]) -> None:
    many = tmp_path / "many.arg"
    many.write_text("".join(f'claim c{i}: "{i}"\n' for i in range(3000)), "utf-8")
    read, write = os.pipe()
    with open(tmp_path / "stderr", "wb") as stderr:  # a file: a pipe could fill and block
        process = argmap(*(a.format(many=many) for a in args), stdout=write, stderr=stderr)
    os.close(write)
    assert os.read(read, 10)
    os.close(read)
    assert process.wait(timeout=60) == 141
    err = (tmp_path / "stderr").read_text("utf-8")
    assert "Traceback" not in err and "Exception ignored" not in err


@pytest.mark.parametrize("args", [["check", "{map}"], ["eval", "{map}"], ["render", "{map}",
                                  "-o", "-", "--format", "dot"], ["fmt", "-"]])  # fmt: skip
def test_a_full_device_is_a_message_and_exit_2(tmp_path: Path, args: list[str]) -> None:
    source = tmp_path / "m.arg"
    source.write_text(MAP, "utf-8")
    with open("/dev/full", "wb") as full:
        process = argmap(*(a.format(map=source) for a in args), stdout=full,
                         stdin=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
        _, err = process.communicate(MAP.encode(), timeout=60)
    assert process.returncode == 2, err
    assert err.decode().endswith("argmap: error: standard output: the device is full; "
                                 "the output is incomplete\n")  # fmt: skip


def test_a_dash_is_standard_input() -> None:
    assert run("check", "-", stdin=MAP)[0] == 0
    code, out, _ = run("eval", "-", stdin=MAP)
    assert code == 0 and "IN     thesis   t" in out
    assert run("fmt", "-", stdin='thesis   t:   "x"\n')[1] == 'thesis t: "x"\n'
    code, out, _ = run("render", "-", "-o", "-", "--format", "dot", stdin=MAP)
    assert code == 0 and out.startswith("digraph")
