""" "Did you mean": the known word closest to a misspelt one, found through indexes, not by
comparing the word with every candidate."""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable

# difflib's similarity (2 * matching characters / total length) a guess must reach.
CUTOFF = 0.7
# Below this many candidates, comparing with each one is cheaper than building an index.
SMALL = 64
# At most this many candidates (those sharing the most character pairs) are compared in full.
SHORTLIST = 40


def _ratio(word: str, candidate: str) -> float:
    return difflib.SequenceMatcher(None, word, candidate).ratio()


def _best(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like `word` above the cutoff (the first one on a tie)."""
    best, best_score = None, CUTOFF
    for candidate in candidates:
        if candidate == word:
            continue
        score = _ratio(word, candidate)
        if score > best_score or (score == best_score and best is None):
            best, best_score = candidate, score
    return best


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _pairs(word: str) -> set[str]:
    padded = f"^{word}$"
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


class Suggester:
    """Suggestions from one set of known words, indexed once and asked many times.

    A misspelling one edit away (a character dropped, added, changed, or two swapped) is found
    through an index of every word with one character deleted (the "symmetric delete" method);
    others through an index of character pairs, comparing only the best-sharing few in full.
    Each question costs about the length of the word, not the number of known words.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = list(dict.fromkeys(words))
        self.order = {word: index for index, word in enumerate(self.words)}
        self.small = len(self.words) <= SMALL
        self.by_deletion: dict[str, list[str]] = defaultdict(list)
        self.by_pair: dict[str, list[str]] = defaultdict(list)
        self.cache: dict[str, str | None] = {}
        self.indexed = False

    def _index(self) -> None:
        """Build the indexes, at the first question (a map with no typo never pays for them)."""
        self.indexed = True
        for word in self.words:
            self.by_deletion[word].append(word)
            for deleted in _deletions(word):
                self.by_deletion[deleted].append(word)
            for pair in _pairs(word):
                self.by_pair[pair].append(word)

    def suggest(self, word: str) -> str | None:
        """The known word closest to `word`, if one is close enough to be a likely typo."""
        if word not in self.cache:
            self.cache[word] = self._suggest(word)
        return self.cache[word]

    def _suggest(self, word: str) -> str | None:
        if self.small:
            matches = difflib.get_close_matches(word, self.words, n=1, cutoff=CUTOFF)
            return matches[0] if matches else None
        if not self.indexed:
            self._index()
        near: set[str] = set(self.by_deletion.get(word, ()))
        for deleted in _deletions(word):
            near.update(self.by_deletion.get(deleted, ()))
        guess = _best(word, sorted(near, key=self.order.__getitem__))
        if guess is not None:
            return guess
        # Longer words can be further off: rank by shared character pairs, compare a few.
        shared: Counter[str] = Counter()
        for pair in _pairs(word):
            shared.update(self.by_pair.get(pair, ()))
        low, high = len(word) * CUTOFF / (2 - CUTOFF), len(word) * (2 - CUTOFF) / CUTOFF
        ranked = sorted(
            (c for c in shared if low <= len(c) <= high),
            key=lambda c: (-shared[c], self.order[c]),
        )
        return _best(word, ranked[:SHORTLIST])
