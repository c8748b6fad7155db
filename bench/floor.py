"""The start-up floor under any `argmap` command that has to parse: whole processes, medians.

A re-check after a one-line edit must parse the edited item with Lark (the parser is defined
as a Lark grammar) into argmap's model. Whatever else is cached, such a process pays for
starting Python, importing Lark and the model, and loading the parser. This prints each of
those steps as a process of its own, CPU (user + system) and wall time, so the floor under the
100 ms targets of issue 14 is a measurement, not a guess.

    python bench/floor.py --runs 11
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STEPS = (
    ("python -c pass", "pass"),
    ("import Lark (as argmap does, without `regex`)", "import argmap.language.lark_import"),
    ("import argmap.model (the dataclasses)", "import argmap.model"),
    ("import Lark and the model", "import argmap.language.lark_import, argmap.model"),
    (
        "load argmap's Lark parser (from Lark's cache)",
        "from argmap.language import parser; parser.load_grammar()",
    ),
    (
        "parse a one-statement map into the model",
        "from argmap.language import parser; parser.parse('claim a: \"x\"\\n')",
    ),
)


def run(code: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of `runs` runs of a command, after one warm-up run."""
    walls, cpus = [], []
    for index in range(runs + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(code, env=env, check=True, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if index:
            walls.append(wall)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=11)
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(Path(folder) / "pyc"))
        # Without compiled bytecode every run would compile argmap again.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["ARGMAP_CACHE_DIR"] = str(Path(folder) / "cache")
        one = Path(folder) / "one.arg"
        one.write_text('claim a: "x"\n', encoding="utf-8")
        steps = [(name, [sys.executable, "-P", "-c", code]) for name, code in STEPS]
        steps.append(
            (
                "argmap check --no-cache of a one-statement map",
                [
                    sys.executable,
                    "-P",
                    "-c",
                    "import sys; from argmap.cli import main; sys.argv[0] = 'argmap'; main()",
                    "check",
                    "--no-cache",
                    str(one),
                ],
            )
        )
        print(f"load average {os.getloadavg()[0]:.2f}; medians of {args.runs} runs")
        print(f"{'step':<50} {'wall ms':>8} {'CPU ms':>8}")
        for name, code in steps:
            wall, cpu = run(code, env, args.runs)
            print(f"{name:<50} {wall * 1000:8.1f} {cpu * 1000:8.1f}", flush=True)


if __name__ == "__main__":
    main()
