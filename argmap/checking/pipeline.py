"""Parse and check in one pass: the map when it has no errors, and every diagnostic in order."""

from __future__ import annotations

import os

from argmap.checking.rules import check
from argmap.diagnostics import Diagnostic, Severity
from argmap.language.imports import parse_with_imports
from argmap.model import ArgumentMap


def parse_checked(
    text: str, path: str = "<string>", root: str | os.PathLike[str] | None = None
) -> tuple[ArgumentMap | None, list[Diagnostic]]:
    """Parse and check once: the map (None when it has errors) and every diagnostic.

    The maps it imports are read and checked with it (relative to `path`, inside `root`).
    """
    result = parse_with_imports(text, path, root)
    if result.has_syntax_errors:
        return None, sorted(result.diagnostics, key=Diagnostic.sort_key)
    diagnostics = sorted(set(result.diagnostics + check(result.map)), key=Diagnostic.sort_key)
    if any(d.severity is Severity.ERROR for d in diagnostics):
        return None, diagnostics
    return result.map, diagnostics


def check_text(
    text: str, path: str = "<string>", root: str | os.PathLike[str] | None = None
) -> list[Diagnostic]:
    """Parse and check in one pass: syntax problems, then (if it parsed) structure."""
    return parse_checked(text, path, root)[1]
