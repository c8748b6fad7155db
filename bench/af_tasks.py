"""`argmap af solve` against pygarg on the ICCMA tasks: whole processes, answers compared.

Run from the repository root:

    python bench/af_tasks.py            # installs pygarg into bench/.venv once
    python bench/af_tasks.py --quick    # fewer ASPARTIX instances

pygarg (a SAT-based Python solver) runs from bench/.venv, never from the project's
environment. Each cell is the median wall time of whole processes, as a user runs them
(`argmap af solve -p TASK -f FILE [-a ARG]` and `python -m pygarg -p TASK -fo apx -f FILE
[-a ARG]`). Every answer is compared: YES/NO between the two and, on ASPARTIX instances,
with the reference extensions; an extension printed for SE or EE must be a reference one.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VENV = REPO / "bench" / ".venv"
ASPARTIX = REPO / "tests" / "data" / "af" / "aspartix"
PACKAGES = ("pygarg==1.0.2", "python-sat==1.9.dev24")
FOLDER_SEMANTICS = {"pref": "PR", "stable": "ST", "com": "CO", "grounded": "GR"}
TIME_LIMIT = 120.0
ARGMAP = [sys.executable, "-m", "argmap", "af", "solve"]


def pygarg_python() -> str | None:
    """The bench venv's interpreter with pygarg installed, or None (its column is skipped)."""
    python = VENV / "bin" / "python"
    try:
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        probe = [str(python), "-c", "import pygarg, pysat"]
        if subprocess.run(probe, capture_output=True).returncode != 0:
            subprocess.run(
                [str(python), "-m", "pip", "install", "-q", *PACKAGES], check=True, timeout=600
            )
    except (subprocess.SubprocessError, OSError) as error:
        print(f"note: pygarg not installed ({error}); its column is skipped")
        return None
    return str(python)


def run(command: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIME_LIMIT)
    except subprocess.TimeoutExpired:
        return TIME_LIMIT, "TIMEOUT"
    return time.perf_counter() - start, done.stdout


def extensions_of(output: str) -> set[frozenset[str]]:
    """Extensions from either form: `[[a,b],[c]]` / `[a,b]` or `w a b` lines."""
    text = output.strip()
    if text == "[]":
        return set()
    if text.startswith("["):
        inner = text[1:-1] if text.startswith("[[") or text == "[]" else text
        return {
            frozenset(x.strip() for x in group.split(",") if x.strip())
            for group in re.findall(r"\[([^\[\]]*)\]", inner if "[" in inner else f"[{inner}]")
        }
    return {frozenset(line.split()[1:]) for line in text.splitlines() if line.startswith("w")}


def verdict(output: str) -> str:
    return output.strip().split("\n")[0].strip()


def reference(path: Path) -> set[frozenset[str]] | None:
    solutions = path.with_name(path.name + ".sols")
    if not solutions.exists():
        return None
    return extensions_of(solutions.read_text())


def one_per_line(path: Path, out: Path) -> Path:
    """pygarg reads one statement per line: the same framework, reflowed."""
    statements = re.findall(r"(?:arg|att)\([^)]*\)\.", path.read_text())
    out.write_text("\n".join(statements) + "\n")
    return out


def generated(folder: Path) -> list[Path]:
    """Frameworks built for the benchmark: many preferred extensions, and random graphs."""
    made = []
    pairs = folder / "pairs16.apx"  # 16 mutual attacks: 65,536 preferred extensions
    lines = [f"arg(a{i}).\narg(b{i}).\natt(a{i},b{i}).\natt(b{i},a{i})." for i in range(16)]
    lines.append("arg(c).\natt(c,c).\natt(a0,c).")
    pairs.write_text("\n".join(lines) + "\n")
    made.append(pairs)
    for size in (1_000, 5_000):
        rng = random.Random(size)
        path = folder / f"random{size}.apx"
        attacks = dict.fromkeys(
            (i, rng.randrange(size)) for i in range(size) for _ in range(2) if rng.random() < 0.9
        )
        path.write_text(
            "".join(f"arg(a{i}).\n" for i in range(size))
            + "".join(f"att(a{s},a{t}).\n" for s, t in attacks)
        )
        made.append(path)
    return made


def measure(
    python: str | None, path: Path, flat: Path, task: str, argument: str | None, runs: int
) -> dict[str, object]:
    query = ["-a", argument] if argument else []
    ours = [run([*ARGMAP, "-p", task, "-f", str(path), *query]) for _ in range(runs)]
    row: dict[str, object] = {"argmap": statistics.median(t for t, _ in ours)}
    answer = ours[0][1]
    row["answer"] = answer
    if python is not None:
        theirs = [
            run([python, "-m", "pygarg", "-p", task, "-fo", "apx", "-f", str(flat), *query])
            for _ in range(runs)
        ]
        row["pygarg"] = statistics.median(t for t, _ in theirs)
        other = theirs[0][1]
        problem = task.split("-")[0]
        if other == "TIMEOUT":
            row["agree"] = None  # pygarg gave no answer within TIME_LIMIT
        elif problem in ("DC", "DS"):
            row["agree"] = verdict(answer) == verdict(other)
        elif problem == "EE":
            row["agree"] = extensions_of(answer) == extensions_of(other)
        else:
            row["agree"] = (verdict(answer) == "NO") == (verdict(other) == "NO")
    return row


def check_reference(path: Path, task: str, argument: str | None, answer: str) -> bool:
    """Is argmap's answer right by the reference extensions (True when there are none)?"""
    expected = reference(path)
    if expected is None:
        return True
    problem = task.split("-")[0]
    if problem == "DC":
        return (verdict(answer) == "YES") == any(argument in e for e in expected)
    if problem == "DS":
        return (verdict(answer) == "YES") == all(argument in e for e in expected)
    if problem == "EE":
        return extensions_of(answer) == expected
    if verdict(answer) == "NO":
        return not expected
    # SE prints one extension, `[a,b]` (`[]` is the empty extension).
    found = {frozenset(x.strip() for x in answer.strip()[1:-1].split(",") if x.strip())}
    return found <= expected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="every fourth ASPARTIX instance")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    python = pygarg_python()
    rows: list[tuple[str, str, dict[str, object]]] = []
    wrong: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        cases: list[tuple[str, Path, str]] = []
        for name, code in FOLDER_SEMANTICS.items():
            instances = sorted((ASPARTIX / name).glob("*.apx"))
            for path in instances[:: 4 if args.quick else 1]:
                cases.append((f"ASPARTIX {name}", path, code))
        for path in generated(folder):
            for code in ("PR", "ST", "CO"):
                cases.append((f"generated {path.stem}", path, code))
        totals: dict[tuple[str, str], dict[str, float]] = {}
        for group, path, code in cases:
            flat = one_per_line(path, folder / f"flat_{path.parent.name}_{path.name}")
            names = re.findall(r"arg\(([^)]*)\)\.", path.read_text())
            argument = names[len(names) // 2] if names else None
            tasks = [f"DC-{code}", f"DS-{code}", f"SE-{code}"]
            if not group.startswith("generated") or path.stem != "pairs16":
                tasks.append(f"EE-{code}")
            for task in tasks:
                query = argument if task[:2] in ("DC", "DS") else None
                if query is None and task[:2] in ("DC", "DS"):
                    continue
                row = measure(python, path, flat, task, query, args.runs)
                if not check_reference(path, task, query, str(row["answer"])):
                    wrong.append(f"{path.name} {task} {query}: argmap answered {row['answer']!r}")
                if row.get("agree") is False:
                    wrong.append(f"{path.name} {task} {query}: argmap and pygarg disagree")
                total = totals.setdefault((group, task), {"argmap": 0.0, "pygarg": 0.0})
                total["argmap"] += float(row["argmap"])  # type: ignore[arg-type]
                total["pygarg"] += float(row.get("pygarg", 0.0))  # type: ignore[arg-type]
                total["count"] = total.get("count", 0) + 1
                rows.append((group, task, row))
    print(f"pygarg runs stopped at {TIME_LIMIT:g} s count as {TIME_LIMIT:g} s.\n")
    print("| instances | task | runs | argmap s | pygarg s | pygarg / argmap |")
    print("|---|---|---:|---:|---:|---:|")
    for (group, task), total in totals.items():
        ratio = total["pygarg"] / total["argmap"] if python and total["argmap"] else float("nan")
        print(
            f"| {group} | {task} | {int(total['count'])} | {total['argmap']:.2f} | "
            f"{total['pygarg']:.2f} | {ratio:.2f}x |"
        )
    print()
    print(f"{len(rows)} answers compared; wrong or disagreeing: {len(wrong)}")
    for line in wrong:
        print("  " + line)


if __name__ == "__main__":
    main()
