"""`argmap serve`: each map as its interactive page on 127.0.0.1, reloaded when it is saved."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import click

from argmap.cli.common import fail
from argmap.embed.preview import announcements, start
from argmap.errors import ArgmapError


@click.command()
@click.argument("target", type=click.Path(path_type=Path))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port on 127.0.0.1 (0: any free one).",
)
def serve(target: Path, port: int) -> None:
    """Show the maps of a FILE or a FOLDER in the browser, reloaded within half a second of a
    save; a map with errors shows them, with line and caret, until it is fixed.

    Only 127.0.0.1 is listened on, and only the .arg maps under the folder are served.
    Ctrl-C stops the server.

    \b
    Examples:
      argmap serve maps/tokayev.arg
      argmap serve maps/ --port 8123
    """
    try:
        server = start(target, port)
    except ArgmapError as problem:
        fail(problem)
    click.echo(f"argmap: serving {target} on {server.url}/ ; press Ctrl-C to stop", err=True)
    with contextlib.suppress(KeyboardInterrupt):
        for changed in announcements(server):
            click.echo(f"{time.strftime('%H:%M:%S')} reloaded {', '.join(changed)}", err=True)
    server.close()
