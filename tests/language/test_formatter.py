"""The formatter: canonical layout, every comment kept, idempotent; `argmap fmt`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import loads
from argmap.cli import main
from argmap.language.formatter import format_source, format_text
from argmap.language.printer import to_arg
from argmap.model import ArgumentMap
from tests.conftest import MAPS, REPO
from tests.strategies import argument_maps

LANGUAGE = (REPO / "docs" / "language.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```argmap\n(.*?)```", LANGUAGE, re.S)
MAP_FILES = sorted(MAPS.glob("**/*.arg")) if MAPS.is_dir() else []

MESSY = """\


// The plan debate.
title :   "Plan"
thesis   t @s #x(raises:q) :"We should adopt the plan."   //   the main claim
 +   premise cheap:"The plan is cheap."
         -objection hidden :  "It has hidden costs."
    // a comment between children
\t \t  ~ p


 +premise popular: "Most residents
     want it."
argument a->t :cheap+popular
speaker s:"S"
group "G"#g:t,cheap ,popular
// the end
"""

TIDY = """\
// The plan debate.
title: "Plan"
thesis t @s #x (raises: q): "We should adopt the plan."  //   the main claim
  + premise cheap: "The plan is cheap."
      - objection hidden: "It has hidden costs."
          // a comment between children
          ~ p

  + premise popular: "Most residents
     want it."
argument a -> t: cheap + popular
speaker s: "S"
group "G" #g: t, cheap, popular
// the end
"""


def test_messy_source_gets_the_canonical_layout() -> None:
    assert format_source(MESSY) == TIDY


def test_formatting_keeps_the_meaning_and_every_comment() -> None:
    tidy = format_text(MESSY)
    assert loads(tidy) == loads(MESSY)
    comments = re.findall(r"//.*", MESSY)
    assert re.findall(r"//.*", tidy) == [c.rstrip() for c in comments]


def test_formatting_is_idempotent() -> None:
    assert format_source(TIDY) == TIDY


def test_strings_are_copied_byte_for_byte() -> None:
    source = 'claim c: "a  //  b \\" #c @d   "\n'
    assert format_source(source) == source


def test_empty_and_comment_only_files() -> None:
    assert format_source("") == ""
    assert format_source("\n\n   \n") == ""
    assert format_source("   // only\n\n\n// comments") == "// only\n\n// comments\n"


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"example{n}" for n in range(len(EXAMPLES))])
def test_language_examples_are_already_formatted(example: str) -> None:
    assert format_text(example) == example


@pytest.mark.parametrize("path", MAP_FILES, ids=[p.name for p in MAP_FILES])
def test_maps_format_idempotently(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    once = format_text(source, str(path))
    assert format_text(once, str(path)) == once
    assert loads(once) == loads(source)


def _roughen(text: str, data: st.DataObject, comments: bool = True) -> str:
    """The same map written carelessly: odd spacing, wider indents, extra comments."""
    lines = []
    widen = data.draw(st.integers(1, 3))
    for line in text.split("\n"):
        if not line.strip():
            lines.append(data.draw(st.sampled_from(["", "  ", "\n"])))
            continue
        stripped = line.lstrip(" ")
        indent = (len(line) - len(stripped)) * widen
        # Widen the gaps between tokens, outside quotes only.
        parts = re.split(r'("(?:[^"\\]|\\.)*")', stripped)
        gap = " " * data.draw(st.integers(1, 3))
        widened, in_comment = [], False
        for part in parts:
            if in_comment or part.startswith('"'):
                widened.append(part)
                continue
            code, slash, rest = part.partition("//")
            widened.append(code.replace(" ", gap) + slash + rest)
            in_comment = bool(slash)
        parts = widened
        comment = data.draw(st.sampled_from(["", "  // note", "//x"])) if comments else ""
        if comments and data.draw(st.booleans()):
            lines.append(" " * data.draw(st.integers(0, 6)) + "// above")
        lines.append(" " * indent + "".join(parts) + comment)
    return "\n".join(lines)


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(argument_maps(), st.data())
def test_formatting_generated_maps(argument_map: ArgumentMap, data: st.DataObject) -> None:
    canonical = to_arg(argument_map)
    assert format_text(canonical) == canonical
    rough = _roughen(canonical, data)
    once = format_text(rough)
    assert format_text(once) == once
    assert loads(once) == argument_map


LAYOUTS = [*EXAMPLES, *(p.read_text(encoding="utf-8") for p in MAP_FILES)]


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(LAYOUTS), st.data())
def test_the_layout_of_the_input_does_not_matter(source: str, data: st.DataObject) -> None:
    # Outlines, blocks and comments of real maps, written with other widths and spacing,
    # format to exactly the same text.
    rough = _roughen(source, data, comments=False)
    assert format_text(rough) == format_text(source)


def test_fmt_rewrites_in_place_and_reports(tmp_path: Path) -> None:
    path = tmp_path / "plan.arg"
    path.write_text(MESSY, encoding="utf-8")
    result = CliRunner().invoke(main, ["fmt", str(path)])
    assert result.exit_code == 0
    assert result.output == f"reformatted {path}\n"
    assert path.read_text(encoding="utf-8") == TIDY
    again = CliRunner().invoke(main, ["fmt", str(path)])
    assert (again.exit_code, again.output) == (0, "")


def test_fmt_check_and_diff_change_nothing(tmp_path: Path) -> None:
    path = tmp_path / "plan.arg"
    path.write_text('claim  c :"x"\n', encoding="utf-8")
    check = CliRunner().invoke(main, ["fmt", "--check", str(tmp_path)])
    assert (check.exit_code, check.output) == (1, f"would reformat {path}\n")
    diff = CliRunner().invoke(main, ["fmt", "--diff", str(path)])
    assert diff.exit_code == 1
    assert diff.output == (
        f"--- {path} (original)\n+++ {path} (formatted)\n@@ -1 +1 @@\n"
        '-claim  c :"x"\n+claim c: "x"\n'
    )
    assert path.read_text(encoding="utf-8") == 'claim  c :"x"\n'
    path.write_text('claim c: "x"\n', encoding="utf-8")
    clean = CliRunner().invoke(main, ["fmt", "--check", str(path)])
    assert (clean.exit_code, clean.output) == (0, "")


def test_fmt_refuses_a_file_that_does_not_parse(tmp_path: Path) -> None:
    path = tmp_path / "broken.arg"
    path.write_text('claim c "no colon"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["fmt", str(path)])
    assert result.exit_code == 2
    assert f"argmap: error: {path}: not formatted, it does not parse" in result.output
    assert "Traceback" not in result.output
    assert path.read_text(encoding="utf-8") == 'claim c "no colon"\n'


def test_fmt_on_a_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["fmt", str(tmp_path / "nope.arg")])
    assert result.exit_code == 2
    assert result.output == f"argmap: error: {tmp_path / 'nope.arg'}: no such file\n"


# Issue 13, item 9: one definition of indentation (argmap.language.vocabulary.indent_width)
# for the parser and the formatter, so fmt accepts every file check accepts.
TWO = 'thesis t: "x"\n  + premise p: "y"\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('    thesis t: "x"\n  + premise p: "y"\n', TWO),  # first line indented
        ('\tthesis t: "x"\n  + premise p: "y"\n', TWO),  # first line indented with a tab
        ('thesis t: "x"\n \t+ premise p: "y"\n         + premise q: "z"\n',  # space, tab: 9
         TWO + '  + premise q: "z"\n'),
        ('thesis t: "x"\r  + premise p: "y"\r', TWO),  # old Mac line ends
    ],
)  # fmt: skip
def test_fmt_accepts_what_the_parser_accepts(text: str, expected: str) -> None:
    from argmap.language.formatter import format_text
    from argmap.language.parser import parse

    assert not parse(text, "f.arg").has_syntax_errors
    formatted = format_text(text, "f.arg")
    assert formatted == expected
    assert format_text(formatted, "f.arg") == formatted


def test_a_tab_counts_eight_columns_wherever_it_stands() -> None:
    from argmap.language.vocabulary import indent_width

    assert [indent_width(w) for w in ("\t", " \t", "\t ", "  ", "")] == [8, 9, 9, 2, 0]
