"""Quoting user text for DOT: the one door through which map text enters generated DOT."""

from __future__ import annotations

import re

# Characters that XML 1.0 forbids or that Graphviz passes raw into SVG (C0/C1 controls, lone
# surrogates, the two non-characters): each becomes U+FFFD so the output always parses.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """`text` with control characters, lone surrogates and non-characters as U+FFFD."""
    return _UNSAFE.sub("\ufffd", text)


def quote(text: str, *, passes: int = 1) -> str:
    """Return `text` as one double-quoted DOT string that Graphviz shows literally.

    `passes` is how many times Graphviz removes a level of backslashes from this attribute:
    1 for names, ids and labels, 2 for tooltips (unescaped once when read and once more when
    `\\N`, `\\G`... are expanded), so each backslash is doubled that many times.

    - the result is always a quoted ID, so it can never be a keyword, an operator, an
      attribute or an HTML-like label (those are written `<...>`, never `"..."`);
    - `"` becomes `\\"` and `\\` becomes `\\\\`, so no Graphviz escape (`\\N`, `\\G`, `\\l`...)
      can come from user text; a line break becomes `\\n` (the only escape we emit);
    - `&` becomes `&amp;`, because Graphviz expands character entities in labels and copies
      `&name;` unchanged into SVG, where an unknown entity would make the XML invalid;
    - tabs become spaces and control characters U+FFFD.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = printable(text)
    text = text.replace("&", "&amp;").replace("\\", "\\" * (2**passes))
    text = text.replace('"', '\\"')
    return '"' + text.replace("\n", "\\n") + '"'


def html_text(text: str) -> str:
    """`text` escaped for a Graphviz HTML-like label: no tag, entity or bracket can come from it.

    `&`, `<`, `>` and `"` become entities, so map text can never open an element (such as
    `<IMG SRC=...>`, which would read a file), close the label early or name an entity; a
    backslash is doubled, because Graphviz expands `\\N`, `\\G`... in HTML-like labels too
    (and `\\\\` gives one backslash); control characters become U+FFFD.
    """
    text = printable(text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace('"', "&quot;").replace("\\", "\\\\")
    # Graphviz's HTML lexer rejects text that starts with ']' right after a tag.
    return "&#93;" + text[1:] if text.startswith("]") else text
