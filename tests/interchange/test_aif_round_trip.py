"""AIF export and import are each other's inverse: export -> import gives the map back and
export -> import -> export is a fixed point (Hypothesis, over generated maps)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from argmap import loads
from argmap.interchange.aif import dumps_aif, export_aif, from_aif
from argmap.model import ArgumentMap, RelationKind
from tests.strategies import argument_maps, valid_maps

ROUND_TRIPS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def structure(argument_map: ArgumentMap) -> tuple[Any, ...]:
    """Everything an AIF round trip must keep, independent of declaration order."""
    return (
        argument_map.metadata,
        argument_map.speakers,
        sorted(argument_map.statements, key=lambda s: s.id),
        sorted(argument_map.arguments, key=lambda a: a.id),
        sorted(
            argument_map.relations,
            key=lambda r: (r.kind.value, r.source, r.target, r.speaker or "", r.tags),
        ),
        argument_map.groups,
        argument_map.expectations,
    )


def reimport(argument_map: ArgumentMap) -> tuple[ArgumentMap, str]:
    """The map exported and read back, with the exported text; reading it warns of nothing."""
    text = dumps_aif(argument_map)
    imported = from_aif(json.loads(text), "r.json")
    assert imported.warnings == ()
    return imported.map, text


@pytest.mark.slow
@ROUND_TRIPS
@given(valid_maps())
def test_every_valid_map_comes_back_from_aif(argument_map: ArgumentMap) -> None:
    assert export_aif(argument_map)[1] == ()
    again, text = reimport(argument_map)
    assert structure(again) == structure(argument_map)
    assert dumps_aif(again) == text


@pytest.mark.slow
@settings(ROUND_TRIPS, max_examples=100)
@given(argument_maps())
def test_what_aif_cannot_carry_is_a_warning(argument_map: ArgumentMap) -> None:
    """Any map, broken references and ids declared twice included: the export is read back
    without a warning and is a fixed point; whatever did not come back was warned of."""
    warnings = export_aif(argument_map)[1]
    again, text = reimport(argument_map)
    assert dumps_aif(again) == text
    if structure(again) != structure(argument_map):
        assert warnings, "the export lost something without a warning"
    assert all(w.message.startswith("AIF export: ") for w in warnings)


def test_an_argument_without_conclusion_that_supports() -> None:
    argument_map = loads(
        'thesis c: "C"\npremise p: "P"\npremise q: "Q"\nargument a: p + q\na supports c\n'
    )
    again, text = reimport(argument_map)
    assert structure(again) == structure(argument_map)
    # AIF tools see an inference from p and q to c; argmap's note says it is a relation.
    (node,) = [n for n in json.loads(text)["nodes"] if n["nodeID"] == "a"]
    assert node["type"] == "RA"
    assert node["argmap"]["relations"] == [{"kind": "supports", "target": "c"}]


def test_an_argument_attacking_two_targets_stays_one_argument() -> None:
    argument_map = loads(
        'thesis t: "T"\nclaim u: "U"\npremise p: "P"\npremise q: "Q"\n'
        'argument a: p + q\na attacks t\na attacks u @x #sharp\nspeaker x: "X"\n'
    )
    again, text = reimport(argument_map)
    assert [a.id for a in again.arguments] == ["a"]
    assert structure(again) == structure(argument_map)
    conflicts = [n for n in json.loads(text)["nodes"] if n["type"] == "CA"]
    assert [n["nodeID"] for n in conflicts] == ["a"]  # one linked attack with two targets


def test_export_warns_of_what_it_leaves_out() -> None:
    argument_map = loads(
        'thesis t: "T"\npremise p: "P"\nargument a: p -> t\np supports a\nt attacks t\n'
    )
    warnings = [str(w) for w in export_aif(argument_map)[1]]
    assert warnings == [
        "<string>: node p: warning: AIF export: 'p supports a' was not written: only undercuts "
        "point at arguments, and only at arguments",
        "<string>: node t: warning: AIF export: 't attacks t' was not written: a node cannot "
        "bear on itself",
    ]
    again, _ = reimport(argument_map)
    assert again.relations == ()
    assert RelationKind.SUPPORT not in {r.kind for r in again.relations}
