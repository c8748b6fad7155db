"""The model's classes: what their quicker `__init__` must keep of a frozen dataclass's own."""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest

from argmap import model
from argmap.model import NO_SPAN, Argument, Relation, RelationKind, Role, Span, Statement

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
