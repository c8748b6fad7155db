"""Rendering jobs: where each map goes and in which format (from the registry), then drawing it."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Final

from argmap.checking.pipeline import parse_checked
from argmap.diagnostics import Diagnostic, Severity
from argmap.errors import ArgmapError
from argmap.files import read_source, same_file, write_atomic
from argmap.interchange import formats
from argmap.model import ArgumentMap, Role
from argmap.rendering.dot import RenderOptions, title_of
from argmap.rendering.graphviz import OutputPlanError, RenderError


class Split(StrEnum):
    """How one map is drawn as several pictures: one per group, or one per thesis."""

    GROUP = "group"
    THESIS = "thesis"


SPLITS: Final = tuple(split.value for split in Split)


@dataclass(frozen=True)
class Job:
    """One map file to render into one output (`None` output means standard output)."""

    source: Path
    output: Path | None
    format: str
    # Create the output's missing folders: asked for with --parents, and always for the
    # folder --out-dir names.
    parents: bool = False


def plan_jobs(
    sources: Sequence[str | os.PathLike[str]],
    output: str | None = None,
    out_dir: str | os.PathLike[str] | None = None,
    format: str | None = None,
    parents: bool = False,
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
            jobs.append(Job(source, None, format or "svg", parents))
            continue
        if output is not None:
            target = Path(output)
            found = formats.for_path(target, formats.RENDER, writable=True)
            chosen = format or (found.name if found is not None else None)
            if chosen is None:
                raise OutputPlanError(
                    f"{output}: cannot tell the format from the extension; name it "
                    f"{formats.suffix_list(formats.RENDER, writable=True)}, or name the format",
                    "format",
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
        jobs.append(Job(source, target, chosen, parents or out_dir is not None))
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

    name = str(job.source)
    text = read_source(job.source)
    argument_map, diagnostics = parse_checked(text, name)
    if argument_map is None:
        return JobResult(job, text, diagnostics, None)
    if reader is not None:
        # Imported here: a render without --eval or --as does not load the evaluation stage.
        from argmap.evaluation.perspective import read_as

        reading = read_as(argument_map, reader, evaluate_under or "grounded")
        outside = {node: f"not in @{reader}'s reading" for node in reading.left_out}
        options = replace(
            options or RenderOptions(),
            labels=reading.evaluation.labels(),
            explanations={**reading.evaluation.explanations(), **outside},
        )
    elif evaluate_under is not None:
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
    data = formats.get(job.format).write(argument_map, options)
    if job.output is not None:
        write_atomic(job.output, data, inputs=[job.source], parents=job.parents)
    return JobResult(job, text, diagnostics, data)


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
        rendered.append((name, heading, formats.get(job.format).write(argument_map, part_options)))
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
    for name, _, data in rendered:
        write_atomic(folder / name, data, parents=job.parents)
    write_atomic(folder / f"{stem}-index.md", index, parents=job.parents)
    return index


def imported_files(source: Path) -> list[Path]:
    """The files a map imports (directly or not), for watching them; none when unreadable."""
    from argmap.language.imports import parse_with_imports

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
        # Imported when watching: it costs every other render its start-up time.
        import watchfiles

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
