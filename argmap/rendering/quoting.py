"""Quoting user text for DOT: the one door through which map text enters generated DOT."""

from __future__ import annotations

import hashlib
import re

# Characters that XML 1.0 forbids or that Graphviz passes raw into SVG (C0/C1 controls, lone
# surrogates, the two non-characters): each becomes U+FFFD so the output always parses.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Text that `quote` leaves as it is: no line break, tab, `&`, `\\`, `"` nor any character that
# `printable` replaces.
_PLAIN = re.compile('[^\r\n\t&\\\\"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]*')


def printable(text: str) -> str:
    """`text` with control characters, lone surrogates and non-characters as U+FFFD."""
    return _UNSAFE.sub("\ufffd", text)


# Graphviz refuses any string longer than 16,384 characters ("string too long"); a quoted
# string stays below this, with room for the note that says it was shortened.
MAX_DOT_STRING = 16_000


def _escape(text: str, passes: int) -> str:
    text = text.replace("&", "&amp;").replace("\\", "\\" * (2**passes))
    return text.replace('"', '\\"').replace("\n", "\\n")


def shorten(text: str, passes: int = 1, limit: int = MAX_DOT_STRING) -> str:
    """`text` cut so that its escaped form fits `limit` characters, ending with a note that
    names the full length and a digest (two long ids that share a beginning stay distinct)."""
    if len(text) * (2**passes + 3) <= limit or len(_escape(text, passes)) <= limit:
        return text
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    note = f"… [shortened: {len(text):,} characters in full, {digest}]"
    room = limit - len(_escape(note, passes))
    low, high = 0, min(len(text), room)  # the longest prefix whose escaped form fits
    while low < high:
        middle = (low + high + 1) // 2
        if len(_escape(text[:middle], passes)) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low] + note


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
    - tabs become spaces and control characters U+FFFD;
    - text whose DOT string would pass MAX_DOT_STRING characters (Graphviz's limit is 16,384)
      is shortened with a note (`shorten`), so every valid map renders.
    """
    if len(text) <= MAX_DOT_STRING and _PLAIN.fullmatch(text):
        return f'"{text}"'  # nothing to replace, escape or shorten: most attribute values
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = shorten(printable(text), passes)
    return '"' + _escape(text, passes) + '"'


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
