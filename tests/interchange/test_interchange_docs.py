"""The examples of docs/interchange.md are what the code does."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from argmap import loads
from argmap.cli import main
from argmap.interchange.aif import parse_aif
from argmap.interchange.argdown import to_argdown
from argmap.interchange.carneades_yaml import parse_carneades_yaml
from argmap.interchange.microtext import parse_microtext
from argmap.language.formatter import format_text
from argmap.language.printer import to_arg
from tests.conftest import REPO

PAGE = (REPO / "docs" / "interchange.md").read_text(encoding="utf-8")
EXAMPLES = dict(re.findall(r"<!-- example: ([\w-]+) -->\n```\w*\n(.*?)```", PAGE, re.S))


def test_every_example_pair_is_there() -> None:
    assert sorted(EXAMPLES) == sorted(
        f"{name}-{side}"
        for name in ("fmt", "aif", "microtext", "argdown", "carneades")
        for side in ("in", "out")
    )


def test_fmt_example() -> None:
    assert format_text(EXAMPLES["fmt-in"]) == EXAMPLES["fmt-out"]
    assert format_text(EXAMPLES["fmt-out"]) == EXAMPLES["fmt-out"]


def test_aif_example() -> None:
    imported = parse_aif(EXAMPLES["aif-in"], "flood.json")
    assert to_arg(imported.map) == EXAMPLES["aif-out"]
    warning = (
        "flood.json: warning: 1 TA dialogue transition(s) have no counterpart in argmap "
        "and were not imported (7)"
    )
    assert [str(w) for w in imported.warnings] == [warning]
    assert " ".join(warning.split()) in " ".join(PAGE.replace("`", "").split())


def test_microtext_example() -> None:
    imported = parse_microtext(EXAMPLES["microtext-in"], "bins.xml")
    assert to_arg(imported.map) == EXAMPLES["microtext-out"]


def test_carneades_example() -> None:
    imported = parse_carneades_yaml(EXAMPLES["carneades-in"], "rebuttal.yml")
    assert to_arg(imported.map) == EXAMPLES["carneades-out"]
    assert imported.warnings == ()


def test_argdown_example() -> None:
    assert to_argdown(loads(EXAMPLES["argdown-in"])) == EXAMPLES["argdown-out"]


@pytest.mark.parametrize("command", ["fmt", "convert"])
def test_commands_are_documented(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert f"argmap {command}" in PAGE
