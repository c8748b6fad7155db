"""The map as a Mermaid flowchart, which forges (GitHub, GitLab) draw without Graphviz."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from argmap.model import Argument, ArgumentMap, RelationKind, Role, Statement

if TYPE_CHECKING:
    from argmap.rendering.dot import RenderOptions

# Each role has its own shape, so roles stay apart without colour (Mermaid's flowchart shapes).
ROLE_SHAPES: Final = {
    Role.THESIS: ("{{", "}}"),  # hexagon
    Role.CLAIM: ("(", ")"),  # rounded box
    Role.PREMISE: ("[", "]"),  # box
    Role.ASSUMPTION: ("[/", "/]"),  # parallelogram
    Role.EVIDENCE: ("[(", ")]"),  # cylinder: a record
    Role.OBJECTION: (">", "]"),  # flag
    Role.REBUTTAL: ("[\\", "\\]"),  # parallelogram leaning the other way
    Role.STATEMENT: ("[", "]"),
}
# Arrow style tells the relations apart: support an arrow, attack a cross, undercut a dotted
# line with a cross, contradiction a thick line with a cross at each end.
ARROWS: Final = {
    RelationKind.SUPPORT: "-->",
    RelationKind.ATTACK: "--x",
    RelationKind.UNDERCUT: "-.-x",
    RelationKind.CONTRADICTION: "x==x",
}
EDGE_COLOURS: Final = {
    "premise": "#595959",
    "conclusion": "#2e7d32",
    RelationKind.SUPPORT: "#2e7d32",
    RelationKind.ATTACK: "#c62828",
    RelationKind.UNDERCUT: "#7b1fa2",
    RelationKind.CONTRADICTION: "#e65100",
}
ROLE_FILLS: Final = {
    Role.THESIS: "#bdd7ee",
    Role.CLAIM: "#ddebf7",
    Role.PREMISE: "#e2f0d9",
    Role.ASSUMPTION: "#ffffff",
    Role.EVIDENCE: "#fff2cc",
    Role.OBJECTION: "#f8cbad",
    Role.REBUTTAL: "#d5e8d4",
    Role.STATEMENT: "#f2f2f2",
}
# Speakers get a border colour each (cycled), as a class named after the speaker's position.
SPEAKER_COLOURS: Final = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")
# Characters left as they are in a label; everything else in ASCII becomes a Mermaid entity
# code (`#60;`), so no map text can close a label, start a directive or become HTML.
_PLAIN: Final = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:?!'-/()"
)


def escape(text: str) -> str:
    """Text as the inside of a quoted Mermaid label: one line, markup as entity codes."""
    out = []
    for char in " ".join(text.split()):
        if char in _PLAIN or (ord(char) > 127 and char.isprintable()):
            out.append(char)
        else:
            out.append(f"#{ord(char)};")
    return "".join(out)


def _label(lines: list[str]) -> str:
    text = "<br>".join(escape(line) for line in lines if line.strip())
    # Mermaid rejects an empty label: a no-break space stands in.
    return '"' + (text or "#160;") + '"'


def to_mermaid(argument_map: ArgumentMap, options: RenderOptions | None = None) -> str:
    """The map as Mermaid flowchart text (`flowchart BT` ...), ending in a newline.

    Node ids are `s1`, `s2`... for statements and `a1`, `a2`... for arguments, so no map id
    can clash with Mermaid's keywords; each argument is a small node joining its premises to
    its conclusion. Groups become subgraphs (a node in several groups shows in the first).
    Of the drawing options, direction, ids and tags are honoured.
    """
    # Mermaid knows four directions; any other choice (such as "auto") draws conclusions on top.
    given = options.rankdir if options is not None else "BT"
    rankdir = given if given in ("BT", "TB", "LR", "RL") else "BT"
    show_ids = options is not None and options.show_ids
    show_tags = options is not None and options.show_tags
    names: dict[str, str] = {}
    for index, statement in enumerate(argument_map.statements, start=1):
        names.setdefault(statement.id, f"s{index}")
    for index, argument in enumerate(argument_map.arguments, start=1):
        names.setdefault(argument.id, f"a{index}")

    lines = [f"flowchart {rankdir}"]
    if argument_map.metadata.title:
        lines.insert(0, "---")
        lines.insert(1, f"title: {_label([argument_map.metadata.title])}")
        lines.insert(2, "---")
    grouped: dict[str, int] = {}
    for index, group in enumerate(argument_map.groups):
        for member in group.members:
            grouped.setdefault(member, index)

    def node_line(node: Statement | Argument) -> str:
        name = names[node.id]
        tags = [" ".join(f"#{tag}" for tag in node.tags)] if show_tags and node.tags else []
        ids = [f"[{node.id}]"] if show_ids else []
        if isinstance(node, Statement):
            opening, closing = ROLE_SHAPES[node.role]
            return f"{name}{opening}{_label([node.text, *ids, *tags])}{closing}"
        words = [node.scheme.replace("_", " ")] if node.scheme else []
        if not words and not ids and not tags:
            return f'{name}(("#160;"))'
        return f"{name}([{_label([*words, *ids, *tags])}])"

    nodes: list[Statement | Argument] = [*argument_map.statements, *argument_map.arguments]
    declared: set[str] = set()
    for node in nodes:
        if node.id in grouped or node.id in declared:
            continue
        declared.add(node.id)
        lines.append("  " + node_line(node))
    for index, group in enumerate(argument_map.groups):
        inside = [n for n in nodes if grouped.get(n.id) == index and n.id not in declared]
        lines.append(f"  subgraph g{index + 1}[{_label([group.name])}]")
        for node in inside:
            declared.add(node.id)
            lines.append("    " + node_line(node))
        lines.append("  end")

    colours: list[str] = []
    for argument in argument_map.arguments:
        for premise in argument.premises:
            if premise in names:
                lines.append(f"  {names[premise]} --- {names[argument.id]}")
                colours.append(EDGE_COLOURS["premise"])
        if argument.conclusion in names:
            lines.append(f"  {names[argument.id]} --> {names[argument.conclusion]}")
            colours.append(EDGE_COLOURS["conclusion"])
    for relation in argument_map.relations:
        if relation.source in names and relation.target in names:
            arrow = ARROWS[relation.kind]
            lines.append(f"  {names[relation.source]} {arrow} {names[relation.target]}")
            colours.append(EDGE_COLOURS[relation.kind])
    for colour in dict.fromkeys(colours):
        indices = ",".join(str(i) for i, c in enumerate(colours) if c == colour)
        width = "1px" if colour == EDGE_COLOURS["premise"] else "2px"
        lines.append(f"  linkStyle {indices} stroke:{colour},stroke-width:{width}")

    for role in Role:
        members = [names[s.id] for s in argument_map.statements if s.role is role]
        if members:
            lines.append(f"  classDef {role.value} fill:{ROLE_FILLS[role]},color:#000000")
            lines.append(f"  class {','.join(dict.fromkeys(members))} {role.value}")
    if argument_map.arguments:
        lines.append("  classDef argument fill:#595959,stroke:#595959,color:#ffffff")
        lines.append(f"  class {','.join(names[a.id] for a in argument_map.arguments)} argument")
    for index, speaker in enumerate(argument_map.speakers):
        members = [names[n.id] for n in nodes if n.speaker == speaker.id]
        colour = SPEAKER_COLOURS[index % len(SPEAKER_COLOURS)]
        lines.append(f"  %% speaker{index + 1}: {escape(speaker.name)}")
        lines.append(f"  classDef speaker{index + 1} stroke:{colour},stroke-width:3px")
        if members:
            lines.append(f"  class {','.join(dict.fromkeys(members))} speaker{index + 1}")
    return "\n".join(lines) + "\n"
