"""Rendering maps to files: the only module that runs Graphviz."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path
from typing import Final

from argmap.errors import ArgmapError, GraphvizNotFound
from argmap.model import ArgumentMap
from argmap.rendering.dot import RenderOptions, to_dot

FORMATS: Final = ("svg", "png", "pdf", "dot", "json", "html")
GRAPHVIZ_FORMATS: Final = ("svg", "png", "pdf")
# Every SVG carries the hash of the DOT it was drawn from, so a stale picture can be detected.
DOT_HASH_MARK: Final = "argmap-dot-sha256:"


class RenderError(ArgmapError):
    """Graphviz ran but failed, or the output request makes no sense."""


class OutputPlanError(RenderError):
    """Where to write the output cannot be worked out. `reason` says why, for a caller (such
    as the command line) that words the fix in its own terms: "both" (one output file and an
    output folder), "several" (one output file for several maps), "format" (no format, and
    the output file's extension names none), "split" (parts need a folder)."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def render(argument_map: ArgumentMap, format: str, options: RenderOptions | None = None) -> bytes:
    """The map drawn by Graphviz in `format` (svg, png or pdf), or its DOT source (dot).

    dot never needs Graphviz; the others raise GraphvizNotFound when `dot` is missing. The JSON
    model and the HTML page are written by the format registry (argmap.interchange.formats).
    """
    dot_text = to_dot(argument_map, options)
    if format == "dot":
        return dot_text.encode("utf-8")
    if format not in GRAPHVIZ_FORMATS:
        raise RenderError(
            f"unknown format {format!r}; use one of {', '.join(GRAPHVIZ_FORMATS)} or dot"
        )
    output = run_dot(dot_text, format)
    if format == "svg":
        output = mark_svg(output, dot_text)
    return output


def dot_hash(dot_text: str) -> str:
    """The SHA-256 of DOT text, as written into SVG output."""
    return hashlib.sha256(dot_text.encode("utf-8")).hexdigest()


def mark_svg(svg: bytes, dot_text: str) -> bytes:
    """Insert `<!-- argmap-dot-sha256:HEX -->` after the XML declaration of an SVG."""
    comment = f"<!-- {DOT_HASH_MARK}{dot_hash(dot_text)} -->\n".encode("ascii")
    head, sep, rest = svg.partition(b"?>\n")
    if not sep:
        return comment + svg
    return head + sep + comment + rest


def svg_dot_hash(svg: bytes) -> str | None:
    """The DOT hash that `mark_svg` put into an SVG, or None."""
    start = svg.find(DOT_HASH_MARK.encode("ascii"))
    if start < 0:
        return None
    start += len(DOT_HASH_MARK)
    return svg[start : start + 64].decode("ascii")


def run_dot(dot_text: str, format: str) -> bytes:
    """Lay out DOT text with Graphviz `dot -T<format>` and return its output.

    `dot` runs directly, its input and output through pipes: nothing between it and argmap
    costs start-up time (argmap's figure is `dot` alone plus a few milliseconds).
    """
    program = shutil.which("dot")
    if program is None:
        raise GraphvizNotFound()
    try:
        result = subprocess.run(
            [program, f"-T{format}"],
            input=dot_text.encode("utf-8"),
            capture_output=True,
            check=False,
        )
    except OSError:
        raise GraphvizNotFound() from None
    if result.returncode != 0:
        raise RenderError(_failure(result.stderr))
    return result.stdout


def _failure(stderr: bytes | str | None) -> str:
    if isinstance(stderr, bytes):
        stderr = stderr.decode("utf-8", "replace")
    return "Graphviz failed: " + (stderr or "no message").strip()


def format_for(path: str | os.PathLike[str]) -> str | None:
    """The output format an output file's extension asks for (`.svg` gives svg), or None."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return {"gv": "dot"}.get(suffix, suffix) if suffix in (*FORMATS, "gv") else None
