"""The `argmap` command line: a thin click layer over the library, one module per command."""

from argmap.cli.fast import Main

TYPE_CHECKING = False  # typing's own flag costs its import; mypy reads any TYPE_CHECKING
if TYPE_CHECKING:
    from argmap.cli.group import main as main
else:
    # The console script's `main()`: a run the cache holds is answered before click is loaded
    # (argmap/cli/fast.py); otherwise, and for every other use, it is the click group.
    main = Main()

__all__ = ["main"]
