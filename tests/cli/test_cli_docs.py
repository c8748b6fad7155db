"""Every command and option of the CLI is documented, and every command has help."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from argmap.cli import main
from tests.conftest import REPO

DOCS = "\n".join(
    path.read_text(encoding="utf-8")
    for path in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
)


def commands(group: click.Group, prefix: str = "argmap") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    context = click.Context(group)
    for name in group.list_commands(context):  # the lazy group loads each command by name
        command = group.get_command(context, name)
        assert command is not None, name
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            found += commands(command, path)
        else:
            found.append((path, command))
    return found


ALL = commands(main)


def test_the_cli_has_the_commands_we_document() -> None:
    assert {"argmap check", "argmap explain", "argmap render"} <= {p for p, _ in ALL}


@pytest.mark.parametrize(("path", "command"), ALL, ids=[p for p, _ in ALL])
def test_every_command_is_documented_with_its_options(path: str, command: click.Command) -> None:
    assert path in DOCS, f"'{path}' appears nowhere in README.md or docs/"
    for parameter in command.params:
        if isinstance(parameter, click.Option) and not parameter.hidden:
            # A whole token: '--fo' must not pass because '--format' is documented.
            assert any(
                re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", DOCS) for opt in parameter.opts
            ), f"{path}: option {parameter.opts} is not documented"


@pytest.mark.parametrize(("path", "command"), ALL, ids=[p for p, _ in ALL])
def test_every_command_has_help_with_an_example(path: str, command: click.Command) -> None:
    result = CliRunner().invoke(main, [*path.split()[1:], "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
