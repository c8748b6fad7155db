"""`argmap af solve`: the ICCMA tasks on abstract frameworks (no parser, no Lark at start-up)."""

from __future__ import annotations

import sys

import click

from argmap.cli.common import fail, time_limit, timeout_option
from argmap.errors import ArgmapError
from argmap.evaluation.framework import FORMATS as FRAMEWORK_FORMATS
from argmap.evaluation.framework import format_for, load_framework
from argmap.evaluation.semantics import stream_answer


@click.group(name="af")
def abstract_framework() -> None:
    """Abstract argumentation frameworks: the ICCMA tasks on .apx, .tgf and .af files."""


@abstract_framework.command(name="solve")
@click.option(
    "-p",
    "task",
    required=True,
    metavar="TASK",
    help="DC, DS, SE or EE, a dash, and CO, GR, PR, ST, SST, STG or ID (e.g. EE-PR).",
)
@click.option("-f", "file", required=True, type=click.Path(), help="The framework file.")
@click.option("-a", "argument", default=None, metavar="ARG", help="The query argument (DC and DS).")
@click.option(
    "--fo",
    "file_format",
    type=click.Choice(FRAMEWORK_FORMATS),
    default=None,
    help="The file's format (default: from its suffix: .apx, .tgf, .af).",
)
@timeout_option
def solve_framework(
    task: str, file: str, argument: str | None, file_format: str | None, timeout: float | None
) -> None:
    """Answer an ICCMA task on a framework file, printed as an ICCMA solver prints it.

    For .apx and .tgf files the answer has the ICCMA 2019/2021 form (YES, NO, [a,b],
    [[a,b],[c]]); for ICCMA 2023 files (.af) the 2023 form (YES/NO with a `w` certificate
    line, `w a b` per extension).

    \b
    Examples:
      argmap af solve -p EE-PR -f traffic1.apx
      argmap af solve -p DC-ST -f graph.af -a 3
      argmap af solve -p EE-PR -f big.apx --timeout 60
    """

    with time_limit(timeout, f"task {task}"):
        try:
            chosen = file_format or format_for(file)
            framework = load_framework(file, chosen)
            style = "iccma23" if chosen == "i23" else "iccma19"
            # EE prints each extension as the solver finds it.
            for piece in stream_answer(framework, task, argument, style):
                sys.stdout.write(piece)
                sys.stdout.flush()
        except ArgmapError as problem:
            fail(problem)
