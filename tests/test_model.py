"""The model's classes: what their quicker `__init__` must keep of a frozen dataclass's own, and
laying many objects out as columns (the forked parse's hand-over)."""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest
from hypothesis import given, settings

from argmap import model
from argmap.language.parser import parse
from argmap.model import (
    NO_SPAN,
    Argument,
    Group,
    Relation,
    RelationKind,
    Role,
    Span,
    Statement,
    from_columns,
    to_columns,
)
from tests.conftest import MAPS
from tests.strategies import argument_maps

CLASSES = [
    model.Span,
    model.Speaker,
    model.Statement,
    model.Argument,
    model.Relation,
    model.Expectation,
    model.Group,
    model.Metadata,
]


def _dataclass_twin(cls: type) -> type:
    """The same fields as a plain frozen slotted dataclass, with the `__init__` it generates."""
    spec = [
        (item.name, item.type, dataclasses.field(default=item.default, compare=item.compare))
        if item.default is not dataclasses.MISSING
        else (item.name, item.type, dataclasses.field(compare=item.compare))
        for item in dataclasses.fields(cls)
    ]
    return dataclasses.make_dataclass(
        cls.__name__, spec, frozen=True, slots=True, namespace={"__module__": model.__name__}
    )


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_the_init_takes_what_the_dataclass_init_takes(cls: type) -> None:
    ours = inspect.signature(cls.__init__)  # type: ignore[misc]
    theirs = inspect.signature(_dataclass_twin(cls).__init__)  # type: ignore[misc]
    assert str(ours) == str(theirs)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_the_objects_stay_frozen(cls: type) -> None:
    values = {
        item.name: item.default
        for item in dataclasses.fields(cls)
        if item.default is not dataclasses.MISSING
    }
    required = [item.name for item in dataclasses.fields(cls) if item.name not in values]
    made = cls(*["x" for _ in required])
    assert type(made) is cls
    assert not hasattr(made, "__dict__")
    for item in dataclasses.fields(cls):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(made, item.name, "changed")


def test_every_field_lands_where_the_dataclass_puts_it() -> None:
    span = Span(7, 2, 7, 9, "other.arg")
    statement = Statement(
        "s",
        Role.PREMISE,
        "text",
        speaker="un",
        tags=("a", "b"),
        cite="c",
        quote="q",
        url="u",
        note="n",
        raises="r",
        title="t",
        standard="pe",
        expect="in",
        span=span,
        speaker_span=NO_SPAN,
    )
    assert [getattr(statement, item.name) for item in dataclasses.fields(Statement)] == [
        "s",
        Role.PREMISE,
        "text",
        "un",
        ("a", "b"),
        "c",
        "q",
        "u",
        "n",
        "r",
        "t",
        "pe",
        "in",
        span,
        NO_SPAN,
    ]
    # Keywords in any order, defaults where left out.
    relation = Relation(target="b", source="a", kind=RelationKind.ATTACK)
    assert (relation.kind, relation.source, relation.target) == (RelationKind.ATTACK, "a", "b")
    assert relation.speaker is None and relation.tags == () and relation.span is NO_SPAN


def test_missing_and_unknown_arguments_are_refused_as_before() -> None:
    with pytest.raises(TypeError, match="premises"):
        Argument("a")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="colour"):
        Span(1, 1, 1, 1, colour="red")  # type: ignore[call-arg]


def test_equality_order_hash_pickle_and_replace_are_the_dataclass_ones() -> None:
    first, second = Span(3, 1, 3, 4, "a.arg"), Span(3, 1, 3, 4)
    assert first == second and hash(first) == hash(second)  # the path is never compared
    assert Span(2, 9, 2, 9) < Span(3, 1, 3, 1)
    statement = Statement("s", Role.CLAIM, "text", span=first)
    assert statement == Statement("s", Role.CLAIM, "text")  # spans never compared
    again = pickle.loads(pickle.dumps(statement))
    assert again == statement and again.span.path == "a.arg"
    changed = dataclasses.replace(statement, text="other")
    assert type(changed) is Statement and changed.text == "other" and changed.span is first


def test_a_subclass_is_built_by_the_dataclass_init() -> None:
    class Noted(Statement):
        __slots__ = ("extra",)

    noted = Noted("s", Role.CLAIM, "text")
    assert type(noted) is Noted and noted.text == "text"


def _same(found: list[object], expected: list[object]) -> None:
    """Equal objects, and equal in what equality leaves out: every span, with its path."""
    assert found == expected
    for one, other in zip(found, expected, strict=True):
        assert type(one) is type(other)
        for field in dataclasses.fields(one):  # type: ignore[arg-type]
            mine, theirs = getattr(one, field.name), getattr(other, field.name)
            assert mine == theirs
            if isinstance(theirs, Span):
                assert mine.path == theirs.path and (mine is NO_SPAN) == (theirs is NO_SPAN)
            if field.type == "tuple[Span, ...]":
                assert [s.path for s in mine] == [s.path for s in theirs]


def _round_trip(*lists: list[object]) -> list[list[object]]:
    columns = pickle.loads(pickle.dumps(to_columns(lists)))  # type: ignore[arg-type]
    return from_columns(columns)  # type: ignore[return-value]


NAMES = ("speakers", "statements", "arguments", "relations", "groups", "expectations")


def test_a_parsed_map_round_trips_through_columns() -> None:
    model = parse((MAPS / "tokayev.arg").read_text(encoding="utf-8"), "tokayev.arg").map
    lists = [list(getattr(model, name)) for name in NAMES]
    assert all(lists)  # tokayev.arg has one of each
    for found, expected in zip(_round_trip(*lists), lists, strict=True):
        _same(found, expected)
    assert _round_trip() == [] and _round_trip([]) == [[]]


def test_spans_with_files_no_span_and_tuples_of_spans() -> None:
    here, there = Span(3, 5, 3, 9), Span(300, 1, 302, 7, "other.arg")
    arguments: list[object] = [
        Argument("a", ("p", "q"), "c", premise_spans=(here, there), conclusion_span=there),
        Argument("b", (), None, span=here),
        Argument("d", ("p",), None, "sp", ("t",), premise_spans=(NO_SPAN,), speaker_span=here),
    ]
    (found,) = _round_trip(arguments)
    _same(found, arguments)
    relations: list[object] = [
        Relation(RelationKind.ATTACK, "a", "b", span=here),
        Relation(RelationKind.SUPPORT, "b", "a", "sp", ("t",), here, here, there, here),
    ]
    groups: list[object] = [Group("G", ("a", "b"), (), here, (here, here)), Group("H", ())]
    found_relations, found_groups = _round_trip(relations, groups)
    _same(found_relations, relations)
    _same(found_groups, groups)
    # One span object in several places stays one object.
    assert isinstance(found_relations[1], Relation) and isinstance(found_groups[0], Group)
    assert found_relations[1].span is found_relations[1].source_span
    assert found_relations[1].span is found_groups[0].member_spans[1]


def test_equal_values_come_back_as_one_object() -> None:
    statements = [
        Statement("".join(["s", str(i)]), Role.CLAIM, "T", "".join(["spea", "ker"]))
        for i in range(3)
    ]
    relations = [Relation(RelationKind.SUPPORT, "".join(["s", "1"]), "".join(["s", "2"]))]
    assert statements[0].speaker is not statements[1].speaker
    found, (relation,) = from_columns(to_columns([statements, relations]))
    assert isinstance(found[0], Statement) and isinstance(found[1], Statement)
    assert found[0].speaker is found[1].speaker
    assert isinstance(relation, Relation) and isinstance(found[2], Statement)
    assert relation.target is found[2].id


@settings(max_examples=40, deadline=None)
@given(argument_maps())
def test_generated_maps_round_trip_through_columns(model: object) -> None:
    lists = [list(getattr(model, name)) for name in NAMES]
    for found, expected in zip(_round_trip(*lists), lists, strict=True):
        _same(found, expected)
