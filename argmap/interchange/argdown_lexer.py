"""Argdown's lexer, ported from @argdown/core 1.7 (`lexer.ts`), feeding argdown.lark's parser."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from lark import Token
from lark.common import LexerConf
from lark.lexer import Lexer

# No regular expression looks further than this from where it starts (a title, a link, a
# data block, a comment or front matter longer than that is read as plain text): the input
# is untrusted, and a pattern retried at every offset of a long line must stay linear.
WINDOW = 8192
LONG_WINDOW = 256 * 1024

# JavaScript's `.`: anything but a line terminator.
_DOT = r"[^\n\r\u2028\u2029]"
_COMMENT = rf"(?:<!--[\s\S]*?-->)|(?:/\*[\s\S]*?\*/)|(?://{_DOT}*?(?=\r\n|\n|\r))"
_COMMENT_PLAIN = re.compile(_COMMENT)
_COMMENT_TRAILING = re.compile(rf"(?:{_COMMENT})(?:[ \t]*\r\n|\n|\r)*")
_COMMENT_ONE = re.compile(rf"(?:{_COMMENT})(?:[ \t]*(?:\r\n|\n|\r)(?![ \t]*(?:\r\n|\n|\r)))?")
_FRONT_MATTER = re.compile(r"===+[\s\S]*?===+")
_DATA = re.compile(rf"{{(?:(?!}}\s[^,}}])(?:{_DOT}|\n))*}}(?!\s*(?:,|}}))")
_ESCAPED = re.compile(rf"\\{_DOT} *")
_SPECIAL = re.compile(r"(?:\.\S+?\.[ \t]?)|(?::\S+?:[ \t]?)")
_EMPTYLINE = re.compile(r"(?:[ \t]*(?:\r\n|\n)){2,}")
_NEWLINE = re.compile(r"[ \t]*(?:\r\n|\n|\r)")
_INFERENCE_START = re.compile(r"[ \t]*-{2}")
_INFERENCE_END = re.compile(r"-{2,}")
_LIST_DELIM = re.compile(r",")
_RELATIONS = (
    ("IN_SUPPORT", re.compile(r"([ \t]*)(\+>)")),
    ("IN_ATTACK", re.compile(r"([ \t]*)(->)")),
    ("OUT_SUPPORT", re.compile(r"([ \t]*)(<?\+)")),
    ("OUT_ATTACK", re.compile(r"([ \t]*)(<?-)")),
    ("CONTRADICTION", re.compile(r"([ \t]*)(><)")),
    ("IN_UNDERCUT", re.compile(r"([ \t]*)(_>)")),
    ("OUT_UNDERCUT", re.compile(r"([ \t]*)(<_|_(?=\s))")),
)
_HEADING = re.compile(r"(#+) ")
_STATEMENT_NUMBER = re.compile(r"[ \t]*\(\d+\)")
_OL_ITEM = re.compile(r"([ \t]*)\d+\.(?=\s)")
_UL_ITEM = re.compile(r"([ \t]*)\*(?=\s)")
_RANGE_END = r"(?:[ \t]|(?=\n|\r|\)|\}|_|\.|,|!|\?|;|:|-|\*|\Z))"
# (token name, range type, pattern): ends are tried before starts, bold before italic.
_RANGE_ENDS = (
    ("ABOLD_END", "AsteriskBold", re.compile(r"\*\*" + _RANGE_END)),
    ("UBOLD_END", "UnderscoreBold", re.compile(r"__" + _RANGE_END)),
    ("AITALIC_END", "AsteriskItalic", re.compile(r"\*" + _RANGE_END)),
    ("UITALIC_END", "UnderscoreItalic", re.compile(r"_" + _RANGE_END)),
)
_RANGE_STARTS = (
    ("ABOLD_START", "AsteriskBold", re.compile(r"\*\*(?!\s)")),
    ("UBOLD_START", "UnderscoreBold", re.compile(r"__(?!\s)")),
    ("AITALIC_START", "AsteriskItalic", re.compile(r"\*(?!\s)")),
    ("UITALIC_START", "UnderscoreItalic", re.compile(r"_(?!\s)")),
)
_TAG_BODY = r"(?:\(([^)]+)\)|([a-zA-z0-9\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+))"
TAG_PATTERN = re.compile("#" + _TAG_BODY)
_SIMPLE = (
    ("LINK", re.compile(r"\[[^\]]+?\]\([^)]+?\)[ \t]?")),
    ("TAG", re.compile("#" + _TAG_BODY + r"[ \t]?")),
    ("STATEMENT_DEF", re.compile(rf"\[{_DOT}+?\]:")),
    ("STATEMENT_REF", re.compile(rf"\[[^-]{_DOT}*?\]")),
    ("STATEMENT_MENTION", re.compile(rf"@\[{_DOT}+?\][ \t]?")),
    ("ARGUMENT_DEF", re.compile(rf"<{_DOT}+?>:")),
    ("ARGUMENT_REF", re.compile(rf"<[^-]{_DOT}*?>")),
    ("ARGUMENT_MENTION", re.compile(rf"@<{_DOT}+?>[ \t]?")),
)
_SPACES = re.compile(r"[ \t]+")
_FREESTYLE = re.compile(r"[^\\@#*_\[\],.:;</>\-\r\n(){}]+")
_CONTROL = re.compile(r"[@#*_\[\],.:;</>\-(){}][ \t]?")


class LexingError(Exception):
    """A character that no Argdown token can start with (Argdown's lexer stops there too)."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


@dataclass
class _State:
    text: str
    tokens: list[Token] = field(default_factory=list)
    indents: list[int] = field(default_factory=lambda: [0])
    ranges: list[str] = field(default_factory=list)
    last_skipped_end: int = -1
    inference: bool = False


def _match(pattern: re.Pattern[str], text: str, offset: int, window: int = WINDOW) -> Any:
    return pattern.match(text, offset, min(len(text), offset + window))


class ArgdownLexer(Lexer):
    """Lark's view of the port: `lex` yields the tokens Argdown's lexer would produce."""

    def __init__(self, conf: LexerConf) -> None:
        self.conf = conf

    def lex(self, text: str) -> Iterator[Token]:  # type: ignore[override]
        # Lark hands a custom lexer the whole text.
        yield from tokenize(text)


def tokenize(text: str) -> list[Token]:
    """Every token of `text`, as Argdown's lexer makes them (comments and spaces skipped)."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", text)]
    state = _State(text)

    def place(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def make(kind: str, start: int, end: int) -> Token:
        line, column = place(start)
        end_line, end_column = place(max(start, end - 1))
        return Token(
            kind,
            text[start:end],
            start,
            line,
            column,
            end_line,
            end_column + (1 if end > start else 0),
            end,
        )

    def last() -> Token | None:
        return state.tokens[-1] if state.tokens else None

    def last_is(*kinds: str) -> bool:
        token = last()
        return token is not None and token.type in kinds

    def at_line_start() -> bool:
        return not state.tokens or last_is("NEWLINE", "EMPTYLINE")

    def emit_remaining_dedents(offset: int) -> None:
        while len(state.indents) > 1:
            state.tokens.append(make("DEDENT", offset, offset))
            state.indents.pop()

    def emit_indent_or_dedent(offset: int, indent: str) -> None:
        level = len(indent)
        if level > state.indents[-1]:
            state.indents.append(level)
            state.tokens.append(make("INDENT", offset, offset + len(indent)))
        elif level < state.indents[-1]:
            while len(state.indents) > 1 and level < state.indents[-1]:
                state.indents.pop()
                state.tokens.append(make("DEDENT", offset, offset + len(indent)))

    Matcher = Callable[[int], "tuple[str, int] | None"]

    def comment(offset: int) -> tuple[str, int] | None:
        if last_is("EMPTYLINE"):
            found = _match(_COMMENT_TRAILING, text, offset, LONG_WINDOW)
        elif last_is("NEWLINE"):
            found = _match(_COMMENT_ONE, text, offset, LONG_WINDOW)
        else:
            found = _match(_COMMENT_PLAIN, text, offset, LONG_WINDOW)
        return ("", found.end()) if found else None

    def simple(kind: str, pattern: re.Pattern[str], window: int = WINDOW) -> Matcher:
        def matcher(offset: int) -> tuple[str, int] | None:
            found = _match(pattern, text, offset, window)
            return (kind, found.end()) if found and found.end() > offset else None

        return matcher

    def emptyline(offset: int) -> tuple[str, int] | None:
        if last_is("EMPTYLINE"):
            return None
        found = _match(_EMPTYLINE, text, offset)
        if found is None:
            return None
        if found.end() < len(text):
            emit_remaining_dedents(offset)
        return ("EMPTYLINE", found.end())

    def inference_start(offset: int) -> tuple[str, int] | None:
        if state.tokens and not last_is("NEWLINE"):
            return None
        found = _match(_INFERENCE_START, text, offset)
        if found is None:
            return None
        emit_remaining_dedents(offset)
        state.inference = True
        return ("INFERENCE_START", found.end())

    def inference_end(offset: int) -> tuple[str, int] | None:
        found = _match(_INFERENCE_END, text, offset)
        if found is None:
            return None
        state.inference = False
        return ("INFERENCE_END", found.end())

    def relation(kind: str, pattern: re.Pattern[str]) -> Matcher:
        def matcher(offset: int) -> tuple[str, int] | None:
            if not at_line_start():
                return None
            found = _match(pattern, text, offset)
            if found is None:
                return None
            emit_indent_or_dedent(offset, found.group(1))
            return (kind, found.end())

        return matcher

    def heading(offset: int) -> tuple[str, int] | None:
        if not at_line_start():
            return None
        found = _match(_HEADING, text, offset)
        return ("HEADING_START", found.end()) if found else None

    def statement_number(offset: int) -> tuple[str, int] | None:
        if not at_line_start():
            return None
        found = _match(_STATEMENT_NUMBER, text, offset)
        if found is None:
            return None
        emit_remaining_dedents(offset)
        return ("STATEMENT_NUMBER", found.end())

    def list_item(kind: str, pattern: re.Pattern[str]) -> Matcher:
        def matcher(offset: int) -> tuple[str, int] | None:
            if not at_line_start():
                return None
            found = _match(pattern, text, offset)
            if found is None:
                return None
            # Argdown's trick: a list item counts one column deeper than its indentation,
            # so that an item at the margin still opens a list.
            emit_indent_or_dedent(offset, found.group(1) + " ")
            return (kind, found.end())

        return matcher

    def range_end(kind: str, range_type: str, pattern: re.Pattern[str]) -> Matcher:
        def matcher(offset: int) -> tuple[str, int] | None:
            if not state.ranges or state.ranges[-1] != range_type:
                return None
            previous = last()
            if previous is None or state.last_skipped_end > (previous.end_pos or 0):
                return None
            found = _match(pattern, text, offset)
            if found is None:
                return None
            state.ranges.pop()
            return (kind, found.end())

        return matcher

    def range_start(kind: str, range_type: str, pattern: re.Pattern[str]) -> Matcher:
        def matcher(offset: int) -> tuple[str, int] | None:
            found = _match(pattern, text, offset)
            if found is None:
                return None
            state.ranges.append(range_type)
            return (kind, found.end())

        return matcher

    spaces = simple("", _SPACES)
    default_mode: list[Matcher] = [
        comment,
        simple("FRONT_MATTER", _FRONT_MATTER, LONG_WINDOW),
        simple("DATA", _DATA, LONG_WINDOW),
        simple("ESCAPED", _ESCAPED),
        simple("SPECIAL", _SPECIAL),
        emptyline,
        simple("NEWLINE", _NEWLINE),
        inference_start,
        *(relation(kind, pattern) for kind, pattern in _RELATIONS),
        heading,
        statement_number,
        list_item("OL_ITEM", _OL_ITEM),
        list_item("UL_ITEM", _UL_ITEM),
        *(range_end(*entry) for entry in _RANGE_ENDS),
        *(range_start(*entry) for entry in _RANGE_STARTS),
        *(simple(kind, pattern) for kind, pattern in _SIMPLE),
        spaces,
        simple("FREESTYLE", _FREESTYLE),
        simple("CONTROL", _CONTROL),
    ]
    inference_mode: list[Matcher] = [
        comment,
        simple("NEWLINE", _NEWLINE),
        simple("ESCAPED", _ESCAPED),
        simple("SPECIAL", _SPECIAL),
        inference_end,
        simple("DATA", _DATA, LONG_WINDOW),
        simple("LIST_DELIM", _LIST_DELIM),
        spaces,
        simple("FREESTYLE", _FREESTYLE),
        simple("CONTROL", _CONTROL),
    ]
    offset = 0
    while offset < len(text):
        for matcher in inference_mode if state.inference else default_mode:
            found = matcher(offset)
            if found is not None:
                kind, end = found
                if kind:
                    state.tokens.append(make(kind, offset, end))
                else:
                    state.last_skipped_end = end
                offset = end
                break
        else:
            raise LexingError(offset)
    if last_is("EMPTYLINE"):
        state.tokens.pop()
    emit_remaining_dedents(len(text))
    return state.tokens
