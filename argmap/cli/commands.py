"""The `argmap` command: a thin click layer that turns the Python API into exit codes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from argmap.errors import ArgmapError
from argmap.interchange import formats
from argmap.version import __version__

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic

# Exit codes: 0 fine, 1 problems found in a map, 2 usage or unreadable input.
EXIT_OK, EXIT_PROBLEMS, EXIT_INPUT = 0, 1, 2


def fail(error: ArgmapError) -> NoReturn:
    """Print an ArgmapError as one message and exit with its code."""
    click.echo(f"argmap: error: {error}", err=True)
    sys.exit(error.exit_code)


def expand_paths(paths: tuple[str, ...]) -> list[str]:
    """Files as given; directories become the .arg files under them, in sorted order."""
    files: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(str(p) for p in sorted(path.rglob("*.arg")) if p.is_file())
        else:
            files.append(name)
    return files


def split_codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(
        code.strip().upper() for value in values for code in value.split(",") if code.strip()
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="argmap")
def main() -> None:
    """argmap: check, evaluate and render argument maps written in .arg files.

    \b
    Examples:
      argmap check maps/tokayev.arg
      argmap explain E106
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to print the diagnostics.",
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
def check(
    paths: tuple[str, ...],
    output_format: str,
    strict: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    color: bool | None,
    jobs: int,
) -> None:
    """Check the structure of maps: FILES or DIRECTORIES of .arg files.

    Prints `path:line:col: CODE message` with the source line and a caret. Exits 0 when
    there are no errors, 1 when problems were found, 2 for unreadable input.

    \b
    Examples:
      argmap check maps/tokayev.arg
      argmap check maps/ --strict --ignore I
      argmap check debate.arg --format json
      argmap check maps/ -j 0
    """
    from argmap.checking.batch import check_files
    from argmap.checking.report import format_json, format_text, summary
    from argmap.diagnostics import CODES, Severity, apply_policy

    selected, ignored = split_codes(select), split_codes(ignore)
    for code in (*selected, *ignored):
        if not any(known.startswith(code) for known in CODES):
            raise click.BadParameter(
                f"no diagnostic code starts with '{code}'", param_hint="--select/--ignore"
            )
    files = expand_paths(paths)
    if not files:
        click.echo("argmap: error: no .arg files found in " + ", ".join(paths), err=True)
        sys.exit(EXIT_INPUT)
    sources: dict[str, str] = {}
    diagnostics: list[Diagnostic] = []
    unreadable = False
    for name, text, found, problem in check_files(files, jobs):
        if problem is not None:
            click.echo(f"argmap: error: {problem}", err=True)
            unreadable = True
            continue
        sources[name] = text
        diagnostics.extend(apply_policy(found, select=selected, ignore=ignored, strict=strict))
    if output_format == "json":
        click.echo(format_json(diagnostics, list(sources)))
    else:
        colour = sys.stdout.isatty() if color is None else color
        if diagnostics:
            # color=: click strips escape codes from non-terminals unless told not to.
            click.echo(format_text(diagnostics, sources, colour), color=colour)
            click.echo()
        click.echo(summary(diagnostics, len(sources)))
    if unreadable:
        sys.exit(EXIT_INPUT)
    if any(d.severity is Severity.ERROR for d in diagnostics):
        sys.exit(EXIT_PROBLEMS)


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Explain a diagnostic CODE, with an example that produces it.

    \b
    Example:
      argmap explain W203
    """
    from argmap.diagnostics import CODES, did_you_mean

    entry = CODES.get(code.upper())
    if entry is None:
        guess = did_you_mean(code.upper(), list(CODES))
        hint = f"; did you mean {guess}?" if guess else "; 'argmap codes' lists them"
        click.echo(f"argmap: error: no diagnostic code '{code}'{hint}", err=True)
        sys.exit(EXIT_INPUT)
    click.echo(f"{entry.code} ({entry.severity.value}): {entry.title}\n")
    click.echo(click.wrap_text(entry.explanation, width=78) + "\n")
    click.echo("Example:\n")
    example = entry.example
    if len(example) > 600:
        example = example[:600] + "...\n"
    click.echo("".join("    " + line + "\n" for line in example.rstrip("\n").split("\n")))


@main.command(name="codes")
@click.option("--markdown", is_flag=True, help="Print docs/diagnostics.md instead.")
def list_codes(markdown: bool) -> None:
    """List every diagnostic code with its severity and title.

    \b
    Examples:
      argmap codes
      argmap codes --markdown > docs/diagnostics.md
    """
    from argmap.diagnostics import CODES

    if markdown:
        from argmap.checking.report import codes_markdown

        click.echo(codes_markdown(), nl=False)
        return
    for entry in CODES.values():
        click.echo(f"{entry.code}  {entry.severity.value:<7}  {entry.title}")


@main.command()
@click.argument("scheme", required=False)
def schemes(scheme: str | None) -> None:
    """List the argumentation schemes, or show one SCHEME with its critical questions.

    \b
    Examples:
      argmap schemes
      argmap schemes expert_opinion
    """
    from argmap.diagnostics import did_you_mean
    from argmap.language.schemes import catalogue

    known = catalogue()
    if scheme is None:
        for entry in known.values():
            click.echo(f"{entry.id:<26} {entry.name}")
        return
    found = known.get(scheme)
    if found is None:
        guess = did_you_mean(scheme, list(known))
        hint = f"; did you mean '{guess}'?" if guess else "; 'argmap schemes' lists them"
        click.echo(f"argmap: error: no scheme '{scheme}'{hint}", err=True)
        sys.exit(EXIT_INPUT)
    click.echo(f"{found.name} ({found.id})\n")
    click.echo(click.wrap_text(found.description, width=78) + "\n")
    click.echo("Critical questions:")
    for question in found.critical_questions:
        click.echo(f"  {question.id}: {question.text}")


@main.command(name="fmt")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Change nothing; exit 1 if any file would be reformatted.",
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Change nothing; print a unified diff of what would change.",
)
def fmt(paths: tuple[str, ...], check_only: bool, show_diff: bool) -> None:
    """Format .arg FILES or DIRECTORIES in place: canonical indentation and spacing.

    Keeps every comment and the outline structure; formatting twice changes nothing. Exits 0
    when all is formatted, 1 with --check or --diff when a file would change, 2 when a file
    cannot be read or does not parse.

    \b
    Examples:
      argmap fmt maps/
      argmap fmt --check maps/
      argmap fmt --diff debate.arg
    """
    from argmap.checking.report import format_text as format_diagnostics
    from argmap.errors import MapError
    from argmap.files import read_source, write_atomic
    from argmap.language.formatter import format_text, unified_diff

    files = expand_paths(paths)
    if not files:
        click.echo("argmap: error: no .arg files found in " + ", ".join(paths), err=True)
        sys.exit(EXIT_INPUT)
    changed: list[str] = []
    failed = False
    for name in files:
        try:
            before = read_source(name)
        except ArgmapError as error:
            click.echo(f"argmap: error: {error}", err=True)
            failed = True
            continue
        try:
            after = format_text(before, name)
        except MapError as error:
            click.echo(format_diagnostics(error.diagnostics, {name: before}, False), err=True)
            click.echo(f"argmap: error: {name}: not formatted, it does not parse", err=True)
            failed = True
            continue
        except ArgmapError as error:
            click.echo(f"argmap: error: {error}", err=True)
            failed = True
            continue
        if after == before:
            continue
        changed.append(name)
        if show_diff:
            click.echo(unified_diff(before, after, name), nl=False)
        elif check_only:
            click.echo(f"would reformat {name}")
        else:
            try:
                write_atomic(name, after)
            except ArgmapError as error:
                click.echo(f"argmap: error: {error}", err=True)
                failed = True
                continue
            click.echo(f"reformatted {name}")
    if failed:
        sys.exit(EXIT_INPUT)
    if changed and (check_only or show_diff):
        sys.exit(EXIT_PROBLEMS)


@main.command(name="convert")
@click.argument("source", type=click.Path())
@click.option(
    "-o",
    "--output",
    "target",
    required=True,
    type=click.Path(),
    help="The file to write (replaced atomically; never left half-written); "
    "- for standard output, with --to.",
)
@click.option(
    "--from",
    "source_format",
    type=click.Choice(formats.names(formats.CONVERT, readable=True)),
    help="Input format (default: from the extension: "
    + formats.suffix_list(formats.CONVERT, readable=True)
    + "; a .json file is argmap's JSON model when it says so, else AIF).",
)
@click.option(
    "--to",
    "target_format",
    type=click.Choice(formats.names(formats.CONVERT, writable=True)),
    help="Output format (default: from the extension: "
    + formats.suffix_list(formats.CONVERT, writable=True)
    + "; .json needs --to).",
)
def convert_command(
    source: str, target: str, source_format: str | None, target_format: str | None
) -> None:
    """Convert a map between .arg, AIF JSON, microtext XML, Argdown and argmap's JSON model.

    Prints a warning for everything the target format cannot hold. Exits 0 on success, 2 on
    unreadable or malformed input (and then writes nothing).

    \b
    Examples:
      argmap convert nodeset105.json -o nodeset105.arg
      argmap convert micro_b001.xml -o micro_b001.arg
      argmap convert debate.arg -o debate.argdown
      argmap convert debate.arg -o debate.json --to aif
    """
    from argmap.checking.report import format_text as format_diagnostics
    from argmap.errors import MapError
    from argmap.interchange.convert import convert, convert_file

    try:
        if target == "-":
            if target_format is None:
                raise click.UsageError("with -o - (standard output) give the format with --to")
            text, warnings = convert_file(source, target_format, source_format)
        else:
            warnings = convert(source, target, source_format, target_format)
    except MapError as error:
        from argmap.files import read_source

        click.echo(
            format_diagnostics(error.diagnostics, {source: read_source(source)}, False), err=True
        )
        click.echo(f"argmap: error: {source}: not converted, it does not parse", err=True)
        sys.exit(EXIT_INPUT)
    except ArgmapError as error:
        fail(error)
    for warning in warnings:
        click.echo(f"argmap: {warning}", err=True)
    if target == "-":
        click.echo(text, nl=False)
    else:
        click.echo(f"wrote {target}")


# --- argmap render (issue 3) ---------------------------------------------------------------


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", metavar="OUT", help="Output file, or '-' for standard output.")
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Write each map into DIR as NAME.FORMAT (for several files).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(formats.names(formats.RENDER)),
    help="Output format [default: the output's extension, else svg].",
)
@click.option(
    "--rankdir",
    type=click.Choice(["BT", "TB", "LR", "RL"]),
    default="BT",
    show_default=True,
    help="Direction of support; BT puts conclusions on top.",
)
@click.option("--legend", is_flag=True, help="Add a legend of roles, edges and speakers.")
@click.option(
    "--theme",
    type=click.Choice(["colour", "mono"]),
    default="colour",
    show_default=True,
    help="colour, or mono for greyscale print.",
)
@click.option("--show-ids", is_flag=True, help="Show each node's id.")
@click.option("--show-tags", is_flag=True, help="Show tags on nodes, edges and groups.")
@click.option("--focus", metavar="ID", help="Draw only ID and everything that bears on it.")
@click.option("--watch", is_flag=True, help="Render again whenever a map file is saved.")
@click.option("--watch-iterations", type=int, default=None, hidden=True)
@click.option(
    "--eval",
    "eval_semantics",
    metavar="SEMANTICS",
    type=click.Choice(
        ["grounded", "complete", "preferred", "stable", "semi-stable", "ideal", "stage"]
    ),
    help="Colour each node by its label (IN, OUT, UNDEC) under SEMANTICS.",
)
def render(
    files: tuple[str, ...],
    output: str | None,
    out_dir: str | None,
    output_format: str | None,
    rankdir: str,
    legend: bool,
    theme: str,
    show_ids: bool,
    show_tags: bool,
    focus: str | None,
    watch: bool,
    watch_iterations: int | None,
    eval_semantics: str | None,
) -> None:
    """Draw maps as SVG, PNG, PDF, DOT, JSON, a standalone HTML page, Mermaid or GraphML.

    Each map is checked first: errors stop its render (exit 1), warnings are printed and the
    render goes on. The format defaults to the output file's extension; `-o -` writes to
    standard output; without -o, map.arg becomes map.svg beside it (or in --out-dir).

    \b
    Examples:
      argmap render maps/tokayev.arg -o tokayev.svg
      argmap render maps/*.arg --out-dir build --format pdf --legend
      argmap render debate.arg -o - --format dot | less
      argmap render debate.arg --eval preferred -o debate.svg
    """
    import contextlib
    import time

    from argmap.checking.report import format_text
    from argmap.errors import GraphvizNotFound
    from argmap.interchange.jobs import Job, plan_jobs, run_job
    from argmap.rendering.dot import RenderOptions
    from argmap.rendering.graphviz import watch as watch_sources

    def render_one(job: Job) -> int:
        """Render one map and print its diagnostics; return its exit code."""
        result = run_job(job, options, eval_semantics)
        if result.problems:
            sources = {str(job.source): result.source}
            text = format_text(result.problems, sources, sys.stderr.isatty())
            click.echo(text + "\n", err=True)
        if result.data is None:
            click.echo(f"argmap: error: {job.source}: the map has errors; not rendered", err=True)
            return EXIT_PROBLEMS
        if job.output is None:
            stdout = click.get_binary_stream("stdout")
            stdout.write(result.data)
            stdout.flush()
        elif watch:
            click.echo(f"{time.strftime('%H:%M:%S')} wrote {job.output}", err=True)
        return EXIT_OK

    try:
        options = RenderOptions(
            theme=theme,
            rankdir=rankdir,
            legend=legend,
            show_ids=show_ids,
            show_tags=show_tags,
            focus=focus,
        )
        jobs = plan_jobs(expand_paths(files), output, out_dir, output_format)
    except ArgmapError as error:
        fail(error)
    if watch:
        by_source = {job.source: job for job in jobs}

        def on_change(source: Path) -> None:
            try:
                render_one(by_source[source])
            except GraphvizNotFound as error:
                fail(error)
            except ArgmapError as error:  # a bad save is reported; the watch goes on
                click.echo(f"argmap: error: {error}", err=True)

        click.echo("argmap: watching for changes; press Ctrl-C to stop", err=True)
        with contextlib.suppress(KeyboardInterrupt):
            watch_sources(list(by_source), on_change, max_polls=watch_iterations)
        return
    status = EXIT_OK
    for job in jobs:
        try:
            status = max(status, render_one(job))
        except GraphvizNotFound as error:
            fail(error)
        except ArgmapError as error:
            click.echo(f"argmap: error: {error}", err=True)
            status = max(status, error.exit_code)
    sys.exit(status)


@main.command()
@click.argument("document", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Write the document here (default: standard output).",
)
@click.option(
    "--inline",
    is_flag=True,
    help="Put each map's SVG in the document instead of linking an SVG file.",
)
@click.option(
    "--keep-going",
    is_flag=True,
    help="Write the document even when a map has errors (they replace the map).",
)
@click.option(
    "--to",
    "to",
    type=click.Choice(formats.names(formats.EMBED)),
    default="svg",
    show_default=True,
    help="svg: a picture per map (Graphviz); mermaid: a ```mermaid block per map, "
    "which GitHub and GitLab draw.",
)
def embed(document: Path, output: Path | None, inline: bool, keep_going: bool, to: str) -> None:
    """Replace each ```argmap block of a Markdown DOCUMENT by its rendered map.

    Everything else is kept byte for byte. Linked SVG files are written beside the output
    (or into the current directory when the document goes to standard output). A block
    with errors is reported with the document's own line numbers; the command then writes
    nothing and exits 1, unless --keep-going.

    \b
    Examples:
      argmap embed report.md -o build/report.md
      argmap embed notes.md --inline --keep-going > notes.html.md
      argmap embed README.src.md --to mermaid -o README.md
    """
    from argmap.embed.document import embed_file

    try:
        embedded = embed_file(document, output, inline=inline, keep_going=keep_going, to=to)
    except ArgmapError as error:
        fail(error)
        return
    report = embedded.report()
    if report:
        click.echo(report, err=True)
    if embedded.failed and not keep_going:
        sys.exit(EXIT_PROBLEMS)
    if output is None:
        click.get_binary_stream("stdout").write(embedded.text.encode("utf-8"))


# --- evaluation and abstract frameworks (issue 5) ---------------------------------------------

SEMANTICS_NAMES = ["grounded", "complete", "preferred", "stable", "semi-stable", "ideal", "stage"]


@main.command(name="eval")
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
def evaluate_map(
    file: str, semantics: str, output_format: str, export_af: str | None, rank: bool
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
    """
    from argmap.checking.pipeline import parse_checked
    from argmap.checking.report import format_text as format_diagnostics
    from argmap.diagnostics import Severity
    from argmap.evaluation.evaluate import evaluate, format_text, to_json
    from argmap.evaluation.evaluate import rank as rank_nodes
    from argmap.evaluation.framework import dumps_framework, format_for
    from argmap.files import read_source, write_atomic

    try:
        text = read_source(file)
        argument_map, diagnostics = parse_checked(text, file)
        if argument_map is None:
            errors = [d for d in diagnostics if d.severity is Severity.ERROR]
            click.echo(format_diagnostics(errors, {file: text}, False), err=True)
            click.echo(f"argmap: error: {file} has errors; fix them before evaluating", err=True)
            sys.exit(EXIT_PROBLEMS)
        export_format = format_for(export_af) if export_af else None
        evaluation = evaluate(argument_map, semantics)
        if export_af and export_format:
            write_atomic(export_af, dumps_framework(evaluation.framework, export_format))
    except ArgmapError as error:
        fail(error)
    ranking = rank_nodes(argument_map) if rank else None
    if output_format == "json":
        click.echo(to_json(evaluation, argument_map, ranking), nl=False)
    else:
        click.echo(format_text(evaluation, argument_map, ranking), nl=False)


@main.group(name="af")
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
    type=click.Choice(["apx", "tgf", "i23"]),
    default=None,
    help="The file's format (default: from its suffix: .apx, .tgf, .af).",
)
def solve_framework(task: str, file: str, argument: str | None, file_format: str | None) -> None:
    """Answer an ICCMA task on a framework file, printed as an ICCMA solver prints it.

    For .apx and .tgf files the answer has the ICCMA 2019/2021 form (YES, NO, [a,b],
    [[a,b],[c]]); for ICCMA 2023 files (.af) the 2023 form (YES/NO with a `w` certificate
    line, `w a b` per extension).

    \b
    Examples:
      argmap af solve -p EE-PR -f traffic1.apx
      argmap af solve -p DC-ST -f graph.af -a 3
    """
    from argmap.evaluation.framework import format_for, load_framework
    from argmap.evaluation.semantics import format_answer, solve_task

    try:
        chosen = file_format or format_for(file)
        framework = load_framework(file, chosen)
        answer = solve_task(framework, task, argument)
    except ArgmapError as error:
        fail(error)
    click.echo(format_answer(answer, "iccma23" if chosen == "i23" else "iccma19"), nl=False)
