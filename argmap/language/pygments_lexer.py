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
    Operator,
    Punctuation,
    String,
    Whitespace,
)

__all__ = ["ArgmapLexer", "highlight_source"]

# Pygments leaves `bygroups` untyped; one typed name keeps mypy strict everywhere else.
_groups: Callable[..., Any] = bygroups

_ID = r"[^\W\d]\w*"
_ROLES = r"thesis|claim|premise|assumption|evidence|objection|rebuttal|statement|argument"
_METADATA_KEYS = r"title|source|author|date|url|language"
_PROPERTY_KEYS = r"cite|quote|url|note"
_HEADER_KEYS = r"file|theme|rankdir|focus|legend|ids|tags|show|alt|caption"
_VERBS = r"supports|attacks|undercuts|contradicts"


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
            (r"\b(speaker|group)\b", Keyword.Declaration),
            (rf"\b({_VERBS})\b", Operator.Word),
            (rf"@{_ID}", Name.Decorator),
            (r"#[\w-]+", Name.Tag),
            (r"\(", Punctuation, "options"),
            (r'"', String.Double, "string"),
            (r"->|><|[+\-~]", Operator),
            (r"[:,]", Punctuation),
            (_ID, Name),
        ],
        "space": [
            # Line breaks stand alone so the `^` of the property rule can see each line start.
            (r"\n", Whitespace),
            (r"[^\S\n]+", Whitespace),
            (r"//.*?$", Comment.Single),
        ],
        "options": [
            include("space"),
            (rf"({_ID})(\s*)(:)", _groups(Name.Attribute, Whitespace, Punctuation)),
            (r'"', String.Double, "string"),
            (_ID, Name.Constant),
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
