""" "Did you mean": the known word closest to a misspelt one, found through indexes, not by
comparing the word with every candidate."""

from __future__ import annotations

import difflib
import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from operator import itemgetter

from argmap.gcpause import paused_gc

# difflib's similarity (2 * matching characters / total length) a guess must reach.
CUTOFF = 0.7
# Below this many candidates, comparing with each one is cheaper than building an index.
SMALL = 64
# At most this many candidates are compared in full (difflib) for one question.
SHORTLIST = 40
# At most this many entries of the n-gram index are read for one question, from the rarest
# n-gram of the word on: one that thousands of words share says little about which is meant,
# and reading all of them made each question cost as much as the number of known words.
WALK = 2000
# Words two deletions away are looked up only for words up to this long: a word of n
# characters has about n * n of them, each n long (a 1,600-character id cost 5 s).
TWO_DELETIONS_UP_TO = 32


def _ratio(word: str, candidate: str) -> float:
    return difflib.SequenceMatcher(None, word, candidate).ratio()


def _bound(word: str, candidate: str) -> float:
    """An upper bound of `_ratio(word, candidate)` from the lengths alone.

    difflib's matching characters are a common subsequence: at most the shorter length, and
    one fewer when the two differ but have the same length. Computed as difflib computes the
    ratio (2.0 * matches / total), so that a candidate reaching its bound compares equal.
    """
    shorter = min(len(word), len(candidate))
    if len(word) == len(candidate):
        shorter -= 1
    total = len(word) + len(candidate)
    return 2.0 * shorter / total if total else 1.0


def _bound_letters(letters: Counter[str], word: str, candidate: str) -> float:
    """An upper bound of `_ratio(word, candidate)` from the letters the two have in common,
    `letters` being the word's (difflib's `quick_ratio`)."""
    common = sum((letters & Counter(candidate)).values())
    return 2.0 * common / (len(word) + len(candidate))


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _grams(word: str) -> set[str]:
    """The word's character pairs and triples, with ^ and $ marking its ends."""
    padded = f"^{word}$"
    pairs = {padded[i : i + 2] for i in range(len(padded) - 1)}
    return pairs | {padded[i : i + 3] for i in range(len(padded) - 2)}


class Suggester:
    """Suggestions from one set of known words, indexed once and asked many times.

    A misspelling one edit away (a character dropped, added, changed, or two swapped) is found
    through an index of every word with one character deleted (the "symmetric delete" method);
    others through an index of character pairs and triples, read from the word's rarest on
    and at most `WALK` entries. Of the candidates found, the best is the one difflib finds
    most similar, but a candidate whose length alone shows it cannot beat the best so far is
    never compared, and at most `SHORTLIST` are compared in full: each question costs about
    the square of the word's length (its deletions), not the number of known words.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = list(dict.fromkeys(words))
        self.order = {word: index for index, word in enumerate(self.words)}
        self.small = len(self.words) <= SMALL
        # A key held by one word maps to that word, by more to the list of them (most keys
        # belong to one word: a list each would double the index's memory).
        self.by_deletion: dict[str, str | list[str]] = {}
        self.by_gram: dict[str, list[str]] = defaultdict(list)
        self.cache: dict[str, str | None] = {}
        self.indexed = False
        self.grams_indexed = False
        # The work of every question asked so far, which tests read (each stays a small
        # multiple of the questions, however many words there are): candidates compared in
        # full with difflib, and entries of the n-gram index read.
        self.compared = 0
        self.walked = 0

    def _index(self) -> None:
        """Build the deletion index, at the first question (a map with no typo never pays)."""
        self.indexed = True
        index = self.by_deletion
        with paused_gc():
            for word in self.words:
                for key in (word, *_deletions(word)):
                    entry = index.get(key)
                    if entry is None:
                        index[key] = word
                    elif isinstance(entry, str):
                        index[key] = [entry, word]
                    else:
                        entry.append(word)

    def _index_grams(self) -> None:
        """Build the n-gram index, at the first word with no close candidate one edit away."""
        self.grams_indexed = True
        with paused_gc():
            for word in self.words:
                for gram in _grams(word):
                    self.by_gram[gram].append(word)

    def suggest(self, word: str) -> str | None:
        """The known word closest to `word`, if one is close enough to be a likely typo."""
        guess = self.cache.get(word, word)
        if guess == word:  # not asked before (a word is never its own suggestion)
            guess = self.cache[word] = self._suggest(word)
        return guess

    def _suggest(self, word: str) -> str | None:
        if self.small:
            matches = difflib.get_close_matches(word, self.words, n=1, cutoff=CUTOFF)
            return matches[0] if matches else None
        if not self.indexed:
            self._index()
        near = self._holding((word, *_deletions(word)))
        guess = self._best(word, [(self.order[candidate], candidate) for candidate in near])
        if guess is not None:
            return guess
        # Further off: rank by the n-grams shared, from the rarest, and compare the best few.
        if not self.grams_indexed:
            self._index_grams()
        postings = sorted(
            (self.by_gram[gram] for gram in _grams(word) if gram in self.by_gram), key=len
        )
        shared: Counter[str] = Counter()
        budget = WALK
        for posting in postings:
            if budget <= 0:
                break
            read = posting[:budget] if len(posting) > budget else posting
            shared.update(read)
            budget -= len(read)
            self.walked += len(read)
        low, high = len(word) * CUTOFF / (2 - CUTOFF), len(word) * (2 - CUTOFF) / CUTOFF
        # The most shared first (a few times the shortlist, by a heap, not sorting them all).
        most = heapq.nlargest(4 * SHORTLIST, shared.items(), key=itemgetter(1))
        ranked = sorted(
            (c for c, _ in most if low <= len(c) <= high),
            key=lambda c: (-shared[c], self.order[c]),
        )
        candidates = list(enumerate(ranked[:SHORTLIST]))
        # With the words two deletions from this one looked up too (still a number of
        # look-ups set by its length), a word with up to two characters too many and one
        # too few is found however common its n-grams are.
        listed = set(ranked[:SHORTLIST])
        further = self._holding(
            key
            for deleted in (_deletions(word) if len(word) <= TWO_DELETIONS_UP_TO else ())
            for key in _deletions(deleted)
        )
        candidates += [
            (SHORTLIST + self.order[c], c) for c in further - listed if low <= len(c) <= high
        ]
        letters = Counter(word)
        return self._best(
            word,
            candidates,
            lambda candidate: min(
                _bound(word, candidate), _bound_letters(letters, word, candidate)
            ),
        )

    def _holding(self, keys: Iterable[str]) -> set[str]:
        """The known words the deletion index holds under any of `keys`."""
        found: set[str] = set()
        for key in keys:
            entry = self.by_deletion.get(key)
            if entry is None:
                continue
            if isinstance(entry, str):
                found.add(entry)
            else:
                found.update(entry)
        return found

    def _best(
        self,
        word: str,
        candidates: list[tuple[int, str]],
        bound: Callable[[str], float] | None = None,
    ) -> str | None:
        """The candidate most like `word` above the cutoff, the lowest rank on a tie, of
        candidates given with their ranks.

        The same answer as comparing `word` with every candidate, comparing fewer: candidates
        are taken by an upper bound of their ratio (`bound`, by default `_bound`), and once
        the best so far reaches the bound of the rest, none of them can win. At most
        `SHORTLIST` are compared.
        """
        limit = bound or (lambda candidate: _bound(word, candidate))
        bounded = sorted(
            (-limit(candidate), rank, candidate)
            for rank, candidate in candidates
            if candidate != word
        )
        best, best_score, best_rank = None, CUTOFF, -1
        compared = 0
        for negative_bound, rank, candidate in bounded:
            ceiling = -negative_bound
            if ceiling < best_score or compared == SHORTLIST:
                break
            if ceiling == best_score and best is not None and rank > best_rank:
                continue
            compared += 1
            score = _ratio(word, candidate)
            if score > best_score or (score == best_score and (best is None or rank < best_rank)):
                best, best_score, best_rank = candidate, score, rank
        self.compared += compared
        return best
