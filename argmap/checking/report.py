"""Diagnostics to text for people (with a caret under the source) and to JSON for machines."""

from __future__ import annotations

import json
from collections.abc import Mapping

from argmap.diagnostics import CODES, Diagnostic, Severity
from argmap.errors import InputError
from argmap.files import read_source
from argmap.language.hints import EXCERPT, excerpt

JSON_FORMAT_VERSION = 1

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def _shortened(message: str, limit: int = 4 * EXCERPT) -> str:
    """A message that quotes a huge id or word, cut in the middle to a readable length."""
    if len(message) <= limit:
        return message
    return message[: limit // 2] + " ... " + message[-limit // 2 :]


def format_diagnostic(
    diagnostic: Diagnostic, source_lines: list[str] | None, colour: bool = False
) -> str:
    """`path:line:col: CODE message`, the source line, a caret under it, and the hint."""
    span = diagnostic.span
    place = f"{diagnostic.path}:{span.line}:{span.column}" if span.line else diagnostic.path
    severity = diagnostic.severity.value
    head = (
        f"{_paint(place, '1', colour)}: "
        f"{_paint(diagnostic.code, '1;' + _COLOURS[diagnostic.severity], colour)} "
        f"{_shortened(diagnostic.message)} [{severity}]"
    )
    lines = [head]
    if source_lines is not None and 0 < span.line <= len(source_lines):
        # A long line (a generated map, a pasted paragraph) is shown as a window around the
        # column, so a problem on a 1 MB line prints a short excerpt, not the line.
        text, column = excerpt(source_lines[span.line - 1].replace("\t", " "), span.column)
        width = 1
        if span.end_line == span.line and span.end_column >= span.column:
            width = min(span.end_column - span.column + 1, EXCERPT)
        gutter = f"{span.line:>5} | "
        lines.append(gutter + text)
        caret = "^" + "~" * (width - 1)
        lines.append(
            " " * (len(gutter) - 2)
            + "| "
            + " " * (column - 1)
            + _paint(caret, _COLOURS[diagnostic.severity], colour)
        )
    for related_span, what in diagnostic.related:
        lines.append(
            f"      = note: {related_span.path or diagnostic.path}:{related_span.line}:"
            f"{related_span.column}: {what}"
        )
    if diagnostic.hint:
        lines.append(f"      = hint: {diagnostic.hint}")
    return "\n".join(lines)


def format_text(
    diagnostics: list[Diagnostic], sources: Mapping[str, str], colour: bool = False
) -> str:
    """Every diagnostic as text, separated by blank lines, with a closing count."""
    lines: dict[str, list[str] | None] = {path: text.split("\n") for path, text in sources.items()}
    for diagnostic in diagnostics:
        if diagnostic.path not in lines:
            lines[diagnostic.path] = _imported_lines(diagnostic.path)
    blocks = [format_diagnostic(d, lines.get(d.path), colour) for d in diagnostics]
    return "\n\n".join(blocks)


def _imported_lines(path: str) -> list[str] | None:
    """The lines of a file a map imports (already read once when the map was loaded)."""
    try:
        return read_source(path).split("\n")
    except InputError:
        return None


def summary(diagnostics: list[Diagnostic], files: int) -> str:
    counts = {severity: 0 for severity in Severity}
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1

    def count(number: int, noun: str) -> str:
        return f"{number} {noun}" + ("" if number == 1 else "s")

    return (
        f"{count(files, 'file')} checked: {count(counts[Severity.ERROR], 'error')}, "
        f"{count(counts[Severity.WARNING], 'warning')}, {count(counts[Severity.INFO], 'note')}"
    )


def to_json_records(diagnostics: list[Diagnostic]) -> list[dict[str, object]]:
    return [
        {
            "path": d.path,
            "line": d.span.line,
            "column": d.span.column,
            "end_line": d.span.end_line,
            "end_column": d.span.end_column,
            "code": d.code,
            "severity": d.severity.value,
            "message": d.message,
            "hint": d.hint,
            "related": [
                {"path": s.path or d.path, "line": s.line, "column": s.column, "message": what}
                for s, what in d.related
            ],
        }
        for d in diagnostics
    ]


def format_json(diagnostics: list[Diagnostic], files: list[str]) -> str:
    """A versioned JSON document with every diagnostic."""
    return json.dumps(
        {
            "version": JSON_FORMAT_VERSION,
            "files": files,
            "diagnostics": to_json_records(diagnostics),
        },
        ensure_ascii=False,
        indent=2,
    )


def codes_markdown() -> str:
    """docs/diagnostics.md, generated from the registry so the two cannot drift apart."""
    parts = [
        "# Diagnostics\n",
        "Every problem `argmap check` reports has a code: `E` for errors (E0xx syntax, E1xx "
        "structure), `W` for warnings, `I` for information. Errors make `argmap check` exit "
        "with 1; warnings do so under `--strict`. `--select` and `--ignore` take codes or "
        "prefixes (`--ignore I`, `--select E1,W203`). `argmap explain CODE` prints the same "
        "text as this page.\n",
        "This page is generated by `argmap codes --markdown > docs/diagnostics.md`; a test "
        "fails when it is out of date, and another proves that each example below produces "
        "its code.\n",
        "| code | severity | title |",
        "|---|---|---|",
    ]
    parts += [
        f"| [{c.code}](#{c.code.lower()}) | {c.severity.value} | {c.title} |"
        for c in CODES.values()
    ]
    parts.append("")
    for c in CODES.values():
        example = c.example
        if len(example) > 600:
            example = example[:600].rsplit("\n", 1)[0] + "\n// ... (the example goes on)\n"
        parts += [
            f"## {c.code}",
            "",
            f"**{c.title}** ({c.severity.value})",
            "",
            c.explanation,
            "",
            "```arg",
            example.rstrip("\n"),
            "```",
            "",
        ]
    return "\n".join(parts)
