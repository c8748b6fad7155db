"""Parse one .arg file with the bare Lark parser of argmap's grammar and nothing else."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from lark import Lark

from argmap.language.parser import _ArgIndenter, _grammar_text

# The same grammar file (argmap/language/argmap.lark of the argmap being imported) and the same
# Lark options as argmap.language.parser._lark(): the practical limit of the parser, without
# building the model or checking it.


def main() -> None:
    if "--gc-paused" in sys.argv:
        # As argmap does while it parses (argmap.gcpause): the collector's rescans of a
        # growing heap are a large part of a plain parse of a big file.
        gc.disable()
    parser = Lark(
        _grammar_text(),
        parser="lalr",
        postlex=_ArgIndenter(),
        propagate_positions=False,
        maybe_placeholders=False,
        cache=True,
    )
    text = Path(sys.argv[-1]).read_text(encoding="utf-8")
    parser.parse(text if text.endswith("\n") else text + "\n")


if __name__ == "__main__":
    main()
