"""Where `argmap render MAP -o x.svg` spends its time beyond `dot`: CPU per phase, medians.

Run from the repository root:

    python bench/render_profile.py                      # maps/tokayev.arg and 1,000 statements
    python bench/render_profile.py --sizes 1000 10000 --runs 3

Each run is a fresh process that does what `argmap render --no-cache` does, one phase after
the other, and reports each phase's CPU time: the imports (the click group and the render
command: everything loaded before the map is read), reading, parsing and checking the map,
building the DOT text, `dot -Tsvg` (its own CPU time) and marking the SVG with the DOT's
hash. The same runs time `python -c pass` (the interpreter's start, which argmap cannot
avoid), the whole `argmap render --no-cache` and `dot -Tsvg` alone on the same DOT, taking
turns. The floor is the interpreter's start plus the imports and the parse and check, which
come before `dot` can read a graph: its share of `dot`'s time says how close to `dot` alone
a render can get without a faster start and parser.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

ARGMAP = "import sys; from argmap.cli import main; sys.argv[0] = 'argmap'; main()"
PHASES = ("imports", "read, parse and check", "build the DOT", "dot -Tsvg", "mark the SVG")


def phases(source: str) -> dict[str, float]:
    """One render's phases, each its CPU seconds (dot's own for `dot -Tsvg`)."""
    clock = time.process_time
    start = clock()
    # Everything `argmap render` loads before it reads the map: its click group and command.
    import argmap.cli.group
    import argmap.cli.render  # noqa: F401
    from argmap.checking.pipeline import parse_checked
    from argmap.files import read_source
    from argmap.rendering.dot import RenderOptions, dot_pieces, select
    from argmap.rendering.graphviz import mark_svg, run_dot

    imported = clock()
    argument_map, _ = parse_checked(read_source(Path(source)), source)
    checked = clock()
    if argument_map is None:
        sys.exit(f"{source} has errors")
    options = RenderOptions()
    dot_text = "".join(dot_pieces(select(argument_map, options), options))
    built = clock()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    svg = run_dot(dot_text, "svg")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    drawn = clock()
    mark_svg(svg, dot_text)
    marked = clock()
    dot_cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    return {
        "imports": imported - start,
        "read, parse and check": checked - imported,
        "build the DOT": built - checked,
        "dot -Tsvg": dot_cpu + (drawn - built),
        "mark the SVG": marked - drawn,
    }


def cpu_of(command: list[str], env: dict[str, str]) -> float:
    """CPU seconds (user + system) of a command and the programs it ran."""
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed")
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000])
    parser.add_argument("--maps", nargs="*", default=["maps/tokayev.arg"])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--phases-of", help=argparse.SUPPRESS)  # one run, in this process
    args = parser.parse_args()
    if args.phases_of:
        print(json.dumps(phases(args.phases_of)))
        return
    from generate import write_maps

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(BENCH / "out" / "pycache" / "after")
    sources = [Path(m) for m in args.maps]
    if args.sizes:
        sources += [arg for _, arg, _ in write_maps(BENCH / "maps", tuple(args.sizes))]
    python = [sys.executable, "-P"]
    print(f"load average at the start: {os.getloadavg()}", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        for source in sources:
            dot_file = Path(scratch) / "map.dot"
            render = [*python, "-c", ARGMAP, "render", str(source), "--no-cache", "-o"]
            cpu_of([*render, str(dot_file)], env)  # also the warm-up: bytecode, Lark's cache
            commands = {
                "python -c pass": [*python, "-c", "pass"],
                "argmap render --no-cache": [*render, str(Path(scratch) / "map.svg")],
                "dot -Tsvg alone": ["dot", "-Tsvg", str(dot_file), "-o", os.devnull],
            }
            whole: dict[str, list[float]] = {name: [] for name in commands}
            parts: dict[str, list[float]] = {name: [] for name in PHASES}
            for _ in range(args.runs):
                for name, command in commands.items():
                    whole[name].append(cpu_of(command, env))
                one = subprocess.run(
                    [*python, str(Path(__file__).resolve()), "--phases-of", str(source)],
                    env=env,
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                for name, seconds in json.loads(one.stdout).items():
                    parts[name].append(seconds)
            median = {name: statistics.median(v) * 1000 for name, v in {**whole, **parts}.items()}
            dot_ms = median["dot -Tsvg alone"]
            print(f"\n{source}: median CPU ms of {args.runs} runs (share of dot -Tsvg alone)")
            for name in [*commands, *PHASES]:
                print(f"  {name:<28} {median[name]:8.1f}  {median[name] / dot_ms:6.1%}")
            floor = median["python -c pass"] + median["imports"]
            floor += median["read, parse and check"]
            print(
                f"  floor before dot can start (start + imports + parse and check): "
                f"{floor:.1f} ms = {floor / dot_ms:.1%} of dot alone; "
                f"render / dot alone {median['argmap render --no-cache'] / dot_ms:.2f}x"
            )
            sys.stdout.flush()
    print(f"load average at the end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
