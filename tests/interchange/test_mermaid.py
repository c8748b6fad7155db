"""Mermaid export, read back by Mermaid's own parser (mermaid 11 in jsdom, from .ci/setup)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from argmap import load, loads
from argmap.interchange.mermaid import ARROWS, ROLE_SHAPES, escape, to_mermaid
from argmap.model import ArgumentMap, RelationKind, Role
from argmap.rendering.dot import RenderOptions
from tests.conftest import MAPS, REPO
from tests.strategies import argument_maps

# .ci/setup installs Mermaid and jsdom here (npm install --prefix .mermaid ...).
MODULES = REPO / ".mermaid" / "node_modules"
PARSE = Path(__file__).with_name("mermaid_parse.mjs")
needs_mermaid = pytest.mark.skipif(
    not (MODULES / "mermaid").is_dir() or shutil.which("node") is None,
    reason="Mermaid is not installed; run .ci/setup",
)
# Mermaid hides `#60;` entity codes behind these marks while parsing.
_ENTITY = re.compile("ﬂ°°(\\d+)¶ß")

HOSTILE = """\
title: "Title\\" --> injected"
speaker eve: "Eve <img src=x onerror=alert(1)>"
thesis t @eve: "A \\"quoted\\" claim]; click t call alert(1) %%{init: {}}%%"
  + argument a (scheme: expert_opinion):
      premise p: "<script>alert('x')</script> & `code` *stars* #hash"
      premise q: "end"
  - objection o: "subgraph end --> x"
claim c: "Contradicting"
c contradicts t
objection u: "Undercutter"
u undercuts a
group "G <b>": t, c
"""


def mermaid_parse(texts: list[str]) -> list[dict[str, Any]]:
    """What Mermaid's parser reads from each text."""
    result = subprocess.run(
        ["node", str(PARSE), str(MODULES)],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
    )
    parsed: list[dict[str, Any]] = json.loads(result.stdout)
    return parsed


def decoded(text: str) -> str:
    return _ENTITY.sub(lambda m: chr(int(m.group(1))), text).replace("<br>", "\n")


def expected_edges(argument_map: ArgumentMap) -> int:
    premises = sum(len(a.premises) for a in argument_map.arguments)
    conclusions = sum(a.conclusion is not None for a in argument_map.arguments)
    return premises + conclusions + len(argument_map.relations)


def test_escape_leaves_nothing_mermaid_or_html_reads() -> None:
    assert escape('a "b" <c> & #d; %%e `f` [g] {h} |i| ;j\nk') == (
        "a #34;b#34; #60;c#62; #38; #35;d#59; #37;#37;e #96;f#96; #91;g#93; "
        "#123;h#125; #124;i#124; #59;j k"
    )
    assert escape("Tokayev’s – “quoted”") == "Tokayev’s – “quoted”"


def test_roles_by_shape_relations_by_arrow_speakers_by_class() -> None:
    text = to_mermaid(loads(HOSTILE))
    assert f"s1{ROLE_SHAPES[Role.THESIS][0]}" in text and text.count("{{") == 1
    assert f"s4{ROLE_SHAPES[Role.OBJECTION][0]}" in text
    assert f"s4 {ARROWS[RelationKind.ATTACK]} s1" in text
    assert f"s5 {ARROWS[RelationKind.CONTRADICTION]} s1" in text
    assert f"s6 {ARROWS[RelationKind.UNDERCUT]} a1" in text
    assert len(set(ARROWS.values())) == len(ARROWS)
    # The linked premises meet in one argument node, which supports the thesis.
    assert "s2 --- a1\n  s3 --- a1\n  a1 --> s1\n" in text
    assert "class s1 speaker1\n" in text
    assert "<script>" not in text and "<img" not in text and '"quoted' not in text
    assert "%%{" not in text


def test_options_direction_ids_and_tags() -> None:
    argument_map = loads('thesis t #core: "T"\n  + premise p: "P"\n')
    text = to_mermaid(argument_map, RenderOptions(rankdir="LR", show_ids=True, show_tags=True))
    assert text.startswith("flowchart LR\n")
    assert 's1{{"T<br>#91;t#93;<br>#35;core"}}' in text


@needs_mermaid
@pytest.mark.slow
def test_mermaid_parses_every_map_with_its_text_intact() -> None:
    maps = [load(path) for path in sorted(MAPS.glob("*.arg"))] + [loads(HOSTILE)]
    results = mermaid_parse([to_mermaid(m) for m in maps])
    for argument_map, result in zip(maps, results, strict=True):
        assert result["ok"], result.get("error")
        vertices = {v["id"]: v for v in result["vertices"]}
        assert len(vertices) == len(argument_map.statements) + len(argument_map.arguments)
        assert len(result["edges"]) == expected_edges(argument_map)
        assert len(result["subgraphs"]) == len(argument_map.groups)
        for index, statement in enumerate(argument_map.statements, start=1):
            vertex = vertices[f"s{index}"]
            assert decoded(vertex["text"]) == " ".join(statement.text.split())
            assert statement.role.value in vertex["classes"]
            assert "<" not in vertex["text"] and '"' not in vertex["text"]
    hostile = results[-1]
    kinds = {(e["start"], e["end"]): (e["type"], e["stroke"]) for e in hostile["edges"]}
    assert kinds[("s2", "a1")] == ("arrow_open", "normal")
    assert kinds[("a1", "s1")] == ("arrow_point", "normal")
    assert kinds[("s4", "s1")] == ("arrow_cross", "normal")
    assert kinds[("s6", "a1")] == ("arrow_cross", "dotted")
    assert kinds[("s5", "s1")] == ("double_arrow_cross", "thick")
    assert [decoded(s["title"]) for s in hostile["subgraphs"]] == ["G <b>"]


@needs_mermaid
@pytest.mark.slow
# Generation only: shrinking would start Node hundreds of times; the failing text is shown.
@settings(
    max_examples=3,
    deadline=None,
    phases=[Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(argument_maps(), min_size=20, max_size=20))
def test_mermaid_parses_generated_maps(maps: list[ArgumentMap]) -> None:
    # One run of Node parses a batch: starting Mermaid is the slow part.
    for argument_map, result in zip(
        maps, mermaid_parse([to_mermaid(m) for m in maps]), strict=True
    ):
        text = to_mermaid(argument_map)
        assert result["ok"], f"{result.get('error')}\n{text}"
        assert len(result["edges"]) == expected_edges(argument_map), text
