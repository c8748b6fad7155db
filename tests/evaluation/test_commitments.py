"""Reported commitments: a charge of inconsistency is no attack, and the seed map reads right."""

from __future__ import annotations

import pytest

import argmap
from argmap.evaluation.evaluate import evaluate, translate
from argmap.evaluation.semantics import Label, Semantics
from argmap.model import ArgumentMap
from tests.conftest import REPO

SPEAKERS = 'speaker w: "The West"\nspeaker a: "The author"\nspeaker r: "A reader"\n'
CHARGE = (
    SPEAKERS + 'claim k @w: "Kosovo may secede."\n'
    'claim i @w: "No region may secede from Ukraine."\n'
    'claim ds @a: "The West applies a double standard."\n'
    "  + argument charge @a (scheme: inconsistent_commitment):\n"
    "      k\n      i\n"
    '      assumption like @a: "The cases are alike."\n'
)


def labels(text: str, semantics: Semantics = Semantics.GROUNDED) -> dict[str, str]:
    return evaluate(argmap.loads(text), semantics).labels()


def test_a_charge_attributed_to_another_speaker_adds_no_attack() -> None:
    found = labels(CHARGE + "k contradicts i @a\n")
    assert found == {"k": "in", "i": "in", "ds": "in", "charge": "in", "like": "in"}
    translation = translate(argmap.loads(CHARGE + "k contradicts i @a\n"))
    assert ("k", "i") not in translation.framework.attacks
    assert translation.charges["k"] == (("i", "a"),)


@pytest.mark.parametrize("line", ["k contradicts i\n", "k contradicts i @w\n"])
def test_the_same_line_drawn_by_the_map_or_the_speaker_is_a_conflict(line: str) -> None:
    # Drawn by nobody or by the West itself, the contradiction is real: both commitments are
    # UNDEC, and so is an argument that needs them true.
    plain = CHARGE.replace("(scheme: inconsistent_commitment)", "")
    found = labels(plain + line)
    assert found["k"] == found["i"] == found["ds"] == "undec"


def test_the_charge_stands_while_both_commitments_are_held_not_true() -> None:
    # A reader defeats one commitment on its merits; the West still holds it.
    text = CHARGE + 'k contradicts i @a\nobjection no @r: "Kosovo may not."\nno attacks k @r\n'
    found = labels(text)
    assert found["k"] == "out"
    assert found["charge"] == found["ds"] == "in"
    reason = evaluate(argmap.loads(text)).verdict("charge").reason
    assert reason == (
        "stands: all its premises are IN (like) and the commitments it reports are held (k, i)"
    )


def test_a_commitment_argument_still_needs_its_own_premises_and_falls_to_an_undercut() -> None:
    undercut = CHARGE + 'objection unlike @r: "The cases differ."\nunlike attacks like @r\n'
    assert labels(undercut)["charge"] == "out"
    question = CHARGE + 'objection moved @r: "The West changed its view."\nmoved undercuts charge\n'
    assert labels(question)["charge"] == "out"


def test_without_a_commitment_scheme_the_premises_must_be_true() -> None:
    text = CHARGE.replace(" (scheme: inconsistent_commitment)", "")
    text += 'objection no @r: "Kosovo may not."\nno attacks k @r\n'
    assert labels(text)["charge"] == "out"


def test_the_charged_statement_explains_the_charge() -> None:
    reason = evaluate(argmap.loads(CHARGE + "k contradicts i @a\n")).verdict("k").reason
    assert reason == (
        "accepted: nothing attacks it (@a charges it is inconsistent with i: a charge about "
        "commitments, not an attack)"
    )


# ---------------------------------------------------------------------------------------------
# The seed map


@pytest.fixture(scope="module")
def seed() -> ArgumentMap:
    return argmap.load(REPO / "maps" / "tokayev.arg")


CHARGE_NODES = ("west_kosovo", "west_integrity", "double_standards_argument", "double_standard")
CHARGE_NODES += ("pandora", "reflect_argument", "reflect")


def test_the_double_standards_charge_stands_under_grounded(seed: ArgumentMap) -> None:
    evaluation = evaluate(seed, Semantics.GROUNDED)
    for node in CHARGE_NODES:
        assert evaluation.verdict(node).label is Label.IN, node


def test_the_double_standards_charge_stands_in_every_preferred_extension(
    seed: ArgumentMap,
) -> None:
    evaluation = evaluate(seed, Semantics.PREFERRED)
    assert len(evaluation.extensions) == 2  # the two camps' readings of the Charter
    for extension in evaluation.extensions:
        assert set(CHARGE_NODES) <= set(extension)


@pytest.mark.parametrize("semantics", [Semantics.GROUNDED, Semantics.PREFERRED])
def test_the_taiwan_objection_defeats_only_what_it_targets(
    seed: ArgumentMap, semantics: Semantics
) -> None:
    evaluation = evaluate(seed, semantics)
    out = {v.node for v in evaluation.verdicts if v.label is Label.OUT}
    # The comparison, and the one argument that rests on it; and the TV host's remark, which
    # Tokayev's protest answers.
    assert out == {"taiwan_compared", "taiwan_argument", "host_threat"}
    for node in ("list_argument", "no_recognition", "nonrecognition_principle", "ld_argument"):
        assert evaluation.verdict(node).label is Label.IN, node


def test_the_persona_non_grata_decision_is_a_response_not_a_refutation(seed: ArgumentMap) -> None:
    evaluation = evaluate(seed)
    assert evaluation.verdict("host_threat").because == ("protest",)
    attackers = translate(seed).attackers.get("host_threat", ())
    assert "persona_non_grata" not in attackers


def test_every_relation_of_the_seed_map_has_an_owner(seed: ArgumentMap) -> None:
    assert all(seed.owner(relation) is not None for relation in seed.relations)
