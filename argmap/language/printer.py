"""The printer: an argument map back to canonical `.arg` text that parses to an equal map."""

from __future__ import annotations

import re
from collections.abc import Iterable

from argmap.errors import InputError
from argmap.language.vocabulary import (
    METADATA_KEYS,
    NUMBER_PATTERN,
    STATEMENT_PROPERTIES,
    is_identifier,
    is_tag,
)
from argmap.model import (
    Argument,
    ArgumentMap,
    Expectation,
    Group,
    Relation,
    Speaker,
    Statement,
)

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}
# The .arg language has no escape for other control characters (NUL, ESC, ...), and a file
# holding them raw is refused as binary; they are written as their visible Unicode pictures
# (U+2400 to U+2421: NUL becomes ␀, ESC ␛) and C1 controls as U+FFFD.
_CONTROLS = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\n\t"}
_CONTROLS[0x7F] = "\u2421"
_CONTROLS.update({code: "\ufffd" for code in range(0x80, 0xA0)})


def visible_controls(text: str) -> str:
    """Text with every control character but line break and tab made visible and harmless
    (for `.arg` files and terminals alike)."""
    return text.translate(_CONTROLS)


INDENT = "  "


def quote(text: str) -> str:
    """Text as a `.arg` string literal: straight double quotes, `\\"`, `\\\\`, `\\n`, `\\t`."""
    return '"' + "".join(_ESCAPES.get(char, char) for char in visible_controls(text)) + '"'


def to_arg(argument_map: ArgumentMap) -> str:
    """The map as canonical `.arg` text.

    The canonical form is flat and follows the model's own order, so reading it back gives an
    equal map: metadata, speakers, statement declarations (with their property lines),
    arguments in the flat form `argument id: p1 + p2 -> c`, relation lines, groups, then the
    `expect` blocks. Each
    section is separated from the next by one blank line.
    """
    sections = [
        _metadata_lines(argument_map),
        [line for speaker in argument_map.speakers for line in _speaker_lines(speaker)],
        [line for statement in argument_map.statements for line in _statement_lines(statement)],
        [line for argument in argument_map.arguments for line in _argument_lines(argument)],
        [line for relation in argument_map.relations for line in _relation_lines(relation)],
        [line for group in argument_map.groups for line in _group_lines(group)],
        _expectation_lines(argument_map),
    ]
    blocks = ["\n".join(lines) for lines in sections if lines]
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _identifier(text: str, what: str) -> str:
    if not is_identifier(text):
        raise InputError(
            f"{what} {text!r} is not a valid .arg id (a letter or _, then letters, "
            "digits or _, and not a keyword)"
        )
    return text


def _value(key: str, text: str) -> str:
    """An option value: bare when it is an id (or a weight's number), quoted otherwise.

    Only `weight` takes a number; any other key reads a bare number as an error (E013)."""
    bare = is_identifier(text) or (key == "weight" and _NUMBER.fullmatch(text) is not None)
    return text if bare else quote(text)


_NUMBER = re.compile(NUMBER_PATTERN)


def _annotations(
    speaker: str | None, tags: Iterable[str], options: Iterable[tuple[str, str | None]] = ()
) -> str:
    parts: list[str] = []
    if speaker is not None:
        parts.append("@" + _identifier(speaker, "speaker"))
    for tag in tags:
        if not is_tag(tag):
            raise InputError(f"tag {tag!r} cannot be written as a .arg tag")
        parts.append("#" + tag)
    written = [f"{key}: {_value(key, value)}" for key, value in options if value is not None]
    if written:
        parts.append("(" + ", ".join(written) + ")")
    return "".join(" " + part for part in parts)


def _metadata_lines(argument_map: ArgumentMap) -> list[str]:
    lines = []
    for key in METADATA_KEYS:
        value = getattr(argument_map.metadata, key)
        if value is not None:
            lines.append(f"{key}: {quote(value)}")
    return lines


def _speaker_lines(speaker: Speaker) -> list[str]:
    return [f"speaker {_identifier(speaker.id, 'speaker')}: {quote(speaker.name)}"]


def _statement_lines(statement: Statement) -> list[str]:
    head = (
        f"{statement.role.value} {_identifier(statement.id, 'statement')}"
        + _annotations(
            statement.speaker,
            statement.tags,
            [
                ("raises", statement.raises),
                ("standard", statement.standard),
                ("expect", statement.expect),
            ],
        )
        + f": {quote(statement.text)}"
    )
    lines = [head]
    for key in STATEMENT_PROPERTIES:
        value = getattr(statement, key)
        if value is not None:
            lines.append(f"{INDENT}{key}: {quote(value)}")
    return lines


def _argument_lines(argument: Argument) -> list[str]:
    name = _identifier(argument.id, "argument")
    annotations = _annotations(
        argument.speaker, argument.tags, [("scheme", argument.scheme), ("weight", argument.weight)]
    )
    conclusion = (
        ""
        if argument.conclusion is None
        else " -> " + _identifier(argument.conclusion, "conclusion")
    )
    note = [f"{INDENT}{key}: {quote(value)}" for key, value in
            (("title", argument.title), ("note", argument.note)) if value is not None]  # fmt: skip
    if not argument.premises:
        if not note:
            raise InputError(
                f"argument {name} has no premises: the .arg language cannot write an empty argument"
            )
        return [f"argument {name}{annotations}{conclusion}:", *note]
    premises = " + ".join(_identifier(premise, "premise") for premise in argument.premises)
    return [f"argument {name}{annotations}: {premises}{conclusion}", *note]


def _relation_lines(relation: Relation) -> list[str]:
    source = _identifier(relation.source, "relation source")
    target = _identifier(relation.target, "relation target")
    annotations = _annotations(relation.speaker, relation.tags)
    return [f"{source} {relation.kind.value} {target}{annotations}"]


def _expectation_lines(argument_map: ArgumentMap) -> list[str]:
    by_semantics: dict[str, list[Expectation]] = {}
    for expectation in argument_map.expectations:
        by_semantics.setdefault(expectation.semantics, []).append(expectation)
    lines = []
    for semantics, expectations in by_semantics.items():
        lines.append(f"expect {semantics.replace('-', '_')}:")
        for expectation in expectations:
            if not expectation.nodes:
                continue
            members = ", ".join(_identifier(node, "expected node") for node in expectation.nodes)
            lines.append(f"{INDENT}{expectation.label}: {members}")
    return lines


def _group_lines(group: Group) -> list[str]:
    if not group.members:
        raise InputError(f"group {group.name!r} has no members: the .arg language cannot write it")
    members = ", ".join(_identifier(member, "group member") for member in group.members)
    return [f"group {quote(group.name)}{_annotations(None, group.tags)}: {members}"]
