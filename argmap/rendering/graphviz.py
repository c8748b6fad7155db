"""Rendering maps to files: the only module that runs Graphviz."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import threading
from pathlib import Path
from typing import IO, Final

from argmap.errors import ArgmapError, GraphvizNotFound
from argmap.model import ArgumentMap
from argmap.rendering.dot import RenderOptions, dot_pieces, select

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
    `dot` starts before the DOT is built and reads it piece by piece as it is made, so its
    start-up and its reading of the graph overlap argmap's work.
    """
    options = options or RenderOptions()
    view = select(argument_map, options)  # a focus or filter that fails is reported first
    if format == "dot":
        return "".join(dot_pieces(view, options)).encode("utf-8")
    if format not in GRAPHVIZ_FORMATS:
        raise RenderError(
            f"unknown format {format!r}; use one of {', '.join(GRAPHVIZ_FORMATS)} or dot"
        )
    digest = hashlib.sha256()
    with _Dot(format) as dot:
        for piece in dot_pieces(view, options):
            data = piece.encode("utf-8")
            digest.update(data)
            dot.write(data)
        output = dot.finish()
    if format == "svg":
        output = _mark(output, digest.hexdigest())
    return output


def dot_hash(dot_text: str) -> str:
    """The SHA-256 of DOT text, as written into SVG output."""
    return hashlib.sha256(dot_text.encode("utf-8")).hexdigest()


def mark_svg(svg: bytes, dot_text: str) -> bytes:
    """Insert `<!-- argmap-dot-sha256:HEX -->` after the XML declaration of an SVG."""
    return _mark(svg, dot_hash(dot_text))


def _mark(svg: bytes, hex_digest: str) -> bytes:
    comment = f"<!-- {DOT_HASH_MARK}{hex_digest} -->\n".encode("ascii")
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


class _Dot:
    """`dot -T<format>` running, fed its input piece by piece; its output and messages are
    read as they come (by two threads), so neither side ever waits on a full pipe. Leaving
    the `with` block by an exception (a time limit, a failed write of the DOT) kills it."""

    def __init__(self, format: str) -> None:
        program = shutil.which("dot")
        if program is None:
            raise GraphvizNotFound()
        try:
            self.process = subprocess.Popen(
                [program, f"-T{format}"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        except OSError:
            raise GraphvizNotFound() from None
        self.output: list[bytes] = []
        self.messages: list[bytes] = []
        self.readers = [
            threading.Thread(target=_read_all, args=(stream, sink), daemon=True)
            for stream, sink in (
                (self.process.stdout, self.output),
                (self.process.stderr, self.messages),
            )
        ]
        for reader in self.readers:
            reader.start()
        # dot stopped reading (it failed): the rest of the DOT is not sent, and its message
        # says why.
        self.closed = False

    def __enter__(self) -> _Dot:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self.process.returncode is None:
            self.process.kill()
            self._close_input()
            for reader in self.readers:
                reader.join()
            self.process.wait()

    def write(self, data: bytes) -> None:
        """Send DOT to dot (nothing once it has stopped reading)."""
        stdin = self.process.stdin
        if self.closed or stdin is None:
            return
        try:
            stdin.write(data)
        except BrokenPipeError:
            self.closed = True

    def finish(self) -> bytes:
        """End the input, wait for dot and return its output, or raise RenderError."""
        self._close_input()
        for reader in self.readers:
            reader.join()
        if self.process.wait() != 0:
            raise RenderError(_failure(b"".join(self.messages)))
        return b"".join(self.output)

    def _close_input(self) -> None:
        self.closed = True
        if self.process.stdin is not None:
            # Closing flushes what is buffered: dot may have stopped reading (or been killed).
            with contextlib.suppress(OSError):
                self.process.stdin.close()


def _read_all(stream: IO[bytes] | None, sink: list[bytes]) -> None:
    if stream is not None:
        with stream:
            sink.append(stream.read())


def _failure(stderr: bytes | str | None) -> str:
    if isinstance(stderr, bytes):
        stderr = stderr.decode("utf-8", "replace")
    return "Graphviz failed: " + (stderr or "no message").strip()


def format_for(path: str | os.PathLike[str]) -> str | None:
    """The output format an output file's extension asks for (`.svg` gives svg), or None."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return {"gv": "dot"}.get(suffix, suffix) if suffix in (*FORMATS, "gv") else None
