"""`argmap lsp`: the language server for editors, over standard input and output."""

from __future__ import annotations

import sys
from collections.abc import Callable

import click

from argmap.cli.common import EXIT_INPUT, error

serve: Callable[[], None] | None
try:
    from argmap.lsp.server import main as serve
except ImportError as missing:  # pygls is the optional extra `lsp`
    serve, why = None, str(missing)


@click.command()
@click.option(
    "--stdio",
    is_flag=True,
    help="Speak LSP over standard input and output (the default; editors often pass it).",
)
def lsp(stdio: bool) -> None:
    """Start the language server: diagnostics as you type, hover, go to definition, rename,
    outline, formatting, completion and quick fixes, for any editor that speaks LSP.

    It reads and writes LSP messages on standard input and output until the editor closes
    it; docs/editors.md shows how to set up VS Code, Neovim, Emacs and Helix.

    \b
    Example:
      argmap lsp
    """
    if serve is None:
        error(f"the language server needs pygls ({why}); pip install 'argmap[lsp]'")
        sys.exit(EXIT_INPUT)
    serve()
