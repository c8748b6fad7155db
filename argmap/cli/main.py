"""The `argmap` command group: each subcommand's module is imported only when it runs."""

from __future__ import annotations

import importlib

import click

from argmap.language.itemcache import ITEM_CACHE
from argmap.version import __version__

# Command name -> "module:function". `argmap check` then never imports Graphviz or the solver.
COMMANDS = {
    "check": "argmap.cli.check:check",
    "explain": "argmap.cli.reference:explain",
    "codes": "argmap.cli.reference:list_codes",
    "schemes": "argmap.cli.reference:schemes",
    "fmt": "argmap.cli.fmt:fmt",
    "convert": "argmap.cli.convert:convert_command",
    "render": "argmap.cli.render:render",
    "embed": "argmap.cli.embed:embed",
    "eval": "argmap.cli.evaluate:evaluate_map",
    "af": "argmap.cli.evaluate:abstract_framework",
}


class LazyGroup(click.Group):
    """A group whose commands are loaded by name, when asked for (click's documented pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, _, attribute = target.partition(":")
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="argmap")
def main() -> None:
    """argmap: check, evaluate and render argument maps written in .arg files.

    \b
    Examples:
      argmap check maps/tokayev.arg
      argmap explain E106
    """
    # One command parses each file once: keeping parse trees for a later parse would only
    # cost memory (the cache serves long-running callers such as an editor's server).
    limit, ITEM_CACHE.limit = ITEM_CACHE.limit, 0
    context = click.get_current_context()
    context.call_on_close(lambda: setattr(ITEM_CACHE, "limit", limit))
