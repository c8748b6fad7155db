"""A Pygments lexer for the .arg language, so map sources are highlighted in any document tool."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, ClassVar

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import RegexLexer, bygroups, include
from pygments.token import (
    Comment,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Whitespace,
)

from argmap.language.vocabulary import (
    ALIAS,
    ARROW,
    COMMENT,
    DECLARATIONS,
    HEADER_KEYS,
    ID_PATTERN,
    METADATA_KEYS,
    NUMBER_PATTERN,
    QUALIFIED_ID_PATTERN,
    ROLES,
    SIGNS,
    STATEMENT_PROPERTIES,
    TAG_PATTERN,
    VERBS,
    alternation,
)

__all__ = ["ArgmapLexer", "highlight_source"]

# Pygments leaves `bygroups` untyped; one typed name keeps mypy strict everywhere else.
_groups: Callable[..., Any] = bygroups

_ID = ID_PATTERN
# Words that declare a node named by the id after them.
_ROLES = alternation((*ROLES, "argument"))
_METADATA_KEYS = alternation(METADATA_KEYS)
_PROPERTY_KEYS = alternation(STATEMENT_PROPERTIES)
_HEADER_KEYS = alternation(HEADER_KEYS)
_VERBS = alternation(VERBS)
_OTHER_DECLARATIONS = alternation(
    tuple(d for d in DECLARATIONS if d not in ("argument", "speaker"))
)
_SIGNS = alternation((ARROW, *SIGNS))


class ArgmapLexer(RegexLexer):
    """Highlights .arg argument maps: roles, ids, speakers, tags, options, relations, text."""

    name = "argmap"
    aliases: ClassVar[list[str]] = ["argmap", "arg"]
    filenames: ClassVar[list[str]] = ["*.arg"]
    mimetypes: ClassVar[list[str]] = ["text/x-argmap"]
    url = "https://github.com/argmap/argmap"
    flags = re.MULTILINE | re.UNICODE

    tokens: ClassVar[dict[str, list[Any]]] = {
        "root": [
            # Header lines of an embedded block (docs/embedding.md): `theme: mono`, unquoted.
            (
                rf"^([ \t]*)({_HEADER_KEYS})([ \t]*)(:)([ \t]*)(?!\")([^\n]*)",
                _groups(
                    Whitespace, Name.Attribute, Whitespace, Punctuation, Whitespace, String.Other
                ),
            ),
            # `key: "text"` lines: metadata at the top, properties under a statement.
            (
                rf"^([ \t]*)({_METADATA_KEYS}|{_PROPERTY_KEYS})([ \t]*)(:)",
                _groups(Whitespace, Name.Attribute, Whitespace, Punctuation),
            ),
            include("space"),
            # A declaration names the node it creates: `premise cars_pollute`.
            (
                rf"\b({_ROLES})(\s+)({_ID})",
                _groups(Keyword.Declaration, Whitespace, Name.Label),
            ),
            (rf"\b({_ROLES})\b", Keyword.Declaration),
            (
                rf"\b(speaker)(\s+)({_ID})",
                _groups(Keyword.Declaration, Whitespace, Name.Decorator),
            ),
            (r"\b(speaker)\b", Keyword.Declaration),
            (rf"\b({_OTHER_DECLARATIONS})\b", Keyword.Declaration),
            (rf"\b({_VERBS})\b", Operator.Word),
            (rf"(?<![\w.])({ALIAS})\b", Keyword.Namespace),
            (rf"@{_ID}", Name.Decorator),
            (rf"#{TAG_PATTERN}", Name.Tag),
            (r"\(", Punctuation, "options"),
            (r'"', String.Double, "string"),
            (_SIGNS, Operator),
            (r"[:,]", Punctuation),
            (QUALIFIED_ID_PATTERN, Name),
            (_ID, Name),
        ],
        "space": [
            # Line breaks stand alone so the `^` of the property rule can see each line start.
            (r"\n", Whitespace),
            (r"[^\S\n]+", Whitespace),
            (rf"{re.escape(COMMENT)}.*?$", Comment.Single),
        ],
        "options": [
            include("space"),
            (rf"({_ID})(\s*)(:)", _groups(Name.Attribute, Whitespace, Punctuation)),
            (r'"', String.Double, "string"),
            (_ID, Name.Constant),
            (NUMBER_PATTERN, Number),
            (r",", Punctuation),
            (r"\)", Punctuation, "#pop"),
        ],
        "string": [
            (r'\\[\\"nt]', String.Escape),
            (r'[^"\\]+', String.Double),
            (r'"', String.Double, "#pop"),
        ],
    }


def highlight_source(source: str) -> str:
    """The map source as highlighted HTML, with inline styles so it needs no stylesheet."""
    formatter = HtmlFormatter(noclasses=True, cssclass="highlight argmap-source", nobackground=True)
    return str(highlight(source, ArgmapLexer(), formatter))
