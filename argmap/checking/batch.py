"""Checking many files, in several processes when asked, with results in file order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import NamedTuple

from argmap.checking.pipeline import check_text
from argmap.diagnostics import Diagnostic
from argmap.errors import ArgmapError
from argmap.files import read_source
from argmap.language.parser import load_grammar


class CheckedFile(NamedTuple):
    """One file's check: its text and diagnostics, or why it could not be read."""

    path: str
    text: str
    diagnostics: list[Diagnostic]
    problem: str | None


def check_file(path: str) -> CheckedFile:
    """Read and check one file; an unreadable file is reported, not raised."""
    try:
        text = read_source(path)
    except ArgmapError as error:
        return CheckedFile(path, "", [], str(error))
    return CheckedFile(path, text, check_text(text, path), None)


def check_files(paths: list[str], jobs: int = 1) -> Iterator[CheckedFile]:
    """Check files in order, in `jobs` processes (0: one per core); the output is the same."""
    workers = min(jobs or os.cpu_count() or 1, len(paths))
    if workers <= 1:
        yield from map(check_file, paths)
        return
    # Imported only when checking in parallel: it costs start-up that one file never needs.
    from concurrent.futures import ProcessPoolExecutor

    # Loaded once here, so workers started by fork inherit the parser instead of each
    # building it (with another start method each worker loads it from Lark's cache).
    load_grammar()
    chunk = max(1, len(paths) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(check_file, paths, chunksize=chunk)
