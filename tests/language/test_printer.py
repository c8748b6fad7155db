"""The printer: canonical .arg text that parses back to an equal map."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings

from argmap import load, loads
from argmap.errors import InputError
from argmap.language.printer import quote, to_arg
from argmap.model import Argument, ArgumentMap, Group, Role, Statement
from tests.conftest import MAPS, REPO
from tests.strategies import argument_maps

LANGUAGE = (REPO / "docs" / "language.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```argmap\n(.*?)```", LANGUAGE, re.S)
MAP_FILES = sorted(MAPS.glob("**/*.arg")) if MAPS.is_dir() else []

SOURCE = """\
title: "Car-free city centre"

speaker mayor: "The Mayor"

thesis car_free @mayor: "The city centre should be made car-free."
  + argument clean_air @mayor (scheme: cause_to_effect):
      premise cars_pollute: "Cars pollute."
      premise removal_lowers: "Removing a source lowers the level."
  - objection shop_losses #economy: "Shops will lose customers."
      cite: "Retail survey"
displacement undercuts clean_air
objection displacement: "Traffic moves to the ring road."
group "Case": car_free, clean_air
"""

CANONICAL = """\
title: "Car-free city centre"

speaker mayor: "The Mayor"

thesis car_free @mayor: "The city centre should be made car-free."
premise cars_pollute: "Cars pollute."
premise removal_lowers: "Removing a source lowers the level."
objection shop_losses #economy: "Shops will lose customers."
  cite: "Retail survey"
objection displacement: "Traffic moves to the ring road."

argument clean_air @mayor (scheme: cause_to_effect): cars_pollute + removal_lowers -> car_free

shop_losses attacks car_free
displacement undercuts clean_air

group "Case": car_free, clean_air
"""


def test_canonical_form_is_flat_and_in_model_order() -> None:
    assert to_arg(loads(SOURCE)) == CANONICAL
    assert loads(CANONICAL) == loads(SOURCE)


def test_quote_escapes_exactly_the_four_escapes() -> None:
    assert quote('say "hi"\\\n\tnow') == '"say \\"hi\\"\\\\\\n\\tnow"'
    assert quote("“curly” – Кириллица // not a comment") == (
        '"“curly” – Кириллица // not a comment"'
    )


def test_awkward_text_and_scheme_survive() -> None:
    statement = Statement("s", Role.CLAIM, 'a "b" \\ c\nd\te', note="// x", raises="why not?")
    argument = Argument("a", ("s",), None, scheme="Argument From Expert Opinion")
    argument_map = ArgumentMap(statements=(statement,), arguments=(argument,))
    text = to_arg(argument_map)
    assert 'claim s (raises: "why not?"): "a \\"b\\" \\\\ c\\nd\\te"' in text
    assert 'argument a (scheme: "Argument From Expert Opinion"): s' in text
    assert loads(text) == argument_map


def test_argument_with_only_a_note_uses_the_block_form() -> None:
    argument_map = ArgumentMap(arguments=(Argument("a", (), "c", note="why"),))
    assert to_arg(argument_map) == 'argument a -> c:\n  note: "why"\n'


def test_what_the_language_cannot_write_is_refused() -> None:
    with pytest.raises(InputError, match="argument a has no premises"):
        to_arg(ArgumentMap(arguments=(Argument("a", (), "c"),)))
    with pytest.raises(InputError, match=r"'not an id' is not a valid \.arg id"):
        to_arg(ArgumentMap(statements=(Statement("not an id", Role.CLAIM, "x"),)))
    with pytest.raises(InputError, match=r"is not a valid \.arg id"):
        to_arg(ArgumentMap(statements=(Statement("thesis", Role.CLAIM, "x"),)))
    with pytest.raises(InputError, match="group 'g' has no members"):
        to_arg(ArgumentMap(groups=(Group("g", ()),)))


def test_empty_map_prints_as_empty_text() -> None:
    assert to_arg(ArgumentMap()) == ""
    assert loads("") == ArgumentMap()


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(argument_maps())
def test_generated_maps_round_trip(argument_map: ArgumentMap) -> None:
    text = to_arg(argument_map)
    assert loads(text) == argument_map
    assert to_arg(loads(text)) == text


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"example{n}" for n in range(len(EXAMPLES))])
def test_language_examples_round_trip(example: str) -> None:
    argument_map = loads(example)
    assert loads(to_arg(argument_map)) == argument_map


@pytest.mark.parametrize("path", MAP_FILES, ids=[p.name for p in MAP_FILES])
def test_every_map_in_maps_round_trips(path: object) -> None:
    argument_map = load(str(path))
    assert loads(to_arg(argument_map)) == argument_map
