"""Diagnostics to text for people (with a caret under the source) and to JSON for machines."""

from __future__ import annotations

import json
from collections.abc import Mapping

from argmap.diagnostics import Diagnostic, Severity

JSON_FORMAT_VERSION = 1

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def format_diagnostic(diagnostic: Diagnostic, source: str | None, colour: bool = False) -> str:
    """`path:line:col: CODE message`, the source line, a caret under it, and the hint."""
    span = diagnostic.span
    place = f"{diagnostic.path}:{span.line}:{span.column}" if span.line else diagnostic.path
    severity = diagnostic.severity.value
    head = (f"{_paint(place, '1', colour)}: "
            f"{_paint(diagnostic.code, '1;' + _COLOURS[diagnostic.severity], colour)} "
            f"{diagnostic.message} [{severity}]")
    lines = [head]
    if source is not None and span.line:
        source_lines = source.split("\n")
        if span.line <= len(source_lines):
            text = source_lines[span.line - 1].replace("\t", " ")
            width = 1
            if span.end_line == span.line and span.end_column >= span.column:
                width = span.end_column - span.column + 1
            gutter = f"{span.line:>5} | "
            lines.append(gutter + text)
            caret = "^" + "~" * (width - 1)
            lines.append(" " * (len(gutter) - 2) + "| " + " " * (span.column - 1)
                         + _paint(caret, _COLOURS[diagnostic.severity], colour))
    for related_span, what in diagnostic.related:
        lines.append(f"      = note: {diagnostic.path}:{related_span.line}:"
                     f"{related_span.column}: {what}")
    if diagnostic.hint:
        lines.append(f"      = hint: {diagnostic.hint}")
    return "\n".join(lines)


def format_text(diagnostics: list[Diagnostic], sources: Mapping[str, str],
                colour: bool = False) -> str:
    """Every diagnostic as text, separated by blank lines, with a closing count."""
    blocks = [format_diagnostic(d, sources.get(d.path), colour) for d in diagnostics]
    return "\n\n".join(blocks)


def summary(diagnostics: list[Diagnostic], files: int) -> str:
    counts = {severity: 0 for severity in Severity}
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    def count(number: int, noun: str) -> str:
        return f"{number} {noun}" + ("" if number == 1 else "s")

    return (f"{count(files, 'file')} checked: {count(counts[Severity.ERROR], 'error')}, "
            f"{count(counts[Severity.WARNING], 'warning')}, {count(counts[Severity.INFO], 'note')}")


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
                {"line": s.line, "column": s.column, "message": what} for s, what in d.related
            ],
        }
        for d in diagnostics
    ]


def format_json(diagnostics: list[Diagnostic], files: list[str]) -> str:
    """A versioned JSON document with every diagnostic."""
    return json.dumps(
        {"version": JSON_FORMAT_VERSION, "files": files,
         "diagnostics": to_json_records(diagnostics)},
        ensure_ascii=False, indent=2,
    )
