"""`argmap convert`: a map from one format to another, with a warning for what is lost."""

from __future__ import annotations

import sys

import click

from argmap.checking.report import format_text as format_diagnostics
from argmap.cli.common import EXIT_INPUT, error, fail, parents_option
from argmap.errors import ArgmapError, MapError
from argmap.files import read_source
from argmap.interchange import formats
from argmap.interchange.convert import convert, convert_file


@click.command(name="convert")
@click.argument("source", type=click.Path())
@click.option(
    "-o",
    "--output",
    "target",
    required=True,
    type=click.Path(),
    help="The file to write (replaced atomically; never left half-written); "
    "- for standard output, with --to.",
)
@click.option(
    "--from",
    "source_format",
    type=click.Choice(formats.names(formats.CONVERT, readable=True)),
    help="Input format (default: from the extension: "
    + formats.suffix_list(formats.CONVERT, readable=True)
    + "; a .json file is argmap's JSON model when it says so, else AIF).",
)
@click.option(
    "--to",
    "target_format",
    type=click.Choice(formats.names(formats.CONVERT, writable=True)),
    help="Output format (default: from the extension: "
    + formats.suffix_list(formats.CONVERT, writable=True)
    + "; .json needs --to).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Refuse a source with annotation errors (an edge to a missing node, a node that "
    "supports itself...) instead of dropping them with a warning.",
)
@parents_option
def convert_command(
    source: str,
    target: str,
    source_format: str | None,
    target_format: str | None,
    strict: bool,
    parents: bool,
) -> None:
    """Convert a map between .arg, AIF JSON, microtext XML, Argdown, Mermaid, GraphML and JSON.

    Prints a warning for everything the target format cannot hold, and for each annotation
    error in the source that was dropped (with its code, AIF1xx). Exits 0 on success, 2 on
    unreadable or malformed input, or with --strict on annotation errors (and then writes
    nothing).

    \b
    Examples:
      argmap convert nodeset105.json -o nodeset105.arg
      argmap convert micro_b001.xml -o micro_b001.arg
      argmap convert debate.arg -o debate.argdown
      argmap convert debate.arg -o debate.json --to aif
      argmap convert debate.arg -o debate.graphml
      argmap convert jogging.yml -o jogging.arg
      argmap convert nodeset23001.json -o nodeset23001.arg --strict
    """

    try:
        if target == "-":
            if target_format is None:
                raise click.UsageError("with -o - (standard output) give the format with --to")
            text, warnings = convert_file(source, target_format, source_format, strict=strict)
        else:
            warnings = convert(
                source, target, source_format, target_format, strict=strict, parents=parents
            )
    except MapError as problem:
        click.echo(
            format_diagnostics(problem.diagnostics, {source: read_source(source)}, False), err=True
        )
        error(f"{source}: not converted, it does not parse")
        sys.exit(EXIT_INPUT)
    except ArgmapError as problem:
        fail(problem)
    for warning in warnings:
        click.echo(f"argmap: {warning}", err=True)
    if target == "-":
        click.echo(text, nl=False)
    else:
        click.echo(f"wrote {target}")
