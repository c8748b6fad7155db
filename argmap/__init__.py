"""argmap: check, evaluate and render argument maps written in the .arg language."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic
    from argmap.model import ArgumentMap

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "check",
    "check_files",
    "check_text",
    "evaluate",
    "load",
    "loads",
    "parse_checked",
    "render",
    "to_dot",
]

# Heavy modules (Lark, Graphviz, the solver) are imported inside the functions, so that
# `import argmap` stays cheap and `argmap check` never loads what it does not use.


def loads(text: str, path: str = "<string>") -> ArgumentMap:
    """Parse map text. Raises MapError (with every diagnostic) when it has errors."""
    from argmap.diagnostics import Severity
    from argmap.errors import MapError
    from argmap.parser import parse

    result = parse(text, path)
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    if errors:
        raise MapError(f"{path}: {len(errors)} error(s) in the map", result.diagnostics)
    return result.map


def load(path: str | os.PathLike[str]) -> ArgumentMap:
    """Read and parse a .arg file. Raises InputError when it cannot be read."""
    from argmap.files import read_source

    return loads(read_source(path), os.fspath(path))


def check(argument_map: ArgumentMap) -> list[Diagnostic]:
    """Every structural problem of a parsed map."""
    from argmap.checker import check as check_map

    return check_map(argument_map)


def check_files(paths: list[str], jobs: int = 1) -> Any:
    """Read and check files (in `jobs` processes, 0 for every core), yielding one
    `argmap.batch.CheckedFile` per path, in order."""
    from argmap.batch import check_files as check_many

    return check_many(paths, jobs)


def check_text(text: str, path: str = "<string>") -> list[Diagnostic]:
    """Parse and check in one pass: syntax problems, then (if it parsed) structure."""
    return parse_checked(text, path)[1]


def parse_checked(text: str, path: str = "<string>") -> tuple[ArgumentMap | None, list[Diagnostic]]:
    """Parse and check once: the map (None when it has errors) and every diagnostic."""
    from argmap.checker import check as check_map
    from argmap.diagnostics import Diagnostic, Severity
    from argmap.parser import parse

    result = parse(text, path)
    if result.has_syntax_errors:
        return None, sorted(result.diagnostics, key=Diagnostic.sort_key)
    diagnostics = sorted(set(result.diagnostics + check_map(result.map)),
                         key=Diagnostic.sort_key)
    if any(d.severity is Severity.ERROR for d in diagnostics):
        return None, diagnostics
    return result.map, diagnostics


def to_dot(argument_map: ArgumentMap, options: Any = None) -> str:
    """The map as Graphviz DOT text (see argmap.dot.RenderOptions)."""
    from argmap.dot import to_dot as map_to_dot

    return map_to_dot(argument_map, options)


def render(argument_map: ArgumentMap, format: str = "svg", options: Any = None) -> bytes:
    """The map rendered to svg, png, pdf, dot or json bytes."""
    from argmap.rendering import render as render_map

    return render_map(argument_map, format, options)


def evaluate(argument_map: ArgumentMap, semantics: str = "grounded") -> Any:
    """Label every statement and argument IN, OUT or UNDEC under a semantics."""
    from argmap.evaluation import evaluate as evaluate_map

    return evaluate_map(argument_map, semantics)
