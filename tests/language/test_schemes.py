"""The argumentation-scheme catalogue: its shape, and that the maps use it correctly."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.model import ArgumentMap, RelationKind

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "argmap" / "data" / "schemes.json"
MAPS = sorted((ROOT / "maps").glob("*.arg"))
SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")

# The schemes the language's first design note asks for by name.
REQUIRED = {
    "expert_opinion",
    "analogy",
    "positive_consequences",
    "negative_consequences",
    "cause_to_effect",
    "precedent",
    "popular_opinion",
    "slippery_slope",
    "inconsistent_commitment",
    "sign",
    "example",
    "practical_reasoning",
    "verbal_classification",
    "ad_hominem",
}


def _schemes() -> list[dict[str, Any]]:
    data = json.loads(CATALOGUE.read_text("utf-8"))
    assert isinstance(data, list)
    return data


def _by_id() -> dict[str, dict[str, Any]]:
    return {scheme["id"]: scheme for scheme in _schemes()}


def test_every_scheme_has_the_documented_fields() -> None:
    for scheme in _schemes():
        assert set(scheme) == {"id", "name", "description", "critical_questions"}, scheme["id"]
        assert SNAKE.match(scheme["id"]), scheme["id"]
        assert scheme["name"].strip() and scheme["description"].strip()
        assert "Conclusion" in scheme["description"], scheme["id"]
        assert len(scheme["critical_questions"]) >= 2, scheme["id"]
        for question in scheme["critical_questions"]:
            assert set(question) == {"id", "text"}, (scheme["id"], question)
            assert SNAKE.match(question["id"]) and len(question["id"]) <= 20, question["id"]
            assert question["text"].endswith("?"), (scheme["id"], question["id"])


def test_scheme_ids_are_unique() -> None:
    ids = [scheme["id"] for scheme in _schemes()]
    assert len(ids) == len(set(ids))


def test_question_ids_are_unique_within_each_scheme() -> None:
    for scheme in _schemes():
        ids = [question["id"] for question in scheme["critical_questions"]]
        assert len(ids) == len(set(ids)), scheme["id"]


def test_the_catalogue_has_the_required_schemes() -> None:
    assert set(_by_id()) >= REQUIRED
    assert len(_schemes()) == 21


def test_expert_opinion_asks_the_six_classic_questions() -> None:
    questions = [q["id"] for q in _by_id()["expert_opinion"]["critical_questions"]]
    assert questions == ["expertise", "field", "said", "trustworthy", "consistent", "evidence"]


def test_inconsistent_commitment_asks_whether_the_cases_are_alike() -> None:
    questions = [q["id"] for q in _by_id()["inconsistent_commitment"]["critical_questions"]]
    assert "like_cases" in questions


def test_the_package_loader_reads_the_catalogue() -> None:
    from argmap.language.schemes import catalogue

    loaded = catalogue()
    assert set(loaded) == set(_by_id())
    assert loaded["expert_opinion"].question("trustworthy") is not None
    assert loaded["expert_opinion"].question("popularity") is None


@pytest.mark.parametrize("path", MAPS, ids=[path.name for path in MAPS])
def test_every_scheme_used_in_the_maps_is_in_the_catalogue(path: Path) -> None:
    schemes = _by_id()
    argument_map = argmap.load(path)
    for argument in argument_map.arguments:
        if argument.scheme is not None:
            assert argument.scheme in schemes, f"{path.name}: {argument.id}"


def _targets(argument_map: ArgumentMap, statement_id: str) -> list[str]:
    """The schemes of the arguments a statement attacks or undercuts."""
    schemes = []
    for relation in argument_map.relations:
        if relation.source != statement_id:
            continue
        for argument in argument_map.arguments:
            if argument.scheme is None:
                continue
            undercut = relation.kind is RelationKind.UNDERCUT and relation.target == argument.id
            attacked = relation.kind is RelationKind.ATTACK and (
                relation.target in argument.premises or relation.target == argument.conclusion
            )
            if undercut or attacked:
                schemes.append(argument.scheme)
    return schemes


@pytest.mark.parametrize("path", MAPS, ids=[path.name for path in MAPS])
def test_every_raised_question_belongs_to_the_targeted_scheme(path: Path) -> None:
    schemes = _by_id()
    argument_map = argmap.load(path)
    for statement in argument_map.statements:
        if statement.raises is None:
            continue
        targeted = _targets(argument_map, statement.id)
        assert targeted, f"{path.name}: {statement.id} raises a question but targets no scheme"
        questions = {q["id"] for scheme in targeted for q in schemes[scheme]["critical_questions"]}
        assert statement.raises in questions, f"{path.name}: {statement.id}"


def test_the_maps_raise_critical_questions() -> None:
    raised = [
        statement.raises
        for path in MAPS
        for statement in argmap.load(path).statements
        if statement.raises is not None
    ]
    assert len(raised) >= 3


DOCS = (ROOT / "docs" / "schemes.md").read_text("utf-8")


def test_the_schemes_page_lists_every_scheme_and_question_verbatim() -> None:
    for scheme in _schemes():
        entry = f"### {scheme['name']} (`{scheme['id']}`)\n\n{scheme['description']}\n\n" + "".join(
            f"- `{q['id']}`: {q['text']}\n" for q in scheme["critical_questions"]
        )
        assert entry in DOCS, scheme["id"]


@pytest.mark.parametrize("example", re.findall(r"```argmap\n(.*?)```", DOCS, re.S))
def test_the_schemes_page_examples_check_clean(example: str) -> None:
    codes = [d.code for d in argmap.check_text(example, "docs/schemes.md")]
    assert codes == ["I302"]
