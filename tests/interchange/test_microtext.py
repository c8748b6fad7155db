"""Import of the Argumentative Microtext Corpus (arggraph XML)."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from argmap import check
from argmap.diagnostics import Severity
from argmap.errors import InputError
from argmap.interchange.microtext import parse_microtext
from argmap.language.printer import to_arg
from argmap.model import ArgumentMap, RelationKind
from tests.conftest import DATA

from .test_aif import render_check

MICROTEXTS = sorted((DATA / "microtexts").glob("*.xml"))


def source_counts(path: Path) -> dict[str, int]:
    """Counts read straight from the XML, without argmap's importer."""
    root = ElementTree.parse(path).getroot()
    types = [edge.get("type") for edge in root.iter("edge")]
    adus = [adu.get("type") for adu in root.iter("adu")]
    return {
        "statements": len(adus),
        "supports": types.count("sup") + types.count("exa"),
        "examples": types.count("exa"),
        "attacks": types.count("reb"),
        "undercuts": types.count("und"),
        "extra linked premises": types.count("add"),
        "opponent statements": adus.count("opp"),
    }


def map_counts(argument_map: ArgumentMap) -> dict[str, int]:
    relations = argument_map.relations
    return {
        "statements": len(argument_map.statements),
        "supports": sum(1 for a in argument_map.arguments if a.conclusion is not None)
        + sum(1 for r in relations if r.kind is RelationKind.SUPPORT),
        "examples": sum(
            1 for node in (*argument_map.arguments, *relations) if "example" in node.tags
        ),
        "attacks": sum(1 for r in relations if r.kind is RelationKind.ATTACK),
        "undercuts": sum(1 for r in relations if r.kind is RelationKind.UNDERCUT),
        "extra linked premises": sum(len(a.premises) - 1 for a in argument_map.arguments),
        "opponent statements": sum(1 for s in argument_map.statements if s.speaker == "opponent"),
    }


def test_the_shared_corpus_is_there() -> None:
    assert len(MICROTEXTS) == 10


@pytest.mark.parametrize("path", MICROTEXTS, ids=[p.name for p in MICROTEXTS])
def test_microtext_imports_checks_and_renders(path: Path) -> None:
    imported = parse_microtext(path.read_text(encoding="utf-8"), str(path))
    assert map_counts(imported.map) == source_counts(path)
    assert imported.warnings == ()
    errors = [d for d in check(imported.map) if d.severity is Severity.ERROR]
    assert errors == []
    render_check(imported.map)
    # Every statement's text is the text of its EDUs, so the map holds the whole microtext.
    text = " ".join(path.with_suffix(".txt").read_text(encoding="utf-8").split())
    for statement in imported.map.statements:
        assert statement.text and statement.text in text


def test_micro_b001_undercut_with_a_linked_premise() -> None:
    path = DATA / "microtexts" / "micro_b001.xml"
    text = to_arg(parse_microtext(path.read_text(encoding="utf-8"), "micro_b001.xml").map)
    assert text.split("\n\n")[3:] == [
        "argument c1 @opponent: a1\nargument c3 @proponent: a3 + a4",
        "c1 attacks a5 @opponent\na2 supports a1 @opponent\nc3 undercuts c1 @proponent\n",
    ]
    assert text.startswith(
        'title: "micro_b001"\n'
        'source: "Argumentative Microtext Corpus (topic_id: waste_separation, stance: pro)"\n'
        'language: "en"\n\n'
        'speaker proponent: "Proponent"\n'
        'speaker opponent: "Opponent"\n\n'
        "objection a1 @opponent: \"Yes, it's annoying and cumbersome to separate your rubbish "
        'properly all the time."\n'
    )


def test_undercut_of_an_undercut() -> None:
    path = DATA / "microtexts" / "micro_b005.xml"
    text = to_arg(parse_microtext(path.read_text(encoding="utf-8"), "m.xml").map)
    assert "argument c2 @proponent: a2 -> a1\nargument c3 @opponent: a3\n" in text
    assert "c3 undercuts c2 @opponent\na4 undercuts c3 @proponent\n" in text


def test_joints_and_examples() -> None:
    xml = """<arggraph id="t">
      <edu id="e1">Cats</edu><edu id="e2">are fine.</edu><edu id="e3">Tom is a cat.</edu>
      <joint id="j1"/>
      <adu id="a1" type="pro"/><adu id="a2" type="pro"/>
      <edge id="s1" src="e1" trg="j1" type="seg"/><edge id="s2" src="e2" trg="j1" type="seg"/>
      <edge id="s3" src="j1" trg="a1" type="seg"/><edge id="s4" src="e3" trg="a2" type="seg"/>
      <edge id="c1" src="a2" trg="a1" type="exa"/>
    </arggraph>"""
    text = to_arg(parse_microtext(xml, "t.xml").map)
    assert 'thesis a1 @proponent: "Cats are fine."' in text
    assert 'evidence a2 @proponent: "Tom is a cat."' in text
    assert "a2 supports a1 @proponent #example" in text


BAD = [
    ("<arggraph id='t'><edu id='e1'>x</edu>", "t.xml:1:38: not well-formed XML (no element found)"),
    ("", "t.xml:1:1: not well-formed XML"),
    ("<graph/>", "t.xml: not a microtext: the root element is <graph>"),
    (
        "<arggraph><adu id='a1' type='pro'/><edge id='c1' src='a1' trg='a9' type='sup'/>"
        "</arggraph>",
        "t.xml: edge c1 refers to node a9, which does not exist",
    ),
    (
        "<arggraph><adu id='a1' type='maybe'/></arggraph>",
        "t.xml: ADU a1 has type 'maybe'; expected 'pro' or 'opp'",
    ),
    (
        "<arggraph><adu id='a1' type='pro'/><edge id='c1' src='a1' trg='a1' type='xyz'/>"
        "</arggraph>",
        "t.xml: edge c1 has type 'xyz'",
    ),
    (
        "<arggraph><adu id='a1' type='pro'/><adu id='a2' type='pro'/>"
        "<edge id='c1' src='a1' trg='a2' type='und'/></arggraph>",
        "t.xml: und edge c1 must point at a support, attack or undercut edge, not at a2",
    ),
    (
        "<arggraph><joint id='j1'/><joint id='j2'/><adu id='a1' type='pro'/>"
        "<edge id='s1' src='j1' trg='j2' type='seg'/><edge id='s2' src='j2' trg='j1' type='seg'/>"
        "<edge id='s3' src='j1' trg='a1' type='seg'/></arggraph>",
        "t.xml: segmentation edges form a cycle at node j1 (a1 -> j1 -> j2 -> j1)",
    ),
    (
        "<arggraph><edge src='a' trg='b' type='sup'/></arggraph>",
        "t.xml: <edge> has no 'id' attribute",
    ),
]


@pytest.mark.parametrize(("xml", "message"), BAD, ids=[m.split(": ", 1)[1][:30] for _, m in BAD])
def test_bad_microtext_names_the_file_and_the_node(xml: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_microtext(xml, "t.xml")
    assert str(caught.value).startswith(message)


def test_text_with_a_lone_surrogate_is_refused_with_a_message() -> None:
    # Found by bench/fuzz.py: expat cannot encode a lone surrogate (only a str made in Python
    # has one; a file is decoded strictly).
    with pytest.raises(InputError, match=r"f.xml: not Unicode text \(a lone surrogate, U\+D800"):
        parse_microtext("<arggraph>\ud800</arggraph>", "f.xml")
