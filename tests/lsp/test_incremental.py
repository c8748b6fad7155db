"""The incremental analysis gives exactly `argmap check`'s diagnostics, edit after edit."""

from __future__ import annotations

import random

import pytest

from argmap.checking.pipeline import check_text
from argmap.diagnostics import CODES
from argmap.lsp.incremental import Analyzer, item_starts
from tests.conftest import MAPS


def test_every_code_example_and_map_matches_check() -> None:
    texts = [entry.example for entry in CODES.values()]
    texts += [path.read_text(encoding="utf-8") for path in sorted(MAPS.glob("*.arg"))]
    for text in texts:
        assert Analyzer().analyse(text).diagnostics == check_text(text), text[:60]


@pytest.mark.slow
def test_random_edits_match_a_fresh_check() -> None:
    base = (MAPS / "tokayev.arg").read_text(encoding="utf-8").split("\n")
    extra = [
        '  + claim q: "x"',
        "a supports b",
        "",
        "// c",
        '\t+ claim t: "y"',
        'group "g": a, b',
        'claim m: "multi',
        'line text"',
        'title: "x"',
        '  - objection o: "a \\"q\\" b" // "',
        'premise zz "x"',
        "    x",
        'thesis zz: "open',
    ]
    rng = random.Random(7)
    analyzer = Analyzer("x.arg")
    lines = list(base)
    valid = [list(base)]
    compared = 0
    for _ in range(200):
        if rng.random() < 0.3:
            lines = list(rng.choice(valid))
        where = rng.randrange(len(lines) + 1)
        choice = rng.random()
        line = rng.choice(base + extra)
        if choice < 0.2 and lines and '"' in lines[min(where, len(lines) - 1)]:
            # Typing inside a quoted text: what the check reuses its last result for.
            number = min(where, len(lines) - 1)
            lines[number] = lines[number].replace('"', '"typed ', 1)
        elif choice < 0.4 and lines:
            lines[min(where, len(lines) - 1)] = line
        elif choice < 0.7:
            lines.insert(where, line)
        elif lines:
            del lines[min(where, len(lines) - 1)]
        text = "\n".join(lines)
        analysis = analyzer.analyse(text)
        expected = check_text(text, "x.arg")
        assert all(0 <= d.span.line <= len(lines) for d in analysis.diagnostics)
        if not any(d.code.startswith("E0") for d in expected):
            # Without syntax errors the result is exactly argmap check's.
            assert analysis.diagnostics == expected
            compared += 1
            valid.append(list(lines))
    assert compared > 50, compared


def test_an_edit_reparses_only_its_item() -> None:
    text = (MAPS / "tokayev.arg").read_text(encoding="utf-8")
    analyzer = Analyzer()
    analyzer.analyse(text)
    assert analyzer.parsed_items > 20
    edited = text.replace("Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev (president)")
    analysis = analyzer.analyse(edited)
    assert analyzer.parsed_items == 1
    assert analysis.diagnostics == check_text(edited)
    analyzer.analyse("\n" + edited)  # every item moves down a line: none is parsed again
    assert analyzer.parsed_items <= 1


def test_an_unclosed_quote_stays_in_its_item() -> None:
    lines = ['thesis t: "A."', '  + claim c: "B', 'claim d: "D."', "d supports t"]
    assert item_starts(lines) == [0, 2, 3]
    found = Analyzer().analyse("\n".join(lines)).diagnostics
    assert [(d.code, d.span.line) for d in found] == [("E003", 2)]


def test_typing_in_text_checks_one_item_and_moves_its_places() -> None:
    text = 'thesis t: "A."\n  + claim c @ghost: "B."\n\nclaim c: "C."\nt supports c\n'
    analyzer = Analyzer()
    first = analyzer.analyse(text)
    assert first.diagnostics == check_text(text) and analyzer.checker.checked_items == 3
    for typed in ("C", "Ca", "Cat", "Cats."):
        edited = text.replace('"C."', f'"{typed}"')
        analysis = analyzer.analyse(edited)
        assert analysis.diagnostics == check_text(edited)
        # The edited item is checked again, and so is every item that reads 'c' (all three).
        assert analyzer.checker.checked_items == 3
    assert {d.code for d in analysis.diagnostics} >= {"E102", "E103"}
    duplicate = next(d for d in analysis.diagnostics if d.code == "E102")
    assert duplicate.span.line == 4 and "line 2" in (duplicate.hint or "")
    analysis = analyzer.analyse("\n\n" + edited)  # every item moves, the first one grows
    assert analysis.diagnostics == check_text("\n\n" + edited)
    renamed = edited.replace("claim c:", "claim d:")
    analysis = analyzer.analyse(renamed)
    assert analysis.diagnostics == check_text(renamed)
