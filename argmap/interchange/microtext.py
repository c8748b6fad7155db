"""The Argumentative Microtext Corpus (`arggraph` XML) read into an argument map."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field

from argmap.errors import InputError
from argmap.interchange.imported import ConversionWarning, IdMaker, Imported, tidy_text
from argmap.model import (
    Argument,
    ArgumentMap,
    Metadata,
    Relation,
    RelationKind,
    Role,
    Speaker,
    Statement,
)

PROPONENT = Speaker("proponent", "Proponent")
OPPONENT = Speaker("opponent", "Opponent")
EXAMPLE_TAG = "example"
_EDGE_TYPES = ("seg", "sup", "exa", "add", "reb", "und")


@dataclass
class _Edge:
    """One `edge` element and the additional premises (`add` edges) that point at it."""

    id: str
    type: str
    source: str
    target: str
    extra: list[str] = field(default_factory=list)


def parse_microtext(text: str, path: str = "<string>") -> Imported:
    """Read the XML text of one microtext (`arggraph`)."""
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        line, column = error.position
        reason = re.sub(r":\s*line \d+, column \d+$", "", str(error))
        raise InputError(f"{path}:{line}:{column + 1}: not well-formed XML ({reason})") from None
    except UnicodeEncodeError as error:  # a lone surrogate: only a str from Python has one
        raise InputError(
            f"{path}: not Unicode text (a lone surrogate, U+{ord(text[error.start]):04X}, at "
            f"character {error.start + 1})"
        ) from None
    return from_arggraph(root, path)


def _attribute(element: ElementTree.Element, name: str, path: str) -> str:
    value = element.get(name)
    if value is None:
        label = element.get("id")
        where = f"<{element.tag} id={label!r}>" if label else f"<{element.tag}>"
        raise InputError(f"{path}: {where} has no {name!r} attribute")
    return value


def from_arggraph(root: ElementTree.Element, path: str = "<string>") -> Imported:
    """Build an argument map from a parsed `arggraph` element.

    ADUs become statements (their text joined from the EDUs segmented into them), with the
    proponent or opponent as speaker. A `sup` or `exa` edge is a support, a `reb` edge an
    attack, an `und` edge an undercut of the argument its target edge stands for. An edge
    that has `add` edges (linked premises) or that is undercut becomes an argument named
    after the edge; the others stay plain relations.
    """
    if root.tag != "arggraph":
        raise InputError(
            f"{path}: not a microtext: the root element is <{root.tag}>, not <arggraph>"
        )
    warnings: list[ConversionWarning] = []
    ids = IdMaker()
    texts: dict[str, str] = {}
    for element in root.iter("edu"):
        texts[_attribute(element, "id", path)] = tidy_text(element.text or "")
    joints = {_attribute(element, "id", path) for element in root.iter("joint")}
    adus: dict[str, str] = {}
    for element in root.iter("adu"):
        adu = _attribute(element, "id", path)
        side = _attribute(element, "type", path)
        if side not in ("pro", "opp"):
            raise InputError(f"{path}: ADU {adu} has type {side!r}; expected 'pro' or 'opp'")
        adus[adu] = side
    edges: dict[str, _Edge] = {}
    for element in root.iter("edge"):
        edge = _Edge(
            _attribute(element, "id", path),
            _attribute(element, "type", path),
            _attribute(element, "src", path),
            _attribute(element, "trg", path),
        )
        if edge.type not in _EDGE_TYPES:
            raise InputError(
                f"{path}: edge {edge.id} has type {edge.type!r}; expected one of "
                + ", ".join(_EDGE_TYPES)
            )
        if edge.id in edges:
            raise InputError(f"{path}: edge id {edge.id} is used twice")
        edges[edge.id] = edge
    known = set(texts) | joints | set(adus) | set(edges)
    for edge in edges.values():
        for end in (edge.source, edge.target):
            if end not in known:
                raise InputError(
                    f"{path}: edge {edge.id} refers to node {end}, which does not exist"
                )
    segments = _segment_texts(texts, joints, adus, edges, path)
    statement_ids = {adu: ids.make(adu, "adu") for adu in adus}
    for edge in edges.values():
        if edge.type == "add":
            if edge.target not in edges or edges[edge.target].type == "seg":
                raise InputError(
                    f"{path}: add edge {edge.id} must point at a support, attack "
                    f"or undercut edge, not at {edge.target}"
                )
            if edge.source not in adus:
                raise InputError(
                    f"{path}: add edge {edge.id} starts at {edge.source}, which is not an ADU"
                )
            edges[edge.target].extra.append(edge.source)
    undercut = {e.target for e in edges.values() if e.type == "und"}
    arguments: list[Argument] = []
    relations: list[Relation] = []
    edge_ids: dict[str, str] = {}
    for edge in edges.values():
        if edge.type in ("seg", "add"):
            continue
        if edge.source not in adus:
            raise InputError(
                f"{path}: {edge.type} edge {edge.id} starts at {edge.source}, which is not an ADU"
            )
        if edge.type == "und":
            target = edges.get(edge.target)
            if target is None or target.type in ("seg", "add"):
                raise InputError(
                    f"{path}: und edge {edge.id} must point at a support, "
                    f"attack or undercut edge, not at {edge.target}"
                )
        elif edge.target not in adus:
            raise InputError(
                f"{path}: {edge.type} edge {edge.id} must point at an ADU, not at {edge.target}"
            )
        if edge.extra or edge.id in undercut:
            edge_ids[edge.id] = ids.make(edge.id, "edge")
    for edge in edges.values():
        if edge.type in ("seg", "add"):
            continue
        speaker = PROPONENT.id if adus[edge.source] == "pro" else OPPONENT.id
        premises = tuple(statement_ids[adu] for adu in (edge.source, *edge.extra))
        tags = (EXAMPLE_TAG,) if edge.type == "exa" else ()
        aim = edge_ids[edge.target] if edge.type == "und" else statement_ids[edge.target]
        if edge.id in edge_ids:
            if edge.type in ("sup", "exa"):
                arguments.append(
                    Argument(edge_ids[edge.id], premises, aim, speaker=speaker, tags=tags)
                )
                continue
            arguments.append(Argument(edge_ids[edge.id], premises, None, speaker=speaker))
            source = edge_ids[edge.id]
        else:
            source = premises[0]
        relation = {
            "sup": RelationKind.SUPPORT,
            "exa": RelationKind.SUPPORT,
            "reb": RelationKind.ATTACK,
            "und": RelationKind.UNDERCUT,
        }[edge.type]
        relations.append(Relation(relation, source, aim, speaker=speaker, tags=tags))
    statements = tuple(
        Statement(
            statement_ids[adu],
            _role(adu, kind, edges),
            segments.get(adu, ""),
            speaker=PROPONENT.id if kind == "pro" else OPPONENT.id,
        )
        for adu, kind in adus.items()
    )
    for adu in adus:
        if adu not in segments:
            warnings.append(
                ConversionWarning(
                    path, adu, "ADU has no text (no seg edge leads to it); imported with empty text"
                )
            )
    name = root.get("id") or path.replace("\\", "/").rsplit("/", 1)[-1]
    details = ", ".join(
        f"{key}: {root.get(key)}" for key in ("topic_id", "stance") if root.get(key)
    )
    metadata = Metadata(
        title=name,
        source="Argumentative Microtext Corpus" + (f" ({details})" if details else ""),
        language="en" if "micro_b" in name or "micro_k" in name else None,
    )
    speakers = tuple(
        speaker
        for speaker, kind in ((PROPONENT, "pro"), (OPPONENT, "opp"))
        if kind in adus.values()
    )
    argument_map = ArgumentMap(
        metadata=metadata,
        speakers=speakers,
        statements=statements,
        arguments=tuple(arguments),
        relations=tuple(relations),
        path=path,
    )
    return Imported(argument_map, tuple(warnings))


def _segment_texts(
    texts: dict[str, str],
    joints: set[str],
    adus: dict[str, str],
    edges: dict[str, _Edge],
    path: str,
) -> dict[str, str]:
    """The text of every ADU: its EDUs (directly or through joints) in document order."""
    parts: dict[str, list[str]] = {}
    for edge in edges.values():
        if edge.type == "seg":
            parts.setdefault(edge.target, []).append(edge.source)

    def resolve(node: str, trail: tuple[str, ...]) -> list[str]:
        if node in trail:
            cycle = " -> ".join((*trail, node))
            raise InputError(f"{path}: segmentation edges form a cycle at node {node} ({cycle})")
        if node in texts:
            return [node]
        return [edu for part in parts.get(node, []) for edu in resolve(part, (*trail, node))]

    order = {edu: index for index, edu in enumerate(texts)}
    result: dict[str, str] = {}
    for adu in adus:
        if adu in parts:
            edus = sorted(set(resolve(adu, ())), key=order.__getitem__)
            result[adu] = " ".join(texts[edu] for edu in edus if texts[edu])
    for node in parts:
        if node not in adus and node not in joints:
            raise InputError(
                f"{path}: seg edge points at {node}, which is neither an ADU nor a joint"
            )
    return result


def _role(adu: str, kind: str, edges: dict[str, _Edge]) -> Role:
    outgoing = [e for e in edges.values() if e.source == adu and e.type not in ("seg",)]
    if not outgoing:
        return Role.THESIS
    if any(e.type in ("reb", "und") for e in outgoing):
        return Role.OBJECTION if kind == "opp" else Role.REBUTTAL
    if any(e.type == "exa" for e in outgoing):
        return Role.EVIDENCE
    incoming = [e for e in edges.values() if e.target == adu and e.type in ("sup", "exa")]
    return Role.CLAIM if incoming else Role.PREMISE
