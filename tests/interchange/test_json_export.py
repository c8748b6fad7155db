"""Tests for argmap.interchange.json_model: the versioned JSON model and its shipped JSON Schema."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

import argmap
from argmap.interchange.json_model import FORMAT, VERSION, from_data, schema, to_data, to_json
from argmap.model import ArgumentMap, Role, Span, Statement
from tests.render_fixtures import HANDBUILT, MAPS, ROOT
from tests.rendering.test_render import LANGUAGE_EXAMPLES


def every_map() -> list[ArgumentMap]:
    maps = list(HANDBUILT.values())
    maps += [argmap.load(path) for path in MAPS]
    maps += [argmap.loads(text, f"language-{i}.arg") for i, text in enumerate(LANGUAGE_EXAMPLES)]
    return maps


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["properties"]["version"] == {"const": VERSION}


@pytest.mark.parametrize("argument_map", every_map())
def test_output_validates_against_the_schema(argument_map: ArgumentMap) -> None:
    data = json.loads(to_json(argument_map))
    jsonschema.Draft202012Validator(schema()).validate(data)
    assert from_data(data) == argument_map


def test_exact_output_of_a_small_map() -> None:
    small = ArgumentMap(
        statements=(Statement("a", Role.THESIS, "Ä “b”", tags=("t",), span=Span(1, 1, 1, 20)),),
        path="small.arg",
    )
    assert to_json(small) == (
        "{\n"
        '  "format": "argmap-map",\n'
        '  "version": 1,\n'
        '  "path": "small.arg",\n'
        '  "metadata": {\n'
        '    "title": null,\n'
        '    "source": null,\n'
        '    "author": null,\n'
        '    "date": null,\n'
        '    "url": null,\n'
        '    "language": null\n'
        "  },\n"
        '  "speakers": [],\n'
        '  "statements": [\n'
        "    {\n"
        '      "id": "a",\n'
        '      "role": "thesis",\n'
        '      "text": "Ä “b”",\n'
        '      "speaker": null,\n'
        '      "tags": [\n'
        '        "t"\n'
        "      ],\n"
        '      "cite": null,\n'
        '      "quote": null,\n'
        '      "url": null,\n'
        '      "note": null,\n'
        '      "raises": null,\n'
        '      "title": null,\n'
        '      "standard": null,\n'
        '      "expect": null,\n'
        '      "span": {\n'
        '        "line": 1,\n'
        '        "column": 1,\n'
        '        "end_line": 1,\n'
        '        "end_column": 20\n'
        "      }\n"
        "    }\n"
        "  ],\n"
        '  "arguments": [],\n'
        '  "relations": [],\n'
        '  "groups": [],\n'
        '  "expectations": []\n'
        "}\n"
    )


def test_spans_of_a_parsed_map_are_kept() -> None:
    parsed = argmap.loads('thesis t: "T"\n  + premise p: "P"\n', "x.arg")
    data = to_data(parsed)
    assert data["statements"][1]["span"]["line"] == 2
    assert data["relations"][0] == {
        "kind": "supports",
        "source": "p",
        "target": "t",
        "speaker": None,
        "tags": [],
        "span": data["relations"][0]["span"],
    }


def test_the_schema_rejects_what_is_not_a_map() -> None:
    validator = jsonschema.Draft202012Validator(schema())
    good = to_data(HANDBUILT["bridge"])
    for broken in (
        {**good, "version": 2},
        {**good, "extra": 1},
        {**good, "statements": [{**good["statements"][0], "role": "hunch"}]},
        {**good, "relations": [{**good["relations"][0], "kind": "likes"}]},
    ):
        assert not validator.is_valid(broken)
    with pytest.raises(ValueError, match="not argmap-map version 1 data"):
        from_data({**good, "version": 2})


def test_the_schema_is_documented() -> None:
    page = (ROOT / "docs" / "json-schema.md").read_text("utf-8")
    assert f"`{FORMAT}`" in page and "argmap/data/argmap-map.schema.json" in page
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", page, re.M))
    fields = set(schema()["properties"])
    for item in ("speakers", "statements", "arguments", "relations", "groups"):
        fields |= set(schema()["properties"][item]["items"]["properties"])
    fields |= set(schema()["properties"]["metadata"]["properties"])
    assert fields <= documented, f"undocumented: {sorted(fields - documented)}"
