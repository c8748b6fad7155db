"""Map text to a checked-for-syntax ArgumentMap: `loads` for text, `load` for a file."""

from __future__ import annotations

import os

from argmap.diagnostics import Severity
from argmap.errors import MapError
from argmap.files import read_source
from argmap.language.imports import parse_with_imports
from argmap.language.parser import parse
from argmap.model import ArgumentMap


def loads(
    text: str,
    path: str = "<string>",
    *,
    imports: bool = True,
    root: str | os.PathLike[str] | None = None,
) -> ArgumentMap:
    """Parse map text. Raises MapError (with every diagnostic) when it has errors.

    `import` lines are followed (relative to `path`'s folder, never leaving `root`, by default
    that folder) unless `imports` is False, when they are read and left aside.
    """
    result = parse_with_imports(text, path, root) if imports else parse(text, path)
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    if errors:
        raise MapError(f"{path}: {len(errors)} error(s) in the map", result.diagnostics)
    return result.map


def load(
    path: str | os.PathLike[str], *, root: str | os.PathLike[str] | None = None
) -> ArgumentMap:
    """Read and parse a .arg file and the maps it imports. Raises InputError when it cannot
    be read."""
    return loads(read_source(path), os.fspath(path), root=root)
