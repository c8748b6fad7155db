"""`argmap lsp`: the language server for editors, over standard input and output."""

from __future__ import annotations

import sys

import click

from argmap.cli.common import EXIT_INPUT, error


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
    try:
        from argmap.lsp.server import main
    except ImportError as problem:
        error(f"the language server needs pygls ({problem}); install argmap[lsp]")
        sys.exit(EXIT_INPUT)
    main()
