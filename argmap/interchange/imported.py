"""What an importer returns: the map, warnings about what it could not carry, and safe ids."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from argmap.errors import InputError
from argmap.language.vocabulary import is_identifier
from argmap.model import ArgumentMap


@dataclass(frozen=True)
class ConversionWarning:
    """Something of the source that argmap cannot represent exactly, and what became of it.

    `code` names an annotation error in the source (an edge to a missing node, a node that
    supports itself...) that was dropped to read the rest; `argmap convert --strict` refuses
    a file with any. Warnings about what argmap has no place for carry no code, or a code
    and `lossy` (the Argdown reader's, with the place in the source).
    """

    path: str
    node: str | None
    message: str
    code: str | None = None
    # Where in the source, for readers that know it (Argdown's).
    line: int | None = None
    column: int | None = None
    # A coded warning about what argmap has no place for (not an annotation error in the
    # source): `--strict` lets it pass.
    lossy: bool = False
    # How the change shifts argmap's counts from the source's: ("statements", 1),
    # ("attacks", -1)... (the Argdown reader's tests add these up against Argdown's counts).
    changes: tuple[tuple[str, int], ...] = ()

    def __str__(self) -> str:
        code = f"{self.code} " if self.code else ""
        if self.line is not None:
            return f"{self.path}:{self.line}:{self.column or 1}: warning: {code}{self.message}"
        where = f"{self.path}: node {self.node}: " if self.node else f"{self.path}: "
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


# A YAML document (Argdown's frontmatter and data blocks, a Carneades graph) is untrusted input:
# plain data only, and a bounded number of aliases (a few nested ones can build an
# exponentially large document).
MAX_YAML_ALIASES = 100


class NotYaml(InputError):
    """A text that is not YAML (or holds too many aliases); where, when YAML says."""

    def __init__(self, reason: str, line: int | None = None, column: int | None = None) -> None:
        where = f"line {line}, column {column}: " if line is not None else ""
        super().__init__(f"{where}{reason}")
        self.reason = reason
        self.line = line
        self.column = column


def safe_yaml(text: str) -> Any:
    """The plain data in a YAML text, or NotYaml saying where it is not YAML."""
    # PyYAML: only when YAML is read. Its types come from types-PyYAML (the dev extra); the
    # ignores keep mypy quiet where that stub package is absent.
    import yaml  # type: ignore[import-untyped,unused-ignore]

    class Loader(yaml.SafeLoader):  # type: ignore[misc,unused-ignore]
        """Plain data only (no Python objects), and no alias bombs."""

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self.aliases = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                self.aliases += 1
                if self.aliases > MAX_YAML_ALIASES:
                    raise yaml.YAMLError(f"more than {MAX_YAML_ALIASES} aliases")
            return super().compose_node(parent, index)

    try:
        return yaml.load(text, Loader=Loader)
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        reason = str(getattr(problem, "problem", None) or problem)
        if mark is None:
            raise NotYaml(reason) from None
        raise NotYaml(reason, mark.line + 1, mark.column + 1) from None
