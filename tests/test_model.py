"""The model's classes: their quick constructors, and laying many objects out as columns."""

from __future__ import annotations

import dataclasses
import pickle

import pytest
from hypothesis import given, settings

from argmap.language.parser import parse
from argmap.model import (
    NO_SPAN,
    Argument,
    Group,
    Metadata,
    Relation,
    RelationKind,
    Role,
    Span,
    Speaker,
    Statement,
    from_columns,
    to_columns,
)
from tests.conftest import MAPS
from tests.strategies import argument_maps


def test_the_constructor_keeps_the_dataclass_signature_and_frozenness() -> None:
    statement = Statement("s", Role.CLAIM, "Text", tags=("a",), span=Span(2, 1, 2, 3))
    assert statement == Statement(id="s", role=Role.CLAIM, text="Text", tags=("a",))
    assert (statement.speaker, statement.speaker_span, statement.span.path) == (None, NO_SPAN, "")
    assert dataclasses.replace(statement, text="Other").text == "Other"
    with pytest.raises(dataclasses.FrozenInstanceError):
        statement.text = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError, match="end_column"):
        Span(1, 2, 3)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword"):
        Speaker("a", "A", where=NO_SPAN)  # type: ignore[call-arg]
    assert Metadata(title="T") == Metadata("T") != Metadata()
    # A span is its place: the path takes no part in equality, order or hashing.
    assert Span(1, 2, 1, 4, "a.arg") == Span(1, 2, 1, 4) < Span(1, 3, 1, 3)
    assert hash(Span(1, 2, 1, 4, "a.arg")) == hash(Span(1, 2, 1, 4))
    assert pickle.loads(pickle.dumps(statement)) == statement


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
