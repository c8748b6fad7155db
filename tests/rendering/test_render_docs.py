"""docs/rendering.md runs as written, and the README picture is not stale."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main
from argmap.model import Role
from argmap.rendering.graphviz import dot_hash, svg_dot_hash
from tests.render_fixtures import ROOT

SVG = "{http://www.w3.org/2000/svg}"

PAGE = (ROOT / "docs" / "rendering.md").read_text(encoding="utf-8")
MAP = re.findall(r"```argmap\n(.*?)```", PAGE, re.S)[0]
COMMANDS = [
    line[2:]
    for block in re.findall(r"```console\n(.*?)```", PAGE, re.S)
    for line in block.splitlines()
    if line.startswith("$ argmap ")
]
PYTHON = re.findall(r"```python\n(.*?)```", PAGE, re.S)
PICTURE_COMMAND = "argmap render maps/tokayev.arg --overview -o docs/images/tokayev-overview.svg"
PICTURE = ROOT / "docs" / "images" / "tokayev-overview.svg"
TOKAYEV = ROOT / "maps" / "tokayev.arg"
MAGIC = {".svg": b"<?xml", ".png": b"\x89PNG", ".pdf": b"%PDF-", ".dot": b"digraph ", ".md": b"# "}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding the page's map as debate.arg (and a copy as other.arg)."""
    (tmp_path / "debate.arg").write_text(MAP, encoding="utf-8")
    (tmp_path / "other.arg").write_text(MAP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_page_has_examples() -> None:
    assert MAP.startswith("// debate.arg\n")
    assert len(COMMANDS) == 14 and len(PYTHON) == 1


def test_the_example_map_has_no_problems() -> None:
    assert argmap.check_text(MAP, "debate.arg") == []


@pytest.mark.parametrize("command", COMMANDS)
def test_console_examples_run(command: str, folder: Path) -> None:
    args = shlex.split(command)[1:]
    needs_graphviz = "-o -" not in command and not re.search(r"\.(dot|json)\b", command)
    if needs_graphviz and shutil.which("dot") is None:
        pytest.skip("the Graphviz 'dot' program is not installed")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    if "-o -" in command:
        assert json.loads(result.stdout)["format"] == "argmap-map"
        return
    written = sorted(p for p in folder.rglob("*") if p.suffix != ".arg" and p.is_file())
    assert written, "the command wrote nothing"
    for path in written:
        assert path.read_bytes().startswith(MAGIC[path.suffix]), path


def test_the_option_table_lists_every_option() -> None:
    command = main.get_command(click.Context(main), "render")
    assert command is not None
    options = {
        opt
        for param in command.params
        if isinstance(param, click.Option) and not param.hidden
        for opt in param.opts
    }
    documented = set(re.findall(r"^\| `(-[^` ]+)", PAGE, re.M))
    documented |= set(re.findall(r"^\| `-o`, `(--[a-z-]+)", PAGE, re.M))
    assert {o for o in options if o.startswith("-")} <= documented


def test_python_example_runs(folder: Path) -> None:
    exec(compile(PYTHON[0], "docs/rendering.md", "exec"), {})


def test_the_picture_command_is_documented() -> None:
    assert f"\n{PICTURE_COMMAND}\n" in PAGE
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert PICTURE_COMMAND in readme and "docs/images/tokayev-overview.svg" in readme


def test_the_readme_picture_is_not_stale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The committed SVG was drawn by argmap from the DOT the documented command gives now."""
    monkeypatch.chdir(ROOT)
    args = shlex.split(PICTURE_COMMAND)[1:]
    output = args.index("-o") + 1
    args[output] = "-"
    result = CliRunner().invoke(main, [*args, "--format", "dot"])
    assert result.exit_code == 0, result.stderr
    picture = PICTURE.read_bytes()
    assert svg_dot_hash(picture) == dot_hash(result.stdout), (
        f"{PICTURE.relative_to(ROOT)} is stale; regenerate it with: {PICTURE_COMMAND}"
    )
    root = ET.fromstring(picture)
    ids = {element.get("id") for element in root.iter()}
    tokayev = argmap.load(os.path.relpath(TOKAYEV, ROOT))
    theses = {s.id for s in tokayev.statements if s.role is Role.THESIS}
    assert theses <= ids and "chaos" not in ids  # the overview: theses, main claims only
    # The 8 px rule: the smallest text is at least 8 px tall when the SVG is 800 px wide.
    width = float(root.get("width", "0").removesuffix("pt"))
    sizes = [float(t.get("font-size", "14")) for t in root.iter(f"{SVG}text")]
    assert sizes and min(sizes) * 800 / max(width, 800) >= 8, (width, min(sizes))
