"""The catalogue of argumentation schemes and their critical questions (package data)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# Schemes whose premises about another party are that party's commitments: an argument of one
# needs the party to hold them, not them to be true (docs/evaluation.md, "Reported
# commitments").
COMMITMENT_SCHEMES = frozenset({"inconsistent_commitment", "circumstantial_ad_hominem"})


@dataclass(frozen=True)
class CriticalQuestion:
    """A question that, when raised, challenges an argument of a scheme."""

    id: str
    text: str


@dataclass(frozen=True)
class Scheme:
    """A pattern of defeasible inference, after Walton, with its critical questions."""

    id: str
    name: str
    description: str
    critical_questions: tuple[CriticalQuestion, ...]

    def question(self, question_id: str) -> CriticalQuestion | None:
        for question in self.critical_questions:
            if question.id == question_id:
                return question
        return None


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Scheme]:
    """Every scheme by id, read once from `argmap/data/schemes.json`."""
    # A plain file read: importlib.resources costs more start-up than the whole check.
    raw = (Path(__file__).resolve().parents[1] / "data" / "schemes.json").read_text("utf-8")
    schemes: dict[str, Scheme] = {}
    for entry in json.loads(raw)["schemes"] if raw.lstrip().startswith("{") else json.loads(raw):
        questions = tuple(
            CriticalQuestion(q["id"], q["text"]) for q in entry.get("critical_questions", ())
        )
        schemes[entry["id"]] = Scheme(entry["id"], entry["name"], entry["description"], questions)
    return schemes
