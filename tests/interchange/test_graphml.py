"""GraphML export, read back with networkx: every field of the JSON model comes back."""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx
from hypothesis import given, settings

from argmap import load, loads
from argmap.interchange.graphml import to_graphml
from argmap.interchange.json_model import to_data
from argmap.model import ArgumentMap
from tests.conftest import MAPS
from tests.strategies import argument_maps

NODE_SPAN = ("line", "column", "end_line", "end_column")


def read_back(text: str) -> nx.MultiDiGraph:
    graph = nx.read_graphml(io.BytesIO(text.encode("utf-8")), force_multigraph=True)
    assert isinstance(graph, nx.MultiDiGraph)
    return graph


def _span(values: dict[str, Any]) -> dict[str, int] | None:
    if "line" not in values:
        return None
    return {name: values[name] for name in NODE_SPAN}


def model_from_graph(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """argmap's JSON model rebuilt from nothing but what networkx read."""
    data = graph.graph
    statements, arguments = [], []
    for node, values in graph.nodes(data=True):
        if values["kind"] == "statement":
            statements.append(
                {
                    "id": node,
                    "role": values["role"],
                    "text": values["text"],
                    "speaker": values.get("speaker"),
                    "tags": json.loads(values["tags"]),
                    **{k: values.get(k) for k in ("cite", "quote", "url", "note", "raises")},
                    "title": values.get("title"),
                    "standard": values.get("standard"),
                    "expect": values.get("expect"),
                    "span": _span(values),
                }
            )
        else:
            assert values["kind"] == "argument"
            premises = sorted(
                (edge["position"], source)
                for source, _, edge in graph.in_edges(node, data=True)
                if edge["kind"] == "premise"
            )
            assert [p for _, p in premises] == json.loads(values["premises"])
            arguments.append(
                {
                    "id": node,
                    "premises": [p for _, p in premises],
                    "conclusion": values.get("conclusion"),
                    "speaker": values.get("speaker"),
                    "tags": json.loads(values["tags"]),
                    "scheme": values.get("scheme"),
                    "weight": values.get("weight"),
                    "note": values.get("note"),
                    "title": values.get("title"),
                    "span": _span(values),
                }
            )
    relations = sorted(
        (edge["position"], source, target, edge)
        for source, target, edge in graph.edges(data=True)
        if edge["kind"] not in ("premise", "conclusion")
    )
    return {
        "format": data["format"],
        "version": data["version"],
        "path": data.get("path"),
        "metadata": {
            k: data.get(k) for k in ("title", "source", "author", "date", "url", "language")
        },
        "speakers": json.loads(data["speakers"]),
        "statements": statements,
        "arguments": arguments,
        "relations": [
            {
                "kind": edge["kind"],
                "source": source,
                "target": target,
                "speaker": edge.get("speaker"),
                "tags": json.loads(edge["tags"]),
                "span": _span(edge),
            }
            for _, source, target, edge in relations
        ],
        "groups": json.loads(data["groups"]),
        "expectations": json.loads(data["expectations"]),
    }


def test_every_map_comes_back_whole() -> None:
    for path in sorted(MAPS.glob("*.arg")):
        argument_map = load(path)
        graph = read_back(to_graphml(argument_map))
        assert model_from_graph(graph) == to_data(argument_map), path
        conclusions = [
            (a.id, a.conclusion) for a in argument_map.arguments if a.conclusion is not None
        ]
        assert [
            (s, t) for s, t, edge in graph.edges(data=True) if edge["kind"] == "conclusion"
        ] == conclusions


@settings(max_examples=60, deadline=None)
@given(argument_maps())
def test_generated_maps_come_back_whole(argument_map: ArgumentMap) -> None:
    assert model_from_graph(read_back(to_graphml(argument_map))) == to_data(argument_map)


def test_markup_in_text_is_data_not_xml() -> None:
    argument_map = loads('thesis t: "<b>&amp;</b> ]]> \\"q\\""\nspeaker s: "A & B"\n')
    graph = read_back(to_graphml(argument_map))
    assert graph.nodes["t"]["text"] == '<b>&amp;</b> ]]> "q"'
    assert graph.nodes["t"]["label"] == graph.nodes["t"]["text"]
    assert json.loads(graph.graph["speakers"])[0]["name"] == "A & B"
