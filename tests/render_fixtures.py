"""Hand-built maps and helpers shared by the rendering tests (no parser needed)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from argmap.model import (
    Argument,
    ArgumentMap,
    Group,
    Metadata,
    Relation,
    RelationKind,
    Role,
    Speaker,
    Statement,
)

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
MAPS = sorted((ROOT / "maps").glob("*.arg"))
UPDATE_GOLDENS = os.environ.get("ARGMAP_UPDATE_GOLDENS") == "1"

SUPPORT, ATTACK = RelationKind.SUPPORT, RelationKind.ATTACK
UNDERCUT, CONTRADICTION = RelationKind.UNDERCUT, RelationKind.CONTRADICTION

# The "at a glance" map of docs/language.md, built by hand.
CAR_FREE = ArgumentMap(
    metadata=Metadata(title="Car-free city centre", source="City council debate, 12 March 2024"),
    speakers=(Speaker("mayor", "The Mayor"), Speaker("shops", "Retail association")),
    statements=(
        Statement(
            "car_free", Role.THESIS, "The city centre should be made car-free.", speaker="mayor"
        ),
        Statement(
            "cars_pollute",
            Role.PREMISE,
            "Cars are the main source of air pollution in the centre.",
            speaker="mayor",
        ),
        Statement(
            "removal_lowers",
            Role.PREMISE,
            "Removing the main source of a pollutant lowers its level.",
            speaker="mayor",
        ),
        Statement(
            "shop_losses",
            Role.OBJECTION,
            "Shops will lose the customers who arrive by car.",
            speaker="shops",
            tags=("economy",),
        ),
        Statement(
            "foot_traffic",
            Role.REBUTTAL,
            "Pedestrianised streets usually see more shoppers, not fewer.",
            speaker="mayor",
        ),
        Statement(
            "winter_stoves",
            Role.EVIDENCE,
            "In winter, wood stoves emit more particulates than cars.",
            speaker="shops",
            cite="Air quality report 2023, table 4",
        ),
        Statement(
            "displacement",
            Role.OBJECTION,
            "Banned traffic moves to the ring road, so pollution just moves.",
            speaker="shops",
        ),
    ),
    arguments=(
        Argument(
            "clean_air",
            ("cars_pollute", "removal_lowers"),
            "car_free",
            speaker="mayor",
            scheme="cause_to_effect",
        ),
    ),
    relations=(
        Relation(ATTACK, "shop_losses", "car_free"),
        Relation(ATTACK, "foot_traffic", "shop_losses"),
        Relation(ATTACK, "winter_stoves", "cars_pollute"),
        Relation(UNDERCUT, "displacement", "clean_air"),
    ),
    groups=(Group("The Mayor's case", ("car_free", "clean_air", "foot_traffic")),),
)

# Linked support (one argument, two premises) beside convergent support (two arguments),
# every role, every relation kind, an assumption and a contradiction.
BRIDGE = ArgumentMap(
    speakers=(Speaker("un", "United Nations Charter"),),
    statements=(
        Statement("close", Role.THESIS, "The bridge must be closed."),
        Statement("c", Role.CLAIM, "The bridge is unsafe."),
        Statement("report", Role.EVIDENCE, "The inspection report lists cracks in two pillars."),
        Statement("report_reliable", Role.ASSUMPTION, "Inspection reports are reliable."),
        Statement("engineer_says", Role.PREMISE, "The chief engineer says the bridge is unsafe."),
        Statement("engineer_expert", Role.PREMISE, "The chief engineer is an expert in bridges."),
        Statement("closing_rule", Role.PREMISE, "Unsafe bridges must be closed."),
        Statement(
            "paid", Role.OBJECTION, "The engineer is paid by a rival builder.", raises="bias"
        ),
        Statement("audit", Role.REBUTTAL, "An audit found the engineer independent."),
        Statement("open", Role.STATEMENT, "The bridge should stay open.", speaker="un"),
    ),
    arguments=(
        Argument("from_report", ("report", "report_reliable"), "c"),
        Argument(
            "from_engineer", ("engineer_says", "engineer_expert"), "c", scheme="expert_opinion"
        ),
        Argument("close_it", ("c", "closing_rule"), "close", tags=("rule",)),
    ),
    relations=(
        Relation(UNDERCUT, "paid", "from_engineer"),
        Relation(ATTACK, "audit", "paid"),
        Relation(CONTRADICTION, "open", "close", tags=("conflict",)),
        Relation(SUPPORT, "audit", "engineer_expert"),
    ),
)

HANDBUILT = {"car_free": CAR_FREE, "bridge": BRIDGE}

_TOKEN = re.compile(
    r'\s*(?:(?P<string>"(?:[^"\\]|\\.)*")|(?P<html><(?:[^<>]|<[^<>]*>)*>)|(?P<arrow>->)'
    r"|(?P<punct>[{}\[\];,=])"
    r"|(?P<word>[A-Za-z_][A-Za-z_0-9]*)|(?P<other>\S))",
    re.S,
)


# The elements of HTML-like labels that to_dot writes (never IMG, which reads files).
HTML_TAGS = {"B", "I", "BR", "FONT", "TABLE", "TR", "TD"}


def dot_tokens(text: str) -> list[tuple[str, str]]:
    """DOT text as (kind, text) tokens: string, arrow, punct, word or other."""
    tokens = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        assert match is not None
        position = match.end()
        if match.lastgroup is None:
            break
        tokens.append((match.lastgroup, match.group(match.lastgroup)))
    return tokens


def dot_structure(text: str) -> tuple[list[str], list[tuple[str, str]], list[str]]:
    """Node names, edges and attribute keys of DOT text written by `to_dot`.

    Fails if the text has any shape `to_dot` does not write: this is how the hostile-input
    tests prove that no user text turned into DOT syntax.
    """
    tokens = dot_tokens(text)
    nodes: list[str] = []
    edges: list[tuple[str, str]] = []
    keys: list[str] = []
    assert tokens[:3] == [("word", "digraph"), ("string", '"argmap"'), ("punct", "{")]
    assert tokens[-1] == ("punct", "}")
    index = 3

    def attributes(index: int) -> int:
        assert tokens[index] == ("punct", "[")
        index += 1
        while tokens[index] != ("punct", "]"):
            kind, key = tokens[index]
            assert kind == "word", tokens[index]
            keys.append(key)
            assert tokens[index + 1] == ("punct", "=")
            assert tokens[index + 2][0] in ("string", "html"), tokens[index + 2]
            if tokens[index + 2][0] == "html":
                # An HTML-like label: only the markup to_dot writes; map text is all escaped.
                tags = re.findall(r"<\s*/?\s*([A-Za-z]*)", tokens[index + 2][1][1:-1])
                assert set(tags) <= HTML_TAGS, tags
            index += 3
            if tokens[index] == ("punct", ","):
                index += 1
        return index + 1

    while index < len(tokens) - 1:
        kind, value = tokens[index]
        if kind == "word" and value in ("graph", "node", "edge"):
            index = attributes(index + 1)
        elif kind == "word" and value == "subgraph":
            assert tokens[index + 1][0] == "string" and tokens[index + 2] == ("punct", "{")
            index += 3
        elif (kind, value) == ("punct", "}"):
            index += 1
        elif kind == "string":
            if tokens[index + 1][0] == "arrow":
                assert tokens[index + 2][0] == "string"
                edges.append((value, tokens[index + 2][1]))
                index = attributes(index + 3)
            elif tokens[index + 1] == ("punct", "["):
                nodes.append(value)
                index = attributes(index + 1)
            else:
                index += 1  # a cluster member
        else:
            raise AssertionError(f"unexpected DOT token {value!r}")
    return nodes, edges, keys
