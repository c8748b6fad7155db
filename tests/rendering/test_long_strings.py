"""Every valid map renders: no DOT string passes Graphviz's 16,384-character limit."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.language.loading import loads
from argmap.rendering.graphviz import render
from argmap.rendering.quoting import MAX_DOT_STRING, quote

GRAPHVIZ_LIMIT = 16_384


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(['"', "\\", "&", "\n", "a", "é", "\x00", " "]), min_size=1),
    st.integers(1, 40_000),
    st.sampled_from([1, 2]),
)
def test_quoted_strings_fit_whatever_their_characters(piece: str, repeat: int, passes: int) -> None:
    text = (piece * (repeat // len(piece) + 1))[:repeat]
    quoted = quote(text, passes=passes)
    assert len(quoted) <= MAX_DOT_STRING + 2 < GRAPHVIZ_LIMIT
    if len(quoted) < len(text):
        assert f"[shortened: {len(text):,} characters in full, " in quoted


def test_short_text_is_untouched_and_long_ids_stay_distinct() -> None:
    assert quote('a "b" \\ c') == '"a \\"b\\" \\\\ c"'
    first, second = "x" * 20_000 + "1", "x" * 20_000 + "2"
    assert quote(first) != quote(second)
    assert quote(first) == quote(first)


@pytest.mark.needs_dot
def test_a_map_with_an_18_kb_quote_and_a_20_kb_id_renders(tmp_path: Path) -> None:
    long_id = "a" * 20_000
    words = 'word & \\\\ \\" ' * 1_700
    argument_map = loads(f'thesis {long_id}: "x"\n  + premise p: "y"\n    quote: "{words}"\n')
    svg = render(argument_map, "svg").decode("utf-8")
    assert "shortened: " in svg and "characters in full" in svg
