"""The `argmap` command line: a thin click layer over the library, one module per command."""

from argmap.cli.main import main

__all__ = ["main"]
