"""Jupyter: maps display as SVG, and the `%%argmap` cell magic draws the map a cell holds."""

from __future__ import annotations

import argparse
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.embed.blocks import (
    COLOR_BY,
    GROUPS,
    LABELS,
    SHOW,
    BlockSettings,
    MapBlock,
    load_block,
    render_cached,
)
from argmap.embed.document import figure_html
from argmap.errors import ArgmapError
from argmap.language.pygments_lexer import highlight_source
from argmap.rendering.dot import RANKDIRS, THEMES
from argmap.rendering.html import svg_element

if TYPE_CHECKING:
    from argmap.model import ArgumentMap


def _summary(argument_map: ArgumentMap) -> str:
    title = argument_map.metadata.title or "untitled"
    return (
        f"<ArgumentMap {title!r}: {len(argument_map.statements)} statements, "
        f"{len(argument_map.arguments)} arguments, {len(argument_map.relations)} relations>"
    )


def mimebundle(argument_map: ArgumentMap, settings: BlockSettings | None = None) -> dict[str, str]:
    """The map as Jupyter output: SVG and a one-line text; text alone when it cannot render."""
    bundle = {"text/plain": _summary(argument_map)}
    try:
        svg = render_cached(argument_map, settings or BlockSettings(), "svg")
    except ArgmapError as error:
        bundle["text/plain"] += f"\n(not drawn: {error})"
        return bundle
    bundle["image/svg+xml"] = svg_element(svg)
    return bundle


@dataclass(frozen=True)
class MapView:
    """A map with the settings to draw it with; Jupyter displays it as SVG.

    With `show` set to `source` or `both`, the highlighted source comes first, as HTML.
    """

    map: ArgumentMap
    settings: BlockSettings
    source: str = ""

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        show = self.settings.show
        bundle = mimebundle(self.map, self.settings) if show != "source" else {}
        if show == "map":
            return bundle
        parts = [highlight_source(self.source)]
        if "image/svg+xml" in bundle:
            parts.append(figure_html(bundle["image/svg+xml"], "Argument map", None))
        return {**bundle, "text/html": "\n".join(parts), "text/plain": self.source}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="%%argmap", add_help=False, exit_on_error=False)
    parser.add_argument("--theme", choices=THEMES)
    parser.add_argument("--rankdir", choices=RANKDIRS)
    parser.add_argument("--focus")
    parser.add_argument("--legend", action="store_true")
    parser.add_argument("--ids", action="store_true")
    parser.add_argument("--tags", action="store_true")
    parser.add_argument("--show", choices=SHOW)
    # The views, with the block header's keys (`--only-tags security,economy`).
    parser.add_argument("--overview", action="store_true")
    parser.add_argument("--depth")
    parser.add_argument("--only-tags")
    parser.add_argument("--only-speakers")
    parser.add_argument("--only-groups")
    parser.add_argument("--labels", choices=LABELS)
    parser.add_argument("--color-by", choices=COLOR_BY)
    parser.add_argument("--groups", choices=GROUPS)
    parser.add_argument("--name", help="also store the parsed map in this variable")
    return parser


def run_cell(line: str, cell: str, namespace: dict[str, Any] | None = None) -> MapView | None:
    """What `%%argmap [--theme mono] [--rankdir LR] [--focus ID] [--name VAR]` does.

    Problems go to standard error with the cell's line numbers; the result is then None.
    """
    try:
        arguments, unknown = _parser().parse_known_args(shlex.split(line))
        if unknown:
            raise ValueError(f"unknown option {unknown[0]!r}")
    except (argparse.ArgumentError, ValueError) as error:
        print(f"%%argmap: {error}", file=sys.stderr)
        return None
    values = {
        key.replace("_", "-"): str(value).lower() if isinstance(value, bool) else str(value)
        for key, value in vars(arguments).items()
        if key != "name" and value not in (None, False)
    }
    try:
        settings = BlockSettings().with_values(values, ("<cell>", 0))
        block = MapBlock(settings, cell)
        loaded = load_block(block, Path("."), ("<cell>", 0, cell))
    except ArgmapError as error:
        print(error, file=sys.stderr)
        return None
    if loaded.diagnostics:
        print(loaded.report(), file=sys.stderr)
    if loaded.map is None or loaded.errors:
        return None
    if arguments.name and namespace is not None:
        namespace[arguments.name] = loaded.map
    return MapView(loaded.map, settings, cell)


def load_ipython_extension(ipython: Any) -> None:
    """`%load_ext argmap.embed.jupyter` registers the `%%argmap` cell magic."""

    def argmap(line: str, cell: str) -> MapView | None:
        return run_cell(line, cell, ipython.user_ns)

    argmap.__doc__ = run_cell.__doc__
    ipython.register_magic_function(argmap, magic_kind="cell", magic_name="argmap")
