"""What every command shares: exit codes, the one error path, and expanding paths to files."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, NoReturn, TextIO, TypeVar

import click

from argmap.deadline import time_limit as time_limit  # one time limit for every command
from argmap.errors import ArgmapError

F = TypeVar("F", bound=Callable[..., Any])

# Exit codes: 0 fine, 1 problems found in a map, 2 usage or unreadable input.
EXIT_OK, EXIT_PROBLEMS, EXIT_INPUT = 0, 1, 2


def error(message: str) -> None:
    """Print one error message the way every command does: `argmap: error: ...` on stderr."""
    click.echo(f"argmap: error: {message}", err=True)


def echoed(pieces: list[tuple[str, bool | None]], stream: TextIO) -> str:
    """What `click.echo(message, color=colour)` writes to `stream` for each piece, as one text.

    A colour of None is click's default: escape codes are kept only on a terminal.
    """
    buffer = io.StringIO()
    for message, colour in pieces:
        click.echo(message, file=buffer, color=stream.isatty() if colour is None else colour)
    return buffer.getvalue()


def fail(problem: ArgmapError) -> NoReturn:
    """Print an ArgmapError as one message and exit with its code."""
    error(str(problem))
    sys.exit(problem.exit_code)


def timeout_option(function: F) -> F:
    """`--timeout SECONDS`: the command stops with a message and exit code 2 when it runs
    longer (see argmap.deadline.time_limit)."""
    option = click.option(
        "--timeout",
        type=click.FloatRange(min=0, min_open=True),
        default=None,
        metavar="SECONDS",
        help="Stop with a message and exit code 2 after SECONDS.",
    )
    return option(function)


def parents_option(function: F) -> F:
    """`--parents`: create the output's missing folders. Without it, a missing folder is an
    error naming it (a typo in a path must not scatter files), for every command that
    writes a file."""
    option = click.option(
        "--parents",
        is_flag=True,
        help="Create the output file's missing folders (like mkdir -p); without it a "
        "missing folder is an error.",
    )
    return option(function)


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
