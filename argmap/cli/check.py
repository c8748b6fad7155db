"""`argmap check`: diagnostics for maps, for people (text with carets) and machines (JSON)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from argmap.checking.batch import CheckedFile, MapCheck, check_files, check_source
from argmap.checking.cache import ResultCache
from argmap.checking.report import (
    format_github,
    format_json,
    format_sarif,
    format_text,
    summary,
)
from argmap.cli.common import (
    EXIT_INPUT,
    EXIT_PROBLEMS,
    echoed,
    error,
    expand_paths,
    split_codes,
)
from argmap.cli.fast import record
from argmap.diagnostics import CODES, Diagnostic, Severity, apply_policy, suggest_code
from argmap.errors import ArgmapError
from argmap.files import MAX_SOURCE_BYTES, decode_source
from argmap.model import ArgumentMap

# The results cache keeps a check without the expected outcomes (--no-expected) apart.
STRUCTURE_ONLY = "no-expected"


def expected_outcomes(argument_map: ArgumentMap) -> list[Diagnostic]:
    """The E401s of a map without errors; a map that expects nothing loads no evaluation."""
    if not argument_map.expectations and all(s.expect is None for s in argument_map.statements):
        return []
    # Imported here: most maps expect nothing, and a map found in the results cache needs
    # neither the evaluation nor the parser (`argmap check` starts in a fraction of the time).
    from argmap.evaluation.expected import check_expected

    return check_expected(argument_map)


def through_items(text: str, path: str, extra: MapCheck | None) -> list[Diagnostic]:
    """A file the results cache does not hold: re-parse only the items its last check lacks."""
    # Imported here: a file found in the results cache needs neither the parser nor this.
    from argmap.lsp.incremental import recheck

    return recheck(text, path, extra)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github", "sarif"]),
    default="text",
    show_default=True,
    help="How to print the diagnostics: text for people, json, github (workflow annotations) "
    "or sarif (SARIF 2.1.0, for code scanning).",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Report only these codes or prefixes (comma-separated, e.g. E1,W203).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODES",
    help="Do not report these codes or prefixes (comma-separated).",
)
@click.option(
    "--color/--no-color", default=None, help="Colour the output (default: only on a terminal)."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Check files in N processes; 0 uses every core. The output is the same.",
)
@click.option(
    "--expected/--no-expected",
    default=True,
    show_default=True,
    help="Also evaluate the outcomes a map expects (expect blocks, (expect: ...)); E401 for "
    "each difference.",
)
@click.option(
    "--stdin-filename",
    metavar="NAME",
    help="The name of the map read from standard input ('-') in messages.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Check every file afresh: neither read nor write the results cache "
    "(~/.cache/argmap, or $ARGMAP_CACHE_DIR).",
)
def check(
    paths: tuple[str, ...],
    output_format: str,
    strict: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    color: bool | None,
    jobs: int,
    expected: bool,
    stdin_filename: str | None,
    no_cache: bool,
) -> None:
    """Check the structure of maps: FILES or DIRECTORIES of .arg files.

    Prints `path:line:col: CODE message` with the source line and a caret. Exits 0 when
    there are no errors, 1 when problems were found, 2 for unreadable input. A path `-`
    reads the map from standard input.

    \b
    Examples:
      argmap check maps/tokayev.arg
      argmap check maps/ --strict --ignore I
      argmap check debate.arg --format json
      argmap check maps/ -j 0
      argmap check maps/ --no-cache
      argmap check - --stdin-filename debate.arg < debate.arg
      argmap check maps/ --format sarif > argmap.sarif
    """

    selected, ignored = split_codes(select), split_codes(ignore)
    for code in (*selected, *ignored):
        if not any(known.startswith(code) for known in CODES):
            guess = suggest_code(code)
            fix = f"; did you mean {guess}?" if guess else "; 'argmap codes' lists them"
            raise click.BadParameter(
                f"no diagnostic code starts with '{code}'{fix}", param_hint="--select/--ignore"
            )
    if stdin_filename is not None and "-" not in paths:
        raise click.BadParameter("only with '-' (standard input) among the paths")
    files = expand_paths(tuple(p for p in paths if p != "-"))
    if not files and "-" not in paths:
        error("no .arg files found in " + ", ".join(paths))
        sys.exit(EXIT_INPUT)
    # A folder with no map in it among other paths: most likely the wrong folder.
    empty_folders = [p for p in paths if p != "-" and _no_maps(p)]
    for folder in empty_folders:
        error(f"{folder}: this folder holds no .arg file; name the maps or their folder")
    sources: dict[str, str] = {}
    diagnostics: list[Diagnostic] = []
    unreadable = 0
    cache = None if no_cache else ResultCache()
    extra = expected_outcomes if expected else None
    variant = "" if expected else STRUCTURE_ONLY
    results = list(check_files(files, jobs, cache, extra, variant, through_items)) if files else []
    if "-" in paths:
        results.append(_stdin(stdin_filename, extra))
    for name, text, found, problem in results:
        if problem is not None:
            error(f"{problem}")
            unreadable += 1
            continue
        sources[name] = text
        diagnostics.extend(apply_policy(found, select=selected, ignore=ignored, strict=strict))
    # Each piece of the output with the colour click.echo is told (None: only on a terminal).
    pieces: list[tuple[str, bool | None]] = []
    if output_format == "json":
        pieces.append((format_json(diagnostics, list(sources)), None))
    elif output_format == "github":
        if diagnostics:
            pieces.append((format_github(diagnostics), None))
    elif output_format == "sarif":
        pieces.append((format_sarif(diagnostics), None))
    else:
        colour = sys.stdout.isatty() if color is None else color
        if diagnostics:
            # color=: click strips escape codes from non-terminals unless told not to.
            pieces.append((format_text(diagnostics, sources, colour), colour))
            pieces.append(("", colour))
        pieces.append((summary(diagnostics, len(sources), unreadable, len(empty_folders)), None))
    for message, colouring in pieces:
        click.echo(message, color=colouring)
    if unreadable or empty_folders:
        sys.exit(EXIT_INPUT)
    status = EXIT_PROBLEMS if any(d.severity is Severity.ERROR for d in diagnostics) else 0
    if not no_cache and len(results) == 1 and list(paths) == files:
        # The run, for `argmap check` to replay before loading anything (argmap/cli/fast.py).
        record("check", files[0], results[0].text, status, stdout=echoed(pieces, sys.stdout))
    if status:
        sys.exit(status)


def _no_maps(path: str) -> bool:
    """Whether `path` is a folder with no .arg file anywhere under it."""
    folder = Path(path)
    return folder.is_dir() and not any(p.is_file() for p in folder.rglob("*.arg"))


def _stdin(name: str | None, extra: MapCheck | None) -> CheckedFile:
    """Standard input checked as one map (at most the size a file may have)."""
    name = name or "<stdin>"
    data = sys.stdin.buffer.read(MAX_SOURCE_BYTES + 1)
    if len(data) > MAX_SOURCE_BYTES:
        limit = MAX_SOURCE_BYTES // 1024 // 1024
        return CheckedFile(name, "", [], f"{name}: maps larger than {limit} MiB are refused")
    try:
        text = decode_source(data, name)
    except ArgmapError as problem:
        return CheckedFile(name, "", [], str(problem))
    return CheckedFile(name, text, check_source(text, name, extra), None)
