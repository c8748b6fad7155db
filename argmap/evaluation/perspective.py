"""One party's reading of a map: what survives given what it asserts, concedes and acknowledges."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from argmap.errors import InputError
from argmap.evaluation.evaluate import MAX_EXTENSIONS, Evaluation, evaluate, format_text
from argmap.evaluation.semantics import Semantics
from argmap.model import Argument, ArgumentMap, Group

# `--as all`: one reading per declared speaker.
ALL = "all"


@dataclass(frozen=True)
class Reading:
    """A map evaluated as one speaker reads it.

    `evaluation` covers the nodes of the speaker's reading only; `left_out` lists the map's
    other nodes (in source order), which are no part of that reading.
    """

    speaker: str
    argument_map: ArgumentMap
    evaluation: Evaluation
    left_out: tuple[str, ...]

    def label(self, node: str) -> str | None:
        """ "in", "out", "undec", or None for a node outside the reading."""
        if node in self.left_out:
            return None
        return self.evaluation.verdict(node).label.value


def _owner_of_argument(argument_map: ArgumentMap, argument: Argument) -> str | None:
    if argument.speaker is not None:
        return argument.speaker
    conclusion = argument_map.nodes_by_id.get(argument.conclusion or "")
    return conclusion.speaker if conclusion is not None else None


def reading_map(argument_map: ArgumentMap, speaker: str) -> ArgumentMap:
    """The part of the map a speaker stands behind.

    - its **commitments**: the statements attributed to it, and the arguments it makes
      (attributed to it, or concluding one of its statements without a speaker);
    - what it **concedes**: the premises and conclusions of its arguments, and the source of
      every support it draws;
    - the **relations it acknowledges**: those it draws (`owner`: its own speaker, the one
      speaker of both ends, or the objector of a conflict line), with the other party's node
      they reach (a statement it attacks is put forward, and rejected, in its reading).

    Relations drawn by others, and others' arguments, are no part of it: an attack on its
    commitments that it does not acknowledge does not defeat them in its reading.
    """
    if argument_map.speaker(speaker) is None:
        known = ", ".join(s.id for s in argument_map.speakers) or "none"
        raise InputError(f"no speaker '{speaker}' in the map (speakers: {known})")
    nodes = argument_map.nodes_by_id
    kept: dict[str, None] = {}
    for statement in argument_map.statements:
        if statement.speaker == speaker:
            kept[statement.id] = None
    arguments = [
        a for a in argument_map.arguments if _owner_of_argument(argument_map, a) == speaker
    ]
    for argument in arguments:
        kept[argument.id] = None
        for premise in argument.premises:
            if premise in nodes:
                kept[premise] = None
        if argument.conclusion in nodes:
            kept[argument.conclusion] = None
    relations = []
    for relation in argument_map.relations:
        if relation.source not in nodes or relation.target not in nodes:
            continue
        if argument_map.owner(relation) != speaker:
            continue
        relations.append(relation)
        kept[relation.source] = None
        kept[relation.target] = None
    # An undercut or a support drawn by the speaker may reach another party's argument: it
    # stands in the reading with what it needs.
    for node_id in list(kept):
        node = nodes[node_id]
        if isinstance(node, Argument) and node not in arguments:
            arguments.append(node)
            for premise in node.premises:
                if premise in nodes:
                    kept[premise] = None
            if node.conclusion in nodes:
                kept[node.conclusion] = None
    statements = tuple(s for s in argument_map.statements if s.id in kept)
    chosen = tuple(a for a in argument_map.arguments if a in arguments)
    groups = tuple(
        Group(g.name, tuple(m for m in g.members if m in kept), g.tags, g.span)
        for g in argument_map.groups
        if any(m in kept for m in g.members)
    )
    return replace(
        argument_map,
        statements=statements,
        arguments=chosen,
        relations=tuple(relations),
        groups=groups,
        expectations=(),
    )


def read_as(
    argument_map: ArgumentMap,
    speaker: str,
    semantics: Semantics | str = Semantics.GROUNDED,
    max_extensions: int = MAX_EXTENSIONS,
) -> Reading:
    """Evaluate the map as `speaker` reads it (see `reading_map`)."""
    part = reading_map(argument_map, speaker)
    evaluation = evaluate(part, semantics, max_extensions)
    inside = part.nodes_by_id
    left_out = tuple(n for n in _source_order(argument_map) if n not in inside)
    return Reading(speaker, part, evaluation, left_out)


def read_as_each(
    argument_map: ArgumentMap, semantics: Semantics | str = Semantics.GROUNDED
) -> tuple[Reading, ...]:
    """One reading per declared speaker, in declaration order."""
    return tuple(read_as(argument_map, s.id, semantics) for s in argument_map.speakers)


def _source_order(argument_map: ArgumentMap) -> list[str]:
    nodes = argument_map.nodes_by_id
    return sorted(nodes, key=lambda n: (nodes[n].span.line, nodes[n].span.column))


def format_reading(reading: Reading, argument_map: ArgumentMap) -> str:
    """The text report of one reading: the usual report, then what the reading leaves out."""
    who = argument_map.speaker(reading.speaker)
    name = f" ({who.name})" if who is not None else ""
    lines = [
        f"as @{reading.speaker}{name}: " + format_text(reading.evaluation, reading.argument_map)
    ]
    if reading.left_out:
        lines.append(
            f"not in @{reading.speaker}'s reading ({len(reading.left_out)}): "
            + ", ".join(reading.left_out)
            + "\n"
        )
    return "".join(lines)


# A cell of the `--as all` table for a node outside a reading.
NOT_READ = "·"


def format_readings(
    evaluation: Evaluation, readings: tuple[Reading, ...], argument_map: ArgumentMap
) -> str:
    """`--as all`: one row per node, the map's own label first, then one column per speaker."""
    nodes = [v.node for v in evaluation.verdicts]
    headers = ["map", *(r.speaker for r in readings)]
    widths = [max(len(h), 5) for h in headers]
    width = max((len(n) for n in nodes), default=4)
    lines = [
        f"{evaluation.semantics.value} semantics: the map's labels, then each speaker's "
        f"reading ({NOT_READ}: not part of it)",
        f"{'node':<{width}}  "
        + "  ".join(f"{h:<{w}}" for h, w in zip(headers, widths, strict=True)),
    ]
    for node in nodes:
        cells = [evaluation.verdict(node).label.value.upper()]
        for reading in readings:
            label = reading.label(node)
            cells.append(NOT_READ if label is None else label.upper())
        lines.append(
            f"{node:<{width}}  "
            + "  ".join(f"{c:<{w}}" for c, w in zip(cells, widths, strict=True)).rstrip()
        )
    return "\n".join(lines) + "\n"


def readings_json(
    evaluation: Evaluation, readings: tuple[Reading, ...], argument_map: ArgumentMap
) -> str:
    """`--as all --format json`: every node's label in the map and in each reading."""
    document = {
        "format": "argmap-readings",
        "version": 1,
        "path": argument_map.path,
        "semantics": evaluation.semantics.value,
        "speakers": [r.speaker for r in readings],
        "nodes": [
            {
                "id": v.node,
                "kind": v.kind.value,
                "map": v.label.value,
                "readings": {r.speaker: r.label(v.node) for r in readings},
                "reasons": {
                    r.speaker: r.evaluation.verdict(v.node).reason
                    for r in readings
                    if r.label(v.node) is not None
                },
            }
            for v in evaluation.verdicts
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


__all__ = [
    "ALL",
    "NOT_READ",
    "Reading",
    "format_reading",
    "format_readings",
    "read_as",
    "read_as_each",
    "reading_map",
    "readings_json",
]
