"""Maps embedded in documents: the block header, loading and checking, rendering to SVG or PDF."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

from argmap.checking.report import format_text
from argmap.checking.rules import check
from argmap.diagnostics import Diagnostic, Severity
from argmap.errors import InputError
from argmap.files import inside, read_source
from argmap.language.imports import parse_with_imports
from argmap.language.vocabulary import HEADER_KEYS
from argmap.model import Span
from argmap.rendering.dot import RANKDIRS, THEMES, RankDir, RenderOptions, Theme, to_dot
from argmap.rendering.graphviz import render
from argmap.suggest import Suggester

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

SHOW: Final = ("map", "source", "both")
BOOLEANS: Final = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}

# Header keys (defined with the language's other words) never clash with the map's own
# `key: "text"` metadata lines, and header values are never quoted, so a header line cannot
# be mistaken for map source.
_HEADER_LINE = re.compile(rf"^[ \t]*({'|'.join(HEADER_KEYS)})[ \t]*:[ \t]*(.*?)[ \t]*$")


@dataclass(frozen=True)
class BlockProblem:
    """Something wrong with a block itself (its header or the file it names), not its map."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class BlockError(InputError):
    """A block's header is wrong or names a file that cannot be read."""

    def __init__(self, problem: BlockProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class BlockSettings:
    """How a block is shown: what its header says, over the defaults of the integration."""

    theme: str = "colour"
    rankdir: str = "auto"
    focus: str | None = None
    # None: a legend whenever colours need a key.
    legend: bool | None = None
    ids: bool = False
    tags: bool = False
    show: str = "map"
    alt: str | None = None
    caption: str | None = None

    def render_options(self) -> RenderOptions:
        """The rendering options these settings ask for."""
        return RenderOptions(
            theme=Theme(self.theme),
            rankdir=RankDir(self.rankdir),
            legend=self.legend,
            show_ids=self.ids,
            show_tags=self.tags,
            focus=self.focus,
        )

    def with_values(self, values: dict[str, str], where: tuple[str, int]) -> BlockSettings:
        """These settings with `values` (header or directive options) applied and checked."""
        changes: dict[str, object] = {}
        for key, value in values.items():
            changes[key] = _setting(key, value, where)
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


def _setting(key: str, value: str, where: tuple[str, int]) -> object:
    choices = {"theme": THEMES, "rankdir": RANKDIRS, "show": SHOW}.get(key)
    if choices is not None:
        if value not in choices:
            raise _problem(where, f"{key} must be one of {', '.join(choices)}, not {value!r}")
        return value
    if key in ("legend", "ids", "tags"):
        if value.lower() not in BOOLEANS:
            raise _problem(where, f"{key} must be true or false, not {value!r}")
        return BOOLEANS[value.lower()]
    if not value:
        raise _problem(where, f"{key} needs a value")
    return value


def _problem(where: tuple[str, int], message: str) -> BlockError:
    return BlockError(BlockProblem(where[0], where[1], message))


@dataclass(frozen=True)
class MapBlock:
    """One embedded map: its settings and either its source or the file that holds it.

    `source` keeps the block's line numbers: header lines are blanked, not removed, so line N
    of `source` is line N of the block.
    """

    settings: BlockSettings
    source: str = ""
    file: str | None = None
    file_line: int = 0
    header_lines: dict[str, int] = field(default_factory=dict, compare=False)
    header_rows: frozenset[int] = frozenset()

    @property
    def listing(self) -> str:
        """The map source without the header, for showing it beside the map."""
        lines = self.source.split("\n")
        kept = [line for index, line in enumerate(lines) if index not in self.header_rows]
        return "\n".join(kept).strip("\n") + "\n"


def parse_block(
    text: str, defaults: BlockSettings | None = None, where: tuple[str, int] = ("<block>", 0)
) -> MapBlock:
    """Read a block's header lines (`key: value`, unquoted) and keep the rest as map source.

    `where` is the document's path and the line just before the block's first line, so
    problems are reported at the document's own line numbers.
    """
    path, offset = where
    lines = text.split("\n")
    values: dict[str, str] = {}
    header_lines: dict[str, int] = {}
    blanked: set[int] = set()
    for index, line in enumerate(lines):
        match = _HEADER_LINE.match(line)
        if match is None:
            # Blank and comment lines may sit among the header lines; map source ends it.
            if line.strip() and not line.lstrip().startswith("//"):
                break
            continue
        key, value = match.groups()
        if key in values:
            raise BlockError(BlockProblem(path, offset + index + 1, f"{key} is given twice"))
        values[key] = value
        header_lines[key] = offset + index + 1
        blanked.add(index)
    settings = defaults or BlockSettings()
    for key, value in values.items():
        if key != "file":
            settings = settings.with_values({key: value}, (path, header_lines[key]))
    body = ["" if i in blanked else line for i, line in enumerate(lines)]
    source = "\n".join(body)
    file = values.get("file")
    if file is not None:
        if source.strip():
            first = next(i for i, line in enumerate(body) if line.strip())
            raise BlockError(
                BlockProblem(
                    path,
                    offset + first + 1,
                    "this block names a file and also holds map source; keep one of them",
                )
            )
        if not file:
            raise BlockError(BlockProblem(path, header_lines["file"], "file needs a path"))
    return MapBlock(
        settings, source, file, header_lines.get("file", 0), header_lines, frozenset(blanked)
    )


@dataclass(frozen=True)
class LoadedMap:
    """A block's map after parsing and checking, with every diagnostic at its real place.

    `path` and `text` are where the diagnostics point: the .arg file for a file block, the
    whole document for an inline block (so carets show the document's own lines).
    """

    map: ArgumentMap | None
    diagnostics: tuple[Diagnostic, ...]
    path: str
    text: str
    files: tuple[Path, ...] = ()

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The diagnostics that stop the map from being shown."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    def report(self) -> str:
        """The diagnostics as `path:line:col: CODE message` lines with carets."""
        return format_text(list(self.diagnostics), {self.path: self.text}).rstrip("\n")


def _shift(diagnostic: Diagnostic, path: str, lines: int, columns: int) -> Diagnostic:
    """A diagnostic of a block's map placed in the document (a map it imports keeps its own
    file and lines)."""
    if diagnostic.path != path:
        return diagnostic

    def move(span: Span) -> Span:
        if not span.line or span.path:
            return span
        return Span(span.line + lines, span.column + columns, span.end_line + lines,
                    span.end_column + columns)  # fmt: skip

    related = tuple((move(span), what) for span, what in diagnostic.related)
    return dataclasses.replace(diagnostic, span=move(diagnostic.span), path=path, related=related)


def _check(
    text: str, path: str, root: Path
) -> tuple[list[Diagnostic], ArgumentMap | None, tuple[Path, ...]]:
    """Parse and check in one pass (with the maps it imports, inside `root`), keeping the map
    when it parsed, and the imported files."""
    result = parse_with_imports(text, path, root)
    imported = tuple(Path(name) for name in result.files)
    if result.has_syntax_errors:
        return sorted(result.diagnostics, key=Diagnostic.sort_key), None, imported
    found = set(result.diagnostics + check(result.map))
    return sorted(found, key=Diagnostic.sort_key), result.map, imported


def load_block(
    block: MapBlock,
    base_dir: Path,
    where: tuple[str, int, str] = ("<block>", 0, ""),
    indent: int = 0,
    root: Path | None = None,
) -> LoadedMap:
    """Parse and check a block's map: from its file (relative to `base_dir`) or its source.

    `where` is (document path, line before the block, whole document text). A named file
    must be a `.arg` file inside `root` (default `base_dir`) once every link is resolved, so
    a document cannot make argmap read, or quote, any other file. Raises BlockError when the
    named file is refused or cannot be read.
    """
    document, offset, document_text = where
    files: tuple[Path, ...] = ()
    if block.file is not None:
        file = Path(block.file)
        file = file if file.is_absolute() else base_dir / file
        _confine(block, file, root or base_dir, document)
        try:
            text = read_source(file)
        except InputError as error:
            message = str(error).replace(str(file), block.file, 1)
            raise BlockError(BlockProblem(document, block.file_line, message)) from None
        path, shown, files = str(file), text, (file,)
        lines = columns = 0
    else:
        text, path, shown, files = block.source, document, document_text, ()
        lines, columns = offset, indent
    found, argument_map, imported = _check(text, path, base_dir)
    files = (*files, *imported)
    diagnostics = tuple(_shift(d, path, lines, columns) for d in found)
    if argument_map is None:
        return LoadedMap(None, diagnostics, path, shown, files)
    focus = block.settings.focus
    if focus is not None and focus not in argument_map.nodes_by_id:
        line = block.header_lines.get("focus", offset)
        guess = Suggester(argument_map.nodes_by_id).suggest(focus)
        fix = f"; did you mean {guess!r}?" if guess else ""
        raise BlockError(
            BlockProblem(document, line, f"focus {focus!r}: the map has no node with this id{fix}")
        )
    return LoadedMap(argument_map, diagnostics, path, shown, files)


def _confine(block: MapBlock, file: Path, root: Path, document: str) -> None:
    if not inside(file, root):
        raise BlockError(
            BlockProblem(
                document,
                block.file_line,
                f"file: {block.file!r} is outside the documentation root {str(root)!r}; "
                "only maps inside it can be embedded (move the map there)",
            )
        )
    if file.suffix != ".arg" or Path(os.path.realpath(file)).suffix != ".arg":
        raise BlockError(
            BlockProblem(
                document,
                block.file_line,
                f"file: {block.file!r} is not a .arg file; only argument maps can be embedded",
            )
        )


def render_block(argument_map: ArgumentMap, settings: BlockSettings, format: str) -> bytes:
    """Render a block's map with its settings (svg, pdf, png...)."""
    return render(argument_map, format, settings.render_options())


def content_hash(*parts: str) -> str:
    """A short stable name for rendered output, so an unchanged map is never rendered twice."""
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]


# Rendered maps by (DOT text, format): `mkdocs serve` and Sphinx rebuild pages whose maps did
# not change, and Graphviz is the slow part.
_RENDERED: dict[tuple[str, str], bytes] = {}
_RENDERED_LIMIT: Final = 256


def render_cached(argument_map: ArgumentMap, settings: BlockSettings, format: str) -> bytes:
    """`render_block`, remembering the output for a map and options already rendered."""
    key = (to_dot(argument_map, settings.render_options()), format)
    if key not in _RENDERED:
        if len(_RENDERED) >= _RENDERED_LIMIT:
            _RENDERED.pop(next(iter(_RENDERED)))
        _RENDERED[key] = render_block(argument_map, settings, format)
    return _RENDERED[key]
