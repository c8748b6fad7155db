"""The example maps in maps/: each checks clean, and the seed article's map says what it must."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import argmap
from argmap.diagnostics import Severity
from argmap.model import ArgumentMap, RelationKind, Role, Statement

ROOT = Path(__file__).resolve().parents[1]
MAPS = sorted((ROOT / "maps").glob("*.arg"))
TOKAYEV = ROOT / "maps" / "tokayev.arg"
# The seed article writes apostrophes as U+2019, and the map keeps them.
APOS = "\u2019"


# The example maps this file describes; any other map in maps/ must still check clean.
EXAMPLE_MAPS = [
    ROOT / "maps" / name for name in ("cosmological.arg", "four_day_week.arg", "tokayev.arg")
]


def test_the_example_maps_are_there() -> None:
    assert set(EXAMPLE_MAPS) <= set(MAPS)


@pytest.mark.parametrize("path", MAPS, ids=[path.name for path in MAPS])
def test_every_map_checks_without_errors_or_warnings(path: Path) -> None:
    diagnostics = argmap.check(argmap.load(path))
    problems = [f"{d.code} {d.message}" for d in diagnostics if d.severity is not Severity.INFO]
    assert problems == []


@pytest.mark.parametrize("path", MAPS, ids=[path.name for path in MAPS])
def test_info_notes_are_only_unraised_questions_and_reported_charges(path: Path) -> None:
    codes = {d.code for d in argmap.check(argmap.load(path))}
    assert codes <= {"I302", "I303"}


@pytest.mark.parametrize("path", EXAMPLE_MAPS, ids=[path.name for path in EXAMPLE_MAPS])
def test_every_example_map_has_metadata_speakers_and_groups(path: Path) -> None:
    argument_map = argmap.load(path)
    metadata = argument_map.metadata
    assert metadata.title and metadata.source and metadata.author and metadata.language
    assert len(argument_map.speakers) >= 3
    assert argument_map.groups
    assert all(statement.speaker is not None for statement in argument_map.statements)


def test_the_maps_use_every_kind_of_relation() -> None:
    kinds = {relation.kind for path in EXAMPLE_MAPS for relation in argmap.load(path).relations}
    assert kinds == set(RelationKind)


# --- the seed article's map -----------------------------------------------------------


@pytest.fixture(scope="module")
def tokayev() -> ArgumentMap:
    return argmap.load(TOKAYEV)


def _text(argument_map: ArgumentMap, node_id: str) -> str:
    statement = argument_map.statement(node_id)
    assert statement is not None, node_id
    return statement.text


def _by(argument_map: ArgumentMap, speaker: str) -> list[Statement]:
    return [s for s in argument_map.statements if s.speaker == speaker]


def _supporters(argument_map: ArgumentMap, node_id: str) -> set[str]:
    found = {
        r.source
        for r in argument_map.relations
        if r.kind is RelationKind.SUPPORT and r.target == node_id
    }
    for argument in argument_map.arguments:
        if argument.conclusion == node_id:
            found.update(argument.premises)
    return found


def test_tokayev_metadata(tokayev: ArgumentMap) -> None:
    assert tokayev.metadata.title == (
        f"In the presence of Putin, Tokayev{APOS}s remarks were very unusual!"
    )
    assert tokayev.metadata.source is not None and "Niu Danqin" in tokayev.metadata.source
    assert tokayev.metadata.language == "en"


def test_tokayev_speakers(tokayev: ArgumentMap) -> None:
    assert [s.id for s in tokayev.speakers] == [
        "tokayev",
        "author",
        "simonyan",
        "un_charter",
        "integrity_camp",
        "secession_camp",
        "west",
        "tv_host",
        "kz_mfa",
        "putin",
    ]
    assert all(_by(tokayev, speaker.id) for speaker in tokayev.speakers)


def test_every_statement_is_attributed_to_a_declared_speaker(tokayev: ArgumentMap) -> None:
    declared = {speaker.id for speaker in tokayev.speakers}
    assert all(statement.speaker in declared for statement in tokayev.statements)
    assert len(tokayev.statements) >= 70


def test_the_six_entities_are_not_recognised_by_tokayev(tokayev: ArgumentMap) -> None:
    theses = [s for s in _by(tokayev, "tokayev") if s.role is Role.THESIS]
    text = " ".join(s.text for s in theses)
    for entity in ("Taiwan", "Kosovo", "South Ossetia", "Abkhazia", "Luhansk", "Donetsk"):
        assert entity in text, entity
    assert {s.id for s in theses} == {"no_recognition", "ld_not_recognised"}


def test_the_charter_principles_conflict_through_their_readings(tokayev: ArgumentMap) -> None:
    contradictions = [r for r in tokayev.relations if r.kind is RelationKind.CONTRADICTION]
    assert [(r.source, r.target, r.speaker) for r in contradictions] == [
        ("sacrosanct", "secession_right", "tokayev"),
        ("west_kosovo", "west_integrity", "author"),
    ]
    assert "integrity" in _text(tokayev, "sacrosanct")
    assert "self-determination" in _text(tokayev, "secession_right")
    assert _supporters(tokayev, "sacrosanct") == {"integrity"}
    assert _supporters(tokayev, "secession_right") == {"self_determination"}
    assert {s.id for s in _by(tokayev, "un_charter")} == {"integrity", "self_determination"}
    readings = tokayev.argument("readings_argument")
    assert readings is not None and readings.conclusion == "principles_contradict"
    assert readings.premises == ("integrity", "self_determination", "views_differ")


def test_tokayev_claims_the_contradiction_and_the_compromise(tokayev: ArgumentMap) -> None:
    assert "contradictory" in _text(tokayev, "principles_contradict")
    assert "compromise" in _text(tokayev, "founders_compromise")
    danger = tokayev.argument("danger_argument")
    assert danger is not None and danger.conclusion == "hidden_dangers"
    assert set(danger.premises) == {
        "order_on_charter",
        "principles_contradict",
        "founders_compromise",
    }


def test_the_chaos_argument_is_linked_with_a_scheme(tokayev: ArgumentMap) -> None:
    chaos = tokayev.argument("chaos_argument")
    assert chaos is not None
    assert chaos.scheme == "negative_consequences" and chaos.speaker == "tokayev"
    assert chaos.premises == ("un_members", "many_states", "chaos")
    assert "193" in _text(tokayev, "un_members")
    assert "500-600" in _text(tokayev, "many_states")
    assert "chaos" in _text(tokayev, "chaos")
    assert chaos.conclusion == "nonrecognition_principle"


def test_the_taiwan_rebuttal_and_its_reasons(tokayev: ArgumentMap) -> None:
    attacks = [(r.source, r.target) for r in tokayev.relations if r.kind is RelationKind.ATTACK]
    assert ("taiwan_differs", "taiwan_compared") in attacks
    rebuttal = tokayev.statement("taiwan_differs")
    assert rebuttal is not None and rebuttal.role is Role.REBUTTAL
    assert rebuttal.speaker == "author" and rebuttal.raises == "has_property"
    compared = tokayev.statement("taiwan_compared")
    assert compared is not None and compared.speaker == "tokayev"
    reasons = " ".join(
        _text(tokayev, node)
        for node in ("no_sd_issue", "taiwan_province", "taiwan_han", "civil_war")
    )
    for phrase in ("province of China", "Han", "self-determination", "civil war"):
        assert phrase in reasons, phrase
    assert _supporters(tokayev, "taiwan_differs") == {"no_sd_issue", "civil_war"}
    assert _supporters(tokayev, "no_sd_issue") == {"taiwan_province", "taiwan_han"}


def test_the_authors_summary_leaves_taiwan_out(tokayev: ArgumentMap) -> None:
    summary = _text(tokayev, "summary_conclusion")
    assert "Taiwan" not in summary and "Kosovo" in summary and "Donetsk" in summary


def test_the_order_of_the_list_is_read_as_a_sign(tokayev: ArgumentMap) -> None:
    order = tokayev.argument("order_argument")
    assert order is not None and order.scheme == "sign" and order.speaker == "author"
    assert order.conclusion == "order_meaningful"
    assert "first mentioned Taiwan, then Kosovo" in _text(tokayev, "list_order")
    assert "order_meaningful" in _supporters(tokayev, "kz_concern")


def test_the_double_standards_charge(tokayev: ArgumentMap) -> None:
    charge = tokayev.argument("double_standards_argument")
    assert charge is not None
    assert charge.scheme == "inconsistent_commitment" and charge.speaker == "author"
    assert charge.conclusion == "double_standard"
    speakers = [(p, tokayev.nodes_by_id[p].speaker) for p in charge.premises]
    assert speakers == [
        ("west_kosovo", "west"),
        ("west_integrity", "west"),
        ("like_cases", "author"),
    ]
    assert "Kosovo" in _text(tokayev, "west_kosovo")
    assert "Ukraine" in _text(tokayev, "west_integrity")
    assert _supporters(tokayev, "west_kosovo") == {"self_determination"}
    assert _supporters(tokayev, "west_integrity") == {"integrity"}


def test_the_russia_kazakhstan_tension(tokayev: ArgumentMap) -> None:
    attackers = {
        r.source: r.speaker
        for r in tokayev.relations
        if r.kind is RelationKind.ATTACK and r.target == "host_threat"
    }
    # The ministry's persona-non-grata decision answers the remark with a sanction: a response,
    # part of the dissatisfaction the author reports, not a refutation.
    assert attackers == {"protest": "author"}
    assert ("persona_non_grata", "host_dissatisfaction") in {
        (r.source, r.target) for r in tokayev.relations if r.kind is RelationKind.SUPPORT
    }
    assert "same fate as Ukraine" in _text(tokayev, "host_threat")
    assert [s.id for s in _by(tokayev, "kz_mfa")] == ["persona_non_grata"]
    assert "protest" in _text(tokayev, "protest")


def test_the_authors_three_closing_points(tokayev: ArgumentMap) -> None:
    theses = [s.id for s in _by(tokayev, "author") if s.role is Role.THESIS]
    assert theses == ["unusual", "not_simple", "complex_relations", "reflect"]
    assert _supporters(tokayev, "reflect") >= {"double_standard", "pandora"}


def test_the_groups(tokayev: ArgumentMap) -> None:
    names = [group.name for group in tokayev.groups]
    assert [name.replace(APOS, "'") for name in names] == [
        "The question",
        "The UN Charter's two principles",
        "Tokayev's answer",
        "The author's commentary",
        "Double standards",
        "Russia and Kazakhstan",
        "The author's closing points",
    ]
    answer = next(g for g in tokayev.groups if g.name == f"Tokayev{APOS}s answer")
    assert {"no_recognition", "ld_not_recognised", "chaos_argument"} <= set(answer.members)
    # A group holds the nodes declared in it, so no one's words stray into another's group.
    for group in tokayev.groups:
        if group.name == f"Tokayev{APOS}s answer":
            assert all(tokayev.nodes_by_id[m].speaker == "tokayev" for m in group.members)
        if group.name in (f"The author{APOS}s commentary", f"The author{APOS}s closing points"):
            assert all(tokayev.nodes_by_id[m].speaker == "author" for m in group.members)


def test_the_map_uses_both_writing_styles(tokayev: ArgumentMap) -> None:
    source = TOKAYEV.read_text("utf-8")
    assert "\n    + argument " in source  # outline
    assert "\ntaiwan_differs attacks taiwan_compared @author\n" in source  # graph


def _seed_text() -> str:
    seed = ROOT / "tests" / "data" / "seed"
    texts = sorted(seed.glob("*.txt"))
    assert texts, f"the seed article is missing from {seed}"
    return " ".join(texts[0].read_text("utf-8").split())


def test_every_quote_is_verbatim_from_the_article(tokayev: ArgumentMap) -> None:
    article = _seed_text()
    quotes = [s for s in tokayev.statements if s.quote]
    assert len(quotes) >= 40
    for statement in quotes:
        assert statement.quote is not None
        assert " ".join(statement.quote.split()) in article, statement.id


def test_quotations_inside_notes_are_from_the_article(tokayev: ArgumentMap) -> None:
    article = _seed_text().lower()
    fragments = [
        (s.id, fragment)
        for s in tokayev.statements
        if s.note
        for fragment in re.findall("\u201c([^\u201d]*)\u201d", s.note)
    ]
    assert len(fragments) >= 8
    for node_id, fragment in fragments:
        for part in fragment.split("\u2026"):
            assert " ".join(part.split()).lower() in article, (node_id, part)


EXAMPLES_PAGE = (ROOT / "docs" / "examples.md").read_text("utf-8")


def test_the_examples_page_describes_every_map() -> None:
    for path in EXAMPLE_MAPS:
        assert f"`maps/{path.name}`" in EXAMPLES_PAGE, path.name


@pytest.mark.parametrize("example", re.findall(r"```argmap\n(.*?)```", EXAMPLES_PAGE, re.S))
def test_the_examples_page_examples_check_clean(example: str) -> None:
    assert argmap.check_text(example, "docs/examples.md") == []
