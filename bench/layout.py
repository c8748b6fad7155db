"""Readability of argmap's pictures, measured on Graphviz's own layout (`dot -Tjson`).

For every map of `maps/`, `docs/` (files and ```argmap blocks) and the hand-built test maps,
prints: node count, canvas size (pt), aspect ratio, edge crossings (between edges that share
no end node), shortest and longest edge (pt), edges over 1,000 pt, smallest font (pt) and
the height of that font when the SVG is shown 800 px wide (only for SVGs wider than 600 pt:
narrower ones are shown at their own size). Issue 11 targets are checked at the end.

Usage: python bench/layout.py [--options "--labels both --color-by speaker"] [MAP.arg ...]
"""

from __future__ import annotations

import argparse
import json
import math
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

Point = tuple[float, float]
Segment = tuple[Point, Point]


@dataclass(frozen=True)
class Layout:
    """The figures of one laid-out DOT graph."""

    nodes: int
    width: float
    height: float
    crossings: int
    shortest: float
    longest: float
    over_1000: int
    smallest_font: float

    @property
    def aspect(self) -> float:
        return max(self.width, self.height) / max(1.0, min(self.width, self.height))

    @property
    def wide_aspect(self) -> float:
        """Width over height (the issue's 'aspect ratio at most 2.5 : 1')."""
        return self.width / max(1.0, self.height)

    @property
    def text_px(self) -> float:
        """Smallest text height in px when the SVG is shown 800 px wide (or at its own size)."""
        scale = 800 / self.width if self.width > 600 else 1.0
        return self.smallest_font * scale


def _bezier(points: list[Point], steps: int = 8) -> list[Point]:
    """Sample a Graphviz B-spline (cubic pieces) into a polyline."""
    out = [points[0]]
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i : i + 4]
        for k in range(1, steps + 1):
            t = k / steps
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
            out.append(
                (
                    a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
                )
            )
    return out


def _cross(s: Segment, t: Segment) -> bool:
    def orient(a: Point, b: Point, c: Point) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    (a, b), (c, d) = s, t
    d1, d2 = orient(c, d, a), orient(c, d, b)
    d3, d4 = orient(a, b, c), orient(a, b, d)
    return d1 * d2 < 0 and d3 * d4 < 0


def _length(line: list[Point]) -> float:
    return sum(math.dist(line[i], line[i + 1]) for i in range(len(line) - 1))


def measure(dot_text: str) -> Layout:
    """Lay out `dot_text` with `dot -Tjson` and measure it."""
    result = subprocess.run(
        ["dot", "-Tjson"], input=dot_text.encode(), capture_output=True, check=True
    )
    graph = json.loads(result.stdout)
    x0, y0, x1, y1 = (float(v) for v in graph["bb"].split(","))
    objects = graph.get("objects", [])
    fonts = [float(graph.get("fontsize", 14))] if graph.get("label") else []
    nodes = 0
    names: dict[int, str] = {}
    for obj in objects:
        if "nodes" in obj or "subgraphs" in obj or str(obj.get("name", "")).startswith("cluster"):
            if obj.get("label"):
                fonts.append(float(obj.get("fontsize", 14)))
            continue
        names[obj["_gvid"]] = obj["name"]
        if str(obj.get("shape")) in ("point", "circle") and not obj.get("label", "").strip():
            continue
        if obj["name"].startswith("legend") and obj.get("shape") == "plaintext":
            pass
        nodes += 0 if "legend" in obj["name"] else 1
        if obj.get("label", "").strip() and obj.get("style") != "invis":
            fonts.append(float(obj.get("fontsize", 14)))
        fonts.extend(_html_fonts(obj))
    lines: list[tuple[int, int, list[Point]]] = []
    for edge in graph.get("edges", []):
        if edge.get("style") == "invis" or "legend" in str(edge.get("id", "")):
            continue
        if edge.get("label"):
            fonts.append(float(edge.get("fontsize", 14)))
        for draw in edge.get("_draw_", []):
            if draw.get("op") == "b":
                points = [(float(p[0]), float(p[1])) for p in draw["points"]]
                lines.append((edge["tail"], edge["head"], _bezier(points)))
    crossings = 0
    for i in range(len(lines)):
        ti, hi, li = lines[i]
        for j in range(i + 1, len(lines)):
            tj, hj, lj = lines[j]
            if {ti, hi} & {tj, hj}:
                continue
            if _polylines_cross(li, lj):
                crossings += 1
    lengths = [_length(line) for _, _, line in lines] or [0.0]
    return Layout(
        nodes=nodes,
        width=x1 - x0,
        height=y1 - y0,
        crossings=crossings,
        shortest=min(lengths),
        longest=max(lengths),
        over_1000=sum(1 for n in lengths if n > 1000),
        smallest_font=min(fonts) if fonts else 14.0,
    )


def _html_fonts(obj: dict[str, object]) -> Iterator[float]:
    """Font sizes of the text pieces Graphviz drew (covers HTML-like labels)."""
    for key in ("_ldraw_",):
        for draw in obj.get(key, []) or []:  # type: ignore[attr-defined]
            if isinstance(draw, dict) and draw.get("op") == "F":
                yield float(draw["size"])


def _polylines_cross(a: list[Point], b: list[Point]) -> bool:
    ax0, ax1 = min(p[0] for p in a), max(p[0] for p in a)
    bx0, bx1 = min(p[0] for p in b), max(p[0] for p in b)
    ay0, ay1 = min(p[1] for p in a), max(p[1] for p in a)
    by0, by1 = min(p[1] for p in b), max(p[1] for p in b)
    if ax1 < bx0 or bx1 < ax0 or ay1 < by0 or by1 < ay0:
        return False
    return any(
        _cross((a[i], a[i + 1]), (b[k], b[k + 1]))
        for i in range(len(a) - 1)
        for k in range(len(b) - 1)
    )


def maps(paths: list[str]) -> Iterator[tuple[str, str]]:
    """(name, .arg source) for the maps to measure."""
    if paths:
        for path in paths:
            yield path, Path(path).read_text(encoding="utf-8")
        return
    for path in sorted((ROOT / "maps").glob("*.arg")) + sorted((ROOT / "docs").rglob("*.arg")):
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")
    from argmap.embed.blocks import parse_block
    from argmap.embed.document import find_fences, split_lines

    for doc in sorted((ROOT / "docs").glob("*.md")):
        for fence in find_fences(split_lines(doc.read_text(encoding="utf-8"))):
            if fence.language != "argmap":
                continue
            block = parse_block(fence.body)
            if block.file is None and block.source.strip():
                yield f"{doc.relative_to(ROOT)}:{fence.start + 1}", block.source
    from argmap.language.printer import to_arg
    from tests.render_fixtures import HANDBUILT

    for name, handbuilt in sorted(HANDBUILT.items()):
        yield f"tests:{name}", to_arg(handbuilt)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("maps", nargs="*")
    parser.add_argument("--options", default="", help="argmap render options, quoted")
    args = parser.parse_args()
    rows = []
    header = (
        f"{'map':44} {'nodes':>5} {'width':>7} {'height':>7} {'aspect':>6} {'cross':>5} "
        f"{'short':>6} {'long':>6} {'>1000':>5} {'font':>5} {'px@800':>6}"
    )
    print(header)
    for name, source in maps(args.maps):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "map.arg"
            path.write_text(source, encoding="utf-8")
            dot = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "argmap",
                    "render",
                    str(path),
                    "-o",
                    "-",
                    "--format",
                    "dot",
                    *shlex.split(args.options),
                ],
                capture_output=True,
                check=False,
            )
        if dot.returncode != 0:
            print(f"{name:44} failed: {dot.stderr.decode().strip().splitlines()[-1:]}")
            continue
        layout = measure(dot.stdout.decode())
        rows.append((name, layout))
        print(
            f"{name[-44:]:44} {layout.nodes:5d} {layout.width:7.0f} {layout.height:7.0f} "
            f"{layout.wide_aspect:6.2f} {layout.crossings:5d} {layout.shortest:6.0f} "
            f"{layout.longest:6.0f} {layout.over_1000:5d} {layout.smallest_font:5.1f} "
            f"{layout.text_px:6.1f}"
        )
    print()
    for name, layout in rows:
        if name.endswith("tokayev.arg"):
            checks = [
                ("crossings <= 10", layout.crossings <= 10),
                ("longest edge <= 1500 pt", layout.longest <= 1500),
                ("aspect (w:h) <= 2.5", layout.wide_aspect <= 2.5),
                ("shortest edge >= 20 pt", layout.shortest >= 20),
            ]
            for what, ok in checks:
                print(f"target {name}: {what}: {'met' if ok else 'NOT met'}")
    small = [(n, lay) for n, lay in rows if lay.nodes <= 25]
    failing = [n for n, lay in small if lay.text_px < 8]
    print(
        f"target: text >= 8 px at 800 px for the {len(small)} maps of <= 25 nodes: "
        + ("met" if not failing else "NOT met for " + ", ".join(failing))
    )


if __name__ == "__main__":
    main()
