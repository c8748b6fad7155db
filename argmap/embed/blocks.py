"""Maps embedded in documents: the block header, loading and checking, rendering to SVG or PDF."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

from argmap.checking.report import format_diagnostic, format_text
from argmap.checking.rules import check
from argmap.diagnostics import Diagnostic, Severity, make
from argmap.errors import ArgmapError, InputError
from argmap.files import inside, read_source
from argmap.interchange import formats
from argmap.language.imports import parse_with_imports
from argmap.language.printer import visible_controls
from argmap.language.vocabulary import HEADER_KEYS
from argmap.model import Span
from argmap.rendering.dot import (
    RANKDIRS,
    THEMES,
    ColorBy,
    Groups,
    Labels,
    RankDir,
    RenderOptions,
    Theme,
    select,
    to_dot,
)
from argmap.rendering.graphviz import render
from argmap.suggest import Suggester

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

SHOW: Final = ("map", "source", "both")
LABELS: Final = tuple(member.value for member in Labels)
COLOR_BY: Final = tuple(member.value for member in ColorBy)
GROUPS: Final = tuple(member.value for member in Groups)
# Header keys whose value is a list (`only-tags: security, economy`).
LIST_KEYS: Final = ("only-tags", "only-speakers", "only-groups")
# Header keys written with a hyphen, and the BlockSettings field each one sets.
_FIELDS: Final = {
    "only-tags": "only_tags",
    "only-speakers": "only_speakers",
    "only-groups": "only_groups",
    "color-by": "color_by",
}
BOOLEANS: Final = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}

# Header keys (defined with the language's other words) never clash with the map's own
# `key: "text"` metadata lines, and header values are never quoted, so a header line cannot
# be mistaken for map source.
_HEADER_LINE = re.compile(rf"^[ \t]*({'|'.join(HEADER_KEYS)})[ \t]*:[ \t]*(.*?)[ \t]*$")


@dataclass(frozen=True)
class BlockProblem:
    """Something wrong with a block itself (its header or the file it names), not its map:
    reported like any diagnostic, `path:line:column: CODE message`, the header line with a
    caret under the value, and a hint that says the fix."""

    path: str
    line: int
    message: str
    # 1-based columns of what is wrong on the line (0: the line is not known).
    column: int = 0
    end_column: int = 0
    hint: str | None = None
    # E013 (a value a key cannot take), E010 (a file that cannot be read), E011 (a file
    # outside the documentation root).
    code: str = "E013"
    # The document's line, shown with the caret.
    text: str | None = None

    def diagnostic(self) -> Diagnostic:
        """The problem as a diagnostic of its code."""
        column = max(self.column, 1)
        span = Span(self.line, column, self.line, max(self.end_column, column))
        return make(self.code, self.message, span, path=self.path, hint=self.hint)

    def __str__(self) -> str:
        lines = None
        if self.text is not None and self.line > 0:
            lines = [""] * (self.line - 1) + [visible_controls(self.text)]
        return format_diagnostic(self.diagnostic(), lines)


@dataclass(frozen=True)
class Place:
    """Where a header key is set: the document, the line, and (when known) the line's text,
    so a problem can point at the value's column."""

    path: str
    line: int
    text: str | None = None

    def problem(
        self, key: str, message: str, hint: str | None = None, *, at: str | None = None,
        code: str = "E013",
    ) -> BlockError:  # fmt: skip
        """A BlockError pointing at `at` (default: the key's value) on this line."""
        column = end = 0
        if self.text is not None:
            key_at = self.text.find(key)
            start = key_at + len(key) if key_at >= 0 else 0
            while start < len(self.text) and self.text[start] in " \t:=\"'":
                start += 1
            stop = len(self.text.rstrip()) if key_at >= 0 else len(self.text)
            if at:
                found = self.text.find(at, key_at if at == key else start)
                if found >= 0:
                    start, stop = found, found + len(at)
            if key_at < 0 and not at:
                start, stop = 0, len(self.text) - len(self.text.lstrip())
            column, end = start + 1, max(stop, start + 1)
        return BlockError(
            BlockProblem(self.path, self.line, message, column, end, hint, code, self.text)
        )


# Where a header key was set: (document, line), or a Place with the line's text.
Where = tuple[str, int] | Place


def _place(where: Where, lines: dict[str, Place] | None = None, key: str = "") -> Place:
    if lines is not None and key in lines:
        return lines[key]
    return where if isinstance(where, Place) else Place(where[0], where[1])


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
    # The views, as `argmap render` has them (docs/rendering.md).
    overview: bool = False
    depth: int | None = None
    only_tags: tuple[str, ...] = ()
    only_speakers: tuple[str, ...] = ()
    only_groups: tuple[str, ...] = ()
    labels: str = "auto"
    color_by: str = "auto"
    groups: str = "auto"

    def render_options(self) -> RenderOptions:
        """The rendering options these settings ask for."""
        return RenderOptions(
            theme=Theme(self.theme),
            rankdir=RankDir(self.rankdir),
            legend=self.legend,
            show_ids=self.ids,
            show_tags=self.tags,
            focus=self.focus,
            depth=self.depth,
            label_style=Labels(self.labels),
            color_by=ColorBy(self.color_by),
            groups=Groups(self.groups),
            overview=self.overview,
            only_tags=self.only_tags,
            only_speakers=self.only_speakers,
            only_groups=self.only_groups,
        )

    def with_values(
        self, values: dict[str, str], where: Where, lines: dict[str, Place] | None = None
    ) -> BlockSettings:
        """These settings with `values` (header or directive options) applied and checked.

        A problem is reported at `lines[key]` when the caller knows the line that sets the
        key, else at `where`.
        """
        changes: dict[str, object] = {}
        for key, value in values.items():
            changes[_FIELDS.get(key, key)] = _setting(key, value, _place(where, lines, key))
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


_EXAMPLES: Final = {
    "focus": "focus: car_free",
    "alt": "alt: The argument for a car-free centre",
    "caption": "caption: Figure 1. The debate",
    "file": "file: maps/debate.arg",
}


def _setting(key: str, value: str, where: Place) -> object:
    choices = {
        "theme": THEMES,
        "rankdir": RANKDIRS,
        "show": SHOW,
        "labels": LABELS,
        "color-by": COLOR_BY,
        "groups": GROUPS,
    }.get(key)
    if choices is not None:
        if value not in choices:
            guess = Suggester(choices).suggest(value) if value else None
            raise where.problem(
                key,
                f"{key} must be one of {', '.join(choices)}, not {value!r}",
                f"did you mean '{guess}'? write {key}: {guess}"
                if guess
                else f"write one of the values listed, for example {key}: {choices[0]}",
            )
        return value
    if key in ("legend", "ids", "tags", "overview"):
        if value.lower() not in BOOLEANS:
            raise where.problem(
                key,
                f"{key} must be true or false, not {value!r}",
                f"write {key}: true or {key}: false (yes/no and on/off work too)",
            )
        return BOOLEANS[value.lower()]
    if not value:
        example = _EXAMPLES.get(key, f"{key}: VALUE")
        raise where.problem(key, f"{key} needs a value", f"write it after the colon: {example}")
    if key == "depth":
        if not value.isascii() or not value.isdigit():
            message = f"depth must be a whole number of steps (0 or more), not {value!r}"
            raise where.problem(
                key, message, "write depth: 2 (with focus: ID, the node to start from)"
            )
        return int(value)
    if key in LIST_KEYS:
        return _items(key, value, where)
    return value


def _items(key: str, value: str, where: Place) -> tuple[str, ...]:
    """The list a filter key gives: groups are separated by commas (their names may hold
    spaces); tags and speakers by commas or spaces, with or without their `#` or `@`."""
    if key == "only-groups":
        items = [item.strip() for item in value.split(",")]
    else:
        sign = "#" if key == "only-tags" else "@"
        items = [item.removeprefix(sign) for item in value.replace(",", " ").split()]
    if not items or not all(items):
        example = {"only-tags": "security, economy", "only-speakers": "tokayev, putin"}
        raise where.problem(
            key,
            f"{key} needs a list separated by commas",
            f"write {key}: {example.get(key, 'Security, The economy')}",
        )
    return tuple(items)


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
    # Each header key's line, with its text, for problems that point at the value.
    places: dict[str, Place] = field(default_factory=dict, compare=False)

    def place(self, key: str, where: tuple[str, int]) -> Place:
        """Where the header sets `key` (else `where`: the line before the block)."""
        if key in self.places:
            return self.places[key]
        return Place(where[0], self.header_lines.get(key, where[1]))

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
    places: dict[str, Place] = {}
    blanked: set[int] = set()
    for index, line in enumerate(lines):
        match = _HEADER_LINE.match(line)
        if match is None:
            # Blank and comment lines may sit among the header lines; map source ends it.
            if line.strip() and not line.lstrip().startswith("//"):
                break
            continue
        key, value = match.groups()
        place = Place(path, offset + index + 1, line)
        if key in values:
            raise place.problem(
                key,
                f"{key} is given twice (first on line {header_lines[key]})",
                "keep one of the two lines",
                at=key,
            )
        values[key] = value
        header_lines[key] = offset + index + 1
        places[key] = place
        blanked.add(index)
    settings = defaults or BlockSettings()
    for key, value in values.items():
        if key != "file":
            settings = settings.with_values({key: value}, places[key])
    body = ["" if i in blanked else line for i, line in enumerate(lines)]
    source = "\n".join(body)
    file = values.get("file")
    if file is not None:
        if source.strip():
            first = next(i for i, line in enumerate(body) if line.strip())
            raise Place(path, offset + first + 1, body[first]).problem(
                "",
                "this block names a file and also holds map source; keep one of them",
                "move this source into the file, or remove the file: line and keep the source",
            )
        if not file:
            raise places["file"].problem(
                "file", "file needs a path", f"write it after the colon: {_EXAMPLES['file']}"
            )
    return MapBlock(
        settings,
        source,
        file,
        header_lines.get("file", 0),
        header_lines,
        frozenset(blanked),
        places,
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
            raise block.place("file", (document, block.file_line)).problem(
                "file",
                message,
                f"the path is relative to the document's folder ({base_dir}); check its spelling",
                code="E010",
            ) from None
        path, shown, files = str(file), text, (file,)
        lines = columns = 0
    else:
        text, path, shown, files = block.source, document, document_text, ()
        lines, columns = offset, indent
    # Imports may reach what `file:` may reach: the documentation root, not only the page's
    # folder (a page in docs/sub/ may draw docs/maps/top.arg, which imports its neighbours).
    found, argument_map, imported = _check(text, path, root or base_dir)
    files = (*files, *imported)
    diagnostics = tuple(_shift(d, path, lines, columns) for d in found)
    if argument_map is None:
        return LoadedMap(None, diagnostics, path, shown, files)
    _check_view(block, argument_map, document, offset)
    return LoadedMap(argument_map, diagnostics, path, shown, files)


def _check_view(block: MapBlock, argument_map: ArgumentMap, document: str, offset: int) -> None:
    """Refuse a view that names no node of the map or leaves nothing to draw, at the header
    line that asks for it."""
    settings = block.settings
    focus = settings.focus
    if focus is not None and focus not in argument_map.nodes_by_id:
        guess = Suggester(argument_map.nodes_by_id).suggest(focus)
        raise block.place("focus", (document, offset)).problem(
            "focus",
            f"focus {focus!r}: the map has no node with this id",
            f"did you mean {guess!r}?"
            if guess
            else "write focus: ID with an id of the map ("
            + _choices(set(argument_map.nodes_by_id), "id")
            + ")",
            at=focus,
        )
    if settings.depth is not None and focus is None:
        raise block.place("depth", (document, offset)).problem(
            "depth",
            "depth counts steps from the focus, and this block has no focus",
            "add a line focus: ID (the node to count from), or remove depth",
        )
    _check_names(block, argument_map, document, offset)
    if settings.only_tags or settings.only_speakers or settings.only_groups:
        try:
            select(argument_map, settings.render_options())
        except ArgmapError as error:
            key = min(
                (key for key in LIST_KEYS if key in block.header_lines),
                key=lambda key: block.header_lines[key],
                default="only-tags",
            )
            raise block.place(key, (document, offset)).problem(
                key, str(error), "name fewer filters, or others: together they leave nothing"
            ) from None


def _check_names(block: MapBlock, argument_map: ArgumentMap, document: str, offset: int) -> None:
    """Each tag, speaker and group a filter names is one the map has (a typo would silently
    draw less)."""
    known = {
        "only-tags": {tag for node in argument_map.nodes_by_id.values() for tag in node.tags},
        "only-speakers": {speaker.id for speaker in argument_map.speakers}
        | {node.speaker for node in argument_map.nodes_by_id.values() if node.speaker},
        "only-groups": {group.name for group in argument_map.groups},
    }
    wanted = {
        "only-tags": block.settings.only_tags,
        "only-speakers": block.settings.only_speakers,
        "only-groups": block.settings.only_groups,
    }
    for key, names in wanted.items():
        for name in names:
            if name not in known[key]:
                what = key.removeprefix("only-").rstrip("s")
                guess = Suggester(sorted(known[key])).suggest(name)
                fix = f"did you mean {guess!r}?" if guess else _choices(known[key], what)
                raise block.place(key, (document, offset)).problem(
                    key, f"{key}: the map has no {what} {name!r}", fix, at=name
                )


def _choices(names: set[str], what: str, limit: int = 8) -> str:
    if not names:
        return f"the map has no {what}s at all"
    shown = sorted(names)[:limit]
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return f"its {what}s are {', '.join(shown)}{more}"


def _confine(block: MapBlock, file: Path, root: Path, document: str) -> None:
    place = block.place("file", (document, block.file_line))
    if not inside(file, root):
        raise place.problem(
            "file",
            f"file: {block.file!r} is outside the documentation root {str(root)!r}",
            "only maps inside it can be embedded: move the map there and name it relative "
            "to this document",
            code="E011",
        )
    if file.suffix != ".arg" or Path(os.path.realpath(file)).suffix != ".arg":
        raise place.problem(
            "file",
            f"file: {block.file!r} is not a .arg file; only argument maps can be embedded",
            "name a map: file: maps/debate.arg",
            code="E010",
        )


def render_block(argument_map: ArgumentMap, settings: BlockSettings, format: str) -> bytes:
    """Render a block's map with its settings in a format of the registry (svg, pdf, mermaid)."""
    if format in ("svg", "png", "pdf", "dot"):
        return render(argument_map, format, settings.render_options())
    return formats.get(format).write(argument_map, settings.render_options())


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
