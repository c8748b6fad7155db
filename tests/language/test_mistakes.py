"""The catalogue of mistakes: each file in tests/language/mistakes/ gets the message it names.

Each catalogue file starts with five comment lines, then the map with the mistake:

    // mistake: what a newcomer did
    // expect: CODE line:column       (the first error, else warning, else note)
    // message: the exact message
    // hint: the exact hint, or (none)
    // helpful: yes | no              (could a newcomer act on it alone?)

A message is marked helpful when a newcomer could act on it alone, by these criteria:
- the place is right: the line and column are where the fix goes (the test below holds the
  exact place, so a message that points elsewhere fails);
- it names the mistake in the writer's terms (not only "unexpected token");
- it says the fix: the hint (or the message) gives the edit to make: the rewritten line, the
  nearest name ("did you mean"), the column to line up with, or the values allowed.
A helpful entry must have a hint, which a test checks; whether it says the fix is judged by
reading it, and the mark is then held by the test.

Files are read as `argmap check` reads them (a byte-order mark dropped, Windows line endings
made plain), so the catalogue can hold files saved the ways editors save them. Paths in
messages are written relative to the repository. Run this module to print the size of the
catalogue and the share of helpful messages: `python -m tests.language.test_mistakes`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from argmap.checking.pipeline import check_text
from argmap.checking.report import format_text
from argmap.diagnostics import Diagnostic, Severity
from argmap.files import read_source
from tests.conftest import REPO

CATALOGUE = REPO / "tests" / "language" / "mistakes"
FILES = sorted(CATALOGUE.glob("*.arg"))
_HEADER = re.compile(
    r"// mistake: (?P<mistake>.+)\n"
    r"// expect: (?P<code>[EWI]\d{3}) (?P<line>\d+):(?P<column>\d+)\n"
    r"// message: (?P<message>.+)\n"
    r"// hint: (?P<hint>.+)\n"
    r"// helpful: (?P<helpful>yes|no)\n"
)
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def expectation(path: Path) -> dict[str, str]:
    header = _HEADER.match(read_source(path))
    assert header is not None, f"{path.name}: the five header lines are missing or malformed"
    return header.groupdict()


def first_problem(path: Path) -> Diagnostic:
    """The diagnostic a reader meets first: the first error, else warning, else note."""
    found = check_text(read_source(path), str(path))
    assert found, f"{path.name}: no diagnostic at all"
    return min(found, key=lambda d: (_RANK[d.severity], d.span.line, d.span.column))


def _relative(text: str | None) -> str:
    return (text or "(none)").replace(str(REPO) + "/", "")


def test_the_catalogue_is_large() -> None:
    assert len(FILES) >= 100


def test_every_helpful_message_has_a_hint() -> None:
    without = [
        p.name
        for p in FILES
        if expectation(p)["helpful"] == "yes" and expectation(p)["hint"] == "(none)"
    ]
    assert without == []


def test_files_saved_by_other_editors_are_in_the_catalogue() -> None:
    """A byte-order mark and Windows line endings are read, and do not move the columns."""
    data = [p.read_bytes() for p in FILES]
    assert any(d.startswith(b"\xef\xbb\xbf") for d in data)
    assert any(b"\r\n" in d for d in data)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_each_mistake_gets_its_message(path: Path) -> None:
    expected = expectation(path)
    diagnostic = first_problem(path)
    assert (diagnostic.code, diagnostic.span.line, diagnostic.span.column) == (
        expected["code"],
        int(expected["line"]),
        int(expected["column"]),
    )
    assert _relative(diagnostic.message) == expected["message"]
    assert _relative(diagnostic.hint) == expected["hint"]
    assert Path(diagnostic.path).resolve() == path.resolve()


def test_nearly_every_message_says_the_fix() -> None:
    helpful = [p for p in FILES if expectation(p)["helpful"] == "yes"]
    assert len(helpful) / len(FILES) >= 0.95


def test_a_syntax_error_on_a_huge_line_prints_a_short_excerpt() -> None:
    text = 'thesis t: "' + "x" * 1_000_000 + '" %\n'
    [diagnostic] = check_text(text, "huge.arg")
    assert (diagnostic.code, diagnostic.span.column) == ("E002", 1_000_014)
    report = format_text([diagnostic], {"huge.arg": text})
    assert len(report) < 1000
    excerpt, caret = report.splitlines()[1:3]
    assert excerpt.endswith('xxx" %') and excerpt.count("x") < 200
    assert caret.index("^") == excerpt.index("%")


def test_a_huge_misspelt_id_is_shortened_in_the_report() -> None:
    text = 'thesis t: "T."\nt supports ' + "y" * 1_000_000 + "\n"
    [diagnostic] = [d for d in check_text(text, "huge.arg") if d.code == "E101"]
    report = format_text([diagnostic], {"huge.arg": text})
    assert len(report) < 2000


def main() -> None:
    """Print the catalogue's size and the share of messages a newcomer can act on alone."""
    helpful = [p for p in FILES if expectation(p)["helpful"] == "yes"]
    for path in FILES:
        if path not in helpful:
            print(f"not helpful enough: {path.name}: {expectation(path)['message']}")
    share = len(helpful) / len(FILES)
    print(f"{len(FILES)} mistakes in the catalogue, {len(helpful)} helpful ({share:.0%})")
    sys.exit(0 if share >= 0.95 else 1)


if __name__ == "__main__":
    main()
