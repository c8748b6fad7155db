"""AIF import (AIFdb and OVA forms) and export, checked against real AIFdb corpora."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from argmap import check, loads
from argmap.diagnostics import Severity
from argmap.errors import InputError
from argmap.interchange.aif import dumps_aif, from_aif, parse_aif, to_aif
from argmap.language.printer import to_arg
from argmap.model import ArgumentMap, RelationKind
from tests.conftest import DATA, MAPS, REPO

AIF_FILES = sorted((DATA / "aif").glob("*/*.json"))


def source_counts(path: Path) -> dict[str, int]:
    """Counts read straight from the AIF file, without argmap's importer."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data = data.get("AIF", data)
    types = {n["nodeID"]: n["type"] for n in data["nodes"]}
    into: dict[str, list[str]] = {}
    out_of: dict[str, list[str]] = {}
    for e in data["edges"]:
        out_of.setdefault(e["fromID"], []).append(e["toID"])
        into.setdefault(e["toID"], []).append(e["fromID"])
    ca = [n for n, t in types.items() if t == "CA"]
    # An MA-node that only points back at what feeds it (an annotation error in QT30) says
    # nothing: argmap drops it with a warning.
    self_loops = {n for n in types if set(out_of.get(n, [])) <= set(into.get(n, []))}
    return {
        "statements": sum(1 for t in types.values() if t == "I"),
        "arguments": sum(1 for t in types.values() if t == "RA"),
        "linked premises": sum(
            len([s for s in into.get(n, []) if types[s] == "I"])
            for n, t in types.items()
            if t == "RA"
        ),
        "attacks": sum(1 for n in ca for t in out_of.get(n, []) if types[t] == "I"),
        "undercuts": sum(1 for n in ca for t in out_of.get(n, []) if types[t] == "RA"),
        "rephrases": sum(1 for n, t in types.items() if t == "MA" and n not in self_loops),
        "speakers": len(
            {
                n["text"].split(" : ")[0]
                for n in data["nodes"]
                if n["type"] == "L"
                and any(
                    types[t] == "YA"
                    and any(types[x] in ("I", "RA", "CA", "MA") for x in out_of.get(t, []))
                    for t in out_of.get(n["nodeID"], [])
                )
            }
        ),
    }


def map_counts(argument_map: ArgumentMap) -> dict[str, int]:
    kinds = Counter((r.kind, "rephrase" in r.tags) for r in argument_map.relations)
    return {
        "statements": len(argument_map.statements),
        "arguments": len(argument_map.arguments),
        "linked premises": sum(len(a.premises) for a in argument_map.arguments),
        "attacks": kinds[(RelationKind.ATTACK, False)],
        "undercuts": kinds[(RelationKind.UNDERCUT, False)],
        "rephrases": kinds[(RelationKind.SUPPORT, True)],
        "speakers": len(argument_map.speakers),
    }


def render_check(argument_map: ArgumentMap) -> None:
    """The map renders to DOT, and prints to .arg and back."""
    from argmap.rendering.dot import to_dot

    assert to_dot(argument_map).lstrip().startswith("digraph")
    assert loads(to_arg(argument_map)) == argument_map


def test_the_shared_corpus_is_there() -> None:
    assert len(AIF_FILES) == 16


@pytest.mark.parametrize("path", AIF_FILES, ids=[p.name for p in AIF_FILES])
def test_corpus_file_imports_checks_and_renders(path: Path) -> None:
    imported = parse_aif(path.read_text(encoding="utf-8"), str(path))
    assert map_counts(imported.map) == source_counts(path)
    errors = [d for d in check(imported.map) if d.severity is Severity.ERROR]
    assert errors == []
    render_check(imported.map)


def test_araucaria_attack_and_linked_argument() -> None:
    path = DATA / "aif" / "araucaria" / "nodeset105.json"
    imported = parse_aif(path.read_text(encoding="utf-8"), str(path))
    text = to_arg(imported.map)
    assert "argument ra959: i954 + i955 + i956 + i957 -> i953" in text
    assert "i953 attacks i952" in text
    assert imported.warnings == ()


def test_qt30_speakers_rephrases_and_warnings() -> None:
    path = DATA / "aif" / "qt30" / "nodeset21572.json"
    imported = parse_aif(path.read_text(encoding="utf-8"), "nodeset21572.json")
    argument_map = imported.map
    assert [(s.id, s.name) for s in argument_map.speakers] == [
        ("fiona_bruce", "Fiona Bruce"),
        ("audiencemember_20210624qt12", "AudienceMember 20210624QT12"),
    ]
    statement = argument_map.statement("i722794")
    assert statement is not None and statement.speaker == "fiona_bruce"
    assert [str(w) for w in imported.warnings] == [
        "nodeset21572.json: node 722819: warning: argmap has no rephrase relation: the MA "
        "node was imported as a support tagged #rephrase",
        "nodeset21572.json: node 722836: warning: argmap has no rephrase relation: the MA "
        "node was imported as a support tagged #rephrase",
        "nodeset21572.json: warning: 8 TA dialogue transition(s) have no counterpart in "
        "argmap and were not imported (722796, 722802, 722808, 722817, 722818, ...)",
    ]
    # The CA node 722801 was made by the audience member ("Disagreeing" via a TA).
    attack = next(r for r in argument_map.relations if r.kind is RelationKind.ATTACK)
    assert (attack.source, attack.target, attack.speaker) == (
        "i722799",
        "i722794",
        "audiencemember_20210624qt12",
    )


def test_ova_form_under_aif_reads_the_same() -> None:
    path = DATA / "aif" / "araucaria" / "nodeset108.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    plain = from_aif(data, "x.json").map
    wrapped = from_aif({"AIF": data, "text": "<p>the analysed text</p>"}, "x.json").map
    assert wrapped == plain


def aif(nodes: list[tuple[str, str]], edges: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "nodes": [
            {"nodeID": n, "type": t, "text": f"text {n}" if t == "I" else t} for n, t in nodes
        ],
        "edges": [{"edgeID": str(i), "fromID": a, "toID": b} for i, (a, b) in enumerate(edges)],
    }


def test_undercut_linked_attack_and_undercut_of_an_attack() -> None:
    data = aif(
        [
            ("1", "I"),
            ("2", "I"),
            ("3", "I"),
            ("4", "I"),
            ("5", "I"),
            ("r", "RA"),
            ("c", "CA"),
            ("d", "CA"),
            ("e", "CA"),
        ],
        [
            ("1", "r"),
            ("r", "2"),  # 1 supports 2 through argument r
            ("3", "c"),
            ("c", "r"),  # 3 undercuts r
            ("4", "d"),
            ("5", "d"),
            ("d", "2"),  # 4 and 5 jointly attack 2
            ("1", "e"),
            ("e", "d"),
        ],  # 1 undercuts the attack d
    )
    text = to_arg(from_aif(data, "t.json").map)
    assert text.split("\n\n")[1:] == [
        'objection i1: "text 1"\n'
        'thesis i2: "text 2"\n'
        'objection i3: "text 3"\n'
        'objection i4: "text 4"\n'
        'objection i5: "text 5"',
        "argument r: i1 -> i2\nargument d: i4 + i5",
        "i3 undercuts r\nd attacks i2\ni1 undercuts d\n",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"nodes": [', "t.json:1:12: not valid JSON (Expecting value)"),
        ('{"nodes": [{"nodeID": "1", "type": "I", "te', "t.json:1:41: not valid JSON"),
        ("[1, 2]", "t.json: not an AIF document (no 'nodes' list"),
        ('{"nodes": {}}', "t.json: AIF field 'nodes' must be a list, not dict"),
        ('{"nodes": [{"type": "I"}]}', "t.json: an AIF node has no 'nodeID'"),
        (
            '{"nodes": [{"nodeID": "1", "type": "I"}, {"nodeID": "1", "type": "RA"}]}',
            "t.json: node 1 is declared twice, as a I node and as a RA node",
        ),
    ],
)
def test_bad_aif_names_the_file_and_the_node(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_aif(text, "t.json")
    assert str(caught.value).startswith(message)


def test_what_argmap_cannot_hold_is_reported() -> None:
    data = aif(
        [("1", "I"), ("2", "I"), ("r", "RA"), ("s", "RA"), ("p", "PA"), ("c", "CA")],
        [("1", "r"), ("r", "s"), ("s", "2"), ("1", "p"), ("p", "2"), ("c", "2")],
    )
    imported = from_aif(data, "t.json")
    assert [str(w) for w in imported.warnings] == [
        "t.json: node r: warning: RA node supports a RA node (s); argmap arguments conclude "
        "statements, so that edge was not imported",
        "t.json: node r: warning: AIF105 RA node has no conclusion; an argument needs one, so "
        "it was not imported",
        "t.json: node s: warning: RA node has a RA node (r) as a premise; argmap premises "
        "are statements, so that edge was not imported",
        "t.json: node s: warning: AIF105 RA node has no premise; an argument needs one, so it "
        "was not imported",
        "t.json: node c: warning: AIF105 CA node has no premise, so it was not imported",
        "t.json: warning: 1 PA node(s) have no counterpart in argmap and were not imported (p)",
    ]


def canonical(argument_map: ArgumentMap) -> tuple[Any, ...]:
    """What an AIF round trip must keep, independent of declaration order."""
    return (
        argument_map.metadata,
        sorted(argument_map.speakers, key=lambda s: s.id),
        sorted(argument_map.statements, key=lambda s: s.id),
        sorted(argument_map.arguments, key=lambda a: a.id),
        sorted(argument_map.relations, key=lambda r: (r.kind.value, r.source, r.target)),
    )


ROUND_TRIP = """\
title: "Round trip"
speaker mayor: "The Mayor"
speaker shops: "Retail association"
thesis car_free @mayor: "The centre should be car-free."
  + argument clean_air @mayor (scheme: cause_to_effect):
      premise cars_pollute: "Cars pollute."
      premise removal_lowers: "Removing a source lowers the level."
  - argument losses @shops #economy:
      premise fewer: "Fewer customers come."
      premise margins: "Margins are thin."
      ~ rebuttal survey @mayor: "Surveys show more shoppers."
  + evidence study: "A study."
      cite: "Journal 4"
objection displacement @shops: "Traffic moves to the ring road."
displacement undercuts clean_air
study contradicts displacement #hmm
"""


def test_export_then_import_keeps_the_map() -> None:
    argument_map = loads(ROUND_TRIP)
    again = parse_aif(dumps_aif(argument_map), "r.json").map
    assert canonical(again) == canonical(argument_map)
    assert parse_aif(dumps_aif(argument_map), "r.json").warnings == ()


def test_export_is_aifdb_form() -> None:
    data = to_aif(loads(ROUND_TRIP))
    assert sorted(data) == ["argmap", "edges", "locutions", "nodes", "participants"]
    types = Counter(n["type"] for n in data["nodes"])
    # 8 statements; RA: clean_air and the support of study; CA: the undercut by
    # displacement, the linked attack losses, its undercut, the contradiction (two CAs).
    assert (types["I"], types["RA"], types["CA"]) == (8, 2, 5)
    assert types["L"] == types["YA"] == 5
    ids = {n["nodeID"] for n in data["nodes"]}
    assert all(e["fromID"] in ids and e["toID"] in ids for e in data["edges"])


@pytest.mark.parametrize("path", sorted((REPO / "maps").glob("*.arg")), ids=lambda p: p.name)
def test_every_map_in_maps_survives_aif(path: Path) -> None:
    argument_map = loads(path.read_text(encoding="utf-8"), str(path))
    again = parse_aif(dumps_aif(argument_map), "r.json").map
    assert canonical(again)[1:] == canonical(argument_map)[1:]


def test_scheme_names_become_catalogue_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.interchange import aif as aif_module
    from argmap.language import schemes

    catalogue = {
        "expert_opinion": schemes.Scheme("expert_opinion", "Argument from expert opinion", "", ()),
        "cause_to_effect": schemes.Scheme("cause_to_effect", "Cause to effect", "", ()),
    }
    monkeypatch.setattr(aif_module, "catalogue", lambda: catalogue)
    names = [
        "Argument From Expert Opinion",
        "Argument from Cause to Effect",
        "Argument From Sign",
        "Default Inference",
        "RA",
    ]
    data = aif(
        [("1", "I"), ("2", "I")] + [(f"r{n}", "RA") for n in range(5)],
        [edge for n in range(5) for edge in (("1", f"r{n}"), (f"r{n}", "2"))],
    )
    for node, name in zip(data["nodes"][2:], names, strict=True):
        node["text"] = name
    argument_map = from_aif(data, "s.json").map
    assert [a.scheme for a in argument_map.arguments] == [
        "expert_opinion",
        "cause_to_effect",
        "Argument From Sign",
        None,
        None,
    ]


def test_undercut_of_a_node_that_was_not_imported() -> None:
    data = aif(
        [("1", "I"), ("2", "I"), ("r", "RA"), ("c", "CA")], [("r", "2"), ("1", "c"), ("c", "r")]
    )
    imported = from_aif(data, "u.json")
    assert imported.map.relations == ()
    assert [str(w) for w in imported.warnings] == [
        "u.json: node r: warning: AIF105 RA node has no premise; an argument needs one, so it "
        "was not imported",
        "u.json: node r: warning: the relation 'i1 undercuts r' refers to a node that was not "
        "imported, so it was not imported either",
    ]


def test_ova_numeric_ids() -> None:
    # OVA3 writes node ids as numbers and wraps the graph in "AIF" beside its own layout.
    data = {
        "AIF": {
            "nodes": [
                {"nodeID": 1, "type": "I", "text": "A"},
                {"nodeID": 2, "type": "I", "text": "B"},
                {"nodeID": 3, "type": "RA", "text": "Default Inference"},
            ],
            "edges": [{"edgeID": 1, "fromID": 1, "toID": 3}, {"edgeID": 2, "fromID": 3, "toID": 2}],
            "locutions": [],
            "participants": [],
        },
        "OVA": {"nodes": [], "edges": []},
        "text": "",
    }
    text = to_arg(from_aif(data, "ova.json").map)
    assert text.endswith('premise i1: "A"\nthesis i2: "B"\n\nargument ra3: i1 -> i2\n')


def test_export_then_import_keeps_the_groups_of_every_map() -> None:
    for path in sorted(MAPS.glob("*.arg")):
        argument_map = loads(path.read_text("utf-8"))
        again = parse_aif(dumps_aif(argument_map), "r.json")
        assert again.map.groups == argument_map.groups, path.name


def test_line_breaks_in_text_survive_the_round_trip() -> None:
    argument_map = loads('claim c: "A line\\nand another"\n  + premise p: "P"\n')
    again = parse_aif(dumps_aif(argument_map), "r.json").map
    assert again.statements[0].text == "A line\nand another"
