"""Map text to a checked-for-syntax ArgumentMap: `loads` for text, `load` for a file."""

from __future__ import annotations

import os

from argmap.diagnostics import Severity
from argmap.errors import MapError
from argmap.files import read_source
from argmap.language.parser import parse
from argmap.model import ArgumentMap


def loads(text: str, path: str = "<string>") -> ArgumentMap:
    """Parse map text. Raises MapError (with every diagnostic) when it has errors."""
    result = parse(text, path)
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    if errors:
        raise MapError(f"{path}: {len(errors)} error(s) in the map", result.diagnostics)
    return result.map


def load(path: str | os.PathLike[str]) -> ArgumentMap:
    """Read and parse a .arg file. Raises InputError when it cannot be read."""
    return loads(read_source(path), os.fspath(path))
