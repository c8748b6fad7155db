"""Wall time of `argmap render MAP -o x.svg` against `dot -Tsvg` on the same DOT, same run.

Usage: python bench/render_timing.py [maps/tokayev.arg] [repeats]
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def best_of(command: list[str], repeats: int, stdin: bytes | None = None) -> tuple[float, float]:
    """Best and median wall time of running `command` `repeats` times, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, input=stdin, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "maps/tokayev.arg")
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    argmap_program = shutil.which("argmap") or "argmap"
    with tempfile.TemporaryDirectory() as folder:
        svg, dot = Path(folder) / "x.svg", Path(folder) / "x.dot"
        subprocess.run([argmap_program, "render", str(source), "-o", str(dot)], check=True,
                       capture_output=True)  # fmt: skip
        # --no-cache: every run draws (the render cache would replay the first run's SVG).
        render = best_of(
            [argmap_program, "render", str(source), "-o", str(svg), "--no-cache"], repeats
        )
        graphviz = best_of(["dot", "-Tsvg", str(dot), "-o", str(Path(folder) / "y.svg")], repeats)
        check = best_of([argmap_program, "check", str(source)], repeats)
    import argmap

    argument_map = argmap.load(source)
    nodes = len(argument_map.statements) + len(argument_map.arguments)
    edges = sum(len(a.premises) + (a.conclusion is not None) for a in argument_map.arguments)
    edges += len(argument_map.relations)
    print(f"map {source}: {len(argument_map.statements)} statements + "
          f"{len(argument_map.arguments)} arguments = {nodes} nodes, {edges} edges "
          f"({len(argument_map.relations)} relations)")  # fmt: skip
    for name, (best, median) in (
        (f"argmap render {source} -o x.svg --no-cache", render),
        ("dot -Tsvg x.dot (same DOT)", graphviz),
        (f"argmap check {source}", check),
    ):
        print(f"{name:<45} best {best * 1000:7.1f} ms   median {median * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
