"""Incremental analysis for the language server: re-parse only the top-level items that changed.

A document is cut into top-level items (a line at column 1 that is not a comment, a blank line
or the continuation of quoted text starts one). Each item is parsed and built into model pieces
on its own, and kept in a cache keyed by its text, so an edit re-parses the items it touches and
nothing else. The checker keeps each item's diagnostics with the ids and speakers its rules read
(`argmap.checking.index`), so it checks again only the items an edit may have changed; the result
is what `argmap check` reports for the whole text.

So that a cached item stays valid wherever it moves in the file (a line inserted above it shifts
it down), its spans are built in item coordinates: line `key * ITEM_LINES + n` is line `n` of
the item with that key. `Analysis.real` turns such a span into a place in the document; the
diagnostics handed out are already translated.
"""

from __future__ import annotations

import bisect
import dataclasses
import enum
import hashlib
import io
import itertools
import os
import pickle
import re
import struct
import tempfile
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from lark import Token, Tree

from argmap.checking.batch import MapCheck, check_source
from argmap.checking.cache import cache_dir, code_stamp
from argmap.checking.index import Checker
from argmap.checking.rules import check, incremental
from argmap.diagnostics import Diagnostic, Severity, make
from argmap.gcpause import paused_gc
from argmap.language.imports import ROOT_VARIABLE, _File, _Loader, _merge
from argmap.language.parser import (
    MAX_SYNTAX_ERRORS,
    ImportLine,
    ParseResult,
    _Builder,
    _parse_chunk,
    _shifted,
    _tab_indented,
)
from argmap.model import (
    NO_SPAN,
    Argument,
    ArgumentMap,
    Expectation,
    Group,
    Metadata,
    Relation,
    Span,
    Speaker,
    Statement,
)

# Line numbers at or above this are item coordinates (an item has fewer lines than this).
ITEM_LINES = 1_000_000
_LINE_NUMBER = re.compile(r"\bline (\d{7,})")


@dataclass
class _Item:
    """One top-level item, parsed and built once, with spans in its own coordinates."""

    key: int
    text: str
    meta: list[Tree[Token]] = field(default_factory=list)
    speakers: tuple[Speaker, ...] = ()
    statements: tuple[Statement, ...] = ()
    arguments: tuple[Argument, ...] = ()
    relations: tuple[Relation, ...] = ()
    groups: tuple[Group, ...] = ()
    expectations: tuple[Expectation, ...] = ()
    imports: tuple[ImportLine, ...] = ()
    syntax: tuple[Diagnostic, ...] = ()  # what the parser reported
    built: tuple[Diagnostic, ...] = ()  # what building the model reported


def _line_state(line: str, in_string: bool) -> bool:
    """Whether quoted text is still open at the end of `line`, given whether it was at its start."""
    if '"' not in line:
        return in_string
    if "\\" not in line and "//" not in line:
        return in_string ^ bool(line.count('"') & 1)
    index, length = 0, len(line)
    while index < length:
        char = line[index]
        if in_string:
            if char == "\\":
                index += 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif line.startswith("//", index):
            return False
        index += 1
    return in_string


def item_starts(lines: list[str], first: int = 0, sync: frozenset[int] = frozenset()) -> list[int]:
    """The first line of every top-level item from line `first` on (which starts one).

    Scanning stops at a line in `sync` that starts an item (the caller knows the items from
    there on). Text left open at the end of the file is taken to end with the line that opens
    it, so that one unclosed quote while typing costs the re-parse of one item, not of the rest
    of the file.
    """
    closed_at: set[int] = set()
    while True:
        starts = [first]
        in_string = False
        opened = -1
        for index in range(first, len(lines)):
            line = lines[index]
            if (
                not in_string
                and index != first
                and line
                and line[0] not in " \t"
                and not line.startswith("//")
            ):
                starts.append(index)
                if index in sync:
                    return starts
            if '"' in line:
                was = in_string
                in_string = _line_state(line, in_string)
                if in_string and not was:
                    opened = index
                if in_string and index in closed_at:
                    in_string = False
        if not in_string or opened in closed_at:
            return starts
        closed_at.add(opened)


def _encoded(span: Span, offset: int) -> Span:
    return Span(span.line + offset, span.column, span.end_line + offset, span.end_column)


class Analyzer:
    """Keeps the parsed items of one document between edits; `analyse` gives a fresh Analysis.

    Lines the edit left alone at the start and the end of the document keep their items as they
    are; the lines between are cut into items again, and an item whose text was seen before
    (an undo, a line moved) comes from a small cache instead of the parser.
    """

    RECYCLED = 512  # how many replaced items are kept for reuse

    def __init__(self, path: str = "<string>", root: str | None = None) -> None:
        self.path = path
        self.root = root
        self._keys = itertools.count(1)
        self._lines: list[str] = []
        self._starts: list[int] = []
        self._items: list[_Item] = []
        self._recycled: dict[str, list[_Item]] = {}
        self.checker: Checker | None = incremental(path)
        self.parsed_items = 0  # items parsed by the last `analyse` (the rest were kept)
        # Items of an earlier process by text, pickled (`recheck`): each is loaded when its
        # text comes up, once (a second item of the same text is parsed: keys stay unique).
        self.stored: dict[str, bytes] = {}
        self.loaded: dict[int, bytes] = {}  # id of an item taken from `stored`: its bytes

    def _build(self, text: str) -> _Item:
        key = next(self._keys)
        offset = key * ITEM_LINES
        found: list[Diagnostic] = []
        tree = _parse_chunk(text.split("\n"), 0, self.path, found)
        item = _Item(key, text, syntax=tuple(_shifted(d, offset) for d in found))
        if tree is None:
            return item
        builder = _Builder(self.path)
        builder.offset = offset
        for child in tree.children:
            if isinstance(child, Tree):
                if child.data == "meta":
                    item.meta.append(child)
                else:
                    builder.top(child)
        item.speakers = tuple(builder.speakers)
        item.statements = tuple(builder.statements)
        item.arguments = tuple(builder.arguments)
        item.relations = tuple(builder.relations)
        item.groups = tuple(builder.groups)
        item.expectations = tuple(builder.expectations)
        item.imports = tuple(builder.imports)
        item.built = tuple(builder.diagnostics)
        return item

    def _item(self, text: str) -> _Item:
        reusable = self._recycled.get(text)
        if reusable:
            item = reusable.pop()
            if not reusable:
                del self._recycled[text]
            return item
        data = self.stored.pop(text, None)
        if data is not None:
            try:
                stored = _ItemUnpickler(io.BytesIO(data)).load()
            except Exception:  # a damaged or foreign entry: parsed again
                stored = None
            if isinstance(stored, _Item) and stored.text == text:
                self.loaded[id(stored)] = data
                return stored
        self.parsed_items += 1
        return self._build(text)

    def analyse(self, text: str) -> Analysis:
        """Parse what changed since the last call, and check the whole map."""
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        old_lines, old_starts, old_items = self._lines, self._starts, self._items
        self.parsed_items = 0
        # The unchanged lines at both ends.
        limit = min(len(lines), len(old_lines))
        prefix = 0
        while prefix < limit and lines[prefix] == old_lines[prefix]:
            prefix += 1
        suffix = 0
        while suffix < limit - prefix and lines[-1 - suffix] == old_lines[-1 - suffix]:
            suffix += 1
        delta = len(lines) - len(old_lines)
        # Keep the items that end before the line above the first change (that line may
        # start to continue into the changed one); re-cut from there.
        kept = bisect.bisect_right(old_starts, max(prefix - 1, 0)) - 1
        if kept < 0 or not old_items:
            kept = 0
        first = old_starts[kept] if old_items else 0
        tail_from = len(old_lines) - suffix  # old lines from here on are unchanged
        tail = bisect.bisect_left(old_starts, tail_from) if old_items else len(old_starts)
        sync = frozenset(start + delta for start in old_starts[tail:] if start + delta > first)
        starts = item_starts(lines, first, sync)
        middle_end = len(lines)
        resumed = len(old_starts)
        if starts[-1] in sync and starts[-1] != first:
            middle_end = starts.pop()
            resumed = old_starts.index(middle_end - delta, tail)
        for item in old_items[kept:resumed]:
            self._recycled.setdefault(item.text, []).append(item)
        bounds = [*starts, middle_end]
        middle = [
            self._item("\n".join(lines[start:end])) for start, end in itertools.pairwise(bounds)
        ]
        self._items = old_items[:kept] + middle + old_items[resumed:]
        self._starts = (
            old_starts[:kept] + starts + [start + delta for start in old_starts[resumed:]]
        )
        self._lines = lines
        while len(self._recycled) > self.RECYCLED:
            del self._recycled[next(iter(self._recycled))]
        offsets = dict(zip([item.key for item in self._items], self._starts, strict=True))
        return Analysis(self.path, text, lines, list(self._items), offsets, self.root, self.checker)


class Analysis:
    """One version of a document: its map (in item coordinates) and its diagnostics."""

    def __init__(
        self,
        path: str,
        text: str,
        lines: list[str],
        items: list[_Item],
        offsets: dict[int, int],
        root: str | None = None,
        checker: Checker | None = None,
    ) -> None:
        self.path = path
        self.checker = checker
        self.root = root
        self.text = text
        self.lines = lines
        self.items = items
        self._offsets = offsets
        self.has_syntax_errors = False  # set with the diagnostics, as ParseResult counts them
        self.checked: list[Diagnostic] | None = None  # the structural check, item coordinates

    def real(self, span: Span) -> Span:
        """A span in item coordinates as a place in the document (1-based, as in the model)."""
        if span.line < ITEM_LINES:
            return span
        key, line = divmod(span.line, ITEM_LINES)
        start = self._offsets.get(key)
        if start is None:
            return NO_SPAN
        end_line = span.end_line - key * ITEM_LINES
        return Span(line + start, span.column, end_line + start, span.end_column)

    def _real_line(self, match: re.Match[str]) -> str:
        number = int(match.group(1))
        return f"line {self.real(Span(number, 1, number, 1)).line}"

    def _translated(self, diagnostic: Diagnostic) -> Diagnostic:
        return replace(
            diagnostic,
            span=self.real(diagnostic.span),
            message=_LINE_NUMBER.sub(self._real_line, diagnostic.message),
            hint=_LINE_NUMBER.sub(self._real_line, diagnostic.hint) if diagnostic.hint else None,
            related=tuple((self.real(span), what) for span, what in diagnostic.related),
        )

    @cached_property
    def _meta(self) -> tuple[Metadata, list[Diagnostic]]:
        builder = _Builder(self.path)
        for item in self.items:
            for tree in item.meta:
                builder.offset = item.key * ITEM_LINES
                builder.meta(tree)
        return Metadata(**builder.metadata), builder.diagnostics

    @cached_property
    def imports(self) -> tuple[ImportLine, ...]:
        return tuple(line for item in self.items for line in item.imports)

    @cached_property
    def map(self) -> ArgumentMap:
        """The whole map with what it imports; its own spans in item coordinates (`real`)."""
        return self._merged[0]

    @cached_property
    def own_map(self) -> ArgumentMap:
        """The map of this document alone."""
        items = self.items
        return ArgumentMap(
            metadata=self._meta[0],
            speakers=tuple(itertools.chain.from_iterable(i.speakers for i in items)),
            statements=tuple(itertools.chain.from_iterable(i.statements for i in items)),
            arguments=tuple(itertools.chain.from_iterable(i.arguments for i in items)),
            relations=tuple(itertools.chain.from_iterable(i.relations for i in items)),
            groups=tuple(itertools.chain.from_iterable(i.groups for i in items)),
            expectations=tuple(itertools.chain.from_iterable(i.expectations for i in items)),
            path=self.path,
        )

    @cached_property
    def _merged(self) -> tuple[ArgumentMap, list[Diagnostic]]:
        """The map with the maps it imports (as `argmap check` reads them), and their problems."""
        if not self.imports:
            return self.own_map, []
        path = self.path
        own = ParseResult(self.own_map, [], imports=self.imports)
        is_file = not (path.startswith("<") and path.endswith(">"))
        base = Path(path).parent if is_file else Path.cwd()
        root = Path(self.root or os.environ.get(ROOT_VARIABLE) or base).resolve()
        loader = _Loader(root)
        loader.visit(
            _File(path, own), (base / Path(path).name).resolve() if is_file else None, base, []
        )
        merged = _merge(loader.files, loader.diagnostics)
        return merged.map, merged.diagnostics

    @cached_property
    def diagnostics(self) -> list[Diagnostic]:
        """What `argmap check` reports for this text, in document lines, sorted by place."""
        syntax = [d for item in self.items for d in item.syntax]
        others = [d for item in self.items for d in item.built] + self._meta[1]
        if len(syntax) > MAX_SYNTAX_ERRORS:
            syntax = syntax[:MAX_SYNTAX_ERRORS]
            syntax.append(
                make(
                    "E008",
                    f"stopped after {MAX_SYNTAX_ERRORS} syntax errors",
                    syntax[-1].span,
                    path=self.path,
                )
            )
        found = syntax + others + self._merged[1]
        tabbed = _tab_indented(self.lines) if "\t" in self.text else []
        if tabbed:
            first = tabbed[0]
            more = f" (and {len(tabbed) - 1} more lines)" if len(tabbed) > 1 else ""
            column = self.lines[first].index("\t") + 1
            found.append(
                make(
                    "W208",
                    f"line {first + 1} is indented with a tab{more}",
                    Span(first + 1, column, first + 1, column),
                    path=self.path,
                    hint="indent with spaces: argmap counts a tab as 8 columns, which may not "
                    "be what your editor shows",
                )
            )
        self.has_syntax_errors = any(d.code.startswith("E0") for d in found)
        if not self.has_syntax_errors:
            self.checked = self._check()
            found += self.checked
        translated = {self._translated(d) for d in found}
        return sorted(translated, key=Diagnostic.sort_key)

    def _check(self) -> list[Diagnostic]:
        """check() of the map, item by item through the document's checker."""
        if self.checker is None:
            return check(self.map, place=self.real)
        if not self.imports:
            return self.checker.check(self.items)
        # With imports: what the imported maps bring is one item before the document's own;
        # a speaker the document declares as an imported map does is that map's.
        merged = self.map
        own = {
            id(piece)
            for item in self.items
            for piece in (*item.speakers, *item.statements, *item.arguments, *item.relations)
        }
        own.update(id(group) for item in self.items for group in item.groups)
        imported = ArgumentMap(
            speakers=tuple(p for p in merged.speakers if id(p) not in own),
            statements=tuple(p for p in merged.statements if id(p) not in own),
            arguments=tuple(p for p in merged.arguments if id(p) not in own),
            relations=tuple(p for p in merged.relations if id(p) not in own),
            groups=tuple(p for p in merged.groups if id(p) not in own),
        )
        kept = {id(speaker) for speaker in merged.speakers}
        items = [
            item
            if all(id(speaker) in kept for speaker in item.speakers)
            else replace(item, speakers=tuple(s for s in item.speakers if id(s) in kept))
            for item in self.items
        ]
        return self.checker.check([imported, *items])

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)


# -- the command line's re-check through the items of the last one ----------------------------

# Bumped when what is stored changes shape.
_STORE_FORMAT = 2


# What a stored item may be made of: argmap's own data classes and enums from these modules,
# and Lark's tree and token. The store sits in the user's cache folder, outside any project,
# but a cache folder can be restored from elsewhere (a CI cache): an entry that names anything
# else, and could so run code as it is unpickled, is refused and its item parsed again.
_ITEM_MODULES = frozenset(
    {"argmap.model", "argmap.diagnostics", "argmap.language.parser", "argmap.lsp.incremental"}
)
_LARK_CLASSES = {("lark.tree", "Tree"): Tree, ("lark.lexer", "Token"): Token}


class _ItemUnpickler(pickle.Unpickler):
    """Unpickles a stored item, refusing every global but the item's own classes."""

    def find_class(self, module: str, name: str) -> object:
        lark_class = _LARK_CLASSES.get((module, name))
        if lark_class is not None:
            return lark_class
        if module in _ITEM_MODULES:
            found = getattr(__import__(module, fromlist=[name]), name, None)
            if not isinstance(found, type) or found.__module__ != module:
                raise pickle.UnpicklingError(f"a stored item may not name {module}.{name}")
            if dataclasses.is_dataclass(found) or issubclass(found, enum.Enum):
                return found
        raise pickle.UnpicklingError(f"a stored item may not name {module}.{name}")


_STORE_MAGIC = b"argmap-items\0"
_LENGTHS = struct.Struct("<II")


def _store_bytes(next_key: int, items: dict[str, bytes]) -> bytes:
    """The store's file: a magic line, the format, the next key, then each item's text and bytes."""
    parts = [_STORE_MAGIC, struct.pack("<II", _STORE_FORMAT, next_key)]
    for text, data in items.items():
        encoded = text.encode("utf-8")
        parts += [_LENGTHS.pack(len(encoded), len(data)), encoded, data]
    return b"".join(parts)


def _read_store(blob: bytes) -> tuple[int, dict[str, bytes]]:
    """The next key and the items of a store's file (ValueError when it is not one)."""
    if not blob.startswith(_STORE_MAGIC):
        raise ValueError("not an item store")
    at = len(_STORE_MAGIC)
    form, next_key = struct.unpack_from("<II", blob, at)
    if form != _STORE_FORMAT:
        raise ValueError("another store format")
    at += 8
    items: dict[str, bytes] = {}
    end = len(blob)
    while at < end:
        size, length = _LENGTHS.unpack_from(blob, at)
        at += _LENGTHS.size
        if at + size + length > end:
            raise ValueError("a truncated store")
        items[blob[at : at + size].decode("utf-8")] = blob[at + size : at + size + length]
        at += size + length
    return next_key, items


def _store(folder: Path, path: str) -> Path:
    name = f"{_STORE_FORMAT}\0{code_stamp()}\0{os.path.abspath(path)}"
    return folder / f"items-{hashlib.sha256(name.encode()).hexdigest()[:32]}.bin"


def recheck(
    text: str, path: str, extra: MapCheck | None = None, folder: Path | None = None
) -> list[Diagnostic]:
    """`check_source`, re-parsing only the items that changed since the file's last check.

    The items of the last check of `path` are kept in the cache folder (`cache_dir`), each
    pickled on its own under its text, so that a one-line edit parses one item and writes
    one; the whole map is then checked. The result is `check_source`'s: a text with syntax
    errors, or whose map expects outcomes (`extra`), is checked afresh.
    """
    store = _store(folder if folder is not None else cache_dir(), path)
    analyzer = Analyzer(path)
    analyzer.checker = None  # one check of the whole map: nothing is checked again here
    with paused_gc():
        try:
            next_key, stored = _read_store(store.read_bytes())
            analyzer.stored = stored
            analyzer._keys = itertools.count(next_key)
        except (OSError, ValueError, struct.error, UnicodeDecodeError):
            pass
        analysis = analyzer.analyse(text)
        diagnostics = analysis.diagnostics
        _save(store, analyzer)
    if analysis.has_syntax_errors:
        return check_source(text, path, extra)
    expects = any(item.expectations for item in analysis.items) or any(
        statement.expect is not None for statement in analysis.own_map.statements
    )
    if extra is not None and expects:
        return check_source(text, path, extra)
    return diagnostics


def _save(store: Path, analyzer: Analyzer) -> None:
    """Write the analyzer's items (only the new ones are pickled); skipped when it cannot be."""
    items: dict[str, bytes] = {}
    for item in analyzer._items:
        data = analyzer.loaded.get(id(item))
        items[item.text] = data if data is not None else pickle.dumps(item, protocol=5)
    next_key = max((item.key for item in analyzer._items), default=0) + 1
    try:
        store.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=store.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(_store_bytes(next_key, items))
        os.replace(temporary, store)
    except OSError:
        return
