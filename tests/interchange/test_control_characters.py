"""Control characters in imported text never reach a `.arg` file or a terminal raw."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from argmap.cli import main
from argmap.language.printer import quote, visible_controls

HOSTILE = "Bell\x07, NUL\x00 and ESC\x1b[31m red\x1b[0m, DEL\x7f, C1\x9b"


def test_control_characters_become_visible_pictures_one_for_one() -> None:
    shown = visible_controls(HOSTILE)
    assert len(shown) == len(HOSTILE)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in shown)
    assert "\u241b[31m" in shown and "\u2400" in shown
    assert visible_controls("line\nbreak\tand tab") == "line\nbreak\tand tab"
    assert "\x1b" not in quote(HOSTILE)


def _aif(tmp_path: Path) -> Path:
    nodes = [
        {"nodeID": "1", "text": HOSTILE, "type": "I"},
        {"nodeID": "2", "text": "A claim", "type": "I"},
        {"nodeID": "3", "text": "Default Inference", "type": "RA"},
    ]
    edges = [
        {"edgeID": "a", "fromID": "1", "toID": "3"},
        {"edgeID": "b", "fromID": "3", "toID": "2"},
    ]
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps({"nodes": nodes, "edges": edges, "locutions": []}), "utf-8")
    return path


def test_an_imported_map_with_control_characters_converts_to_a_valid_arg_file(
    tmp_path: Path,
) -> None:
    target = tmp_path / "hostile.arg"
    runner = CliRunner()
    result = runner.invoke(main, ["convert", str(_aif(tmp_path)), "-o", str(target)])
    assert result.exit_code == 0, result.output
    text = target.read_text("utf-8")
    assert "\x00" not in text and "\x1b" not in text and "\u2400" in text
    checked = runner.invoke(main, ["check", "--no-cache", str(target)])
    assert checked.exit_code == 0, checked.output


def test_a_diagnostic_shows_the_source_line_without_its_control_characters(
    tmp_path: Path,
) -> None:
    source = tmp_path / "esc.arg"
    source.write_text('thesis t: "fine"\n  - objection o: "ESC\x1b[0m" oops\n', "utf-8")
    result = CliRunner().invoke(main, ["check", "--no-cache", str(source)])
    assert result.exit_code == 1, result.output
    assert "\x1b" not in result.output and '"ESC\u241b[0m" oops' in result.output
    # one character for one: the caret still sits under 'oops'
    line, caret = [row for row in result.output.splitlines() if "|" in row][:2]
    assert line.index("oops") == caret.index("^")
