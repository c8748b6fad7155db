"""`argmap-pandoc` and the Quarto extension's Lua filter, run by the real `pandoc` (from apt)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from argmap.embed.pandoc_filter import picture_format
from tests.conftest import REPO

FILTER = Path(sys.executable).parent / "argmap-pandoc"
LUA = REPO / "editors" / "quarto" / "_extensions" / "argmap" / "argmap.lua"
pytestmark = [
    pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed"),
    pytest.mark.skipif(not FILTER.exists(), reason="argmap is not installed with its scripts"),
    pytest.mark.needs_dot,
]

PAGE = (REPO / "docs" / "publishing.md").read_text(encoding="utf-8")
EXAMPLES = {
    name: body
    for name, _, body in re.findall(
        r"<!-- example: ([\w-]+) -->\n(`{3,})[^\n]*\n(.*?)^\2\n", PAGE, re.S | re.M
    )
}
# The documented paper and the map file beside it.
DOCUMENT = EXAMPLES["pandoc-paper"]
SMALL = EXAMPLES["pandoc-small"]
BROKEN = """\
# Broken

Some text.

```argmap
thesis t: "T"
  + premise p: "P"
p supports missing
```

```argmap
file: ../outside.arg
```
"""


def pandoc(
    folder: Path, document: str, *args: str, lua: bool = False
) -> subprocess.CompletedProcess[str]:
    (folder / "paper.md").write_text(document, encoding="utf-8")
    (folder / "maps").mkdir(exist_ok=True)
    (folder / "maps" / "small.arg").write_text(SMALL, encoding="utf-8")
    using = ["--lua-filter", str(LUA)] if lua else ["--filter", str(FILTER)]
    environment = {**os.environ, "PATH": f"{FILTER.parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        ["pandoc", "paper.md", *using, *args],
        cwd=folder,
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
        check=False,
    )


def test_picture_formats() -> None:
    assert [picture_format(f) for f in ("html5", "latex", "beamer", "docx", "odt")] == [
        "svg", "pdf", "pdf", "png", "png",
    ]  # fmt: skip


@pytest.mark.slow
def test_html_gets_svg_figures_with_captions_and_references(tmp_path: Path) -> None:
    result = pandoc(tmp_path, DOCUMENT, "-t", "html")
    assert result.returncode == 0, result.stderr
    html = result.stdout
    images = re.findall(r'<img src="([^"]+)"', html)
    assert len(images) == 2
    for image in images:
        assert image.endswith(".svg")
        assert (tmp_path / image).read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert "We should adopt the plan." in (tmp_path / images[0]).read_text(encoding="utf-8")
    assert "Small premise" in (tmp_path / images[1]).read_text(encoding="utf-8")
    figure = re.search(r"<figure>(.*?)</figure>", html, re.S)
    assert figure is not None and 'id="fig-plan"' in figure.group(1)
    assert "<figcaption>The <em>plan</em> and its critics</figcaption>" in figure.group(1)
    assert '<a href="#fig-plan">Figure\u00a01</a> shows' in html
    assert 'alt="A small map"' in html


@pytest.mark.slow
def test_latex_gets_pdf_figures_with_labels(tmp_path: Path) -> None:
    result = pandoc(tmp_path, DOCUMENT, "-t", "latex")
    assert result.returncode == 0, result.stderr
    latex = result.stdout
    pictures = re.findall(r"\\includegraphics(?:\[[^]]*\])?\{([^}]+)\}", latex)
    assert len(pictures) == 2 and all(p.endswith(".pdf") for p in pictures)
    assert all((tmp_path / p).read_bytes().startswith(b"%PDF") for p in pictures)
    assert r"\caption{The \emph{plan} and its critics}\label{fig-plan}" in latex
    assert r"As \protect\hyperlink{fig-plan}{Figure~1} shows" in latex


@pytest.mark.slow
def test_word_gets_png_figures(tmp_path: Path) -> None:
    result = pandoc(tmp_path, DOCUMENT, "-o", "paper.docx")
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "paper.docx") as docx:
        media = [n for n in docx.namelist() if n.startswith("word/media/")]
        body = docx.read("word/document.xml").decode("utf-8")
        assert len(media) == 2
        assert all(docx.read(n).startswith(b"\x89PNG\r\n\x1a\n") for n in media)
    assert "and its critics" in body and "Figure\u00a01" in body


@pytest.mark.slow
@pytest.mark.parametrize("lua", [False, True], ids=["filter", "quarto-lua"])
def test_problems_are_reported_at_the_documents_lines(tmp_path: Path, lua: bool) -> None:
    (tmp_path / "outside.arg").write_text(SMALL, encoding="utf-8")
    folder = tmp_path / "paper"
    folder.mkdir()
    result = pandoc(folder, BROKEN, "-t", "html", lua=lua)
    assert result.returncode != 0
    assert "paper.md:8:12: E101" in result.stderr
    assert "    8 | p supports missing" in result.stderr
    assert re.search(r"paper\.md:12:7: E011 file: \.\./outside\.arg is outside", result.stderr)
    assert "   12 | file: ../outside.arg\n      |       ^~~~~~~~~~~~~~" in result.stderr
    assert "2 map(s) could not be drawn" in result.stderr
    documented = re.search(r"\*\*Problems\*\*.*?```text\n(.*?)argmap-pandoc:", PAGE, re.S)
    assert documented is not None and documented.group(1) in result.stderr
    kept = pandoc(folder, BROKEN, "-t", "html", "-M", "argmap-keep-going=true", lua=lua)
    assert kept.returncode == 0, kept.stderr
    assert kept.stdout.count('class="argmap-error"') == 2
    assert "<img" not in kept.stdout and "Small thesis" not in kept.stdout


@pytest.mark.slow
def test_the_quarto_lua_filter_draws_the_same_figures(tmp_path: Path) -> None:
    direct = pandoc(tmp_path, DOCUMENT, "-t", "html")
    through_lua = pandoc(tmp_path, DOCUMENT, "-t", "html", lua=True)
    assert through_lua.returncode == 0, through_lua.stderr
    assert through_lua.stdout == direct.stdout
