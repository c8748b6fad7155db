"""Sphinx extension: the `argmap` directive draws a map (SVG in HTML, PDF in LaTeX)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any, ClassVar, NoReturn

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from argmap.embed.blocks import (
    COLOR_BY,
    GROUPS,
    LABELS,
    SHOW,
    BlockError,
    BlockSettings,
    MapBlock,
    Place,
    content_hash,
    load_block,
    render_block,
)
from argmap.errors import ArgmapError
from argmap.files import write_atomic
from argmap.language.pygments_lexer import ArgmapLexer
from argmap.rendering.dot import RANKDIRS, THEMES, to_dot
from argmap.rendering.html import svg_element
from argmap.version import __version__

LOGGER = logging.getLogger(__name__)


class argmap_map(nodes.General, nodes.Element):
    """A rendered map: holds the map, its settings and the hash naming its output files."""


def _choice(values: tuple[str, ...]) -> Any:
    """An option converter like docutils' `choice`, without its lowercasing (`LR` stays)."""

    def convert(argument: str | None) -> str:
        value = (argument or "").strip()
        if value not in values:
            raise ValueError(f"{value!r} unknown; choose from {', '.join(values)}")
        return value

    return convert


class ArgmapDirective(SphinxDirective):
    """`.. argmap:: maps/debate.arg` or `.. argmap::` followed by map source."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        "caption": directives.unchanged_required,
        "alt": directives.unchanged_required,
        "theme": _choice(THEMES),
        "rankdir": _choice(RANKDIRS),
        "focus": directives.unchanged_required,
        "legend": directives.flag,
        "ids": directives.flag,
        "tags": directives.flag,
        "show": _choice(SHOW),
        # The views, with the block header's keys and values (checked by BlockSettings).
        "overview": directives.flag,
        "depth": directives.unchanged_required,
        "only-tags": directives.unchanged_required,
        "only-speakers": directives.unchanged_required,
        "only-groups": directives.unchanged_required,
        "labels": _choice(LABELS),
        "color-by": _choice(COLOR_BY),
        "groups": _choice(GROUPS),
    }

    def _places(self) -> dict[str, Place]:
        """The line of each `:option:` in the directive, so a problem points at its value."""
        document, line = self.get_source_info()
        places: dict[str, Place] = {}
        for index, text in enumerate(self.block_text.split("\n")):
            stripped = text.strip()
            if stripped.startswith(":") and ":" in stripped[1:]:
                key = stripped[1:].split(":", 1)[0]
                places.setdefault(key, Place(document, line + index, text))
        return places

    def run(self) -> list[nodes.Node]:
        document, line = self.get_source_info()
        flags = ("legend", "ids", "tags", "overview")
        values = {key: str(value) for key, value in self.options.items() if key not in flags}
        values.update({flag: "true" for flag in flags if flag in self.options})
        if self.arguments and self.content:
            raise self.error("argmap: give a file name or map source as content, not both")
        if not self.arguments and not self.content:
            raise self.error("argmap: give a file name or map source as content")
        try:
            places = self._places()
            settings = BlockSettings().with_values(values, (document, line), places)
            if self.arguments:
                relative, absolute = self.env.relfn2path(self.arguments[0])
                # Sphinx re-reads this page whenever the map file changes.
                self.env.note_dependency(relative)
                block = MapBlock(settings, file=absolute, file_line=line, places=places)
                # Maps come from pull requests: the file may not lie outside the source folder.
                srcdir = Path(self.env.srcdir)
                loaded = load_block(block, Path(absolute).parent, (document, line, ""), 0, srcdir)
            else:
                source = "\n".join(self.content)
                block = MapBlock(settings, source, places=places)
                # content_offset is the 0-based line before the content's first line.
                where = (document, self.content_offset, "\n" * self.content_offset + source)
                loaded = load_block(block, Path(document).parent, where)
        except BlockError as error:
            problem = error.problem
            hint = f" (hint: {problem.hint})" if problem.hint else ""
            LOGGER.warning("%s %s%s", problem.code, problem.message, hint,
                           location=f"{problem.path}:{problem.line}", type="argmap")  # fmt: skip
            return [nodes.literal_block(str(error), str(error), classes=["argmap-errors"])]
        for diagnostic in loaded.errors:
            LOGGER.warning(
                "%s %s", diagnostic.code, diagnostic.message,
                location=f"{diagnostic.path}:{diagnostic.span.line}", type="argmap",
            )  # fmt: skip
        if loaded.map is None or loaded.errors:
            report = nodes.literal_block(loaded.report(), loaded.report())
            report["classes"].append("argmap-errors")
            return [report]
        result: list[nodes.Node] = []
        if settings.show in ("source", "both"):
            listing = loaded.text if self.arguments else block.listing
            code = nodes.literal_block(listing, listing, language="argmap")
            result.append(code)
        if settings.show in ("map", "both"):
            title = loaded.map.metadata.title
            node = argmap_map()
            node["map"] = loaded.map
            node["settings"] = settings
            node["hash"] = content_hash(to_dot(loaded.map, settings.render_options()))
            node["alt"] = settings.alt or (f"Argument map: {title}" if title else "Argument map")
            if settings.caption:
                figure = nodes.figure("", node, classes=["argmap"])
                parsed, _ = self.state.inline_text(settings.caption, self.lineno)
                figure += nodes.caption(settings.caption, "", *parsed)
                self.set_source_info(figure)
                result.append(figure)
            else:
                result.append(node)
        return result


# Translators are typed loosely: each builder's has its own `body` and helpers.
def _rendered(translator: SphinxTranslator, node: argmap_map, format: str) -> bytes | None:
    """The map's output, from the cache under the doctree directory when already rendered.

    None (after a warning) when Graphviz is missing or fails.
    """
    env = translator.builder.env
    cache = Path(env.doctreedir) / "argmap" / f"argmap-{node['hash']}.{format}"
    if cache.exists():
        return cache.read_bytes()
    try:
        data = render_block(node["map"], node["settings"], format)
    except ArgmapError as error:
        LOGGER.warning("argmap: %s", error, location=node, type="argmap")
        return None
    cache.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(cache, data)
    return data


def visit_html(translator: Any, node: argmap_map) -> None:
    """Inline SVG, so hover titles work and the text can be searched and selected."""
    rendered = _rendered(translator, node, "svg")
    if rendered is None:
        visit_other(translator, node)
    svg = svg_element(rendered)
    label = html.escape(node["alt"], quote=True)
    svg = svg.replace("<svg", f'<svg role="img" aria-label="{label}"', 1)
    # A map wider than the page scrolls sideways rather than shrinking its text away.
    translator.body.append(f'<div class="argmap" style="overflow-x: auto">\n{svg}\n</div>\n')
    raise nodes.SkipNode


def visit_latex(translator: Any, node: argmap_map) -> None:
    """A PDF beside the .tex file, included at most as wide as the text."""
    name = f"argmap-{node['hash']}.pdf"
    target = Path(translator.builder.outdir) / name
    if not target.exists():
        rendered = _rendered(translator, node, "pdf")
        if rendered is None:
            visit_other(translator, node)
        write_atomic(target, rendered)
    in_figure = isinstance(node.parent, nodes.figure)
    include = f"\\sphinxincludegraphics{{{name}}}"
    if not in_figure:
        include = f"\n\n\\begin{{center}}\n{include}\n\\end{{center}}\n\n"
    translator.body.append(include)
    raise nodes.SkipNode


def visit_other(translator: Any, node: argmap_map) -> NoReturn:
    """Builders with no picture support (text, man, texinfo) show the alt text."""
    add_text = getattr(translator, "add_text", None)
    if add_text is not None:
        add_text(f"[{node['alt']}]")
    else:
        translator.body.append(f"[{node['alt']}]")
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    """Sphinx's entry point: `extensions = ["argmap.embed.sphinx"]` in conf.py."""
    app.add_node(
        argmap_map,
        html=(visit_html, None),
        latex=(visit_latex, None),
        text=(visit_other, None),
        man=(visit_other, None),
        texinfo=(visit_other, None),
    )
    app.add_directive("argmap", ArgmapDirective)
    # The lexer is also registered under pygments.lexers; this covers an uninstalled checkout.
    app.add_lexer("argmap", ArgmapLexer)
    app.add_lexer("arg", ArgmapLexer)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
