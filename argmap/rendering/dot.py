"""Turning an ArgumentMap into deterministic Graphviz DOT text (no Graphviz needed)."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final, NamedTuple

from argmap.errors import ArgmapError
from argmap.model import (
    Argument,
    ArgumentMap,
    Relation,
    RelationKind,
    Role,
    Speaker,
    Statement,
)
from argmap.rendering.quoting import html_text, printable, quote
from argmap.suggest import Suggester


class Theme(StrEnum):
    """Colours for the screen, or greys for print."""

    COLOUR = "colour"
    MONO = "mono"


class RankDir(StrEnum):
    """Which way support flows; AUTO picks BT or LR from the map's shape."""

    AUTO = "auto"
    BT = "BT"
    TB = "TB"
    LR = "LR"
    RL = "RL"


class Labels(StrEnum):
    """What a box says: its short title, its full text, or both (bold title over the text)."""

    AUTO = "auto"
    TITLE = "title"
    TEXT = "text"
    BOTH = "both"


class ColorBy(StrEnum):
    """What the fill colour tells: the role, the speaker or the first tag of each node."""

    AUTO = "auto"
    ROLE = "role"
    SPEAKER = "speaker"
    TAG = "tag"


class Groups(StrEnum):
    """Whether the map's groups are drawn as boxes (clusters) around their members."""

    AUTO = "auto"
    CLUSTER = "cluster"
    NONE = "none"


THEMES: Final = tuple(theme.value for theme in Theme)
RANKDIRS: Final = tuple(rankdir.value for rankdir in RankDir)
LABEL_STYLES: Final = tuple(labels.value for labels in Labels)
COLOR_BYS: Final = tuple(color_by.value for color_by in ColorBy)
GROUP_STYLES: Final = tuple(groups.value for groups in Groups)
EVALUATION_LABELS: Final = ("in", "out", "undec")

# Text wraps at this many characters: about five words, a readable column in a box.
WRAP_WIDTH: Final = 32
# Up to this many drawn nodes, AUTO labels show the title over the text; above, titles only.
SMALL_MAP: Final = 25
# The longest text a box shows; the full text stays in the tooltip.
MAX_LABEL_TEXT: Final = 600

# The only attributes this module ever writes. None of them makes Graphviz read a file
# (image, shapefile, fontpath, imagepath, stylesheet...), and none comes from the map: map
# text only ever reaches attribute *values*, through `quote` or `html_text`.
ALLOWED_ATTRIBUTES: Final = frozenset(
    {
        "arrowhead", "arrowsize", "arrowtail", "color", "compound", "constraint", "dir",
        "fillcolor", "fixedsize", "fontcolor", "fontname", "fontsize", "height", "id", "label",
        "labeljust", "labelloc", "margin", "mclimit", "minlen", "newrank", "nodesep", "pencolor",
        "penwidth", "rank", "rankdir", "ranksep", "searchsize", "shape", "style", "tooltip",
        "weight", "width",
    }
)  # fmt: skip

# Edge ids are `e-KIND-SOURCE-TARGET` (then `-2`, `-3`... for repeats): map ids never contain
# '-', so the page's script splits them on '-' (argmap/rendering/static/argmap.js).
EDGE_ID_PREFIX: Final = "e"
EDGE_ID_SEPARATOR: Final = "-"


def edge_id(kind: str, source: str, target: str) -> str:
    """The SVG id of the edge of `kind` from `source` to `target` (before any `-N` suffix)."""
    return EDGE_ID_SEPARATOR.join((EDGE_ID_PREFIX, kind, source, target))


class FocusNotFound(ArgmapError):
    """The focus names no statement or argument of the map."""


class EmptyView(ArgmapError):
    """The filters leave nothing to draw."""


@dataclass(frozen=True)
class RenderOptions:
    """How a map is drawn. The defaults pick what reads best for the map (see docs/rendering.md).

    `labels` are evaluation labels (node id -> "in", "out" or "undec"); `label_style` says
    what each box shows. Strings are accepted wherever an enum is expected.
    """

    theme: Theme = Theme.COLOUR
    rankdir: RankDir = RankDir.AUTO
    # None: a legend whenever colours or borders need a key (speakers, tags, evaluation).
    legend: bool | None = None
    show_ids: bool = False
    show_tags: bool = False
    focus: str | None = None
    # With a focus: how many steps away from it to draw (None: all the way).
    depth: int | None = None
    label_style: Labels = Labels.AUTO
    color_by: ColorBy = ColorBy.AUTO
    groups: Groups = Groups.AUTO
    # Theses and main claims only, each with its arguments folded into it.
    overview: bool = False
    only_tags: tuple[str, ...] = ()
    only_speakers: tuple[str, ...] = ()
    only_groups: tuple[str, ...] = ()
    labels: Mapping[str, str] | None = None
    # Why each node has its label (from an evaluation), shown in tooltips and the HTML page.
    explanations: Mapping[str, str] | None = None

    def __post_init__(self) -> None:
        for name, kind in (
            ("theme", Theme),
            ("rankdir", RankDir),
            ("label_style", Labels),
            ("color_by", ColorBy),
            ("groups", Groups),
        ):
            value = getattr(self, name)
            try:
                object.__setattr__(self, name, kind(value))
            except ValueError:
                choices = ", ".join(member.value for member in kind)
                raise ValueError(f"{name} must be one of {choices}, not {value!r}") from None
        if self.depth is not None and self.depth < 0:
            raise ValueError(f"depth must be 0 or more, not {self.depth}")
        for name in ("only_tags", "only_speakers", "only_groups"):
            value = getattr(self, name)
            if isinstance(value, str):
                raise TypeError(f"{name} must be a tuple of strings, not the string {value!r}")
            object.__setattr__(self, name, tuple(value))
        for node_id, label in (self.labels or {}).items():
            if label not in EVALUATION_LABELS:
                raise ValueError(f"label of {node_id!r} must be in, out or undec, not {label!r}")


# The looks are named tuples rather than dataclasses: as cheap to read, cheaper to define
# (a render's start-up counts on small maps).
class RoleLook(NamedTuple):
    """How statements of one role are drawn: shape, style, border width, fill per theme."""

    shape: str
    style: str
    penwidth: str
    fill: str
    mono_fill: str


# Each role differs in shape or border as well as fill, so the roles stay apart in greyscale
# and when the fill tells the speaker instead.
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

# Paul Tol's "light" scheme: fills that stay apart for colour-blind readers and keep black
# text readable (https://personal.sron.nl/~pault/). Speakers beyond these share the last.
SPEAKER_FILLS: Final = (
    "#77aadd", "#ee8866", "#eedd88", "#44bb99", "#ffaabb", "#99ddff", "#bbcc33", "#aaaa00",
    "#dddddd",
)  # fmt: skip
# In greyscale, speakers are told apart by these greys (and the legend).
SPEAKER_GREYS: Final = ("#ffffff", "#d9d9d9", "#f2f2f2", "#bfbfbf", "#e6e6e6", "#a6a6a6")
UNATTRIBUTED_FILL: Final = "#ffffff"
# How the legend describes each role's border when the fill tells the speaker.
ROLE_SAMPLES: Final[Mapping[Role, str]] = {
    Role.THESIS: "<B>\u2588 bold</B>",
    Role.CLAIM: "\u25a2 round",
    Role.PREMISE: "\u25a2 thin",
    Role.ASSUMPTION: "\u2b1a dashed",
    Role.EVIDENCE: "\u25f0 page",
    Role.OBJECTION: "\u25a0 square",
    Role.REBUTTAL: "\u25e9 cut",
    Role.STATEMENT: "\u25a1 plain",
}


class EdgeLook(NamedTuple):
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
    RelationKind.CONTRADICTION.value: EdgeLook("#e65100", "bold", "odiamond", "2.5", "odiamond"),
}


class LabelLook(NamedTuple):
    """How an evaluation label is drawn: a badge word and the node's border."""

    badge: str
    colour: str
    style: str


# Evaluation labels keep the fill (role or speaker) and show as a badge and a border whose
# line style differs too, so they read in greyscale and for colour-blind readers.
LABEL_LOOKS: Final[Mapping[str, LabelLook]] = {
    "in": LabelLook("IN", "#1a7f37", "solid"),
    "out": LabelLook("OUT", "#b2182b", "dashed"),
    "undec": LabelLook("UNDEC", "#b35806", "dotted"),
}
LABEL_PENWIDTH: Final = "3.5"

FONT: Final = "Helvetica"
FONT_SIZE: Final = 12
SMALL_FONT_SIZE: Final = 10
BLACK: Final = "#000000"
LEGEND_COLUMNS: Final = 3
# Up to this many nodes, Graphviz searches longer for a layout with fewer crossings.
LONG_SEARCH_NODES: Final = 200


def title_of(node: Statement | Argument) -> str:
    """The node's title, or one derived from its id: `principles_contradict` reads "Principles
    contradict", and `un.principles_contradict` reads the same."""
    if node.title:
        return node.title
    # An id of a map imported with a name (`charter.integrity`) reads as the map's own does.
    words = node.id.rsplit(".", 1)[-1].replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def to_dot(argument_map: ArgumentMap, options: RenderOptions | None = None) -> str:
    """Return the DOT text of the map: same map and options, byte-for-byte the same text.

    Nodes come in source order (statements, then arguments), edges in source order (argument
    premises and conclusions, then relations). Relations that name an unknown node are left
    out: the checker reports them.
    """
    options = options or RenderOptions()
    return "".join(dot_pieces(select(argument_map, options), options))


# About this many characters of DOT go to Graphviz at a time (`dot_pieces`).
PIECE_SIZE: Final = 1 << 16


def dot_pieces(view: View, options: RenderOptions, size: int = PIECE_SIZE) -> Iterator[str]:
    """The DOT text of a view (see `select`) in whole lines, about `size` characters at a time,
    as it is made: joined, the pieces are `to_dot`'s text. Graphviz can read the first while
    the rest is built."""
    lines: list[str] = []
    length = 0
    for line in _DotWriter(view.map, view, options).lines():
        lines.append(line)
        length += len(line) + 1
        if length >= size:
            lines.append("")
            yield "\n".join(lines)
            lines, length = [], 0
    if lines:
        lines.append("")
        yield "\n".join(lines)


@dataclass(frozen=True)
class View:
    """The part of the map that is drawn, and for an overview what each node folds in."""

    map: ArgumentMap
    statements: tuple[Statement, ...]
    arguments: tuple[Argument, ...]
    relations: tuple[Relation, ...]
    folded: Mapping[str, str] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.statements) + len(self.arguments)

    @property
    def ids(self) -> set[str]:
        return {s.id for s in self.statements} | {a.id for a in self.arguments}


def _bearers(argument_map: ArgumentMap) -> dict[str, list[tuple[str, str]]]:
    """Per node: the nodes that bear on it, with "support" or "attack" (or "contradicts")."""
    known = argument_map.nodes_by_id
    below: dict[str, list[tuple[str, str]]] = {}
    for argument in argument_map.arguments:
        if argument.conclusion is not None:
            below.setdefault(argument.conclusion, []).append((argument.id, "support"))
        for premise in argument.premises:
            below.setdefault(argument.id, []).append((premise, "support"))
    for relation in argument_map.relations:
        if relation.source not in known or relation.target not in known:
            continue
        kind = "support" if relation.kind is RelationKind.SUPPORT else "attack"
        if relation.kind is RelationKind.CONTRADICTION:
            kind = "contradicts"
            below.setdefault(relation.source, []).append((relation.target, kind))
        below.setdefault(relation.target, []).append((relation.source, kind))
    return below


def select(argument_map: ArgumentMap, options: RenderOptions) -> View:
    """The view the options ask for: filters, then focus and depth, then the overview."""
    known = argument_map.nodes_by_id
    keep = set(known)
    if options.only_tags or options.only_speakers or options.only_groups:
        keep = _filtered(argument_map, options)
        if not keep:
            wanted = [f"#{t}" for t in options.only_tags]
            wanted += [f"@{s}" for s in options.only_speakers]
            wanted += [repr(g) for g in options.only_groups]
            raise EmptyView(f"no statement or argument matches {' or '.join(wanted)}")
    if options.focus is not None:
        if options.focus not in known:
            guess = Suggester(known).suggest(options.focus)
            shown = ", ".join(sorted(known)[:8]) + (", ..." if len(known) > 8 else "")
            fix = f"; did you mean {guess!r}?" if guess else f"; its ids are {shown}"
            raise FocusNotFound(
                f"focus {options.focus!r}: the map has no statement or argument with this id{fix}"
            )
        keep = _around(argument_map, options.focus, options.depth, keep)
    view = _restrict(argument_map, keep)
    if options.overview:
        return overview(view)
    return view


def _restrict(argument_map: ArgumentMap, keep: set[str]) -> View:
    known = argument_map.nodes_by_id
    return View(
        argument_map,
        tuple(s for s in argument_map.statements if s.id in keep and known[s.id] is s),
        tuple(a for a in argument_map.arguments if a.id in keep and known[a.id] is a),
        tuple(
            r
            for r in argument_map.relations
            if r.source in keep and r.target in keep and r.source in known and r.target in known
        ),
    )


def _filtered(argument_map: ArgumentMap, options: RenderOptions) -> set[str]:
    """Nodes with one of the tags or speakers, or in one of the groups; an argument stays
    when its conclusion and one of its premises stay, and then with all its premises."""
    in_group = {m for g in argument_map.groups if g.name in options.only_groups for m in g.members}

    def matches(node: Statement | Argument) -> bool:
        return (
            any(tag in options.only_tags for tag in node.tags)
            or (node.speaker is not None and node.speaker in options.only_speakers)
            or node.id in in_group
        )

    keep = {node_id for node_id, node in argument_map.nodes_by_id.items() if matches(node)}
    for argument in argument_map.arguments:
        if argument.conclusion in keep and any(p in keep for p in argument.premises):
            keep.add(argument.id)
    # An argument is drawn whole: all its premises come with it.
    for argument in argument_map.arguments:
        if argument.id in keep:
            keep.update(p for p in argument.premises if p in argument_map.nodes_by_id)
    return keep


def _around(
    argument_map: ArgumentMap, focus: str, depth: int | None, allowed: set[str]
) -> set[str]:
    """The focus and what bears on it, recursively, up to `depth` steps away."""
    below = _bearers(argument_map)
    keep = {focus}
    frontier = [focus]
    steps = 0
    while frontier and (depth is None or steps < depth):
        steps += 1
        following = []
        for node in frontier:
            for other, _ in below.get(node, ()):
                if other in allowed and other not in keep:
                    keep.add(other)
                    following.append(other)
        frontier = following
    return keep


def overview(view: View) -> View:
    """Theses and main claims only; each folds in the arguments, premises and objections
    below it (counted on its box: arguments, reasons, and attacks with the replies to them),
    and they are joined where one bears on another."""
    argument_map = view.map
    drawn = view.ids
    below = _bearers(argument_map)
    theses = {s.id for s in view.statements if s.role is Role.THESIS}
    bears_on: dict[str, set[str]] = {}
    for target, sources in below.items():
        for source, kind in sources:
            if kind != "contradicts":
                bears_on.setdefault(source, set()).add(target)

    def reaches_thesis(node: str) -> bool:
        """Whether the claim bears on a thesis directly or through one argument."""
        for target in bears_on.get(node, ()):
            if target in theses:
                return True
            if argument_map.argument(target) is not None and bears_on.get(target, set()) & theses:
                return True
        return False

    kept = set(theses)
    for statement in view.statements:
        if statement.role is Role.CLAIM and (
            not (bears_on.get(statement.id, set()) & drawn) or reaches_thesis(statement.id)
        ):
            kept.add(statement.id)
    if not kept:
        kept = {s.id for s in view.statements if not (bears_on.get(s.id, set()) & drawn)}
    relations: list[Relation] = []
    folded: dict[str, str] = {}
    seen_edges: set[tuple[str, str, str]] = set()
    for statement in view.statements:
        if statement.id not in kept:
            continue
        premises = objections = arguments = 0
        visited = {statement.id}
        stack = [(statement.id, "")]
        while stack:
            node, inherited = stack.pop()
            for source, kind in below.get(node, ()):
                if source not in drawn or kind == "contradicts":
                    continue
                # An attack anywhere on the way is an attack on what the node folds in.
                effective = "attack" if kind == "attack" else (inherited or kind)
                if source in kept:
                    edge = (source, statement.id, effective)
                    if edge not in seen_edges and source != statement.id:
                        seen_edges.add(edge)
                        relation_kind = (
                            RelationKind.SUPPORT if effective == "support" else RelationKind.ATTACK
                        )
                        relations.append(Relation(relation_kind, source, statement.id))
                    continue
                if source in visited:
                    continue
                visited.add(source)
                if argument_map.argument(source) is not None:
                    arguments += 1
                elif effective == "attack":
                    objections += 1
                else:
                    premises += 1
                stack.append((source, effective))
        parts = []
        for count, word in (
            (arguments, "argument"),
            (premises, "reason"),
            (objections, "attack"),
        ):
            if count:
                parts.append(f"{count} {word}{'' if count == 1 else 's'}")
        if parts:
            folded[statement.id] = "+ " + ", ".join(parts)
    for relation in view.relations:
        if (
            relation.kind is RelationKind.CONTRADICTION
            and {relation.source, relation.target} <= kept
        ):
            relations.append(relation)
    statements = tuple(s for s in view.statements if s.id in kept)
    return View(argument_map, statements, (), tuple(relations), folded)


def _attributes(attributes: Mapping[str, str], tooltip: str | None = None) -> str:
    """`[key="value", ...]` with every value quoted; keys must be in ALLOWED_ATTRIBUTES."""
    if not attributes.keys() <= ALLOWED_ATTRIBUTES:
        key = next(key for key in attributes if key not in ALLOWED_ATTRIBUTES)
        raise AssertionError(f"attribute {key!r} is not allowed in generated DOT")
    parts = [
        f"{key}={value.dot()}" if isinstance(value, HtmlLabel) else f"{key}={quote(value)}"
        for key, value in attributes.items()
    ]
    if tooltip is not None:
        parts.append(f"tooltip={quote(tooltip, passes=2)}")
    return "[" + ", ".join(parts) + "]"


class HtmlLabel(str):
    """An HTML-like label built only by `_html`: markup of ours around `html_text` pieces."""

    __slots__ = ()

    def dot(self) -> str:
        return f"<{self}>"


def wrap(text: str, width: int = WRAP_WIDTH) -> list[str]:
    """Lines of at most `width` characters (longer words are split); line breaks are kept."""
    lines: list[str] = []
    text = printable(text.replace("\r\n", "\n").replace("\r", "\n"))
    for paragraph in text.split("\n"):
        if len(paragraph) <= width and paragraph and _ONE_LINE.fullmatch(paragraph):
            # What textwrap gives a short line without tabs or white space at its ends.
            lines.append(paragraph)
        else:
            lines.extend(textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""])
    return lines


# A line that textwrap leaves whole when it fits: no tab or other white space but the space,
# and nothing white at either end (Python's `str.isspace`, which textwrap drops there).
_ONE_LINE = re.compile(r"(?=\S)[^\t\n\r\x0b\x0c]*(?<=\S)")


def humanise(identifier: str) -> str:
    """`expert_opinion` as `expert opinion`."""
    return identifier.replace("_", " ")


class _Line:
    """One line of a box: its text and how it is set."""

    __slots__ = ("bold", "colour", "italic", "size", "text")

    def __init__(
        self,
        text: str,
        bold: bool = False,
        italic: bool = False,
        size: int = FONT_SIZE,
        colour: str | None = None,
    ) -> None:
        self.text = text
        self.bold = bold
        self.italic = italic
        self.size = size
        self.colour = colour


def _html(lines: list[_Line]) -> HtmlLabel:
    """The lines as an HTML-like label; every piece of text goes through `html_text`."""
    parts = []
    for line in lines:
        text = html_text(line.text)
        if not text.strip():
            parts.append("")  # Graphviz refuses an empty <B></B> or <FONT></FONT>
            continue
        if line.bold:
            text = f"<B>{text}</B>"
        if line.italic:
            text = f"<I>{text}</I>"
        colour = f' COLOR="{line.colour}"' if line.colour else ""
        if line.size != FONT_SIZE or colour:
            text = f'<FONT POINT-SIZE="{line.size}"{colour}>{text}</FONT>'
        parts.append(text)
    # Graphviz refuses an empty HTML-like label; a space draws the same empty box.
    return HtmlLabel("<BR/>".join(parts) or " ")


def _clip(text: str) -> str:
    return text if len(text) <= MAX_LABEL_TEXT else text[: MAX_LABEL_TEXT - 1] + "\u2026"


def speaker_colours(argument_map: ArgumentMap, mono: bool = False) -> dict[str, str]:
    """A fill per speaker: the most quoted speakers first get the most distinct colours."""
    counts: dict[str, int] = {}
    order = [speaker.id for speaker in argument_map.speakers]
    nodes: list[Statement | Argument] = [*argument_map.statements, *argument_map.arguments]
    for node in nodes:
        if node.speaker is not None:
            counts[node.speaker] = counts.get(node.speaker, 0) + 1
            if node.speaker not in order:
                order.append(node.speaker)
    ranked = sorted(order, key=lambda s: (-counts.get(s, 0), order.index(s)))
    palette = SPEAKER_GREYS if mono else SPEAKER_FILLS
    return {s: palette[min(i, len(palette) - 1)] for i, s in enumerate(ranked)}


def _layers(view: View) -> dict[str, int]:
    """The rank of each node along support (longest path from the leaves)."""
    up: dict[str, list[str]] = {}
    for argument in view.arguments:
        for premise in argument.premises:
            up.setdefault(premise, []).append(argument.id)
        if argument.conclusion is not None:
            up.setdefault(argument.id, []).append(argument.conclusion)
    for relation in view.relations:
        if relation.kind is not RelationKind.CONTRADICTION:
            up.setdefault(relation.source, []).append(relation.target)
    ids = view.ids
    rank: dict[str, int] = {}
    for node in sorted(ids):
        stack = [(node, 0)]
        guard = 0
        while stack and guard < 20 * len(ids) + 100:
            guard += 1
            current, level = stack.pop()
            if rank.get(current, -1) >= level:
                continue
            rank[current] = level
            if level < len(ids):
                stack.extend((target, level + 1) for target in up.get(current, ()) if target in ids)
    return rank


class _DotWriter:
    """Writes the DOT lines for one view of a map."""

    def __init__(self, argument_map: ArgumentMap, view: View, options: RenderOptions) -> None:
        self.map = argument_map
        self.view = view
        self.options = options
        self.mono = options.theme is Theme.MONO
        self.labels = dict(options.labels or {})
        self.edge_ids: dict[str, int] = {}
        self.speakers: dict[str, str] = {}
        for speaker in argument_map.speakers:
            self.speakers.setdefault(speaker.id, speaker.name)
        self.label_style = self._label_style()
        self.color_by = self._color_by()
        self.fills = speaker_colours(argument_map, self.mono)
        self.tag_fills = self._tag_fills()
        self.clusters = self._clusters()
        # Each statement's lines, made once: choosing the direction measures them too.
        self.statement_lines: dict[str, list[_Line]] = {}
        self.rankdir = self._rankdir()
        legend = options.legend
        if legend is None:
            legend = self.color_by in (ColorBy.SPEAKER, ColorBy.TAG) or bool(self.labels)
        self.legend = legend

    # Choices that depend on the map

    def _label_style(self) -> Labels:
        if self.options.label_style is not Labels.AUTO:
            return self.options.label_style
        if self.view.folded or self.view.size > SMALL_MAP:
            return Labels.TITLE
        return Labels.BOTH

    def _color_by(self) -> ColorBy:
        if self.options.color_by is not ColorBy.AUTO:
            return self.options.color_by
        speakers = {n.speaker for n in self.view.statements if n.speaker is not None}
        return ColorBy.SPEAKER if len(speakers) >= 2 else ColorBy.ROLE

    def _tag_fills(self) -> dict[str, str]:
        tags: list[str] = []
        for node in self.view.statements:
            if node.tags and node.tags[0] not in tags:
                tags.append(node.tags[0])
        palette = SPEAKER_GREYS if self.mono else SPEAKER_FILLS
        return {tag: palette[min(i, len(palette) - 1)] for i, tag in enumerate(tags)}

    def _clusters(self) -> list[tuple[int, str, list[str], tuple[str, ...]]]:
        """(index, name, members, tags) of the groups to draw as clusters, possibly none.

        A node goes to the first group that lists it; an argument without a group joins its
        conclusion's, and a premise used by one argument only joins that argument's group, so
        clusters follow the argument structure. AUTO drops the clusters when they would still
        cut more than a fifth of the edges.
        """
        if self.options.groups is Groups.NONE or self.view.folded:
            return []
        drawn = self.view.ids
        home: dict[str, int] = {}
        for index, group in enumerate(self.map.groups, start=1):
            for member in group.members:
                if member in drawn:
                    home.setdefault(member, index)
        if not home:
            return []
        uses: dict[str, list[str]] = {}
        for argument in self.view.arguments:
            if argument.id not in home and argument.conclusion in home:
                home[argument.id] = home[argument.conclusion]
            for premise in argument.premises:
                uses.setdefault(premise, []).append(argument.id)
        for premise, arguments in uses.items():
            if len(arguments) == 1 and arguments[0] in home and premise in drawn:
                home[premise] = home[arguments[0]]
        if self.options.groups is Groups.AUTO:
            edges = self._structure_edges()
            cut = sum(1 for a, b in edges if home.get(a, a) != home.get(b, b))
            if edges and cut * 5 > len(edges):
                return []
        clusters = []
        for index, group in enumerate(self.map.groups, start=1):
            members = [n for n in self._node_order() if home.get(n) == index]
            if members:
                clusters.append((index, group.name, members, group.tags))
        return clusters

    def _node_order(self) -> list[str]:
        return [s.id for s in self.view.statements] + [a.id for a in self.view.arguments]

    def _structure_edges(self) -> list[tuple[str, str]]:
        edges: list[tuple[str, str]] = []
        for argument in self.view.arguments:
            edges.extend((p, argument.id) for p in argument.premises)
            if argument.conclusion is not None:
                edges.append((argument.id, argument.conclusion))
        edges.extend((r.source, r.target) for r in self.view.relations)
        drawn = self.view.ids
        return [(a, b) for a, b in edges if a in drawn and b in drawn]

    def _rankdir(self) -> RankDir:
        """The given direction, or BT unless the map is much wider than tall drawn so (LR)."""
        if self.options.rankdir is not RankDir.AUTO:
            return self.options.rankdir
        rank = _layers(self.view)
        if not rank:
            return RankDir.BT
        widths: dict[int, float] = {}
        heights: dict[int, float] = {}
        # Per level, in the order the nodes were ranked: the sum of heights (plus gaps) and
        # the widest box, for the drawing turned sideways.
        side_heights: dict[int, float] = {}
        side_widths: dict[int, float] = {}
        for node_id, level in rank.items():
            width, height = self._estimate(node_id)
            widths[level] = widths.get(level, 0.0) + width + 20
            heights[level] = max(heights.get(level, 0.0), height)
            side_heights[level] = side_heights.get(level, 0) + (height + 25)
            side_widths[level] = max(side_widths.get(level, width), width)
        vertical_w = max(widths.values())
        vertical_h = sum(heights.values()) + 35 * len(heights)
        side_h = max(side_heights[level] for level in widths)
        side_w = sum(side_widths[level] + 40 for level in widths)
        if self.view.size <= SMALL_MAP:
            # A small map must fit a document column: the narrower drawing wins.
            return RankDir.LR if side_w < 0.8 * vertical_w else RankDir.BT
        if vertical_w <= 1.5 * vertical_h:
            return RankDir.BT
        vertical = vertical_w / vertical_h
        side = max(side_w / side_h, side_h / side_w)
        return RankDir.LR if side < vertical else RankDir.BT

    def _estimate(self, node_id: str) -> tuple[float, float]:
        """A rough size in points of a node's box, for choosing the rank direction."""
        node = self.map.nodes_by_id[node_id]
        if isinstance(node, Argument):
            return (60.0, 20.0) if (node.title or node.scheme) else (12.0, 12.0)
        lines = self._lines_of(node)
        longest = max((len(line.text) for line in lines), default=4)
        return longest * 6.5 + 20, len(lines) * 15.0 + 14

    def lines(self) -> Iterator[str]:
        yield f"digraph {quote('argmap')} {{"
        graph = {
            "id": "argmap-graph",
            "rankdir": self.rankdir.value,
            "newrank": "true",
            "compound": "true",
            # Across ranks, nodes sit further apart when support runs sideways: the drawing gets
            # taller, the lines between neighbours easier to tell apart.
            "nodesep": "0.45" if self.rankdir in (RankDir.LR, RankDir.RL) else "0.25",
            "ranksep": "0.4",
            "fontname": FONT,
            "fontsize": "16",
        }
        if self.view.size <= LONG_SEARCH_NODES:
            # A longer search for fewer crossings; quick below this size.
            graph.update(mclimit="8", searchsize="100")
        # The title and the legend head the drawing, where a reader looks first.
        heading = []
        title = " ".join((self.map.metadata.title or "").split())
        if title:
            heading.append(f"<TR><TD><B>{html_text(_clip(title))}</B></TD></TR>")
        legend = self._legend() if self.legend else ""
        if legend:
            legend = f'<FONT POINT-SIZE="{SMALL_FONT_SIZE + 1}">{legend}</FONT>'
            heading.append(f'<TR><TD ALIGN="LEFT">{legend}</TD></TR>')
        if heading:
            table = '<TABLE BORDER="0" CELLSPACING="2">' + "".join(heading) + "</TABLE>"
            graph.update(label=HtmlLabel(table), labelloc="t", labeljust="l")
        yield f"  graph {_attributes(graph)}"
        node = {
            "fontname": FONT,
            "fontsize": str(FONT_SIZE),
            "margin": "0.12,0.06",
            "color": BLACK,
        }
        yield f"  node {_attributes(node)}"
        yield f"  edge {_attributes({'fontname': FONT, 'fontsize': str(SMALL_FONT_SIZE)})}"
        for statement in self.view.statements:
            yield f"  {quote(statement.id)} {self._statement(statement)}"
        for argument in self.view.arguments:
            yield f"  {quote(argument.id)} {self._argument(argument)}"
        yield from self._edges()
        yield from self._groups()
        yield "}"

    # Nodes

    def _lines_of(self, statement: Statement) -> list[_Line]:
        """The statement's lines (shared: copy them before changing the list)."""
        lines = self.statement_lines.get(statement.id)
        if lines is None:
            lines = self.statement_lines[statement.id] = self._statement_lines(statement)
        return lines

    def _statement_lines(self, statement: Statement) -> list[_Line]:
        style = self.label_style
        lines: list[_Line] = []
        if style in (Labels.TITLE, Labels.BOTH):
            lines.extend(_Line(t, bold=True) for t in wrap(_clip(title_of(statement)), 20))
        if style in (Labels.TEXT, Labels.BOTH):
            size = SMALL_FONT_SIZE + 1 if style is Labels.BOTH else FONT_SIZE
            lines.extend(_Line(t, size=size) for t in wrap(_clip(statement.text)))
        folded = self.view.folded.get(statement.id)
        if folded:
            lines.append(_Line(folded, italic=True, size=SMALL_FONT_SIZE, colour="#404040"))
        speaker = self._speaker_name(statement.speaker)
        if speaker and self.color_by is not ColorBy.SPEAKER:
            lines.extend(
                _Line(t, italic=True, size=SMALL_FONT_SIZE) for t in wrap(f"\u2014 {speaker}")
            )
        if self.options.show_ids:
            lines.insert(0, _Line(f"[{statement.id}]", size=SMALL_FONT_SIZE))
        if self.options.show_tags and statement.tags:
            tags = " ".join(f"#{tag}" for tag in statement.tags)
            lines.extend(_Line(t, size=SMALL_FONT_SIZE) for t in wrap(tags))
        return lines

    def _fill(self, statement: Statement) -> str:
        look = ROLE_LOOKS[statement.role]
        if self.color_by is ColorBy.SPEAKER:
            if statement.speaker is None:
                return UNATTRIBUTED_FILL
            return self.fills.get(statement.speaker, UNATTRIBUTED_FILL)
        if self.color_by is ColorBy.TAG:
            if not statement.tags:
                return UNATTRIBUTED_FILL
            return self.tag_fills.get(statement.tags[0], UNATTRIBUTED_FILL)
        return look.mono_fill if self.mono else look.fill

    def _statement(self, statement: Statement) -> str:
        look = ROLE_LOOKS[statement.role]
        lines = list(self._lines_of(statement))
        attributes: dict[str, str] = {
            "id": statement.id,
            "shape": look.shape,
            "style": look.style,
            "penwidth": look.penwidth,
            "fillcolor": self._fill(statement),
        }
        self._evaluation(statement.id, lines, attributes)
        attributes["label"] = _html(lines)
        tooltip = [statement.text, f"{statement.role.value} {statement.id}"]
        speaker = self._speaker_name(statement.speaker)
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
        lines: list[_Line] = []
        if argument.title:
            lines.extend(
                _Line(t, italic=True, size=SMALL_FONT_SIZE) for t in wrap(_clip(argument.title))
            )
        if argument.scheme:
            scheme = humanise(argument.scheme)
            lines.extend(_Line(t, size=SMALL_FONT_SIZE) for t in wrap(f"\u00ab{scheme}\u00bb"))
        if self.options.show_ids:
            lines.append(_Line(f"[{argument.id}]", size=SMALL_FONT_SIZE))
        if self.options.show_tags and argument.tags:
            tags = " ".join(f"#{tag}" for tag in argument.tags)
            lines.extend(_Line(t, size=SMALL_FONT_SIZE) for t in wrap(tags))
        attributes: dict[str, str] = {"id": argument.id}
        if lines or argument.id in self.labels:
            attributes.update(
                shape="ellipse", style="filled", fillcolor="#ffffff", margin="0.04,0.02",
                height="0.3",
            )  # fmt: skip
            self._evaluation(argument.id, lines, attributes)
            attributes["label"] = _html(lines)
        else:
            # A bare junction: the dot where linked premises meet.
            attributes.update(
                label="", shape="circle", style="filled", fixedsize="true", width="0.16",
                fillcolor=BLACK if self.mono else "#595959",
            )  # fmt: skip
        tooltip = [f"argument {argument.id}: {title_of(argument)}"]
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

    def _evaluation(self, node_id: str, lines: list[_Line], attributes: dict[str, str]) -> None:
        """Add the badge line and the border of the node's evaluation label, if it has one."""
        label = self.labels.get(node_id)
        if label is None:
            return
        look = LABEL_LOOKS[label]
        colour = BLACK if self.mono else look.colour
        lines.insert(
            0, _Line(f"\u25a0 {look.badge}", bold=True, size=SMALL_FONT_SIZE, colour=colour)
        )
        styles = [
            s
            for s in attributes.get("style", "filled").split(",")
            if s not in ("dashed", "dotted", "bold")
        ]
        attributes["style"] = ",".join([*styles, look.style])
        attributes["color"] = colour
        attributes["penwidth"] = LABEL_PENWIDTH

    def _speaker_name(self, speaker_id: str | None) -> str | None:
        if speaker_id is None:
            return None
        return self.speakers.get(speaker_id, speaker_id)

    # Edges

    def _edges(self) -> Iterator[str]:
        drawn = self.view.ids
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
            "id": self._edge_id(edge_id(kind, source, target)),
            "color": BLACK if self.mono else look.colour,
            "style": look.style,
            "arrowhead": look.arrowhead,
            "penwidth": look.penwidth,
        }
        label = " ".join(f"#{tag}" for tag in tags)
        if kind == "premise":
            # Heavier premise edges keep an argument's premises close to it.
            attributes["weight"] = "3"
        if look.arrowtail:
            # A contradiction is symmetric: diamonds at both ends and a label that says what
            # it is. It still takes part in ranking, so its two ends sit a rank apart, where
            # the line is long enough to be seen.
            attributes.update(dir="both", arrowtail=look.arrowtail)
            label = ("contradicts " + label).strip()
            attributes["fontcolor"] = BLACK if self.mono else look.colour
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
        for index, name, members, tags in self.clusters:
            label = name
            if self.options.show_tags and tags:
                label += "\n" + " ".join(f"#{tag}" for tag in tags)
            attributes = {
                "id": f"group-{index}",
                "label": label,
                "style": "rounded,dashed",
                "color": "#7f7f7f",
                "fontsize": "13",
                "labeljust": "l",
            }
            yield f"  subgraph {quote(f'cluster-group-{index}')} {{"
            yield f"    graph {_attributes(attributes)}"
            for member in members:
                yield f"    {quote(member)}"
            yield "  }"

    def _legend(self) -> str:
        """The legend: a compact HTML table, shown under the title at the top left ('' when
        there is nothing to explain)."""
        cells: list[str] = []

        def cell(sample: str, text: str, bgcolor: str | None = None, border: str = "") -> None:
            background = f' BGCOLOR="{bgcolor}"' if bgcolor else ""
            cells.append(
                f'<TD{background}{border} CELLPADDING="3">{sample}</TD>'
                f'<TD ALIGN="LEFT">{html_text(text)}</TD>'
            )

        if self.color_by is ColorBy.SPEAKER:
            used = {s.speaker for s in self.view.statements if s.speaker is not None}
            for speaker in [
                *self.map.speakers,
                *(Speaker(s, s) for s in sorted(used - set(self.speakers))),
            ]:
                if speaker.id in used:
                    cell(
                        "   ",
                        speaker.name,
                        self.fills.get(speaker.id, UNATTRIBUTED_FILL),
                        ' BORDER="1"',
                    )
            if any(s.speaker is None for s in self.view.statements):
                cell("   ", "no speaker", UNATTRIBUTED_FILL, ' BORDER="1"')
        elif self.color_by is ColorBy.TAG:
            for tag, fill in self.tag_fills.items():
                cell("   ", f"#{tag}", fill, ' BORDER="1"')
        else:
            roles = {statement.role for statement in self.view.statements}
            for role in Role:
                if role in roles:
                    look = ROLE_LOOKS[role]
                    cell(
                        "   ", role.value, look.mono_fill if self.mono else look.fill, ' BORDER="1"'
                    )
        if self.color_by is not ColorBy.ROLE:
            # The fill tells the speaker: say what the border tells.
            roles = {statement.role for statement in self.view.statements}
            for role in Role:
                if role in roles:
                    cell(ROLE_SAMPLES[role], role.value, None, "")
        kinds = ["premise"] if any(a.premises for a in self.view.arguments) else []
        present = {relation.kind for relation in self.view.relations}
        kinds += [kind.value for kind in RelationKind if kind in present]
        samples = {
            "premise": ("\u25cf\u2500\u2500", "linked premises meet at a dot"),
            RelationKind.SUPPORT.value: ("\u2500\u2500\u25b6", "supports"),
            RelationKind.ATTACK.value: ("\u2500\u2500\u2524", "attacks"),
            RelationKind.UNDERCUT.value: ("\u254c\u254c\u2524", "undercuts (the inference)"),
            RelationKind.CONTRADICTION.value: ("\u25c7\u2501\u25c7", "contradict each other"),
        }
        for kind in kinds:
            glyph, meaning = samples[kind]
            colour = BLACK if self.mono else EDGE_LOOKS[kind].colour
            cell(f'<FONT COLOR="{colour}"><B>{glyph}</B></FONT>', meaning)
        for label in EVALUATION_LABELS:
            if label in self.labels.values():
                label_look = LABEL_LOOKS[label]
                colour = BLACK if self.mono else label_look.colour
                cell(
                    f'<FONT COLOR="{colour}"><B>{label_look.badge}</B></FONT>',
                    {"in": "accepted", "out": "defeated", "undec": "undecided"}[label],
                    None,
                    f' BORDER="2" COLOR="{colour}"',
                )
        if not cells:
            return ""
        rows = []
        for start in range(0, len(cells), LEGEND_COLUMNS):
            rows.append("<TR>" + "".join(cells[start : start + LEGEND_COLUMNS]) + "</TR>")
        table = (
            '<TABLE BORDER="1" COLOR="#7f7f7f" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2">'
            + "".join(rows)
            + "</TABLE>"
        )
        return table
