"""The map as GraphML, with every field of the JSON model, for yEd, Gephi and network analysis."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Final
from xml.etree import ElementTree

from argmap.model import NO_SPAN, ArgumentMap, Span

if TYPE_CHECKING:
    from argmap.rendering.dot import RenderOptions

NAMESPACE: Final = "http://graphml.graphdrawing.org/xmlns"
# Every key: (id, for, type). Lists (tags, premises, speakers, groups) are JSON text, so
# nothing is lost; spans are four integers (0 where the model has no place).
KEYS: Final = (
    ("format", "graph", "string"),
    ("version", "graph", "int"),
    ("path", "graph", "string"),
    ("title", "graph", "string"),
    ("source", "graph", "string"),
    ("author", "graph", "string"),
    ("date", "graph", "string"),
    ("url", "graph", "string"),
    ("language", "graph", "string"),
    ("speakers", "graph", "string"),
    ("groups", "graph", "string"),
    ("expectations", "graph", "string"),
    ("kind", "node", "string"),
    ("label", "node", "string"),
    ("role", "node", "string"),
    ("text", "node", "string"),
    ("speaker", "node", "string"),
    ("speaker_name", "node", "string"),
    ("tags", "node", "string"),
    ("cite", "node", "string"),
    ("quote", "node", "string"),
    ("url", "node", "string"),
    ("note", "node", "string"),
    ("raises", "node", "string"),
    ("title", "node", "string"),
    ("standard", "node", "string"),
    ("expect", "node", "string"),
    ("weight", "node", "string"),
    ("premises", "node", "string"),
    ("conclusion", "node", "string"),
    ("scheme", "node", "string"),
    ("member_of", "node", "string"),
    ("kind", "edge", "string"),
    ("speaker", "edge", "string"),
    ("tags", "edge", "string"),
    ("position", "edge", "int"),
    *((place, what, "int") for what in ("node", "edge") for place in
      ("line", "column", "end_line", "end_column")),
)  # fmt: skip
# XML 1.0 cannot hold these characters at all, even escaped.
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _key_id(name: str, domain: str) -> str:
    return f"{domain[0]}_{name}"


def to_graphml(argument_map: ArgumentMap, options: RenderOptions | None = None) -> str:
    """The map as GraphML text: statements and arguments are nodes; premise links, conclusion
    links and relations are edges (`kind`: premise, conclusion, supports, attacks, undercuts,
    contradicts); metadata, speakers and groups are graph data."""
    ElementTree.register_namespace("", NAMESPACE)
    root = ElementTree.Element(f"{{{NAMESPACE}}}graphml")
    for name, domain, kind in KEYS:
        ElementTree.SubElement(
            root,
            f"{{{NAMESPACE}}}key",
            {"id": _key_id(name, domain), "for": domain, "attr.name": name, "attr.type": kind},
        )
    graph = ElementTree.SubElement(
        root, f"{{{NAMESPACE}}}graph", {"id": "map", "edgedefault": "directed"}
    )

    def data(parent: ElementTree.Element, domain: str, name: str, value: object) -> None:
        if value is None:
            return
        element = ElementTree.SubElement(
            parent, f"{{{NAMESPACE}}}data", {"key": _key_id(name, domain)}
        )
        element.text = _NOT_XML.sub("\ufffd", str(value))

    def span(parent: ElementTree.Element, domain: str, where: Span) -> None:
        if where == NO_SPAN:
            return
        for name in ("line", "column", "end_line", "end_column"):
            data(parent, domain, name, getattr(where, name))

    data(graph, "graph", "format", "argmap-map")
    data(graph, "graph", "version", 1)
    data(graph, "graph", "path", argument_map.path)
    metadata = argument_map.metadata
    for name in ("title", "source", "author", "date", "url", "language"):
        data(graph, "graph", name, getattr(metadata, name))
    speakers = [{"id": s.id, "name": s.name, "span": _span(s.span)} for s in argument_map.speakers]
    data(graph, "graph", "speakers", _json(speakers))
    groups = [
        {"name": g.name, "members": list(g.members), "tags": list(g.tags), "span": _span(g.span)}
        for g in argument_map.groups
    ]
    data(graph, "graph", "groups", _json(groups))
    expectations = [
        {"semantics": e.semantics, "label": e.label, "nodes": list(e.nodes)}
        for e in argument_map.expectations
    ]
    data(graph, "graph", "expectations", _json(expectations))
    names = {s.id: s.name for s in argument_map.speakers}
    member_of: dict[str, list[str]] = {}
    for group in argument_map.groups:
        for member in group.members:
            member_of.setdefault(member, []).append(group.name)

    for statement in argument_map.statements:
        node = ElementTree.SubElement(graph, f"{{{NAMESPACE}}}node", {"id": statement.id})
        data(node, "node", "kind", "statement")
        data(node, "node", "label", statement.text)
        data(node, "node", "role", statement.role.value)
        data(node, "node", "text", statement.text)
        data(node, "node", "speaker", statement.speaker)
        data(node, "node", "speaker_name", names.get(statement.speaker or ""))
        data(node, "node", "tags", _json(list(statement.tags)))
        for name in ("cite", "quote", "url", "note", "raises", "title", "standard", "expect"):
            data(node, "node", name, getattr(statement, name))
        data(node, "node", "member_of", _json(member_of.get(statement.id, [])))
        span(node, "node", statement.span)
    for argument in argument_map.arguments:
        node = ElementTree.SubElement(graph, f"{{{NAMESPACE}}}node", {"id": argument.id})
        data(node, "node", "kind", "argument")
        data(node, "node", "label", argument.scheme or argument.id)
        data(node, "node", "premises", _json(list(argument.premises)))
        data(node, "node", "conclusion", argument.conclusion)
        data(node, "node", "speaker", argument.speaker)
        data(node, "node", "speaker_name", names.get(argument.speaker or ""))
        data(node, "node", "tags", _json(list(argument.tags)))
        data(node, "node", "scheme", argument.scheme)
        data(node, "node", "weight", argument.weight)
        data(node, "node", "title", argument.title)
        data(node, "node", "note", argument.note)
        data(node, "node", "member_of", _json(member_of.get(argument.id, [])))
        span(node, "node", argument.span)

    count = 0

    def edge(source: str, target: str, kind: str, position: int) -> ElementTree.Element:
        nonlocal count
        count += 1
        element = ElementTree.SubElement(
            graph,
            f"{{{NAMESPACE}}}edge",
            {"id": f"e{count}", "source": source, "target": target},
        )
        data(element, "edge", "kind", kind)
        data(element, "edge", "position", position)
        return element

    for argument in argument_map.arguments:
        for index, premise in enumerate(argument.premises):
            edge(premise, argument.id, "premise", index)
        if argument.conclusion is not None:
            edge(argument.id, argument.conclusion, "conclusion", 0)
    for index, relation in enumerate(argument_map.relations):
        element = edge(relation.source, relation.target, relation.kind.value, index)
        data(element, "edge", "speaker", relation.speaker)
        data(element, "edge", "tags", _json(list(relation.tags)))
        span(element, "edge", relation.span)
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _span(where: Span) -> dict[str, int] | None:
    if where == NO_SPAN:
        return None
    return {
        "line": where.line,
        "column": where.column,
        "end_line": where.end_line,
        "end_column": where.end_column,
    }
