"""Lark, imported without the third-party `regex` module it would load for nothing."""

from __future__ import annotations

import sys

# Lark imports the third-party `regex` module whenever it is installed, only to measure
# patterns while compiling a grammar with Unicode categories (argmap's has none, and comes
# from Lark's cache); importing it costs more start-up than the whole check of a small map.
# It is hidden while Lark loads, and importable again afterwards.
_HIDE_REGEX = "regex" not in sys.modules
if _HIDE_REGEX:
    sys.modules["regex"] = None  # type: ignore[assignment]
try:
    from lark import Lark, Token, Tree
    from lark.exceptions import (
        UnexpectedCharacters,
        UnexpectedEOF,
        UnexpectedInput,
        UnexpectedToken,
    )
    from lark.indenter import Indenter
    from lark.lexer import Lexer
finally:
    if _HIDE_REGEX:
        del sys.modules["regex"]

__all__ = [
    "Indenter",
    "Lark",
    "Lexer",
    "Token",
    "Tree",
    "UnexpectedCharacters",
    "UnexpectedEOF",
    "UnexpectedInput",
    "UnexpectedToken",
]
