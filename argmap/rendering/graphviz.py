"""Rendering maps to files: the only module that runs Graphviz."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Final

from argmap.errors import ArgmapError, GraphvizNotFound, InputError
from argmap.files import read_source, same_file, write_atomic
from argmap.interchange.json_model import to_json
from argmap.language.imports import parse_with_imports
from argmap.model import ArgumentMap, Role
from argmap.rendering.dot import RenderOptions, title_of, to_dot

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic

FORMATS: Final = ("svg", "png", "pdf", "dot", "json", "html")
GRAPHVIZ_FORMATS: Final = ("svg", "png", "pdf")
# Every SVG carries the hash of the DOT it was drawn from, so a stale picture can be detected.
DOT_HASH_MARK: Final = "argmap-dot-sha256:"


class RenderError(ArgmapError):
    """Graphviz ran but failed, or the output request makes no sense."""


class OutputPlanError(RenderError):
    """Where to write the output cannot be worked out. `reason` says why, for a caller (such
    as the command line) that words the fix in its own terms: "both" (one output file and an
    output folder), "several" (one output file for several maps), "format" (no format, and
    the output file's extension names none), "split" (parts need a folder)."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class Split(StrEnum):
    """How one map is drawn as several pictures: one per group, or one per thesis."""

    GROUP = "group"
    THESIS = "thesis"


SPLITS: Final = tuple(split.value for split in Split)


def render(argument_map: ArgumentMap, format: str, options: RenderOptions | None = None) -> bytes:
    """The map drawn in `format` (svg, png, pdf, dot, json or html) as bytes.

    dot and json never need Graphviz; the others raise GraphvizNotFound when `dot` is missing.
    """
    if format == "json":
        return to_json(argument_map).encode("utf-8")
    if format == "html":
        from argmap.rendering.html import to_html

        return to_html(argument_map, options).encode("utf-8")
    dot_text = to_dot(argument_map, options)
    if format == "dot":
        return dot_text.encode("utf-8")
    if format not in GRAPHVIZ_FORMATS:
        raise RenderError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
    output = run_dot(dot_text, format)
    if format == "svg":
        output = mark_svg(output, dot_text)
    return output


def dot_hash(dot_text: str) -> str:
    """The SHA-256 of DOT text, as written into SVG output."""
    return hashlib.sha256(dot_text.encode("utf-8")).hexdigest()


def mark_svg(svg: bytes, dot_text: str) -> bytes:
    """Insert `<!-- argmap-dot-sha256:HEX -->` after the XML declaration of an SVG."""
    comment = f"<!-- {DOT_HASH_MARK}{dot_hash(dot_text)} -->\n".encode("ascii")
    head, sep, rest = svg.partition(b"?>\n")
    if not sep:
        return comment + svg
    return head + sep + comment + rest


def svg_dot_hash(svg: bytes) -> str | None:
    """The DOT hash that `mark_svg` put into an SVG, or None."""
    start = svg.find(DOT_HASH_MARK.encode("ascii"))
    if start < 0:
        return None
    start += len(DOT_HASH_MARK)
    return svg[start : start + 64].decode("ascii")


def run_dot(dot_text: str, format: str) -> bytes:
    """Lay out DOT text with Graphviz `dot -T<format>` and return its output."""
    # The python graphviz package is an optional extra: imported here, only when drawing.
    try:
        import graphviz  # type: ignore[import-untyped]
    except ImportError:
        return _run_dot_subprocess(dot_text, format)
    try:
        data: bytes = graphviz.pipe("dot", format, dot_text.encode("utf-8"), quiet=True)
    except graphviz.ExecutableNotFound:
        raise GraphvizNotFound() from None
    except graphviz.CalledProcessError as error:
        raise RenderError(_failure(error.stderr)) from None
    return data


def _run_dot_subprocess(dot_text: str, format: str) -> bytes:
    program = shutil.which("dot")
    if program is None:
        raise GraphvizNotFound()
    result = subprocess.run(
        [program, f"-T{format}"], input=dot_text.encode("utf-8"), capture_output=True, check=False
    )
    if result.returncode != 0:
        raise RenderError(_failure(result.stderr))
    return result.stdout


def _failure(stderr: bytes | str | None) -> str:
    if isinstance(stderr, bytes):
        stderr = stderr.decode("utf-8", "replace")
    return "Graphviz failed: " + (stderr or "no message").strip()


def format_for(path: str | os.PathLike[str]) -> str | None:
    """The output format an output file's extension asks for (`.svg` gives svg), or None."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return {"gv": "dot"}.get(suffix, suffix) if suffix in (*FORMATS, "gv") else None


@dataclass(frozen=True)
class Job:
    """One map file to render into one output (`None` output means standard output)."""

    source: Path
    output: Path | None
    format: str


def plan_jobs(
    sources: Sequence[str | os.PathLike[str]],
    output: str | None = None,
    out_dir: str | os.PathLike[str] | None = None,
    format: str | None = None,
) -> list[Job]:
    """Work out where each map goes and in which format, or raise RenderError saying why not.

    `output` is one file (or "-" for standard output) and needs exactly one source; `out_dir`
    takes any number; with neither, `map.arg` goes beside itself as `map.svg` (or the format's
    extension). The format defaults to the output's extension, then to svg.
    """
    if not sources:
        raise RenderError("no .arg files to render")
    if output is not None and out_dir is not None:
        raise OutputPlanError("give either one output file or an output folder, not both", "both")
    if output is not None and len(sources) != 1:
        raise OutputPlanError(
            "one output file takes one map; give an output folder for several", "several"
        )
    jobs = []
    for name in sources:
        source = Path(name)
        if output == "-":
            jobs.append(Job(source, None, format or "svg"))
            continue
        if output is not None:
            target = Path(output)
            chosen = format or format_for(target)
            if chosen is None:
                raise OutputPlanError(
                    f"{output}: cannot tell the format from the extension; "
                    f"name it .svg, .png, .pdf, .html, .dot or .json, or name the format",
                    "format",
                )
        else:
            chosen = format or "svg"
            folder = Path(out_dir) if out_dir is not None else source.parent
            target = folder / f"{source.stem}.{chosen}"
        if same_file(source, target):
            raise RenderError(f"{target}: refusing to overwrite the input map")
        clash = next(
            (job for job in jobs if job.output is not None and same_file(job.output, target)), None
        )
        if clash is not None:
            raise RenderError(
                f"{clash.source} and {source} would both be written to {target}; "
                "render them into different folders"
            )
        jobs.append(Job(source, target, chosen))
    return jobs


@dataclass(frozen=True)
class JobResult:
    """What rendering one map gave: its text (for carets), diagnostics and output bytes."""

    job: Job
    source: str
    diagnostics: list[Diagnostic]
    data: bytes | None  # None when the map has errors: nothing was rendered or written

    @property
    def failed(self) -> bool:
        return self.data is None

    @property
    def problems(self) -> list[Diagnostic]:
        """The errors and warnings (notes are left to `argmap check`)."""
        from argmap.diagnostics import Severity

        return [d for d in self.diagnostics if d.severity is not Severity.INFO]


def run_job(
    job: Job,
    options: RenderOptions | None = None,
    evaluate_under: str | None = None,
    reader: str | None = None,
    split: Split | str | None = None,
) -> JobResult:
    """Read and check the job's map, render it and write the output file atomically.

    A map with errors is not rendered (`data` is None); warnings are returned with the
    output. With `evaluate_under` (a semantics), nodes are coloured by their labels and
    their tooltips explain them; with `reader` (a speaker), by that speaker's reading (nodes
    outside it are left uncoloured). A failed render raises before anything is written, so an
    existing output file is never truncated or half-written. With `split`, the map is
    drawn as one picture per group or thesis beside the job's output, with a Markdown index
    (`NAME-index.md`) that shows them in order; `data` is then the index.
    """
    # The parser and checker are imported here so `import argmap.rendering.graphviz` stays light.
    from argmap.checking.pipeline import parse_checked

    name = str(job.source)
    text = read_source(job.source)
    argument_map, diagnostics = parse_checked(text, name)
    if argument_map is None:
        return JobResult(job, text, diagnostics, None)
    if reader is not None:
        from dataclasses import replace

        from argmap.evaluation.perspective import read_as

        reading = read_as(argument_map, reader, evaluate_under or "grounded")
        outside = {node: f"not in @{reader}'s reading" for node in reading.left_out}
        options = replace(
            options or RenderOptions(),
            labels=reading.evaluation.labels(),
            explanations={**reading.evaluation.explanations(), **outside},
        )
    elif evaluate_under is not None:
        from dataclasses import replace

        from argmap.evaluation.evaluate import evaluate

        evaluation = evaluate(argument_map, evaluate_under)
        options = replace(
            options or RenderOptions(),
            labels=evaluation.labels(),
            explanations=evaluation.explanations(),
        )
    if split is not None:
        data = _write_split(argument_map, job, options or RenderOptions(), Split(split))
        return JobResult(job, text, diagnostics, data)
    data = render(argument_map, job.format, options)
    if job.output is not None:
        # --out-dir may name a folder that does not exist yet.
        try:
            job.output.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(f"{job.output.parent}: cannot create it ({error.strerror})") from None
        write_atomic(job.output, data, inputs=[job.source])
    return JobResult(job, text, diagnostics, data)


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size, status.st_ino)


def imported_files(source: Path) -> list[Path]:
    """The files a map imports (directly or not), for watching them; none when unreadable."""
    try:
        result = parse_with_imports(read_source(source), str(source))
    except ArgmapError:
        return []
    return [Path(name) for name in result.files]


def watch(
    sources: Sequence[Path],
    on_change: Callable[[Path], None],
    *,
    interval: float = 0.5,
    max_polls: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
    depends: Callable[[Path], Sequence[Path]] | None = None,
) -> int:
    """Call `on_change(source)` for each source now and whenever its file changes.

    `depends(source)`, asked after each call, names the other files the source reads (the maps
    it imports): a change to one of them counts as a change to the source. Polls
    modification times every `interval` seconds (no extra dependency), forever or for
    `max_polls` polls; returns how many times `on_change` was called. `on_change` must not
    raise for a map with errors: it reports them and the watch goes on.
    """
    seen = {source: _signature(source) for source in sources}
    deps: dict[Path, dict[Path, object]] = {}

    def call(source: Path) -> None:
        on_change(source)
        if depends is not None:
            deps[source] = {path: _signature(path) for path in depends(source)}

    calls = 0
    for source in sources:
        call(source)
        calls += 1
    polls = 0
    while max_polls is None or polls < max_polls:
        sleep(interval)
        polls += 1
        for source in sources:
            signature = _signature(source)
            changed = signature != seen[source]
            changed = changed or any(
                _signature(path) != before for path, before in deps.get(source, {}).items()
            )
            if changed:
                seen[source] = signature
                if signature is not None:
                    call(source)
                    calls += 1
    return calls


def _slug(text: str) -> str:
    """A file-name part: lowercase letters, digits and '-' only."""
    words = "".join(c.lower() if c.isalnum() and c.isascii() else " " for c in text).split()
    return "-".join(words)[:40].strip("-")


def split_views(
    argument_map: ArgumentMap, split: Split, options: RenderOptions
) -> list[tuple[str, str, RenderOptions]]:
    """(file-name part, heading, options) for each picture of a split map, in source order."""
    parts: list[tuple[str, str, RenderOptions]] = []
    used: set[str] = set()

    def add(name: str, heading: str, part_options: RenderOptions) -> None:
        slug = name or "part"
        while slug in used:
            slug += "-2"
        used.add(slug)
        parts.append((slug, heading, part_options))

    if split is Split.GROUP:
        for index, group in enumerate(argument_map.groups, start=1):
            if group.name in {p[1] for p in parts}:
                continue
            add(_slug(group.name) or f"group-{index}", group.name,
                replace(options, only_groups=(group.name,), focus=None))  # fmt: skip
    else:
        for statement in argument_map.statements:
            if statement.role is Role.THESIS:
                add(statement.id.replace("_", "-"), title_of(statement),
                    replace(options, focus=statement.id))  # fmt: skip
    if not parts:
        what = "groups" if split is Split.GROUP else "theses"
        raise RenderError(f"the map has no {what} to split it by")
    return parts


def _write_split(
    argument_map: ArgumentMap, job: Job, options: RenderOptions, split: Split
) -> bytes:
    """Render and write every part of a split map and its index; return the index."""
    if job.output is None:
        raise OutputPlanError("a split map is several files: it needs an output folder", "split")
    folder, stem = job.output.parent, job.output.stem
    rendered = []
    for slug, heading, part_options in split_views(argument_map, split, options):
        name = f"{stem}-{slug}.{job.format}"
        rendered.append((name, heading, render(argument_map, job.format, part_options)))
    title = argument_map.metadata.title or stem
    lines = [f"# {title}", ""]
    for name, heading, _ in rendered:
        lines.append(f"## {heading}")
        lines.append("")
        if job.format in ("svg", "png"):
            lines.append(f"![{heading}]({name})")
        else:
            lines.append(f"[{name}]({name})")
        lines.append("")
    index = "\n".join(lines).encode("utf-8")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"{folder}: cannot create it ({error.strerror})") from None
    for name, _, data in rendered:
        write_atomic(folder / name, data)
    write_atomic(folder / f"{stem}-index.md", index)
    return index
