"""`argmap embed`: whole output documents, byte for byte, and the command's exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.cli import main
from argmap.embed.blocks import BlockSettings
from argmap.embed.document import (
    embed_file,
    embed_markdown,
    figure_html,
    find_fences,
    split_lines,
)
from argmap.rendering.dot import RenderOptions
from argmap.rendering.graphviz import render

PLAN = 'thesis t: "We should adopt the plan."\n  + premise cheap: "The plan is cheap."\n'
BROKEN = 'thesis t: "x"\n  + premise p: "y"\n  - nope\n'


def _svg(source: str, options: RenderOptions | None = None) -> bytes:
    return render(argmap.loads(source), "svg", options)


def test_fences_follow_commonmark() -> None:
    text = (
        '````markdown\n```argmap\nthesis t: "x"\n```\n````\n'  # a fence shown in a fence
        '~~~argmap\nthesis u: "y"\n~~~\n'
        "   ```{.argmap}\n   x\n  ```\n"
        "``` not `a` fence\n"
        "```argmap\nunclosed\n"
    )
    fences = find_fences(split_lines(text))
    assert [(f.start, f.end, f.language, f.indent) for f in fences] == [
        (0, 5, "markdown", 0),
        (5, 8, "argmap", 0),
        (8, 11, "argmap", 3),
        (12, 14, "argmap", 0),
    ]
    assert fences[2].body == "x\n"
    assert fences[3].body == "unclosed\n"


def test_a_document_without_blocks_comes_back_unchanged(tmp_path: Path) -> None:
    text = "\ufeff# Title\r\n\r\n```python\r\nprint(1)\r\n```\r\nno newline at the end"
    result = embed_markdown(text, "d.md", base_dir=tmp_path, image_stem="d")
    assert result.text == text
    assert result.blocks == ()
    assert result.images == {}


@pytest.mark.needs_dot
def test_linked_maps_keep_every_other_byte(tmp_path: Path) -> None:
    text = (
        "# Plan\r\n"
        "\r\n"
        "````markdown\r\n```argmap\r\nnot drawn\r\n```\r\n````\r\n"
        "\r\n"
        "```argmap\r\n" + PLAN.replace("\n", "\r\n") + "```\r\n"
        "Text  with trailing spaces   \r\n"
        "~~~ argmap\r\ncaption: Again\r\nalt: The plan [again]\r\n"
        + PLAN.replace("\n", "\r\n")
        + "~~~"
    )
    result = embed_markdown(text, "d.md", base_dir=tmp_path, image_stem="out")
    assert result.text == (
        "# Plan\r\n"
        "\r\n"
        "````markdown\r\n```argmap\r\nnot drawn\r\n```\r\n````\r\n"
        "\r\n"
        "![Argument map](out-1.svg)\r\n"
        "Text  with trailing spaces   \r\n"
        "![The plan \\[again\\]](out-2.svg)\r\n"
        "\r\n"
        "*Again*"
    )
    assert result.images == {"out-1.svg": _svg(PLAN), "out-2.svg": _svg(PLAN)}
    assert not result.failed


@pytest.mark.needs_dot
def test_inline_maps_are_figures_with_the_svg(tmp_path: Path) -> None:
    text = f"Before.\n\n```argmap\ntheme: mono\ncaption: The <plan>\n{PLAN}```\n\nAfter.\n"
    result = embed_markdown(text, "d.md", base_dir=tmp_path, image_stem="d", inline=True)
    figure = figure_html(_svg(PLAN, RenderOptions(theme="mono")), "Argument map", "The <plan>")
    assert result.text == f"Before.\n\n{figure}\n\nAfter.\n"
    assert result.images == {}
    assert figure.startswith(
        '<figure class="argmap">\n<div style="overflow-x: auto">\n'
        '<svg role="img" aria-label="Argument map"'
    )
    assert figure.endswith("</svg>\n</div>\n<figcaption>The &lt;plan&gt;</figcaption>\n</figure>")
    assert "\n\n" not in figure


@pytest.mark.needs_dot
def test_show_source_and_both(tmp_path: Path) -> None:
    text = f"```argmap\nshow: source\n{PLAN}```\n```argmap\nshow: both\n{PLAN}```\n"
    result = embed_markdown(text, "d.md", base_dir=tmp_path, image_stem="d")
    assert result.text == (f"```arg\n{PLAN}```\n```arg\n{PLAN}```\n\n![Argument map](d-2.svg)\n")
    assert list(result.images) == ["d-2.svg"]


def test_a_broken_block_is_replaced_by_its_messages(tmp_path: Path) -> None:
    text = f"# Notes\n\n```argmap\n{BROKEN}```\nEnd.\n"
    result = embed_markdown(text, "notes.md", base_dir=tmp_path, image_stem="notes")
    assert result.failed
    report = (
        "notes.md:6:5: E101 the source of this 'attacks' relation, 'nope' is not declared "
        "[error]\n"
        "    6 |   - nope\n"
        "      |     ^~~~\n"
        "      = hint: declare it with a role (for example premise) or fix the id"
    )
    assert result.report() == report
    assert result.text == f"# Notes\n\n```text\n{report}\n```\nEnd.\n"


def test_a_header_problem_names_the_document_line(tmp_path: Path) -> None:
    text = "x\n\n```argmap\nfile: gone.arg\n```\n"
    result = embed_markdown(text, "d.md", base_dir=tmp_path, image_stem="d")
    report = result.report()
    assert report.split("\n")[:3] == [
        "d.md:4:7: E010 gone.arg: no such file [error]",
        "    4 | file: gone.arg",
        "      |       ^~~~~~~~",
    ]
    assert report.split("\n")[3].startswith("      = hint: the path is relative to the document")
    assert result.text == f"x\n\n```text\n{report}\n```\n"


@pytest.mark.needs_dot
def test_the_command_writes_the_document_and_its_images(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "plan.arg").write_text(PLAN, encoding="utf-8")
    (tmp_path / "doc.md").write_bytes(b"# A\n\n```argmap\nfile: maps/plan.arg\n```\n")
    (tmp_path / "out").mkdir()
    result = CliRunner().invoke(
        main, ["embed", str(tmp_path / "doc.md"), "-o", str(tmp_path / "out" / "page.md")]
    )
    assert (result.exit_code, result.output) == (0, "")
    assert (tmp_path / "out" / "page.md").read_bytes() == b"# A\n\n![Argument map](page-1.svg)\n"
    assert (tmp_path / "out" / "page-1.svg").read_bytes() == _svg(PLAN)


@pytest.mark.needs_dot
def test_the_command_prints_to_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("doc.md").write_text(f"```argmap\n{PLAN}```\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["embed", "doc.md", "--inline"])
    assert result.exit_code == 0
    figure = figure_html(_svg(PLAN), "Argument map", None)
    assert result.stdout == f"{figure}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.md"]


def test_errors_stop_the_command_unless_keep_going(tmp_path: Path) -> None:
    doc = tmp_path / "notes.md"
    doc.write_text(f"```argmap\n{BROKEN}```\n", encoding="utf-8")
    out = tmp_path / "out.md"
    result = CliRunner().invoke(main, ["embed", str(doc), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{doc}:4:5: E101 the source of this 'attacks' relation")
    assert not out.exists()
    result = CliRunner().invoke(main, ["embed", str(doc), "-o", str(out), "--keep-going"])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == f"```text\n{result.stderr.rstrip()}\n```\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "argmap: error: {doc}: no such file\n"),
        (
            b"\xff\xfe bad",
            "argmap: error: {doc}:1: the document is not valid UTF-8; save it as UTF-8\n",
        ),
    ],
)
def test_unreadable_documents_exit_2(tmp_path: Path, content: bytes | None, message: str) -> None:
    doc = tmp_path / "d.md"
    if content is not None:
        doc.write_bytes(content)
    result = CliRunner().invoke(main, ["embed", str(doc)])
    assert (result.exit_code, result.stderr) == (2, message.format(doc=doc))


_MARKDOWN_PIECES = st.sampled_from(
    ["```", "~~~", "````", "```argmap\n", "```python\n", "   ", "\n", "\r\n", "text", "`", "~",
     'thesis t: "x"\n', "theme: mono\n", "file: \n", "é", "\t"]
)  # fmt: skip


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_MARKDOWN_PIECES, st.text(max_size=5)), max_size=30).map("".join))
def test_no_document_crashes_and_others_bytes_survive(text: str) -> None:
    result = embed_markdown(text, "d.md", base_dir=Path("/nonexistent"), image_stem="d",
                            defaults=BlockSettings(show="source"))  # fmt: skip
    if "argmap" not in text:
        assert result.text == text
    lines = split_lines(text)
    assert "".join(lines) == text
    drawn = [f for f in find_fences(lines) if f.language == "argmap" and not f.indent]
    assert len(result.blocks) == len(drawn)


def test_a_block_inside_a_list_item_is_left_as_it_is(tmp_path: Path) -> None:
    document = (
        '1. Step one:\n\n   ```argmap\n   thesis x: "inside list"\n'
        '     + premise y: "why"\n   ```\n\n2. Step two.\n'
    )
    source = tmp_path / "list.md"
    source.write_text(document, encoding="utf-8")
    output = tmp_path / "out" / "list.md"
    embed_file(source, output, parents=True)
    assert output.read_text(encoding="utf-8") == document
    assert not list((tmp_path / "out").glob("*.svg"))
