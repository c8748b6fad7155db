"""'Did you mean' through indexes: the same guesses as comparing with every word, far faster."""

from __future__ import annotations

import difflib
import random

import pytest

from argmap import suggest as suggest_module
from argmap.checking.pipeline import check_text
from argmap.suggest import SHORTLIST, SMALL, WALK, Suggester, _grams, _ratio

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


# Three words of 39: every character pair and most triples of an id are in hundreds or
# thousands of others, as in a large map whose ids are made of the same few words.
VOCABULARY = [
    "road",
    "school",
    "city",
    "tax",
    "budget",
    "river",
    "park",
    "rail",
    "water",
    "energy",
    "housing",
    "health",
    "police",
    "fire",
    "waste",
    "noise",
    "crime",
    "youth",
    "elderly",
    "library",
    "bridge",
    "tunnel",
    "market",
    "harbour",
    "airport",
    "museum",
    "garden",
    "bicycle",
    "parking",
    "transit",
    "zoning",
    "permit",
    "council",
    "mayor",
    "levy",
    "grant",
    "loan",
    "bond",
    "fund",
]


def _compound_ids(count: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    triples = [f"{a}_{b}_{c}" for a in VOCABULARY for b in VOCABULARY for c in VOCABULARY]
    return rng.sample(triples, count)


def _best_of_all(word: str, words: list[str]) -> str | None:
    """The answer of comparing `word` with every word: highest ratio, first on a tie."""
    best, best_score = None, 0.7
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)  # the bounds below are symmetric; b is the one difflib caches
    for candidate in words:
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() < best_score or matcher.quick_ratio() < best_score:
            continue
        score = _ratio(word, candidate)
        if score > best_score or (score == best_score and best is None):
            best, best_score = candidate, score
    return best


@pytest.fixture(scope="module")
def large() -> list[str]:
    return _compound_ids(20_000)


def test_typical_typos_get_the_intended_id_among_20000(large: list[str]) -> None:
    suggester = Suggester(large)
    target = "bicycle_harbour_library"
    if target not in large:
        large = [*large, target]
        suggester = Suggester(large)
    typos = [
        "bicycle_harbor_library",  # dropped
        "bicycle_harbour_librarry",  # doubled
        "bicycle_harbour_libarry",  # swapped
        "bicycle_harbour_librery",  # changed
        "bicyle_harbour_librery",  # dropped and changed: two edits away
        "bicycle_harbr_library",  # two dropped
        "bycicle_harbour_library",  # two changed
    ]
    for typo in typos:
        assert suggester.suggest(typo) == target, typo


def test_one_edit_typos_agree_with_comparing_every_word(large: list[str]) -> None:
    suggester = Suggester(large)
    for word in large[1000::12000]:
        for typo in (word[:4] + word[5:], word[:6] + "x" + word[7:], word[:8] + word[7:]):
            assert suggester.suggest(typo) == _best_of_all(typo, large), typo


def test_the_work_of_a_question_does_not_grow_with_the_words(large: list[str]) -> None:
    """Ten times the words, the same questions: the same work, counted, not timed.

    The words asked share only common pairs and triples with the known ones (each of their
    n-grams is in hundreds of words, and together in tens of thousands): reading every
    word that shares one, as before, made each question cost the number of known words.
    """
    words = ["water_water_water", "levyfundgrantbond", "cityyouthparkrail", "zzz_tax_road"]
    small_set = Suggester(large[:2_000])
    large_set = Suggester(large)
    for word in words:
        small_set.suggest(word)
        large_set.suggest(word)
    shared = sum(len(large_set.by_gram[g]) for w in words for g in _grams(w))
    assert shared > 10 * WALK * len(words)  # walking them all would cost this much
    assert large_set.walked <= WALK * len(words)
    assert large_set.walked <= 2 * small_set.walked
    assert large_set.compared <= SHORTLIST * len(words)


def test_dense_ids_compare_about_one_candidate_per_question() -> None:
    """Numbered ids (`claim_1234`): a typo is one edit from dozens of ids of the same length,
    yet once one reaches the best ratio their lengths allow, none of the others is compared
    (with the same answer as comparing every one)."""
    ids = [f"claim_{n}" for n in range(20_000)]
    suggester = Suggester(ids)
    typos = ["claim_12x34", "claim_1x34", "clam_1234", "claim_1234_", "calim_1234"]
    for typo in typos:
        near = suggester.suggest(typo)
        assert near == _best_of_all(typo, ids), typo
    assert suggester.compared <= 2 * len(typos)


def test_a_very_long_misspelt_id_costs_no_more_than_its_deletions() -> None:
    # An id of 1,600 letters in an untrusted map: its words two deletions away would be
    # millions of strings of 1,600 characters (5 s); they are looked up only for short words.
    looked_up: list[int] = []
    words = [f"s{i}" for i in range(100)] + ["".join(chr(97 + (i * 7) % 26) for i in range(40))]
    suggester = Suggester(words)
    original = suggest_module._deletions

    def counted(word: str) -> set[str]:
        found = original(word)
        looked_up.append(len(found))
        return found

    long_word = "".join(chr(97 + (i * 11) % 26) for i in range(1_600))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(suggest_module, "_deletions", counted)
        assert suggester.suggest(long_word) is None
    assert sum(looked_up) <= 2 * len(long_word)
    assert suggester.compared <= suggest_module.SHORTLIST
