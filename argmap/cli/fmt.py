"""`argmap fmt`: format .arg files in place, or check and diff what would change."""

from __future__ import annotations

import sys

import click

from argmap.checking.report import format_text as format_diagnostics
from argmap.cli.common import EXIT_INPUT, EXIT_PROBLEMS, error, expand_paths
from argmap.errors import ArgmapError, MapError
from argmap.files import read_source, write_atomic, write_stdout
from argmap.language.formatter import format_text, unified_diff


@click.command(name="fmt")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Change nothing; exit 1 if any file would be reformatted.",
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Change nothing; print a unified diff of what would change.",
)
def fmt(paths: tuple[str, ...], check_only: bool, show_diff: bool) -> None:
    """Format .arg FILES or DIRECTORIES in place: canonical indentation and spacing.

    Keeps every comment and the outline structure; formatting twice changes nothing. Exits 0
    when all is formatted, 1 with --check or --diff when a file would change, 2 when a file
    cannot be read or does not parse.

    \b
    Examples:
      argmap fmt maps/
      argmap fmt --check maps/
      argmap fmt --diff debate.arg
    """

    files = expand_paths(paths)
    if not files:
        error("no .arg files found in " + ", ".join(paths))
        sys.exit(EXIT_INPUT)
    changed: list[str] = []
    failed = False
    for name in files:
        try:
            before = read_source(name)
        except ArgmapError as problem:
            error(f"{problem}")
            failed = True
            continue
        try:
            after = format_text(before, name)
        except MapError as problem:
            click.echo(format_diagnostics(problem.diagnostics, {name: before}, False), err=True)
            error(f"{name}: not formatted, it does not parse")
            failed = True
            continue
        except ArgmapError as problem:
            error(f"{problem}")
            failed = True
            continue
        if name == "-" and not (check_only or show_diff):
            write_stdout(after.encode("utf-8"))  # a filter: standard input to standard output
            continue
        if after == before:
            continue
        changed.append(name)
        if show_diff:
            click.echo(unified_diff(before, after, name), nl=False)
        elif check_only:
            click.echo(f"would reformat {name}")
        else:
            try:
                write_atomic(name, after)
            except ArgmapError as problem:
                error(f"{problem}")
                failed = True
                continue
            click.echo(f"reformatted {name}")
    if failed:
        sys.exit(EXIT_INPUT)
    if changed and (check_only or show_diff):
        sys.exit(EXIT_PROBLEMS)
