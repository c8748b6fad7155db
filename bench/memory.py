"""Where `argmap check` holds its memory on a large map: the peak, when it happens, what is live.

Run from the repository root:

    python bench/memory.py --size 100000
    python bench/memory.py --size 100000 --serial --live
    python bench/memory.py --size 100000 --before /tmp/before --runs 3
    python bench/memory.py --size 100000 --handover

Each run is a fresh process that checks the generated map as `argmap check --no-cache` does
(the parse forked on every core, unless `--serial`; no item cache) in its stages, and prints
after each stage the resident memory (RSS) of the process, its peak so far, the peak of the
forked children, and the CPU and wall time of the stage. `--live` adds what is live after the
parse (the model's objects by type, by `sys.getsizeof` of each object reached once) and in the
checker's index (the same, model objects left out). `--before` runs another checkout's code
on the same map, taking turns, to compare; the figures of several runs are medians (peaks:
the largest). `--handover` times, in one process (no fork, no pipe), what handing the second
half of the map back from a forked process costs each side: the objects pickled (as before)
and as columns (`argmap.model.to_columns`).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from enum import Enum
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
STAGES = ("start", "imported", "read", "parsed", "checked")


def _rss() -> float:
    """The resident memory of this process now, in MB."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _cpu() -> float:
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _sizes(roots: list[object], skip: set[int]) -> Counter[str]:
    """Bytes by type of everything reachable from `roots` once (`skip`: ids left out)."""
    found: Counter[str] = Counter()
    stack = list(roots)
    while stack:
        value = stack.pop()
        if id(value) in skip or isinstance(value, Enum | type) or callable(value):
            continue
        skip.add(id(value))
        found[type(value).__name__] += sys.getsizeof(value)
        if isinstance(value, list | tuple | set | frozenset):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif not isinstance(value, str | int | float | bytes):
            for cls in type(value).__mro__:
                for name in getattr(cls, "__slots__", ()):
                    if hasattr(value, name):
                        stack.append(getattr(value, name))
            if hasattr(value, "__dict__"):
                stack.append(vars(value))
    return found


def child(path: str, serial: bool, live: bool) -> None:
    """One check of the map in stages, as JSON on stdout (run in a fresh process)."""
    rows: list[dict[str, object]] = []
    clock = [time.perf_counter(), _cpu()]

    def stage(name: str) -> None:
        now, cpu = time.perf_counter(), _cpu()
        rows.append(
            {
                "stage": name,
                "rss": _rss(),
                "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                "cpu": cpu - clock[1],
                "wall": now - clock[0],
            }
        )
        clock[:] = [time.perf_counter(), _cpu()]

    stage("start")
    from argmap.checking.rules import check
    from argmap.files import read_source
    from argmap.language import parallel
    from argmap.language.imports import parse_with_imports
    from argmap.language.itemcache import ITEM_CACHE
    from argmap.language.parser import load_grammar

    # As the `argmap` command sets them (argmap/cli/group.py).
    ITEM_CACHE.limit = 0
    parallel.PROCESSES = 1 if serial else 0
    load_grammar()
    stage("imported")
    text = read_source(path)
    stage("read")
    result = parse_with_imports(text, path)
    stage("parsed")
    model_sizes = _sizes([result.map], set()) if live else Counter()
    index_sizes: Counter[str] = Counter()
    if live:
        from argmap.checking.index import Checker
        from argmap.checking.rules import ITEM_RULES, MAP_RULES

        checker = Checker(ITEM_RULES, MAP_RULES, path, track=False)
        checker.index.top = path
        checker.check([result.map])
        index_sizes = _sizes([checker.index], _ids(result.map))
        del checker
        clock[:] = [time.perf_counter(), _cpu()]
    diagnostics = check(result.map)
    stage("checked")
    print(
        json.dumps(
            {
                "rows": rows,
                "diagnostics": len(diagnostics),
                "model": dict(model_sizes),
                "index": dict(index_sizes),
            }
        )
    )


def handover(path: str, runs: int) -> None:
    """CPU seconds of each way to hand a parsed half of the map back (run in a fresh process)."""
    import gc
    import pickle

    from argmap.files import read_source
    from argmap.language import parser

    lines = read_source(path).split("\n")
    chunks = parser._chunks(lines)
    part = parser._build_chunks(lines, path, chunks[len(chunks) // 2 :])
    gc.disable()
    times: dict[str, list[float]] = {}
    clock = [time.process_time()]

    def lap(name: str) -> None:
        now = time.process_time()
        times.setdefault(name, []).append(now - clock[0])
        clock[0] = now

    builder = part[0]
    sizes: dict[str, int] = {}
    for _ in range(runs):
        clock[0] = time.process_time()
        data = pickle.dumps(part, protocol=5)
        lap("objects: pickle.dumps")
        pickle.loads(data)
        lap("objects: pickle.loads")
        kept = [getattr(builder, name) for name in parser._MODEL_LISTS]
        clock[0] = time.process_time()
        packed = pickle.dumps(parser._pack(part), protocol=5)
        lap("columns: _pack + pickle.dumps")
        found = pickle.loads(packed)
        lap("columns: pickle.loads")
        parser._unpack(found)
        lap("columns: _unpack")
        for name, objects in zip(parser._MODEL_LISTS, kept, strict=True):
            setattr(builder, name, objects)
        sizes = {"objects": len(data), "columns": len(packed)}
    print(f"{len(part[0].statements):,} statements in the half handed back, {runs} runs")
    for name, found_times in times.items():
        print(f"  {name:<32} {statistics.median(found_times):6.2f} s CPU")
    for name, size in sizes.items():
        print(f"  pickled as {name:<10} {size / 1e6:6.1f} MB")


def _ids(model: object) -> set[int]:
    """The ids of every object of the model (to leave them out of the index's sizes)."""
    seen: set[int] = set()
    _sizes([model], seen)
    return seen


def run(path: Path, root: Path, serial: bool, live: bool) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(root))
    command = [sys.executable, "-P", str(Path(__file__).resolve()), "--child", str(path)]
    command += ["--serial"] * serial + ["--live"] * live
    done = subprocess.run(command, env=env, cwd=root, capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout))


def _table(sizes: dict[str, int], title: str) -> None:
    total = sum(sizes.values())
    print(f"  {title}: {total / 2**20:.1f} MB")
    for name, size in sorted(sizes.items(), key=lambda item: -item[1])[:8]:
        print(f"    {name:<14} {size / 2**20:7.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--serial", action="store_true", help="parse in one process")
    parser.add_argument("--live", action="store_true", help="also size the model and index")
    parser.add_argument("--before", type=Path, help="another checkout of argmap, to compare")
    parser.add_argument("--handover", action="store_true", help="time the forked hand-over")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child and args.handover:
        handover(args.child, args.runs)
        return
    if args.child:
        child(args.child, args.serial, args.live)
        return
    # Written by another process: a child's peak counts from its parent's size at the fork.
    path = BENCH / "maps" / f"map_{args.size}.arg"
    write = f"list(write_maps(Path({str(BENCH / 'maps')!r}), ({args.size},)))"
    write = "from pathlib import Path; from generate import write_maps; " + write
    subprocess.run([sys.executable, "-c", write], cwd=BENCH, check=True)
    size = args.size
    if args.handover:
        command = [sys.executable, "-P", str(Path(__file__).resolve()), "--handover"]
        command += ["--runs", str(args.runs), "--child", str(path)]
        subprocess.run(command, env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=ROOT, check=True)
        return
    roots = {"this checkout": ROOT}
    if args.before:
        roots = {"before": args.before.resolve(), "after": ROOT}
    print(f"load average at the start: {os.getloadavg()}")
    results: dict[str, list[dict[str, object]]] = {name: [] for name in roots}
    for _ in range(args.runs):
        for name, root in roots.items():
            results[name].append(run(path, root, args.serial, live=False))
    # Sizing what is live takes memory of its own: in a run of its own.
    sized = {}
    if args.live:
        sized = {name: run(path, root, args.serial, live=True) for name, root in roots.items()}
    mode = "1 process" if args.serial else "parse forked on every core"
    print(f"\n{size:,} statements ({path.stat().st_size / 1e6:.1f} MB), {mode}, {args.runs} runs")
    for name, found in results.items():
        print(f"{name}: {found[0]['diagnostics']} diagnostics")
        heads = ("RSS MB", "peak MB", "children", "CPU s", "wall s")
        print(f"  {'stage':<10} " + " ".join(f"{head:>8}" for head in heads))
        for number, stage in enumerate(STAGES):
            rows = [run_rows["rows"][number] for run_rows in found]  # type: ignore[index]
            print(
                f"  {stage:<10} {statistics.median(r['rss'] for r in rows):8.1f}"
                f" {max(r['peak'] for r in rows):8.1f} {max(r['children'] for r in rows):8.1f}"
                f" {statistics.median(r['cpu'] for r in rows):8.2f}"
                f" {statistics.median(r['wall'] for r in rows):8.2f}"
            )
        if name in sized:
            _table(sized[name]["model"], "the model after the parse")  # type: ignore[arg-type]
            _table(sized[name]["index"], "the checker's index, model left out")  # type: ignore[arg-type]
    print(f"load average at the end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
