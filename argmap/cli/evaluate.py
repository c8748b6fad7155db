"""`argmap eval`: which claims of a map survive, and why."""

from __future__ import annotations

import sys

import click

from argmap.checking.pipeline import parse_checked
from argmap.checking.report import format_text as format_diagnostics
from argmap.cli.common import (
    EXIT_PROBLEMS,
    error,
    fail,
    parents_option,
    time_limit,
    timeout_option,
)
from argmap.diagnostics import Severity
from argmap.errors import ArgmapError
from argmap.evaluation.evaluate import SEMANTICS_NAMES, evaluate, format_text, to_json
from argmap.evaluation.evaluate import rank as rank_nodes
from argmap.evaluation.expected import check_expected as compare_expected
from argmap.evaluation.framework import dumps_framework, format_for
from argmap.evaluation.perspective import (
    ALL,
    format_reading,
    format_readings,
    read_as,
    read_as_each,
    readings_json,
)
from argmap.files import read_source, write_atomic
from argmap.language.printer import visible_controls


@click.command(name="eval")
@click.argument("file", type=click.Path())
@click.option(
    "--semantics",
    type=click.Choice(SEMANTICS_NAMES),
    default="grounded",
    show_default=True,
    help="Which semantics decides what stands.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to print the labels.",
)
@click.option(
    "--export-af",
    metavar="FILE.apx|.tgf|.af",
    type=click.Path(),
    help="Also write the map's abstract framework (format from the suffix).",
)
@click.option(
    "--rank",
    is_flag=True,
    help="Also rank every node by strength (h-categoriser, a gradual semantics).",
)
@click.option(
    "--as",
    "reader",
    metavar="SPEAKER|all",
    default=None,
    help="Read the map as one speaker does (its commitments, what it concedes, the relations "
    "it draws); 'all' prints one column per speaker.",
)
@click.option(
    "--check-expected",
    is_flag=True,
    help="Also compare the labels with the outcomes the map expects; exit 1 on a difference.",
)
@parents_option
@timeout_option
def evaluate_map(
    file: str,
    semantics: str,
    output_format: str,
    export_af: str | None,
    rank: bool,
    reader: str | None,
    check_expected: bool,
    parents: bool,
    timeout: float | None,
) -> None:
    """Label every statement and argument of a map IN, OUT or UNDEC, and say why.

    Where the semantics has several extensions they are listed, with the nodes accepted
    sceptically (in all) and credulously (in some). Exits 0 when evaluated, 1 when the map
    has errors, 2 for unreadable input.

    \b
    Examples:
      argmap eval maps/tokayev.arg
      argmap eval debate.arg --semantics preferred --format json
      argmap eval debate.arg --export-af debate.apx
      argmap eval debate.arg --rank
      argmap eval big.arg --semantics preferred --timeout 60
      argmap eval maps/tokayev.arg --as tokayev
      argmap eval maps/tokayev.arg --as all
      argmap eval maps/tokayev.arg --check-expected
    """
    try:
        with time_limit(timeout, f"evaluating {file}"):
            output, differences = _evaluate(
                file, semantics, output_format, export_af, rank, reader, check_expected, parents
            )
    except ArgmapError as problem:
        fail(problem)
    # Map text goes to a terminal: no control character of it may act there (JSON escapes them).
    click.echo(output if output_format == "json" else visible_controls(output), nl=False)
    if differences:
        report, count = differences
        click.echo(report, err=True)
        error(f"{file}: {count} outcome(s) differ from what the map expects")
        sys.exit(EXIT_PROBLEMS)


def _evaluate(
    file: str,
    semantics: str,
    output_format: str,
    export_af: str | None,
    rank: bool,
    reader: str | None = None,
    check_expected: bool = False,
    parents: bool = False,
) -> tuple[str, tuple[str, int] | None]:
    """The text `argmap eval` prints, and the report of the outcomes that differ from what
    the map expects (empty when none do, or when not asked); the framework written to
    `export_af` on the way."""
    text = read_source(file)
    argument_map, diagnostics = parse_checked(text, file)
    if argument_map is None:
        errors = [d for d in diagnostics if d.severity is Severity.ERROR]
        click.echo(format_diagnostics(errors, {file: text}, False), err=True)
        error(f"{file} has errors; fix them before evaluating")
        sys.exit(EXIT_PROBLEMS)
    export_format = format_for(export_af) if export_af else None
    evaluation = evaluate(argument_map, semantics)
    if export_af and export_format:
        framework = dumps_framework(evaluation.framework, export_format)
        write_atomic(export_af, framework, inputs=[file], parents=parents)
    differences = None
    if check_expected:
        found = compare_expected(argument_map)
        if found:
            differences = (format_diagnostics(found, {file: text}, False), len(found))
    if reader == ALL:
        readings = read_as_each(argument_map, semantics)
        if output_format == "json":
            return readings_json(evaluation, readings, argument_map), differences
        return format_readings(evaluation, readings, argument_map), differences
    if reader is not None:
        reading = read_as(argument_map, reader, semantics)
        if output_format == "json":
            ranked = rank_nodes(reading.argument_map) if rank else None
            document = to_json(
                reading.evaluation,
                reading.argument_map,
                ranked,
                reader=reading.speaker,
                left_out=reading.left_out,
            )
            return document, differences
        return format_reading(reading, argument_map), differences
    ranking = rank_nodes(argument_map) if rank else None
    if output_format == "json":
        return to_json(evaluation, argument_map, ranking), differences
    return format_text(evaluation, argument_map, ranking), differences
