"""The `argmap` command line: a thin click layer over the library."""

from argmap.cli.commands import main

__all__ = ["main"]
