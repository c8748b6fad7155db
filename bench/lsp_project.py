"""Cost of find references and rename across the files of a project (docs/editors.md).

Writes a project to a temporary folder: `charter.arg` with 200 statements, and N-1 maps that
import it (every other one under a name, `import "charter.arg" as c`), each with 20 statements
of its own that refer to the charter's. Then prints the median CPU time (user + system, of
this process) of what one references request and one rename request cost the server: reading
and analysing the project's files, and finding every place of one charter id.

    python bench/lsp_project.py                 # N = 10, 100 and 400
    python bench/lsp_project.py --files 50 --runs 5
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
from pathlib import Path

from argmap.errors import ArgmapError
from argmap.files import read_source
from argmap.language.parser import load_grammar
from argmap.lsp.incremental import Analysis, Analyzer
from argmap.lsp.index import FileView, Kind, Project

CHARTER_STATEMENTS = 200
OWN_STATEMENTS = 20


def write_project(folder: Path, files: int) -> None:
    charter = [f'statement s{n}: "Charter statement {n}."' for n in range(CHARTER_STATEMENTS)]
    (folder / "charter.arg").write_text("\n".join(charter) + "\n", encoding="utf-8")
    for number in range(1, files):
        named = number % 2 == 0
        lines = ['import "charter.arg" as c' if named else 'import "charter.arg"']
        lines.append(f'thesis t{number}: "Thesis {number}."')
        for own in range(OWN_STATEMENTS):
            lines.append(f'claim m{own}: "Claim {own} of map {number}."')
            lines.append(f"m{own} supports t{number}")
        prefix = "c." if named else ""
        lines.append(f"{prefix}s{number % CHARTER_STATEMENTS} supports t{number}")
        lines.append(f"{prefix}s0 supports t{number}")
        (folder / f"map{number:04d}.arg").write_text("\n".join(lines) + "\n", encoding="utf-8")


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def project(root: Path, cache: dict[Path, tuple[str, FileView]] | None = None) -> Project:
    def analyse(path: Path, text: str) -> Analysis:
        return Analyzer(str(path)).analyse(text)

    def read(path: Path) -> str | None:
        try:
            return read_source(path)
        except ArgmapError:
            return None

    return Project(root, {}, analyse, read, cache)


def measure(files: int, runs: int) -> tuple[float, float, float, int]:
    with tempfile.TemporaryDirectory() as name:
        root = Path(name).resolve()
        write_project(root, files)
        charter = root / "charter.arg"
        references, renames, again, found = [], [], [], 0
        for _ in range(runs):
            start = cpu()
            found = len(project(root).places(charter, Kind.NODE, "s0"))
            references.append((cpu() - start) * 1000)
            start = cpu()
            problem = project(root).rename_problem(charter, Kind.NODE, "s0", "renamed")
            renames.append((cpu() - start) * 1000)
            assert problem is None, problem
            cache: dict[Path, tuple[str, FileView]] = {}
            project(root, cache).places(charter, Kind.NODE, "s0")
            start = cpu()
            assert len(project(root, cache).places(charter, Kind.NODE, "s0")) == found
            again.append((cpu() - start) * 1000)
        return (
            statistics.median(references),
            statistics.median(renames),
            statistics.median(again),
            found,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, action="append", help="files in the project")
    parser.add_argument("--runs", type=int, default=5, help="requests per figure (median)")
    options = parser.parse_args()
    load_grammar()
    print("files  places  references (ms CPU)  rename (ms CPU)  references again (ms CPU)")
    for files in options.files or [10, 100, 400]:
        references, rename, again, found = measure(files, options.runs)
        print(f"{files:5d}  {found:6d}  {references:19.1f}  {rename:15.1f}  {again:25.1f}")


if __name__ == "__main__":
    main()
