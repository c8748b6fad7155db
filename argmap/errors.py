"""The exceptions argmap raises; the CLI turns each into a message and an exit code."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic


class ArgmapError(Exception):
    """Base of every error argmap raises on purpose."""

    exit_code = 2


class InputError(ArgmapError):
    """A file could not be read as a map: missing, a directory, binary, not UTF-8, too large."""


class MapError(ArgmapError):
    """A map has errors (syntax or structure); `diagnostics` holds every one of them."""

    exit_code = 1

    def __init__(self, message: str, diagnostics: list[Diagnostic]) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics


class GraphvizNotFound(ArgmapError):
    """The Graphviz `dot` program is not installed."""

    def __init__(self) -> None:
        super().__init__(
            "the Graphviz 'dot' program was not found on PATH; install it with one of:\n"
            "  apt-get install graphviz   (Debian, Ubuntu)\n"
            "  brew install graphviz      (macOS)\n"
            "  conda install graphviz     (conda)\n"
            "DOT and JSON output (--format dot, --format json) need no Graphviz."
        )


class TimeLimitError(ArgmapError):
    """A command ran past its --timeout."""
