"""The argument map as plain frozen dataclasses: what every later stage reads."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import MISSING, dataclass, field, fields
from enum import Enum
from functools import cached_property
from operator import attrgetter
from typing import TypeVar, cast

from argmap import display


class _Compact:
    """A base of the model's classes that have `__slots__` (no `__dict__`: a third less memory).

    A frozen dataclass with slots pickles through a `__setstate__` written in Python, which
    made handing a parsed half of a large map from one process to another twice as slow;
    it pickles here as a call of the class with its fields, in field order.
    """

    __slots__ = ()
    __match_args__: tuple[str, ...]

    def __reduce__(self) -> tuple[type[_Compact], tuple[object, ...]]:
        fields = _FIELDS.get(type(self))
        if fields is None:
            fields = _FIELDS[type(self)] = attrgetter(*self.__match_args__)
        return type(self), fields(self)


_FIELDS: dict[type[_Compact], Callable[[_Compact], tuple[object, ...]]] = {}
_Class = TypeVar("_Class", bound=type[_Compact])


def _quick_init(cls: _Class) -> _Class:
    """Give a frozen slotted dataclass an `__init__` three times as fast, with the same
    parameters and the same result.

    A frozen dataclass's own `__init__` stores each field through `object.__setattr__`, about
    0.2 us a field: a Statement cost 3 us, most of the time of building a large map's model
    and of handing one from a forked process to another. This one turns the new object for
    a moment into an unfrozen twin class with the same slots (Python allows `__class__` to
    change between classes of one layout), stores the fields as plain attributes and turns
    it back. The class stays frozen to all other code.
    """
    twin = type(f"_{cls.__name__}Fields", (_Compact,), {"__slots__": cls.__slots__})
    names = [item.name for item in fields(cls)]  # type: ignore[arg-type]
    # The generated code's own names must not be a field's.
    assert not {"cls", "twin", "set_class", "frozen_init"} & set(names), names
    defaults: dict[str, object] = {}
    parameters = []
    for item in fields(cls):  # type: ignore[arg-type]
        if item.default is not MISSING:
            defaults[f"_default_{item.name}"] = item.default
            parameters.append(f"{item.name}=_default_{item.name}")
        else:
            parameters.append(item.name)
    stores = "".join(f"    self.{name} = {name}\n" for name in names)
    # A subclass (argmap has none) may have another layout: the dataclass's own way there.
    source = (
        f"def __init__(self, {', '.join(parameters)}):\n"
        "    if type(self) is not cls:\n"
        f"        return frozen_init(self, {', '.join(names)})\n"
        "    set_class(self, '__class__', twin)\n"
        f"{stores}"
        "    self.__class__ = cls\n"
    )
    scope: dict[str, object] = {
        "set_class": object.__setattr__,
        "twin": twin,
        "cls": cls,
        "frozen_init": cls.__init__,
    }
    exec(source, {**defaults, **scope}, scope)
    init: Callable[..., None] = scope["__init__"]  # type: ignore[assignment]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__annotations__ = cls.__init__.__annotations__
    cls.__init__ = init  # type: ignore[method-assign]
    return cls


@_quick_init
@dataclass(frozen=True, order=True, slots=True)
class Span(_Compact):
    """A place in the source: 1-based line and column of the first and last character."""

    line: int
    column: int
    end_line: int
    end_column: int
    # The file the place is in when the map was put together from imports; "" is the map's
    # own file (`ArgumentMap.path`). Never compared: a place is its line and column.
    path: str = field(default="", compare=False)


NO_SPAN = Span(0, 0, 0, 0)


class Role(Enum):
    """What a statement does in the map."""

    THESIS = "thesis"
    CLAIM = "claim"
    PREMISE = "premise"
    ASSUMPTION = "assumption"
    EVIDENCE = "evidence"
    OBJECTION = "objection"
    REBUTTAL = "rebuttal"
    STATEMENT = "statement"


class RelationKind(Enum):
    """How one node bears on another."""

    SUPPORT = "supports"
    ATTACK = "attacks"
    UNDERCUT = "undercuts"
    CONTRADICTION = "contradicts"


# Spans never take part in equality: two maps that say the same thing are equal
# wherever they were written (the printer round trip relies on this).


@_quick_init
@dataclass(frozen=True, slots=True)
class Speaker(_Compact):
    """A party to whom statements and arguments are attributed."""

    id: str
    name: str
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


@_quick_init
@dataclass(frozen=True, slots=True)
class Statement(_Compact):
    """A proposition with a role; `speaker` is the id of the party who asserts it."""

    id: str
    role: Role
    text: str
    speaker: str | None = None
    tags: tuple[str, ...] = ()
    cite: str | None = None
    quote: str | None = None
    url: str | None = None
    note: str | None = None
    # The critical question of an argumentation scheme that this statement raises.
    raises: str | None = None
    # A short readable name for diagrams (`title: "Chaos"`); None: derived from the id.
    title: str | None = None
    # Carneades evaluation: the proof standard the statement must meet ("pe", "cce", "brd",
    # "dv"; None for the default, preponderance of the evidence).
    standard: str | None = None
    # The label the map expects this statement to get under grounded semantics ("in",
    # "out", "undec"), checked by `argmap check`.
    expect: str | None = None
    span: Span = field(default=NO_SPAN, compare=False, repr=False)
    speaker_span: Span = field(default=NO_SPAN, compare=False, repr=False)


@_quick_init
@dataclass(frozen=True, slots=True)
class Argument(_Compact):
    """An inference: linked premises that jointly support one conclusion."""

    id: str
    premises: tuple[str, ...]
    conclusion: str | None
    speaker: str | None = None
    tags: tuple[str, ...] = ()
    scheme: str | None = None
    note: str | None = None
    # A short readable name for diagrams (`title: "Chaos"`); None: derived from the id.
    title: str | None = None
    # Carneades evaluation: a constant weight ("0.4") or a weighing function ("linked",
    # "convergent", "cumulative", "factorized"); None for linked.
    weight: str | None = None
    span: Span = field(default=NO_SPAN, compare=False, repr=False)
    premise_spans: tuple[Span, ...] = field(default=(), compare=False, repr=False)
    conclusion_span: Span = field(default=NO_SPAN, compare=False, repr=False)
    speaker_span: Span = field(default=NO_SPAN, compare=False, repr=False)


@_quick_init
@dataclass(frozen=True, slots=True)
class Relation(_Compact):
    """A support, attack, undercut (target is an argument) or contradiction between nodes."""

    kind: RelationKind
    source: str
    target: str
    speaker: str | None = None
    tags: tuple[str, ...] = ()
    span: Span = field(default=NO_SPAN, compare=False, repr=False)
    source_span: Span = field(default=NO_SPAN, compare=False, repr=False)
    target_span: Span = field(default=NO_SPAN, compare=False, repr=False)
    speaker_span: Span = field(default=NO_SPAN, compare=False, repr=False)


@_quick_init
@dataclass(frozen=True, slots=True)
class Expectation(_Compact):
    """What a map expects of its own evaluation: these nodes get this label under a semantics."""

    semantics: str
    label: str
    nodes: tuple[str, ...]
    span: Span = field(default=NO_SPAN, compare=False, repr=False)
    node_spans: tuple[Span, ...] = field(default=(), compare=False, repr=False)


@_quick_init
@dataclass(frozen=True, slots=True)
class Group(_Compact):
    """A named cluster of statements and arguments."""

    name: str
    members: tuple[str, ...]
    tags: tuple[str, ...] = ()
    span: Span = field(default=NO_SPAN, compare=False, repr=False)
    member_spans: tuple[Span, ...] = field(default=(), compare=False, repr=False)


METADATA_KEYS = ("title", "source", "author", "date", "url", "language")


@_quick_init
@dataclass(frozen=True, slots=True)
class Metadata(_Compact):
    """What the map is about and who made it."""

    title: str | None = None
    source: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class ArgumentMap:
    """A whole map. Order is source order, so every later stage is deterministic."""

    metadata: Metadata = field(default_factory=Metadata)
    speakers: tuple[Speaker, ...] = ()
    statements: tuple[Statement, ...] = ()
    arguments: tuple[Argument, ...] = ()
    relations: tuple[Relation, ...] = ()
    groups: tuple[Group, ...] = ()
    expectations: tuple[Expectation, ...] = ()
    path: str | None = field(default=None, compare=False)

    @cached_property
    def nodes_by_id(self) -> dict[str, Statement | Argument]:
        """Every statement and argument by id (the first one where an id is declared twice)."""
        index: dict[str, Statement | Argument] = {}
        nodes: list[Statement | Argument] = [*self.statements, *self.arguments]
        for node in nodes:
            index.setdefault(node.id, node)
        return index

    def statement(self, node_id: str) -> Statement | None:
        """The statement with this id, or None."""
        node = self.nodes_by_id.get(node_id)
        return node if isinstance(node, Statement) else None

    def argument(self, node_id: str) -> Argument | None:
        """The argument with this id, or None."""
        node = self.nodes_by_id.get(node_id)
        return node if isinstance(node, Argument) else None

    def speaker(self, speaker_id: str) -> Speaker | None:
        """The speaker with this id, or None."""
        for speaker in self.speakers:
            if speaker.id == speaker_id:
                return speaker
        return None

    def owner(self, relation: Relation) -> str | None:
        """Who draws a relation (`relation_owner`, with its ends looked up in this map)."""
        source = self.nodes_by_id.get(relation.source)
        target = self.nodes_by_id.get(relation.target)
        return relation_owner(relation, source, target)

    def charged(self, relation: Relation) -> str | None:
        """The speaker whose commitments a conflict line charges with inconsistency, or None.

        A conflict line (attacks, contradicts, undercuts) between two nodes of one speaker,
        attributed to another speaker, is that other speaker's charge about commitments (a
        "double standards" charge), not an attack between the two: checker code I303.
        """
        if relation.kind is RelationKind.SUPPORT or relation.speaker is None:
            return None
        source = self.nodes_by_id.get(relation.source)
        target = self.nodes_by_id.get(relation.target)
        if source is None or target is None or source.speaker is None:
            return None
        if source.speaker == target.speaker != relation.speaker:
            return source.speaker
        return None

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        """Jupyter shows a map as its drawing (SVG), through the hook the package installs."""
        if display.hook is None:
            return {"text/plain": repr(self)}
        return display.hook(self)


# -- many model objects as a few flat lists ----------------------------------------------------

# How `to_columns` lays out one field of a class: its values as they are (shared where equal),
# as they are (text, seldom repeated, and enums), its spans (as numbers in the table of
# spans), or its tuples of spans (their lengths, then the numbers of the spans of them all).
_PLAIN, _UNIQUE, _SPAN, _SPANS = 0, 1, 2, 3
_SELDOM_REPEATED = frozenset(("text", "note", "quote", "role", "kind"))
_LAYOUTS: dict[type[_Compact], tuple[tuple[str, int], ...]] = {}


def _layout(cls: type[_Compact]) -> tuple[tuple[str, int], ...]:
    layout = _LAYOUTS.get(cls)
    if layout is None:
        kinds = {"Span": _SPAN, "tuple[Span, ...]": _SPANS}
        layout = tuple(
            (f.name, _UNIQUE if f.name in _SELDOM_REPEATED else kinds.get(str(f.type), _PLAIN))
            for f in fields(cls)  # type: ignore[arg-type]
        )
        _LAYOUTS[cls] = layout
    return layout


# Every span once, as lists of lines, columns, end lines, end columns and paths (the paths
# empty when all are "", as in a map not put together from imports); span 0 is NO_SPAN.
SpanTable = tuple["array[int]", "array[int]", "array[int]", "array[int]", list[str]]
# A class, how many objects, and a column per field.
Columns = tuple[type["_Compact"], int, list[object]]


def _numbers(values: Iterable[int]) -> array[int]:
    """Numbers as an array, which pickles as its bytes (4 or 8 a number)."""
    found = [*values]
    small = not found or (min(found) >= -(2**31) and max(found) < 2**31)
    return array("i" if small else "q", found)


def _span_table(spans: list[Span]) -> tuple[SpanTable, array[int]]:
    """Every span object of `spans` once (NO_SPAN first), and the number of each in it."""
    ids = [id(NO_SPAN), *map(id, spans)]
    # In the order first met: each object once, so that shared spans stay shared.
    unique = dict(zip(ids, [NO_SPAN, *spans], strict=True))
    number = dict(zip(unique, range(len(unique)), strict=True)).__getitem__
    table = [*unique.values()]
    paths = [*map(attrgetter("path"), table)]
    return (
        _numbers(map(attrgetter("line"), table)),
        _numbers(map(attrgetter("column"), table)),
        _numbers(map(attrgetter("end_line"), table)),
        _numbers(map(attrgetter("end_column"), table)),
        paths if any(paths) else [],
    ), _numbers(map(number, ids[1:]))


def _spans_of(table: SpanTable) -> list[Span]:
    lines, columns, end_lines, end_columns, paths = table
    # Equal line numbers as one int object (most spans start and end on one line, and a
    # node's spans are on one line): the first int of each value is kept and handed out.
    numbers: dict[int, int] = {}
    starts = map(numbers.setdefault, lines, lines)
    ends = map(numbers.setdefault, end_lines, end_lines)
    if paths:
        spans = [*map(Span, starts, columns, ends, end_columns, paths)]
    else:
        spans = [*map(Span, starts, columns, ends, end_columns)]
    spans[0] = NO_SPAN
    return spans


def to_columns(
    lists: Sequence[Sequence[_Compact]],
) -> tuple[SpanTable, list[Columns | None]]:
    """Lists of model objects (each of one class) as a few flat lists of strings and numbers.

    Pickling and unpickling these cost about the same CPU as the objects would (figures in
    docs/performance.md), but the reader can unpickle them as it reads a pipe, keeping
    nothing alive that the objects do not (`from_columns` makes the objects again).
    """
    spans: list[Span] = []
    # Where each field's spans are among `spans`: filled in with their numbers at the end.
    places: list[tuple[list[object], int, int, int]] = []
    packed: list[Columns | None] = []
    for items in lists:
        if not items:
            packed.append(None)
            continue
        cls = type(items[0])
        columns: list[object] = []
        for name, kind in _layout(cls):
            values = [*map(attrgetter(name), items)]
            if kind == _SPAN:
                places.append((columns, len(columns), len(spans), len(values)))
                columns.append(None)
                spans += values
            elif kind == _SPANS:
                lengths = [*map(len, values)]
                flat = [span for group in values for span in group]
                places.append((columns, len(columns), len(spans), len(flat)))
                columns.append(lengths)
                spans += flat
            else:
                columns.append(values)
        packed.append((cls, len(items), columns))
    table, numbers = _span_table(spans)
    for columns, at, start, count in places:
        found = numbers[start : start + count]
        columns[at] = found if columns[at] is None else (columns[at], found)
    return table, packed


def from_columns(packed: tuple[SpanTable, list[Columns | None]]) -> list[list[_Compact]]:
    """The lists of objects `to_columns` laid out, equal strings and tuples as one object."""
    table, lists = packed
    spans = _spans_of(table)
    span = spans.__getitem__
    shared: dict[object, object] = {}
    found: list[list[_Compact]] = []
    for columns in lists:
        if columns is None:
            found.append([])
            continue
        cls, count, values = columns
        made: list[list[object]] = []
        for (_, kind), column in zip(_layout(cls), values, strict=True):
            if kind == _SPAN:
                made.append([*map(span, column)])  # type: ignore[call-overload]
            elif kind == _SPANS:
                lengths, numbers = cast("tuple[list[int], array[int]]", column)
                grouped: list[object] = []
                start = 0
                for length in lengths:
                    grouped.append(tuple(map(span, numbers[start : start + length])))
                    start += length
                made.append(grouped)
            elif kind == _UNIQUE:
                made.append(column)  # type: ignore[arg-type]
            else:
                made.append([*map(shared.setdefault, column, column)])  # type: ignore[call-overload]
        objects = [*map(cls, *made)]
        if len(objects) != count:
            raise ValueError("the columns hold another number of objects than they say")
        found.append(objects)
    return found


def relation_owner(
    relation: Relation, source: Statement | Argument | None, target: Statement | Argument | None
) -> str | None:
    """Who draws a relation: its speaker; else the one speaker of both its ends; else, for
    a conflict line (attack, undercut, contradiction) or a statement declared as an outline
    child, the source's speaker; else (a support line or child reference between two
    speakers) None, the map's own voice."""
    if relation.speaker is not None:
        return relation.speaker
    if source is not None and target is not None and source.speaker == target.speaker:
        return source.speaker
    if source is None:
        return None
    # A conflict line is drawn by whoever raises the conflict (the source's speaker), and
    # a statement written as an outline child with its own speaker (`+ evidence e @b: ...`
    # on the line of its sign) by that speaker. A support line or a child reference
    # between two speakers' statements has no such default.
    if relation.kind is not RelationKind.SUPPORT:
        return source.speaker
    if (
        source.span.path == relation.span.path
        and source.span.line == relation.span.line
        and source.span > relation.span
    ):
        return source.speaker
    return None
