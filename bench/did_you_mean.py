""" "Did you mean" at scale: misspelt references among many ids, checked end to end and alone.

Run from the repository root:

    python bench/did_you_mean.py                 # 1,000 misspelt references among 1,000 ids
    python bench/did_you_mean.py --ids 8000 --misspelt 8000
    python bench/did_you_mean.py --compare       # also difflib against every id (slow)
    python bench/did_you_mean.py --sizes 10000 100000 --runs 5   # growth from size to size
    python bench/did_you_mean.py --sizes 10000 100000 --edits 2  # two typos in each id

Prints the CPU time of `argmap check` on the whole map (parse + every rule), the CPU time of
the suggestions alone through the index (`argmap.suggest.Suggester`: building it and every
question, median of --runs), how many candidates were compared in full per question, with
--compare the time of difflib comparing each misspelt id with every id (what argmap did
before the index), and how many suggestions were the intended id. With --sizes, as many ids
as misspelt references at each size, the suggestions alone (no `argmap check`), and the
growth of their time from one size to the next (10x the ids should cost at most 10x).
CPU time, not wall time: on a shared machine it holds while the wall clock does not.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import string
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from argmap.checking.pipeline import check_text  # noqa: E402
from argmap.diagnostics import did_you_mean  # noqa: E402
from argmap.suggest import Suggester  # noqa: E402


def make_ids(count: int, rng: random.Random) -> list[str]:
    words = ["cost", "tax", "road", "school", "city", "rule", "air", "car", "bus", "park"]
    ids: set[str] = set()
    while len(ids) < count:
        ids.add(f"{rng.choice(words)}_{rng.choice(words)}_{rng.randrange(10_000)}")
    return sorted(ids)


def misspell(word: str, rng: random.Random) -> str:
    position = rng.randrange(len(word))
    kind = rng.randrange(3)
    if kind == 0:  # a dropped character
        return word[:position] + word[position + 1 :]
    if kind == 1:  # a doubled character
        return word[:position] + word[position] + word[position:]
    return word[:position] + rng.choice(string.ascii_lowercase) + word[position + 1 :]


def make_typos(
    ids: list[str], count: int, rng: random.Random, edits: int = 1
) -> tuple[list[str], list[str]]:
    """`count` misspelt ids (`edits` typos each), none of them an id, and the id each one
    misspells."""
    known = set(ids)
    targets = [rng.choice(ids) for _ in range(count)]
    typos = []
    for target in targets:
        typo = target
        while typo in known:
            typo = target
            for _ in range(edits):
                typo = misspell(typo, rng)
        typos.append(typo)
    return typos, targets


def suggestions(ids: list[str], typos: list[str], targets: list[str]) -> tuple[float, int, int]:
    """CPU seconds to index `ids` and answer every typo, the number answered with the intended
    id, and the candidates compared in full (difflib) over all the questions."""
    started = time.process_time()
    suggester = Suggester(ids)
    guesses = [suggester.suggest(typo) for typo in typos]
    seconds = time.process_time() - started
    right = sum(guess == target for guess, target in zip(guesses, targets, strict=True))
    compared = getattr(suggester, "compared", -1)
    del suggester, guesses  # freed here, not in the next run's time
    gc.collect()
    return seconds, right, compared


def growth(sizes: list[int], runs: int, edits: int) -> None:
    """The suggestions alone at each size (ids = misspelt references), and their growth.

    The runs of the sizes take turns (10k, 100k, 10k, 100k...), so that a change in the
    machine's load falls on every size alike; each size's figure is the median of its runs.
    """
    cases = []
    for size in sizes:
        rng = random.Random(7)
        ids = make_ids(size, rng)
        cases.append((size, ids, *make_typos(ids, size, rng, edits)))
    times: dict[int, list[float]] = {size: [] for size in sizes}
    answers: dict[int, tuple[int, int]] = {}
    for _ in range(runs):
        for size, ids, typos, targets in cases:
            seconds, right, compared = suggestions(ids, typos, targets)
            times[size].append(seconds)
            answers[size] = (right, compared)
    print("| ids = misspelt | CPU s (median) | growth | compared per question | intended id |")
    print("|---:|---:|---:|---:|---:|")
    previous = None
    for size in sizes:
        seconds = statistics.median(times[size])
        right, compared = answers[size]
        ratio = f"{seconds / previous:.1f}x" if previous else ""
        per = f"{compared / size:.2f}" if compared >= 0 else "?"
        print(f"| {size:,} | {seconds:.2f} | {ratio} | {per} | {right / size:.1%} |")
        previous = seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ids", type=int, default=1000)
    parser.add_argument("--misspelt", type=int, default=1000)
    parser.add_argument("--compare", action="store_true", help="also time difflib on every id")
    parser.add_argument("--sizes", type=int, nargs="+", help="ids (= misspelt) at each size")
    parser.add_argument("--runs", type=int, default=1, help="median of this many runs")
    parser.add_argument("--edits", type=int, default=1, help="typos in each misspelt id")
    arguments = parser.parse_args()
    if arguments.sizes:
        growth(arguments.sizes, arguments.runs, arguments.edits)
        return
    rng = random.Random(7)
    ids = make_ids(arguments.ids, rng)
    typos, targets = make_typos(ids, arguments.misspelt, rng, arguments.edits)
    lines = [f'thesis {node}: "Statement {node}."' for node in ids]
    lines += [f"{ids[0]} supports {typo}" for typo in typos]
    text = "\n".join(lines) + "\n"

    started = time.process_time()
    diagnostics = check_text(text, "bench.arg")
    whole = time.process_time() - started
    unknown = [d for d in diagnostics if d.code == "E101"]

    runs = [suggestions(ids, typos, targets) for _ in range(arguments.runs)]
    alone = statistics.median(seconds for seconds, _, _ in runs)
    _, right, compared = runs[-1]

    print(f"{arguments.ids} ids, {arguments.misspelt} misspelt references (CPU time)")
    print(f"argmap check (whole map):        {whole:.2f} s, {len(unknown)} unknown-id errors")
    print(f"suggestions through the index:   {alone:.2f} s, intended id {right}/{len(typos)}")
    if compared >= 0:
        print(f"compared in full (difflib):      {compared / len(typos):.2f} per question")
    if arguments.compare:
        started = time.process_time()
        guesses = [did_you_mean(typo, ids) for typo in typos]
        compared_s = time.process_time() - started
        right = sum(guess == target for guess, target in zip(guesses, targets, strict=True))
        print(f"difflib against every id:        {compared_s:.2f} s, intended {right}/{len(typos)}")


if __name__ == "__main__":
    main()
