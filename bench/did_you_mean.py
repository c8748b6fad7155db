""" "Did you mean" at scale: misspelt references among many ids, checked end to end and alone.

Run from the repository root:

    python bench/did_you_mean.py                 # 1,000 misspelt references among 1,000 ids
    python bench/did_you_mean.py --ids 8000 --misspelt 8000
    python bench/did_you_mean.py --compare       # also difflib against every id (slow)

Prints the time of `argmap check` on the whole map (parse + every rule), the time of the
suggestions alone through the index (`argmap.suggest.Suggester`), with --compare the time of
difflib comparing each misspelt id with every id (what argmap did before the index), and how
many suggestions were the intended id.
"""

from __future__ import annotations

import argparse
import random
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ids", type=int, default=1000)
    parser.add_argument("--misspelt", type=int, default=1000)
    parser.add_argument("--compare", action="store_true", help="also time difflib on every id")
    arguments = parser.parse_args()
    rng = random.Random(7)
    ids = make_ids(arguments.ids, rng)
    known = set(ids)
    targets = [rng.choice(ids) for _ in range(arguments.misspelt)]
    typos = []
    for target in targets:
        typo = misspell(target, rng)
        while typo in known:
            typo = misspell(target, rng)
        typos.append(typo)
    lines = [f'thesis {node}: "Statement {node}."' for node in ids]
    lines += [f"{ids[0]} supports {typo}" for typo in typos]
    text = "\n".join(lines) + "\n"

    started = time.perf_counter()
    diagnostics = check_text(text, "bench.arg")
    whole = time.perf_counter() - started
    unknown = [d for d in diagnostics if d.code == "E101"]

    started = time.perf_counter()
    suggester = Suggester(ids)
    guesses = [suggester.suggest(typo) for typo in typos]
    alone = time.perf_counter() - started
    right = sum(guess == target for guess, target in zip(guesses, targets, strict=True))

    print(f"{arguments.ids} ids, {arguments.misspelt} misspelt references")
    print(f"argmap check (whole map):        {whole:.2f} s, {len(unknown)} unknown-id errors")
    print(f"suggestions through the index:   {alone:.2f} s, intended id {right}/{len(typos)}")
    if arguments.compare:
        started = time.perf_counter()
        guesses = [did_you_mean(typo, ids) for typo in typos]
        compared = time.perf_counter() - started
        right = sum(guess == target for guess, target in zip(guesses, targets, strict=True))
        print(f"difflib against every id:        {compared:.2f} s, intended {right}/{len(typos)}")


if __name__ == "__main__":
    main()
