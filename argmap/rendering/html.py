"""A map as one self-contained HTML page: pan, zoom, hover details, click to see neighbours."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from argmap.model import RelationKind

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


def to_html(argument_map: ArgumentMap, options: RenderOptions | None = None) -> str:
    """The page: the map's SVG, its adjacency as JSON, and the script that makes it move."""
    from argmap.rendering.graphviz import render

    svg = svg_element(render(argument_map, "svg", options))
    title = argument_map.metadata.title or "Argument map"
    return _PAGE.format(
        title=html.escape(title),
        csp=html.escape(CONTENT_SECURITY_POLICY, quote=True),
        style=_STYLE,
        svg=svg,
        data=_json_for_script(adjacency(argument_map, options.explanations if options else None)),
        script=_SCRIPT,
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
<span class="am-help">Drag to pan, wheel to zoom, click a statement to see what supports
and attacks it.</span>
</nav>
</header>
<main id="am-viewport">
{svg}
</main>
<div id="am-tooltip" role="tooltip" hidden></div>
<script type="application/json" id="argmap-data">
{data}
</script>
<script>{script}</script>
</body>
</html>
"""

_STYLE: Final = """
html, body { margin: 0; height: 100%; font-family: Helvetica, Arial, sans-serif; }
body { display: flex; flex-direction: column; }
header { padding: 0.4em 1em; border-bottom: 1px solid #ccc; display: flex;
  align-items: baseline; gap: 1em; flex-wrap: wrap; }
h1 { font-size: 1.2em; margin: 0; }
nav button { font-size: 1em; min-width: 2.2em; }
.am-help { color: #555; font-size: 0.85em; }
#am-viewport { flex: 1; overflow: hidden; cursor: grab; }
#am-viewport.am-dragging { cursor: grabbing; }
#am-viewport > svg { width: 100%; height: 100%; display: block; }
g.node { cursor: pointer; }
g.node:focus { outline: none; }
g.node:focus path, g.node:focus polygon, g.node:focus ellipse { stroke-dasharray: 4 2; }
g.node, g.edge { transition: opacity 0.15s; }
.am-dim { opacity: 0.2; }
g.node.am-selected path, g.node.am-selected polygon, g.node.am-selected ellipse {
  stroke: #1565c0; stroke-width: 5px; }
g.node.am-supporter path, g.node.am-supporter polygon, g.node.am-supporter ellipse {
  stroke: #2e7d32; stroke-width: 4px; }
g.node.am-attacker path, g.node.am-attacker polygon, g.node.am-attacker ellipse {
  stroke: #c62828; stroke-width: 4px; }
g.edge.am-linked path { stroke-width: 3px; }
#am-tooltip { position: fixed; max-width: 28em; background: #fffff0; border: 1px solid #888;
  padding: 0.5em 0.7em; font-size: 0.9em; box-shadow: 0 2px 6px rgba(0,0,0,0.25);
  pointer-events: none; z-index: 10; }
#am-tooltip .am-kind { color: #555; font-size: 0.85em; text-transform: uppercase; }
#am-tooltip .am-text { margin: 0.2em 0; }
#am-tooltip .am-meta { color: #333; font-size: 0.9em; }
"""

_SCRIPT: Final = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("argmap-data").textContent);
  var viewport = document.getElementById("am-viewport");
  var svg = viewport.querySelector("svg");
  var tooltip = document.getElementById("am-tooltip");
  var nodes = {};
  var edges = [];

  // Graphviz writes its own tooltips as link titles; ours replace them.
  svg.querySelectorAll("a").forEach(function (a) {
    a.removeAttribute("xlink:title");
    a.removeAttributeNS("http://www.w3.org/1999/xlink", "title");
  });
  svg.querySelectorAll("g.node").forEach(function (g) {
    if (Object.prototype.hasOwnProperty.call(data, g.id)) { nodes[g.id] = g; }
  });
  // Edge ids are e-KIND-SOURCE-TARGET[-N]; map ids never contain '-'.
  svg.querySelectorAll("g.edge").forEach(function (g) {
    var parts = g.id.split("-");
    if (parts.length >= 4 && parts[0] === "e") {
      edges.push({ element: g, source: parts[2], target: parts[3] });
    }
  });

  function line(label, value) {
    if (!value) { return null; }
    var div = document.createElement("div");
    div.className = "am-meta";
    var b = document.createElement("b");
    b.textContent = label + ": ";
    div.appendChild(b);
    div.appendChild(document.createTextNode(value));
    return div;
  }

  function showTooltip(id, event) {
    var info = data[id];
    tooltip.textContent = "";
    var kind = document.createElement("div");
    kind.className = "am-kind";
    kind.textContent = info.kind + " " + id;
    var text = document.createElement("div");
    text.className = "am-text";
    text.textContent = info.text;
    tooltip.appendChild(kind);
    tooltip.appendChild(text);
    [line("Speaker", info.speaker), line("Source", info.cite), line("Quote", info.quote),
     line("URL", info.url), line("Note", info.note),
     line("Evaluation", info.evaluation)].forEach(function (div) {
      if (div) { tooltip.appendChild(div); }
    });
    tooltip.hidden = false;
    moveTooltip(event);
  }

  function moveTooltip(event) {
    var x = Math.min(event.clientX + 14, window.innerWidth - tooltip.offsetWidth - 4);
    var y = Math.min(event.clientY + 14, window.innerHeight - tooltip.offsetHeight - 4);
    tooltip.style.left = Math.max(0, x) + "px";
    tooltip.style.top = Math.max(0, y) + "px";
  }

  function clearSelection() {
    svg.querySelectorAll(".am-selected, .am-supporter, .am-attacker, .am-dim, .am-linked")
      .forEach(function (el) {
        el.classList.remove("am-selected", "am-supporter", "am-attacker", "am-dim", "am-linked");
      });
    delete document.body.dataset.selected;
  }

  function select(id) {
    clearSelection();
    var info = data[id];
    var keep = {};
    keep[id] = true;
    nodes[id].classList.add("am-selected");
    info.supporters.forEach(function (other) {
      keep[other] = true;
      if (nodes[other]) { nodes[other].classList.add("am-supporter"); }
    });
    info.attackers.forEach(function (other) {
      keep[other] = true;
      if (nodes[other]) { nodes[other].classList.add("am-attacker"); }
    });
    Object.keys(nodes).forEach(function (other) {
      if (!keep[other]) { nodes[other].classList.add("am-dim"); }
    });
    edges.forEach(function (edge) {
      var linked = (edge.source === id && keep[edge.target]) ||
                   (edge.target === id && keep[edge.source]);
      edge.element.classList.add(linked ? "am-linked" : "am-dim");
    });
    document.body.dataset.selected = id;
  }

  Object.keys(nodes).forEach(function (id) {
    var g = nodes[id];
    // Keyboard users reach every node with Tab and select it with Enter or Space.
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    g.setAttribute("aria-label", data[id].kind + " " + id + ": " + data[id].text);
    g.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        select(id);
      }
    });
    g.addEventListener("mouseenter", function (event) { showTooltip(id, event); });
    g.addEventListener("mousemove", moveTooltip);
    g.addEventListener("mouseleave", function () { tooltip.hidden = true; });
    g.addEventListener("click", function (event) {
      event.preventDefault();
      event.stopPropagation();
      if (!moved) { select(id); }
    });
  });

  // Pan and zoom work on the viewBox, so the drawing stays sharp at every scale.
  var box = svg.viewBox.baseVal;
  var home = { x: box.x, y: box.y, width: box.width, height: box.height };
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  svg.setAttribute("preserveAspectRatio", "xMidYMid meet");

  function pointer(event) {
    var point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    return point.matrixTransform(svg.getScreenCTM().inverse());
  }

  function zoom(factor, centre) {
    var c = centre || { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    box.x = c.x - (c.x - box.x) * factor;
    box.y = c.y - (c.y - box.y) * factor;
    box.width *= factor;
    box.height *= factor;
  }

  function reset() {
    box.x = home.x; box.y = home.y; box.width = home.width; box.height = home.height;
  }

  viewport.addEventListener("wheel", function (event) {
    event.preventDefault();
    zoom(event.deltaY < 0 ? 1 / 1.15 : 1.15, pointer(event));
  }, { passive: false });

  var drag = null;
  var moved = false;
  viewport.addEventListener("mousedown", function (event) {
    if (event.button !== 0) { return; }
    drag = { x: event.clientX, y: event.clientY, box: { x: box.x, y: box.y } };
    moved = false;
  });
  window.addEventListener("mousemove", function (event) {
    if (!drag) { return; }
    var dx = event.clientX - drag.x;
    var dy = event.clientY - drag.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) < 4) { return; }
    moved = true;
    viewport.classList.add("am-dragging");
    var scale = box.width / svg.getBoundingClientRect().width;
    box.x = drag.box.x - dx * scale;
    box.y = drag.box.y - dy * scale;
  });
  window.addEventListener("mouseup", function () {
    drag = null;
    viewport.classList.remove("am-dragging");
  });
  viewport.addEventListener("click", function () {
    if (!moved) { clearSelection(); }
  });
  document.getElementById("am-zoom-in").addEventListener("click", function () { zoom(1 / 1.25); });
  document.getElementById("am-zoom-out").addEventListener("click", function () { zoom(1.25); });
  document.getElementById("am-reset").addEventListener("click", reset);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { clearSelection(); }
  });
  document.body.dataset.ready = "true";
}());
"""
