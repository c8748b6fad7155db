"""Argdown (`.argdown`) read into an argument map, with a warning for all argmap cannot hold.

The text is parsed by argdown.lark over tokens from argdown_lexer (a port of Argdown's own
lexer); the model follows Argdown's ModelPlugin (@argdown/core 1.7): statements with one
title are one statement (an equivalence class), a premise-conclusion structure belongs to
the argument just above it, relations are deduplicated, and an argument's outgoing
relations are its main conclusion's. docs/interchange.md lists what becomes of each part.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from argmap.diagnostics import Diagnostic, Severity
from argmap.errors import InputError, MapError
from argmap.interchange.argdown_lexer import TAG_PATTERN, ArgdownLexer, LexingError
from argmap.interchange.imported import ConversionWarning, IdMaker, Imported, safe_yaml
from argmap.language.vocabulary import is_identifier, is_tag
from argmap.model import (
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
)

# A larger document is refused: the input is untrusted.
MAX_ARGDOWN_BYTES: Final = 8 * 1024 * 1024
# Deeper nesting than this is refused (the tree is walked recursively).
MAX_DEPTH: Final = 200

# The codes of what reading Argdown reports. Errors stop the conversion; warnings say what
# argmap changed or left out, and the tests check that the warnings account for every
# difference between argmap's counts and Argdown's own JSON export.
SYNTAX: Final = "AD001"  # the parser met a token it did not expect
CHARACTER: Final = "AD002"  # a character no Argdown token starts with
TWO_PCS: Final = "AD003"  # two premise-conclusion structures for one argument
TOO_DEEP: Final = "AD004"
SKETCH_PREMISE: Final = "AD201"  # an argument without a pcs: its description, a premise
SKETCH_STATEMENT: Final = "AD202"  # an argument that concludes nothing became a statement
SUPPORT_AS_PREMISE: Final = "AD203"  # a statement supporting a sketched argument: a premise
ATTACK_AS_UNDERCUT: Final = "AD204"  # an attack on an argument became an undercut
UNDERCUT_AS_ATTACK: Final = "AD205"  # an undercut of a statement became an attack
SUPPORT_OF_ARGUMENT: Final = "AD206"  # a support of an argument argmap cannot draw
STEP: Final = "AD207"  # one more argument for an inner step of a pcs
INFERENCE_RULE: Final = "AD208"  # inference rules and data, not carried
DATA_KEY: Final = "AD209"  # a data key argmap has no field for
TAG_RENAMED: Final = "AD210"  # a tag that is not a valid .arg tag
MERGED: Final = "AD211"  # a relation that became the same as another one
SELF_RELATION: Final = "AD212"  # a relation that ended on its own source
SPEAKER_ADDED: Final = "AD213"  # a speaker named in data but declared nowhere
SECTION: Final = "AD214"  # a heading with nothing defined under it
STRICT: Final = "AD215"  # two attacks that Argdown's strict mode counts as one relation
# How each warning changes argmap's counts against Argdown's: (what, by how much) per
# warning; `counts` in the tests applies it.
COUNT_EFFECTS: Final[dict[str, tuple[tuple[str, int], ...]]] = {
    SKETCH_PREMISE: (("statements", 1),),
    SKETCH_STATEMENT: (("statements", 1), ("arguments", -1)),
    SUPPORT_AS_PREMISE: (("supports", -1),),
    ATTACK_AS_UNDERCUT: (("attacks", -1), ("undercuts", 1)),
    UNDERCUT_AS_ATTACK: (("undercuts", -1), ("attacks", 1)),
    SUPPORT_OF_ARGUMENT: (("supports", -1),),
    STEP: (("arguments", 1),),
}

_ROLES = {role.value: role for role in Role}
_STATEMENT_KEYS = (
    *("role", "speaker", "cite", "quote", "url", "note", "raises", "title"),
    *("standard", "expect"),
)
_ARGUMENT_KEYS = ("scheme", "speaker", "note", "title", "weight")
# Argdown's frontmatter keys that argmap reads; its other settings (map layout, colours,
# selection) are about drawing in Argdown and are left alone without a warning.
_METADATA = {"title": "title", "subTitle": "source", "author": "author", "date": "date"}
_METADATA.update({"url": "url", "language": "language"})
_KINDS = {
    "support": RelationKind.SUPPORT,
    "attack": RelationKind.ATTACK,
    "undercut": RelationKind.UNDERCUT,
    "contradictory": RelationKind.CONTRADICTION,
}
_HINTS = {
    "EMPTYLINE": "a relation, a premise or a continuation line must follow its block without "
    "an empty line between them",
    "OUT_SUPPORT": "a relation line ('+', '-', '+>', ...) is indented under the statement or "
    "argument it belongs to, and follows it without an empty line",
    "INFERENCE_START": "an inference line ('----') stands between numbered statements: "
    "'(1) premise', '----', '(2) conclusion'",
    "STATEMENT_NUMBER": "a premise-conclusion structure ends with an inference line and its "
    "conclusion: '----' then '(n) conclusion'",
    "$END": "the document ends in the middle of a block: finish it (a conclusion after "
    "'----', the end of a bold or italic range)",
}
_HINTS["OUT_ATTACK"] = _HINTS["IN_SUPPORT"] = _HINTS["IN_ATTACK"] = _HINTS["OUT_SUPPORT"]
_HINTS["CONTRADICTION"] = _HINTS["IN_UNDERCUT"] = _HINTS["OUT_UNDERCUT"] = _HINTS["OUT_SUPPORT"]


@lru_cache(maxsize=1)
def _parser() -> Lark:
    grammar = (Path(__file__).resolve().parent / "argdown.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer=ArgdownLexer, maybe_placeholders=False)


# --- what Argdown's model holds -------------------------------------------------------------


@dataclass
class _Member:
    """One occurrence of a statement or argument: a definition or a reference."""

    text: str
    tags: list[str]
    data: dict[str, Any]
    span: Span
    defines: bool


@dataclass
class _Class:
    """An equivalence class (one statement) or an argument, as Argdown's model has them."""

    title: str
    kind: str  # "s" or "a"
    members: list[_Member] = field(default_factory=list)
    section: int | None = None
    # For arguments: the premise-conclusion structure as steps (premises, conclusion, rules).
    steps: list[tuple[list[str], str, list[str], dict[str, Any] | None, Span]] = field(
        default_factory=list
    )
    pcs_span: Span | None = None

    @property
    def span(self) -> Span:
        for member in self.members:
            if member.defines:
                return member.span
        return self.members[0].span if self.members else (self.pcs_span or Span(1, 1, 1, 1))


@dataclass
class _Rel:
    kind: str  # support, attack, undercut, contradictory
    source: tuple[str, str]  # ("s"|"a", title)
    target: tuple[str, str]
    span: Span


@dataclass
class _Section:
    title: str
    tags: list[str]
    span: Span


class _Model:
    """Argdown's model of one document, built by walking the parse tree in source order."""

    def __init__(self, path: str, warn: Callable[..., None]) -> None:
        self.path = path
        self.warn = warn
        self.statements: dict[str, _Class] = {}
        self.arguments: dict[str, _Class] = {}
        self.relations: list[_Rel] = []
        self.sections: list[_Section] = []
        self.section: int | None = None
        self.untitled = 0
        self.frontmatter: dict[str, Any] = {}
        self.mode = "loose"
        self.explode = False

    def unique_title(self) -> str:
        self.untitled += 1
        return f"Untitled {self.untitled}"

    def statement(self, title: str) -> _Class:
        return self.statements.setdefault(title, _Class(title, "s"))

    def argument(self, title: str) -> _Class:
        return self.arguments.setdefault(title, _Class(title, "a"))

    def relate(
        self, kind: str, source: tuple[str, str], target: tuple[str, str], span: Span
    ) -> None:
        for existing in self.relations:
            same = existing.kind == kind and existing.source == source and existing.target == target
            mirrored = (
                kind == "contradictory"
                and existing.kind == kind
                and (existing.source, existing.target) == (target, source)
            )
            if same or mirrored:
                return
        self.relations.append(_Rel(kind, source, target, span))

    # --- the walk ---

    def document(self, tree: Tree[Token]) -> None:
        previous: Tree[Token] | None = None
        previous_argument: _Class | None = None
        for child in tree.children:
            if isinstance(child, Token):
                continue
            if child.data == "frontmatter":
                token = child.children[0]
                assert isinstance(token, Token)
                self.read_frontmatter(token)
                continue
            if child.data == "heading":
                self.heading(child)
            elif child.data == "pcs":
                owner = (
                    previous_argument
                    if previous is not None and previous.data == "argument"
                    else None
                )
                self.pcs(child, owner)
            elif child.data == "argument":
                previous_argument = self.argument_node(child, 0)[1]
            elif child.data == "statement":
                self.statement_node(child, 0, top=True)
            else:  # ordered_list, unordered_list
                for item in child.children:
                    if isinstance(item, Tree):
                        self.member(item.children[1], 0)  # type: ignore[arg-type]
            previous = child

    def read_frontmatter(self, token: Token) -> None:
        body = re.sub(r"^===+|===+$", "", str(token))
        try:
            loaded = safe_yaml(body)
        except InputError as problem:
            self.warn(
                DATA_KEY, f"the frontmatter is not YAML ({problem}); it was not read", _span(token)
            )
            return
        if isinstance(loaded, dict):
            self.frontmatter = loaded
            model = loaded.get("model")
            if isinstance(model, dict) and model.get("mode") == "strict":
                self.mode = "strict"
            if isinstance(model, dict) and model.get("explodeArguments") is True:
                self.explode = True

    def heading(self, tree: Tree[Token]) -> None:
        text, tags = _text(tree)
        self.sections.append(_Section(text, tags, _span(tree.children[0])))  # type: ignore[arg-type]
        self.section = len(self.sections) - 1
        data = _data_of(tree, self.warn)
        if data:
            self.warn(
                DATA_KEY, f"the data of the heading '{text}' is not carried", _tree_span(tree)
            )

    def member(self, tree: Tree[Token], depth: int) -> tuple[str, str]:
        if tree.data == "argument":
            return ("a", self.argument_node(tree, depth)[0])
        return ("s", self.statement_node(tree, depth)[0])

    def statement_node(
        self, tree: Tree[Token], depth: int, top: bool = False
    ) -> tuple[str, _Class | None]:
        title: str | None = None
        defines = True
        for child in tree.children:
            if isinstance(child, Token) and child.type == "STATEMENT_DEF":
                title = str(child)[1:-2]
            elif isinstance(child, Token) and child.type == "STATEMENT_REF":
                title, defines = str(child)[1:-1], False
        text, tags = _text(tree)
        tags += [_tag(str(t)) for t in tree.children if isinstance(t, Token) and t.type == "TAG"]
        data = _data_of(tree, self.warn)
        relations = _child(tree, "relations")
        if relations is not None:
            if title is None:
                title = self.unique_title()
            self.relations_of(relations, ("s", title), depth)
        if title is None:
            title = self.unique_title()
        ec = self.statement(title)
        ec.members.append(_Member(text, tags, data, _tree_span(tree), defines and bool(text)))
        if ec.section is None and defines:
            ec.section = self.section
        return title, ec

    def argument_node(self, tree: Tree[Token], depth: int) -> tuple[str, _Class]:
        head = tree.children[0]
        assert isinstance(head, Token)
        defines = head.type == "ARGUMENT_DEF"
        title = str(head)[1:-2] if defines else str(head)[1:-1]
        text, tags = _text(tree)
        tags += [_tag(str(t)) for t in tree.children if isinstance(t, Token) and t.type == "TAG"]
        data = _data_of(tree, self.warn)
        relations = _child(tree, "relations")
        if relations is not None:
            self.relations_of(relations, ("a", title), depth)
        argument = self.argument(title)
        argument.members.append(_Member(text, tags, data, _tree_span(tree), defines))
        if argument.section is None and defines:
            argument.section = self.section
        return title, argument

    def relations_of(self, tree: Tree[Token], parent: tuple[str, str], depth: int) -> None:
        if depth > MAX_DEPTH:
            raise _TooDeep(_tree_span(tree))
        for relation in tree.children:
            if not isinstance(relation, Tree):
                continue
            sign = relation.children[0]
            assert isinstance(sign, Token)
            child = self.member(relation.children[1], depth + 1)  # type: ignore[arg-type]
            span = _span(sign)
            name = relation.data
            if name == "support_to":
                self.relate("support", parent, child, span)
            elif name == "attack_to":
                self.relate("attack", parent, child, span)
            elif name == "undercut_to":
                self.relate("undercut", parent, child, span)
            elif name == "contradiction":
                self.relate("contradictory", parent, child, span)
            elif name == "support_from":
                self.relate("support", child, parent, span)
            elif name == "attack_from":
                self.relate("attack", child, parent, span)
            else:  # undercut_from
                self.relate("undercut", child, parent, span)

    def pcs(self, tree: Tree[Token], owner: _Class | None) -> None:
        if owner is None:
            owner = self.argument(self.unique_title())
        if owner.steps:
            raise _TwoPcs(owner.title, _tree_span(tree), owner.pcs_span)
        owner.pcs_span = _tree_span(tree)
        if owner.section is None:
            owner.section = self.section
        premises: list[str] = []
        rules: list[str] = []
        rule_data: dict[str, Any] | None = None
        inference_span = owner.pcs_span
        conclusion_next = False
        for child in tree.children:
            assert isinstance(child, Tree)
            if child.data == "inference":
                rules, rule_data = _inference(child, self.warn)
                inference_span = _tree_span(child)
                conclusion_next = True
                relations = _child(child, "inference_relations")
                if relations is not None:
                    for undercut in relations.children:
                        if isinstance(undercut, Tree):
                            source = self.member(undercut.children[1], 1)  # type: ignore[arg-type]
                            sign = undercut.children[0]
                            assert isinstance(sign, Token)
                            self.relate("undercut", source, ("a", owner.title), _span(sign))
                continue
            statement = child.children[1]
            assert isinstance(statement, Tree)
            title, _ = self.statement_node(statement, 1)
            if conclusion_next:
                owner.steps.append((premises, title, rules, rule_data, inference_span))
                premises, rules, rule_data, conclusion_next = [title], [], None, False
            else:
                premises.append(title)
        if len(premises) > 1:
            # Statements after the main conclusion with no inference line of their own.
            raise _Unexpected(
                "a numbered statement follows the main conclusion",
                _tree_span(tree.children[-1]),  # type: ignore[arg-type]
                "a premise-conclusion structure ends with its main conclusion; start the "
                "next step with an inference line ('----') or leave an empty line",
            )

    # --- Argdown's transformations after the walk ---

    def transform(self) -> None:
        reconstructed = {title for title, argument in self.arguments.items() if argument.steps}
        moved: list[_Rel] = []
        for relation in self.relations:
            if relation.source[0] == "a" and relation.source[1] in reconstructed:
                title = relation.source[1]
                conclusion = self.arguments[title].steps[-1][1]
                relation = _Rel(relation.kind, ("s", conclusion), relation.target, relation.span)
                if relation.target == relation.source:
                    # Argdown finds the relation among its conclusion's own and drops it.
                    self.warn(
                        MERGED,
                        f"<{title}> bears on its own conclusion [{conclusion}]: left out, as "
                        "in Argdown's own model",
                        relation.span,
                    )
                    continue
                if any(
                    (r.kind, r.source, r.target)
                    == (relation.kind, relation.source, relation.target)
                    for r in moved
                ):
                    continue
            moved.append(relation)
        self.relations = moved
        if self.mode == "strict":
            self.mutual_attacks()
        self.relations = [r for r in self.relations if not self.redundant(r, reconstructed)]

    def mutual_attacks(self) -> None:
        """In Argdown's strict mode, two statements that attack each other are one contrary
        relation; argmap keeps the two attacks, and says so."""
        for number, relation in enumerate(self.relations):
            if relation.kind == "attack" and relation.source[0] == relation.target[0] == "s":
                mirror = (relation.target, relation.source)
                if any(
                    (r.kind, (r.source, r.target)) == ("attack", mirror)
                    for r in self.relations[:number]
                ):
                    self.warn(
                        STRICT,
                        f"[{relation.source[1]}] and [{relation.target[1]}] attack each other: "
                        "Argdown's strict mode counts one contrary relation, argmap two attacks",
                        relation.span,
                        changes=(("attacks", 1),),
                    )

    def redundant(self, relation: _Rel, reconstructed: set[str]) -> bool:
        """Whether Argdown leaves out an attack of a statement on a reconstructed argument: when
        the statement already attacks, or contradicts, one of the argument's premises."""
        if not (
            relation.kind == "attack"
            and relation.source[0] == "s"
            and relation.target[0] == "a"
            and relation.target[1] in reconstructed
        ):
            return False
        premises = {("s", p) for step in self.arguments[relation.target[1]].steps for p in step[0]}
        for other in self.relations:
            ends = {other.source, other.target}
            attacks_premise = (
                other.kind == "attack"
                and other.source == relation.source
                and other.target in premises
            )
            contradicts_premise = (
                other.kind == "contradictory"
                and relation.source in ends
                and bool((ends - {relation.source}) & premises)
            )
            if attacks_premise or contradicts_premise:
                self.warn(
                    MERGED,
                    f"[{relation.source[1]}] attacks <{relation.target[1]}> and one of its "
                    "premises: one attack, as in Argdown's own model",
                    relation.span,
                )
                return True
        return False


class _TooDeep(Exception):
    def __init__(self, span: Span) -> None:
        super().__init__(span)
        self.span = span


class _TwoPcs(Exception):
    def __init__(self, title: str, span: Span, first: Span | None) -> None:
        super().__init__(title)
        self.title, self.span, self.first = title, span, first


class _Unexpected(Exception):
    def __init__(self, message: str, span: Span, hint: str) -> None:
        super().__init__(message)
        self.message, self.span, self.hint = message, span, hint


# --- small readers of the parse tree -------------------------------------------------------


def _span(token: Token) -> Span:
    line, column = token.line or 1, token.column or 1
    # A relation sign or a statement number carries the indentation before it.
    column += len(str(token)) - len(str(token).lstrip(" \t")) if "\n" not in str(token) else 0
    return Span(line, column, token.end_line or line, max(column, (token.end_column or column) - 1))


def _tokens(tree: Tree[Token]) -> list[Token]:
    return [token for token in tree.scan_values(lambda value: isinstance(value, Token))]


def _tree_span(tree: Tree[Token]) -> Span:
    tokens = [t for t in _tokens(tree) if t.type not in ("INDENT", "DEDENT")]
    if not tokens:
        return Span(1, 1, 1, 1)
    first, last = _span(tokens[0]), _span(tokens[-1])
    return Span(first.line, first.column, last.end_line, last.end_column)


def _child(tree: Tree[Token], name: str) -> Tree[Token] | None:
    for child in tree.children:
        if isinstance(child, Tree) and child.data == name:
            return child
    return None


def _tag(image: str) -> str:
    found = TAG_PATTERN.match(image.strip())
    if found is None:
        return image.strip().lstrip("#")
    return (found.group(1) or found.group(2) or "").strip()


def _piece_text(token: Token) -> str:
    image = str(token)
    if token.type == "ESCAPED":
        return image[1:]
    if token.type == "NEWLINE":
        return " "
    return image


def _text(tree: Tree[Token]) -> tuple[str, list[str]]:
    """The text of a block's content (markup ranges dropped, tags taken out) and its tags."""
    content = _child(tree, "content")
    if content is None:
        return "", []
    parts: list[str] = []
    tags: list[str] = []
    for token in _tokens(content):
        if token.type == "TAG":
            tags.append(_tag(str(token)))
            if str(token).endswith((" ", "\t")):
                parts.append(" ")
        elif token.type.endswith(("_START", "_END")):
            parts.append(str(token).strip("*_"))  # a range's mark goes; the space after it stays
        else:
            parts.append(_piece_text(token))
    return " ".join("".join(parts).split()), tags


def _data_of(tree: Tree[Token], warn: Callable[[str, str, Span], None]) -> dict[str, Any]:
    node = _child(tree, "data")
    if node is None:
        return {}
    token = node.children[0]
    assert isinstance(token, Token)
    return _yaml_data(token, warn)


def _yaml_data(token: Token, warn: Callable[[str, str, Span], None]) -> dict[str, Any]:
    try:
        loaded = safe_yaml(str(token))
    except InputError as problem:
        warn(DATA_KEY, f"a data block is not YAML and was not read: {problem}", _span(token))
        return {}
    if not isinstance(loaded, dict):
        warn(DATA_KEY, "a data block is not a mapping and was not read", _span(token))
        return {}
    return {key: value for key, value in loaded.items() if isinstance(key, str)}


def _inference(
    tree: Tree[Token], warn: Callable[[str, str, Span], None]
) -> tuple[list[str], dict[str, Any] | None]:
    rules: list[str] = []
    current: list[str] = []
    data: dict[str, Any] | None = None
    for token in tree.children:
        if not isinstance(token, Token) or token.type in ("INFERENCE_START", "INFERENCE_END"):
            continue
        if token.type == "DATA":
            data = _yaml_data(token, warn)
        elif token.type == "LIST_DELIM":
            rules.append(" ".join("".join(current).split()))
            current = []
        elif token.type != "NEWLINE":
            current.append(_piece_text(token))
    if "".join(current).strip():
        rules.append(" ".join("".join(current).split()))
    return [rule for rule in rules if rule], data


# --- from Argdown's model to argmap's -------------------------------------------------------


def parse_argdown(text: str, path: str = "<argdown>") -> Imported:
    """Read Argdown text: its statements, arguments, relations, tags and sections.

    Raises MapError (with a diagnostic: place, code, hint) for text that Argdown's parser
    would reject; returns the map with a warning for everything argmap changed or left out.
    """
    if len(text.encode("utf-8")) > MAX_ARGDOWN_BYTES:
        raise InputError(f"{path}: the Argdown document is larger than {MAX_ARGDOWN_BYTES} bytes")
    text = text.lstrip("\ufeff")
    warnings: list[ConversionWarning] = []

    def warn(
        code: str,
        message: str,
        span: Span,
        node: str | None = None,
        changes: tuple[tuple[str, int], ...] | None = None,
    ) -> None:
        effect = COUNT_EFFECTS.get(code, ()) if changes is None else changes
        # A relation of a node to itself is a mistake in the source (`--strict` refuses it);
        # the others are what argmap has no place for.
        lossy = code != SELF_RELATION
        warnings.append(
            ConversionWarning(path, node, message, code, span.line, span.column, lossy, effect)
        )

    tree = _parse(text, path)
    model = _Model(path, warn)
    try:
        model.document(tree)
    except _TooDeep as problem:
        raise _error(
            path,
            TOO_DEEP,
            f"relations are nested more than {MAX_DEPTH} levels deep",
            problem.span,
            "flatten the outline: refer to a statement by its [title] and give it its own block",
        ) from None
    except _TwoPcs as problem:
        raise _error(
            path,
            TWO_PCS,
            f"the argument <{problem.title}> has a second premise-conclusion structure",
            problem.span,
            "an argument has one premise-conclusion structure: give the second one its own "
            "argument title above it",
        ) from None
    except _Unexpected as problem:
        raise _error(path, SYNTAX, problem.message, problem.span, problem.hint) from None
    model.transform()
    argument_map = _Builder(model, path, warn).build()
    return Imported(argument_map, tuple(warnings))


def _error(path: str, code: str, message: str, span: Span, hint: str) -> MapError:
    diagnostic = Diagnostic(code, Severity.ERROR, message, span, path, hint)
    return MapError(f"{path}: {message}", [diagnostic])


def _parse(text: str, path: str) -> Tree[Token]:
    try:
        return _parser().parse(text)
    except LexingError as problem:
        before = text[: problem.offset]
        line = before.count("\n") + 1
        column = problem.offset - (before.rfind("\n") + 1) + 1
        character = text[problem.offset]
        raise _error(
            path,
            CHARACTER,
            f"Argdown cannot read {character!r} here",
            Span(line, column, line, column),
            "a backslash escapes the character after it; write '\\\\' for a backslash itself",
        ) from None
    except UnexpectedToken as problem:
        token = problem.token
        found = _describe(token.type)
        if token.type == "$END":
            last = text.rstrip().splitlines() or [""]
            end = len(last[-1]) + 1  # just after the last character
            span = Span(len(last), end, len(last), end)
        else:
            span = _span(token)
        hint = _HINTS.get(token.type) or "expected " + ", ".join(
            sorted({_describe(name) for name in problem.expected})[:6]
        )
        raise _error(path, SYNTAX, f"{found} is not expected here", span, hint) from None
    except (UnexpectedEOF, UnexpectedCharacters, UnexpectedInput) as problem:
        line, column = getattr(problem, "line", 1) or 1, getattr(problem, "column", 1) or 1
        raise _error(
            path,
            SYNTAX,
            "the Argdown text ends too early",
            Span(line, column, line, column),
            _HINTS["$END"],
        ) from None


_WORDS = {
    "$END": "the end of the document",
    "EMPTYLINE": "an empty line",
    "NEWLINE": "a line break",
    "INDENT": "an indented line",
    "DEDENT": "a less indented line",
    "INFERENCE_START": "an inference line ('--')",
    "INFERENCE_END": "the end of the inference line ('--')",
    "STATEMENT_NUMBER": "a numbered statement ('(1)')",
    "DATA": "a data block ('{...}')",
    "FRONT_MATTER": "front matter ('===')",
    "HEADING_START": "a heading ('#')",
    "STATEMENT_DEF": "a statement definition ('[title]:')",
    "STATEMENT_REF": "a statement reference ('[title]')",
    "ARGUMENT_DEF": "an argument definition ('<title>:')",
    "ARGUMENT_REF": "an argument reference ('<title>')",
    "TAG": "a tag",
}


def _describe(name: str) -> str:
    if name in _WORDS:
        return _WORDS[name]
    if name.startswith(("IN_", "OUT_")) or name == "CONTRADICTION":
        return "a relation ('+', '-', '_', '><', '+>', '->', '_>')"
    if name.endswith(("_START", "_END")):
        return "a bold or italic mark"
    return "text"


class _Builder:
    """Argdown's model turned into argmap's, with a warning for each change."""

    def __init__(self, model: _Model, path: str, warn: Callable[..., None]) -> None:
        self.model, self.path, self.warn = model, path, warn
        self.ids = IdMaker()
        self.statement_ids: dict[str, str] = {}
        self.argument_ids: dict[str, str] = {}
        self.speakers: dict[str, Speaker] = {}
        self.statements: list[Statement] = []
        self.arguments: list[Argument] = []
        self.relations: list[Relation] = []
        self.extra: list[Statement] = []

    def statement_id(self, title: str) -> str:
        if title not in self.statement_ids:
            self.statement_ids[title] = self.ids.make(title, "s")
        return self.statement_ids[title]

    def argument_id(self, title: str) -> str:
        if title not in self.argument_ids:
            # argmap's writer names an argument whose id starts with `_` "argument _id".
            raw = title[len("argument ") :] if re.fullmatch(r"argument _\w+", title) else title
            self.argument_ids[title] = self.ids.make(raw, "a")
        return self.argument_ids[title]

    def build(self) -> ArgumentMap:
        model = self.model
        self.read_speakers()
        # Titles that are valid ids stay as they are; the others are made into ids after.
        for title in model.statements:
            self.statement_ids[title] = self.ids.keep(title, "s") if is_identifier(title) else ""
        for title in model.arguments:
            raw = title[len("argument ") :] if re.fullmatch(r"argument _\w+", title) else title
            self.argument_ids[title] = self.ids.keep(raw, "a") if is_identifier(raw) else ""
        for title, node in list(self.statement_ids.items()):
            self.statement_ids[title] = node or self.ids.make(title, "s")
        for title, node in list(self.argument_ids.items()):
            self.argument_ids[title] = node or self.ids.make(title, "a")
        sources = {r.source for r in model.relations}
        sketches = {t for t, a in model.arguments.items() if not a.steps}
        # A sketched argument (no pcs) that is no relation's source concludes nothing argmap
        # can draw: it becomes a statement holding its description.
        as_statements = {t for t in sketches if ("a", t) not in sources}
        # ... and so does one whose every relation is a support of an argument, which argmap
        # leaves out (until nothing changes: a sketch that became a statement can be supported).
        changed = True
        while changed:
            changed = False
            for title in sorted(sketches - as_statements):
                outgoing = [r for r in model.relations if r.source == ("a", title)]
                if all(
                    r.kind == "support" and r.target[0] == "a" and r.target[1] not in as_statements
                    for r in outgoing
                ):
                    as_statements.add(title)
                    changed = True
        sketch_premises: dict[str, list[str]] = {t: [] for t in sketches - as_statements}
        relations: list[tuple[RelationKind, str, str, Span]] = []
        for relation in model.relations:
            kind = _KINDS.get(relation.kind, RelationKind.SUPPORT)
            source = self.end(relation.source, as_statements)
            target = self.end(relation.target, as_statements)
            target_is_argument = (
                relation.target[0] == "a" and relation.target[1] not in as_statements
            )
            if relation.kind == "support" and target_is_argument:
                source_is_statement = (
                    relation.source[0] == "s" or relation.source[1] in as_statements
                )
                if relation.target[1] in sketch_premises and source_is_statement:
                    sketch_premises[relation.target[1]].append(source)
                    self.warn(
                        SUPPORT_AS_PREMISE,
                        f"[{relation.source[1]}] supports the argument "
                        f"<{relation.target[1]}>, which has no premise-conclusion "
                        "structure: it became one of its premises",
                        relation.span,
                        target,
                    )
                else:
                    self.warn(
                        SUPPORT_OF_ARGUMENT,
                        f"{_name(relation.source)} supports the argument "
                        f"<{relation.target[1]}>: argmap has no support of an argument (it "
                        "supports a premise or the conclusion); not carried",
                        relation.span,
                        target,
                    )
                continue
            if relation.kind == "attack" and target_is_argument:
                kind = RelationKind.UNDERCUT
                self.warn(
                    ATTACK_AS_UNDERCUT,
                    f"{_name(relation.source)} attacks the argument "
                    f"<{relation.target[1]}>: read as an undercut (argmap attacks statements "
                    "and undercuts arguments)",
                    relation.span,
                    target,
                )
            elif relation.kind == "undercut" and not target_is_argument:
                kind = RelationKind.ATTACK
                self.warn(
                    UNDERCUT_AS_ATTACK,
                    f"{_name(relation.source)} undercuts "
                    f"{_name(relation.target)}, which is not an argument with an inference: "
                    "read as an attack",
                    relation.span,
                    target,
                )
            relations.append((kind, source, target, relation.span))
        for title, argument in model.arguments.items():
            if title in as_statements:
                self.sketch_statement(argument)
            elif not argument.steps:
                self.sketch(argument, sketch_premises[title])
            else:
                self.reconstructed(argument)
        for title, ec in model.statements.items():
            self.statements.append(self.statement(title, ec))
        seen: set[tuple[RelationKind, str, str]] = set()
        for kind, source, target, span in relations:
            key = (kind, source, target)
            mirrored = (kind, target, source)
            if source == target:
                self.warn(
                    SELF_RELATION,
                    f"a relation of '{source}' to itself (after the changes above) was left out",
                    span,
                    source,
                    changes=((kind.value, -1),),
                )
                continue
            if key in seen or (kind is RelationKind.CONTRADICTION and mirrored in seen):
                self.warn(
                    MERGED,
                    f"'{source} {kind.value} {target}' is there twice (after the "
                    "changes above): kept once",
                    span,
                    source,
                    changes=((kind.value, -1),),
                )
                continue
            seen.add(key)
            self.relations.append(Relation(kind, source, target, span=span))
        self.annotate_relations()
        return ArgumentMap(
            metadata=self.metadata(),
            expectations=self.expectations(),
            speakers=tuple(self.speakers.values()),
            statements=(*self.statements, *self.extra),
            arguments=tuple(self.arguments),
            relations=tuple(self.relations),
            groups=self.groups(),
            path=self.path,
        )

    def end(self, end: tuple[str, str], as_statements: set[str]) -> str:
        return self.argument_id(end[1]) if end[0] == "a" else self.statement_id(end[1])

    # --- nodes ---

    def properties(
        self, title: str, members: list[_Member], keys: tuple[str, ...], node: str
    ) -> tuple[dict[str, str], tuple[str, ...]]:
        data: dict[str, Any] = {}
        tags: list[str] = []
        for member in members:
            data.update(member.data)
            for tag in member.tags:
                tag = self.tag(tag, member.span, node)
                if tag not in tags:
                    tags.append(tag)
        values: dict[str, str] = {}
        for key, value in data.items():
            if key in keys and isinstance(value, (str, int, float)) and not isinstance(value, bool):
                values[key] = str(value)
            else:
                self.warn(
                    DATA_KEY,
                    f"the data key '{key}' of {title} has no place in argmap: not carried",
                    members[0].span if members else Span(1, 1, 1, 1),
                    node,
                )
        return values, tuple(tags)

    def tag(self, tag: str, span: Span, node: str) -> str:
        if is_tag(tag):
            return tag
        fixed = re.sub(r"[^\w-]+", "-", tag).strip("-")
        if not fixed or not is_tag(fixed):
            fixed = "tag-" + (fixed or "untitled")
        if not is_tag(fixed):
            fixed = "tag"
        self.warn(
            TAG_RENAMED, f"the tag '{tag}' became #{fixed} (a .arg tag is a word)", span, node
        )
        return fixed

    def speaker(self, value: str | None, span: Span, node: str) -> str | None:
        if value is None:
            return None
        if value in self.speakers:
            return value
        if not is_identifier(value):
            self.warn(
                DATA_KEY, f"the speaker '{value}' of {node} is not an id: not carried", span, node
            )
            return None
        self.speakers[value] = Speaker(value, value)
        self.warn(
            SPEAKER_ADDED,
            f"the speaker '{value}' is declared nowhere (frontmatter "
            "'speakers:'); declared with the id as its name",
            span,
            node,
        )
        return value

    def role(self, value: str | None, title: str, span: Span, node: str) -> Role:
        if value is not None:
            if value in _ROLES:
                return _ROLES[value]
            self.warn(
                DATA_KEY,
                f"the role '{value}' of [{title}] is not an argmap role: read as a plain statement",
                span,
                node,
            )
            return Role.STATEMENT
        uses = [step for a in self.model.arguments.values() for step in a.steps]
        if any(title in premises for premises, *_ in uses):
            return Role.PREMISE
        if any(title == conclusion for _, conclusion, *_ in uses):
            return Role.CLAIM
        if any(r.source == ("s", title) and r.kind != "support" for r in self.model.relations):
            return Role.OBJECTION
        return Role.STATEMENT

    def statement(self, title: str, ec: _Class) -> Statement:
        node = self.statement_id(title)
        values, tags = self.properties(f"[{title}]", ec.members, _STATEMENT_KEYS, node)
        text = next((m.text for m in ec.members if m.defines and m.text), "")
        if "title" in values:
            shown: str | None = values.pop("title")
        else:
            shown = title if title != node and not title.startswith("Untitled ") else None
        return Statement(
            node,
            self.role(values.pop("role", None), title, ec.span, node),
            text,
            speaker=self.speaker(values.pop("speaker", None), ec.span, node),
            tags=tags,
            title=shown,
            span=ec.span,
            cite=values.get("cite"),
            quote=values.get("quote"),
            url=values.get("url"),
            note=values.get("note"),
            raises=values.get("raises"),
            standard=values.get("standard"),
            expect=values.get("expect"),
        )

    def argument_fields(self, argument: _Class, node: str) -> dict[str, Any]:
        values, tags = self.properties(
            f"<{argument.title}>", argument.members, _ARGUMENT_KEYS, node
        )
        description = next((m.text for m in argument.members if m.defines and m.text), None)
        if "title" in values:
            shown: str | None = values.pop("title")
        elif argument.title == node or argument.title.startswith(("Untitled ", "argument _")):
            shown = None
        else:
            shown = argument.title
        return {
            "speaker": self.speaker(values.get("speaker"), argument.span, node),
            "tags": tags,
            "scheme": values.get("scheme"),
            "note": values.get("note") or description,
            "title": shown,
            "weight": values.get("weight"),
            "span": argument.span,
        }

    def sketch_statement(self, argument: _Class) -> None:
        node = self.argument_id(argument.title)
        fields = self.argument_fields(argument, node)
        self.warn(
            SKETCH_STATEMENT,
            f"the argument <{argument.title}> has no premise-conclusion "
            "structure and supports or attacks nothing: it became a statement holding its "
            "description",
            argument.span,
            node,
        )
        self.extra.append(
            Statement(
                node,
                Role.STATEMENT,
                fields["note"] or "",
                speaker=fields["speaker"],
                tags=fields["tags"],
                title=fields["title"],
                span=argument.span,
            )
        )

    def sketch(self, argument: _Class, premises: list[str]) -> None:
        node = self.argument_id(argument.title)
        fields = self.argument_fields(argument, node)
        if not premises:
            gist = self.ids.make(f"{node}_gist", "s")
            self.warn(
                SKETCH_PREMISE,
                f"the argument <{argument.title}> has no premise-conclusion "
                f"structure: its description became its premise '{gist}'",
                argument.span,
                node,
            )
            self.extra.append(
                Statement(
                    gist,
                    Role.PREMISE,
                    fields["note"] or argument.title,
                    speaker=fields["speaker"],
                    span=argument.span,
                )
            )
            premises = [gist]
            fields["note"] = None
        self.arguments.append(Argument(node, tuple(dict.fromkeys(premises)), None, **fields))

    def reconstructed(self, argument: _Class) -> None:
        node = self.argument_id(argument.title)
        fields = self.argument_fields(argument, node)
        steps = argument.steps
        for number, (premises, conclusion, rules, data, span) in enumerate(steps, start=1):
            if rules or data:
                what = ", ".join(rules) + (
                    " and data" if data and rules else "data" if data else ""
                )
                self.warn(
                    INFERENCE_RULE,
                    f"the inference of <{argument.title}> names {what}: "
                    "argmap has no inference rules (not carried)",
                    span,
                    node,
                )
            ids = tuple(dict.fromkeys(self.statement_id(p) for p in premises))
            if number < len(steps):
                step = self.ids.make(f"{node}_step{number}", "a")
                self.arguments.append(
                    Argument(
                        step,
                        ids,
                        self.statement_id(conclusion),
                        speaker=fields["speaker"],
                        span=span,
                    )
                )
                if not self.model.explode:
                    # (With `model: {explodeArguments: true}` Argdown splits it itself.)
                    self.warn(
                        STEP,
                        f"the argument <{argument.title}> has {len(steps)} inferences: "
                        f"the step to ({conclusion}) became the argument '{step}'",
                        span,
                        node,
                    )
            else:
                self.arguments.append(Argument(node, ids, self.statement_id(conclusion), **fields))

    # --- the document ---

    def read_speakers(self) -> None:
        speakers = self.model.frontmatter.get("speakers")
        if isinstance(speakers, dict):
            for key, name in speakers.items():
                if isinstance(key, str) and is_identifier(key) and _scalar(name) is not None:
                    self.speakers[key] = Speaker(key, _scalar(name) or "")

    def metadata(self) -> Metadata:
        front = self.model.frontmatter
        values = {
            ours: str(front[theirs])
            for theirs, ours in _METADATA.items()
            if isinstance(front.get(theirs), (str, int, float))
            and not isinstance(front.get(theirs), bool)
        }
        return Metadata(**values)

    def groups(self) -> tuple[Group, ...]:
        members: dict[int, list[str]] = {}
        for title, ec in self.model.statements.items():
            if ec.section is not None:
                members.setdefault(ec.section, []).append(self.statement_id(title))
        for title, argument in self.model.arguments.items():
            if argument.section is not None:
                members.setdefault(argument.section, []).append(self.argument_id(title))
        groups: list[Group] = []
        names: set[str] = set()
        for number, section in enumerate(self.model.sections):
            if number not in members:
                self.warn(
                    SECTION,
                    f"the heading '{section.title}' has nothing defined under it: no group for it",
                    section.span,
                )
                continue
            name, counter = section.title or f"Section {number + 1}", 1
            while name in names:
                counter += 1
                name = f"{section.title} ({counter})"
            names.add(name)
            tags = tuple(self.tag(t, section.span, name) for t in section.tags)
            groups.append(
                Group(name, tuple(members[number]), tuple(dict.fromkeys(tags)), span=section.span)
            )
        saved = self.model.frontmatter.get("groups")
        if isinstance(saved, list):
            for entry in saved:
                if (
                    isinstance(entry, dict)
                    and isinstance(entry.get("name"), str)
                    and isinstance(entry.get("members"), list)
                ):
                    known = []
                    for member in entry["members"]:
                        found = self.lookup(_scalar(member) or "")
                        if found is None:
                            self.warn(
                                SECTION,
                                f"the group '{entry['name']}' of the frontmatter "
                                f"names '{_scalar(member) or member.__class__.__name__}', "
                                "which is not in the document: left out",
                                Span(1, 1, 1, 1),
                            )
                        else:
                            known.append(found)
                    listed = entry.get("tags")
                    kept_tags = (_scalar(t) for t in (listed if isinstance(listed, list) else []))
                    groups.append(
                        Group(entry["name"], tuple(known), tuple(t for t in kept_tags if t))
                    )
        return tuple(groups)

    def annotate_relations(self) -> None:
        """Speakers and tags of relations, from the frontmatter's `relations:` (argmap's own
        Argdown writer puts them there: Argdown has no place for them)."""
        saved = self.model.frontmatter.get("relations")
        if not isinstance(saved, list):
            return
        kinds = {kind.value: kind for kind in RelationKind}
        for entry in saved:
            if not isinstance(entry, dict) or entry.get("kind") not in kinds:
                continue
            key = (kinds[entry["kind"]], _scalar(entry.get("from")), _scalar(entry.get("to")))
            for number, relation in enumerate(self.relations):
                if (relation.kind, relation.source, relation.target) == key:
                    speaker = _scalar(entry.get("speaker"))
                    listed = entry.get("tags")
                    tags: list[Any] = listed if isinstance(listed, list) else []
                    self.relations[number] = Relation(
                        relation.kind,
                        relation.source,
                        relation.target,
                        speaker=self.speaker(speaker, relation.span, relation.source)
                        if speaker is not None
                        else None,
                        tags=tuple(
                            self.tag(t, relation.span, relation.source)
                            for t in (_scalar(tag) for tag in tags)
                            if t
                        ),
                        span=relation.span,
                    )
                    break

    def expectations(self) -> tuple[Expectation, ...]:
        saved = self.model.frontmatter.get("expect")
        if not isinstance(saved, list):
            return ()
        found: list[Expectation] = []
        for entry in saved:
            if isinstance(entry, dict) and isinstance(entry.get("nodes"), list):
                names = [_scalar(node) or "" for node in entry["nodes"]]
                nodes = tuple(self.lookup(name) or name for name in names)
                semantics, label = _scalar(entry.get("semantics")), _scalar(entry.get("label"))
                if semantics and label:
                    found.append(Expectation(semantics, label, nodes))
        return tuple(found)

    def lookup(self, title: str) -> str | None:
        if title.startswith("<") and title.endswith(">"):
            return self.argument_ids.get(title[1:-1])
        if title.startswith("[") and title.endswith("]"):
            title = title[1:-1]
        found = self.statement_ids.get(title) or self.argument_ids.get(title)
        if found is None and title in {*self.statement_ids.values(), *self.argument_ids.values()}:
            found = title  # an id that is not its title (argmap's `argument _id`)
        return found


def _scalar(value: object) -> str | None:
    """A YAML value as text when it is a string or a number (never a nested structure, whose
    text could be exponentially long through aliases), else None."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _name(end: tuple[str, str]) -> str:
    return f"<{end[1]}>" if end[0] == "a" else f"[{end[1]}]"
