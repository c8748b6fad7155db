"""Annotator errors in real AIF corpora (a node supporting itself, an edge to a missing node,
...) drop the one bad relation with a coded warning; `argmap convert --strict` refuses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from argmap.checking.rules import check
from argmap.cli import main
from argmap.diagnostics import Severity
from argmap.interchange.aif import ANNOTATION_ERRORS, from_aif, parse_aif
from tests.conftest import DATA

# A real QT30 map (BBC Question Time) in which I-node 693226 supports itself through the
# MA-node 693252; 49 of the corpus's 1,400 training maps have such a node.
SELF_SUPPORT = DATA / "aif" / "qt30" / "nodeset21039.json"


def convert(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["convert", *arguments])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_the_qt30_map_is_read_without_the_self_support() -> None:
    imported = parse_aif(SELF_SUPPORT.read_text("utf-8"), "nodeset21039.json")
    coded = [str(w) for w in imported.warnings if w.code]
    assert coded == [
        "nodeset21039.json: node 693252: warning: AIF101 node 693226 supports itself "
        "through MA node 693252: the MA node was dropped"
    ]
    assert not [d for d in check(imported.map) if d.severity is Severity.ERROR]
    assert imported.map.statement("i693226") is not None
    assert all(r.source != r.target for r in imported.map.relations)


def test_convert_drops_the_relation_and_strict_refuses(tmp_path: Path) -> None:
    target = tmp_path / "out.arg"
    code, output = convert(str(SELF_SUPPORT), "-o", str(target))
    assert code == 0
    assert "warning: AIF101 node 693226 supports itself through MA node 693252" in output
    assert "statement i693226 @keith_brown: " in target.read_text("utf-8")  # it is kept
    target.unlink()
    code, output = convert(str(SELF_SUPPORT), "-o", str(target), "--strict")
    assert code == 2
    assert output.startswith(
        f"argmap: error: {SELF_SUPPORT}: 1 annotation error(s) (--strict), so nothing was "
        "written: AIF101 node 693252: node 693226 supports itself through MA node 693252"
    )
    assert not target.exists()


def graph(nodes: list[tuple[str, str]], edges: list[Any]) -> dict[str, Any]:
    return {
        "nodes": [{"nodeID": n, "type": t, "text": f"text {n}"} for n, t in nodes],
        "edges": [
            edge
            if isinstance(edge, dict)
            else {"edgeID": str(i), "fromID": edge[0], "toID": edge[1]}
            for i, edge in enumerate(edges)
        ],
    }


I_NODES = [("1", "I"), ("2", "I"), ("3", "I")]
# Each annotator error, in a graph that also holds a sound argument 3 -> r -> 2 that must
# survive, the code it is reported with, and how many relations remain besides it.
CASES = {
    "supports itself through MA": (
        graph(
            [*I_NODES, ("m", "MA"), ("r", "RA")], [("1", "m"), ("m", "1"), ("3", "r"), ("r", "2")]
        ),
        "AIF101",
    ),
    "supports itself through RA": (
        graph(
            [*I_NODES, ("s", "RA"), ("r", "RA")], [("1", "s"), ("s", "1"), ("3", "r"), ("r", "2")]
        ),
        "AIF101",
    ),
    "concludes one of its premises": (
        graph(
            [*I_NODES, ("s", "RA"), ("r", "RA")],
            [("1", "s"), ("2", "s"), ("s", "1"), ("3", "r"), ("r", "2")],
        ),
        "AIF101",
    ),
    "attacks itself through CA": (
        graph(
            [*I_NODES, ("c", "CA"), ("r", "RA")], [("1", "c"), ("c", "1"), ("3", "r"), ("r", "2")]
        ),
        "AIF101",
    ),
    "an edge to a missing node": (
        graph([*I_NODES, ("r", "RA")], [("3", "r"), ("r", "2"), ("r", "9")]),
        "AIF102",
    ),
    "an edge without toID": (
        graph([*I_NODES, ("r", "RA")], [("3", "r"), ("r", "2"), {"edgeID": "x", "fromID": "1"}]),
        "AIF103",
    ),
    "a node declared twice": (
        graph([*I_NODES, ("r", "RA"), ("1", "I")], [("3", "r"), ("r", "2")]),
        "AIF104",
    ),
    "a conflict with one side": (
        graph([*I_NODES, ("c", "CA"), ("r", "RA")], [("1", "c"), ("3", "r"), ("r", "2")]),
        "AIF105",
    ),
    "an inference without conclusion": (
        graph([*I_NODES, ("s", "RA"), ("r", "RA")], [("1", "s"), ("3", "r"), ("r", "2")]),
        "AIF105",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_annotation_error_is_a_coded_warning_and_a_drop(case: str, tmp_path: Path) -> None:
    data, code = CASES[case]
    imported = from_aif(data, "g.json")
    assert [w.code for w in imported.warnings if w.code] == [code]
    assert code in ANNOTATION_ERRORS
    assert [(a.premises, a.conclusion) for a in imported.map.arguments if a.id == "r"] == [
        (("i3",), "i2")
    ]
    assert not [d for d in check(imported.map) if d.severity is Severity.ERROR]
    source = tmp_path / "g.json"
    source.write_text(json.dumps(data), "utf-8")
    assert convert(str(source), "-o", str(tmp_path / "g.arg"))[0] == 0
    code_strict, output = convert(str(source), "-o", str(tmp_path / "s.arg"), "--strict")
    assert code_strict == 2 and f"(--strict), so nothing was written: {code} " in output
    assert not (tmp_path / "s.arg").exists()
