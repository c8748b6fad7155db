"""argmap: check, evaluate and render argument maps written in the .arg language."""

from __future__ import annotations

import os
import sys

from argmap import display
from argmap.version import __version__

TYPE_CHECKING = False  # typing's own flag costs its import; mypy reads any TYPE_CHECKING
if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import ModuleType

    from argmap.checking.batch import CheckedFile
    from argmap.diagnostics import Diagnostic
    from argmap.evaluation.evaluate import Evaluation
    from argmap.model import ArgumentMap
    from argmap.rendering.dot import RenderOptions

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

# This module is the library's front door: it is the only module that reaches every stage, and
# no stage imports it. Each stage is imported inside the function that needs it, so that
# `import argmap` stays cheap and `argmap check` never loads Graphviz, Markdown or the solver.
# Python runs this module before any `argmap.x`: it imports nothing but the version and the
# display hook, so that the command line's fast path (argmap/cli/fast.py) starts without the
# model (its dataclasses cost ~35 ms). Submodules such as `argmap.model` are still attributes
# of the package (`__getattr__` below imports them when first named).

_SUBMODULES = frozenset(
    {"diagnostics", "errors", "files", "model", "version", "checking", "language", "evaluation"}
    | {"rendering", "interchange", "embed", "lsp", "cli", "jupyter", "sphinx"}
)


def __getattr__(name: str) -> ModuleType:
    """`argmap.model` and the other submodules, imported when first named (PEP 562)."""
    if name in _SUBMODULES:
        __import__(f"argmap.{name}")
        module: ModuleType = sys.modules[f"argmap.{name}"]
        return module
    raise AttributeError(f"module 'argmap' has no attribute {name!r}")


def _jupyter_bundle(argument_map: ArgumentMap) -> dict[str, str]:
    from argmap.embed.jupyter import mimebundle

    return mimebundle(argument_map)


display.hook = _jupyter_bundle


def loads(text: str, path: str = "<string>") -> ArgumentMap:
    """Parse map text. Raises MapError (with every diagnostic) when it has errors."""
    from argmap.language.loading import loads as load_text

    return load_text(text, path)


def load(path: str | os.PathLike[str]) -> ArgumentMap:
    """Read and parse a .arg file. Raises InputError when it cannot be read."""
    from argmap.language.loading import load as load_file

    return load_file(path)


def check(argument_map: ArgumentMap) -> list[Diagnostic]:
    """Every structural problem of a parsed map."""
    from argmap.checking.rules import check as check_map

    return check_map(argument_map)


def check_files(paths: list[str], jobs: int = 1) -> Iterator[CheckedFile]:
    """Read and check files (in `jobs` processes, 0 for every core), yielding one
    `argmap.checking.batch.CheckedFile` per path, in order."""
    from argmap.checking.batch import check_files as check_many

    return check_many(paths, jobs)


def check_text(text: str, path: str = "<string>") -> list[Diagnostic]:
    """Parse and check in one pass: syntax problems, then (if it parsed) structure, then the
    outcomes the map expects of its evaluation (E401)."""
    from argmap.checking.pipeline import parse_checked as parse_and_check
    from argmap.diagnostics import Diagnostic

    argument_map, diagnostics = parse_and_check(text, path)
    if argument_map is None or not (argument_map.expectations or _expects(argument_map)):
        return diagnostics
    from argmap.evaluation.expected import check_expected

    return sorted(diagnostics + check_expected(argument_map), key=Diagnostic.sort_key)


def _expects(argument_map: ArgumentMap) -> bool:
    return any(s.expect is not None for s in argument_map.statements)


def parse_checked(text: str, path: str = "<string>") -> tuple[ArgumentMap | None, list[Diagnostic]]:
    """Parse and check once: the map (None when it has errors) and every diagnostic."""
    from argmap.checking.pipeline import parse_checked as parse_and_check

    return parse_and_check(text, path)


def to_dot(argument_map: ArgumentMap, options: RenderOptions | None = None) -> str:
    """The map as Graphviz DOT text (see argmap.rendering.dot.RenderOptions)."""
    from argmap.rendering.dot import to_dot as map_to_dot

    return map_to_dot(argument_map, options)


def render(
    argument_map: ArgumentMap, format: str = "svg", options: RenderOptions | None = None
) -> bytes:
    """The map written in any format of argmap.interchange.formats that writes (svg, png, pdf,
    html, dot, json, mermaid, graphml, arg, aif, argdown) as bytes."""
    from argmap.interchange.formats import get

    return get(format).write(argument_map, options)


def evaluate(argument_map: ArgumentMap, semantics: str = "grounded") -> Evaluation:
    """Label every statement and argument IN, OUT or UNDEC under a semantics."""
    from argmap.evaluation.evaluate import evaluate as evaluate_map

    return evaluate_map(argument_map, semantics)
