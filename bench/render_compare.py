"""Before and after: `argmap render MAP -o x.svg` of two checkouts against `dot -Tsvg` alone.

Run from the repository root:

    python bench/render_compare.py --before /tmp/before --runs 7
    python bench/render_compare.py --sizes 1000 10000 --runs 3

Each run is a fresh process, and the commands take turns (before, after, dot, before, ...), so
that a change in the machine's load touches them alike. `dot -Tsvg` runs on the DOT that this
checkout writes for the map (`argmap render --format dot`). Prints, per map, the median CPU time
(user + system of the process and the programs it ran, read with `wait4`), the median wall
time, each render's ratio to `dot` alone and its time above it, and whether the two checkouts
wrote the same SVG bytes. Renders pass `--no-cache` when the checkout has it, so every run is
a real render.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from generate import write_maps  # noqa: E402

ARGMAP = "import sys; from argmap.cli import main; sys.argv[0] = 'argmap'; main()"


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """CPU seconds (user + system, with the programs it ran), wall seconds and exit status."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_utime + usage.ru_stime, wall, process.returncode


def has_no_cache(env: dict[str, str]) -> bool:
    """Whether this checkout's `argmap render` takes `--no-cache`."""
    command = [sys.executable, "-P", "-c", ARGMAP, "render", "--help"]
    shown = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    return "--no-cache" in shown.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--sizes", type=int, nargs="*", default=[1_000], help="generated maps (statements)"
    )
    parser.add_argument("--maps", nargs="*", default=["maps/tokayev.arg"], help="map files")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", type=Path, help="another checkout of argmap, to compare")
    args = parser.parse_args()
    roots = {"after": ROOT}
    if args.before:
        roots = {"before": args.before.resolve(), "after": ROOT}
    envs = {}
    for name, root in roots.items():
        env = dict(os.environ, PYTHONPATH=str(root))
        # Installed argmap runs from bytecode; each checkout keeps its own.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(BENCH / "out" / "pycache" / name)
        envs[name] = env
    no_cache = {name: has_no_cache(env) for name, env in envs.items()}
    inputs = [Path(m) for m in args.maps]
    if args.sizes:
        inputs += [arg for _, arg, _ in write_maps(BENCH / "maps", tuple(args.sizes))]
    print(f"load average at the start: {os.getloadavg()}", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        for source in inputs:
            dot_file = out / f"{source.stem}.dot"
            made = subprocess.run(
                [sys.executable, "-P", "-c", ARGMAP, "render", str(source), "-o", str(dot_file)],
                env=envs["after"],
                cwd=ROOT,
                check=False,
            )
            if made.returncode != 0:
                sys.exit(f"{source}: argmap render --format dot failed")
            commands: dict[str, tuple[list[str], dict[str, str]]] = {}
            for name, env in envs.items():
                svg = out / f"{source.stem}-{name}.svg"
                command = [sys.executable, "-P", "-c", ARGMAP, "render", str(source)]
                command += ["-o", str(svg), *(["--no-cache"] if no_cache[name] else [])]
                commands[f"argmap render ({name})"] = (command, env)
            plain = ["dot", "-Tsvg", str(dot_file), "-o", str(out / "plain.svg")]
            commands["dot -Tsvg (same DOT)"] = (plain, dict(os.environ))
            figures: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
            for command, env in commands.values():
                measure(command, env)  # warm-up: file cache, bytecode, Lark's grammar cache
            for _ in range(args.runs):
                for name, (command, env) in commands.items():
                    cpu, wall, code = measure(command, env)
                    if code != 0:
                        sys.exit(f"{name} on {source} exited with {code}")
                    figures[name].append((cpu, wall))
            print(f"\n{source} ({dot_file.stat().st_size / 1e3:.0f} kB of DOT), {args.runs} runs")
            medians = {}
            for name, rows in figures.items():
                cpu = statistics.median(r[0] for r in rows)
                wall = statistics.median(r[1] for r in rows)
                medians[name] = (cpu, wall)
                print(f"  {name:<24} CPU {cpu * 1000:9.1f} ms   wall {wall * 1000:9.1f} ms")
            dot_cpu, dot_wall = medians["dot -Tsvg (same DOT)"]
            for name in envs:
                cpu, wall = medians[f"argmap render ({name})"]
                print(
                    f"  {name} / dot: CPU {cpu / dot_cpu:.2f}x, wall {wall / dot_wall:.2f}x;"
                    f" above dot: CPU {(cpu - dot_cpu) * 1000:.0f} ms,"
                    f" wall {(wall - dot_wall) * 1000:.0f} ms"
                )
            if len(envs) == 2:
                before = (out / f"{source.stem}-before.svg").read_bytes()
                after = (out / f"{source.stem}-after.svg").read_bytes()
                print(f"  SVG bytes: {'the same' if before == after else 'DIFFERENT'}")
            sys.stdout.flush()
    print(f"load average at the end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
