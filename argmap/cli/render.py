"""`argmap render`: maps drawn with Graphviz (SVG, PNG, PDF), or as DOT, JSON or an HTML page."""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path

import click

from argmap.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    echoed,
    error,
    expand_paths,
    fail,
    parents_option,
    timeout_option,
)
from argmap.cli.fast import record
from argmap.deadline import time_limit
from argmap.errors import ArgmapError, GraphvizNotFound
from argmap.files import write_stdout
from argmap.interchange import formats
from argmap.interchange.jobs import SPLITS, Job, imported_files, plan_jobs, run_job
from argmap.interchange.jobs import watch as watch_sources

# The language stage's copy of the evaluation stage's SEMANTICS_NAMES (a test proves they
# agree): importing the evaluation stage would cost every render without --eval its time.
from argmap.language.parser import EXPECTATION_SEMANTICS as SEMANTICS_NAMES
from argmap.rendering.dot import (
    COLOR_BYS,
    GROUP_STYLES,
    LABEL_STYLES,
    RANKDIRS,
    THEMES,
    ColorBy,
    Groups,
    Labels,
    RankDir,
    RenderOptions,
    Theme,
)
from argmap.rendering.graphviz import OutputPlanError, RenderError


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", metavar="OUT", help="Output file, or '-' for standard output.")
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Write each map into DIR as NAME.FORMAT (for several files).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(formats.names(formats.RENDER, writable=True)),
    help="Output format [default: the output's extension, else svg].",
)
@click.option(
    "--rankdir",
    type=click.Choice(RANKDIRS),
    default="auto",
    show_default=True,
    help="Direction of support; BT puts conclusions on top, auto picks BT or LR by shape.",
)
@click.option(
    "--labels",
    "label_style",
    type=click.Choice(LABEL_STYLES),
    default="auto",
    show_default=True,
    help="What boxes say: title, text, or both (auto: both up to 25 nodes, else title).",
)
@click.option(
    "--color-by",
    type=click.Choice(COLOR_BYS),
    default="auto",
    show_default=True,
    help="What the fill tells (auto: speaker when there are two or more, else role).",
)
@click.option(
    "--groups",
    "group_style",
    type=click.Choice(GROUP_STYLES),
    default="auto",
    show_default=True,
    help="Draw groups as boxes (auto: only when they do not tear arguments apart).",
)
@click.option(
    "--legend/--no-legend",
    default=None,
    help="A legend of colours, borders and lines [default: when colours need a key].",
)
@click.option(
    "--theme",
    type=click.Choice(THEMES),
    default="colour",
    show_default=True,
    help="colour, or mono for greyscale print.",
)
@click.option("--show-ids", is_flag=True, help="Show each node's id.")
@click.option("--show-tags", is_flag=True, help="Show tags on nodes, edges and groups.")
@click.option("--focus", metavar="ID", help="Draw only ID and everything that bears on it.")
@click.option(
    "--depth", type=click.IntRange(min=0), metavar="N", help="With --focus: at most N steps away."
)
@click.option(
    "--overview", is_flag=True, help="Theses and main claims only, their arguments folded in."
)
@click.option(
    "--split",
    type=click.Choice(SPLITS),
    help="One picture per group or per thesis, with an index (needs --out-dir).",
)
@click.option(
    "--tag", "tags", multiple=True, metavar="TAG", help="Only nodes with TAG (repeatable)."
)
@click.option(
    "--speaker",
    "speakers",
    multiple=True,
    metavar="ID",
    help="Only nodes of speaker ID (repeatable).",
)
@click.option(
    "--group", "groups", multiple=True, metavar="NAME", help="Only the group NAME (repeatable)."
)
@click.option("--watch", is_flag=True, help="Render again whenever a map file is saved.")
@click.option("--watch-iterations", type=int, default=None, hidden=True)
@click.option(
    "--eval",
    "eval_semantics",
    metavar="SEMANTICS",
    type=click.Choice(SEMANTICS_NAMES),
    help="Colour each node by its label (IN, OUT, UNDEC) under SEMANTICS.",
)
@click.option(
    "--as",
    "reader",
    metavar="SPEAKER",
    default=None,
    help="With --eval (or alone, grounded): colour by SPEAKER's reading of the map.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Draw afresh: neither read nor write the render cache (~/.cache/argmap, or "
    "$ARGMAP_CACHE_DIR).",
)
@parents_option
@timeout_option
def render(
    files: tuple[str, ...],
    output: str | None,
    out_dir: str | None,
    output_format: str | None,
    rankdir: str,
    label_style: str,
    color_by: str,
    group_style: str,
    legend: bool | None,
    theme: str,
    show_ids: bool,
    show_tags: bool,
    focus: str | None,
    depth: int | None,
    overview: bool,
    split: str | None,
    tags: tuple[str, ...],
    speakers: tuple[str, ...],
    groups: tuple[str, ...],
    watch: bool,
    watch_iterations: int | None,
    eval_semantics: str | None,
    reader: str | None,
    no_cache: bool,
    parents: bool,
    timeout: float | None,
) -> None:
    """Draw maps as SVG, PNG, PDF, DOT, JSON or a standalone HTML page with Graphviz.

    Each map is checked first: errors stop its render (exit 1), warnings are printed and the
    render goes on. The format defaults to the output file's extension; `-o -` writes to
    standard output; without -o, map.arg becomes map.svg beside it (or in --out-dir).
    --timeout limits each map (checking, evaluating and Graphviz together); a map that runs
    out of time is reported and the command exits 2. The folder of -o must exist (or give
    --parents); --out-dir DIR is created. A map rendered before with the same options, text,
    imported files, argmap and Graphviz is written from the render cache (--no-cache skips it).

    \b
    Examples:
      argmap render maps/tokayev.arg -o tokayev.svg
      argmap render maps/*.arg --out-dir build --format pdf --legend
      argmap render debate.arg -o - --format dot | less
      argmap render debate.arg --eval preferred -o debate.svg
      argmap render maps/tokayev.arg --overview -o overview.svg
      argmap render maps/tokayev.arg --split thesis --out-dir build
      argmap render maps/tokayev.arg --focus chaos_claim --depth 2 -o chaos.svg
      argmap render maps/tokayev.arg --eval grounded --as tokayev -o tokayev.svg
      argmap render big.arg -o big.svg --timeout 30
    """

    def render_one(job: Job) -> int:
        """Render one map and print its diagnostics; return its exit code."""
        with time_limit(timeout, f"rendering {job.source}"):
            result = run_job(job, options, eval_semantics, reader, split)
        warnings = ""
        if result.problems:
            from argmap.checking.report import format_text

            sources = {str(job.source): result.source}
            warnings = format_text(result.problems, sources, sys.stderr.isatty()) + "\n"
            click.echo(warnings, err=True)
        if result.data is None:
            error(f"{job.source}: the map has errors; not rendered")
            return EXIT_PROBLEMS
        if job.output is None:
            write_stdout(result.data)
        elif watch:
            click.echo(f"{time.strftime('%H:%M:%S')} wrote {job.output}", err=True)
        if not (no_cache or watch) and split is None and len(jobs) == 1:
            # The run, for `argmap render` to replay before loading anything (cli/fast.py).
            record(
                "render",
                str(job.source),
                result.source,
                EXIT_OK,
                stderr=echoed([(warnings, None)], sys.stderr) if warnings else "",
                data=result.data,
                imports=lambda: [str(path) for path in imported_files(job.source)],
            )
        return EXIT_OK

    if depth is not None and focus is None:
        fail(RenderError("--depth counts steps from --focus: give --focus ID too"))
    if split is not None and out_dir is None:
        fail(RenderError("--split writes several files: give --out-dir DIR"))
    try:
        options = RenderOptions(
            theme=Theme(theme),
            rankdir=RankDir(rankdir),
            legend=legend,
            show_ids=show_ids,
            show_tags=show_tags,
            focus=focus,
            depth=depth,
            label_style=Labels(label_style),
            color_by=ColorBy(color_by),
            groups=Groups(group_style),
            overview=overview,
            only_tags=tuple(tag.lstrip("#") for tag in tags),
            only_speakers=tuple(speaker.lstrip("@") for speaker in speakers),
            only_groups=groups,
        )
        jobs = plan_jobs(expand_paths(files), output, out_dir, output_format, parents)
    except OutputPlanError as problem:
        fail(RenderError(_in_flags(problem)))
    except ArgmapError as problem:
        fail(problem)
    if watch:
        by_source = {job.source: job for job in jobs}

        def on_change(source: Path) -> None:
            try:
                render_one(by_source[source])
            except GraphvizNotFound as problem:
                fail(problem)
            except ArgmapError as problem:  # a bad save is reported; the watch goes on
                error(f"{problem}")

        click.echo("argmap: watching for changes; press Ctrl-C to stop", err=True)
        with contextlib.suppress(KeyboardInterrupt):
            watch_sources(
                list(by_source), on_change, max_changes=watch_iterations, depends=imported_files
            )
        return
    status = EXIT_OK
    for job in jobs:
        try:
            status = max(status, render_one(job))
        except GraphvizNotFound as problem:
            fail(problem)
        except ArgmapError as problem:
            error(f"{problem}")
            status = max(status, problem.exit_code)
    sys.exit(status)


def _in_flags(problem: OutputPlanError) -> str:
    """The library's message about where output goes, in terms of this command's options."""
    if problem.reason == "both":
        return "use either -o/--output or --out-dir, not both"
    if problem.reason == "several":
        return "-o/--output takes one map; use --out-dir for several"
    if problem.reason == "format":
        return str(problem).replace("or name the format", "or give --format")
    return str(problem)
