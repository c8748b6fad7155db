"""A map as one self-contained HTML page: pan, zoom, search, hover details, click for a chain."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from importlib.resources import files
from typing import TYPE_CHECKING, Any, Final

from argmap.model import RelationKind, Role
from argmap.rendering.dot import EDGE_ID_PREFIX, EDGE_ID_SEPARATOR, FONT_SIZE, title_of
from argmap.rendering.graphviz import render

if TYPE_CHECKING:
    from argmap.model import ArgumentMap
    from argmap.rendering.dot import RenderOptions

# Nothing may be fetched: no scripts, styles, fonts or images from anywhere, only what is inline.
CONTENT_SECURITY_POLICY: Final = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
)


def svg_element(svg: bytes | str) -> str:
    """The `<svg>...</svg>` element of an SVG file, ready to inline in HTML.

    The XML declaration, doctype and comments go, and so do blank lines, which would end an
    HTML block in Markdown.
    """
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    start = text.find("<svg")
    text = text[start:] if start >= 0 else text
    return "\n".join(line for line in text.splitlines() if line.strip())


def adjacency(
    argument_map: ArgumentMap, explanations: Mapping[str, str] | None = None
) -> dict[str, dict[str, Any]]:
    """Per node id: what it says (for hover), why it has its evaluation label (when the map
    was evaluated), and which nodes support and attack it."""
    nodes: dict[str, dict[str, Any]] = {}

    def speaker_name(speaker_id: str | None) -> str | None:
        if speaker_id is None:
            return None
        speaker = argument_map.speaker(speaker_id)
        return speaker.name if speaker else speaker_id

    for statement in argument_map.statements:
        nodes.setdefault(
            statement.id,
            {
                "kind": statement.role.value,
                "title": title_of(statement),
                "text": statement.text,
                "speaker": speaker_name(statement.speaker),
                "cite": statement.cite,
                "quote": statement.quote,
                "url": statement.url,
                "note": statement.note,
                "supporters": [],
                "attackers": [],
            },
        )
    for argument in argument_map.arguments:
        label = f"argument {argument.id}"
        if argument.scheme:
            label += f" ({argument.scheme.replace('_', ' ')})"
        nodes.setdefault(
            argument.id,
            {
                "kind": "argument",
                "title": title_of(argument),
                "text": label,
                "speaker": speaker_name(argument.speaker),
                "cite": None,
                "quote": None,
                "url": None,
                "note": argument.note,
                "supporters": [],
                "attackers": [],
            },
        )

    def link(source: str, target: str, kind: str) -> None:
        if source in nodes and target in nodes and source not in nodes[target][kind]:
            nodes[target][kind].append(source)

    for argument in argument_map.arguments:
        for premise in argument.premises:
            link(premise, argument.id, "supporters")
        if argument.conclusion is not None:
            link(argument.id, argument.conclusion, "supporters")
    for relation in argument_map.relations:
        if relation.kind is RelationKind.SUPPORT:
            link(relation.source, relation.target, "supporters")
        else:
            link(relation.source, relation.target, "attackers")
            if relation.kind is RelationKind.CONTRADICTION:
                link(relation.target, relation.source, "attackers")
    for node_id, explanation in (explanations or {}).items():
        if node_id in nodes:
            nodes[node_id]["evaluation"] = explanation
    return nodes


def _json_for_script(data: object) -> str:
    """JSON that cannot end its <script> element early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def static_file(name: str) -> str:
    """A file of `argmap/rendering/static/` (the page's script and style), as text."""
    return (files("argmap.rendering") / "static" / name).read_text(encoding="utf-8")


def _library() -> str:
    """svg-pan-zoom 3.6.2 (BSD-2-Clause, vendored from npm) with its licence in a comment."""
    licence = static_file("svg-pan-zoom.LICENSE")
    return f"/*\n{licence}*/\n{static_file('svg-pan-zoom.min.js')}"


def main_thesis(argument_map: ArgumentMap) -> str | None:
    """The thesis with the most nodes bearing on it (else the first statement): the page
    opens around it."""
    nodes = adjacency(argument_map)
    theses = [s.id for s in argument_map.statements if s.role is Role.THESIS]
    candidates = theses or [s.id for s in argument_map.statements[:1]]

    def reach(node_id: str) -> int:
        seen = {node_id}
        pending = [node_id]
        while pending:
            info = nodes[pending.pop()]
            for other in (*info["supporters"], *info["attackers"]):
                if other not in seen:
                    seen.add(other)
                    pending.append(other)
        return len(seen)

    return max(candidates, key=reach, default=None)


def to_html(argument_map: ArgumentMap, options: RenderOptions | None = None) -> str:
    """The page: the map's SVG, its adjacency as JSON, and the script that makes it move."""
    svg = svg_element(render(argument_map, "svg", options))
    title = argument_map.metadata.title or "Argument map"
    settings = {
        "edge_prefix": EDGE_ID_PREFIX,
        "edge_separator": EDGE_ID_SEPARATOR,
        "main": main_thesis(argument_map),
        "font_size": FONT_SIZE,
    }
    return _PAGE.format(
        title=html.escape(title),
        csp=html.escape(CONTENT_SECURITY_POLICY, quote=True),
        style=static_file("argmap.css"),
        svg=svg,
        data=_json_for_script(adjacency(argument_map, options.explanations if options else None)),
        settings=_json_for_script(settings),
        library=_library(),
        script=static_file("argmap.js"),
    )


_PAGE: Final = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="argmap">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<nav>
<button type="button" id="am-zoom-in" title="Zoom in">+</button>
<button type="button" id="am-zoom-out" title="Zoom out">&minus;</button>
<button type="button" id="am-reset" title="Fit the map">Fit</button>
<button type="button" id="am-collapse" title="Hide or show what bears on the selected node">
Collapse</button>
<input type="search" id="am-search" placeholder="Find a statement" aria-label="Find a statement">
<span id="am-found" aria-live="polite"></span>
<span class="am-help">Drag to pan, wheel to zoom, click a statement to see its whole chain
of support and attack.</span>
</nav>
</header>
<main id="am-viewport">
{svg}
</main>
<div id="am-tooltip" role="tooltip" hidden></div>
<script type="application/json" id="argmap-data">
{data}
</script>
<script type="application/json" id="argmap-settings">
{settings}
</script>
<script>{library}</script>
<script>{script}</script>
</body>
</html>
"""
