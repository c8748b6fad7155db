"""Expected outcomes: what a map says it expects of its evaluation, checked as diagnostics."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from argmap.checking.pipeline import parse_checked
from argmap.diagnostics import Diagnostic, make
from argmap.errors import ArgmapError
from argmap.evaluation.evaluate import SEMANTICS_NAMES, evaluate
from argmap.evaluation.semantics import Semantics
from argmap.model import ArgumentMap, Span


def expectation_semantics() -> tuple[str, ...]:
    """Every semantics an `expect` block may name."""
    return SEMANTICS_NAMES


@dataclass(frozen=True)
class Expected:
    """One node's expected label under one semantics, and where the map states it."""

    semantics: str
    node: str
    label: str
    span: Span


def expected_outcomes(argument_map: ArgumentMap) -> Iterator[Expected]:
    """The map's expectations: `(expect: ...)` on statements (grounded), then `expect` blocks."""
    for statement in argument_map.statements:
        if statement.expect is not None:
            yield Expected(Semantics.GROUNDED.value, statement.id, statement.expect, statement.span)
    for expectation in argument_map.expectations:
        spans = expectation.node_spans or (expectation.span,) * len(expectation.nodes)
        for node, span in zip(expectation.nodes, spans, strict=True):
            yield Expected(expectation.semantics, node, expectation.label, span)


def _labels(argument_map: ArgumentMap, semantics: str) -> tuple[dict[str, str], dict[str, str]]:
    evaluation = evaluate(argument_map, semantics)
    return evaluation.labels(), {v.node: v.reason for v in evaluation.verdicts}


def check_expected(argument_map: ArgumentMap) -> list[Diagnostic]:
    """An E401 for every node whose label differs from the one the map expects.

    Each semantics named is evaluated once. A semantics that cannot be evaluated (too many
    extensions) gives one E401 at its first expectation.
    """
    path = argument_map.path or "<string>"
    wanted = list(expected_outcomes(argument_map))
    found: list[Diagnostic] = []
    results: dict[str, tuple[dict[str, str], dict[str, str]] | None] = {}
    for expected in wanted:
        if expected.semantics not in results:
            try:
                results[expected.semantics] = _labels(argument_map, expected.semantics)
            except ArgmapError as problem:
                results[expected.semantics] = None
                found.append(
                    make(
                        "E401",
                        f"the map expects outcomes under {expected.semantics} semantics, "
                        f"which cannot be evaluated: {problem}",
                        expected.span,
                        path=path,
                        hint="expect outcomes under grounded semantics, which always has one "
                        "answer",
                    )
                )
        result = results[expected.semantics]
        if result is None:
            continue
        labels, reasons = result
        actual = labels.get(expected.node)
        if actual is None or actual == expected.label:
            continue  # an unknown id is the checker's E101
        found.append(
            make(
                "E401",
                f"'{expected.node}' is {actual.upper()} under {expected.semantics} semantics, "
                f"but the map expects {expected.label.upper()}: {reasons[expected.node]}",
                expected.span,
                path=path,
                hint=f"if the map is right, expect {actual}; 'argmap eval FILE --semantics "
                f"{expected.semantics}' explains every label",
            )
        )
    return found


def check_expected_text(text: str, path: str = "<string>") -> list[Diagnostic]:
    """The E401s of a map's source; nothing when it has errors or expects nothing."""
    argument_map, _ = parse_checked(text, path)
    if argument_map is None:
        return []
    return check_expected(argument_map)
