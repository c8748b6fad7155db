"""No input crashes the checker: random text and mutated valid maps (Hypothesis)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import check_text
from argmap.diagnostics import CODES
from tests.conftest import REPO

LANGUAGE = (REPO / "docs" / "language.md").read_text(encoding="utf-8")
VALID = re.findall(r"```argmap\n(.*?)```", LANGUAGE, re.S)
ALPHABET = st.sampled_from(
    [
        *'abct_ :"\\\n  +-~><@#(),->\t',
        "thesis ",
        "premise ",
        "argument ",
        "supports ",
        "\n  ",
        "\n    ",
        "é",
        "“",
    ]
)


def assert_well_formed(text: str) -> None:
    for diagnostic in check_text(text, "h.arg"):
        assert diagnostic.code in CODES
        assert diagnostic.span.line >= 0 and diagnostic.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_random_text_never_crashes(text: str) -> None:
    assert_well_formed(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=80).map("".join))
def test_language_like_text_never_crashes(text: str) -> None:
    assert_well_formed(text)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.sampled_from(VALID), st.data())
def test_mutated_valid_maps_never_crash(source: str, data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(source)))
    cut = data.draw(st.integers(0, 10))
    insert = data.draw(st.lists(ALPHABET, max_size=4).map("".join))
    assert_well_formed(source[:position] + insert + source[position + cut :])
