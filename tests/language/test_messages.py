"""One mistake, one message: the parser's errors for mistakes that used to flood the report."""

from __future__ import annotations

import pytest

from argmap.checking.pipeline import check_text

HEADERS = {
    "argument": ("argument a -> t:", "argument 'a' ends with ':' but has no premises"),
    "argument without conclusion": ("argument a:", "argument 'a' ends with ':'"),
    "argument child": ("  + argument a -> t:", "argument 'a' ends with ':'"),
    "group": ('group "Costs":', "group \"Costs\" ends with ':' but has no members"),
    "expect": ("expect preferred:", "this expect block ends with ':'"),
}
# What follows the header: nothing, the end of the file, more items, a less indented line.
AFTER = {
    "end of file": "",
    "blank line then items": '\nthesis u: "U."\nthesis v: "V."\nu attacks t\n',
    "items": 'thesis u: "U."\nclaim w: "W."\n  + premise x: "X."\n',
    "comment then item": '// to do\nthesis u: "U."\n',
}


@pytest.mark.parametrize("after", AFTER.values(), ids=AFTER.keys())
@pytest.mark.parametrize("header", HEADERS.values(), ids=HEADERS.keys())
def test_a_block_header_with_nothing_under_it_gives_one_error(
    header: tuple[str, str], after: str
) -> None:
    line, message = header
    text = f'thesis t: "T."\n{line}\n{after}'
    found = check_text(text, "m.arg")
    assert [(d.code, d.span.line) for d in found] == [("E001", 2)]
    [diagnostic] = found
    assert diagnostic.message.startswith(message)
    assert diagnostic.span.column == line.index(line.lstrip(" +").split()[0]) + 1
    assert diagnostic.hint is not None and "indented 2 spaces deeper" in diagnostic.hint


def test_the_hint_names_the_one_line_form_with_the_real_ids() -> None:
    [diagnostic] = check_text('thesis t: "T."\nargument why -> t:\n', "m.arg")
    assert diagnostic.hint is not None
    assert diagnostic.hint.endswith("argument why: p1 + p2 -> t")


def test_a_header_with_its_block_is_not_taken_for_an_empty_one() -> None:
    text = 'thesis t: "T."\nargument a -> t:\n  premise p: "P."\nthesis u: "U."\n'
    assert not [d for d in check_text(text, "m.arg") if d.code.startswith("E")]


def test_an_error_after_a_full_block_keeps_its_own_message() -> None:
    text = 'thesis t: "T."\nargument a -> t:\n  premise p: "P."\nthesis u "U."\n'
    [diagnostic] = check_text(text, "m.arg")
    assert diagnostic.span.line == 4 and "ends with ':'" not in diagnostic.message
