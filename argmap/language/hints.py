"""What a syntax error most likely means, in words that say the fix: the parser's hints.

Each function looks at the line the parser stopped on and the token it met, and returns a
message and a hint for one known mistake (a comment from another language, curly quotes, a
hyphen in an id, a misaligned line, options after `->`...), or None to let the general
message stand. The catalogue in tests/language/mistakes/ holds an example of each.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from argmap.language.vocabulary import KEYWORD_SET, ROLES, SIGNS, VERBS, suggest_id
from argmap.suggest import Suggester

# Words people write for a relation, from other tools and from plain English.
VERB_SYNONYMS = {
    "attacks": (
        "refutes", "rebuts", "opposes", "against", "denies", "counters", "objects", "attack",
        "attacked", "undermines", "challenges", "disputes", "weakens", "contra",
    ),
    "supports": (
        "support", "supported", "backs", "justifies", "proves", "implies", "helps", "pro",
        "confirms", "strengthens", "because", "for", "entails", "shows",
    ),
    "undercuts": ("undercut", "undercutting", "undercutted"),
    "contradicts": ("contradict", "conflicts", "contrary", "excludes", "versus", "vs"),
}  # fmt: skip
_SYNONYM_OF = {word: verb for verb, words in VERB_SYNONYMS.items() for word in words}
_ROLE_SYNONYMS = {
    "conclusion": "thesis", "main": "thesis", "reason": "premise", "fact": "evidence",
    "data": "evidence", "counter": "objection", "attack": "objection", "reply": "rebuttal",
    "answer": "rebuttal", "hypothesis": "assumption", "warrant": "assumption", "note": "statement",
    "arg": "argument", "inference": "argument", "person": "speaker", "author": "speaker",
    "cluster": "group",
}  # fmt: skip
_KEYWORDS = Suggester(sorted(KEYWORD_SET))
_CURLY = "\u201c\u201d\u201e\u201f\u2018\u2019\u00ab\u00bb\u2039\u203a\u300c\u300d"
# A window of a long line shown around the column of a problem.
EXCERPT = 100


class Advice(NamedTuple):
    """A message (None: keep the parser's) and the hint that says the fix."""

    message: str | None
    hint: str
    # Where to point, when not at the token the parser stopped on (a line's first column).
    column: int | None = None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))


def _previous_code_line(lines: list[str], line: int) -> tuple[int, str] | None:
    """The nearest line above `line` (1-based) that holds code, as (number, text)."""
    for number in range(line - 1, 0, -1):
        text = lines[number - 1]
        if text.strip() and not text.strip().startswith("//"):
            return number, text
    return None


_BLOCK_HEADER = re.compile(
    r'^\s*(?:(?:\+|-|~|><)\s*)?(argument|group|expect)\b[^"]*(?:"[^"]*"[^"]*)*:\s*(?://.*)?$'
)


def for_empty_block(lines: list[str], line: int) -> tuple[int, Advice] | None:
    """A block header (`argument a -> c:`, `group "G":`, `expect preferred:`) with nothing
    indented under it, found from the line after it (`line`, 1-based; past the end at the end
    of the file): the header's line and what to write."""
    above = _previous_code_line(lines, line)
    if above is None:
        return None
    number, header = above
    match = _BLOCK_HEADER.match(header)
    following = lines[line - 1] if 0 < line <= len(lines) else ""
    if match is None or (following.strip() and _indent(following) > _indent(header)):
        return None
    kind = match.group(1)
    column = match.start(1) + 1
    below = "on the lines below it, indented 2 spaces deeper"
    if kind == "argument":
        words = header.strip().lstrip("+-~><").split()
        name = words[1].rstrip(":") if len(words) > 1 else "a"
        conclusion = header.partition("->")[2].strip().rstrip(":").split()
        target = conclusion[0] if conclusion else "conclusion"
        return number, Advice(
            f"argument '{name}' ends with ':' but has no premises indented under it",
            f'write its premises {below} (premise p1: "..."), or list their ids on its line: '
            f"argument {name}: p1 + p2 -> {target}",
            column,
        )
    if kind == "group":
        title = header[header.find('"') : header.rfind('"') + 1] or '"Name"'
        return number, Advice(
            f"group {title} ends with ':' but has no members indented under it",
            f"write its members {below} (ids, or declarations), or list their ids on its "
            f"line: group {title}: a, b, c",
            column,
        )
    return number, Advice(
        "this expect block ends with ':' but has no lines indented under it",
        f"write what you expect {below}: in: a, b and out: c (ids of arguments or statements)",
        column,
    )


def keyword_guess(word: str) -> str | None:
    """The keyword a misspelt or borrowed word most likely stands for."""
    if word in _SYNONYM_OF:
        return _SYNONYM_OF[word]
    if word.lower() in _ROLE_SYNONYMS:
        return _ROLE_SYNONYMS[word.lower()]
    if word.lower() in KEYWORD_SET:
        return word.lower()
    return _KEYWORDS.suggest(word)


def for_character(char: str, line_text: str, column: int) -> Advice | None:
    """A character no token can start with."""
    before = line_text[: column - 1]
    if char == "#" and not before.strip():
        return Advice(
            "'#' does not start a comment in a map",
            "comments start with //: write // " + line_text[column:].strip(),
        )
    if char == "#" and line_text[column : column + 1] in ("", " ", "\t", "#"):
        return Advice(
            "'#' does not start a comment in a map",
            "comments start with //: write // after the code, or remove the '#'",
        )
    if char == "@":
        return Advice(
            "'@' is not followed by a speaker's id",
            "write the speaker's id right after @ (for example @mayor), or remove the '@'",
        )
    if char == "\ufeff":
        return Advice(
            "an invisible byte-order mark (U+FEFF) stands here",
            "delete it (an editor or a copied text put it there; save files as UTF-8 without "
            "a byte-order mark)",
        )
    if char in _CURLY:
        return Advice(
            f"curly quote {char!r}: text needs straight double quotes",
            'write text between straight quotes "..." (a word processor or phone may have '
            "curled them); curly quotes are fine inside the text",
        )
    if char == "'":
        return Advice(
            "text is quoted with double quotes, not single ones",
            'write "..."; a \' may stand inside the double quotes',
        )
    if char == "#" and line_text[column : column + 1].isdigit():
        return Advice(
            "a tag starts with a letter or _, not a digit",
            f"write #y{line_text[column:].split()[0].rstrip(':')} or another tag that starts "
            "with a letter",
        )
    if char.isdigit() and before.split()[-1:] and before.split()[-1] in KEYWORD_SET:
        word = line_text[column - 1 :].split(":")[0].split()[0]
        return Advice(
            "an id starts with a letter or _, not a digit",
            f"write {suggest_id(word)} (or a name such as point_{word})",
        )
    if char == "=" and line_text[column : column + 1] == ">":
        return Advice("'=>' is not an arrow in a map", "the conclusion follows '->': p + q -> c")
    if char == "=":
        fixed = f"{before.strip()}: {line_text[column:].strip()}".strip()
        return Advice("'=' does not set a value in a map", f"write it with a colon: {fixed}")
    if char == ";":
        return Advice("lines end without ';'", "remove the ';'")
    if char in "{}[];=<>|&!?*%$^`":
        if char == ">" and line_text[column - 2 : column - 1] == "-":
            return None
        if '"' in before:
            return Advice(
                f"unexpected character {char!r} outside the quoted text",
                f"remove the {char!r}, or move it inside the quotes if it belongs to the text",
            )
        return Advice(
            f"unexpected character {char!r}",
            'text must be in double quotes: "..."; ids are letters, digits and _',
        )
    return None


def for_indentation(indent: int, sibling: int, parent: int) -> tuple[str, str]:
    """A line that starts between the column of the block it closes and the enclosing one."""
    return (
        f"this line starts at column {indent + 1}, which lines up with no line above: the "
        f"lines before it start at column {sibling + 1} and column {parent + 1}",
        f"start it at column {sibling + 1} to line it up with the line above it at that "
        f"column, or at column {parent + 1}; siblings start at the same column",
    )


def for_indented(lines: list[str], line: int) -> Advice | None:
    """An indented line under a line that cannot have children (a relation, metadata...)."""
    above = _previous_code_line(lines, line)
    if above is None:
        return Advice(
            "the first line of a map is indented",
            "start top-level lines at column 1",
        )
    words = above[1].split()
    text = lines[line - 1].strip()
    if len(words) >= 3 and words[1] in VERBS:
        return Advice(
            "this line is indented under a relation line, which cannot have children",
            f"put it under the declaration of '{words[0]}' or of '{words[2]}' (or of a bare "
            f"line '{words[2]}'), or write it as a relation line at column 1",
        )
    if text[:1] not in SIGNS and not text.startswith("><"):
        return Advice(
            "this line is indented, but it is not a child: a child starts with a sign",
            "line it up with the line above, or start it with + (supports), - (attacks), "
            "~ (undercuts) or >< (contradicts)",
        )
    if words and words[0].rstrip(":") not in KEYWORD_SET and above[1].rstrip().endswith('"'):
        return Advice(
            f"'{words[0].rstrip(':')}' lines cannot have children",
            "put this line under the statement or argument it bears on (or at column 1)",
        )
    return None


def for_tab(tab_line: int) -> str:
    """The hint for a misalignment that a tab above most likely caused."""
    return (
        f"line {tab_line} is indented with a tab, which argmap counts as 8 columns: indent "
        "it with spaces, then line the children up"
    )


def for_token(
    lines: list[str],
    line: int,
    column: int,
    token_type: str,
    value: str,
    expected: set[str],
    previous: tuple[str, str, int] | None,
) -> Advice | None:
    """A token the parser did not expect; `previous` is the token before it (type, value,
    end column) when it is on the same line."""
    line_text = lines[line - 1] if 0 < line <= len(lines) else ""
    stripped = line_text.strip()
    words = stripped.split()
    indent = _indent(line_text)
    # The words after a child's sign.
    core = stripped.lstrip("+-~><").split()
    # A sign at column 1: a child that lost its indentation.
    if token_type in ("PLUS", "MINUS", "TILDE", "CONTRA") and indent == 0 and column == 1:
        above = _previous_code_line(lines, line)
        width = (_indent(above[1]) if above else 0) + 2
        return Advice(
            f"this child line ('{value} ...') is not indented under a parent",
            f"indent it under the line it bears on, for example {width} spaces: "
            f"{' ' * width}{stripped[:40]}",
            1,
        )
    # A hyphen inside an id: `school-rules`.
    if (
        token_type == "MINUS"
        and previous is not None
        and previous[0] == "NAME"
        and previous[2] == column
        and (line_text[column : column + 1].isalnum() or line_text[column : column + 1] == "_")
    ):
        start = line_text.rfind(" ", 0, column - 1) + 1
        end = column
        while end < len(line_text) and (line_text[end].isalnum() or line_text[end] in "_-"):
            end += 1
        written = line_text[start:end]
        return Advice(
            f"'{written}' is not an id: ids cannot hold '-'",
            f"ids use _ between words: write {suggest_id(written)}",
        )
    # @speaker, #tags or (options) after a declaration's text: `claim c: "C." @mayor`.
    if (
        token_type in ("SPEAKER", "TAG", "LPAR")
        and previous is not None
        and previous[0] == "STRING"
        and core[:1]
        and core[0] in KEYWORD_SET
    ):
        moved = _annotation_before_colon(line_text, column)
        what = {"SPEAKER": "@speaker", "TAG": "#tag", "LPAR": "(options)"}[token_type]
        if moved is not None:
            return Advice(
                f"{what} goes before the ':' and the text, not after them",
                f"write {moved}",
            )
    # A speaker declared with its @: `speaker @mayor: "..."`.
    if token_type == "SPEAKER" and words[:1] == ["speaker"]:
        name = value[1:]
        return Advice(
            "a speaker is declared without '@'",
            f'write speaker {name}: "Their name"; the @ goes where you attribute a node: '
            f'claim c @{name}: "..."',
        )
    # Two relations on one line: `a supports t attacks b`.
    if value in VERBS and indent == 0 and len(words) >= 4 and words[1] in VERBS:
        return Advice(
            "a relation line holds one relation: id VERB id",
            f"put each relation on its own line: {' '.join(words[:3])}, then the next one "
            f"(for example {words[0]} {words[3]} {words[4] if len(words) > 4 else 'other_id'})",
        )
    # An arrow for a relation: `a -> t`.
    if value == "->" and words[:1] != ["argument"] and len(words) == 3 and indent == 0:
        return Advice(
            "'->' names the conclusion of an argument; a relation line needs a verb",
            f"write {words[0]} supports {words[2]} (or attacks, undercuts, contradicts)",
        )
    # A colon after a relation line: `a supports t:`.
    if token_type == "COLON" and len(words) >= 2 and words[1] in VERBS and indent == 0:
        return Advice(
            "a relation line ends after its second id",
            f"remove the ':' ({line_text[: column - 1].rstrip()}); children go under a "
            "declaration, not under a relation line",
        )
    # An option without its colon: `(scheme expert_opinion)`.
    opened = line_text.rfind("(", 0, column - 1)
    if (
        token_type == "NAME"
        and "COLON" in expected
        and opened >= 0
        and ")" not in line_text[opened : column - 1]
        and line_text[opened + 1 : column - 1].strip().isidentifier()
    ):
        key = line_text[opened + 1 : column - 1].strip()
        return Advice(
            "an option is written key: value, with a colon",
            f"write ({key}: {value})",
        )
    # Options after the conclusion: `argument a -> c (scheme: x):`.
    if token_type == "LPAR" and "->" in line_text[: column - 1] and words[:1] == ["argument"]:
        return Advice(
            "options come before '->' in an argument's first line",
            f"write '{_options_after_id(line_text.strip(), column - 1 - indent)}' (the id, "
            "then @speaker, #tags and (options), then the rest)",
        )
    # A relation line indented under something: `  c attacks t`.
    if value in VERBS and indent > 0:
        return Advice(
            "a relation line stands at the top level, not indented under another line",
            f"start '{stripped[:60]}' at column 1 (it may stand anywhere in the file), or "
            "write it as an outline child with a sign: + supports, - attacks, ~ undercuts, "
            ">< contradicts",
            indent + 1,
        )
    # A line deeper than the line above that is not a child (no sign): a misaligned sibling.
    above = _previous_code_line(lines, line)
    if (
        above is not None
        and indent > _indent(above[1])
        and stripped[:1] not in SIGNS
        and not stripped.startswith("><")
        and token_type in ("NAME", "STRING", "COLON")
        and not (len(words) > 1 and words[0].rstrip(":") in ("cite", "quote", "url", "note"))
    ):
        verb = words[1] if len(words) > 2 and words[0] not in KEYWORD_SET else None
        extra = ""
        if verb is not None and verb not in VERBS:
            guess = keyword_guess(verb)
            if guess in VERBS:
                extra = f"; and '{verb}' is not a relation verb: did you mean '{guess}'?"
        return Advice(
            f"this line is indented deeper than line {above[0]} (column {indent + 1}, not "
            f"{_indent(above[1]) + 1}), but it is not a child: a child starts with a sign",
            f"line it up with line {above[0]} at column {_indent(above[1]) + 1}, or start it "
            f"with + (supports), - (attacks), ~ (undercuts) or >< (contradicts){extra}",
            indent + 1,
        )
    first = words[0] if words else ""
    # A keyword used as an id where the parser cannot tell: `claim supports t`, `+ claim`.
    if first in ROLES and len(words) > 1 and words[1] in VERBS:
        return Advice(
            f"'{first}' is a keyword and cannot be an id",
            f"rename the node, for example {suggest_id(first)}, here and where it is declared",
        )
    # A misspelt or borrowed role: `thesys t: "..."`, `conclusion c: "..."`.
    if (
        token_type == "NAME"
        and len(words) >= 2
        and words[1].rstrip(":") == value
        and first not in KEYWORD_SET
        and "COLON" in expected
    ):
        guess = keyword_guess(first)
        if guess is not None and guess not in VERBS:
            return Advice(
                f"'{first}' is not a keyword of the language",
                f"did you mean '{guess}'? A declaration is ROLE id: \"text\", with ROLE one of "
                f"{', '.join(ROLES)}",
                indent + 1,
            )
    # A word after a declaration's id that is not @speaker, #tag or (options): `t mayor:`.
    if (
        token_type == "NAME"
        and first in KEYWORD_SET
        and len(words) >= 3
        and words[2].rstrip(":") == value
        and "SPEAKER" in expected
    ):
        return Advice(
            f"unexpected word '{value}' after the id '{words[1]}'",
            f"an id is one word (use _: {words[1]}_{value}); to attribute the node to a "
            f"speaker write @{value}, a tag #{value}",
        )
    # Group members and premises: `group "G": a b`, `argument a: p, q -> c`, `p and q`.
    if "COMMA" in expected and token_type == "NAME" and first == "group":
        return Advice(None, "separate group members with commas: a, b, c")
    if first == "argument" and "PLUS" in expected and token_type in ("COMMA", "NAME"):
        return Advice(None, "join an argument's premises with +: argument a: p + q -> conclusion")
    # A declaration without an id: `thesis: "..."`, `+ argument: p + q`.
    if (
        token_type == "COLON"
        and core[:1]
        and core[0].rstrip(":") in KEYWORD_SET
        and "NAME" in expected
    ):
        role = core[0].rstrip(":")
        rest = stripped.split(":", 1)[1].strip() if ":" in stripped else ""
        example = rest if role == "argument" and rest else '"..."'
        return Advice(
            f"this {role} has no id",
            f"give it an id after the keyword: {role} my_id: {example}",
        )
    # A relation verb that is not one: `c refutes t`.
    if (
        token_type == "NAME"
        and expected & {"SUPPORTS", "ATTACKS", "UNDERCUTS", "CONTRADICTS"}
        and len(words) >= 2
        and words[1] == value
    ):
        guess = keyword_guess(value)
        if guess in VERBS:
            return Advice(
                f"'{value}' is not a relation verb",
                f"did you mean '{guess}'? The verbs are {', '.join(VERBS)}",
            )
        return Advice(
            f"'{value}' is not a relation verb",
            f"a relation line is 'id VERB id' with VERB one of {', '.join(VERBS)}; a "
            f'declaration is ROLE id: "text"',
        )
    # A relation line without its target: `c attacks`.
    if token_type == "_NL" and len(words) == 2 and words[1] in VERBS and indent == 0:
        return Advice(None, f"name what '{words[0]}' {words[1]}: {words[0]} {words[1]} other_id")
    # A speaker without a name: `speaker mayor`.
    if token_type == "_NL" and len(words) == 2 and words[0] == "speaker":
        return Advice(None, f'a speaker is declared with a name: speaker {words[1]}: "Their name"')
    if token_type == "_NL" and words and words[-1] in KEYWORD_SET and len(words) <= 2:
        word = words[-1]
        return Advice(
            None,
            f"'{word}' is a keyword: to declare a node write {word} my_id: \"text\"; "
            f"to refer to a node, use its id (a keyword cannot be an id)",
        )
    return None


def _annotation_before_colon(line: str, column: int) -> str | None:
    """The line with what follows its text (from `column`) moved before the declaration's
    colon: `claim c: "C." @mayor` becomes `claim c @mayor: "C."`."""
    trailing = line[column - 1 :].strip()
    head = line[: column - 1].rstrip()
    quote = head.find('"')
    colon = head.rfind(":", 0, quote if quote >= 0 else len(head))
    if colon < 0 or not trailing:
        return None
    return f"{head[:colon].strip()} {trailing}{head[colon:]}"


def excerpt(text: str, column: int) -> tuple[str, int]:
    """A window of a long line around `column`: the text shown and the column within it."""
    if len(text) <= 2 * EXCERPT:
        return text, column
    start = max(0, column - 1 - EXCERPT // 2)
    end = min(len(text), start + EXCERPT)
    shown = text[start:end]
    prefix = "..." if start else ""
    suffix = "..." if end < len(text) else ""
    return prefix + shown + suffix, column - start + len(prefix)


def _options_after_id(line: str, start: int) -> str:
    """The line with its `(options)` group, which starts at `start`, moved to after the id.

    `argument a -> c (scheme: x):` becomes `argument a (scheme: x) -> c:`, and
    `argument a: p -> c (scheme: x)` becomes `argument a (scheme: x): p -> c`.
    """
    end = line.find(")", start)
    end = len(line) if end < 0 else end + 1
    options = line[start:end]
    rest = (line[:start].rstrip() + " " + line[end:].lstrip()).strip()
    rest = rest.replace(" :", ":")
    head, _, tail = rest.partition(" ")  # "argument"
    name_end = len(tail)
    for mark in (":", " ", "@", "#", "-"):
        found = tail.find(mark)
        if 0 <= found < name_end:
            name_end = found
    return f"{head} {tail[:name_end]} {options}{tail[name_end:]}".rstrip()
