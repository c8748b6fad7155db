"""A persistent cache of `argmap check` results per file text, in the user's cache folder."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from argmap import stamp
from argmap.diagnostics import Diagnostic, Severity
from argmap.model import Span
from argmap.stamp import ENVIRONMENT as ENVIRONMENT
from argmap.stamp import code_stamp as code_stamp


def cache_dir() -> Path:
    """Where results are kept: $ARGMAP_CACHE_DIR, else $XDG_CACHE_HOME/argmap or ~/.cache/argmap."""
    return Path(stamp.cache_dir())


def _key(path: str, text: str, variant: str = "") -> str:
    # The code is part of the key: a new or changed argmap may report differently on the same
    # text. A variant names a different check of the same text (its results are kept apart).
    digest = hashlib.sha256(f"{code_stamp()}\0{path}\0".encode())
    if variant:
        digest.update(f"{variant}\0".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _span(data: list[int]) -> Span:
    line, column, end_line, end_column = (int(n) for n in data)
    return Span(line, column, end_line, end_column)


def _encode(diagnostic: Diagnostic) -> dict[str, object]:
    span = diagnostic.span
    return {
        "code": diagnostic.code,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "span": [span.line, span.column, span.end_line, span.end_column],
        "path": diagnostic.path,
        "hint": diagnostic.hint,
        "related": [
            [[s.line, s.column, s.end_line, s.end_column], what] for s, what in diagnostic.related
        ],
    }


def _decode(data: dict[str, object]) -> Diagnostic:
    related = data["related"]
    assert isinstance(related, list)
    hint = data["hint"]
    return Diagnostic(
        code=str(data["code"]),
        severity=Severity(data["severity"]),
        message=str(data["message"]),
        span=_span(data["span"]),  # type: ignore[arg-type]
        path=str(data["path"]),
        hint=None if hint is None else str(hint),
        related=tuple((_span(span), str(what)) for span, what in related),
    )


class ResultCache:
    """Diagnostics of a file's text, stored as JSON under a hash of version, path and text.

    `variant` names what was checked when a caller checks the same text in more than one way
    (`argmap check --no-expected` leaves out the outcomes a map expects); "" is the default.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else cache_dir()

    def get(self, path: str, text: str, variant: str = "") -> list[Diagnostic] | None:
        """The stored diagnostics, or None when absent or unreadable (then check afresh)."""
        try:
            raw = (self.folder / f"{_key(path, text, variant)}.json").read_text("utf-8")
            return [_decode(item) for item in json.loads(raw)]
        except (OSError, ValueError, TypeError, KeyError, AssertionError):
            return None

    def put(self, path: str, text: str, diagnostics: list[Diagnostic], variant: str = "") -> None:
        """Store diagnostics; a cache that cannot be written is skipped silently."""
        # Imported when writing: a check whose results are all in the cache never needs it.
        import tempfile

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tag = self.folder / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# argmap's cache\n")
            data = json.dumps([_encode(d) for d in diagnostics])
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(data)
            os.replace(temporary, self.folder / f"{_key(path, text, variant)}.json")
        except OSError:
            return
