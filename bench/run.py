"""The benchmark: times argmap, the bare Lark parse and the Argdown CLI as whole processes."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from generate import SIZES, write_directory, write_maps  # noqa: E402

ARGDOWN_VERSION = "1.7.5"
NODE_DIR = BENCH / ".node"
ARGDOWN_BIN = NODE_DIR / "node_modules" / ".bin" / "argdown"
CI_ARGDOWN_BIN = ROOT / ".argdown-cli" / "node_modules" / ".bin" / "argdown"
# `argmap` exactly as the console script runs it, but importing the package found on
# PYTHONPATH (this checkout, or --argmap-root): -P keeps the working directory off sys.path.
ARGMAP = [
    sys.executable,
    "-P",
    "-c",
    "import sys; from argmap.cli import main; sys.argv[0] = 'argmap'; main()",
]
COMMAND = "python bench/run.py"


@dataclass
class Result:
    """The runs of one command on one input."""

    name: str
    size: str
    command: list[str]
    times: list[float] = field(default_factory=list)
    # CPU time (user + system) of the process and the programs it ran: on a shared machine
    # the steadier figure, since waiting for a core is not counted.
    cpu_times: list[float] = field(default_factory=list)
    peaks_mb: list[float] = field(default_factory=list)
    exit_codes: list[int] = field(default_factory=list)
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu_times) if self.cpu_times else float("nan")

    @property
    def peak_mb(self) -> float:
        return max(self.peaks_mb) if self.peaks_mb else float("nan")

    def summary(self) -> dict[str, object]:
        data = asdict(self)
        data.update(
            median_s=self.median,
            median_cpu_s=self.median_cpu,
            min_s=min(self.times, default=None),
            max_s=max(self.times, default=None),
            peak_mb=self.peak_mb,
            runs=len(self.times),
        )
        if len(self.times) >= 4:
            quartiles = statistics.quantiles(self.times, n=4)
            data.update(q1_s=quartiles[0], q3_s=quartiles[2])
        return data


TIME_BIN = "/usr/bin/time"


def run_once(command: Sequence[str], env: dict[str, str]) -> tuple[float, float, float, int, str]:
    """Wall time, CPU time, peak resident memory (MB) and exit code of one fresh process."""
    with tempfile.TemporaryFile() as errors, tempfile.NamedTemporaryFile("r") as peak:
        # GNU time reports the peak of a process it forked itself. Our own rusage (wait4)
        # would not do: a child forked from this process starts with this process's
        # high-water mark, which grows once the large maps have been generated.
        timed = Path(TIME_BIN).is_file()
        full = [TIME_BIN, "-f", "%M", "-o", peak.name, *command] if timed else list(command)
        start = time.perf_counter()
        process = subprocess.Popen(
            full, stdout=subprocess.DEVNULL, stderr=errors, env=env, cwd=ROOT
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        # The rusage of a finished process counts the children it waited for (GNU time's
        # command, and the `dot` that argmap render runs).
        cpu = usage.ru_utime + usage.ru_stime
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        tail = errors.read()[-400:].decode("utf-8", "replace")
        kilobytes = float(usage.ru_maxrss)
        if timed:
            numbers = re.findall(r"^\d+$", peak.read(), re.M)
            kilobytes = float(numbers[-1]) if numbers else float("nan")
    return elapsed, cpu, kilobytes / 1024, process.returncode, tail


def measure(
    name: str,
    size: str,
    command: list[str],
    runs: int,
    env: dict[str, str],
    expect: tuple[int, ...] = (0,),
    warmup: bool = True,
    max_seconds: float = 30.0,
) -> Result:
    result = Result(name, size, command)
    if warmup:
        # Fills the OS file cache, Python's bytecode cache and Lark's grammar cache.
        run_once(command, env)
    for _ in range(runs):
        elapsed, cpu, peak, code, tail = run_once(command, env)
        result.times.append(elapsed)
        result.cpu_times.append(cpu)
        result.peaks_mb.append(peak)
        result.exit_codes.append(code)
        if code not in expect:
            result.note = f"exit {code}: {tail.strip().splitlines()[-1] if tail.strip() else ''}"
            break
        if elapsed > max_seconds and len(result.times) < runs:
            result.note = f"stopped after a run over {max_seconds:.0f} s"
            break
    status = result.note or ""
    print(
        f"  {name:<28} {size:>8}  median {result.median:8.3f} s  CPU "
        f"{result.median_cpu:8.3f} s  peak "
        f"{result.peak_mb:7.1f} MB  ({len(result.times)} runs) {status}",
        flush=True,
    )
    return result


# -- what can run here -----------------------------------------------------------------------


def argmap_commands(env: dict[str, str]) -> set[str]:
    """The subcommands of this checkout's argmap (render and eval come from other branches)."""
    output = subprocess.run(
        [*ARGMAP, "--help"], capture_output=True, text=True, env=env, cwd=ROOT, check=False
    ).stdout
    listed = output.split("Commands:", 1)[-1]
    commands = {line.split()[0] for line in listed.splitlines() if line.strip()}
    if "render" in commands:
        # An argmap from before the render cache (--argmap-root) renders afresh anyway.
        helped = subprocess.run(
            [*ARGMAP, "render", "--help"], capture_output=True, text=True, env=env, cwd=ROOT
        )
        if "--no-cache" in helped.stdout:
            commands.add("render --no-cache")
    return commands


def check_has_jobs(env: dict[str, str]) -> bool:
    output = subprocess.run(
        [*ARGMAP, "check", "--help"], capture_output=True, text=True, env=env, cwd=ROOT, check=False
    ).stdout
    return "--jobs" in output


def ensure_argdown(skipped: list[str]) -> Path | None:
    """The Argdown CLI, installed into bench/.node on first use; None where npm is absent."""
    if ARGDOWN_BIN.is_file():
        return ARGDOWN_BIN
    if CI_ARGDOWN_BIN.is_file():
        return CI_ARGDOWN_BIN  # installed by .ci/setup
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        skipped.append("Argdown: npm/node not found, so the Argdown CLI was not run")
        return None
    print(f"installing @argdown/cli@{ARGDOWN_VERSION} into {NODE_DIR} ...", flush=True)
    done = subprocess.run(
        [
            npm,
            "install",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(NODE_DIR),
            f"@argdown/cli@{ARGDOWN_VERSION}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 or not ARGDOWN_BIN.is_file():
        skipped.append(f"Argdown: npm install failed: {done.stderr.strip()[-300:]}")
        return None
    return ARGDOWN_BIN


def machine() -> dict[str, object]:
    cpu = platform.processor() or platform.machine()
    memory = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    versions = {}
    for tool, command in (("node", ["node", "--version"]), ("dot", ["dot", "-V"])):
        if shutil.which(command[0]):
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            text = (done.stdout + done.stderr).strip()
            found = re.search(r"\d+\.\d+(\.\d+)?", text)
            versions[tool] = found.group(0) if found else text
    import lark

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "python": platform.python_version(),
        "os": platform.platform(),
        "lark": lark.__version__,
        **versions,
    }


# -- the benchmark ---------------------------------------------------------------------------


def default_runs(size: int) -> int:
    return 7 if size <= 1_000 else 5 if size <= 10_000 else 3


def bench_sizes(
    sizes: tuple[int, ...],
    runs: int | None,
    env: dict[str, str],
    commands: set[str],
    argdown: Path | None,
    out: Path,
    skipped: list[str],
    max_seconds: float,
) -> list[Result]:
    results: list[Result] = []
    for size, arg_path, argdown_path in write_maps(BENCH / "maps", sizes):
        n = runs or default_runs(size)
        label = f"{size:,}"
        warm = size <= 10_000
        print(f"{label} statements ({arg_path.stat().st_size / 1e6:.1f} MB)", flush=True)
        arg = str(arg_path.relative_to(ROOT))

        def go(
            name: str,
            command: list[str],
            expect: tuple[int, ...] = (0,),
            label: str = label,
            n: int = n,
            warm: bool = warm,
        ) -> Result:
            result = measure(name, label, command, n, env, expect, warm, max_seconds)
            results.append(result)
            return result

        # --no-cache: the warm-up run would otherwise fill the results cache and every timed
        # run would read its answer back instead of checking.
        go("argmap check", [*ARGMAP, "check", "--no-cache", arg])
        if "render" in commands:
            # A real render too (--no-cache), not the replay of what the warm-up run stored.
            dot_out = ["-o", str(out / f"map_{size}.dot"), "--format", "dot"]
            go(
                "argmap render --format dot",
                [*ARGMAP, "render", arg, *dot_out, *no_render_cache(commands)],
            )
        if "eval" in commands:
            go("argmap eval", [*ARGMAP, "eval", arg])
        go("bare Lark parse", [sys.executable, str(BENCH / "lark_parse.py"), arg])
        go(
            "bare Lark parse, GC paused",
            [sys.executable, str(BENCH / "lark_parse.py"), "--gc-paused", arg],
        )
        if argdown is not None:
            go("Argdown validation", [str(argdown), str(argdown_path)])
            go(
                "Argdown map --format dot",
                [str(argdown), "map", "--format", "dot", str(argdown_path), str(out / "argdown")],
            )
    if "render" not in commands:
        skipped.append("argmap render: not in this checkout yet (merge main after issue 3)")
    if "eval" not in commands:
        skipped.append("argmap eval: not in this checkout yet (merge main after issue 5)")
    return results


def bench_tokayev(
    runs: int | None,
    env: dict[str, str],
    commands: set[str],
    argdown: Path | None,
    out: Path,
    skipped: list[str],
) -> list[Result]:
    results: list[Result] = []
    tokayev = ROOT / "maps" / "tokayev.arg"
    if not tokayev.is_file():
        skipped.append("tokayev: maps/tokayev.arg is not in this checkout yet")
        return results
    print("maps/tokayev.arg", flush=True)
    n = runs or 15
    # The floor under every argmap figure: starting Python, and starting argmap's CLI.
    results.append(
        measure("python -c pass (floor)", "tokayev", [sys.executable, "-c", "pass"], n, env)
    )
    results.append(measure("argmap --version (floor)", "tokayev", [*ARGMAP, "--version"], n, env))
    # The warm-up run fills the results cache (ARGMAP_CACHE_DIR, under bench/out), so the
    # first figure is a re-check of an unchanged map, the second a check from scratch.
    results.append(
        measure(
            "argmap check", "tokayev", [*ARGMAP, "check", "maps/tokayev.arg"], n, env, expect=(0, 1)
        )
    )
    results.append(
        measure(
            "argmap check --no-cache",
            "tokayev",
            [*ARGMAP, "check", "--no-cache", "maps/tokayev.arg"],
            n,
            env,
            expect=(0, 1),
        )
    )
    if "render" in commands:
        results.append(
            measure(
                "argmap render --format dot",
                "tokayev",
                # --no-cache: a render from scratch, as Argdown's map is (the render cache's
                # replay of the seed map is timed as SVG, beside `dot -Tsvg` alone, below).
                [
                    *ARGMAP,
                    "render",
                    "maps/tokayev.arg",
                    "-o",
                    str(out / "tokayev.dot"),
                    "--format",
                    "dot",
                    *no_render_cache(commands),
                ],
                n,
                env,
            )
        )
    if argdown is not None:
        source = str(BENCH / "tokayev.argdown")
        results.append(measure("Argdown validation", "tokayev", [str(argdown), source], n, env))
        results.append(
            measure(
                "Argdown map --format dot",
                "tokayev",
                [str(argdown), "map", "--format", "dot", source, str(out / "argdown")],
                n,
                env,
            )
        )
    return results


# The seed map's SVG replayed from the render cache, and every map's SVG drawn from scratch.
SVG_CACHED = "argmap render --format svg"
SVG_FRESH = "argmap render --format svg --no-cache"


def no_render_cache(commands: set[str]) -> list[str]:
    """The option that makes a render draw afresh, in an argmap that has a render cache."""
    return ["--no-cache"] if "render --no-cache" in commands else []


def bench_svg(
    sizes: tuple[int, ...],
    runs: int | None,
    env: dict[str, str],
    commands: set[str],
    out: Path,
    skipped: list[str],
    max_seconds: float,
) -> list[Result]:
    """argmap render to SVG against `dot -Tsvg` alone on the DOT that argmap writes."""
    results: list[Result] = []
    if "render" not in commands:
        return results
    if shutil.which("dot") is None:
        skipped.append("render SVG: Graphviz dot not found")
        return results
    fresh = no_render_cache(commands)
    inputs = [(f"{s:,}", f"bench/maps/map_{s}.arg") for s in sizes if s <= 1_000]
    if (ROOT / "maps" / "tokayev.arg").is_file():
        inputs.insert(0, ("tokayev", "maps/tokayev.arg"))
    for label, arg in inputs:
        dot_file = out / f"svg_{label}.dot"
        made = subprocess.run(
            [*ARGMAP, "render", arg, "-o", str(dot_file), "--format", "dot"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        if made.returncode != 0:
            skipped.append(f"render SVG {label}: argmap render --format dot failed")
            continue
        dot_text = dot_file.read_text(encoding="utf-8")
        nodes = len(re.findall(r'^\s*(?!(?:graph|node|edge) \[)(?:"[^"]*"|\w+) \[', dot_text, re.M))
        print(f"SVG {label} ({nodes} nodes in the DOT)", flush=True)
        n = runs or 5
        render = [*ARGMAP, "render", arg, "-o", str(out / f"svg_{label}.svg"), "--format", "svg"]
        # Every map is drawn from scratch (--no-cache); the seed map also from the render
        # cache, which the warm-up run fills (the replay of an unchanged map, as a re-check).
        if label == "tokayev":
            results.append(measure(SVG_CACHED, label, render, runs or 15, env))
        results.append(
            measure(SVG_FRESH, label, [*render, *fresh], n, env, max_seconds=max_seconds)
        )
        results.append(
            measure(
                "dot -Tsvg (same DOT)",
                label,
                ["dot", "-Tsvg", str(dot_file), "-o", str(out / "plain.svg")],
                n,
                env,
                max_seconds=max_seconds,
            )
        )
    return results


def bench_directory(
    count: int, runs: int | None, env: dict[str, str], has_jobs: bool, skipped: list[str]
) -> list[Result]:
    folder = BENCH / "dirmaps"
    write_directory(folder, count)
    folder_arg = str(folder.relative_to(ROOT))
    label = f"{count} maps"
    print(f"directory: {count} maps of 60 statements", flush=True)
    n = runs or 3
    results = [
        measure("argmap check DIR", label, [*ARGMAP, "check", "--no-cache", folder_arg], n, env)
    ]
    if has_jobs:
        results.append(
            measure(
                f"argmap check DIR -j 0 ({os.cpu_count()} cores)",
                label,
                [*ARGMAP, "check", "--no-cache", "-j", "0", folder_arg],
                n,
                env,
            )
        )
    else:
        skipped.append("directory: argmap check has no -j/--jobs option in this checkout")
    return results


def profile_check(size: int, top: int = 15) -> str:
    """cProfile of `argmap check` on one generated map, in this process."""
    import cProfile
    import io
    import pstats

    sys.path.insert(0, str(ROOT))
    from argmap.cli import main as argmap_main
    from argmap.language import parallel

    # The profiler sees this process only: parse every chunk here, not in forked processes.
    parallel.processes = lambda lines: 1

    path = f"bench/maps/map_{size}.arg"
    os.chdir(ROOT)
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        argmap_main(["check", "--no-cache", path], standalone_mode=False)
    finally:
        profiler.disable()
    report = io.StringIO()
    stats = pstats.Stats(profiler, stream=report)
    total = max(stats.total_tt, 1e-9)  # type: ignore[attr-defined]
    stages = {
        "Lark parse (argmap's tokenizer and Lark's LALR parser)": ("lark.py", "parse"),
        "of which tokenizing": ("tokenizer.py", "lex"),
        "model building": ("parser.py", "add"),
        "checks": ("rules.py", "check"),
        "report": ("report.py", "format_text"),
    }
    report.write(f"\n### Where argmap check {path} spends its time (cProfile)\n\n")
    for stage, (file_name, function) in stages.items():
        cumulative = sum(
            row[3]
            for key, row in stats.stats.items()  # type: ignore[attr-defined]
            if key[0].endswith(file_name) and key[2] == function
        )
        report.write(f"- {stage}: {cumulative:.3f} s ({cumulative / total:.0%})\n")
    stats.strip_dirs()
    for order in ("cumulative", "tottime"):
        report.write(f"\n### argmap check {path}: top {top} by {order}\n\n")
        # click's dispatch and the import machinery wrap everything: leave them out.
        stats.sort_stats(order).print_stats(
            r"^(?!core\.py|<frozen|\{built-in method builtins"
            r"\.exec)",
            top,
        )
    return report.getvalue()


# -- ratios and the table --------------------------------------------------------------------


def find(results: list[Result], name: str, size: str) -> Result | None:
    return next((r for r in results if r.name == name and r.size == size and r.times), None)


def ratio(a: Result | None, b: Result | None) -> float | None:
    if a is None or b is None or not b.median:
        return None
    return a.median / b.median


def targets(results: list[Result]) -> list[dict[str, object]]:
    """The targets of issues 7 and 14, each as measured here, with the limit and whether met."""
    rows: list[dict[str, object]] = []

    def add(target: str, value: float | None, limit: float, unit: str, lower: bool) -> None:
        met = None if value is None else (value <= limit if lower else value >= limit)
        rows.append({"target": target, "value": value, "limit": limit, "unit": unit, "met": met})

    check10k = find(results, "argmap check", "10,000")
    add(
        "check 10k / Argdown validation 10k",
        ratio(check10k, find(results, "Argdown validation", "10,000")),
        0.5,
        "x",
        True,
    )
    add(
        "check 10k / bare Lark parse 10k",
        ratio(check10k, find(results, "bare Lark parse", "10,000")),
        2.0,
        "x",
        True,
    )
    add(
        "check 10k / bare Lark parse with the GC paused 10k",
        ratio(check10k, find(results, "bare Lark parse, GC paused", "10,000")),
        2.0,
        "x",
        True,
    )
    tokayev = find(results, "argmap check", "tokayev")
    fresh = find(results, "argmap check --no-cache", "tokayev")
    floor = find(results, "python -c pass (floor)", "tokayev")
    for label, found in (("", tokayev), (" --no-cache", fresh)):
        add(
            f"check{label} tokayev wall time",
            found.median * 1000 if found else None,
            100,
            "ms",
            True,
        )
        add(
            f"check{label} tokayev CPU time",
            found.median_cpu * 1000 if found else None,
            100,
            "ms",
            True,
        )
    for label, found in (("", tokayev), (" --no-cache", fresh)):
        add(
            f"check{label} tokayev CPU time above the `python -c pass` floor",
            (found.median_cpu - floor.median_cpu) * 1000 if found and floor else None,
            100,
            "ms",
            True,
        )
    add(
        "Argdown validation tokayev / check tokayev",
        ratio(find(results, "Argdown validation", "tokayev"), tokayev),
        3.0,
        "x",
        False,
    )
    add(
        "check 100k / check 10k",
        ratio(find(results, "argmap check", "100,000"), check10k),
        11.0,
        "x",
        True,
    )
    check100k = find(results, "argmap check", "100,000")
    add("check 100k peak memory", check100k.peak_mb if check100k else None, 400, "MB", True)
    # Issue 14: ahead of Argdown at every size, twice as fast at 10,000; nothing superlinear.
    add(
        "check 100k / Argdown validation 100k",
        ratio(check100k, find(results, "Argdown validation", "100,000")),
        1.0,
        "x",
        True,
    )
    add("check 100k / check 10k (issue 14)", ratio(check100k, check10k), 10.0, "x", True)
    check1m = find(results, "argmap check", "1,000,000")
    if check1m is not None:
        add("check 1M wall time", check1m.median, 60.0, "s", True)
        add("check 1M peak memory", check1m.peak_mb, 1500, "MB", True)
        add("check 1M / check 100k", ratio(check1m, check100k), 10.0, "x", True)
    svg, plain = SVG_FRESH, "dot -Tsvg (same DOT)"
    seed_dot = find(results, plain, "tokayev")
    for label, name in (("", SVG_CACHED), (" --no-cache", SVG_FRESH)):
        seed = find(results, name, "tokayev")
        for what, value in (("wall", "median"), ("CPU", "median_cpu")):
            above = getattr(seed, value) - getattr(seed_dot, value) if seed and seed_dot else None
            add(
                f"render SVG{label} tokayev above dot -Tsvg alone, {what} time",
                above * 1000 if above is not None else None,
                60,
                "ms",
                True,
            )
    for result in results:
        if result.name != svg or result.size == "tokayev" or not result.times:
            continue
        if int(result.size.replace(",", "")) < 1_000:
            continue
        alone = find(results, plain, result.size)
        add(f"render SVG / dot -Tsvg, {result.size}", ratio(result, alone), 1.3, "x", True)
        if alone is not None and alone.median_cpu:
            add(
                f"render SVG / dot -Tsvg, {result.size}, CPU time",
                result.median_cpu / alone.median_cpu,
                1.3,
                "x",
                True,
            )
    return rows


def table(results: list[Result]) -> str:
    lines = [
        "| input | command | median s | min s | max s | CPU s | peak MB | runs |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if not r.times:
            continue
        note = f" ({r.note})" if r.note else ""
        lines.append(
            f"| {r.size} | {r.name}{note} | {r.median:.3f} | {min(r.times):.3f} | "
            f"{max(r.times):.3f} | {r.median_cpu:.3f} | {r.peak_mb:.0f} | {len(r.times)} |"
        )
    return "\n".join(lines)


def target_table(rows: list[dict[str, object]]) -> str:
    lines = ["| target | measured | limit | met |", "|---|---:|---:|---|"]
    for row in rows:
        value = row["value"]
        shown = "n/a" if value is None else f"{value:.2f} {row['unit']}"
        met = {True: "yes", False: "**no**", None: "not measured"}[row["met"]]  # type: ignore[index]
        lines.append(f"| {row['target']} | {shown} | {row['limit']} {row['unit']} | {met} |")
    return "\n".join(lines)


def markdown(report: dict[str, object]) -> str:
    info = report["machine"]
    load_start = report["load_start"]
    assert isinstance(info, dict) and isinstance(load_start, list)
    results = report["table"]
    parts = [
        HEADING,
        "",
        f"Measured {report['date']} on {info['cpu']}, {info['cores']} cores, {info['memory']}, "
        f"Python {info['python']}, Lark {info['lark']}, Node {info.get('node', 'absent')}, "
        f"Graphviz {info.get('dot', 'absent')}; {info['os']}. Load average (1, 5, 15 min) "
        f"when the run began: {', '.join(map(str, load_start))}; when it ended: "
        f"{', '.join(map(str, info['load_average']))}. Other processes share the machine, "
        "so figures move by tens of per cent from run to run; compare ratios from one run.",
        "",
        "Regenerate this section (and `bench/results.json`) with:",
        "",
        "```sh",
        f"{report['command']} --update-docs",
        "```",
        "",
        "`--quick` runs 100 and 1,000 statements only; `--profile 10000` adds a cProfile of "
        "`argmap check` on the 10,000-statement map; `--argmap-root DIR` times the argmap of "
        "another checkout on the same inputs, for before-and-after figures of a change.",
        "",
        "Every figure is the wall time of a whole fresh process (interpreter or Node start "
        "included), the median of several runs after one unrecorded warm-up run, with the "
        "fastest and slowest run and the peak resident memory of the process. The generated "
        "maps and their Argdown equivalents come from `bench/generate.py` (seeded); every map "
        "checks with no diagnostics. `bench/tokayev.argdown` is `maps/tokayev.arg` in Argdown, "
        "drafted by a one-off script from argmap's model and checked with Argdown's JSON export "
        "(the same 84 statements, 14 arguments and 53 relations).",
        "",
        "- *argmap check*: parse, build the model, run every structural check and evaluate "
        "the outcomes the map expects, with `--no-cache` (a check from scratch) except on "
        "the seed map, where *argmap check* is the re-check of an unchanged file (its result "
        "read from the results cache the warm-up run filled) and *--no-cache* the check from "
        "scratch; *render* and *eval* are the commands of issues 3 and 5, where they exist. "
        "Likewise *argmap render --format svg* of the seed map replays the run cache the "
        "warm-up run filled (argmap/cli/fast.py: no parse, no Graphviz), and every "
        "*--no-cache* render draws from scratch.",
        "- *CPU s* is the median user + system time of the process and the programs it ran "
        "(`dot` for a render): steadier than wall time on a shared machine.",
        "- *render SVG* against *dot -Tsvg (same DOT)*: `argmap render MAP -o x.svg` "
        "(`--no-cache`, and for the seed map also from the cache) and "
        "Graphviz alone on the DOT that argmap writes for the map. *argmap render --format "
        "dot* draws from scratch too (`--no-cache`).",
        "- *bare Lark parse*: `bench/lark_parse.py`, the grammar with the Lark options of "
        "`argmap.language.parser` and nothing else, the practical limit; *GC paused* is the "
        "same with "
        "Python's cyclic collector off, as argmap runs its parser (`argmap/gcpause.py`).",
        f"- *Argdown* (`@argdown/cli` {ARGDOWN_VERSION}, installed by the benchmark into "
        "`bench/.node`): *validation* is `argdown FILE`, its default command, which loads, "
        'parses and logs syntax errors ("Successfully checked"), without building the model; '
        "*map --format dot* is `argdown map --format dot FILE DIR`, which parses, builds the "
        "model and the map and writes DOT.",
        "- *DIR*: `argmap check` over 1,000 generated maps of 60 statements, serially and with "
        "`-j 0` (`--jobs N` checks files in N processes, 0 meaning one per core; the output "
        "is byte for byte the serial output).",
        "- Peak memory is the maximum resident set size of the process (GNU time `%M`).",
        "",
        str(results),
        "",
        "The targets of issues 7 and 14, from the medians of this one run (`--sizes 100 1000 "
        "10000 100000 1000000` adds the 1,000,000-statement rows):",
        "",
        str(report["targets_table"]),
    ]
    skipped = report["skipped"]
    assert isinstance(skipped, list)
    if skipped:
        parts += ["", "Not measured in this run:", ""] + [f"- {s}" for s in skipped]
    return "\n".join(parts) + "\n"


HEADING = "## Parsing, checking and rendering"


def replace_section(text: str, section: str) -> str:
    """`text` with our section replaced (or added at the end); other sections stay as they are."""
    if not text:
        text = "# Performance\n\nHow fast argmap is, measured by `bench/` (issue 7).\n"
    if HEADING not in text:
        return text.rstrip("\n") + "\n\n" + section
    before, rest = text.split(HEADING, 1)
    following = re.search(r"^## ", rest, re.M)
    after = rest[following.start() :] if following else ""
    return before + section + ("\n" + after if after else "")


def update_docs(section: str) -> None:
    """Write our section into docs/performance.md, which other sections share."""
    path = ROOT / "docs" / "performance.md"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    sys.path.insert(0, str(ROOT))
    from argmap.files import write_atomic

    write_atomic(path, replace_section(text, section))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", help="map sizes in statements")
    parser.add_argument("--quick", action="store_true", help="100 and 1,000 statements only")
    parser.add_argument("--runs", type=int, help="runs per command (default: by size)")
    parser.add_argument("--json", type=Path, default=BENCH / "results.json")
    parser.add_argument("--no-argdown", action="store_true", help="do not run the Argdown CLI")
    parser.add_argument(
        "--dir-count", type=int, default=1_000, help="maps in the directory benchmark (0 skips it)"
    )
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=30.0,
        help="after one run longer than this, do not repeat it",
    )
    parser.add_argument(
        "--profile",
        type=int,
        metavar="SIZE",
        default=None,
        help="also print a cProfile of argmap check on the SIZE map",
    )
    parser.add_argument(
        "--argmap-root",
        type=Path,
        default=ROOT,
        metavar="DIR",
        help="time the argmap of another checkout (for before/after figures)",
    )
    parser.add_argument(
        "--update-docs", action="store_true", help="write the table into docs/performance.md"
    )
    args = parser.parse_args()
    sizes = tuple(args.sizes) if args.sizes else (100, 1_000) if args.quick else SIZES

    out = BENCH / "out"
    out.mkdir(exist_ok=True)
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(
            [str(args.argmap_root.resolve()), *filter(None, [os.environ.get("PYTHONPATH")])]
        ),
    )
    # An installed argmap runs from compiled bytecode; without it every run would pay for
    # compiling the package again. The cache goes under bench/out, not into the tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(out / "pycache")
    # The results cache of `argmap check` goes there too (the tokayev re-check reads it).
    env["ARGMAP_CACHE_DIR"] = str(out / "cache")
    skipped: list[str] = []
    commands = argmap_commands(env)
    argdown = None if args.no_argdown else ensure_argdown(skipped)
    if args.no_argdown:
        skipped.append("Argdown: --no-argdown")
    started = time.time()
    load_start = [round(load, 2) for load in os.getloadavg()]

    results = bench_sizes(sizes, args.runs, env, commands, argdown, out, skipped, args.max_seconds)
    results += bench_tokayev(args.runs, env, commands, argdown, out, skipped)
    results += bench_svg(sizes, args.runs, env, commands, out, skipped, args.max_seconds)
    if args.dir_count:
        results += bench_directory(args.dir_count, args.runs, env, check_has_jobs(env), skipped)
    rows = targets(results)
    command = COMMAND + (
        ""
        if not (args.quick or args.sizes)
        else " --quick"
        if args.quick
        else " --sizes " + " ".join(map(str, sizes))
    )
    if args.argmap_root.resolve() != ROOT:
        command += f" --argmap-root {args.argmap_root}"
    report: dict[str, object] = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "command": command,
        "load_start": load_start,
        "machine": machine(),
        "argdown": f"@argdown/cli {ARGDOWN_VERSION}" if argdown else None,
        "seconds": round(time.time() - started, 1),
        "results": [r.summary() for r in results],
        "targets": rows,
        "skipped": skipped,
        "table": table(results),
        "targets_table": target_table(rows),
    }
    section = markdown(report)
    print()
    print(section)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {args.json} ({report['seconds']} s in all)")
    if args.update_docs:
        update_docs(section)
        print("docs/performance.md updated")
    if args.profile:
        print(profile_check(args.profile))


if __name__ == "__main__":
    main()
