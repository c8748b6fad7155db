"""Before and after: `argmap check --no-cache` of two checkouts (and Argdown) on the same maps.

Run from the repository root:

    python bench/check_compare.py --before /tmp/before --sizes 10000 100000 --runs 5 --serial
    python bench/check_compare.py --sizes 1000000 --runs 1 --no-argdown

Each run is a fresh process; the commands take turns (before, after, Argdown, before, ...) so
that a change in the machine's load touches them alike. Prints the median CPU time (user +
system, the process and its children), the median wall time and the peak resident memory of
the largest process, per command and size, and the ratios of the medians. `--serial` adds
this checkout with every chunk parsed in one process, to tell the tokenizer's share from that
of the parallel parse.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from generate import write_maps  # noqa: E402

# Where bench/run.py installs the Argdown CLI, or where .ci/setup does.
ARGDOWN = next(
    (
        path
        for path in (
            BENCH / ".node" / "node_modules" / ".bin" / "argdown",
            ROOT / ".argdown-cli" / "node_modules" / ".bin" / "argdown",
        )
        if path.is_file()
    ),
    BENCH / ".node" / "node_modules" / ".bin" / "argdown",
)
TIME = "/usr/bin/time"
ARGMAP = "import sys; from argmap.cli import main; sys.argv[0] = 'argmap'; main()"
# The same, with every chunk parsed in the one process (argmap.language.parallel off).
ARGMAP_SERIAL = (
    "import sys; from argmap.language import parallel; parallel.processes = lambda lines: 1; "
    + ARGMAP
)


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float, float, int]:
    """CPU seconds (user + system), wall seconds, peak MB and exit status of one process."""
    if not Path(TIME).is_file():
        # Without GNU time: CPU from this process's children, no peak memory.
        before, start = os.times(), time.perf_counter()
        done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, check=False)
        wall, after = time.perf_counter() - start, os.times()
        cpu = after.children_user - before.children_user
        cpu += after.children_system - before.children_system
        return cpu, wall, float("nan"), done.returncode
    timed = [TIME, "-f", "%U %S %e %M", *command]
    done = subprocess.run(timed, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    user, system, wall, peak_kb = (float(x) for x in done.stderr.strip().splitlines()[-1].split())
    return user + system, wall, peak_kb / 1024, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", type=Path, help="another checkout of argmap, to compare")
    parser.add_argument("--no-argdown", action="store_true")
    parser.add_argument("--jobs", default=None, help="pass -j JOBS to argmap check")
    parser.add_argument(
        "--serial", action="store_true", help="also time this checkout parsing in one process"
    )
    args = parser.parse_args()
    roots = {"after": ROOT}
    if args.before:
        roots = {"before": args.before.resolve(), "after": ROOT}
    envs = {
        name: dict(os.environ, PYTHONPATH=str(root), PYTHONPYCACHEPREFIX=str(BENCH / "out" / name))
        for name, root in roots.items()
    }
    print(f"load average at the start: {os.getloadavg()}", flush=True)
    for size, arg_path, argdown_path in write_maps(BENCH / "maps", tuple(args.sizes)):
        commands: dict[str, tuple[list[str], dict[str, str]]] = {}
        extra = ["-j", args.jobs] if args.jobs else []
        for name, env in envs.items():
            command = [sys.executable, "-P", "-c", ARGMAP, "check", "--no-cache", *extra]
            commands[f"argmap check ({name})"] = ([*command, str(arg_path)], env)
            if args.serial and name == "after":
                command[3] = ARGMAP_SERIAL
                commands["argmap check (after, 1 process)"] = ([*command, str(arg_path)], env)
        if not args.no_argdown and ARGDOWN.is_file():
            commands["Argdown validation"] = ([str(ARGDOWN), str(argdown_path)], dict(os.environ))
        figures: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
        for command, env in commands.values():
            measure(command, env)  # warm-up: file cache, bytecode, Lark's grammar cache
        for _ in range(args.runs):
            for name, (command, env) in commands.items():
                cpu, wall, peak, code = measure(command, env)
                if code not in (0, 1):
                    sys.exit(f"{name} exited with {code}")
                figures[name].append((cpu, wall, peak))
        print(f"\n{size:,} statements ({arg_path.stat().st_size / 1e6:.1f} MB), {args.runs} runs")
        medians = {}
        for name, rows in figures.items():
            cpu = statistics.median(r[0] for r in rows)
            wall = statistics.median(r[1] for r in rows)
            peak = max(r[2] for r in rows)
            medians[name] = (cpu, wall)
            print(f"  {name:<28} CPU {cpu:8.2f} s   wall {wall:8.2f} s   peak {peak:7.0f} MB")
        after = medians.get("argmap check (after)")
        for name, (cpu, wall) in medians.items():
            if after and name != "argmap check (after)":
                print(f"  after / {name}: CPU {after[0] / cpu:.2f}x, wall {after[1] / wall:.2f}x")
        sys.stdout.flush()
    print(f"load average at the end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
