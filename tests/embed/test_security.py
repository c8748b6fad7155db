"""Documents cannot read files outside their root, nor put script into the pages they become."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from argmap.embed.blocks import BlockError, BlockSettings, MapBlock, load_block
from argmap.embed.document import code_block, embed_file, embed_markdown, markdown_text, one_line
from argmap.embed.markdown_ext import block_html

SECRET = "TOKEN=ghp_do_not_publish\nline two of the secret\n"


def _tree(tmp_path: Path) -> tuple[Path, Path]:
    """docs/ with a map inside, a secret beside docs/, and links that point out of docs/."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (tmp_path / "secret.txt").write_text(SECRET, "utf-8")
    (tmp_path / "secret.arg").write_text(SECRET, "utf-8")
    (docs / "inside.txt").write_text(SECRET, "utf-8")
    (docs / "good.arg").write_text('thesis t: "Inside."\n', "utf-8")
    (docs / "link.arg").symlink_to(tmp_path / "secret.arg")
    (docs / "renamed.arg").symlink_to(docs / "inside.txt")
    return docs, tmp_path / "secret.txt"


ESCAPES = ["../secret.txt", "../secret.arg", "{secret}", "link.arg", "inside.txt", "renamed.arg"]


@pytest.mark.parametrize("name", ESCAPES)
def test_file_outside_the_root_or_not_a_map_is_refused_unread(tmp_path: Path, name: str) -> None:
    docs, secret = _tree(tmp_path)
    name = name.format(secret=secret)
    block = MapBlock(BlockSettings(), file=name, file_line=3)
    with pytest.raises(BlockError) as raised:
        load_block(block, docs, ("index.md", 2, ""), 0, docs)
    message = str(raised.value)
    assert message.startswith(("index.md:3:1: E010 file: ", "index.md:3:1: E011 file: "))
    assert "outside the documentation root" in message or "not a .arg file" in message
    assert "ghp_do_not_publish" not in message


@pytest.mark.parametrize("name", ESCAPES)
def test_no_integration_copies_a_secret_into_its_output(tmp_path: Path, name: str) -> None:
    docs, secret = _tree(tmp_path)
    page = f"# Page\n\n```argmap\nfile: {name.format(secret=secret)}\n```\n"
    # argmap embed --keep-going: the document's folder is the root.
    document = docs / "index.md"
    document.write_text(page, "utf-8")
    embedded = embed_file(document, tmp_path / "out.md", keep_going=True)
    assert embedded.failed
    assert "ghp_do_not_publish" not in (tmp_path / "out.md").read_text("utf-8")
    # The Markdown extension (what the MkDocs plugin runs) with docs/ as the root.
    html = block_html(f"file: {name.format(secret=secret)}\n", base_dir=docs, root=docs)
    assert "argmap-errors" in html and "ghp_do_not_publish" not in html


@pytest.mark.needs_dot
def test_a_map_inside_the_root_is_drawn(tmp_path: Path) -> None:
    docs, _ = _tree(tmp_path)
    assert "Inside." in block_html("file: good.arg\n", base_dir=docs, root=docs)
    # A root the user names lets a page reach maps beside the docs folder.
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "m.arg").write_text('thesis t: "Beside."\n', "utf-8")
    assert "Beside." in block_html("file: ../maps/m.arg\n", base_dir=docs, root=tmp_path)


HOSTILE_SOURCE = (
    'title: "A\\n\\n<img src=x onerror=alert(1)>\\n\\n"\n'
    'thesis t: "x\n```\n<script>alert(1)</script>\n````\n"\n'
)


@pytest.mark.needs_dot
@pytest.mark.parametrize("show", ["source", "both"])
def test_map_text_cannot_escape_into_the_rendered_page(show: str, tmp_path: Path) -> None:
    """The source listing keeps every backtick line inside its fence; alt text is one line."""
    (tmp_path / "hostile.arg").write_text(HOSTILE_SOURCE, "utf-8")
    for block in (f"`````argmap\nshow: {show}\n{HOSTILE_SOURCE}`````\n",
                  f"```argmap\nshow: {show}\nfile: hostile.arg\n```\n"):  # fmt: skip
        document = f"# Doc\n\n{block}\nAfter.\n"
        embedded = embed_markdown(document, "d.md", base_dir=tmp_path, image_stem="d")
        assert not embedded.failed, embedded.report()
        page = markdown.markdown(embedded.text, extensions=["fenced_code"])
        assert "<script" not in page and "<img src=x" not in page, page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert page.rstrip().endswith("<p>After.</p>")


def test_fences_and_markdown_text_hold_anything() -> None:
    for body in ("```\n", "x ````` y\n", "~~~\n", "", "````\n```\n"):
        block = code_block(body, "arg")
        fence = block.split("\n", 1)[0].removesuffix("arg")
        longest = max((len(run) for run in re.findall("`+", body)), default=0)
        assert set(fence) == {"`"} and len(fence) > longest
        html = markdown.markdown(block, extensions=["fenced_code"])
        assert html.count("<pre>") == 1 and html.count("</pre>") == 1
    text = "a\n\n[b](javascript:x) <script>*c*</script> & `d`"
    assert one_line(text) == "a [b](javascript:x) <script>*c*</script> & `d`"
    shown = markdown.markdown(f"![{markdown_text(text)}](img.svg)")
    assert shown.count("<img") == 1 and "<script" not in shown and "href" not in shown
    assert "<em>" not in shown and "<code>" not in shown


def _named_tree(tmp_path: Path) -> Path:
    """docs/ with a page folder, maps that import each other by name, and a secret beside."""
    docs, _ = _tree(tmp_path)
    (docs / "pages").mkdir()
    (docs / "maps").mkdir()
    (docs / "maps" / "charter.arg").write_text('statement integrity: "Borders."\n', "utf-8")
    (docs / "maps" / "top.arg").write_text(
        'import "charter.arg" as un\nthesis t: "Inside, by name."\nun.integrity supports t\n',
        "utf-8",
    )
    (docs / "maps" / "leak.arg").write_text(
        'import "../../secret.arg" as s\nthesis t: "T"\ns.x supports t\n', "utf-8"
    )
    return docs


@pytest.mark.needs_dot
def test_a_named_import_is_followed_inside_the_root_and_refused_outside(tmp_path: Path) -> None:
    docs = _named_tree(tmp_path)
    pages = docs / "pages"
    # The page's folder is docs/pages/; the map and its import are in docs/maps/, inside the root.
    html = block_html("file: ../maps/top.arg\n", base_dir=pages, root=docs)
    assert "Inside, by name." in html and "Borders." in html and "argmap-errors" not in html
    loaded = load_block(
        MapBlock(BlockSettings(), file="../maps/leak.arg", file_line=3),
        pages,
        ("index.md", 2, ""),
        0,
        docs,
    )
    [outside] = [d for d in loaded.diagnostics if d.code == "E011"]
    assert Path(outside.path).name == "leak.arg" and outside.span.line == 1
    html = block_html("file: ../maps/leak.arg\n", base_dir=pages, root=docs)
    assert "argmap-errors" in html and "ghp_do_not_publish" not in html
