"""A large map parsed in forked processes gives exactly the serial parse's model and diagnostics."""

from __future__ import annotations

import os
import signal
import sys

import pytest

from argmap.language import parallel
from argmap.language import parser as parser_module
from argmap.language.itemcache import ITEM_CACHE
from argmap.language.parser import parse
from argmap.model import NO_SPAN
from tests.language.test_line_tokens import everything

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or sys.platform == "darwin", reason="parallel parsing forks"
)


def _map(items: int) -> str:
    out = ['title: "A long map"', 'speaker sp: "Speaker"', 'thesis t: "The thesis."']
    for i in range(items):
        out += [
            f'claim c{i} @sp #tag: "Claim {i}"',
            f'  + premise p{i}: "Premise {i}"',
            f'    - objection o{i}: "Objection {i}"',
            f"c{i} supports t",
        ]
    return "\n".join(out) + "\n"


@pytest.fixture
def forked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Parse in up to 3 processes from 400 lines on; the list counts the forked parses."""
    monkeypatch.setattr(parallel, "PROCESSES", 3)
    monkeypatch.setattr(parallel, "MIN_LINES", 400)
    monkeypatch.setattr(ITEM_CACHE, "limit", 0)
    # Other tests may leave a thread running, which would keep the parse in one process.
    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    calls: list[int] = []
    original = parallel.run_forked

    def counted(work, parts, *codec):  # type: ignore[no-untyped-def]
        calls.append(len(parts))
        return original(work, parts, *codec)

    monkeypatch.setattr(parallel, "run_forked", counted)
    return calls


def _serial(text: str) -> parser_module.ParseResult:
    processes, parallel.PROCESSES = parallel.PROCESSES, 1
    try:
        return parse(text, "m.arg")
    finally:
        parallel.PROCESSES = processes


def test_a_correct_map(forked: list[int]) -> None:
    text = _map(1_000)
    result = parse(text, "m.arg")
    assert forked and forked[0] > 1
    assert result == _serial(text)
    # The parts come back as columns (`argmap.model.to_columns`): every span too.
    assert everything(result) == everything(_serial(text))
    assert len(result.map.statements) == 3_001 and not result.diagnostics
    # What no equality compares: NO_SPAN is itself, and equal strings are one object.
    statements = result.map.statements
    assert statements[-2].id == "p999" and statements[-2].speaker_span is NO_SPAN
    assert statements[-3].speaker == "sp" and statements[-3].speaker is statements[-6].speaker


def test_problems_the_builder_reports_in_every_part(forked: list[int]) -> None:
    text = _map(1_000).replace("claim c900 ", "claim claim ")
    text = text.replace("claim c10 @sp", "claim c10 @sp @other")
    result = parse(text, "m.arg")
    assert forked
    assert result == _serial(text)
    assert [d.code for d in result.diagnostics] == ["E113", "E009"]


def test_a_syntax_error_is_reported_as_by_the_serial_parse(forked: list[int]) -> None:
    text = _map(1_000).replace('premise p700: "Premise 700"', "premise p700 Premise 700")
    result = parse(text, "m.arg")
    assert forked
    assert result == _serial(text)
    assert [d.code for d in result.diagnostics] == ["E001"]


def test_metadata_set_again_in_a_later_part(forked: list[int]) -> None:
    text = _map(1_000) + 'title: "Again"\n'
    result = parse(text, "m.arg")
    assert forked
    assert result == _serial(text)
    assert [d.code for d in result.diagnostics] == ["W205"]
    assert result.map.metadata.title == "Again"


def test_small_maps_and_the_library_default_stay_in_one_process() -> None:
    assert parallel.PROCESSES == 1
    assert parallel.processes(1_000_000) == 1


def test_no_fork_while_another_thread_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    monkeypatch.setattr(parallel, "PROCESSES", 2)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not parallel.can_fork()
        assert parallel.processes(1_000_000) == 1
    finally:
        stop.set()
        thread.join()


def _part_work(part: int) -> list[object]:
    """A result per part: a large one (more than a pipe holds), or one that fails."""
    if part == 2:
        raise RuntimeError("this part fails")
    if part == 3:
        # Pickling stops half-way: the first half of the list is already sent.
        return [*range(200_000), lambda: None]
    return [part, "x" * 1_000_000, *range(100_000)]


def test_results_come_back_through_the_pipe_and_a_failed_child_is_noticed() -> None:
    found = parallel.run_forked(_part_work, [0, 1])
    assert found == [_part_work(0), _part_work(1)]
    # A child whose work fails, or whose result cannot be pickled whole: no result.
    assert parallel.run_forked(_part_work, [0, 2]) is None
    assert parallel.run_forked(_part_work, [0, 1, 3]) is None


def _alarm(seconds: int) -> None:
    def stop(signum: int, frame: object) -> None:
        raise TimeoutError("run_forked hangs")

    signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)


def test_a_failed_child_among_several_does_not_leave_another_blocked() -> None:
    # Part 2 fails: the parent stops reading, and the large results of parts 1 and 4 must
    # not stay blocked on pipes that a sibling holds open.
    _alarm(60)
    try:
        assert parallel.run_forked(_part_work, [0, 1, 2, 4]) is None
        assert parallel.run_forked(_part_work, [0, 2, 1, 4]) is None
    finally:
        signal.alarm(0)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # every child was waited for


def test_when_the_callers_own_part_fails_the_children_are_stopped_and_reaped() -> None:
    _alarm(60)
    try:
        with pytest.raises(RuntimeError, match="this part fails"):
            parallel.run_forked(_part_work, [2, 1, 4])
    finally:
        signal.alarm(0)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_the_calling_process_parses_the_larger_part() -> None:
    chunks = [(start, start + 10) for start in range(0, 1_200, 10)]
    for count in (2, 3, 4):
        parts = parser_module._split(chunks, count)
        assert len(parts) == count
        assert [chunk for part in parts for chunk in part] == chunks  # in order, each once
        sizes = [part[-1][1] - part[0][0] for part in parts]
        # 7/5 of each other part's lines: it also does not pickle its part.
        assert all(abs(sizes[0] * 5 / 7 - size) <= 10 for size in sizes[1:])
    assert parser_module._split([(0, 5)], 2) == [[(0, 5)]]
