"""Evaluation benchmark: argmap's semantics against python-argumentation and formal-argumentation.

Run from the repository root:

    python bench/bench_eval.py            # creates bench/.venv for the other packages once
    python bench/bench_eval.py --no-others

argmap runs in this interpreter. The two comparison packages are installed only in
bench/.venv (never in the project's environment) and each measurement of theirs runs in a
subprocess of that venv with a time limit, on the same framework files.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

VENV = REPO / "bench" / ".venv"
DATA = REPO / "tests" / "data" / "af" / "aspartix" / "pref"
OTHERS = {"python-argumentation": "2.0.2", "formal-argumentation": "0.3.0"}
# The columns: a package and the entry point a user would call. formal-argumentation's default
# `preferred_extensions` enumerates subsets; its solve_dung_extensions(backend="sat") is an
# SCC-recursive search shipped in the same package, so it gets a column of its own.
COLUMNS = (
    ("python-argumentation", "python-argumentation 2.0.2"),
    ("formal-argumentation", "formal-argumentation 0.3.0"),
    ("formal-argumentation-sat", "formal-argumentation 0.3.0, backend='sat'"),
)
TIME_LIMIT = 60.0
SIZES = (10_000, 100_000)


# ---------------------------------------------------------------------------------------------
# Worker: runs inside bench/.venv, imports one comparison package, prints JSON timings.

WORKER = r"""
import json, re, sys, time

def read_apx(path):
    text = open(path).read()
    args = re.findall(r"arg\(([^)]*)\)\.", text)
    atts = re.findall(r"att\(([^,]*),([^)]*)\)\.", text)
    return args, atts

library, task, path = sys.argv[1:4]
args, atts = read_apx(path)
start = time.perf_counter()
if library == "python-argumentation":
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
        AbstractArgumentationFramework)
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat
    objects = {a: Argument(a) for a in args}
    af = AbstractArgumentationFramework("bench", list(objects.values()),
                                        [Defeat(objects[s], objects[t]) for s, t in atts])
    built = time.perf_counter()
    if task == "grounded":
        from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension
        result = [sorted(a.name for a in get_grounded_extension(af))]
    else:
        from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions
        result = [sorted(a.name for a in e) for e in get_preferred_extensions(af)]
else:
    from argumentation.core.dung import (
        ArgumentationFramework, grounded_extension, preferred_extensions)
    af = ArgumentationFramework(arguments=frozenset(args), defeats=frozenset(atts))
    built = time.perf_counter()
    if library == "formal-argumentation-sat":
        from argumentation.solving.solver import solve_dung_extensions
        answer = solve_dung_extensions(af, semantics=task, backend="sat")
        result = [sorted(e) for e in answer.extensions]
    elif task == "grounded":
        result = [sorted(grounded_extension(af))]
    else:
        result = [sorted(e) for e in preferred_extensions(af)]
done = time.perf_counter()
print(json.dumps({"build": built - start, "solve": done - built,
                  "extensions": sorted(result)}))
"""


def ensure_venv() -> str | None:
    """The venv's python with both packages, creating it once; None (with a note) on failure."""
    python = VENV / "bin" / "python"
    wanted = [f"{name}=={version}" for name, version in OTHERS.items()]
    try:
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        check = subprocess.run(
            [str(python), "-c", "import py_arg, argumentation.core.dung"], capture_output=True
        )
        if check.returncode != 0:
            subprocess.run(
                [str(python), "-m", "pip", "install", "-q", *wanted], check=True, timeout=600
            )
    except (subprocess.SubprocessError, OSError) as error:
        print(f"note: comparison packages not installed ({error}); their columns are skipped")
        return None
    return str(python)


def run_other(python: str, library: str, task: str, path: Path) -> dict[str, object]:
    """Time one comparison package in a subprocess; {'timeout': True} past TIME_LIMIT."""
    try:
        done = subprocess.run(
            [python, "-c", WORKER, library, task, str(path)],
            capture_output=True,
            text=True,
            timeout=TIME_LIMIT,
        )
    except subprocess.TimeoutExpired:
        return {"timeout": True}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"error": last[:80]}
    result: dict[str, object] = json.loads(done.stdout)
    return result


# ---------------------------------------------------------------------------------------------
# argmap's side


def generate(size: int, seed: int = 1) -> tuple[list[str], list[tuple[str, str]]]:
    """A random framework: each argument attacks two others chosen at random."""
    rng = random.Random(seed)
    names = [f"a{i}" for i in range(size)]
    attacks = list(
        dict.fromkeys((names[i], names[rng.randrange(size)]) for i in range(size) for _ in (0, 1))
    )
    return names, attacks


def best_of(repeats: int, action: object) -> tuple[float, object]:
    best, value = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        value = action()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best, value


def reference(path: Path) -> set[frozenset[str]]:
    text = (path.parent / (path.name + ".sols")).read_text()
    return {
        frozenset(x.strip() for x in group.split(",") if x.strip())
        for group in re.findall(r"\[([^\[\]]*)\]", text.strip()[1:-1])
    }


def seconds(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def other_cell(result: dict[str, object], expected: set[frozenset[str]] | None) -> str:
    if result.get("timeout"):
        return f"> {TIME_LIMIT:.0f} s (stopped)"
    if "error" in result:
        error = str(result["error"])
        if "ExactEnumerationExceeded" in error:
            return "refused (exact enumeration budget of 65,536 subsets exceeded)"
        return f"failed: {error}"
    solve = float(result["solve"])  # type: ignore[arg-type]
    cell = seconds(solve)
    if expected is not None:
        found = {frozenset(e) for e in result["extensions"]}  # type: ignore[attr-defined]
        cell += "" if found == expected else f" (WRONG: {len(found)} extensions)"
    return cell


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-others", action="store_true", help="time argmap only")
    options = parser.parse_args()

    from argmap.evaluation.framework import AbstractFramework, load_framework, to_apx
    from argmap.evaluation.semantics import Label, Semantics, extensions, grounded_labelling, names

    python = None if options.no_others else ensure_venv()
    print(
        f"python {sys.version.split()[0]} on {os.uname().machine}; "
        f"time limit for the others: {TIME_LIMIT:.0f} s; best of 3 for argmap\n"
    )

    rows: list[tuple[str, ...]] = []
    with tempfile.TemporaryDirectory() as scratch:
        for size in SIZES:
            arguments, attacks = generate(size)
            build, framework = best_of(
                3, lambda a=arguments, t=attacks: AbstractFramework(tuple(a), tuple(t))
            )
            assert isinstance(framework, AbstractFramework)

            def label(a: list[str] = arguments, t: list[tuple[str, str]] = attacks) -> object:
                # A fresh framework each time, so the attacker index is built inside the timing.
                fresh = AbstractFramework(tuple(a), tuple(t))
                start = time.perf_counter()
                labels = grounded_labelling(fresh)
                return time.perf_counter() - start, labels

            timings = [label() for _ in range(3)]
            solve = min(t for t, _ in timings)  # type: ignore[misc]
            labels = timings[0][1]
            counts = {x: labels.count(x) for x in Label}  # type: ignore[attr-defined]
            cells = [
                f"grounded, random {size:,} args / {len(attacks):,} attacks "
                f"({counts[Label.IN]:,} in, {counts[Label.OUT]:,} out, "
                f"{counts[Label.UNDEC]:,} undec)",
                f"{seconds(solve)} (+ {seconds(build)} to build)",
            ]
            if python:
                path = Path(scratch) / f"random{size}.apx"
                path.write_text(to_apx(framework))
                expected = {
                    frozenset(
                        names(
                            framework, frozenset(i for i, x in enumerate(labels) if x is Label.IN)
                        )
                    )
                }  # type: ignore[arg-type]
                for library, _ in COLUMNS:
                    if library == "formal-argumentation-sat":
                        cells.append("(same as the default)")
                        continue
                    cells.append(other_cell(run_other(python, library, "grounded", path), expected))
            rows.append(tuple(cells))
            print(" | ".join(cells), flush=True)

        # Small frameworks first: what one clingo call costs where a plain search would do.
        small = [DATA / f"{name}.apx" for name in ("mutual-attack", "cred-vs-skept", "sst")]
        traffic = sorted(DATA.glob("traffic*.apx"), key=lambda p: int(p.stem[7:]))
        for path in small + traffic:
            framework = load_framework(path)
            expected = reference(path)
            solve, found = best_of(3, lambda f=framework: extensions(f, Semantics.PREFERRED))
            got = {frozenset(names(framework, e)) for e in found}  # type: ignore[attr-defined]
            cells = [
                f"preferred, {path.stem} ({len(framework.arguments)} args, "
                f"{len(framework.attacks)} attacks, {len(expected)} extensions)",
                seconds(solve) + ("" if got == expected else " (WRONG)"),
            ]
            if python:
                for library, _ in COLUMNS:
                    cells.append(
                        other_cell(run_other(python, library, "preferred", path), expected)
                    )
            rows.append(tuple(cells))
            print(" | ".join(cells), flush=True)

    header = ["task", "argmap"] + ([title for _, title in COLUMNS] if python else [])
    print("\n| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
