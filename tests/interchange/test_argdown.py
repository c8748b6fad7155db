"""Argdown export, accepted by the real Argdown CLI (@argdown/cli 1.7.5) when it is installed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import loads
from argmap.interchange.aif import parse_aif
from argmap.interchange.argdown import argument_title, escape, to_argdown
from argmap.interchange.microtext import parse_microtext
from argmap.model import ArgumentMap
from tests.conftest import DATA, MAPS, REPO
from tests.strategies import argument_maps

LANGUAGE = (REPO / "docs" / "language.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```argmap\n(.*?)```", LANGUAGE, re.S)
MAP_FILES = sorted(MAPS.glob("**/*.arg")) if MAPS.is_dir() else []
# .ci/run installs the CLI here: npm install --prefix .argdown-cli @argdown/cli@1.7.5
CLI_PLACES = [
    REPO / ".argdown-cli" / "node_modules" / ".bin" / "argdown",
    REPO / "node_modules" / ".bin" / "argdown",
]
ARGDOWN = next((str(p) for p in CLI_PLACES if p.exists()), None)
needs_argdown = pytest.mark.skipif(
    ARGDOWN is None or shutil.which("node") is None,
    reason="the Argdown CLI is not installed; run: "
    "npm install --prefix .argdown-cli --no-audit --no-fund @argdown/cli@1.7.5",
)

SMALL = """\
title: "Plan"
speaker s: "Sam"
thesis t @s #core: "We should adopt [the plan] <now>."
  + argument a (scheme: expert_opinion):
      premise p: "An expert #1 says so_far * 2."
      premise q: "She is an expert."
      ~ objection paid: "She is paid."
  - objection cost: "It costs 5 - 3 = 2 millions."
      cite: "Budget"
cost contradicts q
"""

SMALL_ARGDOWN = """\
===
title: "Plan"
speakers:
  s: "Sam"
===

[t]: We should adopt \\[the plan\\] \\<now\\>. #(core) {role: "thesis", speaker: "s"}

[p]: An expert \\#1 says so\\_far \\* 2. {role: "premise"}

[q]: She is an expert. {role: "premise"}

[paid]: She is paid. {role: "objection"}

[cost]: It costs 5 \\- 3 \\= 2 millions. {role: "objection", cite: "Budget"}

<a> {scheme: "expert_opinion"}

(1) [p]
(2) [q]
----
(3) [t]

[paid]
  _> <a>

[cost]
  -> [t]
  >< [q]
"""


def test_small_map_exact_text() -> None:
    assert to_argdown(loads(SMALL)) == SMALL_ARGDOWN


def test_escape_markup_and_line_breaks() -> None:
    assert escape("a [b]\n  <c> #d @e {f} _g_ *h* `i` // j") == (
        "a \\[b\\] \\<c\\> \\#d \\@e \\{f\\} \\_g\\_ \\*h\\* \\`i\\` \\/\\/ j"
    )


def run_argdown(*arguments: str) -> subprocess.CompletedProcess[str]:
    assert ARGDOWN is not None
    return subprocess.run(
        [ARGDOWN, *arguments], capture_output=True, text=True, timeout=300, check=False
    )


def assert_argdown_accepts(maps: dict[str, ArgumentMap], folder: Path) -> dict[str, Any]:
    """Export every map, have the CLI validate them all (exit 0, nothing on stderr), and check
    that its JSON export sees exactly our statements and arguments. One CLI run per step,
    since Node.js takes a second to start."""
    folder.mkdir()
    for name, argument_map in maps.items():
        (folder / f"{name}.argdown").write_text(to_argdown(argument_map), encoding="utf-8")
    pattern = str(folder / "*.argdown")
    checked = run_argdown(pattern)
    assert (checked.returncode, checked.stderr) == (0, "")
    assert f"Successfully checked {len(maps)} file" in checked.stdout
    exported = run_argdown("json", pattern, str(folder / "json"), "--silent")
    assert (exported.returncode, exported.stderr) == (0, "")
    results = {}
    for name, argument_map in maps.items():
        data = json.loads((folder / "json" / f"{name}.json").read_text(encoding="utf-8"))
        assert set(data["statements"]) == {s.id for s in argument_map.statements}, name
        assert set(data["arguments"]) == {argument_title(a.id) for a in argument_map.arguments}
        results[name] = data
    return results


@pytest.mark.slow
@needs_argdown
def test_the_cli_rejects_broken_argdown(tmp_path: Path) -> None:
    # Make sure the check can fail: the CLI exits 1 and reports on stderr.
    path = tmp_path / "broken.argdown"
    path.write_text("[a]: x\n  +> [b]: y\n    - \n\n(1) oops\n(2) x\n---\n", encoding="utf-8")
    result = run_argdown(str(path))
    assert result.returncode == 1
    assert f"Argdown syntax errors in {path}: 2" in result.stderr


@pytest.mark.slow
@needs_argdown
def test_small_map_is_accepted_with_its_relations(tmp_path: Path) -> None:
    data = assert_argdown_accepts({"small": loads(SMALL)}, tmp_path / "out")["small"]
    relations = {(r["from"], r["to"], r["relationType"]) for r in data["relations"]}
    assert relations == {
        ("paid", "a", "undercut"),
        ("cost", "t", "attack"),
        ("cost", "q", "contradictory"),
    }
    assert data["statements"]["t"]["members"][0]["data"] == {"role": "thesis", "speaker": "s"}


@pytest.mark.slow
@needs_argdown
def test_every_map_in_maps_is_accepted(tmp_path: Path) -> None:
    maps = {p.stem: loads(p.read_text(encoding="utf-8"), str(p)) for p in MAP_FILES}
    assert_argdown_accepts(maps, tmp_path / "out")


@pytest.mark.slow
@needs_argdown
def test_language_examples_are_accepted(tmp_path: Path) -> None:
    maps = {f"example{n}": loads(example) for n, example in enumerate(EXAMPLES)}
    assert_argdown_accepts(maps, tmp_path / "out")


@pytest.mark.slow
@needs_argdown
def test_imported_corpora_are_accepted(tmp_path: Path) -> None:
    maps = {
        p.stem: parse_aif(p.read_text(encoding="utf-8"), str(p)).map
        for p in sorted((DATA / "aif").glob("*/*.json"))
    }
    maps.update(
        {
            p.stem: parse_microtext(p.read_text(encoding="utf-8"), str(p)).map
            for p in sorted((DATA / "microtexts").glob("*.xml"))
        }
    )
    assert_argdown_accepts(maps, tmp_path / "out")


@pytest.mark.slow
@needs_argdown
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(argument_maps(), min_size=6, max_size=6))
def test_generated_maps_are_accepted(maps: list[ArgumentMap]) -> None:
    # Awkward text (quotes, brackets, markup, line breaks, any Unicode) must still parse.
    with tempfile.TemporaryDirectory() as folder:
        for number, argument_map in enumerate(maps):
            path = Path(folder) / f"m{number}.argdown"
            path.write_text(to_argdown(argument_map), encoding="utf-8")
        checked = run_argdown(str(Path(folder) / "*.argdown"))
        assert (checked.returncode, checked.stderr) == (0, "")
        exported = run_argdown(
            "json", str(Path(folder) / "*.argdown"), str(Path(folder) / "json"), "--silent"
        )
        assert (exported.returncode, exported.stderr) == (0, "")
        for number, argument_map in enumerate(maps):
            data = json.loads((Path(folder) / "json" / f"m{number}.json").read_text("utf-8"))
            assert {s.id for s in argument_map.statements} <= set(data["statements"])
            titles = {argument_title(a.id) for a in argument_map.arguments}
            assert titles <= set(data["arguments"])
            for statement in argument_map.statements:
                # Argdown reads back our text (and the tags, which it keeps in the text).
                definition = data["statements"][statement.id]["members"][0]
                for key in ("cite", "quote", "url", "note", "raises"):
                    assert definition["data"].get(key) == getattr(statement, key)
                if statement.text.strip():
                    text = definition["text"]
                    tags = [f"#({tag})" for tag in statement.tags]
                    assert text.split() == statement.text.split() + tags


def test_awkward_ids_and_empty_text() -> None:
    text = to_argdown(
        loads('claim _c: ""\nargument _a: _c -> d\nclaim d: "x"\ne undercuts _a\nclaim e: "y"\n')
    )
    assert '[_c] {role: "claim"}\n' in text
    assert "<argument _a>\n\n(1) [_c]\n----\n(2) [d]\n" in text
    assert "[e]\n  _> <argument _a>\n" in text


def test_a_relations_speaker_and_tags_never_attach_to_its_target() -> None:
    text = to_argdown(
        loads(
            'speaker a: "A"\nspeaker b: "B"\nthesis t @a: "T"\n  + argument arg1 @a:\n'
            '      premise p @a: "P"\n      premise q @a: "Q"\n'
            'objection o @b: "O"\no undercuts arg1 @b #u\n'
        )
    )
    assert "[o]\n  // undercuts: @b #u\n  _> <arg1>\n" in text
    assert "_> <arg1> #" not in text and "_> <arg1> {" not in text
