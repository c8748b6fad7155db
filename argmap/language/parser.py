"""Text to model: runs the Lark grammar and turns the tree into an ArgumentMap with spans."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, ClassVar

from argmap.diagnostics import Diagnostic, did_you_mean, make
from argmap.gcpause import paused_gc
from argmap.language import hints, parallel, tokenizer
from argmap.language.itemcache import ITEM_CACHE
from argmap.language.lark_import import (
    Indenter,
    Lark,
    Token,
    Tree,
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    UnexpectedToken,
)
from argmap.language.tokenizer import ArgTokenizer, LineTokenizer, Unsure
from argmap.language.vocabulary import (
    ARGUMENT_OPTIONS,
    ARGUMENT_PROPERTIES,
    EXPECTED_LABELS,
    KEYWORD_SET,
    KEYWORDS,
    METADATA_KEYS,
    PROOF_STANDARDS,
    ROLES,
    SIGNS,
    STATEMENT_OPTIONS,
    STATEMENT_PROPERTIES,
    WEIGHING_FUNCTIONS,
    indent_width,
    suggest_id,
)
from argmap.model import (
    NO_SPAN,
    Argument,
    ArgumentMap,
    Expectation,
    Group,
    Metadata,
    Relation,
    RelationKind,
    Role,
    Span,
    Speaker,
    Statement,
    from_columns,
    to_columns,
)

# The semantics an `expect` block may name (the evaluation stage's SEMANTICS_NAMES). Written out
# here because the language stage comes before the evaluation stage;
# tests/evaluation/test_expected.py proves the lists agree.
EXPECTATION_SEMANTICS = (
    "grounded", "complete", "preferred", "stable", "semi-stable", "ideal", "stage", "carneades",
)  # fmt: skip

MAX_DEPTH = 200
MAX_SYNTAX_ERRORS = 25

SIGN_KINDS = {
    "support_child": SIGNS["+"],
    "attack_child": SIGNS["-"],
    "undercut_child": SIGNS["~"],
    "contradict_child": SIGNS["><"],
}
VERB_KINDS = {kind.value: kind for kind in RelationKind}
_ROLE_OF = {role.value: role for role in Role}
_NO_VALUES: dict[str, str] = {}


@dataclass(frozen=True)
class ImportLine:
    """An `import "path"` line (or `import "path" as name`): what is written and where."""

    path: str
    span: Span
    # The name the imported map's ids are referred to by (`name.id`), if the line gives one.
    alias: str | None = None
    alias_span: Span = NO_SPAN


@dataclass(frozen=True)
class ParseResult:
    """The map read from a text, and the problems met while reading it."""

    map: ArgumentMap
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # The text's own import lines (argmap.language.imports follows them).
    imports: tuple[ImportLine, ...] = ()
    # The files merged into `map` through imports, as they are named in diagnostics.
    files: tuple[str, ...] = ()

    @property
    def has_syntax_errors(self) -> bool:
        return any(d.code.startswith("E0") for d in self.diagnostics)


class _IndentationProblem(Exception):
    def __init__(
        self, code: str, message: str, line: int, column: int, hint: str | None = None
    ) -> None:
        super().__init__(message)
        self.code, self.message, self.line, self.column = code, message, line, column
        self.hint = hint


class _FollowOn(Exception):
    """A block header left empty only because the broken lines under it were blanked: no
    second error for it; `line` is the header's line, to blank too."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class _ArgIndenter(Indenter):
    NL_type = "_NL"
    OPEN_PAREN_types: ClassVar[list[str]] = []
    CLOSE_PAREN_types: ClassVar[list[str]] = []
    INDENT_type = "_INDENT"
    DEDENT_type = "_DEDENT"
    tab_len = 8

    def handle_NL(self, token: Token) -> Iterator[Token]:
        indent_str = token.rsplit("\n", 1)[1]
        indent = indent_width(indent_str)
        line = token.end_line or 1
        yield token
        if indent > self.indent_level[-1]:
            if len(self.indent_level) > MAX_DEPTH:
                raise _IndentationProblem(
                    "E005",
                    f"the outline is nested more than {MAX_DEPTH} levels deep",
                    line,
                    indent + 1,
                    "declare the deeper part at column 1 and link it with a relation line "
                    "(for example: c supports b), or with a bare id under its parent",
                )
            self.indent_level.append(indent)
            yield Token.new_borrow_pos(self.INDENT_type, indent_str, token)
        else:
            closed = indent
            while indent < self.indent_level[-1]:
                closed = self.indent_level.pop()
                yield Token.new_borrow_pos(self.DEDENT_type, indent_str, token)
            if indent != self.indent_level[-1]:
                message, hint = hints.for_indentation(indent, closed, self.indent_level[-1])
                raise _IndentationProblem("E004", message, line, indent + 1, hint)


def _grammar_text() -> str:
    # The grammar is package data beside this module, in a checkout and in a wheel alike.
    return (Path(__file__).resolve().parent / "argmap.lark").read_text(encoding="utf-8")


def load_grammar() -> None:
    """Build (or load from Lark's cache) the parser now rather than at the first parse."""
    _fast_lark()


@lru_cache(maxsize=1)
def _lark() -> Lark:
    return Lark(
        _grammar_text(),
        parser="lalr",
        postlex=_ArgIndenter(),
        # Positions come from tokens; propagating them to every tree node costs a third
        # of the parse and is never read.
        propagate_positions=False,
        maybe_placeholders=False,
        cache=True,
    )


ArgTokenizer.max_depth = MAX_DEPTH
_new_str = str.__new__
# False parses everything with Lark's own lexer (the tests compare the two).
USE_TOKENIZER = True


# The fast grammar: the grammar, and for each common form of line one terminal that stands for
# the whole line (argmap.language.tokenizer makes them). Its trees hold these tokens where the
# grammar's trees hold the line's tokens and subtrees; the builder reads both. Its rules are
# also written out without the grammar's inlined rules (`_top`, `_child`, `_child_node`,
# `_statement_line`, `_argument_line`): their trees are the same, and the parser has
# two reductions fewer for each line (each is a call). Text the fast grammar does not accept
# is parsed with the grammar itself, which reports the problem.
_CHILD = "support_child | attack_child | undercut_child | contradict_child"
_ARGUMENT_LINE = f"(statement | premise_ref | property | {_CHILD})+"
_STATEMENT_LINE = f"(property | {_CHILD})+"
_SIGNED_LINES = " ".join(
    f"{sign}_{kind}_LINE" for sign in tokenizer.SIGNED for kind in ("STATEMENT", "ARGUMENT")
)
FAST_RULES = f"""
%declare STATEMENT_LINE ARGUMENT_LINE RELATION_LINE PROPERTY_LINE {_SIGNED_LINES}
%declare INLINE_ARGUMENT_LINE GROUP_LINE
%override start: _NL? (import_decl | meta | speaker_decl | statement | argument | ref_block
    | relation | group | expect_block)*
%override statement: role NAME annotations ":" STRING _NL [_INDENT {_STATEMENT_LINE} _DEDENT]
    | STATEMENT_LINE [_INDENT {_STATEMENT_LINE} _DEDENT]
%override support_child: PLUS (statement | argument | ref_block)
    | SUPPORT_STATEMENT_LINE [_INDENT {_STATEMENT_LINE} _DEDENT]
    | SUPPORT_ARGUMENT_LINE _INDENT {_ARGUMENT_LINE} _DEDENT
%override attack_child: MINUS (statement | argument | ref_block)
    | ATTACK_STATEMENT_LINE [_INDENT {_STATEMENT_LINE} _DEDENT]
    | ATTACK_ARGUMENT_LINE _INDENT {_ARGUMENT_LINE} _DEDENT
%override undercut_child: TILDE (statement | argument | ref_block)
    | UNDERCUT_STATEMENT_LINE [_INDENT {_STATEMENT_LINE} _DEDENT]
    | UNDERCUT_ARGUMENT_LINE _INDENT {_ARGUMENT_LINE} _DEDENT
%override contradict_child: CONTRA (statement | argument | ref_block)
    | CONTRADICT_STATEMENT_LINE [_INDENT {_STATEMENT_LINE} _DEDENT]
    | CONTRADICT_ARGUMENT_LINE _INDENT {_ARGUMENT_LINE} _DEDENT
%override ref_block: (NAME | QNAME) _NL [_INDENT ({_CHILD})+ _DEDENT]
%override premise_ref: (NAME | QNAME) _NL [_INDENT ({_CHILD})+ _DEDENT]
%override argument: "argument" NAME annotations [conclusion] ":" _argument_rest
    | ARGUMENT_LINE _INDENT {_ARGUMENT_LINE} _DEDENT
    | INLINE_ARGUMENT_LINE [_INDENT {_ARGUMENT_LINE} _DEDENT]
%override group: "group" STRING annotations ":" _group_rest
    | GROUP_LINE _INDENT (statement | argument | member_list _NL)+ _DEDENT
%override _argument_rest: premise_list [conclusion] _NL [_INDENT {_ARGUMENT_LINE} _DEDENT]
    | _NL _INDENT {_ARGUMENT_LINE} _DEDENT
%extend relation: RELATION_LINE
%extend property: PROPERTY_LINE
%extend meta: PROPERTY_LINE
"""
# A child whose sign is in its line's token: the node the sign stands in front of.
_SIGNED_NODES = {
    f"{sign}_{kind.upper()}_LINE": kind
    for sign in tokenizer.SIGNED
    for kind in ("statement", "argument")
}


@lru_cache(maxsize=1)
def _fast_lark() -> Lark:
    # The fast grammar and the same LALR parser with argmap's own tokenizer; `_lark()` (the
    # grammar with Lark's lexer) is built only for text the tokenizer is unsure of, or that
    # has syntax errors.
    return Lark(
        _grammar_text() + FAST_RULES,
        parser="lalr",
        lexer=LineTokenizer,
        propagate_positions=False,
        maybe_placeholders=False,
        cache=True,
    )


@lru_cache(maxsize=1)
def _terminal_words() -> dict[str, str]:
    words = {
        "NAME": "an id",
        "QNAME": "an id",
        "STRING": "quoted text",
        "_NL": "the end of the line",
        "_INDENT": "an indented line",
        "_DEDENT": "a less indented line",
        "SPEAKER": "'@speaker'",
        "TAG": "'#tag'",
        "$END": "the end of the file",
    }
    for terminal in _lark().terminals:
        if terminal.name not in words and terminal.pattern.type == "str":
            words[terminal.name] = f"'{terminal.pattern.value}'"
    return words


def _describe_expected(expected: set[str]) -> str:
    words = sorted({_terminal_words().get(name, name) for name in expected})
    keywords = [w for w in words if w.startswith("'") and w.strip("'").isalpha()]
    # A long list of keywords reads better folded into one phrase.
    if len(keywords) > 4:
        words = [w for w in words if w not in keywords] + ["a keyword"]
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " or " + words[-1]


def _option_hint(key: str, allowed: tuple[str, ...]) -> str:
    everywhere = (*STATEMENT_OPTIONS, *ARGUMENT_OPTIONS)
    guess = did_you_mean(key, everywhere)
    if guess in allowed:
        return f"did you mean '{guess}'?"
    if guess == "scheme":
        return "'scheme' names the scheme of an argument, not of a statement"
    if guess == "raises":
        return "'raises' is an option of the statement that raises a critical question"
    if allowed:
        return f"options here: {', '.join(allowed)}"
    return (
        f"remove '({key}: ...)' here: options stand on statements "
        f"({', '.join(STATEMENT_OPTIONS)}) and arguments ({', '.join(ARGUMENT_OPTIONS)})"
    )


_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t"}
_TEXT_PIECE = re.compile(r"\\(.)|[ \t]*\n[ \t]*", re.S)


def _token(kind: str, value: str, line: int, column: int) -> Token:
    """A token of a whole-line token's part, where Lark's lexer would have placed it."""
    token = _new_str(Token, value)
    token.type = kind
    token.value = value
    token.line = line
    token.column = column
    newline = value.rfind("\n")
    if newline < 0:
        token.end_line = line
        token.end_column = column + len(value)
    else:
        token.end_line = line + value.count("\n")
        token.end_column = len(value) - newline
    return token


def _parts(tree: Tree[Token]) -> list[Tree[Token] | Token]:
    """A tree's children as the grammar gives them, also for a property (or metadata) line
    that the fast grammar gave as one whole-line token: its key and text as two tokens.

    (The builder reads every other whole-line token's fields itself.)"""
    head = tree.children[0] if tree.children else None
    if not isinstance(head, Token) or head.type != "PROPERTY_LINE":
        return tree.children
    found = tokenizer.PROPERTY_FIELDS.match(head)
    assert found is not None
    line, column = head.line or 0, head.column or 0
    return [
        _token(kind, found[group], line, column + found.start(group))
        for kind, group in (("NAME", "key"), ("STRING", "text"))
    ]


@dataclass(slots=True)
class _Header:
    """What an argument's header line says: its id, speaker, tags, conclusion and premises."""

    name: str
    span: Span
    speaker: tuple[str | None, Span]
    tags: tuple[str, ...]
    conclusion: str | None
    conclusion_span: Span
    premises: list[str]
    premise_spans: list[Span]


class _Builder:
    """Walks the parse tree once and collects the model, reporting what it cannot accept."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.metadata: dict[str, str] = {}
        self.speakers: list[Speaker] = []
        self.statements: list[Statement] = []
        self.arguments: list[Argument] = []
        self.relations: list[Relation] = []
        self.groups: list[Group] = []
        self.expectations: list[Expectation] = []
        self.diagnostics: list[Diagnostic] = []
        self.open_groups: list[tuple[list[str], list[Span]]] = []
        self.imports: list[ImportLine] = []
        # The line of the source where the chunk being built starts, less one.
        self.offset = 0

    # -- helpers ---------------------------------------------------------------------------

    def error(self, code: str, message: str, span: Span, hint: str | None = None) -> None:
        self.diagnostics.append(make(code, message, span, path=self.path, hint=hint))

    def id(self, token: Token) -> str:
        """The id a NAME token names, reporting a keyword used as one (E009)."""
        value = str(token.value)
        if value in KEYWORD_SET:
            self.error(
                "E009",
                f"'{value}' is a keyword and cannot be an id",
                self.span(token),
                hint=f"rename it, for example '{suggest_id(value)}'",
            )
        return value

    def span(self, token: Token) -> Span:
        return Span(
            (token.line or 0) + self.offset,
            token.column or 0,
            (token.end_line or 0) + self.offset,
            max((token.end_column or 1) - 1, 1),
        )

    def text(self, token: Token) -> str:
        return self.quoted(token.value, lambda: self.span(token))

    def quoted(self, value: str, where: Callable[[], Span]) -> str:
        """The text a STRING token's `value` holds; `where` gives its span for an E007."""
        if "\\" not in value and "\n" not in value:
            return value[1:-1]

        def piece(match: re.Match[str]) -> str:
            escaped = match.group(1)
            if escaped is None:
                return " "
            if escaped in _ESCAPES:
                return _ESCAPES[escaped]
            self.error(
                "E007",
                f"'\\{escaped}' is not an escape in quoted text",
                where(),
                hint='write \\\\ for a backslash, \\" for a quote',
            )
            return escaped

        return _TEXT_PIECE.sub(piece, value[1:-1])

    # -- whole-line tokens (the fast grammar) ------------------------------------------------

    def part_span(self, head: Token, found: re.Match[str], group: str) -> Span:
        """The span of a field of a whole-line token, as its own token would have."""
        value = found[group]
        line = (head.line or 0) + self.offset
        column = (head.column or 0) + found.start(group)
        newline = value.rfind("\n")
        if newline < 0:
            return Span(line, column, line, max(column + len(value) - 1, 1))
        return Span(line, column, line + value.count("\n"), max(len(value) - newline - 1, 1))

    def checked_id(self, value: str, where: Span | Callable[[], Span]) -> str:
        """`id` for an id read from a whole-line token (`where`: its span, or what gives it)."""
        if value in KEYWORD_SET:
            self.error(
                "E009",
                f"'{value}' is a keyword and cannot be an id",
                where if isinstance(where, Span) else where(),
                hint=f"rename it, for example '{suggest_id(value)}'",
            )
        return value

    def line_annotations(
        self, head: Token, found: re.Match[str]
    ) -> tuple[str | None, Span, tuple[str, ...]]:
        """`annotations` of a whole-line token: its speaker, the speaker's span and its tags
        (such a line has no options)."""
        text = found["annotations"]
        if not text:
            return None, NO_SPAN, ()
        speaker: str | None = None
        speaker_span = NO_SPAN
        tags: list[str] = []
        line = (head.line or 0) + self.offset
        column = (head.column or 0) + found.start("annotations")
        newline = head.rfind("\n", 0, found.start("annotations"))
        if newline >= 0:
            # After a group's name written over several lines: counted from its last line.
            line += head.count("\n", 0, newline + 1)
            column = found.start("annotations") - newline
        for at in tokenizer.ANNOTATION.finditer(text):
            part = at.group()
            if part[0] == "#":
                tags.append(part[1:])
                continue
            span = Span(line, column + at.start(), line, column + at.end() - 1)
            if speaker is not None:
                self.error(
                    "E113",
                    f"'{part}' is a second speaker for one node",
                    span,
                    hint="attribute each node to one speaker",
                )
                continue
            speaker, speaker_span = part[1:], span
            if speaker in KEYWORD_SET:
                self.error(
                    "E009",
                    f"'{speaker}' is a keyword and cannot be a speaker's id",
                    speaker_span,
                    hint=f"rename the speaker, for example '@{suggest_id(speaker)}'",
                )
        return speaker, speaker_span, tuple(tags)

    def statement_line(
        self,
        head: Token,
        found: re.Match[str],
        rest: list[Tree[Token] | Token],
        span: Span | None = None,
    ) -> tuple[str, Span, str]:
        """`statement` for a statement whose line is one token (`rest`: the lines under it;
        `span`: its id's span, where the caller has it)."""
        role, name, annotations, text = found.groups()
        line = (head.line or 0) + self.offset
        if span is None:
            column = (head.column or 0) + found.start(2)
            span = Span(line, column, line, column + len(name) - 1)
        speaker: str | None = None
        speaker_span = NO_SPAN
        tags: tuple[str, ...] = ()
        if annotations:
            at = annotations.find("@")
            if "#" in annotations or at < 0 or "@" in annotations[at + 1 :]:
                speaker, speaker_span, tags = self.line_annotations(head, found)
            else:
                # One speaker, no tags: the common case.
                speaker = annotations[at + 1 :].rstrip(" \t")
                start = (head.column or 0) + found.start(3) + at
                speaker_span = Span(line, start, line, start + len(speaker))
                if speaker in KEYWORD_SET:
                    speaker, speaker_span, tags = self.line_annotations(head, found)
        values = (
            self.properties(
                [t for t in rest if isinstance(t, Tree) and t.data == "property"],
                STATEMENT_PROPERTIES,
                "a statement",
            )
            if rest
            else _NO_VALUES
        )
        if name in KEYWORD_SET:
            self.checked_id(name, lambda: span)
        if "\\" in text or "\n" in text:
            text = self.quoted(text, lambda: self.part_span(head, found, "text"))
        else:
            text = text[1:-1]
        self.add_statement(
            name, _ROLE_OF[role], text, (speaker, speaker_span, tags), span, values, _NO_VALUES
        )
        if self.open_groups:
            self.join_groups(name, span)
        if rest:
            self.children(name, span, rest)
        return name, span, "statement"

    def add_statement(
        self,
        node_id: str,
        role: Role,
        text: str,
        attribution: tuple[str | None, Span, tuple[str, ...]],
        span: Span,
        values: dict[str, str],
        options: dict[str, str],
    ) -> None:
        """Record a statement: `attribution` is its speaker, the speaker's span and its tags;
        `values` its properties and `options` its options, by name."""
        speaker, speaker_span, tags = attribution
        self.statements.append(
            Statement(
                id=node_id,
                role=role,
                text=text,
                speaker=speaker,
                tags=tags,
                cite=values.get("cite"),
                quote=values.get("quote"),
                url=values.get("url"),
                note=values.get("note"),
                raises=options.get("raises"),
                title=values.get("title"),
                standard=options.get("standard"),
                expect=options.get("expect"),
                span=span,
                speaker_span=speaker_span,
            )
        )

    def annotations(
        self, tree: Tree[Token], allowed: tuple[str, ...]
    ) -> tuple[str | None, Span, tuple[str, ...], dict[str, str]]:
        speaker: str | None = None
        speaker_span = NO_SPAN
        tags: list[str] = []
        options: dict[str, str] = {}
        for item in tree.children:
            if isinstance(item, Token) and item.type == "SPEAKER":
                if speaker is not None:
                    self.error(
                        "E113",
                        f"'{item.value}' is a second speaker for one node",
                        self.span(item),
                        hint="attribute each node to one speaker",
                    )
                    continue
                speaker, speaker_span = item.value[1:], self.span(item)
                if speaker in KEYWORD_SET:
                    self.error(
                        "E009",
                        f"'{speaker}' is a keyword and cannot be a speaker's id",
                        speaker_span,
                        hint=f"rename the speaker, for example '@{suggest_id(speaker)}'",
                    )
            elif isinstance(item, Token) and item.type == "TAG":
                tags.append(item.value[1:])
            elif isinstance(item, Tree):
                for option in item.children:
                    assert isinstance(option, Tree)
                    key, value = option.children
                    assert isinstance(key, Token) and isinstance(value, Token)
                    if key.value not in allowed:
                        self.error(
                            "E006",
                            f"'{key.value}' is not an option here",
                            self.span(key),
                            hint=_option_hint(key.value, allowed),
                        )
                        continue
                    text = self.text(value) if value.type == "STRING" else value.value
                    checked = self.option_value(key.value, text, value)
                    if checked is not None:
                        options[key.value] = checked
        return speaker, speaker_span, tuple(tags), options

    def option_value(self, key: str, text: str, token: Token) -> str | None:
        """An option's value, normalised; None (and an E013) when the key cannot take it."""
        allowed: tuple[str, ...] = ()
        if key == "standard":
            allowed = PROOF_STANDARDS
        elif key == "expect":
            allowed = EXPECTED_LABELS
            text = "undec" if text.lower() == "undecided" else text
        elif key == "weight":
            if token.type == "NUMBER":
                if float(text) <= 1:
                    return text
                self.error(
                    "E013",
                    f"weight {text} is more than 1",
                    self.span(token),
                    hint="a weight is a number from 0 to 1",
                )
                return None
            allowed = WEIGHING_FUNCTIONS
        elif token.type == "NUMBER":
            self.error(
                "E013",
                f"'{key}' takes a name, not the number {text}",
                self.span(token),
                hint=f"write ({key}: name)",
            )
            return None
        if allowed and text.lower() not in allowed:
            what = "a number from 0 to 1, or " if key == "weight" else ""
            self.error(
                "E013",
                f"'{text}' is not a value of '{key}'",
                self.span(token),
                hint=f"'{key}' takes {what}one of: {', '.join(allowed)}",
            )
            return None
        return text.lower() if allowed else text

    def expect_block(self, tree: Tree[Token]) -> None:
        name, *lines = tree.children
        assert isinstance(name, Token)
        # An id cannot hold a hyphen: `semi_stable` names semi-stable semantics.
        semantics = name.value.replace("_", "-")
        if semantics not in EXPECTATION_SEMANTICS:
            names = [s.replace("-", "_") for s in EXPECTATION_SEMANTICS]
            guess = did_you_mean(name.value, names)
            self.error(
                "E013",
                f"'{semantics}' is not a semantics argmap computes",
                self.span(name),
                hint=(f"did you mean '{guess}'? " if guess else "")
                + "expect one of: "
                + ", ".join(names),
            )
            return
        for line in lines:
            assert isinstance(line, Tree)
            label_token, members = line.children
            assert isinstance(label_token, Token) and isinstance(members, Tree)
            label = label_token.value.lower()
            label = "undec" if label == "undecided" else label
            if label not in EXPECTED_LABELS:
                guess = did_you_mean(label, ("in", "out", "undec"))
                self.error(
                    "E013",
                    f"'{label_token.value}' is not a label",
                    self.span(label_token),
                    hint=(f"did you mean '{guess}'? " if guess else "")
                    + "each line of an expect block is in:, out: or undec: and ids",
                )
                continue
            tokens = [t for t in members.children if isinstance(t, Token)]
            self.expectations.append(
                Expectation(
                    semantics,
                    label,
                    tuple(self.id(t) for t in tokens),
                    self.span(label_token),
                    tuple(self.span(t) for t in tokens),
                )
            )

    def join_groups(self, node_id: str, span: Span) -> None:
        for members, spans in self.open_groups:
            members.append(node_id)
            spans.append(span)

    def properties(
        self, trees: list[Tree[Token]], allowed: tuple[str, ...], owner: str
    ) -> dict[str, str]:
        values: dict[str, str] = {}
        for tree in trees:
            head = tree.children[0]
            if isinstance(head, Token) and head.type == "PROPERTY_LINE":
                found = tokenizer.PROPERTY_FIELDS.match(head)
                assert found is not None
                if found["key"] in allowed:
                    values[found["key"]] = self.quoted(
                        found["text"], partial(self.part_span, head, found, "text")
                    )
                    continue
            key, value = _parts(tree)
            assert isinstance(key, Token) and isinstance(value, Token)
            if key.value not in allowed:
                guess = did_you_mean(key.value, allowed)
                hint = (
                    f"did you mean '{guess}'?"
                    if guess
                    else f"properties of {owner}: {', '.join(allowed)}"
                )
                if key.value in STATEMENT_PROPERTIES:
                    hint = f"'{key.value}' belongs to a statement: put it under a premise"
                message = f"'{key.value}' is not a property of {owner}"
                self.error("E006", message, self.span(key), hint)
                continue
            values[key.value] = self.text(value)
        return values

    # -- the tree ----------------------------------------------------------------------------

    def add(self, tree: Tree[Token], offset: int) -> None:
        """Add the items of one parsed chunk whose first line is line `offset + 1`."""
        self.offset = offset
        for item in tree.children:
            if isinstance(item, Tree):
                self.top(item)

    def finish(self) -> ArgumentMap:
        return ArgumentMap(
            metadata=Metadata(**self.metadata),
            speakers=tuple(self.speakers),
            statements=tuple(self.statements),
            arguments=tuple(self.arguments),
            relations=tuple(self.relations),
            groups=tuple(self.groups),
            expectations=tuple(self.expectations),
            path=self.path,
        )

    def top(self, tree: Tree[Token]) -> None:
        kind = tree.data
        if kind == "meta":
            self.meta(tree)
        elif kind == "import_decl":
            target, *alias = tree.children
            assert isinstance(target, Token)
            line = ImportLine(self.text(target), self.span(target))
            if alias:
                name = alias[0]
                assert isinstance(name, Token)
                line = replace(line, alias=self.id(name), alias_span=self.span(name))
            self.imports.append(line)
        elif kind == "speaker_decl":
            name, text = tree.children
            assert isinstance(name, Token) and isinstance(text, Token)
            self.speakers.append(Speaker(self.id(name), self.text(text), self.span(name)))
        elif kind == "relation":
            self.relation(tree)
        elif kind == "group":
            self.group(tree)
        elif kind == "expect_block":
            self.expect_block(tree)
        else:
            self.node(tree)

    def meta(self, tree: Tree[Token]) -> None:
        key, value = _parts(tree)
        assert isinstance(key, Token) and isinstance(value, Token)
        if key.value not in METADATA_KEYS:
            guess = did_you_mean(key.value, METADATA_KEYS)
            hint = (
                f"did you mean '{guess}'?"
                if guess
                else f"metadata keys: {', '.join(METADATA_KEYS)}; rename it to one of them, or "
                "keep the note as a // comment"
            )
            if key.value in ROLES:
                hint = f'a {key.value} needs an id: {key.value} my_id: "..."'
            self.error("E006", f"unknown metadata key '{key.value}'", self.span(key), hint)
            return
        if key.value in self.metadata:
            self.diagnostics.append(
                make(
                    "W205",
                    f"metadata '{key.value}' is set more than once",
                    self.span(key),
                    path=self.path,
                    hint="the last value wins; remove the other",
                )
            )
        self.metadata[key.value] = self.text(value)

    def node(self, tree: Tree[Token]) -> tuple[str, Span, str]:
        """Declare or refer to a node; returns its id, span and what it is."""
        if tree.data == "statement":
            return self.statement(tree)
        if tree.data == "argument":
            return self.argument(tree, parent=None)
        return self.ref_block(tree)

    def statement(
        self, tree: Tree[Token], found: re.Match[str] | None = None
    ) -> tuple[str, Span, str]:
        head = tree.children[0]
        if isinstance(head, Token):
            if found is None:
                found = tokenizer.STATEMENT_FIELDS.match(head)
                assert found is not None
            return self.statement_line(head, found, tree.children[1:])
        role_tree, name, annotations, text, *rest = tree.children
        assert isinstance(role_tree, Tree) and isinstance(name, Token)
        assert isinstance(annotations, Tree) and isinstance(text, Token)
        role_token = role_tree.children[0]
        assert isinstance(role_token, Token)
        span = self.span(name)
        speaker, speaker_span, tags, options = self.annotations(annotations, STATEMENT_OPTIONS)
        props = [t for t in rest if isinstance(t, Tree) and t.data == "property"]
        values = self.properties(props, STATEMENT_PROPERTIES, "a statement")
        node_id = self.id(name)  # its E009 before the text's E007, as the text reads
        self.add_statement(
            node_id,
            Role(role_token.value),
            self.text(text),
            (speaker, speaker_span, tags),
            span,
            values,
            options,
        )
        self.join_groups(name.value, span)
        self.children(name.value, span, rest)
        return name.value, span, "statement"

    def ref_block(self, tree: Tree[Token]) -> tuple[str, Span, str]:
        name, *rest = tree.children
        assert isinstance(name, Token)
        span = self.span(name)
        self.children(self.id(name), span, rest)
        return name.value, span, "ref"

    def children(self, parent: str, parent_span: Span, items: list[Tree[Token] | Token]) -> None:
        for item in items:
            if not isinstance(item, Tree) or item.data not in SIGN_KINDS:
                continue
            kind = SIGN_KINDS[str(item.data)]
            sign = item.children[0]
            assert isinstance(sign, Token)
            node = _SIGNED_NODES.get(sign.type)
            if node is None:
                child = item.children[1]
                sign_span = self.span(sign)
            else:
                # The sign and the line after it are one token: the sign is its first
                # one or two characters.
                line = (sign.line or 0) + self.offset
                width = 2 if sign.startswith("><") else 1
                sign_span = Span(line, sign.column or 0, line, (sign.column or 0) + width - 1)
                if node == "statement":
                    found = tokenizer.STATEMENT_FIELDS.match(sign)
                    assert found is not None
                    column = (sign.column or 0) + found.start(2)
                    # The relation's source is the statement's id: one Span for both.
                    source_span = Span(line, column, line, column + len(found[2]) - 1)
                    self.relations.append(
                        Relation(
                            kind,
                            found[2],
                            parent,
                            span=sign_span,
                            source_span=source_span,
                            target_span=parent_span,
                        )
                    )
                    self.statement_line(sign, found, item.children[1:], source_span)
                    continue
                child = Tree(node, item.children)
            assert isinstance(child, Tree)
            if child.data == "argument" and kind is RelationKind.SUPPORT:
                self.argument(child, parent=(parent, parent_span))
                continue
            # The relation goes in before the child's own subtree, to keep source order.
            head = child.children[0]
            if isinstance(head, Token) and head.type.endswith("STATEMENT_LINE"):
                found = tokenizer.STATEMENT_FIELDS.match(head)
                assert found is not None
                self.relations.append(
                    Relation(
                        kind,
                        found["name"],
                        parent,
                        span=sign_span,
                        source_span=self.part_span(head, found, "name"),
                        target_span=parent_span,
                    )
                )
                self.statement(child, found)
                continue
            if isinstance(head, Token) and head.type.endswith("ARGUMENT_LINE"):
                fields = tokenizer.ARGUMENT_FIELDS.match(head)
                assert fields is not None
                source, source_span = fields["name"], self.part_span(head, fields, "name")
            else:
                id_token = _parts(child)[1 if child.data == "statement" else 0]
                assert isinstance(id_token, Token)
                source, source_span = id_token.value, self.span(id_token)
            self.relations.append(
                Relation(
                    kind,
                    source,
                    parent,
                    span=sign_span,
                    source_span=source_span,
                    target_span=parent_span,
                )
            )
            self.node(child)

    def named_twice(self, span: Span) -> None:
        """E111: an argument's conclusion named a second time, at `span`."""
        self.error("E111", "this argument names its conclusion twice", span, "keep one '-> id'")

    def argument_line(self, head: Token) -> _Header:
        """The header of an argument whose line is one token, read from the token's fields."""
        inline = head.type == "INLINE_ARGUMENT_LINE"
        found = (tokenizer.INLINE_ARGUMENT_FIELDS if inline else tokenizer.ARGUMENT_FIELDS).match(
            head
        )
        assert found is not None
        span = self.part_span(head, found, "name")
        speaker, speaker_span, tags = self.line_annotations(head, found)
        header = _Header(found["name"], span, (speaker, speaker_span), tags, None, NO_SPAN, [], [])
        if found["conclusion"] is not None:
            where = self.part_span(head, found, "conclusion")
            header.conclusion = self.checked_id(found["conclusion"], where)
            header.conclusion_span = where
        if inline:
            line = (head.line or 0) + self.offset
            column = (head.column or 0) + found.start("premises")
            for at in tokenizer.PREMISE.finditer(found["premises"]):
                value = at.group()
                if value == "+":
                    continue
                start = column + at.start()
                where = Span(line, start, line, start + len(value) - 1)
                header.premises.append(self.checked_id(value, where))
                header.premise_spans.append(where)
            if found["last_conclusion"] is not None:
                where = self.part_span(head, found, "last_conclusion")
                if header.conclusion is not None:
                    self.named_twice(where)
                header.conclusion = self.checked_id(found["last_conclusion"], where)
                header.conclusion_span = where
        return header

    def argument(self, tree: Tree[Token], parent: tuple[str, Span] | None) -> tuple[str, Span, str]:
        head = tree.children[0]
        options: dict[str, str] = _NO_VALUES
        name: Token | None = None
        if isinstance(head, Token) and head.type.endswith("ARGUMENT_LINE"):
            # The whole line is one token (a signed one too: its fields pattern takes the sign).
            header = self.argument_line(head)
            name_id, span = header.name, header.span
            speaker, speaker_span = header.speaker
            tags, premises, premise_spans = header.tags, header.premises, header.premise_spans
            conclusion, conclusion_span = header.conclusion, header.conclusion_span
            rest = tree.children[1:]
        else:
            head, annotations, *rest = tree.children
            assert isinstance(head, Token) and isinstance(annotations, Tree)
            name = head
            name_id = name.value
            span = self.span(name)
            speaker, speaker_span, tags, options = self.annotations(annotations, ARGUMENT_OPTIONS)
            conclusion, conclusion_span = None, NO_SPAN
            premises, premise_spans = [], []
            for item in rest:
                if not isinstance(item, Tree):
                    continue
                if item.data == "conclusion":
                    token = item.children[0]
                    assert isinstance(token, Token)
                    if conclusion is not None:
                        self.named_twice(self.span(token))
                    conclusion, conclusion_span = self.id(token), self.span(token)
                elif item.data == "premise_list":
                    for token in item.children:
                        assert isinstance(token, Token)
                        if token.type == "PLUS":
                            continue
                        premises.append(self.id(token))
                        premise_spans.append(self.span(token))
        if parent is not None:
            if conclusion is not None and conclusion != parent[0]:
                self.error(
                    "E111",
                    f"argument '{name_id}' stands under '{parent[0]}' but names "
                    f"'{conclusion}' as its conclusion",
                    conclusion_span,
                    hint=f"under a parent, the parent is the conclusion; remove '-> {conclusion}'",
                )
            conclusion, conclusion_span = parent
        props = [t for t in rest if isinstance(t, Tree) and t.data == "property"]
        values = self.properties(props, ARGUMENT_PROPERTIES, "an argument") if props else _NO_VALUES
        self.join_groups(name_id, span)
        # The argument is recorded before its premises' subtrees so that source order
        # (and so every later stage's order) follows the text.
        index = len(self.arguments)
        self.arguments.append(Argument(name_id, (), None))
        for item in rest:
            if not isinstance(item, Tree):
                continue
            if item.data == "statement":
                premise_id, premise_span, _ = self.statement(item)
                premises.append(premise_id)
                premise_spans.append(premise_span)
            elif item.data == "premise_ref":
                premise_id, premise_span, _ = self.ref_block(item)
                premises.append(premise_id)
                premise_spans.append(premise_span)
        self.arguments[index] = Argument(
            id=self.checked_id(name_id, span) if name is None else self.id(name),
            premises=tuple(premises),
            conclusion=conclusion,
            speaker=speaker,
            tags=tags,
            scheme=options.get("scheme"),
            weight=options.get("weight"),
            note=values.get("note"),
            title=values.get("title"),
            span=span,
            premise_spans=tuple(premise_spans),
            conclusion_span=conclusion_span,
            speaker_span=speaker_span,
        )
        self.children(name_id, span, [t for t in rest if isinstance(t, Tree)])
        return name_id, span, "argument"

    def relation(self, tree: Tree[Token]) -> None:
        head = tree.children[0]
        if isinstance(head, Token) and head.type == "RELATION_LINE":
            self.relation_line(head)
            return
        source, verb_tree, target, annotations = tree.children
        assert isinstance(source, Token) and isinstance(target, Token)
        assert isinstance(verb_tree, Tree) and isinstance(annotations, Tree)
        verb = verb_tree.children[0]
        assert isinstance(verb, Token)
        speaker, speaker_span, tags, _ = self.annotations(annotations, ())
        self.relations.append(
            Relation(
                VERB_KINDS[verb.value],
                self.id(source),
                self.id(target),
                speaker=speaker,
                tags=tags,
                span=self.span(verb),
                source_span=self.span(source),
                target_span=self.span(target),
                speaker_span=speaker_span,
            )
        )

    def relation_line(self, head: Token) -> None:
        """`relation` for a relation whose line is one token, read from the token's fields."""
        found = tokenizer.RELATION_FIELDS.match(head)
        assert found is not None
        speaker, speaker_span, tags = self.line_annotations(head, found)
        source_span = self.part_span(head, found, "source")
        target_span = self.part_span(head, found, "target")
        self.relations.append(
            Relation(
                VERB_KINDS[found["verb"]],
                self.checked_id(found["source"], source_span),
                self.checked_id(found["target"], target_span),
                speaker=speaker,
                tags=tags,
                span=self.part_span(head, found, "verb"),
                source_span=source_span,
                target_span=target_span,
                speaker_span=speaker_span,
            )
        )

    def group(self, tree: Tree[Token]) -> None:
        head = tree.children[0]
        name: Token | None = None
        if isinstance(head, Token) and head.type == "GROUP_LINE":
            found = tokenizer.GROUP_FIELDS.match(head)
            assert found is not None
            _, _, tags = self.line_annotations(head, found)
            written = found["name"]
            name_span = self.part_span(head, found, "name")
            rest = tree.children[1:]
        else:
            head, annotations, *rest = tree.children
            assert isinstance(head, Token) and isinstance(annotations, Tree)
            name, written, name_span = head, head.value, self.span(head)
            _, _, tags, _ = self.annotations(annotations, ())
        members: list[str] = []
        spans: list[Span] = []
        self.open_groups.append((members, spans))
        for item in rest:
            if not isinstance(item, Tree):
                continue
            if item.data == "member_list":
                for token in item.children:
                    assert isinstance(token, Token)
                    members.append(self.id(token))
                    spans.append(self.span(token))
            else:
                self.node(item)
        self.open_groups.pop()
        text = self.text(name) if name is not None else self.quoted(written, lambda: name_span)
        self.groups.append(Group(text, tuple(members), tags, name_span, tuple(spans)))


# -- syntax errors ---------------------------------------------------------------------------


# Words that take `: "text"` after them: metadata keys and properties.
PROPERTY_WORDS = frozenset((*METADATA_KEYS, *STATEMENT_PROPERTIES, *ARGUMENT_PROPERTIES))


def _line_hint(line_text: str, token_value: str | None, expected: set[str]) -> str | None:
    words = line_text.strip().lstrip("+-~><").split()
    first = words[0].rstrip(":") if words else ""
    if token_value is not None and token_value not in KEYWORDS and token_value.isidentifier():
        guess = did_you_mean(token_value, KEYWORDS)
        if guess:
            return f"did you mean '{guess}'?"
    if first and first not in KEYWORDS and first.isidentifier():
        guess = did_you_mean(first, KEYWORDS)
        if guess and guess != first:
            return f"did you mean '{guess}'?"
    if "STRING" in expected:
        return 'text must be in double quotes: "..."'
    if "COLON" in expected and token_value is not None and token_value.startswith('"'):
        if first in PROPERTY_WORDS:
            return f"put ':' after '{first}': {first}: {token_value[:40]}"
        return "put ':' between the id and the text"
    child_line = line_text.lstrip()[:1] in "+-~" or line_text.lstrip().startswith("><")
    if child_line and token_value is not None and token_value.startswith('"'):
        return 'a child needs a role and an id: + premise my_id: "..."'
    return None


def _character_diagnostic(line_text: str, line: int, column: int, path: str) -> Diagnostic:
    """A character that cannot start a token here (E002, or E003 for an unclosed text)."""
    char = line_text[column - 1] if column - 1 < len(line_text) else ""
    span = Span(line, column, line, column)
    if char == '"':
        return make(
            "E003",
            "this text is never closed with '\"'",
            span,
            path=path,
            hint='close the text with "; write \\" for a quote inside it',
        )
    if char == "\t":
        return make("E002", "a tab inside a line", span, path=path, hint="use spaces")
    if char == ".":
        dotted = _dotted_word(line_text, column)
        if dotted is not None:
            word, start = dotted
            place = Span(line, start, line, start + len(word) - 1)
            return _dotted_diagnostic(word, place, path)
    advice = hints.for_character(char, line_text, column)
    if advice is not None:
        return make("E002", advice.message or "", span, path=path, hint=advice.hint)
    return make(
        "E002",
        f"unexpected character {char!r}",
        span,
        path=path,
        hint='text must be in double quotes: "..."; ids are letters, digits, _',
    )


_DOTTED = re.compile(r"(@?)([^\W\d]\w*)\.([^\W\d]\w*(?:\.[^\W\d]\w*)*)")


def _dotted_word(line_text: str, column: int) -> tuple[str, int] | None:
    """The `name.id` (or `@name.id`) whose '.' stands at `column`, and its first column."""
    for match in _DOTTED.finditer(line_text):
        if match.start(3) - 1 == column - 1:
            return match.group(), match.start() + 1
    return None


def _dotted_diagnostic(word: str, span: Span, path: str) -> Diagnostic:
    """A dotted name where the language takes a plain id or speaker (E001)."""
    if word.startswith("@"):
        bare = word.rsplit(".", 1)[1]
        return make(
            "E001",
            f"'{word}' is not a speaker: speakers have no namespace",
            span,
            path=path,
            hint=f"speakers are shared by every file of the map, imported with a name or "
            f"not: write @{bare}",
        )
    return make(
        "E001",
        f"'{word}' cannot be declared here: an id with a '.' refers to an id of a map "
        "imported with a name",
        span,
        path=path,
        hint=f"declare the id without a '.', for example '{suggest_id(word)}'; write {word} "
        f"only where you refer to a node of a map imported as '{word.rsplit('.', 1)[0]}'",
    )


def _syntax_diagnostic(
    error: UnexpectedInput, lines: list[str], path: str, blanked: frozenset[int] = frozenset()
) -> Diagnostic:
    line = max(error.line, 1) if isinstance(error.line, int) else 1
    column = max(error.column, 1) if isinstance(error.column, int) else 1
    line_text = lines[line - 1] if 0 < line <= len(lines) else ""
    if isinstance(error, UnexpectedCharacters):
        return _character_diagnostic(line_text, line, column, path)
    if isinstance(error, UnexpectedToken):
        token = error.token
        expected = set(error.expected)
        if token.type == "NUMBER" and "NUMBER" not in expected:
            # A number is only an option's value (`(weight: 0.4)`); anywhere else its first
            # digit is a character that cannot start a token, as in `thesis 2nd: ...`.
            return _character_diagnostic(line_text, line, column, path)
        history = [t for t in (error.token_history or []) if t is not None]
        if "STRING" in expected and history and history[-1].type == "COLON":
            # After "id:" only text can follow; the parser's table also lists the line end
            # (from a state it shares with block headers), which would only mislead.
            expected = {"STRING"}
        if token.type != "_INDENT":
            # A block header with nothing indented under it: one message at the header, and
            # (as the header's line is the one blanked) no stream of errors on the lines after.
            after = len(lines) + 1 if token.type == "$END" else (token.end_line or line)
            empty = hints.for_empty_block(lines, after)
            if empty is not None:
                header, found = empty
                if any(header < number < after for number in blanked):
                    raise _FollowOn(header)
                at = Span(header, found.column or 1, header, found.column or 1)
                return make("E001", found.message or "", at, path=path, hint=found.hint)
        if token.type in ("_INDENT", "_DEDENT", "_NL"):
            # Indentation tokens carry the position of the line break before them.
            line = token.end_line or line
            line_text = lines[line - 1] if 0 < line <= len(lines) else ""
            column = len(line_text) - len(line_text.lstrip()) + 1
            if token.type == "_INDENT":
                if _under_blanked(lines, line, blanked):
                    # Indented under a line already reported and blanked: its child, no error.
                    raise _FollowOn(line)
                advice = hints.for_indented(lines, line)
                return make(
                    "E004",
                    (advice and advice.message)
                    or "this line is indented, but the line above cannot have children",
                    Span(line, column, line, column),
                    path=path,
                    hint=advice.hint
                    if advice
                    else "start a child with + (supports), - (attacks), ~ (undercuts) or >< "
                    "(contradicts), or line it up with the line above",
                )
            if token.type == "_NL":
                line, column = (token.line or line), (token.column or column)
                line_text = lines[line - 1] if 0 < line <= len(lines) else ""
                advice = hints.for_token(lines, line, column, "_NL", "", expected, None)
                return make(
                    "E001",
                    f"the line ends too early; expected {_describe_expected(expected)}",
                    Span(line, column, line, column),
                    path=path,
                    hint=advice.hint if advice else _line_hint(line_text, None, expected),
                )
        previous = (error.token_history or [None])[-1]
        if (
            previous is not None
            and previous.type == "STRING"
            and "\n" in previous.value
            and previous.line is not None
            and previous.column is not None
        ):
            # Text that runs over lines and then meets a syntax error is almost always
            # text whose closing quote is missing: point at where it opens.
            span = Span(previous.line, previous.column, previous.line, previous.column)
            return make(
                "E003",
                f"this text is never closed with '\"' (it runs on into line {previous.end_line})",
                span,
                path=path,
                hint='close the text with "; write \\" for a quote inside it',
            )
        if token.type == "$END":
            line = len(lines)
            return make(
                "E001",
                f"the file ends too early; expected {_describe_expected(expected)}",
                Span(line, 1, line, 1),
                path=path,
            )
        value = str(token.value)
        if token.type == "QNAME" and "NAME" in expected:
            end = token.end_column - 1 if token.end_column else column
            return _dotted_diagnostic(value, Span(line, column, line, max(end, column)), path)
        shown = value if len(value) <= 30 else value[:27] + "..."
        what = _terminal_words().get(token.type, token.type)
        if token.type == "NAME":
            what = f"word '{shown}'"
        elif token.type == "STRING":
            what = "quoted text"
        end = token.end_column - 1 if token.end_line == token.line and token.end_column else column
        hint = _line_hint(line_text, value, expected)
        message = f"unexpected {what}; expected {_describe_expected(expected)}"
        before = history[-1] if history and history[-1].line == token.line else None
        advice = hints.for_token(
            lines,
            line,
            column,
            token.type,
            value,
            expected,
            None if before is None else (before.type, before.value, before.end_column or 0),
        )
        if advice is not None:
            message, hint = advice.message or message, advice.hint
            if advice.column is not None:
                column = end = advice.column
        if (
            advice is None
            and history
            and history[-1].type == "STRING"
            and history[-1].end_line == token.line
        ):
            # `"He said "no" today"`: the text ended at the inner quote.
            hint = 'a quote inside text is written \\" ("He said \\"no\\"")'
        return make(
            "E001",
            message,
            Span(line, column, line, max(end, column)),
            path=path,
            hint=hint,
        )
    assert isinstance(error, UnexpectedEOF)
    return make("E001", "the file ends too early", Span(len(lines), 1, len(lines), 1), path=path)


def _blank_block(lines: list[str], line: int) -> list[int]:
    """Blank a broken line and the lines indented under it, keeping line numbers; return
    the numbers of the lines blanked."""
    if not 0 < line <= len(lines):
        return []
    text = lines[line - 1]
    depth = len(text) - len(text.lstrip())
    lines[line - 1] = ""
    blanked = [line]
    for index in range(line, len(lines)):
        following = lines[index]
        if following.strip() and len(following) - len(following.lstrip()) <= depth:
            break
        if following:
            blanked.append(index + 1)
        lines[index] = ""
    return blanked


def parse(text: str, path: str = "<string>") -> ParseResult:
    """Parse map text into a model, collecting every syntax error the parser can reach.

    After a syntax error the broken line and its block are blanked and parsing starts over,
    so one pass reports the problems of the whole file, not only the first.
    """
    with paused_gc():
        return _parse(text, path)


def _parse(text: str, path: str) -> ParseResult:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    result = _parse_items(lines, path) if ITEM_CACHE.limit > 0 else None
    if result is None:
        chunks = _chunks(lines)
        result = _parse_chunks(lines, chunks, path)
        if len(chunks) > 1 and result.has_syntax_errors:
            # A broken quote can make the chunk boundaries fall inside text; with errors to
            # report, exactness matters more than memory: parse the file whole.
            result = _parse_chunks(lines, [(0, len(lines))], path)
    tabbed = _tab_indented(lines) if "\t" in text else []
    if tabbed:
        first = tabbed[0]
        # A misalignment after a tab-indented line is most likely the tab's doing.
        result.diagnostics[:] = [
            replace(d, hint=hints.for_tab(first + 1))
            if d.code == "E004" and d.span.line > first
            else d
            for d in result.diagnostics
        ]
        more = f" (and {len(tabbed) - 1} more lines)" if len(tabbed) > 1 else ""
        column = lines[first].index("\t") + 1
        result.diagnostics.append(
            make(
                "W208",
                f"line {first + 1} is indented with a tab{more}",
                Span(first + 1, column, first + 1, column),
                path=path,
                hint="indent with spaces: argmap counts a tab as 8 columns, which may not be "
                "what your editor shows",
            )
        )
    return result


def _tab_indented(lines: list[str]) -> list[int]:
    """Indexes of lines whose indentation holds a tab (blank lines aside)."""
    found = []
    for index, line in enumerate(lines):
        stripped = line.lstrip(" \t")
        if stripped and "\t" in line[: len(line) - len(stripped)]:
            found.append(index)
    return found


def _parse_chunks(lines: list[str], chunks: list[tuple[int, int]], path: str) -> ParseResult:
    count = min(parallel.processes(len(lines)), len(chunks))
    if count > 1:
        found = parallel.run_forked(
            partial(_build_chunks, lines, path), _split(chunks, count), _pack, _unpack
        )
        merged = None if found is None else _merge(found)
        if merged is not None:
            return merged
    builder, diagnostics = _build_chunks(lines, path, chunks)
    return ParseResult(
        builder.finish(), diagnostics + builder.diagnostics, imports=tuple(builder.imports)
    )


def _build_chunks(
    lines: list[str], path: str, chunks: list[tuple[int, int]]
) -> tuple[_Builder, list[Diagnostic]]:
    """Parse chunks in order into one builder: the builder and the syntax errors met."""
    builder = _Builder(path)
    diagnostics: list[Diagnostic] = []
    for start, end in chunks:
        tree = _parse_chunk(lines[start:end], start, path, diagnostics)
        if tree is not None:
            builder.add(tree, start)
        if len(diagnostics) > MAX_SYNTAX_ERRORS:
            break
    return builder, diagnostics


# The share of the lines the calling process parses, in fifths of each forked process's. A
# forked process also lays its part out as columns and pickles it (about a fifth of its parse,
# `python bench/memory.py --handover`) and starts slower (it copies each page of memory it
# writes to): with 7/5 as many lines, the caller finished its part as the other part arrived
# (waiting 0.06 to 0.3 s at 100,000 statements, against 1.0 to 1.7 s with 6/5, 2.3 to 2.5 s
# with equal parts).
_OWN_FIFTHS = 7


def _split(chunks: list[tuple[int, int]], count: int) -> list[list[tuple[int, int]]]:
    """Runs of consecutive chunks, `count` of them: the first (the calling process's) with
    about 7/5 as many lines as each of the others."""
    total = chunks[-1][1] - chunks[0][0]
    fifths = _OWN_FIFTHS + 5 * (count - 1)
    parts: list[list[tuple[int, int]]] = [[] for _ in range(count)]
    for chunk in chunks:
        at = (chunk[0] - chunks[0][0]) * fifths // max(total, 1)
        index = 0 if at < _OWN_FIFTHS else min(1 + (at - _OWN_FIFTHS) // 5, count - 1)
        parts[index].append(chunk)
    return [part for part in parts if part]


# The builder's lists of model objects, which a forked parse hands back as columns.
_MODEL_LISTS = ("speakers", "statements", "arguments", "relations", "groups", "expectations")


def _pack(part: tuple[_Builder, list[Diagnostic]]) -> tuple[object, ...]:
    """A part built in a forked process, to send back: its model objects as flat columns.

    Only for a forked process, which exits right after: the objects stay alive in `_KEPT`
    until then (freeing them one by one would cost time for nothing)."""
    builder, diagnostics = part
    columns = to_columns([getattr(builder, name) for name in _MODEL_LISTS])
    for name in _MODEL_LISTS:
        # Kept until the process ends (which frees nothing): freeing them takes time.
        _KEPT.append(getattr(builder, name))
        setattr(builder, name, [])
    return builder, diagnostics, columns


# What `_pack` took from a forked process's builder.
_KEPT: list[object] = []


def _unpack(part: tuple[Any, ...]) -> tuple[_Builder, list[Diagnostic]]:
    """`_pack`'s part as it was built (equal strings shared, as one process would not)."""
    builder, diagnostics, columns = part
    for name, objects in zip(_MODEL_LISTS, from_columns(columns), strict=True):
        setattr(builder, name, objects)
    return builder, diagnostics


def _merge(parts: list[tuple[_Builder, list[Diagnostic]]]) -> ParseResult | None:
    """The parts built in several processes as one result; None when only a serial parse
    gives exactly the serial result (a syntax error, or metadata set again in a later part).
    """
    if any(diagnostics for _, diagnostics in parts):
        return None
    first = parts[0][0]
    for builder, _ in parts[1:]:
        if first.metadata.keys() & builder.metadata.keys():
            return None
        first.metadata.update(builder.metadata)
        first.speakers += builder.speakers
        first.statements += builder.statements
        first.arguments += builder.arguments
        first.relations += builder.relations
        first.groups += builder.groups
        first.expectations += builder.expectations
        first.diagnostics += builder.diagnostics
        first.imports += builder.imports
    return ParseResult(first.finish(), first.diagnostics, imports=tuple(first.imports))


# A chunk ends at the first top-level item after this many lines. Each chunk's parse tree
# is built into the model and dropped before the next one is parsed, so a large map never
# holds the tree of the whole file (at 100,000 statements that tree alone is 400 MB).
CHUNK_LINES = 400
_STRING_OR_COMMENT = re.compile(r'//[^\n]*|"[^"\\]*(?:\\.[^"\\]*)*"', re.S)


def _item_starts(lines: list[str]) -> list[int]:
    """The lines that start a top-level item: at column 1, not a comment, not inside text."""
    text = "\n".join(lines)
    # Lines that continue quoted text begun on an earlier line can never start an item.
    continued: set[int] = set()
    line_starts: list[int] = []
    if '"' in text:
        for match in _STRING_OR_COMMENT.finditer(text):
            if match.group().startswith('"') and "\n" in match.group():
                if not line_starts:
                    position = 0
                    for line in lines:
                        line_starts.append(position)
                        position += len(line) + 1
                first = bisect.bisect_right(line_starts, match.start()) - 1
                last = bisect.bisect_right(line_starts, match.end() - 1) - 1
                continued.update(range(first + 1, last + 1))
    return [
        index
        for index, line in enumerate(lines)
        if line and line[0] not in " \t" and not line.startswith("//") and index not in continued
    ]


def _chunks(lines: list[str]) -> list[tuple[int, int]]:
    """Split the source into runs of whole top-level items: (first, end) line indexes."""
    if len(lines) <= CHUNK_LINES:
        return [(0, len(lines))]
    return _group(_item_starts(lines), 0, len(lines))


def _group(starts: list[int], first: int, end: int) -> list[tuple[int, int]]:
    """Lines first..end cut at item starts into chunks of at least CHUNK_LINES lines."""
    chunks: list[tuple[int, int]] = []
    start = first
    for index in starts:
        if index - start >= CHUNK_LINES and first < index < end:
            chunks.append((start, index))
            start = index
    chunks.append((start, end))
    return chunks


# -- the cache of parsed top-level items -----------------------------------------------------


def _parse_items(lines: list[str], path: str) -> ParseResult | None:
    """Parse through the item cache; None when a syntax error needs the uncached path.

    Items found in the cache are built from their stored trees; runs of the others are
    parsed together (in chunks, as without the cache) and their trees stored.
    """
    starts = _item_starts(lines)
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    bounds = [*starts, len(lines)]
    items = [(bounds[i], bounds[i + 1]) for i in range(len(starts))]
    keys = ["\n".join(lines[a:b]) for a, b in items]
    builder = _Builder(path)
    diagnostics: list[Diagnostic] = []
    index = 0
    while index < len(items):
        cached = ITEM_CACHE.get(keys[index])
        if cached is not None:
            ITEM_CACHE.hits += 1
            base, trees = cached
            builder.offset = items[index][0] - base
            for item_tree in trees:
                builder.top(item_tree)
            index += 1
            continue
        # A run of items not in the cache: parse them together.
        run_end = index
        while run_end < len(items) and keys[run_end] not in ITEM_CACHE.items:
            run_end += 1
        ITEM_CACHE.misses += run_end - index
        run_starts = starts[index:run_end]
        # The items of each chunk are the next ones of the run: handing `_store` only those
        # keeps this linear (every item of the run for every chunk was quadratic: 400 s at
        # 200,000 one-line items).
        position = index
        for first, end in _group(run_starts, items[index][0], items[run_end - 1][1]):
            tree = _parse_chunk(lines[first:end], first, path, diagnostics)
            if diagnostics or tree is None:
                return None
            builder.add(tree, first)
            stop = position
            while stop < run_end and items[stop][0] < end:
                stop += 1
            _store(tree, first, end, items[position:stop], keys[position:stop])
            position = stop
        index = run_end
    return ParseResult(builder.finish(), builder.diagnostics, imports=tuple(builder.imports))


def _first_line(tree: Tree[Token]) -> int:
    for token in tree.scan_values(lambda value: isinstance(value, Token)):
        return token.line or 0
    return 0


def _store(
    tree: Tree[Token], first: int, end: int, items: list[tuple[int, int]], keys: list[str]
) -> None:
    """Store the trees of the chunk parsed from lines first..end, item by item."""
    found: dict[int, list[Tree[Token]]] = {}
    for child in tree.children:
        if isinstance(child, Tree):
            found.setdefault(first + _first_line(child) - 1, []).append(child)
    inside = {start: position for position, (start, _) in enumerate(items) if first <= start < end}
    # Every tree must start on an item's first line, or the items cannot be told apart.
    if any(line not in inside for line in found):
        return
    for start, position in inside.items():
        # Token lines count from the chunk's first line: keep where the item began in it.
        ITEM_CACHE.put(keys[position], (start - first, tuple(found.get(start, ()))))


def _parse_chunk(
    lines: list[str], offset: int, path: str, diagnostics: list[Diagnostic]
) -> Tree[Token] | None:
    """Parse one chunk, reporting (with source lines) every syntax error it recovers from.

    After a syntax error the broken line and its block are blanked and the chunk is parsed
    again; None means it could not get past an error.
    """
    if USE_TOKENIZER:
        try:
            # Correct text, the common case, through argmap's tokenizer; any doubt or syntax
            # error is parsed again below with Lark's lexer, which reports it.
            return _fast_lark().parse("\n".join(lines) + "\n")
        except (Unsure, UnexpectedInput):
            pass
    lines = list(lines)
    seen: set[tuple[int, str]] = set()
    blanked: set[int] = set()
    while True:
        try:
            return _lark().parse("\n".join(lines) + "\n")
        except UnexpectedInput as error:
            try:
                diagnostic = _syntax_diagnostic(error, lines, path, frozenset(blanked))
            except _FollowOn as follow:
                blanked.update(_blank_block(lines, follow.line))
                continue
        except _IndentationProblem as problem:
            diagnostic = make(
                problem.code,
                problem.message,
                Span(problem.line, problem.column, problem.line, problem.column),
                path=path,
                hint=problem.hint,
            )
        if (diagnostic.span.line, diagnostic.code) in seen:
            # Blanking did not get past this line: give up on this chunk rather than loop.
            return None
        seen.add((diagnostic.span.line, diagnostic.code))
        diagnostics.append(_shifted(diagnostic, offset))
        if len(diagnostics) >= MAX_SYNTAX_ERRORS:
            diagnostics.append(
                make(
                    "E008",
                    f"stopped after {MAX_SYNTAX_ERRORS} syntax errors",
                    diagnostics[-1].span,
                    path=path,
                )
            )
            return None
        blanked.update(_blank_block(lines, diagnostic.span.line))


def _under_blanked(lines: list[str], line: int, blanked: frozenset[int]) -> bool:
    """Whether the nearest line above `line` (1-based) that held code was blanked."""
    for number in range(line - 1, 0, -1):
        if number in blanked:
            return True
        text = lines[number - 1].strip()
        if text and not text.startswith("//"):
            return False
    return False


def _shifted(diagnostic: Diagnostic, offset: int) -> Diagnostic:
    """A chunk's diagnostic, placed at its line in the whole source."""
    if not offset:
        return diagnostic
    span = diagnostic.span
    moved = Span(span.line + offset, span.column, span.end_line + offset, span.end_column)
    message = re.sub(
        r"\(it runs on into line (\d+)\)",
        lambda m: f"(it runs on into line {int(m.group(1)) + offset})",
        diagnostic.message,
    )
    return replace(diagnostic, span=moved, message=message)
