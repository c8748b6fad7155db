"""What every command shares: exit codes, the one error path, and expanding paths to files."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, NoReturn

import click

from argmap.errors import ArgmapError

# Exit codes: 0 fine, 1 problems found in a map, 2 usage or unreadable input.
EXIT_OK, EXIT_PROBLEMS, EXIT_INPUT = 0, 1, 2


def error(message: str) -> None:
    """Print one error message the way every command does: `argmap: error: ...` on stderr."""
    click.echo(f"argmap: error: {message}", err=True)


def fail(problem: ArgmapError) -> NoReturn:
    """Print an ArgmapError as one message and exit with its code."""
    error(str(problem))
    sys.exit(problem.exit_code)


def binary_stdout() -> BinaryIO:
    """Standard output for bytes (click's get_binary_stream is deprecated in click 8.5)."""
    return sys.stdout.buffer


def expand_paths(paths: tuple[str, ...]) -> list[str]:
    """Files as given; directories become the .arg files under them, in sorted order."""
    files: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(str(p) for p in sorted(path.rglob("*.arg")) if p.is_file())
        else:
            files.append(name)
    return files


def split_codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """`--select E1,W2 --select I` as ('E1', 'W2', 'I')."""
    return tuple(
        code.strip().upper() for value in values for code in value.split(",") if code.strip()
    )


@contextmanager
def time_limit(seconds: float | None, what: str) -> Iterator[None]:
    """Run a block; after `seconds` print one error and end the process with exit code 2.

    A watchdog thread ends the process rather than raising into the block, because a solver
    deep in C code would not see an exception until it returned. What was printed so far is
    flushed first, so a streamed answer ends where the time ran out.
    """
    if seconds is None:
        yield
        return

    def expire() -> None:
        try:
            sys.stdout.flush()
        finally:
            sys.stderr.write(
                f"\nargmap: error: {what} took longer than the time limit of {seconds:g} s "
                "(--timeout)\n"
            )
            sys.stderr.flush()
            os._exit(EXIT_INPUT)

    watchdog = threading.Timer(seconds, expire)
    watchdog.daemon = True
    watchdog.start()
    try:
        yield
    finally:
        watchdog.cancel()
