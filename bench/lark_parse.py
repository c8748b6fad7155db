"""Parse one .arg file with the bare Lark parser of argmap's grammar and nothing else."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from lark import Lark

from argmap.parser import _ArgIndenter

# The same grammar file and the same Lark options as argmap.parser._lark(): this is the
# practical limit of the parser, without building the model or checking it.
GRAMMAR = Path(__file__).resolve().parents[1] / "grammars" / "argmap.lark"


def main() -> None:
    if "--gc-paused" in sys.argv:
        # As argmap does while it parses (argmap.gcpause): the collector's rescans of a
        # growing heap are a large part of a plain parse of a big file.
        gc.disable()
    parser = Lark(GRAMMAR.read_text(encoding="utf-8"), parser="lalr", postlex=_ArgIndenter(),
                  propagate_positions=True, maybe_placeholders=False, cache=True)
    text = Path(sys.argv[-1]).read_text(encoding="utf-8")
    parser.parse(text if text.endswith("\n") else text + "\n")


if __name__ == "__main__":
    main()
