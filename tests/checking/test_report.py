"""The text report: carets stay under their column in a terminal, whatever the script."""

from __future__ import annotations

import pytest

from argmap.checking.pipeline import check_text
from argmap.checking.report import display_width, format_text

# (source line with a stray `%`, the terminal cells before the `%`)
LINES = {
    "ascii": ('thesis t: "Traffic." %', 21),
    # CJK ideographs and the ideographic full stop are wide: two cells each.
    "cjk": ('thesis t: "北京的交通很拥挤。" %', 11 + 9 * 2 + 2),
    # Fullwidth Latin letters take two cells.
    "fullwidth": ('thesis t: "ＡＢＣ" %', 11 + 3 * 2 + 2),
    # A combining acute accent takes no cell of its own.
    "combining": ('thesis t: "Cafe\u0301 cre\u0300me" %', 11 + 10 + 2),
    # An emoji is wide; a zero-width joiner and a variation selector take no cell.
    "emoji": ('thesis t: "Bikes 🚲 \u2764\ufe0f 👩\u200d💻" %', 11 + 6 + 2 + 1 + 1 + 1 + 4 + 2),
    "hangul": ('thesis t: "교통" %', 11 + 4 + 2),
}


@pytest.mark.parametrize("line, cells", LINES.values(), ids=LINES.keys())
def test_the_caret_lines_up_in_terminal_cells(line: str, cells: int) -> None:
    text = line + "\n"
    [diagnostic] = check_text(text, "m.arg")
    # The reported column counts characters (code points), not cells.
    assert diagnostic.span.column == line.index("%") + 1
    source, caret = format_text([diagnostic], {"m.arg": text}).splitlines()[1:3]
    gutter = source.index("| ") + 2
    assert source[gutter:] == line
    assert caret[gutter:] == " " * cells + "^"
    assert display_width(line[: line.index("%")]) == cells


def test_a_wide_character_under_the_caret_gets_a_two_cell_caret() -> None:
    text = 'thesis t: "T."\nt supports 北京\n'
    [diagnostic] = [d for d in check_text(text, "m.arg") if d.code == "E101"]
    caret = format_text([diagnostic], {"m.arg": text}).splitlines()[2]
    assert caret.endswith("| " + " " * len("t supports ") + "^~~~")


def test_a_wide_excerpt_of_a_long_line_keeps_its_caret() -> None:
    line = 'thesis t: "' + "北" * 5000 + '" %'
    [diagnostic] = check_text(line + "\n", "m.arg")
    source, caret = format_text([diagnostic], {"m.arg": line + "\n"}).splitlines()[1:3]
    gutter = source.index("| ") + 2
    assert len(source) < 400
    assert caret[gutter:] == " " * display_width(source[gutter : source.index("%")]) + "^"


def test_display_width() -> None:
    assert display_width("") == 0
    assert display_width("abc") == 3
    assert display_width("日本語") == 6
    assert display_width("e\u0301") == 1
    assert display_width("\u200b") == 0
