"""Diagnostics to text for people (with a caret under the source) and to JSON for machines."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from urllib.parse import quote

from argmap.diagnostics import CODES, Diagnostic, Severity
from argmap.errors import InputError
from argmap.files import read_source
from argmap.language.hints import EXCERPT, excerpt
from argmap.language.printer import visible_controls
from argmap.model import Span
from argmap.version import __version__

JSON_FORMAT_VERSION = 1

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def _shortened(message: str, limit: int = 4 * EXCERPT) -> str:
    """A message that quotes a huge id or word, cut in the middle to a readable length."""
    if len(message) <= limit:
        return message
    return message[: limit // 2] + " ... " + message[-limit // 2 :]


def display_width(text: str) -> int:
    """How many terminal cells `text` takes: East Asian wide and fullwidth characters (CJK,
    most emoji) take two, combining marks, joiners and variation selectors none, others one.

    Columns in messages count characters (Unicode code points), as SARIF's
    `unicodeCodePoints` and most compilers do; only the caret line is laid out in cells.
    """
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


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
        length = 1
        if span.end_line == span.line and span.end_column >= span.column:
            length = min(span.end_column - span.column + 1, EXCERPT)
        gutter = f"{span.line:>5} | "
        lines.append(gutter + text)
        # The caret goes under the character in terminal cells, so it stays in place after
        # wide (CJK, emoji) characters and combining marks.
        width = max(display_width(text[column - 1 : column - 1 + length]), 1)
        caret = "^" + "~" * (width - 1)
        lines.append(
            " " * (len(gutter) - 2)
            + "| "
            + " " * display_width(text[: column - 1])
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
    # Source lines are shown with control characters made visible: an ESC in a map must not
    # reach the terminal (one character for one, so the caret stays under its column).
    lines: dict[str, list[str] | None] = {
        path: visible_controls(text).split("\n") for path, text in sources.items()
    }
    for diagnostic in diagnostics:
        if diagnostic.path not in lines:
            lines[diagnostic.path] = _imported_lines(diagnostic.path)
    blocks = [format_diagnostic(d, lines.get(d.path), colour) for d in diagnostics]
    return "\n\n".join(blocks)


def _imported_lines(path: str) -> list[str] | None:
    """The lines of a file a map imports (already read once when the map was loaded)."""
    try:
        return visible_controls(read_source(path)).split("\n")
    except InputError:
        return None


def summary(
    diagnostics: list[Diagnostic], files: int, unreadable: int = 0, empty_folders: int = 0
) -> str:
    """`N files checked: E errors, W warnings, I notes`, then what could not be checked:
    files that could not be read and folders with no .arg file in them."""
    counts = {severity: 0 for severity in Severity}
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1

    def count(number: int, noun: str) -> str:
        return f"{number} {noun}" + ("" if number == 1 else "s")

    text = (
        f"{count(files, 'file')} checked: {count(counts[Severity.ERROR], 'error')}, "
        f"{count(counts[Severity.WARNING], 'warning')}, {count(counts[Severity.INFO], 'note')}"
    )
    if unreadable:
        text += f"; {count(unreadable, 'file')} could not be read"
    if empty_folders:
        what = "folder" if empty_folders == 1 else "folders"
        text += f"; {empty_folders} {what} held no .arg file"
    return text


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
        "A place is `file:line:column`, both counted from 1; the column counts characters "
        "(Unicode code points, as SARIF's `unicodeCodePoints`), so a line of Chinese or emoji "
        "gives the same column in every tool. The caret printed under the source line is laid "
        "out in terminal cells: wide characters (CJK, fullwidth forms, most emoji) take two, "
        "combining marks none, so the caret stays under its character. The language server "
        "sends positions in UTF-16 code units, as the LSP asks.\n",
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


def _github_escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


_GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def format_github(diagnostics: list[Diagnostic]) -> str:
    """GitHub Actions workflow commands: one `::error file=...::message` line per diagnostic,
    shown as annotations on the pull request's lines."""
    lines = []
    for d in diagnostics:
        span = d.span
        properties = [f"file={_github_escape(d.path, True)}"]
        if span.line:
            properties += [f"line={span.line}", f"col={span.column}"]
            if span.end_line:
                properties += [f"endLine={span.end_line}", f"endColumn={span.end_column}"]
        properties.append(f"title={_github_escape(d.code + ' ' + CODES[d.code].title, True)}")
        message = d.message + (f"\nhint: {d.hint}" if d.hint else "")
        for related_span, what in d.related:
            message += f"\nnote: line {related_span.line}: {what}"
        lines.append(
            f"::{_GITHUB_LEVELS[d.severity]} {','.join(properties)}::{_github_escape(message)}"
        )
    return "\n".join(lines)


SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _sarif_location(path: str, span: Span) -> dict[str, object]:
    location: dict[str, object] = {"artifactLocation": {"uri": quote(path.replace("\\", "/"))}}
    if span.line:
        # SARIF regions end one column after the last character.
        location["region"] = {
            "startLine": span.line,
            "startColumn": span.column,
            "endLine": max(span.end_line, span.line),
            "endColumn": max(span.end_column, span.column) + 1,
        }
    return {"physicalLocation": location}


def format_sarif(diagnostics: list[Diagnostic]) -> str:
    """A SARIF 2.1.0 log (what GitHub code scanning uploads), one result per diagnostic."""
    used = sorted({d.code for d in diagnostics})
    rules = [
        {
            "id": code,
            "name": "".join(word.capitalize() for word in CODES[code].title.split()),
            "shortDescription": {"text": CODES[code].title},
            "fullDescription": {"text": CODES[code].explanation},
            "defaultConfiguration": {"level": _SARIF_LEVELS[CODES[code].severity]},
            "help": {"text": f"argmap explain {code}"},
        }
        for code in used
    ]
    results = []
    for d in diagnostics:
        result: dict[str, object] = {
            "ruleId": d.code,
            "ruleIndex": used.index(d.code),
            "level": _SARIF_LEVELS[d.severity],
            "message": {"text": d.message + (f" (hint: {d.hint})" if d.hint else "")},
            "locations": [_sarif_location(d.path, d.span)],
        }
        if d.related:
            result["relatedLocations"] = [
                {"id": number, **_sarif_location(d.path, span), "message": {"text": what}}
                for number, (span, what) in enumerate(d.related, start=1)
            ]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "argmap", "version": __version__, "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)
