"""`argmap embed`: replace the argmap blocks of a Markdown document by their rendered maps."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from argmap.embed.blocks import (
    BlockError,
    BlockSettings,
    LoadedMap,
    MapBlock,
    load_block,
    parse_block,
    render_block,
)
from argmap.errors import InputError
from argmap.files import read_bytes, refuse_overwriting_input, require_folder, write_atomic
from argmap.interchange import formats
from argmap.rendering.html import svg_element

LANGUAGE: Final = "argmap"
# What `argmap embed --to` offers: the formats of the registry that embedding knows how to place.
EMBED_FORMATS: Final = formats.names(formats.EMBED)
_OPENING = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")


@dataclass(frozen=True)
class Fence:
    """A fenced code block of a Markdown document (CommonMark rules), by 0-based line index.

    `end` is the index just past the closing fence (the document's end for an unclosed fence).
    """

    start: int
    end: int
    info: str
    indent: int
    body: str

    @property
    def language(self) -> str:
        """The first word of the info string, without braces or a leading dot."""
        words = self.info.strip().strip("{}").split()
        return words[0].lstrip(".") if words else ""


def split_lines(text: str) -> list[str]:
    """The document's lines, each with its own line ending, so joining them gives it back."""
    return _LINE.findall(text)


def find_fences(lines: list[str]) -> list[Fence]:
    """Every top-level fenced code block; fences shown inside other fences are left alone."""
    fences: list[Fence] = []
    index = 0
    while index < len(lines):
        match = _OPENING.match(lines[index].rstrip("\r\n"))
        if match is None or (match.group(2)[0] == "`" and "`" in match.group(3)):
            index += 1
            continue
        indent, marker, info = len(match.group(1)), match.group(2), match.group(3)
        closing = re.compile(rf"^ {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$")
        end = index + 1
        while end < len(lines) and not closing.match(lines[end].rstrip("\r\n")):
            end += 1
        content = lines[index + 1 : end]
        body = "".join(_dedent(line.rstrip("\r\n"), indent) + "\n" for line in content)
        end = min(end + 1, len(lines))
        fences.append(Fence(index, end, info, indent, body))
        index = end
    return fences


def _dedent(line: str, indent: int) -> str:
    """CommonMark: a fence indented by N spaces takes up to N spaces off each content line."""
    spaces = len(line) - len(line.lstrip(" "))
    return line[min(spaces, indent) :]


@dataclass(frozen=True)
class EmbeddedBlock:
    """What became of one argmap block: its map, its problems and what replaced it."""

    fence: Fence
    loaded: LoadedMap | None
    problem: str | None
    replacement: str
    # The SVG file to write beside the document, when the map is linked rather than inline.
    image: bytes | None = None

    @property
    def failed(self) -> bool:
        """True when the block could not be shown as a map."""
        return self.problem is not None or self.loaded is None or bool(self.loaded.errors)

    def report(self) -> str:
        """Every message about the block (errors and warnings), '' when there is none."""
        if self.problem is not None:
            return self.problem
        if self.loaded is not None and self.loaded.diagnostics:
            return self.loaded.report()
        return ""


@dataclass(frozen=True)
class EmbeddedDocument:
    """The document with its maps in place, and the image files to write beside it."""

    text: str
    blocks: tuple[EmbeddedBlock, ...]
    images: dict[str, bytes] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        """True when some block could not be shown as a map."""
        return any(block.failed for block in self.blocks)

    def report(self) -> str:
        """Every message about every block, one after the other."""
        return "\n".join(text for text in (b.report() for b in self.blocks) if text)


def embed_markdown(
    text: str,
    path: str,
    *,
    base_dir: Path,
    image_stem: str,
    inline: bool = False,
    defaults: BlockSettings | None = None,
    to: str = "svg",
    root: Path | None = None,
) -> EmbeddedDocument:
    """Replace each top-level ```argmap block of `text`; keep every other byte as it is.

    Images are named `{image_stem}-{n}.svg` (n counts argmap blocks from 1) and linked by
    that bare name, so they belong beside the output document. `path` names the document in
    messages; relative `file:` paths are read from `base_dir` and must stay inside `root`
    (default `base_dir`). With `to="mermaid"` each block becomes a ```mermaid block instead
    (no Graphviz, no image files).
    """
    if to not in EMBED_FORMATS:
        raise InputError(f"embed --to must be one of {', '.join(EMBED_FORMATS)}, not {to!r}")
    lines = split_lines(text)
    pieces: list[str] = []
    blocks: list[EmbeddedBlock] = []
    images: dict[str, bytes] = {}
    done = 0
    number = 0
    for fence in find_fences(lines):
        if fence.language != LANGUAGE or fence.indent:
            # An indented fence belongs to a list item or a quote: replacing it there
            # would break the list, so it is left as it is.
            continue
        number += 1
        newline = "\r\n" if lines[fence.start].endswith("\r\n") else "\n"
        # The block's last line may be the document's last and lack a line ending.
        ends_line = lines[fence.end - 1].endswith("\n")
        block = _embed_block(
            fence,
            (path, text),
            (base_dir, root or base_dir),
            defaults,
            (inline, to),
            f"{image_stem}-{number}.svg",
        )
        if block.image is not None:
            images[f"{image_stem}-{number}.svg"] = block.image
        pieces.extend(lines[done : fence.start])
        replacement = block.replacement.replace("\n", newline)
        pieces.append(replacement if ends_line else replacement.removesuffix(newline))
        blocks.append(block)
        done = fence.end
    pieces.extend(lines[done:])
    return EmbeddedDocument("".join(pieces), tuple(blocks), images)


def _embed_block(
    fence: Fence,
    document: tuple[str, str],
    folders: tuple[Path, Path],
    defaults: BlockSettings | None,
    how: tuple[bool, str],
    image_name: str,
) -> EmbeddedBlock:
    path, text = document
    inline, to = how
    try:
        block = parse_block(fence.body, defaults, (path, fence.start + 1))
        base_dir, root = folders
        loaded = load_block(block, base_dir, (path, fence.start + 1, text), fence.indent, root)
    except BlockError as error:
        return EmbeddedBlock(fence, None, str(error), _error_block(str(error)))
    if loaded.errors or loaded.map is None:
        return EmbeddedBlock(fence, loaded, None, _error_block(loaded.report()))
    parts = []
    if block.settings.show in ("source", "both"):
        parts.append(code_block(block.listing if block.file is None else loaded.text, "arg"))
    svg = b""
    if block.settings.show in ("map", "both") and to == "mermaid":
        mermaid = render_block(loaded.map, block.settings, "mermaid").decode("utf-8")
        parts.append(f"```mermaid\n{mermaid}```\n")
        if block.settings.caption:
            parts.append(f"*{block.settings.caption}*\n")
    elif block.settings.show in ("map", "both"):
        # A missing or failing Graphviz is no problem of the block: it stops the command.
        svg = render_block(loaded.map, block.settings, "svg")
        alt = _alt(block, loaded)
        if inline:
            parts.append(figure_html(svg, alt, block.settings.caption) + "\n")
        else:
            parts.append(_image_markdown(image_name, alt, block.settings.caption))
    image = svg if svg and not inline else None
    return EmbeddedBlock(fence, loaded, None, "\n".join(parts), image)


def _alt(block: MapBlock, loaded: LoadedMap) -> str:
    if block.settings.alt:
        return block.settings.alt
    title = loaded.map.metadata.title if loaded.map is not None else None
    return f"Argument map: {title}" if title else "Argument map"


def one_line(text: str) -> str:
    """`text` on one line: every run of white space (line breaks too) becomes one space.

    A blank line inside alt text or a caption would end the Markdown or HTML block it sits in
    and let the rest be read as raw HTML.
    """
    return " ".join(text.split())


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]()!#])")


def markdown_text(text: str) -> str:
    """`text` as one line of Markdown that shows literally: no markup, no HTML, no links."""
    text = html.escape(one_line(text), quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def code_block(body: str, info: str) -> str:
    """A fenced code block holding `body` verbatim: the fence has more backticks than any run
    of backticks in `body`, so no line of it can close the block early."""
    runs = re.findall(r"`+", body)
    fence = "`" * max(3, 1 + max((len(run) for run in runs), default=0))
    body = body if body.endswith("\n") else body + "\n"
    return f"{fence}{info}\n{body}{fence}\n"


def _image_markdown(name: str, alt: str, caption: str | None) -> str:
    image = f"![{markdown_text(alt)}]({name})\n"
    return image if caption is None else f"{image}\n*{markdown_text(caption)}*\n"


def figure_html(svg: bytes | str, alt: str, caption: str | None) -> str:
    """A `<figure class="argmap">` holding the inline SVG (labelled with `alt`), one HTML block."""
    element = svg_element(svg)
    label = html.escape(one_line(alt), quote=True)
    element = element.replace("<svg", f'<svg role="img" aria-label="{label}"', 1)
    # A map wider than the page scrolls sideways rather than shrinking its text away.
    parts = ['<figure class="argmap">', '<div style="overflow-x: auto">', element, "</div>"]
    if caption:
        parts.append(f"<figcaption>{html.escape(one_line(caption))}</figcaption>")
    parts.append("</figure>")
    return "\n".join(parts)


def _error_block(report: str) -> str:
    return code_block(report, "text")


def read_document(path: Path) -> str:
    """A Markdown document's text exactly as stored (line endings kept), or InputError."""
    data = read_bytes(path)  # capped while reading; `-` is standard input
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            f"{path}:{line}: the document is not valid UTF-8; save it as UTF-8"
        ) from None


def embed_file(
    document: Path,
    output: Path | None,
    *,
    inline: bool = False,
    keep_going: bool = False,
    defaults: BlockSettings | None = None,
    to: str = "svg",
    root: Path | None = None,
    parents: bool = False,
) -> EmbeddedDocument:
    """Embed the maps of `document` and write the result to `output` (None: nothing written).

    A missing output folder is an error unless `parents` asks for it to be created.

    `file:` in a block may only name maps inside `root` (default: the document's folder).

    Linked SVG files go beside `output` (or into the current directory when `output` is
    None and the caller prints the text). When a block fails and `keep_going` is false,
    nothing at all is written.
    """
    if output is not None:
        refuse_overwriting_input(document, output)
        if not parents:
            require_folder(output)  # before the maps are drawn, not after
    stem = (output or document).stem
    embedded = embed_markdown(
        read_document(document),
        str(document),
        base_dir=document.parent,
        image_stem=stem,
        inline=inline,
        defaults=defaults,
        to=to,
        root=root,
    )
    if embedded.failed and not keep_going:
        return embedded
    directory = output.parent if output is not None else Path(".")
    for name, svg in embedded.images.items():
        write_atomic(directory / name, svg, inputs=[document], parents=parents)
    if output is not None:
        write_atomic(output, embedded.text, inputs=[document], parents=parents)
    return embedded
