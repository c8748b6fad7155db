"""The model as versioned JSON (schema: docs/json-schema.md, argmap/data/argmap-map.schema.json)."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from importlib import resources
from typing import Any, Final

from argmap.model import (
    NO_SPAN,
    Argument,
    ArgumentMap,
    Expectation,
    Group,
    Metadata,
    Relation,
    RelationKind,
    Role,
    Span,
    Speaker,
    Statement,
)

FORMAT: Final = "argmap-map"
VERSION: Final = 1
SCHEMA_RESOURCE: Final = "argmap-map.schema.json"

JsonObject = dict[str, Any]


def to_data(argument_map: ArgumentMap) -> JsonObject:
    """The map as plain JSON-ready data: every field of the model, in source order."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "path": argument_map.path,
        "metadata": {
            key: getattr(argument_map.metadata, key)
            for key in ("title", "source", "author", "date", "url", "language")
        },
        "speakers": [
            {"id": s.id, "name": s.name, "span": _span(s.span)} for s in argument_map.speakers
        ],
        "statements": [
            {
                "id": s.id,
                "role": s.role.value,
                "text": s.text,
                "speaker": s.speaker,
                "tags": list(s.tags),
                "cite": s.cite,
                "quote": s.quote,
                "url": s.url,
                "note": s.note,
                "raises": s.raises,
                "title": s.title,
                "standard": s.standard,
                "expect": s.expect,
                "span": _span(s.span),
            }
            for s in argument_map.statements
        ],
        "arguments": [
            {
                "id": a.id,
                "premises": list(a.premises),
                "conclusion": a.conclusion,
                "speaker": a.speaker,
                "tags": list(a.tags),
                "scheme": a.scheme,
                "weight": a.weight,
                "note": a.note,
                "title": a.title,
                "span": _span(a.span),
            }
            for a in argument_map.arguments
        ],
        "relations": [
            {
                "kind": r.kind.value,
                "source": r.source,
                "target": r.target,
                "speaker": r.speaker,
                "tags": list(r.tags),
                "span": _span(r.span),
            }
            for r in argument_map.relations
        ],
        "groups": [
            {
                "name": g.name,
                "members": list(g.members),
                "tags": list(g.tags),
                "span": _span(g.span),
            }
            for g in argument_map.groups
        ],
        "expectations": [
            {"semantics": e.semantics, "label": e.label, "nodes": list(e.nodes)}
            for e in argument_map.expectations
        ],
    }


def to_json(argument_map: ArgumentMap) -> str:
    """The map as indented JSON text ending in a newline (UTF-8, non-ASCII kept as is)."""
    return json.dumps(to_data(argument_map), indent=2, ensure_ascii=False) + "\n"


def _items(value: object) -> tuple[Any, ...]:
    # tuple("abc") would quietly make three tags of one string.
    if not isinstance(value, list):
        raise TypeError(f"expected a list, not {value!r}")
    return tuple(value)


def from_data(data: JsonObject) -> ArgumentMap:
    """The map back from `to_data` output (validate it against `schema()` first)."""
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        raise ValueError(f"not {FORMAT} version {VERSION} data")
    return ArgumentMap(
        metadata=Metadata(**data["metadata"]),
        speakers=tuple(
            Speaker(s["id"], s["name"], span=_from_span(s["span"])) for s in data["speakers"]
        ),
        statements=tuple(
            Statement(
                s["id"],
                Role(s["role"]),
                s["text"],
                speaker=s["speaker"],
                tags=_items(s["tags"]),
                cite=s["cite"],
                quote=s["quote"],
                url=s["url"],
                note=s["note"],
                raises=s["raises"],
                title=s.get("title"),
                standard=s.get("standard"),
                expect=s.get("expect"),
                span=_from_span(s["span"]),
            )
            for s in data["statements"]
        ),
        arguments=tuple(
            Argument(
                a["id"],
                _items(a["premises"]),
                a["conclusion"],
                speaker=a["speaker"],
                tags=_items(a["tags"]),
                scheme=a["scheme"],
                weight=a.get("weight"),
                note=a["note"],
                title=a.get("title"),
                span=_from_span(a["span"]),
            )
            for a in data["arguments"]
        ),
        relations=tuple(
            Relation(
                RelationKind(r["kind"]),
                r["source"],
                r["target"],
                speaker=r["speaker"],
                tags=_items(r["tags"]),
                span=_from_span(r["span"]),
            )
            for r in data["relations"]
        ),
        groups=tuple(
            Group(
                g["name"], _items(g["members"]), tags=_items(g["tags"]), span=_from_span(g["span"])
            )
            for g in data["groups"]
        ),
        expectations=tuple(
            Expectation(e["semantics"], e["label"], _items(e["nodes"]))
            for e in data.get("expectations", ())
        ),
        path=data["path"],
    )


def schema() -> JsonObject:
    """The JSON Schema (draft 2020-12) that `to_data` output satisfies."""
    text = resources.files("argmap").joinpath("data", SCHEMA_RESOURCE).read_text("utf-8")
    loaded: JsonObject = json.loads(text)
    return loaded


def _span(span: Span) -> JsonObject | None:
    if span == NO_SPAN:
        return None
    data: JsonObject = {
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
    }
    if span.path:
        data["path"] = span.path
    return data


def _from_span(data: JsonObject | None) -> Span:
    if data is None:
        return NO_SPAN
    return Span(
        data["line"], data["column"], data["end_line"], data["end_column"], data.get("path", "")
    )


def first_mismatch(value: object, path: str = "map") -> str | None:
    """Where a model built from JSON holds a value of the wrong type, or None.

    Checked against the dataclasses' own type hints, so a hand-edited file with
    `"text": 5` or `"tags": "abc"` is refused by name instead of crashing a later stage.
    """

    def fits(item: object, hint: object, where: str) -> str | None:
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            reasons = [fits(item, option, where) for option in typing.get_args(hint)]
            return None if None in reasons else reasons[0]
        if origin is tuple:
            if not isinstance(item, tuple):
                return f"{where} should be a list"
            element = typing.get_args(hint)[0]
            for index, member in enumerate(item):
                problem = fits(member, element, f"{where}[{index}]")
                if problem:
                    return problem
            return None
        if hint is type(None):
            return None if item is None else f"{where} should be null"
        if isinstance(hint, type) and not isinstance(item, hint):
            return f"{where} should be {getattr(hint, '__name__', hint)}"
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            hints = typing.get_type_hints(type(item))
            for field in dataclasses.fields(item):
                problem = fits(
                    getattr(item, field.name), hints[field.name], f"{where}.{field.name}"
                )
                if problem:
                    return problem
        return None

    return fits(value, type(value), path)
