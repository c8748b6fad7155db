"""Checking many files, in several processes when asked, with results in file order."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import NamedTuple

from argmap.checking.cache import ResultCache
from argmap.diagnostics import Diagnostic
from argmap.errors import ArgmapError
from argmap.files import read_source
from argmap.model import ArgumentMap

# A line that may import another map (a cheap test: the parser is not run for it).
_IMPORT = re.compile(r"^[ \t]*import\b", re.M)


# A further check of a map that parsed without errors, given by a caller of a later stage (the
# command line's outcomes a map expects, E401): it runs on the map the check built, so the
# text is parsed once, and its diagnostics are cached with the others.
MapCheck = Callable[[ArgumentMap], list[Diagnostic]]
# How a text is checked when the results cache has no entry for it: `check_source`, or a
# caller's equivalent that reuses more (the command line re-parses only the changed items).
SourceCheck = Callable[[str, str, "MapCheck | None"], list[Diagnostic]]


class CheckedFile(NamedTuple):
    """One file's check: its text and diagnostics, or why it could not be read."""

    path: str
    text: str
    diagnostics: list[Diagnostic]
    problem: str | None


def check_source(text: str, path: str, extra: MapCheck | None = None) -> list[Diagnostic]:
    """Parse and check a map's text, then run `extra` on the map when it has no errors."""
    # Imported here: a file found in the cache never needs the parser (nor Lark's start-up).
    from argmap.checking.pipeline import parse_checked

    argument_map, diagnostics = parse_checked(text, path)
    if extra is not None and argument_map is not None:
        more = extra(argument_map)
        if more:
            diagnostics = sorted(diagnostics + more, key=Diagnostic.sort_key)
    return diagnostics


def check_file(
    path: str,
    cache: ResultCache | None = None,
    extra: MapCheck | None = None,
    variant: str = "",
    source_check: SourceCheck | None = None,
) -> CheckedFile:
    """Read and check one file (through `cache` when given); unreadable files are reported.

    `extra` runs on a map without errors (`check_source`); `variant` keeps the cached results
    of different checks of one text apart; `source_check`, when given, checks a text the cache
    does not hold instead of `check_source` (with the same result).
    """
    try:
        text = read_source(path)
    except ArgmapError as error:
        return CheckedFile(path, "", [], str(error))
    if cache is not None and _IMPORT.search(text):
        # The result depends on the imported files too, which the key does not hold.
        cache = None
    if cache is not None:
        found = cache.get(path, text, variant)
        if found is not None:
            return CheckedFile(path, text, found, None)
    if cache is not None and source_check is not None:
        diagnostics = source_check(text, path, extra)
    else:
        diagnostics = check_source(text, path, extra)
    if cache is not None:
        cache.put(path, text, diagnostics, variant)
    return CheckedFile(path, text, diagnostics, None)


def check_files(
    paths: list[str],
    jobs: int = 1,
    cache: ResultCache | None = None,
    extra: MapCheck | None = None,
    variant: str = "",
    source_check: SourceCheck | None = None,
) -> Iterator[CheckedFile]:
    """Check files in order, in `jobs` processes (0: one per core); the output is the same.

    `extra`, `variant` and `source_check` are `check_file`'s (`source_check` only runs with
    a cache); with several processes they must be module-level functions (sent by name).
    """
    workers = min(jobs or os.cpu_count() or 1, len(paths))
    one = partial(check_file, cache=cache, extra=extra, variant=variant, source_check=source_check)
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
