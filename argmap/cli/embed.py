"""`argmap embed`: the argmap blocks of a Markdown document replaced by their maps."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from argmap.cli.common import EXIT_PROBLEMS, fail, parents_option
from argmap.embed.document import EMBED_FORMATS, embed_file
from argmap.errors import ArgmapError
from argmap.files import write_stdout


@click.command()
@click.argument("document", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Write the document here (default: standard output).",
)
@click.option(
    "--inline",
    is_flag=True,
    help="Put each map's SVG in the document instead of linking an SVG file.",
)
@click.option(
    "--keep-going",
    is_flag=True,
    help="Write the document even when a map has errors (they replace the map).",
)
@click.option(
    "--to",
    "to",
    type=click.Choice(EMBED_FORMATS),
    default="svg",
    show_default=True,
    help="svg: a picture per map (Graphviz); mermaid: a ```mermaid block per map, "
    "which GitHub and GitLab draw.",
)
@parents_option
def embed(
    document: Path, output: Path | None, inline: bool, keep_going: bool, to: str, parents: bool
) -> None:
    """Replace each ```argmap block of a Markdown DOCUMENT by its rendered map.

    Everything else is kept byte for byte. Linked SVG files are written beside the output
    (or into the current directory when the document goes to standard output). A block
    with errors is reported with the document's own line numbers; the command then writes
    nothing and exits 1, unless --keep-going.

    \b
    Examples:
      argmap embed report.md -o build/report.md
      argmap embed notes.md --inline --keep-going > notes.html.md
      argmap embed README.src.md --to mermaid -o README.md
    """

    try:
        embedded = embed_file(
            document, output, inline=inline, keep_going=keep_going, to=to, parents=parents
        )
    except ArgmapError as problem:
        fail(problem)
        return
    report = embedded.report()
    if report:
        click.echo(report, err=True)
    if embedded.failed and not keep_going:
        sys.exit(EXIT_PROBLEMS)
    if output is None:
        write_stdout(embedded.text.encode("utf-8"))
