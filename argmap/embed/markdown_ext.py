"""Python-Markdown extension and pymdownx.superfences fence that show ```argmap blocks as maps."""

from __future__ import annotations

import html
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from argmap.embed.blocks import BlockError, BlockSettings, load_block, parse_block, render_cached
from argmap.embed.document import LANGUAGE, figure_html, find_fences
from argmap.errors import ArgmapError
from argmap.language.pygments_lexer import highlight_source
from argmap.language.vocabulary import HEADER_KEYS

__all__ = ["ArgmapExtension", "block_html", "fence_format", "fence_validator", "makeExtension"]

LOGGER = logging.getLogger("argmap.markdown")

# Settings an integration may set for every block; a block's own header wins over them.
SETTING_KEYS = tuple(key for key in HEADER_KEYS if key != "file")


def block_html(
    text: str,
    *,
    path: str = "<markdown>",
    line: int = 0,
    base_dir: Path = Path("."),
    root: Path | None = None,
    defaults: BlockSettings | None = None,
    document_text: str = "",
    indent: int = 0,
    logger: logging.Logger = LOGGER,
    used: set[Path] | None = None,
) -> str:
    """The HTML for one argmap block: its map as inline SVG, its source, or its errors.

    `line` is the document line just before the block's first line, so messages give the
    document's own line numbers. Errors are logged as warnings and shown in place. The .arg
    files read are added to `used`; `file:` may only name maps inside `root` (default
    `base_dir`).
    """
    try:
        block = parse_block(text, defaults, (path, line))
        loaded = load_block(
            block, base_dir, (path, line, document_text or text), indent, root or base_dir
        )
        if used is not None:
            used.update(loaded.files)
        if loaded.map is None or loaded.errors:
            return _errors(loaded.report(), logger)
        for diagnostic in loaded.diagnostics:
            logger.debug("argmap: %s:%s: %s", diagnostic.path, diagnostic.span.line,
                        diagnostic.message)  # fmt: skip
        parts = []
        if block.settings.show in ("source", "both"):
            parts.append(highlight_source(block.listing if block.file is None else loaded.text))
        if block.settings.show in ("map", "both"):
            svg = render_cached(loaded.map, block.settings, "svg")
            title = loaded.map.metadata.title
            alt = block.settings.alt or (f"Argument map: {title}" if title else "Argument map")
            parts.append(figure_html(svg, alt, block.settings.caption))
        return "\n".join(parts)
    except BlockError as error:
        return _errors(str(error), logger)
    except ArgmapError as error:
        return _errors(f"{path}:{line + 1}: {error}", logger)


def _errors(report: str, logger: logging.Logger) -> str:
    logger.warning("argmap: the map has errors:\n%s", report)
    return f'<pre class="argmap-errors">{html.escape(report)}</pre>'


class ArgmapPreprocessor(Preprocessor):
    """Replaces each top-level ```argmap fence by its HTML before fenced code is handled."""

    def __init__(self, md: Markdown, extension: ArgmapExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        extension = self.extension
        document_text = "\n".join(lines)
        output: list[str] = []
        done = 0
        for fence in find_fences([line + "\n" for line in lines]):
            if fence.language != LANGUAGE or fence.indent:
                continue  # inside a list item or quote: left alone, as argmap embed does
            markup = block_html(
                fence.body,
                path=extension.document,
                line=fence.start + 1 + extension.line_offset,
                base_dir=extension.base_dir,
                root=extension.root,
                defaults=extension.defaults(),
                document_text="\n" * extension.line_offset + document_text,
                indent=fence.indent,
                logger=extension.logger,
                used=extension.files,
            )
            output.extend(lines[done : fence.start])
            output.extend(["", self.md.htmlStash.store(markup), ""])
            done = fence.end
        output.extend(lines[done:])
        return output


class ArgmapExtension(Extension):
    """`markdown.markdown(text, extensions=["argmap"])`: ```argmap blocks become maps."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "base_dir": [".", "Directory that `file:` paths in blocks are relative to"],
            "root": [
                "",
                "The folder `file:` paths must stay inside (default: base_dir); links resolved",
            ],
            "document": ["<markdown>", "Name of the document in error messages"],
            "theme": ["colour", "Default theme: colour or mono"],
            "rankdir": ["BT", "Default direction: BT, TB, LR or RL"],
            "legend": [False, "Draw a legend by default"],
            "show": ["map", "Default of what to show: map, source or both"],
            "labels": ["auto", "Default of what a box says: auto, title, text or both"],
            "color_by": ["auto", "Default of what the fill tells: auto, role, speaker or tag"],
            "groups": ["auto", "Default for groups: auto, cluster (boxes) or none"],
        }
        super().__init__(**kwargs)
        # Set per page by the MkDocs plugin; plain Python-Markdown users set the config.
        self.base_dir = Path(str(self.getConfig("base_dir")))
        root = str(self.getConfig("root"))
        self.root: Path | None = Path(root) if root else None
        self.document = str(self.getConfig("document"))
        self.line_offset = 0
        self.logger = LOGGER
        self.files: set[Path] = set()

    def defaults(self) -> BlockSettings:
        """The block settings every block starts from."""
        values = {
            key.replace("_", "-"): str(self.getConfig(key)).lower()
            if key == "legend"
            else str(self.getConfig(key))
            for key in ("theme", "rankdir", "legend", "show", "labels", "color_by", "groups")
        }
        return BlockSettings().with_values(values, (self.document, 0))

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # After whitespace normalisation (30), before fenced code and superfences (25).
        md.preprocessors.register(ArgmapPreprocessor(md, self), "argmap", 29)


def makeExtension(**kwargs: Any) -> ArgmapExtension:
    """Python-Markdown's hook for `extensions=["argmap.embed.markdown_ext"]`."""
    return ArgmapExtension(**kwargs)


def fence_validator(
    language: str,
    inputs: Mapping[str, str],
    options: dict[str, str],
    attrs: dict[str, str],
    md: Markdown,
) -> bool:
    """Superfences validator: ```argmap theme="mono" keeps known settings as options."""
    for key, value in inputs.items():
        if key not in SETTING_KEYS:
            return False
        options[key] = value
    return True


def fence_format(
    source: str,
    language: str,
    class_name: str,
    options: Mapping[str, str],
    md: Markdown,
    **kwargs: Any,
) -> str:
    """Superfences custom fence: the block's map as inline SVG (file paths from the cwd)."""
    try:
        defaults = BlockSettings().with_values(dict(options), ("<markdown>", 0))
    except BlockError as error:
        return _errors(str(error), LOGGER)
    return block_html(source, defaults=defaults)
