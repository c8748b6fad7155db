"""Checking item by item, edit after edit, gives exactly what checking the whole map gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.checking.pipeline import check_text
from argmap.lsp.incremental import Analyzer

# Top-level items over a few shared names, so that random edits keep hitting each other:
# ids declared twice, referenced before and after they exist, turned from statement into
# argument, speakers declared, used and misspelt, support cycles made and broken, critical
# questions raised and left open, and an import that brings ids and a speaker in.
ITEMS = (
    'speaker s: "Sam"',
    'speaker t: "Tess"',
    'speaker s: "Sam again"',
    'thesis a @s: "A."',
    'thesis a: "A twice."',
    'claim b @t: "B."',
    'premise c: "C."',
    'premise cc @s: "Near c."',
    'claim d @u: "D, by an undeclared speaker."',
    'objection q @t (raises: said): "Q."',
    'objection r (raises: nothing_like_it): "R."',
    'thesis e: "E."\n  + claim f @s: "F."\n    - objection g @t: "G."\n  + b',
    "a supports b",
    "b supports a",
    "b supports c @t",
    "c supports a",
    "a attacks c @s",
    "b contradicts a",
    "q attacks h",
    "q undercuts h",
    "r attacks c",
    "cc undercuts c",
    "x supports a",
    "t supports b",
    "argument h: a + b -> c",
    "argument h (scheme: expert_opinion): c -> a",
    "argument k (scheme: analogie) @s: b + cc -> d",
    'argument m:\n  premise n: "N."\n  c',
    "argument p: h -> a",
    'group "G": a, b, zz',
    "expect grounded:\n  in: a, c\n  out: nope",
    'import "other.arg"',
    'import "other.arg" as o',
    "o.x supports a",
    "o.xx attacks b",
    "p.x supports c",
    "",
    "// a comment",
)
OTHER = (
    'speaker u: "Uma"\nclaim x @u: "X."\nclaim a: "A from the other file."\n'
    "x supports zz_from_other\n"
)

edit = st.tuples(
    st.sampled_from(("insert", "delete", "replace", "move", "append to")),
    st.integers(0, 1_000),
    st.integers(0, 1_000),
    st.sampled_from(ITEMS),
)


def apply(items: list[str], action: str, where: int, other: int, item: str) -> list[str]:
    items = list(items)
    if action == "insert" or not items:
        items.insert(where % (len(items) + 1), item)
        return items
    at = where % len(items)
    if action == "delete":
        del items[at]
    elif action == "replace":
        items[at] = item
    elif action == "move":
        items.insert(other % len(items), items.pop(at))
    else:  # a line added under an item: it stays one item, with one more child or a blank
        items[at] += "\n" + ('  + claim y: "Y."' if other % 2 else "")
    return items


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("incremental")
    (path / "other.arg").write_text(OTHER, encoding="utf-8")
    return path


@pytest.mark.slow
@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    start=st.lists(st.sampled_from(ITEMS), max_size=12),
    edits=st.lists(edit, min_size=1, max_size=10),
)
def test_edit_after_edit_the_incremental_check_is_the_full_check(
    folder: Path, start: list[str], edits: list[tuple[str, int, int, str]]
) -> None:
    path = str(folder / "map.arg")
    analyzer = Analyzer(path, str(folder))
    # The command line's way: items kept, the map checked at once (`recheck`).
    whole = Analyzer(path, str(folder))
    whole.checker = None
    items = start
    for step in [None, *edits]:
        if step is not None:
            items = apply(items, *step)
        text = "\n".join(items)
        expected = check_text(text, path, folder)
        assert analyzer.analyse(text).diagnostics == expected, text
        assert whole.analyse(text).diagnostics == expected, text


def test_an_edit_checks_again_only_the_items_that_read_what_it_changed() -> None:
    text = "\n".join(
        [
            'speaker s: "Sam"',
            'thesis a @s: "A."',
            'claim b: "B."',
            "b supports a",
            'claim z: "Z."',
            "z attacks b",
            'claim w: "W."',
        ]
    )
    analyzer = Analyzer()
    assert analyzer.analyse(text).diagnostics == check_text(text)
    assert analyzer.checker.checked_items == 7
    # Typing in a text: the item, and the items that read 'a' or '@s' (the relation line and
    # the speaker, whom the thesis uses); not the other four.
    typed = text.replace('"A."', '"A, typed."')
    assert analyzer.analyse(typed).diagnostics == check_text(typed)
    assert analyzer.checker.checked_items == 3
    # Lines inserted at the top: every item moves; only the first, which holds them, is
    # checked again.
    moved = "// new\n\n" + typed
    assert analyzer.analyse(moved).diagnostics == check_text(moved)
    assert analyzer.checker.checked_items == 1
    # Renaming 'w' to 'a': a duplicate now, reported through the thesis's first declaration.
    renamed = moved.replace("claim w:", "claim a:")
    found = analyzer.analyse(renamed).diagnostics
    assert found == check_text(renamed)
    assert [d.code for d in found if d.code == "E102"] == ["E102"]
    assert analyzer.checker.checked_items == 3  # the item, the thesis, 'b supports a'


def test_a_cycle_made_and_broken_by_one_edit() -> None:
    text = 'thesis a: "A."\nclaim b: "B."\na supports b\nb supports c\nclaim c: "C."'
    analyzer = Analyzer()
    assert not [d for d in analyzer.analyse(text).diagnostics if d.code == "E106"]
    closed = text + "\nc supports a"
    found = analyzer.analyse(closed).diagnostics
    assert found == check_text(closed)
    assert [d.span.line for d in found if d.code == "E106"] == [6]
    typed = closed.replace('"B."', '"Bee."')  # the cycle is kept, its lines still right
    assert analyzer.analyse(typed).diagnostics == check_text(typed)
    opened = typed.replace("b supports c", "b attacks c")
    found = analyzer.analyse(opened).diagnostics
    assert found == check_text(opened) and "E106" not in {d.code for d in found}


def test_a_statement_imported_on_a_relation_s_line_number_is_not_its_outline_child(
    folder: Path,
) -> None:
    # `x` is declared on line 2 of other.arg and the support line is line 2 of the map: a
    # place in another file must not count as the relation's own line (Hypothesis found it).
    path = str(folder / "map.arg")
    text = 'import "other.arg" as o\no.x supports a\nspeaker s: "Sam"\nthesis a @s: "A."'
    expected = check_text(text, path, folder)
    assert [d.code for d in expected if d.span.line == 2 and not d.span.path] == ["W209"]
    assert Analyzer(path, str(folder)).analyse(text).diagnostics == expected
