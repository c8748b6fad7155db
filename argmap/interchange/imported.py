"""What an importer returns: the map, warnings about what it could not carry, and safe ids."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from argmap.language.vocabulary import is_identifier
from argmap.model import ArgumentMap


@dataclass(frozen=True)
class ConversionWarning:
    """Something of the source that argmap cannot represent exactly, and what became of it.

    `code` names an annotation error in the source (an edge to a missing node, a node that
    supports itself...) that was dropped to read the rest; `argmap convert --strict` refuses
    a file with any. Warnings about what argmap has no place for carry no code.
    """

    path: str
    node: str | None
    message: str
    code: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}: node {self.node}: " if self.node else f"{self.path}: "
        code = f"{self.code} " if self.code else ""
        return f"{where}warning: {code}{self.message}"


@dataclass(frozen=True)
class Imported:
    """An imported map and the warnings produced while reading it."""

    map: ArgumentMap
    warnings: tuple[ConversionWarning, ...] = ()


class IdMaker:
    """Turns foreign node ids and names into distinct, valid `.arg` ids."""

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._given: dict[tuple[str, str], str] = {}

    def make(self, raw: str, prefix: str) -> str:
        """The id for `raw` (the same one every time it is asked for with this prefix).

        Characters that cannot appear in an id become `_`; an id that would start with a digit
        or `_`-only, or that is a keyword, gets `prefix` in front; clashes get `_2`, `_3`...
        """
        key = (prefix, raw)
        if key in self._given:
            return self._given[key]
        text = unicodedata.normalize("NFC", raw).strip()
        text = re.sub(r"\W+", "_", text).strip("_")
        if not is_identifier(text):
            text = f"{prefix}{text}" if text[:1].isdigit() or not text else f"{prefix}_{text}"
        candidate, counter = text, 1
        while candidate in self._taken:
            counter += 1
            candidate = f"{text}_{counter}"
        self._taken.add(candidate)
        self._given[key] = candidate
        return candidate

    def keep(self, raw: str, prefix: str) -> str:
        """`raw` itself when it is a valid id nobody has, else what `make` gives.

        For ids argmap wrote itself, which must come back unchanged (`make` would drop a
        leading `_`)."""
        key = (prefix, raw)
        if key not in self._given and is_identifier(raw) and raw not in self._taken:
            self._taken.add(raw)
            self._given[key] = raw
        return self.make(raw, prefix)

    def reserve(self, identifier: str) -> None:
        """Mark an id as used so that `make` never hands it out."""
        self._taken.add(identifier)


def tidy_text(text: str) -> str:
    """Text with every run of whitespace (line breaks included) turned into one space."""
    return " ".join(text.split())
