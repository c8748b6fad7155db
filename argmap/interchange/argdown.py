"""An argument map written as Argdown (`.argdown`) text, for Argdown's editor and CLI."""

from __future__ import annotations

import json
import re

from argmap.model import Argument, ArgumentMap, RelationKind, Statement

# Characters that Argdown reads as markup inside a statement's text; each is escaped.
_SPECIAL = re.compile(r"([\\\[\]<>#@{}*_`~=+\-/])")
_ARROWS = {
    RelationKind.SUPPORT: "+>",
    RelationKind.ATTACK: "->",
    RelationKind.UNDERCUT: "_>",
    RelationKind.CONTRADICTION: "><",
}


def escape(text: str) -> str:
    """Text as one line of Argdown prose: markup characters escaped, line breaks as spaces."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _data(values: dict[str, str | None]) -> str:
    """An Argdown data block `{key: "value", ...}` (YAML flow mapping, JSON-quoted strings)."""
    kept = {key: value for key, value in values.items() if value is not None}
    if not kept:
        return ""
    # Argdown finds the end of a data block at the first `}` even inside quotes, so braces
    # are written as \u escapes, which YAML's double-quoted strings read back.
    return " {" + ", ".join(f"{key}: {_yaml_string(value)}" for key, value in kept.items()) + "}"


def _yaml_string(value: str) -> str:
    quoted = json.dumps(value, ensure_ascii=False)
    return quoted.replace("{", "\\u007b").replace("}", "\\u007d")


def _tags(tags: tuple[str, ...]) -> str:
    return "".join(f" #({tag})" for tag in tags)


def argument_title(node: str) -> str:
    """The Argdown title of an argument: its id, except that Argdown cannot open a block with
    `<_`, so an id starting with `_` becomes `argument _id` (no argmap id has a space)."""
    return f"argument {node}" if node.startswith("_") else node


def _reference(node: str, argument_map: ArgumentMap) -> str:
    if argument_map.argument(node) is not None:
        return f"<{argument_title(node)}>"
    return f"[{node}]"


def _statement(statement: Statement) -> str:
    data = _data(
        {
            "role": statement.role.value,
            "speaker": statement.speaker,
            "cite": statement.cite,
            "quote": statement.quote,
            "url": statement.url,
            "note": statement.note,
            "raises": statement.raises,
            "title": statement.title,
            "standard": statement.standard,
            "expect": statement.expect,
        }
    )
    text = escape(statement.text)
    # Argdown wants text after `[id]:`; a statement without text is written `[id]` alone.
    head = f"[{statement.id}]: {text}" if text else f"[{statement.id}]"
    return f"{head}{_tags(statement.tags)}{data}"


def _argument(argument: Argument, argument_map: ArgumentMap) -> list[str]:
    description = escape(argument.note) if argument.note else ""
    data = _data(
        {
            "scheme": argument.scheme,
            "speaker": argument.speaker,
            "title": argument.title,
            "weight": argument.weight,
        }
    )
    title = argument_title(argument.id)
    head = f"<{title}>: {description}" if description else f"<{title}>"
    head += _tags(argument.tags) + data
    if argument.conclusion is None or argument_map.statement(argument.conclusion) is None:
        # Argdown's premise-conclusion structures need a conclusion statement: without one,
        # the premises are written as supports of the argument.
        lines = [head]
        lines.extend(f"  <+ [{premise}]" for premise in argument.premises)
        if argument.conclusion is not None:
            lines.append(f"  +> {_reference(argument.conclusion, argument_map)}")
        return lines
    lines = [head, ""]
    numbered = [*argument.premises, argument.conclusion]
    for index, premise in enumerate(argument.premises, start=1):
        lines.append(f"({index}) [{premise}]")
    lines.append("----")
    lines.append(f"({len(numbered)}) [{argument.conclusion}]")
    return lines


def to_argdown(argument_map: ArgumentMap) -> str:
    """The map as Argdown text.

    Statements are `[id]: text`, arguments `<id>` with a premise-conclusion structure, and
    each relation an outgoing arrow (`+>`, `->`, `_>`, `><`) under its source. Roles,
    speakers, schemes and statement properties go into Argdown data blocks `{...}`;
    the speakers' names and the groups into the frontmatter (`speakers:`, `groups:`).
    """
    blocks: list[list[str]] = []
    front = _frontmatter(argument_map)
    if front:
        blocks.append(front)
    for statement in argument_map.statements:
        blocks.append([_statement(statement)])
    for argument in argument_map.arguments:
        blocks.append(_argument(argument, argument_map))
    sources: dict[str, list[str]] = {}
    for relation in argument_map.relations:
        arrow = _ARROWS[relation.kind]
        target = _reference(relation.target, argument_map)
        if relation.kind is RelationKind.UNDERCUT:
            target = f"<{argument_title(relation.target)}>"
        # Argdown reads a tag or data block after an arrow as the *target's*; a relation's
        # own speaker and tags therefore travel as a comment line above the arrow.
        notes = ([f"@{relation.speaker}"] if relation.speaker else []) + [
            f"#{tag}" for tag in relation.tags
        ]
        comment = [f"  // {relation.kind.value}: {' '.join(notes)}"] if notes else []
        ends = (relation.source, relation.target)
        if relation.kind is RelationKind.CONTRADICTION and any(
            argument_map.argument(end) is not None for end in ends
        ):
            # Argdown's contradiction joins statements only: between arguments it becomes an
            # attack each way.
            back = _reference(relation.source, argument_map)
            sources.setdefault(relation.target, []).extend([*comment, f"  -> {back}"])
            arrow = "->"
        sources.setdefault(relation.source, []).extend([*comment, f"  {arrow} {target}"])
    for source, lines in sources.items():
        blocks.append([_reference(source, argument_map), *lines])
    if not argument_map.statements and not argument_map.arguments:
        # Argdown rejects a document with no element at all; a heading is the least one.
        blocks.append([f"# {escape(argument_map.metadata.title or 'Empty map')}"])
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def _frontmatter(argument_map: ArgumentMap) -> list[str]:
    metadata = argument_map.metadata
    values = {
        "title": metadata.title,
        "subTitle": metadata.source,
        "author": metadata.author,
        "date": metadata.date,
        "url": metadata.url,
        "language": metadata.language,
    }
    kept = [f"{key}: {_front_string(value)}" for key, value in values.items() if value is not None]
    # Speakers and groups have no Argdown counterpart: they travel in the frontmatter, which
    # Argdown keeps as settings and argmap's Argdown reader reads back.
    if argument_map.speakers:
        kept.append("speakers:")
        kept.extend(
            f"  {speaker.id}: {_front_string(speaker.name)}" for speaker in argument_map.speakers
        )
    annotated = [r for r in argument_map.relations if r.speaker or r.tags]
    if annotated:
        # A relation's speaker and tags (Argdown would read them after an arrow as the target's).
        kept.append("relations:")
        for relation in annotated:
            kept.append(
                f"  - {{from: {_front_string(relation.source)}, "
                f"kind: {relation.kind.value}, to: {_front_string(relation.target)}"
                + (f", speaker: {_front_string(relation.speaker)}" if relation.speaker else "")
                + (
                    f", tags: [{', '.join(_front_string(t) for t in relation.tags)}]"
                    if relation.tags
                    else ""
                )
                + "}"
            )
    if argument_map.expectations:
        kept.append("expect:")
        for expectation in argument_map.expectations:
            nodes = ", ".join(_front_string(node) for node in expectation.nodes)
            kept.append(
                f"  - {{semantics: {_front_string(expectation.semantics)}, "
                f"label: {_front_string(expectation.label)}, "
                f"nodes: [{nodes}]}}"
            )
    if argument_map.groups:
        kept.append("groups:")
        for group in argument_map.groups:
            kept.append(f"  - name: {_front_string(group.name)}")
            kept.append(f"    members: [{', '.join(_front_string(m) for m in group.members)}]")
            if group.tags:
                kept.append(f"    tags: [{', '.join(_front_string(t) for t in group.tags)}]")
    return ["===", *kept, "==="] if kept else []


def _front_string(value: str) -> str:
    """A YAML string for the frontmatter, which Argdown ends at the first `===`."""
    return json.dumps(value, ensure_ascii=False).replace("=", "\\u003d")
