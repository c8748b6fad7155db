"""The project's own docs build as an MkDocs site whose maps are drawn by argmap's plugin."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.embed.blocks import BlockSettings, MapBlock, parse_block
from argmap.embed.document import find_fences, split_lines

REPO = Path(__file__).resolve().parents[2]
CONFIG = (REPO / "mkdocs.yml").read_text(encoding="utf-8")


def _argmap_blocks(page: Path) -> list[MapBlock]:
    fences = find_fences(split_lines(page.read_text(encoding="utf-8")))
    site_defaults = BlockSettings(show="both")
    return [parse_block(f.body, site_defaults) for f in fences if f.language == "argmap"]


def test_every_page_is_in_the_nav() -> None:
    nav = set(re.findall(r"^  - (?:[^:\n]+: )?(\S+\.md)$", CONFIG, re.MULTILINE))
    pages = {path.name for path in (REPO / "docs").glob("*.md")}
    assert pages - nav == set(), "add these docs pages to the nav in mkdocs.yml"
    assert nav - pages == set()


def _view(settings: BlockSettings) -> str:
    if settings.overview:
        return "overview"
    if settings.focus or settings.only_tags or settings.only_speakers or settings.only_groups:
        return "part"
    return "default"


def test_the_gallery_draws_every_map_in_every_view() -> None:
    drawn: dict[str | None, set[str]] = {}
    for block in _argmap_blocks(REPO / "docs" / "gallery.md"):
        assert block.settings.show == "map"
        drawn.setdefault(block.file, set()).add(_view(block.settings))
    maps = {f"../maps/{path.name}" for path in (REPO / "maps").glob("*.arg")}
    assert drawn == {file: {"default", "overview", "part"} for file in maps}


def test_the_site_uses_the_argmap_plugin() -> None:
    assert "  - argmap:\n      show: both\n" in CONFIG


@pytest.mark.needs_dot
@pytest.mark.slow
def test_mkdocs_build_strict(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)), capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    for page in sorted((REPO / "docs").glob("*.md")):
        name = "index.html" if page.stem == "index" else f"{page.stem}/index.html"
        html = (site / name).read_text(encoding="utf-8")
        settings = [block.settings for block in _argmap_blocks(page)]
        # show: both (the site's default) draws each map after its highlighted source.
        maps = sum(1 for s in settings if s.show in ("map", "both"))
        sources = sum(1 for s in settings if s.show in ("source", "both"))
        assert html.count('<figure class="argmap">') == maps, page.name
        assert html.count("argmap-source") == sources, page.name
        assert '<pre class="argmap-errors">' not in html, page.name
    assert len(_argmap_blocks(REPO / "docs" / "language.md")) >= 10
    # The gallery draws every example map of maps/ from its file, in three views; an overview
    # or a part draws fewer boxes than the whole map.
    gallery_blocks = _argmap_blocks(REPO / "docs" / "gallery.md")
    gallery = {block.file for block in gallery_blocks}
    assert gallery == {f"../maps/{path.name}" for path in (REPO / "maps").glob("*.arg")}
    gallery_html = (site / "gallery" / "index.html").read_text(encoding="utf-8")
    figures = gallery_html.split('<figure class="argmap">')[1:]
    assert len(figures) == len(gallery_blocks) == 3 * len(gallery)
    boxes = {}
    for block, figure in zip(gallery_blocks, figures, strict=True):
        boxes[block.file, _view(block.settings)] = figure.count('class="node"')
    for file in gallery:
        assert 0 < boxes[file, "overview"] < boxes[file, "default"], file
        assert 0 < boxes[file, "part"] < boxes[file, "default"], file
    language = (site / "language" / "index.html").read_text(encoding="utf-8")
    assert "The city centre should be made car-free." in language
