"""Rendering jobs: where each map goes and in which format (from the registry), then drawing it."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import watchfiles

from argmap.checking.pipeline import parse_checked
from argmap.diagnostics import Diagnostic, Severity
from argmap.errors import ArgmapError, InputError
from argmap.evaluation.evaluate import evaluate
from argmap.evaluation.perspective import read_as
from argmap.files import read_source, same_file, write_atomic
from argmap.interchange import formats
from argmap.language.imports import parse_with_imports
from argmap.rendering.dot import RenderOptions
from argmap.rendering.graphviz import RenderError


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
        raise RenderError("use either -o/--output or --out-dir, not both")
    if output is not None and len(sources) != 1:
        raise RenderError("-o/--output takes one map; use --out-dir for several")
    jobs = []
    for name in sources:
        source = Path(name)
        if output == "-":
            jobs.append(Job(source, None, format or "svg"))
            continue
        if output is not None:
            target = Path(output)
            found = formats.for_path(target, formats.RENDER, writable=True)
            chosen = format or (found.name if found is not None else None)
            if chosen is None:
                raise RenderError(
                    f"{output}: cannot tell the format from the extension; name it "
                    f"{formats.suffix_list(formats.RENDER)}, or give --format"
                )
        else:
            chosen = format or "svg"
            folder = Path(out_dir) if out_dir is not None else source.parent
            target = folder / f"{source.stem}{formats.get(chosen).suffixes[0]}"
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

        return [d for d in self.diagnostics if d.severity is not Severity.INFO]


def run_job(
    job: Job,
    options: RenderOptions | None = None,
    evaluate_under: str | None = None,
    reader: str | None = None,
) -> JobResult:
    """Read and check the job's map, render it and write the output file atomically.

    A map with errors is not rendered (`data` is None); warnings are returned with the
    output. With `evaluate_under` (a semantics), nodes are coloured by their labels and
    their tooltips explain them; with `reader` (a speaker), by that speaker's reading (nodes
    outside it are left uncoloured). A failed render raises before anything is written, so an
    existing output file is never truncated or half-written.
    """

    name = str(job.source)
    text = read_source(job.source)
    argument_map, diagnostics = parse_checked(text, name)
    if argument_map is None:
        return JobResult(job, text, diagnostics, None)
    if reader is not None:
        reading = read_as(argument_map, reader, evaluate_under or "grounded")
        outside = {node: f"not in @{reader}'s reading" for node in reading.left_out}
        options = replace(
            options or RenderOptions(),
            labels=reading.evaluation.labels(),
            explanations={**reading.evaluation.explanations(), **outside},
        )
    elif evaluate_under is not None:
        evaluation = evaluate(argument_map, evaluate_under)
        options = replace(
            options or RenderOptions(),
            labels=evaluation.labels(),
            explanations=evaluation.explanations(),
        )
    data = formats.get(job.format).write(argument_map, options)
    if job.output is not None:
        # --out-dir may name a folder that does not exist yet.
        try:
            job.output.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(f"{job.output.parent}: cannot create it ({error.strerror})") from None
        write_atomic(job.output, data, inputs=[job.source])
    return JobResult(job, text, diagnostics, data)


def imported_files(source: Path) -> list[Path]:
    """The files a map imports (directly or not), for watching them; none when unreadable."""
    try:
        result = parse_with_imports(read_source(source), str(source))
    except ArgmapError:
        return []
    return [Path(name) for name in result.files]


def file_changes(watched: Callable[[], set[Path]]) -> Iterator[set[Path]]:
    """The watched files saved, created or removed, one set per burst of changes, as the
    operating system reports them (watchfiles: inotify, FSEvents, ...), forever.

    `watched()` names the files (resolved); it is asked again after each burst, and when the
    folders to watch change (a map imports one from elsewhere) the watch starts again there.
    """
    while True:
        wanted = watched()
        folders = sorted({path.parent for path in wanted if path.parent.is_dir()})
        for found in watchfiles.watch(*folders, debounce=40, step=10, raise_interrupt=False):
            changed = {Path(name).resolve() for _, name in found} & wanted
            if changed:
                yield changed
            wanted = watched()
            if sorted({path.parent for path in wanted if path.parent.is_dir()}) != folders:
                break


def watch(
    sources: Sequence[Path],
    on_change: Callable[[Path], None],
    *,
    changes: Iterable[set[Path]] | None = None,
    max_changes: int | None = None,
    depends: Callable[[Path], Sequence[Path]] | None = None,
) -> int:
    """Call `on_change(source)` for each source now and whenever its file is saved.

    `depends(source)`, asked after each call, names the other files the source reads (the maps
    it imports): a change to one of them counts as a change to the source. `changes` yields
    the sets of changed files (by default `file_changes`, which waits for the operating
    system's notifications; tests give their own); the watch stops after `max_changes` of
    them, or never. A removed file is skipped until it is back. Returns how many times
    `on_change` was called; it must not raise for a map with errors.
    """
    reads: dict[Path, set[Path]] = {}

    def call(source: Path) -> None:
        on_change(source)
        if depends is not None:
            reads[source] = {path.resolve() for path in depends(source)}

    def watched() -> set[Path]:
        return {s.resolve() for s in sources}.union(*reads.values())

    calls = 0
    for source in sources:
        call(source)
        calls += 1
    if max_changes is not None and max_changes <= 0:
        return calls
    stream = file_changes(watched) if changes is None else changes
    for seen, changed in enumerate(stream, start=1):
        for source in sources:
            touched = source.resolve() in changed or bool(reads.get(source, set()) & changed)
            if touched and source.is_file():
                call(source)
                calls += 1
        if max_changes is not None and seen >= max_changes:
            break
    return calls
