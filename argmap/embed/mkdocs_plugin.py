"""MkDocs plugin `argmap`: ```argmap blocks become maps, errors fail `mkdocs build --strict`."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from argmap.embed.blocks import COLOR_BY, GROUPS, LABELS, SHOW
from argmap.embed.markdown_ext import ArgmapExtension
from argmap.rendering.dot import RANKDIRS, THEMES

# A logger under "mkdocs." is counted by MkDocs, so a broken map fails a --strict build.
LOGGER = logging.getLogger("mkdocs.plugins.argmap")


class ArgmapPluginConfig(base.Config):  # type: ignore[no-untyped-call]
    """The plugin's settings in mkdocs.yml: defaults for every block of the site."""

    theme = options.Choice(THEMES, default="colour")
    rankdir = options.Choice(RANKDIRS, default="BT")
    legend = options.Type(bool, default=False)
    show = options.Choice(SHOW, default="map")
    labels = options.Choice(LABELS, default="auto")
    color_by = options.Choice(COLOR_BY, default="auto")
    groups = options.Choice(GROUPS, default="auto")
    # The folder `file:` may read maps from, relative to mkdocs.yml; empty means docs_dir.
    root = options.Type(str, default="")


class ArgmapPlugin(BasePlugin[ArgmapPluginConfig]):  # type: ignore[no-untyped-call]
    """Adds the argmap Markdown extension and tells it which page it is reading."""

    def __init__(self) -> None:
        super().__init__()
        self.extension: ArgmapExtension | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.extension = ArgmapExtension(
            theme=self.config.theme,
            rankdir=self.config.rankdir,
            legend=self.config.legend,
            show=self.config.show,
            labels=self.config.labels,
            color_by=self.config.color_by,
            groups=self.config.groups,
        )
        self.extension.logger = LOGGER
        config.markdown_extensions.append(self.extension)  # type: ignore[arg-type]
        return config

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        extension = self.extension
        if extension is None:
            return markdown
        source = page.file.abs_src_path
        extension.document = page.file.src_uri
        extension.base_dir = Path(source).parent if source else Path(config.docs_dir)
        # Maps come from pull requests: `file:` may not reach outside docs_dir (or `root`).
        extension.root = self.root(config)
        # MkDocs has taken the front matter off; count it so messages give the file's lines.
        raw = page.file.content_string
        start = raw.find(markdown) if markdown else -1
        extension.line_offset = raw[:start].count("\n") if start > 0 else 0
        return markdown

    def root(self, config: MkDocsConfig) -> Path:
        """The folder `file:` paths must stay inside: `root` (from mkdocs.yml's folder), or
        docs_dir."""
        if not self.config.root:
            return Path(config.docs_dir)
        return Path(config.config_file_path or ".").parent / self.config.root

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        # `mkdocs serve` rebuilds when a map file changes, wherever the maps live.
        used = self.extension.files if self.extension is not None else set()
        for directory in sorted({path.resolve().parent for path in used}):
            server.watch(str(directory))
        return server
