"""Parsing a large map's chunks in forked processes, when the command line allows it."""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any, TypeVar

Part = TypeVar("Part")
Result = TypeVar("Result")

# How many processes may parse one text: 1 keeps every parse in the calling process (the
# default for the library); 0 means one per core. The `argmap` command sets 0.
PROCESSES = 1
# Below this many lines per process, starting and hearing back from one costs more than it
# saves (a 10,000-statement map has about 18,000 lines).
MIN_LINES = 4_000


def processes(lines: int) -> int:
    """How many processes to parse a text of this many lines in (1: only this one)."""
    if PROCESSES == 1 or not hasattr(os, "fork") or sys.platform == "darwin":
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    count = min(PROCESSES or cores or 1, lines // MIN_LINES)
    return count if count > 1 and can_fork() else 1


def can_fork() -> bool:
    """Whether forking is safe here: one thread, and not a worker of a process pool.

    (`argmap check -j` checks files in a pool of processes that already uses every core.)
    """
    if threading.active_count() > 1:
        return False
    # Imported here: only a large map needs it, and its import costs start-up.
    import multiprocessing

    return multiprocessing.parent_process() is None


def run_forked(
    work: Callable[[Part], Result],
    parts: list[Part],
    pack: Callable[[Result], object] | None = None,
    unpack: Callable[[Any], Result] | None = None,
) -> list[Result] | None:
    """`work` of every part: the first here, each other one in a forked process.

    The children send their results back pickled through a pipe, as `pack` makes them
    (`unpack` makes the result again here). None when a child failed (the caller then does
    the work here).
    """
    children: list[tuple[int, int]] = []
    for part in parts[1:]:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into the caller's code
            status = 1
            try:
                os.close(read_end)
                # The pipes of the children forked before: held open here, a child that
                # writes into one would never learn that the parent stopped reading it.
                for _, earlier in children:
                    os.close(earlier)
                result: object = work(part)
                if pack is not None:
                    result = pack(result)  # type: ignore[arg-type]
                data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
                del result
                with os.fdopen(write_end, "wb") as out:
                    out.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        children.append((pid, read_end))
    try:
        results = [work(parts[0])]
    except BaseException:
        # The caller's own part failed: the children's work is not wanted any more.
        for pid, read_end in children:
            os.close(read_end)
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        raise
    failed = False
    for pid, read_end in children:
        with os.fdopen(read_end, "rb") as source:
            if not failed:
                # Read as it is unpickled: the pickled bytes are never held whole here.
                try:
                    found = pickle.load(source)
                    if source.read(1):
                        raise pickle.UnpicklingError("more data after the result")
                    results.append(found if unpack is None else unpack(found))
                except Exception:  # whatever went wrong, the caller does the work here
                    failed = True
        _, status = os.waitpid(pid, 0)
        failed = failed or status != 0
    return None if failed else results
