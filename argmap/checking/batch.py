"""Checking many files, in several processes when asked, with results in file order."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import partial
from typing import NamedTuple

from argmap.checking.cache import ResultCache
from argmap.diagnostics import Diagnostic
from argmap.errors import ArgmapError
from argmap.files import read_source

# A line that may import another map (a cheap test: the parser is not run for it).
_IMPORT = re.compile(r"^[ \t]*import\b", re.M)


class CheckedFile(NamedTuple):
    """One file's check: its text and diagnostics, or why it could not be read."""

    path: str
    text: str
    diagnostics: list[Diagnostic]
    problem: str | None


def check_file(path: str, cache: ResultCache | None = None) -> CheckedFile:
    """Read and check one file (through `cache` when given); unreadable files are reported."""
    try:
        text = read_source(path)
    except ArgmapError as error:
        return CheckedFile(path, "", [], str(error))
    if cache is not None and _IMPORT.search(text):
        # The result depends on the imported files too, which the key does not hold.
        cache = None
    if cache is not None:
        found = cache.get(path, text)
        if found is not None:
            return CheckedFile(path, text, found, None)
    # Imported here: a file found in the cache never needs the parser (nor Lark's start-up).
    from argmap.checking.pipeline import check_text

    diagnostics = check_text(text, path)
    if cache is not None:
        cache.put(path, text, diagnostics)
    return CheckedFile(path, text, diagnostics, None)


def check_files(
    paths: list[str], jobs: int = 1, cache: ResultCache | None = None
) -> Iterator[CheckedFile]:
    """Check files in order, in `jobs` processes (0: one per core); the output is the same."""
    workers = min(jobs or os.cpu_count() or 1, len(paths))
    one = partial(check_file, cache=cache)
    if workers <= 1:
        yield from map(one, paths)
        return
    # Imported only when checking in parallel: it costs start-up that one file never needs.
    from concurrent.futures import ProcessPoolExecutor

    from argmap.language.parser import load_grammar

    # Loaded once here, so workers started by fork inherit the parser instead of each
    # building it (with another start method each worker loads it from Lark's cache).
    load_grammar()
    chunk = max(1, len(paths) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(one, paths, chunksize=chunk)
