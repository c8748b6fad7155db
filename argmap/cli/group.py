"""The `argmap` click group: each subcommand's module is imported only when it runs."""

from __future__ import annotations

import errno
import importlib
import os
import sys
from typing import Any

import click

from argmap.cli.common import fail
from argmap.errors import ArgmapError
from argmap.files import os_problem
from argmap.language import parallel
from argmap.language.itemcache import ITEM_CACHE
from argmap.version import __version__

# A reader closed the pipe: what a Unix tool killed by SIGPIPE reports (128 + 13).
EXIT_CLOSED_PIPE = 141

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
    "serve": "argmap.cli.serve:serve",
    "eval": "argmap.cli.evaluate:evaluate_map",
    "af": "argmap.cli.af:abstract_framework",
    "lsp": "argmap.cli.lsp:lsp",
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

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run a command; output that cannot be written ends it with a message, not a traceback.

        A reader that closes the pipe early (`argmap ... | head`) ends the command quietly with
        status 141, as a Unix tool killed by SIGPIPE; a full device is a message and exit 2.
        """
        try:
            try:
                return super().main(*args, **kwargs)
            finally:
                # At interpreter exit a failure would only be 'ignored'. A command that closed
                # standard output itself (the language server, at the client's 'exit') is done.
                if not sys.stdout.closed:
                    sys.stdout.flush()
        except BrokenPipeError:
            _quiet_stdout()
            sys.exit(EXIT_CLOSED_PIPE)
        except ArgmapError as problem:  # e.g. standard output on a full device
            fail(problem)
        except SystemExit as done:
            # click wraps standard output when it meets a closed pipe (its PacifyFlushWrapper,
            # private from click 8.5 on, so it is told by name, not imported).
            if type(sys.stdout).__name__.endswith("PacifyFlushWrapper"):
                _quiet_stdout()
                sys.exit(EXIT_CLOSED_PIPE)
            raise done from None
        except OSError as problem:
            if problem.errno == errno.EPIPE:
                _quiet_stdout()
                sys.exit(EXIT_CLOSED_PIPE)
            fail(os_problem("standard output", problem))


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so the final flush at exit cannot fail again."""
    try:
        descriptor = os.open(os.devnull, os.O_WRONLY)
        os.dup2(descriptor, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # a test runner's stdout has no descriptor: nothing is flushed at exit


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
    # A large map is parsed on every core (argmap.language.parallel).
    processes, parallel.PROCESSES = parallel.PROCESSES, 0
    context = click.get_current_context()
    context.call_on_close(lambda: setattr(ITEM_CACHE, "limit", limit))
    context.call_on_close(lambda: setattr(parallel, "PROCESSES", processes))
