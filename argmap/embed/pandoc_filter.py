"""`argmap-pandoc`: a Pandoc JSON filter that turns `argmap` code blocks into figures.

SVG for HTML, PDF for LaTeX (and so PDF output), PNG for Word and everything else. The block
is the same as everywhere else (docs/embedding.md): header lines (`caption:`, `alt:`, `file:`,
`theme:` ...) then the map, or a `file:` relative to the document. Pandoc attributes work too:
```{.argmap #fig-plan caption="The plan"}. Problems are reported on stderr at the document's
own line, and the filter then fails (exit 1) unless the metadata says `argmap-keep-going`.
"""

from __future__ import annotations

import io
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from argmap.embed.blocks import (
    BlockError,
    BlockSettings,
    Place,
    content_hash,
    load_block,
    parse_block,
    render_cached,
)
from argmap.embed.document import LANGUAGE, find_fences, split_lines
from argmap.errors import ArgmapError, InputError
from argmap.files import write_atomic
from argmap.language.vocabulary import HEADER_KEYS
from argmap.rendering.dot import to_dot
from argmap.rendering.graphviz import run_dot

try:
    import panflute as pf
except ImportError:  # the `pandoc` extra is not installed: main() says how to install it
    pf = None

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

# Output format (as Pandoc names it to filters) -> picture format.
PICTURES: Final = {
    **dict.fromkeys(
        ("html", "html4", "html5", "epub", "epub2", "epub3", "revealjs", "slidy", "s5",
         "dzslides", "slideous", "gfm", "commonmark", "commonmark_x", "markdown"),
        "svg",
    ),
    **dict.fromkeys(("latex", "beamer", "context"), "pdf"),
}  # fmt: skip
DEFAULT_PICTURE: Final = "png"  # Word, ODT, PowerPoint, RTF and the rest
PNG_DPI: Final = 192
_DATA_POS: Final = re.compile(r"^(?:(?P<file>.*)@)?(?P<line>\d+):\d+-")
_DOCUMENT_SUFFIXES: Final = (".md", ".markdown", ".qmd", ".rmd", ".txt", ".mdown")


@dataclass
class Source:
    """The document's text, where it is, and which of its argmap fences are already used."""

    path: str
    text: str
    folder: Path
    used: set[int] = field(default_factory=set)


@dataclass
class State:
    """What the filter learns while walking one document."""

    picture: str
    figures: Path
    root: Path | None
    source: Source | None
    keep_going: bool
    number: int = 0
    labels: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def picture_format(output_format: str) -> str:
    """The picture format for Pandoc's output format (`html` -> svg, `latex` -> pdf...)."""
    return PICTURES.get(output_format, DEFAULT_PICTURE)


def _metadata(doc: pf.Doc, key: str) -> Any:
    return doc.get_metadata(key, None)


def _candidate_documents(doc: pf.Doc) -> list[str]:
    """Where the document may be: the metadata says, else the files Pandoc was given."""
    given = _metadata(doc, "argmap-input")
    if given:
        return [str(given)]
    # Pandoc tells a JSON filter nothing about its input files; on Linux they can be read
    # from the command line of the pandoc process that started the filter.
    try:
        arguments = Path(f"/proc/{os.getppid()}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return []
    names = [a.decode("utf-8", "replace") for a in arguments[1:] if a]
    return [n for n in names if n.lower().endswith(_DOCUMENT_SUFFIXES) and Path(n).is_file()]


def _read_source(doc: pf.Doc) -> Source | None:
    for name in _candidate_documents(doc):
        try:
            text = Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if f"{LANGUAGE}" in text:
            return Source(name, text, Path(name).resolve().parent)
    return None


def _locate(code: pf.CodeBlock, source: Source | None) -> int | None:
    """The 0-based line of the fence that opens this block in the source, or None."""
    position = code.attributes.get("data-pos")
    if position:
        match = _DATA_POS.match(position)
        if match:
            return int(match.group("line")) - 1
    if source is None:
        return None
    wanted = code.text.rstrip("\n")
    for fence in find_fences(split_lines(source.text)):
        if fence.start in source.used or fence.language != LANGUAGE:
            continue
        if fence.body.rstrip("\n") == wanted:
            source.used.add(fence.start)
            return fence.start
    return None


def _attribute_settings(code: pf.CodeBlock) -> dict[str, str]:
    """Header settings given as Pandoc attributes (`caption="..."`, `fig-cap`, `theme=mono`)."""
    values: dict[str, str] = {}
    for key, value in code.attributes.items():
        name = {"fig-cap": "caption", "fig-alt": "alt"}.get(key, key)
        if name in HEADER_KEYS and name != "file":
            values[name] = value
    return values


def _confined(block_file: str, base: Path, root: Path | None, where: Place) -> None:
    """Refuse a `file:` outside the document's folder (or the `argmap-root` folder)."""
    allowed = (root or base).resolve()
    target = (base / block_file).resolve()
    if not target.is_relative_to(allowed):
        raise where.problem(
            "file",
            f"file: {block_file} is outside {allowed}",
            "maps must sit in the document's folder (or the folder the metadata "
            "`argmap-root` names): move the map there",
            code="E011",
        )


def _figure(state: State, doc: pf.Doc, code: pf.CodeBlock) -> pf.Element:

    source = state.source
    line = _locate(code, source)
    path = source.path if source is not None else "<document>"
    text = source.text if source is not None else code.text
    base = source.folder if source is not None else Path.cwd()
    offset = line + 1 if line is not None else 0
    lines = text.split("\n") if line is not None else []
    try:
        # Attributes stand on the fence's line: a problem with one points at it there.
        fence = Place(path, offset, lines[line]) if line is not None and line < len(lines) else None
        attributes = _attribute_settings(code)
        where = {key: fence for key in attributes} if fence is not None else None
        settings = BlockSettings().with_values(attributes, (path, offset), where)
        block = parse_block(code.text, settings, (path, offset))
        if block.file is not None:
            _confined(block.file, base, state.root, block.place("file", (path, block.file_line)))
        loaded = load_block(block, base, (path, offset, text if line is not None else code.text))
    except BlockError as error:
        return _failed(state, str(error))
    if loaded.diagnostics:
        print(loaded.report(), file=sys.stderr)
    if loaded.errors or loaded.map is None:
        return _failed(state, loaded.report(), reported=True)
    # Named after what is drawn, so an unchanged map is neither drawn nor written again.
    drawn = to_dot(loaded.map, block.settings.render_options())
    target = state.figures / f"argmap-{content_hash(drawn, state.picture)}.{state.picture}"
    if not target.exists():
        data = _draw(loaded.map, block.settings, state.picture, drawn)
        try:
            state.figures.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(f"{state.figures}: cannot create it ({error.strerror})") from None
        write_atomic(target, data)
    state.number += 1
    label = code.identifier
    if label:
        state.labels[label] = state.number
    title = loaded.map.metadata.title
    alt = block.settings.alt or (f"Argument map: {title}" if title else "Argument map")
    caption = _inlines(block.settings.caption) if block.settings.caption else []
    url = str(target)
    if tuple(doc.api_version) >= (1, 23):
        image = pf.Image(*([pf.Str(alt)]), url=url, attributes={"alt": alt})
        return pf.Figure(
            pf.Plain(image),
            caption=pf.Caption(pf.Plain(*caption)) if caption else None,
            identifier=label,
            classes=["argmap"],
        )
    # Before Pandoc 3 a figure is a paragraph holding one image whose title starts `fig:`.
    image = pf.Image(
        *(caption or [pf.Str(alt)]),
        url=url,
        title="fig:" if caption else "",
        identifier=label,
        attributes={"alt": alt},
    )
    return pf.Para(image)


def _draw(argument_map: ArgumentMap, settings: BlockSettings, picture: str, drawn: str) -> bytes:
    """The picture; a PNG at print resolution (Word shows it at the same size, sharper)."""
    if picture != "png":
        return render_cached(argument_map, settings, picture)
    opening = drawn.index("{") + 1
    return run_dot(f"{drawn[:opening]}\n  dpi={PNG_DPI};{drawn[opening:]}", "png")


def _inlines(markdown: str) -> list[pf.Element]:
    converted = pf.convert_text(markdown, input_format="markdown")
    inlines: list[pf.Element] = []
    for block in converted:
        inlines.extend(block.content)
    return inlines


def _failed(state: State, report: str, reported: bool = False) -> pf.Element:
    if not reported:
        print(report, file=sys.stderr)
    state.problems.append(report)
    return pf.CodeBlock(report, classes=["argmap-error"])


def _reference(state: State, element: pf.Cite) -> pf.Element | None:
    """`@fig-plan` becomes a link "Figure N" when fig-plan is an argmap figure."""
    ids = [citation.id for citation in element.citations]
    if len(ids) != 1 or ids[0] not in state.labels:
        return None
    number = state.labels[ids[0]]
    return pf.Link(pf.Str(f"Figure\u00a0{number}"), url=f"#{ids[0]}")


def _action(element: pf.Element, doc: pf.Doc) -> pf.Element | None:
    state: State = doc.argmap_state
    if isinstance(element, pf.CodeBlock) and LANGUAGE in element.classes:
        return _figure(state, doc, element)
    return None


def _references(element: pf.Element, doc: pf.Doc) -> pf.Element | None:
    if isinstance(element, pf.Cite):
        return _reference(doc.argmap_state, element)
    return None


def run(doc: pf.Doc) -> pf.Doc:
    """Apply the filter to a Pandoc document (its `format` says the output format)."""
    root = _metadata(doc, "argmap-root")
    doc.argmap_state = State(
        picture=picture_format(doc.format),
        figures=Path(str(_metadata(doc, "argmap-figures") or "argmap-figures")),
        root=Path(str(root)) if root else None,
        source=_read_source(doc),
        keep_going=bool(_metadata(doc, "argmap-keep-going")),
    )
    doc.walk(_action)
    # Quarto numbers and links `@fig-...` itself; plain Pandoc gets "Figure N" links.
    if not _metadata(doc, "argmap-quarto"):
        doc.walk(_references)
    return doc


def main() -> None:
    """The `argmap-pandoc` command: Pandoc JSON on stdin, Pandoc JSON on stdout."""
    if pf is None:
        print("argmap-pandoc: needs panflute: pip install 'argmap[pandoc]'", file=sys.stderr)
        sys.exit(2)
    # Pandoc passes the output format as the first argument.
    output_format = sys.argv[1] if len(sys.argv) > 1 else "html"
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8")
    try:
        doc = pf.load(stdin)
        doc.format = output_format
        run(doc)
    except ArgmapError as error:
        print(f"argmap-pandoc: error: {error}", file=sys.stderr)
        sys.exit(error.exit_code)
    state: State = doc.argmap_state
    if state.problems and not state.keep_going:
        print(
            f"argmap-pandoc: {len(state.problems)} map(s) could not be drawn; fix them, or set "
            "the metadata argmap-keep-going: true to show the errors in the document",
            file=sys.stderr,
        )
        sys.exit(1)
    del doc.argmap_state
    stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8")
    pf.dump(doc, stdout)
    stdout.flush()


if __name__ == "__main__":
    main()
