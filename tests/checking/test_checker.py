"""The checker: each structural rule, on small inline maps, with exact messages."""

from __future__ import annotations

import pytest

from argmap import check_text
from argmap.diagnostics import CODES, Severity


def codes(text: str) -> list[str]:
    return [d.code for d in check_text(text, "m.arg")]


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_is_produced_by_its_documented_example(code: str) -> None:
    assert code in codes(CODES[code].example)


def test_clean_map_has_no_diagnostics() -> None:
    text = (
        'speaker a: "A"\nthesis t @a: "T"\n  + argument arg @a:\n'
        '      premise p @a: "P"\n      premise q @a: "Q"\n'
    )
    assert check_text(text) == []


def test_unknown_id_suggests_the_closest() -> None:
    [d] = check_text('claim alpha: "A"\n  + premise beta: "B"\nbeta supports alpah\n')
    assert d.code == "E101" and d.hint == "did you mean 'alpha'?"
    assert (d.span.line, d.span.column) == (3, 15)


def test_circular_support_reports_the_whole_cycle() -> None:
    text = (
        'claim a: "A"\n  + claim b: "B"\n      + argument x:\n          premise c: "C"\n'
        '          premise d: "D"\na supports c\n'
    )
    [d] = [d for d in check_text(text) if d.code == "E106"]
    assert d.message == "circular support: a -> c -> b -> a (this line closes the circle)"
    # The relation line that closed the circle, not the first node of it.
    assert (d.span.line, d.span.column) == (6, 3)
    assert {what for _, what in d.related} == {
        "'a' is part of the cycle",
        "'x' is part of the cycle",
        "'c' is part of the cycle",
        "'b' is part of the cycle",
    }


def test_long_support_chain_does_not_overflow() -> None:
    text = 'thesis c0: "x"\n' + "".join(
        f'claim c{i}: "x"\nc{i} supports c{i - 1}\n' for i in range(1, 5000)
    )
    text += "c0 supports c4999\n"
    assert "E106" in codes(text)


def test_inconsistent_commitment_names_both_places() -> None:
    text = (
        'speaker w: "The West"\nspeaker u: "UN"\n'
        'claim k @w: "Kosovo may secede."\nclaim i @w: "No region may secede."\n'
        'k contradicts i\nclaim x @u: "X"\nx contradicts k\n'
    )
    [d] = [d for d in check_text(text) if d.code == "W203"]
    assert d.message == (
        "The West (@w) is committed to 'k' (line 3) and to 'i' (line 4), "
        "which contradict each other"
    )
    assert d.span.line == 3 and d.related[0][0].line == 4


def test_commitment_to_a_statement_and_an_attack_on_it() -> None:
    text = 'speaker s: "S"\nclaim c @s: "C"\n  - objection o @s: "O"\n'
    [d] = [d for d in check_text(text) if d.code == "W203"]
    assert "which attacks it" in d.message


def test_undercut_of_statement_and_relation_to_argument() -> None:
    text = (
        'thesis t: "T"\n  + argument a:\n      premise p: "P"\n      premise q: "Q"\n'
        'objection o: "O"\no undercuts t\no attacks a\n'
    )
    assert {"E104", "E109"} <= set(codes(text))


def test_thesis_unsupported_and_isolated_statement_are_warnings() -> None:
    diagnostics = check_text('thesis t: "T"\nclaim c: "C"\n')
    assert [(d.code, d.severity) for d in diagnostics] == [
        ("W201", Severity.WARNING),
        ("W202", Severity.WARNING),
    ]


def test_syntax_errors_suppress_structure_checks() -> None:
    assert codes('thesis t "T"\nx supports y\n') == ["E001"]


def test_an_unattributed_relation_between_speakers_is_reported_with_a_fix() -> None:
    text = (
        'speaker t: "Tokayev"\nspeaker a: "The author"\n'
        'claim c @a: "It took courage."\nevidence r @t: "We do not recognise them."\n'
        'claim s @t: "Said plainly."\n'
    )
    [d] = [d for d in check_text(text + "r supports c\n") if d.code == "W209"]
    assert d.message == (
        "'r' (@t) supports 'c' (@a) with no speaker: the map itself asserts this support"
    )
    assert d.hint is not None and d.hint.startswith("say who draws this connection, for example")
    assert "'r supports c @a'" in d.hint
    # Attributed, or within one speaker's statements, the relation is fine.
    assert "W209" not in codes(text + "r supports c @a\n")
    assert "W209" not in codes(text + "s supports r\n")
