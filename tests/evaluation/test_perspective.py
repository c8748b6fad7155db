"""Perspectives: each party's reading of a map, and the `--as` options that print and draw it."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner

import argmap
from argmap.cli.group import main
from argmap.errors import InputError
from argmap.evaluation.evaluate import json_schema
from argmap.evaluation.perspective import read_as, read_as_each, reading_map
from argmap.model import ArgumentMap
from tests.conftest import REPO

TOKAYEV = REPO / "maps" / "tokayev.arg"

DEBATE = (
    'speaker a: "Ana"\nspeaker b: "Ben"\n'
    'thesis adopt @a: "Adopt the plan."\n'
    "  + argument why @a:\n"
    '      premise cheap @a: "It is cheap."\n'
    '      premise fast @a: "It is fast."\n'
    'objection costly @b: "It has hidden costs."\n'
    "costly attacks cheap\n"
    'evidence audit @a: "An audit found no hidden costs."\n'
    "audit attacks costly\n"
    'claim ben_fast @b: "Ben agrees it is fast."\n'
    "ben_fast supports fast @b\n"
)


@pytest.fixture(scope="module")
def seed() -> ArgumentMap:
    return argmap.load(TOKAYEV)


def test_a_reading_keeps_commitments_concessions_and_the_relations_drawn() -> None:
    debate = argmap.loads(DEBATE)
    ana = reading_map(debate, "a")
    assert set(ana.nodes_by_id) == {"adopt", "why", "cheap", "fast", "audit", "costly"}
    # Ana draws her attack on Ben's objection; Ben's attack on her premise is his.
    assert [(r.source, r.target) for r in ana.relations] == [("audit", "costly")]
    ben = reading_map(debate, "b")
    assert set(ben.nodes_by_id) == {"costly", "cheap", "ben_fast", "fast"}


def test_each_party_reads_its_own_commitments_as_standing() -> None:
    debate = argmap.loads(DEBATE)
    ana, ben = read_as_each(debate)
    assert ana.evaluation.labels() == {
        "adopt": "in", "why": "in", "cheap": "in", "fast": "in", "audit": "in", "costly": "out",
    }  # fmt: skip
    assert ben.evaluation.labels() == {
        "costly": "in",
        "cheap": "out",
        "ben_fast": "in",
        "fast": "in",
    }
    assert ben.left_out == ("adopt", "why", "audit")
    assert ben.label("adopt") is None and ben.label("cheap") == "out"


def test_an_unknown_speaker_is_refused_with_the_speakers_named() -> None:
    with pytest.raises(InputError, match=r"no speaker 'c' in the map \(speakers: a, b\)"):
        read_as(argmap.loads(DEBATE), "c")


def test_the_seed_map_as_the_author_and_as_tokayev(seed: ArgumentMap) -> None:
    author = read_as(seed, "author")
    tokayev = read_as(seed, "tokayev")
    # The author's objection defeats the Taiwan comparison in the author's reading only.
    assert author.label("taiwan_compared") == "out"
    assert tokayev.label("taiwan_compared") == "in"
    assert tokayev.label("taiwan_argument") == "in"
    # The author's double-standards charge stands in the author's reading, and is no part
    # of Tokayev's.
    for node in ("double_standard", "pandora", "reflect", "west_kosovo", "west_integrity"):
        assert author.label(node) == "in", node
        assert tokayev.label(node) is None, node
    # Tokayev's thesis stands for him on his own arguments; the author grants it too.
    assert tokayev.evaluation.verdict("no_recognition").reason == (
        "stands: supported by list_argument (IN)"
    )
    assert author.label("no_recognition") == "in"
    # Tokayev says the two camps' readings of the Charter contradict: undecided for him.
    assert tokayev.label("sacrosanct") == tokayev.label("secession_right") == "undec"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_cli_eval_as_a_speaker() -> None:
    code, out = run("eval", str(TOKAYEV), "--as", "tokayev")
    assert code == 0
    assert out.startswith("as @tokayev (Kassym-Jomart Tokayev): grounded semantics: 1 extension\n")
    assert "\nnot in @tokayev's reading (" in out
    code, out = run("eval", str(TOKAYEV), "--as", "tokayev", "--format", "json")
    document = json.loads(out)
    jsonschema.validate(document, json_schema())
    assert {n["id"]: n["label"] for n in document["nodes"]}["taiwan_compared"] == "in"
    assert document["reader"] == "tokayev" and "double_standard" in document["left_out"]


def test_cli_eval_as_all_prints_one_column_per_speaker() -> None:
    code, out = run("eval", str(TOKAYEV), "--as", "all")
    assert code == 0
    header = out.splitlines()[1].split()
    assert header == ["node", "map", *(s.id for s in argmap.load(TOKAYEV).speakers)]
    row = next(line for line in out.splitlines() if line.startswith("taiwan_compared "))
    assert row.split()[:4] == ["taiwan_compared", "OUT", "IN", "OUT"]
    code, out = run("eval", str(TOKAYEV), "--as", "all", "--format", "json")
    nodes = {n["id"]: n for n in json.loads(out)["nodes"]}
    assert nodes["taiwan_compared"]["readings"]["tokayev"] == "in"
    assert nodes["taiwan_compared"]["readings"]["putin"] is None


def test_cli_as_an_unknown_speaker_exits_2() -> None:
    code, out = run("eval", str(TOKAYEV), "--as", "nobody")
    assert code == 2 and "no speaker 'nobody' in the map" in out


def test_render_as_colours_by_the_reading(tmp_path: object) -> None:
    code, out = run("render", str(TOKAYEV), "--eval", "grounded", "--as", "tokayev", "-o", "-",
                    "--format", "dot")  # fmt: skip
    assert code == 0
    line = next(x for x in out.splitlines() if x.lstrip().startswith('"taiwan_compared" ['))
    assert "<B>■ IN</B>" in line  # the evaluation badge
    code, out = run("render", str(TOKAYEV), "--eval", "grounded", "--as", "author", "-o", "-",
                    "--format", "dot")  # fmt: skip
    line = next(x for x in out.splitlines() if x.lstrip().startswith('"taiwan_compared" ['))
    assert "<B>■ OUT</B>" in line
