"""Re-checking after a one-line edit: in one process (with and without the item cache), and as
`argmap check` processes (the items of the last check kept in the cache folder, against
`--no-cache`), CPU time (user + system) of each process, paired in the same run.

    python bench/recheck.py --size 10000 --runs 5
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from argmap.checking.pipeline import parse_checked
from argmap.language.itemcache import ITEM_CACHE

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
        ITEM_CACHE.limit = limit
        ITEM_CACHE.clear()
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
    command_line(edited, args.runs, args.size)


def _cpu(command: list[str], environment: dict[str, str]) -> float:
    """CPU seconds (user + system) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=environment, stdout=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def command_line(edited: Callable[[int], str], runs: int, size: int) -> None:
    """`argmap check` after each one-line edit: through the kept items, and --no-cache."""
    with tempfile.TemporaryDirectory() as folder:
        environment = {**os.environ, "ARGMAP_CACHE_DIR": str(Path(folder) / "cache")}
        path = Path(folder) / "map.arg"
        argmap = [sys.executable, "-m", "argmap", "check"]
        path.write_text(edited(-1), encoding="utf-8")
        _cpu([*argmap, str(path)], environment)  # the first check keeps the items
        kept, fresh = [], []
        for n in range(runs):
            path.write_text(edited(1000 + n), encoding="utf-8")
            kept.append(_cpu([*argmap, str(path)], environment))
            path.write_text(edited(2000 + n), encoding="utf-8")
            fresh.append(_cpu([*argmap, "--no-cache", str(path)], environment))
        baseline = [_cpu([sys.executable, "-c", "pass"], environment) for _ in range(runs)]
        for label, times in (
            ("argmap check, items kept", kept),
            ("argmap check --no-cache", fresh),
            ("python -c pass", baseline),
        ):
            print(
                f"{size:,} statements, one line edited, {label}: "
                f"{statistics.median(times) * 1000:.0f} ms CPU (median of {runs})"
            )


if __name__ == "__main__":
    main()
