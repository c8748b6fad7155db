"""'Did you mean' through indexes: the same guesses as comparing with every word, far faster."""

from __future__ import annotations

import difflib

from argmap.checking.pipeline import check_text
from argmap.suggest import SMALL, Suggester

WORDS = [
    f"{a}_{b}_{n}" for a in ("cost", "road", "school") for b in ("tax", "air") for n in range(20)
]


def test_a_small_list_is_compared_with_every_word() -> None:
    suggester = Suggester(["alpha", "beta", "gamma"])
    assert suggester.suggest("alpah") == "alpha"
    assert suggester.suggest("zzz") is None
    assert not suggester.indexed


def test_one_edit_away_is_found_through_the_deletion_index() -> None:
    assert len(WORDS) > SMALL
    suggester = Suggester(WORDS)
    assert suggester.suggest("road_ax_7") == "road_tax_7"  # dropped
    assert suggester.suggest("road_taax_7") == "road_tax_7"  # doubled
    assert suggester.suggest("road_tex_7") == "road_tax_7"  # changed
    assert suggester.suggest("raod_tax_7") == "road_tax_7"  # swapped
    assert suggester.indexed


def test_further_off_is_found_through_the_pair_index() -> None:
    suggester = Suggester(WORDS)
    assert suggester.suggest("scool_taxx_12") == "school_tax_12"
    assert suggester.suggest("completely_unrelated") is None


def test_the_index_agrees_with_difflib_on_one_edit_typos() -> None:
    suggester = Suggester(WORDS)
    for word in WORDS[::7]:
        typo = word[:3] + word[4:]
        expected = difflib.get_close_matches(typo, WORDS, n=1, cutoff=0.7)
        assert suggester.suggest(typo) in expected


def test_the_checker_suggests_among_many_ids() -> None:
    text = "".join(f'thesis {word}: "x"\n' for word in WORDS) + "cost_tax_1 supports scool_air_3\n"
    [unknown] = [d for d in check_text(text) if d.code == "E101"]
    assert unknown.hint == "did you mean 'school_air_3'?"


def test_a_speaker_used_as_a_statement_is_named_a_speaker() -> None:
    text = 'speaker mayor: "The Mayor"\nthesis t @mayor: "T"\nmayor supports t\n'
    [unknown] = [d for d in check_text(text) if d.code == "E101"]
    assert unknown.hint is not None
    assert unknown.hint.startswith("'mayor' is a speaker (The Mayor), not a statement")
