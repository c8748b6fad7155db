"""Re-checking after a one-line edit in one process, with and without the item cache."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import argmap.language.parser as parser
from argmap.checking.pipeline import parse_checked

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from generate import generate  # noqa: E402


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--size", type=int, default=10_000)
    options.add_argument("--runs", type=int, default=5)
    args = options.parse_args()
    text, _ = generate(args.size)
    lines = text.split("\n")
    middle = len(lines) // 2
    while not lines[middle].strip():
        middle += 1

    def edited(n: int) -> str:
        copy = list(lines)
        copy[middle] = copy[middle].replace('"', f'"Edit {n}: ', 1)
        return "\n".join(copy)

    for label, limit in (("without the item cache", 0), ("with the item cache", 50_000)):
        parser.ITEM_CACHE.limit = limit
        parser.ITEM_CACHE.clear()
        parse_checked(text, "m.arg")  # a first check fills the cache
        times = []
        for n in range(args.runs):
            start = time.perf_counter()
            parse_checked(edited(n), "m.arg")
            times.append(time.perf_counter() - start)
        print(
            f"{args.size:,} statements, one line edited, {label}: "
            f"{statistics.median(times) * 1000:.0f} ms (median of {args.runs})"
        )


if __name__ == "__main__":
    main()
