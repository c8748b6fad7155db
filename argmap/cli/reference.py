"""`argmap explain`, `argmap codes` and `argmap schemes`: the reference built into the tool."""

from __future__ import annotations

import sys

import click

from argmap.checking.report import codes_markdown
from argmap.cli.common import EXIT_INPUT, error
from argmap.diagnostics import CODES, did_you_mean, suggest_code
from argmap.language.schemes import catalogue


@click.command()
@click.argument("code")
def explain(code: str) -> None:
    """Explain a diagnostic CODE, with an example that produces it.

    \b
    Example:
      argmap explain W203
    """

    entry = CODES.get(code.upper())
    if entry is None:
        guess = suggest_code(code)
        hint = f"; did you mean {guess}?" if guess else "; 'argmap codes' lists them"
        error(f"no diagnostic code '{code}'{hint}")
        sys.exit(EXIT_INPUT)
    click.echo(f"{entry.code} ({entry.severity.value}): {entry.title}\n")
    click.echo(click.wrap_text(entry.explanation, width=78) + "\n")
    click.echo("Example:\n")
    example = entry.example
    if len(example) > 600:
        example = example[:600] + "...\n"
    click.echo("".join("    " + line + "\n" for line in example.rstrip("\n").split("\n")))


@click.command(name="codes")
@click.option("--markdown", is_flag=True, help="Print docs/diagnostics.md instead.")
def list_codes(markdown: bool) -> None:
    """List every diagnostic code with its severity and title.

    \b
    Examples:
      argmap codes
      argmap codes --markdown > docs/diagnostics.md
    """

    if markdown:
        click.echo(codes_markdown(), nl=False)
        return
    for entry in CODES.values():
        click.echo(f"{entry.code}  {entry.severity.value:<7}  {entry.title}")


@click.command()
@click.argument("scheme", required=False)
def schemes(scheme: str | None) -> None:
    """List the argumentation schemes, or show one SCHEME with its critical questions.

    \b
    Examples:
      argmap schemes
      argmap schemes expert_opinion
    """

    known = catalogue()
    if scheme is None:
        for entry in known.values():
            click.echo(f"{entry.id:<26} {entry.name}")
        return
    found = known.get(scheme)
    if found is None:
        guess = did_you_mean(scheme, list(known))
        hint = f"; did you mean '{guess}'?" if guess else "; 'argmap schemes' lists them"
        error(f"no scheme '{scheme}'{hint}")
        sys.exit(EXIT_INPUT)
    click.echo(f"{found.name} ({found.id})\n")
    click.echo(click.wrap_text(found.description, width=78) + "\n")
    click.echo("Critical questions:")
    for question in found.critical_questions:
        click.echo(f"  {question.id}: {question.text}")
