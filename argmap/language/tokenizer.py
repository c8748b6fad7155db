"""argmap's own tokenizer for Lark's LALR parser: the grammar's tokens and indentation, one pass."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from argmap.language.lark_import import Lexer, Token
from argmap.language.vocabulary import SIGNS, indent_width

# Lark's own lexer (its contextual lexer, then the indentation post-lexer) costs about half of
# a parse: a Python object per token and several calls for each. This one scans the text with
# one compiled pattern (the grammar's terminals as Lark orders them) and makes the indentation
# tokens in the same loop. It handles correct text only: at anything it is not sure of (a
# character no terminal matches, an indentation that lines up with no open block, an outline
# too deep) it raises `Unsure`, and the caller parses the text again with Lark's own lexer,
# which reports the problem. Where it goes on, its tokens are the ones Lark's lexer would
# make (the same types, values and positions); a syntax error the parser meets on its tokens
# is also left to Lark's lexer to report.


_UNSURE = "ARGMAP_UNSURE"

# -- whole-line terminals ---------------------------------------------------------------------
# Most of a map's lines are statement lines (`+ claim c @sp #tag: "text"`), argument headers,
# relation lines and properties: about eleven tokens each for the LALR parser. The fast grammar
# (`parser.FAST_RULES`) adds one terminal for each such line, the newline after it included,
# as an alternative to the tokens it stands for; `LineTokenizer` makes it where the line has
# exactly that form, and the builder reads its fields with the `*_FIELDS` patterns below.
# The pieces are the grammar's own terminals (tests/language/test_tokenizer.py compares them).
NAME = r"[^\W\d]\w*"
QNAME = rf"{NAME}(?:\.{NAME})*"  # NAME or QNAME: a QNAME takes every '.id' there is
SPEAKER = r"@[^\W\d]\w*"
TAG = r"#[^\W\d][\w-]*"
STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
NEWLINE = r"[\t ]*(?:\n[\t ]*|//[^\n]*)+"
# A tag never gives back its last characters to what follows it (`#t->c` is not the tag `t`
# and a conclusion: Lark's lexer takes `#t-` whole, as a possessive `*+` does here).
ANNOTATIONS = rf"(?:[\t ]*(?:{SPEAKER}|{TAG}+))*"
ROLE_WORDS: tuple[str, ...] = ("thesis", "claim", "premise", "assumption", "evidence")
ROLE_WORDS += ("objection", "rebuttal", "statement")
VERB_WORDS = ("supports", "attacks", "undercuts", "contradicts")

# An outline sign in front of a statement line or an argument header is in its token too.
SIGNED = {"SUPPORT": r"\+", "ATTACK": "-", "UNDERCUT": "~", "CONTRADICT": "><"}
_SIGN = r"(?:(?:[-+~]|><)[\t ]*)?"
STATEMENT_FIELDS = re.compile(
    rf"{_SIGN}(?P<role>{NAME})[\t ]+(?P<name>{NAME})(?P<annotations>{ANNOTATIONS})[\t ]*:[\t ]*"
    rf"(?P<text>{STRING})"
)
ARGUMENT_FIELDS = re.compile(
    rf"{_SIGN}argument[\t ]+(?P<name>{NAME})(?P<annotations>{ANNOTATIONS})"
    rf"(?:[\t ]*->[\t ]*(?P<conclusion>{QNAME}))?[\t ]*:"
)
INLINE_ARGUMENT_FIELDS = re.compile(
    rf"{_SIGN}argument[\t ]+(?P<name>{NAME})(?P<annotations>{ANNOTATIONS})"
    rf"(?:[\t ]*->[\t ]*(?P<conclusion>{QNAME}))?[\t ]*:[\t ]*"
    rf"(?P<premises>{QNAME}(?:[\t ]*\+[\t ]*{QNAME})*)"
    rf"(?:[\t ]*->[\t ]*(?P<last_conclusion>{QNAME}))?"
)
PREMISE = re.compile(rf"{QNAME}|\+")
GROUP_FIELDS = re.compile(rf"group[\t ]*(?P<name>{STRING})(?P<annotations>{ANNOTATIONS})")
RELATION_FIELDS = re.compile(
    rf"(?P<source>{QNAME})[\t ]+(?P<verb>{NAME})[\t ]+(?P<target>{QNAME})"
    rf"(?P<annotations>{ANNOTATIONS})"
)
PROPERTY_FIELDS = re.compile(rf"(?P<key>{NAME})[\t ]*:[\t ]*(?P<text>{STRING})")
ANNOTATION = re.compile(rf"{SPEAKER}|{TAG}")


def _line_patterns(keywords: list[str]) -> dict[str, str]:
    """The whole-line terminals' patterns; `keywords` may not be the first word of a relation
    line or a property (the parser's state decides what such a word is: Lark's way)."""
    not_keyword = rf"(?!(?:{'|'.join(sorted(keywords, key=len, reverse=True))})\b)"
    roles = "|".join(ROLE_WORDS)
    verbs = "|".join(VERB_WORDS)
    statement = rf"(?:{roles})[\t ]+{NAME}{ANNOTATIONS}[\t ]*:[\t ]*{STRING}{NEWLINE}"
    argument = rf"argument[\t ]+{NAME}{ANNOTATIONS}(?:[\t ]*->[\t ]*{QNAME})?[\t ]*:{NEWLINE}"
    signed = {}
    for name, sign in SIGNED.items():
        signed[f"{name}_STATEMENT_LINE"] = rf"{sign}[\t ]*{statement}"
        signed[f"{name}_ARGUMENT_LINE"] = rf"{sign}[\t ]*{argument}"
    return {
        **signed,
        "STATEMENT_LINE": statement,
        "ARGUMENT_LINE": argument,
        "RELATION_LINE": rf"{not_keyword}{QNAME}[\t ]+(?:{verbs})[\t ]+{QNAME}{ANNOTATIONS}"
        rf"{NEWLINE}",
        "PROPERTY_LINE": rf"{not_keyword}{NAME}[\t ]*:[\t ]*{STRING}{NEWLINE}",
        "INLINE_ARGUMENT_LINE": rf"argument[\t ]+{NAME}{ANNOTATIONS}(?:[\t ]*->[\t ]*{QNAME})?"
        rf"[\t ]*:[\t ]*{QNAME}(?:[\t ]*\+[\t ]*{QNAME})*(?:[\t ]*->[\t ]*{QNAME})?{NEWLINE}",
        "GROUP_LINE": rf"group[\t ]*{STRING}{ANNOTATIONS}[\t ]*:{NEWLINE}",
    }


class Unsure(Exception):
    """The text holds something only Lark's own lexer can report exactly."""


_new_str = str.__new__


class ArgTokenizer(Lexer):
    """A Lark custom lexer (`lexer=ArgTokenizer`, interface 2) for argmap's grammar.

    Keywords are lexed as ids and become keywords where the parser's state accepts the
    keyword, as Lark's contextual lexer does. Tokens the parse tree never keeps (`_NL`,
    `_INDENT`, `_DEDENT`, and punctuation the grammar drops, such as ':') are one shared
    token per type, without positions: only kept tokens reach the tree and the model.
    """

    __future_interface__ = 2

    NL_TYPE = "_NL"
    INDENT_TYPE = "_INDENT"
    DEDENT_TYPE = "_DEDENT"
    WORD_TYPE = "NAME"
    # Set by the parser module: deeper outlines are reported by Lark's lexer (E005).
    max_depth: ClassVar[int] = 200
    # Whether to make the whole-line terminals (only for a grammar that declares them).
    LINES: ClassVar[bool] = False

    def __init__(self, lexer_conf: Any) -> None:
        terminals = list(lexer_conf.terminals)
        regexps = [t for t in terminals if t.pattern.type == "re"]
        self.keywords: dict[str, str] = {}
        scanned = []
        for terminal in terminals:
            if terminal.pattern.type == "str" and any(
                re.fullmatch(r.pattern.to_regexp(), terminal.pattern.value) for r in regexps
            ):
                # A word that an id pattern also matches: decided by the parser's state.
                self.keywords[terminal.pattern.value] = terminal.name
            else:
                scanned.append(terminal)
        # Lark's order: a regular expression alternation takes the first alternative that
        # matches, so longer literals ('->') come before their prefixes ('-').
        scanned.sort(
            key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name)
        )
        ignored = [t for t in scanned if t.name in set(lexer_conf.ignore)]
        scanned = [t for t in scanned if t.name not in set(lexer_conf.ignore)]
        # What the grammar ignores (spaces between tokens) is skipped in front of each token
        # by the same match; a character that starts no token ends the scan (UNSURE).
        skip = "|".join(t.pattern.to_regexp() for t in ignored)
        alternatives = [f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in scanned]
        # Whole-line terminals come first: where a line has their form, they take it whole.
        lines = _line_patterns(list(self.keywords)) if self.LINES else {}
        self.line_kinds = frozenset(lines)
        line_alternatives = [f"(?P<{name}>{pattern})" for name, pattern in lines.items()]
        prefix = f"(?:{skip})*" if skip else ""
        unsure = f"(?P<{_UNSURE}>[\\s\\S])"
        self.pattern = re.compile(prefix + "(?:" + "|".join([*alternatives, unsure]) + ")")
        # At the start of a line, and after an outline sign, the whole-line terminals too.
        self.line_pattern = re.compile(
            prefix + "(?:" + "|".join([*line_alternatives, *alternatives, unsure]) + ")"
        )
        self.signs = frozenset(
            t.name for t in terminals if t.pattern.type == "str" and t.pattern.value in SIGNS
        )
        self.shared: dict[str, Token] = {}
        self.dropped: frozenset[str] | None = None

    def _dropped(self, parse_conf: Any) -> frozenset[str]:
        """Terminals that no rule keeps in the tree (filtered out, never `!`-kept)."""
        kept: set[str] = set()
        every: set[str] = set()
        for rule in parse_conf.callbacks:
            if isinstance(rule, str):
                continue
            keep_all = bool(rule.options and rule.options.keep_all_tokens)
            for symbol in rule.expansion:
                if symbol.is_term:
                    every.add(symbol.name)
                    if keep_all or not symbol.filter_out:
                        kept.add(symbol.name)
        return frozenset(every - kept) | {self.NL_TYPE, self.INDENT_TYPE, self.DEDENT_TYPE}

    def _shared(self, kind: str) -> Token:
        token = self.shared.get(kind)
        if token is None:
            token = self.shared[kind] = Token(kind, "")
        return token

    def lex(self, lexer_state: Any, parser_state: Any) -> Iterator[Token]:
        text = lexer_state.text
        if not isinstance(text, str):
            # Lark 1.3 hands the text over as a TextSlice; older versions as the str.
            whole = getattr(text, "is_complete_text", None)
            if whole is None or not whole() or not isinstance(text.text, str):
                raise Unsure("not the whole of a text")
            text = text.text
        if self.dropped is None:
            self.dropped = self._dropped(parser_state.parse_conf)
        dropped = self.dropped
        shared = {kind: self._shared(kind) for kind in dropped}
        nl_token = shared[self.NL_TYPE]
        indent_token = shared[self.INDENT_TYPE]
        dedent_token = shared[self.DEDENT_TYPE]
        unsure = _UNSURE
        keywords = self.keywords
        states = parser_state.parse_conf.states
        state_stack = parser_state.state_stack
        word_type = self.WORD_TYPE
        nl_type = self.NL_TYPE
        max_depth = self.max_depth
        levels = [0]
        line = 1
        line_start = 0
        end = 0
        new = _new_str
        token_class = Token
        line_kinds = self.line_kinds
        signs = self.signs
        match_token = self.pattern.match
        match_line = self.line_pattern.match
        at_line_start = True
        position = 0
        length = len(text)
        while position < length:
            match = (match_line if at_line_start else match_token)(text, position)
            if match is None:
                break
            position = match.end()
            kind = match.lastgroup
            if kind == nl_type or kind in line_kinds:
                value = match.group(kind)
                newline = value.rfind("\n")
                if newline < 0 or (kind != nl_type and newline < value.rfind('"')):
                    raise Unsure("a comment at the end of the text")
                start, end = match.span(kind)
                if kind == nl_type:
                    line += value.count("\n")
                    line_start = start + newline + 1
                    yield nl_token
                else:
                    # A whole line, the newline after it included.
                    token = new(token_class, value)
                    token.type = kind
                    token.value = value
                    token.start_pos = start
                    token.end_pos = end
                    token.line = line
                    token.column = start - line_start + 1
                    line += value.count("\n")
                    line_start = start + newline + 1
                    token.end_line = line
                    token.end_column = end - line_start + 1
                    yield token
                spaces = end - line_start
                indentation = text[line_start:end]
                indent = indent_width(indentation) if "\t" in indentation else spaces
                if indent > levels[-1]:
                    if len(levels) > max_depth:
                        raise Unsure("an outline nested too deep")
                    levels.append(indent)
                    yield indent_token
                elif indent < levels[-1]:
                    while indent < levels[-1]:
                        levels.pop()
                        yield dedent_token
                    if indent != levels[-1]:
                        raise Unsure("a line that lines up with no open block")
                at_line_start = True
                continue
            at_line_start = kind in signs
            if kind in dropped:
                yield shared[kind]
                continue
            assert kind is not None
            if kind == unsure:
                raise Unsure("a character that starts no token")
            start, end = match.span(kind)
            value = match.group(kind)
            if kind == word_type:
                keyword = keywords.get(value)
                if keyword is not None and keyword in states[state_stack[-1]]:
                    if keyword in dropped:
                        yield shared[keyword]
                        continue
                    kind = keyword
            token = new(token_class, value)
            token.type = kind
            token.value = value
            token.start_pos = start
            token.end_pos = end
            token.line = line
            token.column = start - line_start + 1
            newline = value.rfind("\n")
            if newline >= 0:
                line += value.count("\n")
                line_start = start + newline + 1
            token.end_line = line
            token.end_column = end - line_start + 1
            yield token
        if end != len(text):
            raise Unsure("text after the last token")
        while len(levels) > 1:
            levels.pop()
            yield dedent_token


class LineTokenizer(ArgTokenizer):
    """`ArgTokenizer` for the fast grammar: a line of a common form is one token."""

    LINES = True
