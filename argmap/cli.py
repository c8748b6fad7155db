"""The argmap command line (TEMPORARY stand-in on the render branch until main's cli.py lands)."""

from __future__ import annotations

import click


@click.group()
def main() -> None:
    """Check, evaluate and render argument maps written in the .arg language."""


# --- argmap render (issue 3) ---------------------------------------------------------------


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option("-o", "--output", metavar="OUT", help="Output file, or '-' for standard output.")
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False),
    help="Write each map into DIR as NAME.FORMAT (for several files).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["svg", "png", "pdf", "dot", "json"]),
    help="Output format [default: from the output's extension, else svg].",
)
@click.option(
    "--rankdir",
    type=click.Choice(["BT", "TB", "LR", "RL"]),
    default="BT",
    show_default=True,
    help="Direction of support: BT puts conclusions on top.",
)
@click.option("--legend", is_flag=True, help="Add a legend of roles, edges and speakers.")
@click.option(
    "--theme",
    type=click.Choice(["colour", "mono"]),
    default="colour",
    show_default=True,
    help="colour, or mono for greyscale print.",
)
@click.option("--show-ids", is_flag=True, help="Show each node's id.")
@click.option("--show-tags", is_flag=True, help="Show tags on nodes, edges and groups.")
@click.option("--focus", metavar="ID", help="Draw only ID and everything that bears on it.")
@click.option("--watch", is_flag=True, help="Render again whenever a map file is saved.")
@click.option("--watch-iterations", type=int, default=None, hidden=True)
def render(
    files: tuple[str, ...],
    output: str | None,
    out_dir: str | None,
    output_format: str | None,
    rankdir: str,
    legend: bool,
    theme: str,
    show_ids: bool,
    show_tags: bool,
    focus: str | None,
    watch: bool,
    watch_iterations: int | None,
) -> None:
    """Draw argument maps as SVG, PNG, PDF, DOT or JSON.

    The map is checked first: errors stop the render (exit 1), warnings are printed.
    The format defaults to the output file's extension.
    """
    # Imported here so that `argmap check` never pays for the renderer.
    import contextlib
    import sys
    from datetime import datetime
    from pathlib import Path

    from argmap.diagnostics import format_text
    from argmap.dot import RenderOptions
    from argmap.errors import ArgmapError, GraphvizNotFound, MapError
    from argmap.render import Job, plan_jobs, run_job
    from argmap.render import watch as watch_files

    def report(job: Job) -> int:
        """Render one job, print its diagnostics; return its exit code."""
        try:
            data, warnings = run_job(job, options)
        except MapError as error:
            click.echo(_diagnostics_text(format_text, error.diagnostics, job.source), err=True)
            return error.exit_code
        if warnings:
            click.echo(_diagnostics_text(format_text, warnings, job.source), err=True)
        if job.output is None:
            stdout = click.get_binary_stream("stdout")
            stdout.write(data)
            stdout.flush()
        elif watch:
            click.echo(f"{datetime.now():%H:%M:%S} wrote {job.output}", err=True)
        return 0

    try:
        options = RenderOptions(
            theme=theme,
            rankdir=rankdir,
            legend=legend,
            show_ids=show_ids,
            show_tags=show_tags,
            focus=focus,
        )
        jobs = plan_jobs(files, output, out_dir, output_format)
        if watch:
            by_source = {job.source: job for job in jobs}

            def on_change(source: Path) -> None:
                try:
                    report(by_source[source])
                except GraphvizNotFound:
                    raise
                except ArgmapError as error:
                    click.echo(f"argmap: error: {error}", err=True)

            click.echo("watching for changes; press Ctrl-C to stop", err=True)
            with contextlib.suppress(KeyboardInterrupt):
                watch_files(list(by_source), on_change, max_polls=watch_iterations)
            return
        status = 0
        for job in jobs:
            try:
                status = max(status, report(job))
            except GraphvizNotFound:
                raise
            except ArgmapError as error:
                click.echo(f"argmap: error: {error}", err=True)
                status = max(status, error.exit_code)
    except ArgmapError as error:
        click.echo(f"argmap: error: {error}", err=True)
        sys.exit(error.exit_code)
    sys.exit(status)


def _diagnostics_text(formatter: object, diagnostics: list[object], source: object) -> str:
    """Diagnostics as `path:line:col: CODE message` with carets (formatted by the lead's code)."""
    return str(formatter(diagnostics, {}))  # type: ignore[operator]
