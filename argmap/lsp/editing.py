"""The language server's answers from an analysis: hover, outline, completion and quick fixes."""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from typing import Any

from lsprotocol import types

from argmap.diagnostics import Severity
from argmap.errors import ArgmapError
from argmap.evaluation.evaluate import evaluate
from argmap.language.schemes import catalogue
from argmap.language.vocabulary import (
    ARGUMENT_OPTIONS,
    KEYWORDS,
    METADATA_KEYS,
    ROLES,
    STATEMENT_OPTIONS,
    STATEMENT_PROPERTIES,
    VERBS,
    is_identifier,
)
from argmap.lsp.incremental import Analysis
from argmap.lsp.index import Index, Kind, Occurrence
from argmap.model import Argument, Relation, RelationKind, Statement
from argmap.rendering.graphviz import render

# -- hover ---------------------------------------------------------------------------------------


def _label(analysis: Analysis, node_id: str) -> str | None:
    """`IN: reason` under grounded semantics, when the map has no errors."""
    if any(d.severity is Severity.ERROR for d in analysis.diagnostics):
        return None
    cached = analysis.__dict__.get("_grounded")
    if cached is None:
        cached = analysis.__dict__["_grounded"] = evaluate(analysis.map)
    try:
        verdict = cached.verdict(node_id)
    except KeyError:
        return None
    return f"**{verdict.label.value.upper()}** (grounded): {verdict.reason}"


def _names(ids: list[str]) -> str:
    return ", ".join(f"`{node_id}`" for node_id in dict.fromkeys(ids)) or "none"


def hover_text(analysis: Analysis, index: Index, occurrence: Occurrence) -> str | None:
    """Markdown for the name under the cursor: what it is, who says it, what bears on it."""
    argument_map = analysis.map
    if occurrence.kind is Kind.SPEAKER:
        speaker = argument_map.speaker(occurrence.name)
        if speaker is None:
            return f"speaker `@{occurrence.name}` (not declared)"
        said = [o for o in index.occurrences(Kind.SPEAKER, occurrence.name) if not o.definition]
        return f"**speaker** `{speaker.id}`: {speaker.name}\n\nattributed: {len(said)} times"
    node = index.nodes.get(occurrence.name)
    if node is None:
        return f"`{occurrence.name}` is not declared"
    supporters: list[str] = []
    attackers: list[str] = []
    for relation in argument_map.relations:
        if relation.target == node.id:
            if relation.kind is RelationKind.SUPPORT:
                supporters.append(relation.source)
            else:
                attackers.append(f"`{relation.source}` ({relation.kind.value})")
        elif relation.kind is RelationKind.CONTRADICTION and relation.source == node.id:
            attackers.append(f"`{relation.target}` (contradicts)")
    for argument in argument_map.arguments:
        if argument.conclusion == node.id:
            supporters.append(argument.id)
    lines: list[str] = []
    where = _declared_in(analysis, node.span.path, node.span.line)
    if isinstance(node, Statement):
        lines.append(f"**{node.role.value}** `{node.id}`" + _by(analysis, node.speaker))
        lines.append("")
        lines.append("> " + node.text.replace("\n", "\n> "))
    else:
        assert isinstance(node, Argument)
        lines.append(f"**argument** `{node.id}`" + _by(analysis, node.speaker))
        lines.append("")
        lines.append(f"premises: {_names(list(node.premises))}")
        lines.append(f"conclusion: {_names([node.conclusion] if node.conclusion else [])}")
        if node.scheme:
            scheme = catalogue().get(node.scheme)
            lines.append(f"scheme: `{node.scheme}`" + (f" ({scheme.name})" if scheme else ""))
    if where:
        lines += ["", where]
    lines.append("")
    lines.append(f"supported by: {_names(supporters)}  ")
    lines.append(f"attacked by: {', '.join(dict.fromkeys(attackers)) or 'none'}")
    label = _label(analysis, node.id)
    if label:
        lines += ["", f"evaluation: {label}"]
    return "\n".join(lines)


def _declared_in(analysis: Analysis, path: str, line: int) -> str | None:
    """Where a node of an imported map is declared, as seen from the document's folder."""
    if not path:
        return None
    base = os.path.dirname(analysis.path) if analysis.path.endswith(".arg") else os.getcwd()
    try:
        shown = os.path.relpath(path, base)
    except ValueError:  # another drive
        shown = path
    return f"declared in `{shown}`, line {line}"


def _by(analysis: Analysis, speaker_id: str | None) -> str:
    if speaker_id is None:
        return ""
    speaker = analysis.map.speaker(speaker_id)
    return f" by @{speaker_id}" + (f" ({speaker.name})" if speaker else "")


# -- rename --------------------------------------------------------------------------------------


def rename_problem(index: Index, kind: Kind, old: str, new: str) -> str | None:
    """Why `old` may not become `new`, or None when it may."""
    if new == old:
        return None
    if not is_identifier(new) or new in KEYWORDS:
        return f"'{new}' is not a valid id: letters, digits and _, not starting with a digit"
    taken = new in index.nodes if kind is Kind.NODE else (Kind.SPEAKER, new) in index.definitions
    if taken:
        what = "an id" if kind is Kind.NODE else "a speaker"
        return f"'{new}' is already {what} in this map"
    return None


# -- outline -------------------------------------------------------------------------------------


@dataclass
class Symbol:
    """An outline entry in code points: its lines, where its name is, what it holds."""

    name: str
    detail: str
    kind: types.SymbolKind
    line: int
    start: int
    end: int
    end_line: int
    end_character: int
    children: list[Symbol] = field(default_factory=list)


_SYMBOL_KINDS = {"thesis": types.SymbolKind.Class, "argument": types.SymbolKind.Function}


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _block_end(lines: list[str], line: int) -> int:
    """The last line of the block a line opens (itself if nothing is indented under it)."""
    depth = _indent(lines[line])
    last = line
    for index in range(line + 1, len(lines)):
        text = lines[index]
        stripped = text.strip()
        if not stripped or stripped.startswith("//"):
            continue
        if _indent(text) <= depth:
            break
        last = index
    return last


def symbols(analysis: Analysis, index: Index) -> list[Symbol]:
    """Groups, statements and arguments, nested as the outline nests them."""
    lines = analysis.lines
    flat: list[Symbol] = []
    for (kind, name), occurrence in index.definitions.items():
        if kind is not Kind.NODE:
            continue
        node = index.nodes[name]
        role = node.role.value if isinstance(node, Statement) else "argument"
        detail = node.text if isinstance(node, Statement) else role
        end = _block_end(lines, occurrence.line)
        flat.append(
            Symbol(
                name,
                f"{role}: {detail}" if isinstance(node, Statement) else detail,
                _SYMBOL_KINDS.get(role, types.SymbolKind.Field),
                occurrence.line,
                occurrence.start,
                occurrence.end,
                end,
                len(lines[end]),
            )
        )
    for group in analysis.map.groups:
        real = analysis.real(group.span)
        if real.line < 1:
            continue
        line = real.line - 1
        end = _block_end(lines, line)
        flat.append(
            Symbol(
                group.name,
                "group",
                types.SymbolKind.Namespace,
                line,
                real.column - 1,
                real.end_column,
                end,
                len(lines[end]),
            )
        )
    flat.sort(key=lambda s: (s.line, -s.end_line))
    roots: list[Symbol] = []
    stack: list[Symbol] = []
    for symbol in flat:
        while stack and not (stack[-1].line < symbol.line <= stack[-1].end_line):
            stack.pop()
        (stack[-1].children if stack else roots).append(symbol)
        stack.append(symbol)
    return roots


def folding_ranges(lines: list[str]) -> list[types.FoldingRange]:
    """Every block with lines indented under it, and runs of comment lines."""
    ranges: list[types.FoldingRange] = []
    index = 0
    while index < len(lines):
        stripped = lines[index].strip()
        if stripped.startswith("//"):
            end = index
            while end + 1 < len(lines) and lines[end + 1].strip().startswith("//"):
                end += 1
            if end > index:
                ranges.append(types.FoldingRange(index, end, kind=types.FoldingRangeKind.Comment))
            index = end + 1
            continue
        if stripped:
            end = _block_end(lines, index)
            if end > index:
                ranges.append(types.FoldingRange(index, end, kind=types.FoldingRangeKind.Region))
        index += 1
    return ranges


# -- completion ----------------------------------------------------------------------------------

_WORD = r"[^\W\d]?\w*"
# The first word of a line, after a sign; it may be a dotted id being typed (`un.integ`).
_SIGN = re.compile(r"^(\+|-|~|><)?\s*(" + _WORD + r"(?:\.\w*)*)$")


def _keyword(word: str, detail: str, snippet: str | None = None) -> types.CompletionItem:
    return types.CompletionItem(
        label=word,
        kind=types.CompletionItemKind.Keyword,
        detail=detail,
        insert_text=snippet,
        insert_text_format=types.InsertTextFormat.Snippet if snippet else None,
    )


def _ids(index: Index) -> list[types.CompletionItem]:
    items = []
    for name, node in index.nodes.items():
        if isinstance(node, Statement):
            detail, text = node.role.value, node.text
        else:
            detail, text = "argument", f"{' + '.join(node.premises)} -> {node.conclusion or '?'}"
        items.append(
            types.CompletionItem(
                label=name,
                kind=types.CompletionItemKind.Reference,
                detail=detail,
                documentation=text,
            )
        )
    return items


def _roles() -> list[types.CompletionItem]:
    return [_keyword(role, "statement", f'{role} ${{1:id}}: "${{2:text}}"') for role in ROLES] + [
        _keyword("argument", "argument", "argument ${1:id}:")
    ]


def completions(analysis: Analysis, index: Index, before: str) -> list[types.CompletionItem]:
    """What may stand at the cursor, given the text of its line before it."""
    argument_map = analysis.map
    outside_text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', before)
    if outside_text.count('"') % 2 or "//" in outside_text:
        return []  # inside text or a comment
    option = re.search(r"\(([^()\"]*)$", before)
    if option:
        inside = option.group(1)
        value = re.search(r"(\w+)\s*:\s*(\w*)$", inside)
        if value and value.group(1) == "scheme":
            return [
                types.CompletionItem(
                    label=scheme.id,
                    kind=types.CompletionItemKind.EnumMember,
                    detail=scheme.name,
                    documentation=scheme.description,
                )
                for scheme in catalogue().values()
            ]
        if value and value.group(1) == "raises":
            return _questions(analysis)
        if re.search(r"(^|,)\s*\w*$", inside):
            keys = (
                ARGUMENT_OPTIONS
                if before.lstrip("+-~>< ").startswith("argument")
                else (STATEMENT_OPTIONS)
            )
            return [_keyword(key, "option", f"{key}: $0") for key in keys]
        return []
    speaker = re.search(r"@(" + _WORD + r")$", before)
    if speaker:
        return [
            types.CompletionItem(
                label=s.id, kind=types.CompletionItemKind.Variable, detail=s.name, filter_text=s.id
            )
            for s in argument_map.speakers
        ]
    tag = re.search(r"#([\w-]*)$", before)
    if tag:
        nodes: list[Statement | Argument | Relation] = [
            *argument_map.statements,
            *argument_map.arguments,
            *argument_map.relations,
        ]
        tags = dict.fromkeys(t for node in nodes for t in node.tags)
        return [types.CompletionItem(label=t, kind=types.CompletionItemKind.Constant) for t in tags]
    stripped = before.lstrip(" \t")
    top = stripped == before
    first = _SIGN.match(stripped)
    if first:
        sign = first.group(1)
        if top and not sign:
            items = [*_roles(), _keyword("speaker", "speaker", 'speaker ${1:id}: "${2:name}"')]
            items.append(_keyword("group", "group", 'group "${1:name}":'))
            items += [_keyword(key, "metadata", f'{key}: "$1"') for key in METADATA_KEYS]
            return items + _ids(index)
        if sign:
            return _roles() + _ids(index)
        properties = [_keyword(k, "property", f'{k}: "$1"') for k in STATEMENT_PROPERTIES]
        return properties + _roles() + _ids(index)
    if top and re.match(r"^(" + _WORD + r")\s+(" + _WORD + r")$", stripped):
        word = stripped.split()[0]
        if word not in KEYWORDS and word not in METADATA_KEYS:
            return [_keyword(verb, "relation") for verb in VERBS]
    # An id may be written with the name of an import before it: `un.integrity`.
    if re.match(r"^[\w.]+\s+(" + "|".join(VERBS) + r")\s+[\w.]*$", stripped):
        return _ids(index)
    if re.search(r"->\s*[\w.]*$", stripped):
        return _ids(index)
    if re.match(r"^argument\b[^:]*:\s*([\w.]+\s*\+\s*)*[\w.]*$", stripped):
        return _ids(index)
    if re.match(r'^group\s+"[^"]*"[^:]*:\s*([\w.]+\s*,\s*)*[\w.]*$', stripped):
        return _ids(index)
    return []


def _questions(analysis: Analysis) -> list[types.CompletionItem]:
    """Critical questions: those of the schemes the map uses first, then the rest."""
    schemes = catalogue()
    used = [a.scheme for a in analysis.map.arguments if a.scheme in schemes]
    order = [*dict.fromkeys(used), *(s for s in schemes if s not in used)]
    items = []
    for rank, scheme_id in enumerate(order):
        for question in schemes[scheme_id].critical_questions:
            items.append(
                types.CompletionItem(
                    label=question.id,
                    kind=types.CompletionItemKind.EnumMember,
                    detail=f"{scheme_id}" + (" (used in this map)" if scheme_id in used else ""),
                    documentation=question.text,
                    sort_text=f"{rank:04d}{question.id}",
                )
            )
    return items


# -- fixes ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """A diagnostic as a client hands it back: code, message, hint and range in code points."""

    code: str
    message: str
    hint: str | None
    line: int
    start: int
    end_line: int
    end: int


@dataclass(frozen=True)
class Edit:
    """Replace a range (0-based, code points, end exclusive) with text."""

    line: int
    start: int
    end_line: int
    end: int
    text: str


@dataclass(frozen=True)
class Fix:
    """A quick fix: a title and the edits that make it."""

    title: str
    edits: tuple[Edit, ...]
    preferred: bool = False


_DID_YOU_MEAN = re.compile(r"did you mean '(@?)([^']+)'\?")
# A word of a line, with the name of an import before it if there is one (`un.integrity`).
_WORD_IN_LINE = re.compile(r"@?[^\W\d][\w-]*(?:\.[^\W\d]\w*)*")


def _tab_width(whitespace: str) -> int:
    column = 0
    for char in whitespace:
        column = (column // 8 + 1) * 8 if char == "\t" else column + 1
    return column


def fixes(analysis: Analysis, problem: Problem) -> list[Fix]:
    """The quick fixes a diagnostic's hint describes."""
    lines = analysis.lines
    if not 0 <= problem.line < len(lines):
        return []
    text = lines[problem.line]
    found: list[Fix] = []
    hint = problem.hint or ""
    guess = _DID_YOU_MEAN.search(hint)
    if guess:
        found += _replace_word(problem, text, guess.group(2))
    if problem.code == "E103":
        name = re.search(r"speaker '([^']+)'", problem.message)
        if name:
            found.append(_declare_speaker(analysis, name.group(1)))
    if "double quotes" in hint:
        found += _quote_rest(problem, text)
    if problem.code == "W208" or (problem.code == "E002" and "tab" in problem.message):
        found += _replace_tabs(lines)
    if (
        "':'" in problem.message
        and problem.code == "E001"
        and ("put ':'" in hint or "expected ':'" in problem.message)
    ):
        found += _add_colon(problem, text)
    return found


def _replace_word(problem: Problem, text: str, guess: str) -> list[Fix]:
    words = [
        m
        for m in _WORD_IN_LINE.finditer(text)
        if m.group().lstrip("@") != guess and not _in_text(text, m.start())
    ]
    if not words:
        return []

    def score(match: re.Match[str]) -> tuple[bool, float]:
        inside = match.start() <= problem.start < match.end() or (
            problem.start <= match.start() < max(problem.end, problem.start + 1)
        )
        ratio = difflib.SequenceMatcher(None, match.group().lstrip("@"), guess).ratio()
        return (inside and ratio >= 0.5, ratio)

    best = max(words, key=score)
    start = best.start() + (1 if best.group().startswith("@") else 0)
    old = text[start : best.end()]
    return [
        Fix(
            f"Replace '{old}' with '{guess}'",
            (Edit(problem.line, start, problem.line, best.end(), guess),),
            preferred=True,
        )
    ]


def _in_text(text: str, column: int) -> bool:
    return text[:column].count('"') % 2 == 1


def _declare_speaker(analysis: Analysis, name: str) -> Fix:
    lines = analysis.lines
    after = -1
    for number, text in enumerate(lines):
        if text.startswith("speaker "):
            after = number
    if after < 0:
        for number, text in enumerate(lines):
            if re.match(r"^(" + "|".join(METADATA_KEYS) + r")\s*:", text):
                after = number
    declaration = f'speaker {name}: "{name.replace("_", " ").capitalize()}"\n'
    return Fix(f"Declare speaker '{name}'", (Edit(after + 1, 0, after + 1, 0, declaration),))


def _quote_rest(problem: Problem, text: str) -> list[Fix]:
    start = problem.start
    comment = re.search(r"\s*//.*$", text[start:])
    end = start + comment.start() if comment else len(text.rstrip())
    if end <= start:
        return []
    raw = text[start:end].rstrip()
    quoted = '"' + raw.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return [
        Fix(
            "Put the text in double quotes",
            (Edit(problem.line, start, problem.line, start + len(raw), quoted),),
            preferred=True,
        )
    ]


def _replace_tabs(lines: list[str]) -> list[Fix]:
    edits = []
    for index, line in enumerate(lines):
        stripped = line.lstrip(" \t")
        indent = line[: len(line) - len(stripped)]
        if stripped and "\t" in indent:
            edits.append(Edit(index, 0, index, len(indent), " " * _tab_width(indent)))
        elif "\t" in stripped and not _in_text(line, line.index("\t")):
            column = line.index("\t")
            edits.append(Edit(index, column, index, column + 1, " "))
    if not edits:
        return []
    return [Fix("Replace tabs with spaces", tuple(edits), preferred=True)]


def _add_colon(problem: Problem, text: str) -> list[Fix]:
    before = text[: problem.start].rstrip()
    column = len(before)
    if not before or before.endswith(":"):
        return []
    edit = Edit(problem.line, column, problem.line, column, ":")
    return [Fix("Add the missing ':'", (edit,), True)]


# -- preview -------------------------------------------------------------------------------------


def preview(analysis: Analysis, index: Index) -> dict[str, Any]:
    """The map as SVG (or why it cannot be drawn) and the 0-based line of every node."""
    lines = {
        name: occurrence.line
        for (kind, name), occurrence in index.definitions.items()
        if kind is Kind.NODE
    }
    errors = [d for d in analysis.diagnostics if d.severity is Severity.ERROR]
    if errors:
        first = errors[0]
        return {
            "svg": None,
            "error": f"line {first.span.line}: {first.code} {first.message}",
            "lines": lines,
        }
    try:
        svg = render(analysis.map, "svg").decode("utf-8")
    except ArgmapError as error:
        return {"svg": None, "error": str(error), "lines": lines}
    return {"svg": svg, "error": None, "lines": lines}
