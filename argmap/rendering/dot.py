"""Turning an ArgumentMap into deterministic Graphviz DOT text (no Graphviz needed)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Final

from argmap.errors import ArgmapError
from argmap.model import Argument, ArgumentMap, Relation, RelationKind, Role, Statement
from argmap.rendering.quoting import printable, quote
from argmap.suggest import Suggester

THEMES: Final = ("colour", "mono")
RANKDIRS: Final = ("BT", "TB", "LR", "RL")
EVALUATION_LABELS: Final = ("in", "out", "undec")

# Text wraps at this many characters: about five words, a readable column in a box.
WRAP_WIDTH: Final = 32

# The only attributes this module ever writes. None of them makes Graphviz read a file
# (image, shapefile, fontpath, imagepath, stylesheet...), and none comes from the map: map
# text only ever reaches attribute *values*, through `quote`.
ALLOWED_ATTRIBUTES: Final = frozenset(
    {
        "arrowhead", "arrowsize", "arrowtail", "color", "compound", "constraint", "dir",
        "fillcolor", "fixedsize", "fontcolor", "fontname", "fontsize", "height", "id", "label",
        "labeljust", "labelloc", "margin", "newrank", "nodesep", "pencolor", "penwidth",
        "rankdir", "ranksep", "shape", "style", "tooltip", "width",
    }
)  # fmt: skip


class FocusNotFound(ArgmapError):
    """`--focus` names no statement or argument of the map."""


@dataclass(frozen=True)
class RenderOptions:
    """How a map is drawn; the defaults give a colour map with conclusions on top."""

    theme: str = "colour"
    rankdir: str = "BT"
    legend: bool = False
    show_ids: bool = False
    show_tags: bool = False
    focus: str | None = None
    labels: Mapping[str, str] | None = None
    # Why each node has its label (from an evaluation), shown in tooltips and the HTML page.
    explanations: Mapping[str, str] | None = None

    def __post_init__(self) -> None:
        if self.theme not in THEMES:
            raise ValueError(f"theme must be one of {', '.join(THEMES)}, not {self.theme!r}")
        if self.rankdir not in RANKDIRS:
            raise ValueError(f"rankdir must be one of {', '.join(RANKDIRS)}, not {self.rankdir!r}")
        for node_id, label in (self.labels or {}).items():
            if label not in EVALUATION_LABELS:
                raise ValueError(f"label of {node_id!r} must be in, out or undec, not {label!r}")


@dataclass(frozen=True)
class RoleLook:
    """How statements of one role are drawn: shape, style, border width, fill per theme."""

    shape: str
    style: str
    penwidth: str
    fill: str
    mono_fill: str


# Each role differs in shape or border as well as fill, so the roles stay apart in greyscale.
ROLE_LOOKS: Final[Mapping[Role, RoleLook]] = {
    Role.THESIS: RoleLook("box", "rounded,filled,bold", "3", "#bdd7ee", "#d9d9d9"),
    Role.CLAIM: RoleLook("box", "rounded,filled", "2", "#ddebf7", "#ededed"),
    Role.PREMISE: RoleLook("box", "rounded,filled", "1", "#e2f0d9", "#ffffff"),
    Role.ASSUMPTION: RoleLook("box", "rounded,filled,dashed", "1.5", "#ffffff", "#ffffff"),
    Role.EVIDENCE: RoleLook("note", "filled", "1", "#fff2cc", "#f2f2f2"),
    Role.OBJECTION: RoleLook("box", "filled", "2", "#f8cbad", "#d0d0d0"),
    Role.REBUTTAL: RoleLook("box", "filled,diagonals", "1.5", "#d5e8d4", "#f7f7f7"),
    Role.STATEMENT: RoleLook("box", "filled", "1", "#f2f2f2", "#ffffff"),
}


@dataclass(frozen=True)
class EdgeLook:
    """How one kind of edge is drawn: colour per theme, line style and arrowheads."""

    colour: str
    style: str
    arrowhead: str
    penwidth: str
    arrowtail: str = ""


# Line style and arrowhead tell the kinds apart without colour: support solid with an arrow,
# attack solid with a bar, undercut dashed with a bar, contradiction bold with diamonds.
EDGE_LOOKS: Final[Mapping[str, EdgeLook]] = {
    "premise": EdgeLook("#595959", "solid", "none", "1.2"),
    "conclusion": EdgeLook("#2e7d32", "solid", "normal", "1.5"),
    RelationKind.SUPPORT.value: EdgeLook("#2e7d32", "solid", "normal", "1.5"),
    RelationKind.ATTACK.value: EdgeLook("#c62828", "solid", "tee", "2"),
    RelationKind.UNDERCUT.value: EdgeLook("#7b1fa2", "dashed", "tee", "2"),
    RelationKind.CONTRADICTION.value: EdgeLook("#e65100", "bold", "odiamond", "2", "odiamond"),
}

# Evaluation labels: a word in the node (readable anywhere) and a fill per theme.
LABEL_LOOKS: Final[Mapping[str, tuple[str, str, str]]] = {
    "in": ("[IN] accepted", "#c6efce", "#ffffff"),
    "out": ("[OUT] defeated", "#ffc7ce", "#bfbfbf"),
    "undec": ("[UNDEC] undecided", "#ffeb9c", "#e6e6e6"),
}

FONT: Final = "Helvetica"
LEGEND_COLUMNS: Final = 4
BLACK: Final = "#000000"


def to_dot(argument_map: ArgumentMap, options: RenderOptions | None = None) -> str:
    """Return the DOT text of the map: same map and options, byte-for-byte the same text.

    Nodes come in source order (statements, then arguments), edges in source order (argument
    premises and conclusions, then relations). Relations that name an unknown node are left
    out: the checker reports them.
    """
    options = options or RenderOptions()
    view = _focus(argument_map, options.focus)
    return "\n".join(_DotWriter(argument_map, view, options).lines()) + "\n"


@dataclass(frozen=True)
class _View:
    """The part of the map that is drawn."""

    statements: tuple[Statement, ...]
    arguments: tuple[Argument, ...]
    relations: tuple[Relation, ...]


def _focus(argument_map: ArgumentMap, focus: str | None) -> _View:
    """The whole map, or the focus node and everything that bears on it, recursively."""
    known = argument_map.nodes_by_id
    relations = tuple(r for r in argument_map.relations if r.source in known and r.target in known)
    if focus is None:
        return _View(argument_map.statements, argument_map.arguments, relations)
    if focus not in known:
        guess = Suggester(known).suggest(focus)
        fix = f"; did you mean {guess!r}?" if guess else ""
        raise FocusNotFound(
            f"focus {focus!r}: the map has no statement or argument with this id{fix}"
        )
    # What bears on each node: arguments on their conclusion, premises on their argument,
    # sources on targets, and each side of a contradiction on the other.
    below: dict[str, list[str]] = {}
    for argument in argument_map.arguments:
        if argument.conclusion is not None:
            below.setdefault(argument.conclusion, []).append(argument.id)
        below.setdefault(argument.id, []).extend(argument.premises)
    for relation in relations:
        below.setdefault(relation.target, []).append(relation.source)
        if relation.kind is RelationKind.CONTRADICTION:
            below.setdefault(relation.source, []).append(relation.target)
    keep = {focus}
    pending = [focus]
    while pending:
        for other in below.get(pending.pop(), ()):
            if other in known and other not in keep:
                keep.add(other)
                pending.append(other)
    return _View(
        tuple(s for s in argument_map.statements if s.id in keep),
        tuple(a for a in argument_map.arguments if a.id in keep),
        tuple(r for r in relations if r.source in keep and r.target in keep),
    )


def _attributes(attributes: Mapping[str, str], tooltip: str | None = None) -> str:
    """`[key="value", ...]` with every value quoted; keys must be in ALLOWED_ATTRIBUTES."""
    parts = []
    for key, value in attributes.items():
        if key not in ALLOWED_ATTRIBUTES:
            raise AssertionError(f"attribute {key!r} is not allowed in generated DOT")
        parts.append(f"{key}={quote(value)}")
    if tooltip is not None:
        parts.append(f"tooltip={quote(tooltip, passes=2)}")
    return "[" + ", ".join(parts) + "]"


def wrap(text: str, width: int = WRAP_WIDTH) -> list[str]:
    """Lines of at most `width` characters (longer words are split); line breaks are kept."""
    lines: list[str] = []
    text = printable(text.replace("\r\n", "\n").replace("\r", "\n"))
    for paragraph in text.split("\n"):
        lines.extend(textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""])
    return lines


def humanise(identifier: str) -> str:
    """`expert_opinion` as `expert opinion`."""
    return identifier.replace("_", " ")


class _DotWriter:
    """Writes the DOT lines for one view of a map."""

    def __init__(self, argument_map: ArgumentMap, view: _View, options: RenderOptions) -> None:
        self.map = argument_map
        self.view = view
        self.options = options
        self.mono = options.theme == "mono"
        self.labels = dict(options.labels or {})
        self.edge_ids: dict[str, int] = {}
        self.speakers: dict[str, str] = {}
        for speaker in argument_map.speakers:
            self.speakers.setdefault(speaker.id, speaker.name)

    def lines(self) -> Iterator[str]:
        yield f"digraph {quote('argmap')} {{"
        graph = {
            "id": "argmap-graph",
            "rankdir": self.options.rankdir,
            "newrank": "true",
            "compound": "true",
            "nodesep": "0.3",
            "ranksep": "0.45",
            "fontname": FONT,
            "fontsize": "14",
        }
        if self.map.metadata.title:
            graph.update(label=self.map.metadata.title, labelloc="t")
        yield f"  graph {_attributes(graph)}"
        node = {"fontname": FONT, "fontsize": "11", "margin": "0.15,0.08", "color": BLACK}
        yield f"  node {_attributes(node)}"
        yield f"  edge {_attributes({'fontname': FONT, 'fontsize': '9'})}"
        for statement in self.view.statements:
            yield f"  {quote(statement.id)} {self._statement(statement)}"
        for argument in self.view.arguments:
            yield f"  {quote(argument.id)} {self._argument(argument)}"
        yield from self._edges()
        yield from self._groups()
        if self.options.legend:
            yield from self._legend()
        yield "}"

    # Nodes

    def _statement(self, statement: Statement) -> str:
        look = ROLE_LOOKS[statement.role]
        lines = wrap(statement.text)
        if self.options.show_ids:
            lines.insert(0, f"[{statement.id}]")
        speaker = self._speaker_name(statement.speaker)
        if speaker:
            lines.extend(wrap(f"\u2014 {speaker}"))
        if self.options.show_tags and statement.tags:
            lines.extend(wrap(" ".join(f"#{tag}" for tag in statement.tags)))
        fill = look.mono_fill if self.mono else look.fill
        fill = self._evaluation(statement.id, lines, fill)
        attributes = {
            "id": statement.id,
            "label": "\n".join(lines),
            "shape": look.shape,
            "style": look.style,
            "penwidth": look.penwidth,
            "fillcolor": fill,
        }
        tooltip = [statement.text, f"{statement.role.value} {statement.id}"]
        if speaker:
            tooltip.append(f"speaker: {speaker}")
        for key in ("cite", "quote", "url", "note", "raises"):
            value = getattr(statement, key)
            if value:
                tooltip.append(f"{key}: {value}")
        if statement.tags:
            tooltip.append("tags: " + " ".join(f"#{tag}" for tag in statement.tags))
        self._explain(statement.id, tooltip)
        return _attributes(attributes, "\n".join(tooltip))

    def _argument(self, argument: Argument) -> str:
        lines = wrap(humanise(argument.scheme)) if argument.scheme else []
        if self.options.show_ids:
            lines.append(f"[{argument.id}]")
        if self.options.show_tags and argument.tags:
            lines.extend(wrap(" ".join(f"#{tag}" for tag in argument.tags)))
        fill = self._evaluation(argument.id, lines, "#ffffff" if lines else "#595959")
        attributes = {"id": argument.id}
        if lines:
            attributes.update(
                label="\n".join(lines), shape="ellipse", style="filled", fontsize="9",
                fillcolor=fill, margin="0.05,0.02", height="0.3",
            )  # fmt: skip
        else:
            # A bare junction: the dot where linked premises meet.
            attributes.update(
                label="", shape="circle", style="filled", fixedsize="true", width="0.16",
                fillcolor=fill,
            )  # fmt: skip
        tooltip = [f"argument {argument.id}"]
        if argument.scheme:
            tooltip.append(f"scheme: {argument.scheme}")
        speaker = self._speaker_name(argument.speaker)
        if speaker:
            tooltip.append(f"speaker: {speaker}")
        if argument.note:
            tooltip.append(f"note: {argument.note}")
        if argument.tags:
            tooltip.append("tags: " + " ".join(f"#{tag}" for tag in argument.tags))
        self._explain(argument.id, tooltip)
        return _attributes(attributes, "\n".join(tooltip))

    def _explain(self, node_id: str, tooltip: list[str]) -> None:
        explanation = (self.options.explanations or {}).get(node_id)
        if explanation:
            tooltip.append(f"evaluation: {explanation}")

    def _evaluation(self, node_id: str, lines: list[str], fill: str) -> str:
        """Add the evaluation line to `lines` and return the fill to use."""
        label = self.labels.get(node_id)
        if label is None:
            return fill
        word, colour, mono = LABEL_LOOKS[label]
        lines.insert(0, word.split()[0])
        return mono if self.mono else colour

    def _speaker_name(self, speaker_id: str | None) -> str | None:
        if speaker_id is None:
            return None
        return self.speakers.get(speaker_id, speaker_id)

    # Edges

    def _edges(self) -> Iterator[str]:
        drawn = {s.id for s in self.view.statements} | {a.id for a in self.view.arguments}
        for argument in self.view.arguments:
            for premise in argument.premises:
                if premise in drawn:
                    yield self._edge("premise", premise, argument.id, f"premise of {argument.id}")
            if argument.conclusion is not None and argument.conclusion in drawn:
                yield self._edge(
                    "conclusion", argument.id, argument.conclusion,
                    f"{argument.id} concludes {argument.conclusion}",
                )  # fmt: skip
        for relation in self.view.relations:
            kind = relation.kind.value
            tooltip = [f"{relation.source} {kind} {relation.target}"]
            speaker = self._speaker_name(relation.speaker)
            if speaker:
                tooltip.append(f"speaker: {speaker}")
            if relation.tags:
                tooltip.append("tags: " + " ".join(f"#{tag}" for tag in relation.tags))
            tags = relation.tags if self.options.show_tags else ()
            yield self._edge(kind, relation.source, relation.target, "\n".join(tooltip), tags)

    def _edge(
        self, kind: str, source: str, target: str, tooltip: str, tags: Iterable[str] = ()
    ) -> str:
        look = EDGE_LOOKS[kind]
        attributes = {
            "id": self._edge_id(f"e-{kind}-{source}-{target}"),
            "color": BLACK if self.mono else look.colour,
            "style": look.style,
            "arrowhead": look.arrowhead,
            "penwidth": look.penwidth,
        }
        if look.arrowtail:
            # A contradiction is symmetric: arrows at both ends, and no rank order imposed.
            attributes.update(dir="both", arrowtail=look.arrowtail, constraint="false")
        label = " ".join(f"#{tag}" for tag in tags)
        if label:
            attributes["label"] = label
        return f"  {quote(source)} -> {quote(target)} {_attributes(attributes, tooltip)}"

    def _edge_id(self, base: str) -> str:
        """`base`, or `base-2`, `base-3`... for the second, third... edge with the same ends."""
        count = self.edge_ids.get(base, 0) + 1
        self.edge_ids[base] = count
        return base if count == 1 else f"{base}-{count}"

    # Clusters

    def _groups(self) -> Iterator[str]:
        drawn = {s.id for s in self.view.statements} | {a.id for a in self.view.arguments}
        placed: set[str] = set()
        for index, group in enumerate(self.map.groups, start=1):
            # Graphviz clusters cannot overlap: a node goes to the first group that lists it.
            members = [m for m in dict.fromkeys(group.members) if m in drawn and m not in placed]
            if not members:
                continue
            placed.update(members)
            label = group.name
            if self.options.show_tags and group.tags:
                label += "\n" + " ".join(f"#{tag}" for tag in group.tags)
            attributes = {
                "id": f"group-{index}",
                "label": label,
                "style": "rounded,dashed",
                "color": "#7f7f7f",
                "fontsize": "12",
                "labeljust": "l",
            }
            yield f"  subgraph {quote(f'cluster-group-{index}')} {{"
            yield f"    graph {_attributes(attributes)}"
            for member in members:
                yield f"    {quote(member)}"
            yield "  }"

    def _legend(self) -> Iterator[str]:
        yield f"  subgraph {quote('cluster-legend')} {{"
        attributes = {"id": "legend", "label": "Legend", "style": "rounded", "color": "#7f7f7f"}
        yield f"    graph {_attributes(attributes)}"
        # Each entry is (first node, last node): one node, or the two ends of a sample edge.
        entries: list[tuple[str, str]] = []
        roles = {statement.role for statement in self.view.statements}
        for role in Role:
            if role in roles:
                look = ROLE_LOOKS[role]
                name = f"legend-{role.value}"
                node = {
                    "id": name,
                    "label": role.value,
                    "shape": look.shape,
                    "style": look.style,
                    "penwidth": look.penwidth,
                    "fillcolor": look.mono_fill if self.mono else look.fill,
                }
                yield f"    {quote(name)} {_attributes(node)}"
                entries.append((name, name))
        kinds = ["premise"] if any(a.premises for a in self.view.arguments) else []
        present = {relation.kind for relation in self.view.relations}
        kinds += [kind.value for kind in RelationKind if kind in present]
        for kind in kinds:
            edge_look = EDGE_LOOKS[kind]
            ends = (f"legend-{kind}-from", f"legend-{kind}-to")
            for end in ends:
                point = {"id": end, "label": "", "shape": "point", "width": "0.05"}
                yield f"    {quote(end)} {_attributes(point)}"
            edge = {
                "id": f"legend-{kind}",
                "label": "linked premise" if kind == "premise" else kind,
                "color": BLACK if self.mono else edge_look.colour,
                "style": edge_look.style,
                "arrowhead": edge_look.arrowhead,
                "penwidth": edge_look.penwidth,
            }
            if edge_look.arrowtail:
                edge.update(dir="both", arrowtail=edge_look.arrowtail)
            yield f"    {quote(ends[0])} -> {quote(ends[1])} {_attributes(edge)}"
            entries.append(ends)
        for label in EVALUATION_LABELS:
            if label in self.labels.values():
                word, colour, mono = LABEL_LOOKS[label]
                name = f"legend-{label}"
                node = {
                    "id": name,
                    "label": word,
                    "shape": "box",
                    "style": "filled",
                    "fillcolor": mono if self.mono else colour,
                }
                yield f"    {quote(name)} {_attributes(node)}"
                entries.append((name, name))
        if self.map.speakers:
            lines = ["Speakers"]
            for speaker in self.map.speakers:
                lines.extend(wrap(f"{speaker.name} (@{speaker.id})"))
            node = {"id": "legend-speakers", "label": "\n".join(lines), "shape": "plaintext"}
            yield f"    {quote('legend-speakers')} {_attributes(node)}"
            entries.append(("legend-speakers", "legend-speakers"))
        # Invisible edges stack the entries in rows of LEGEND_COLUMNS, first row first.
        upward = self.options.rankdir in ("BT", "RL")
        for index in range(LEGEND_COLUMNS, len(entries)):
            earlier, later = entries[index - LEGEND_COLUMNS], entries[index]
            tail, head = (later[1], earlier[0]) if upward else (earlier[1], later[0])
            invisible = {"id": f"legend-row-{index}", "style": "invis"}
            yield f"    {quote(tail)} -> {quote(head)} {_attributes(invisible)}"
        yield "  }"
