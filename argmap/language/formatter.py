"""The formatter: re-indents and re-spaces `.arg` source, keeping its structure and comments."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from argmap.errors import ArgmapError
from argmap.language.loading import loads
from argmap.language.vocabulary import (
    ARROW,
    COMMENT,
    ID_PATTERN,
    NUMBER_PATTERN,
    PUNCTUATION,
    QUALIFIED_ID_PATTERN,
    SIGNS,
    SPEAKER_PATTERN,
    TAG_PATTERN,
    alternation,
    indent_width,
)

# One token of the source. Strings come first so that `//` or `#` inside quotes is text.
_TOKEN = re.compile(
    r"""
    (?P<string>"[^"\\]*(?:\\.[^"\\]*)*")
  | (?P<comment>"""
    + re.escape(COMMENT)
    + r"""[^\n]*)
  | (?P<newline>\n)
  | (?P<space>[ \t\f\v]+)
  | (?P<word>"""
    + "|".join(
        (
            re.escape(ARROW),
            re.escape("><"),
            SPEAKER_PATTERN,
            r"\#" + TAG_PATTERN,
            QUALIFIED_ID_PATTERN,
            ID_PATTERN,
            NUMBER_PATTERN,
        )
    )
    + r""")
  | (?P<punct>"""
    + alternation((*PUNCTUATION, *SIGNS))
    + r""")
    """,
    re.VERBOSE | re.DOTALL,
)
_SIGNS = tuple(SIGNS)
_NO_SPACE_BEFORE = (":", ",", ")")  # and none after "("
# How far a child is indented beyond the text of its parent line (after any sign).
STEP = 2


class FormatError(ArgmapError):
    """The source cannot be formatted (it does not parse, or formatting would change it)."""


@dataclass
class _Line:
    """One logical line: its indentation width, its tokens and its trailing comment."""

    indent: int
    tokens: list[str]
    comment: str | None
    blank_before: bool


def _logical_lines(text: str) -> list[_Line]:
    """Split source text into logical lines; a string may run over several physical lines."""
    lines: list[_Line] = []
    tokens: list[str] = []
    comment: str | None = None
    indent = 0
    at_line_start = True
    blank_pending = False
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise FormatError(f"unexpected character {text[position]!r} at offset {position}")
        kind, value = match.lastgroup, match.group()
        position = match.end()
        if kind == "space":
            if at_line_start:
                # The parser ignores the indentation of the file's first line (no line break
                # comes before it), so the formatter does too.
                indent = indent_width(value) if match.start() > 0 else 0
            continue
        if kind == "newline":
            if tokens or comment is not None:
                lines.append(_Line(indent, tokens, comment, blank_pending))
                blank_pending = False
            elif lines:
                blank_pending = True
            tokens, comment, indent, at_line_start = [], None, 0, True
            continue
        at_line_start = False
        if kind == "comment":
            comment = value.rstrip()
        else:
            tokens.append(value)
    if tokens or comment is not None:
        lines.append(_Line(indent, tokens, comment, blank_pending))
    return lines


def _join(tokens: list[str]) -> str:
    """Tokens with canonical spacing: `a: b`, `(x: y, z: w)`, `p1 + p2 -> c`."""
    out = ""
    previous = ""
    for index, token in enumerate(tokens):
        if index == 0:
            out = token
        elif token in _NO_SPACE_BEFORE or previous == "(":
            out += token
        else:
            out += " " + token
        previous = token
    return out


def format_source(text: str) -> str:
    """The canonical layout of `.arg` source text.

    Structure (which line is the child of which) is read from the indentation exactly as the
    parser reads it, then written again with canonical widths: a top-level line starts at
    column 0 and a child starts two columns right of the text of its parent line, after the
    parent's sign (`+`, `-`, `~`, `><`) if it has one. Tokens are separated by single spaces
    (none before `:` `,` `)` or after `(`). A trailing comment stays on its line, two spaces
    after the code; a comment on its own line is indented like the next line of code. Runs of
    blank lines shrink to one; strings are copied byte for byte.
    """
    lines = _logical_lines(text)
    # Indentation stack of (source width, canonical text column) for the open blocks.
    stack: list[tuple[int, int]] = []
    indents: list[int | None] = []
    for line in lines:
        if not line.tokens:
            indents.append(None)
            continue
        while stack and line.indent <= stack[-1][0]:
            stack.pop()
        canonical = stack[-1][1] + STEP if stack else 0
        sign = line.tokens[0] if line.tokens[0] in _SIGNS else None
        text_column = canonical + (len(sign) + 1 if sign else 0)
        stack.append((line.indent, text_column))
        indents.append(canonical)
    # A comment on its own line takes the indentation of the next code line.
    following = 0
    for index in range(len(lines) - 1, -1, -1):
        indent = indents[index]
        if indent is None:
            indents[index] = following
        else:
            following = indent
    out: list[str] = []
    for line, indent in zip(lines, indents, strict=True):
        if line.blank_before and out:
            out.append("")
        code = _join(line.tokens)
        if line.comment is not None:
            code = f"{code}  {line.comment}" if code else line.comment
        out.append(" " * (indent or 0) + code)
    return "\n".join(out) + "\n" if out else ""


def format_text(text: str, path: str = "<string>") -> str:
    """Format map source, refusing text that does not parse or whose meaning would change."""
    # Formatting is of one file: its imports are checked by `argmap check`, not here.
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as the parser reads it
    before = loads(text, path, imports=False)
    formatted = format_source(text)
    try:
        after = loads(formatted, path, imports=False)
    except ArgmapError as error:  # pragma: no cover - a formatter bug, never the user's input
        raise FormatError(
            f"{path}: formatting would break the file ({error}); left as it is"
        ) from None
    if after != before:  # pragma: no cover - a formatter bug, never the user's input
        raise FormatError(f"{path}: formatting would change the map's meaning; left as it is")
    return formatted


def unified_diff(before: str, after: str, path: str) -> str:
    """A unified diff from `before` to `after`, labelled with the file's path."""
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"{path} (original)",
            tofile=f"{path} (formatted)",
        )
    )
