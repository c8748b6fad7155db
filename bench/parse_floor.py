"""Where a parse's time goes, stage by stage, and the floor of Lark's LALR parser on one map.

    python bench/parse_floor.py bench/out/map_100000.arg [--runs 3]

Prints the median CPU seconds (one process, the collector paused as argmap pauses it) of:
a regular-expression pass over the lines alone; argmap's tokenizer alone; Lark's LALR parser
fed the tokens already made (its `feed_token` and tree building: the floor for any parse that
Lark's parser does, whatever makes the tokens); the fast grammar's whole parse of the chunks;
and `parse` (chunks, parse trees and the model, serially). Also the number of tokens and
reductions the parser sees.
"""

from __future__ import annotations

import argparse
import gc
import re
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

from argmap.language import parallel
from argmap.language import parser as parser_module
from argmap.language.itemcache import ITEM_CACHE
from argmap.language.lark_import import Lark, Token
from argmap.language.tokenizer import LineTokenizer

LINE = re.compile(r'[ \t]*(?:[-+~]|><)?[ \t]*(\w+)[^"\n]*(?:"[^"\\]*(?:\\.[^"\\]*)*")?[^\n]*')


class _Replay(LineTokenizer):
    """Hands the parser tokens made beforehand (`tokens`), at no cost of its own."""

    tokens: ClassVar[list[Token]] = []

    def lex(self, lexer_state: Any, parser_state: Any) -> Iterator[Token]:
        return iter(self.tokens)


def _median(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("path", type=Path)
    options.add_argument("--runs", type=int, default=3)
    args = options.parse_args()
    text = args.path.read_text(encoding="utf-8")
    lines = text.split("\n")
    chunks = ["\n".join(lines[a:b]) + "\n" for a, b in parser_module._chunks(lines)]
    fast = parser_module._fast_lark()
    # The tokens of every chunk, as the tokenizer makes them in a real parse.
    recorded: list[list[Token]] = []
    lexer = fast.parser.lexer
    original = type(lexer).lex

    def record(self: Any, lexer_state: Any, parser_state: Any) -> Iterator[Token]:
        tokens = recorded[-1]
        for token in original(self, lexer_state, parser_state):
            tokens.append(token)
            yield token

    for chunk in chunks:
        recorded.append([])
        type(lexer).lex = record  # type: ignore[method-assign]
        try:
            fast.parse(chunk)
        finally:
            type(lexer).lex = original  # type: ignore[method-assign]
    replay = Lark(
        parser_module._grammar_text() + parser_module.FAST_RULES,
        parser="lalr",
        lexer=_Replay,
        propagate_positions=False,
        maybe_placeholders=False,
    )

    def replay_all() -> None:
        for tokens in recorded:
            _Replay.tokens = tokens
            replay.parse("")

    def lex_all() -> None:
        # The tokenizer alone: the parser's state is the start state throughout, so
        # keywords come out as ids (no matter here: no parser is fed).
        for chunk in chunks:
            for _ in lexer.lex(_State(chunk), _ParserState(fast)):
                pass

    ITEM_CACHE.limit = 0
    parallel.PROCESSES = 1
    gc.disable()
    tokens = sum(len(tokens) for tokens in recorded)
    stages = [
        ("regular-expression pass over the lines", lambda: [LINE.match(x) for x in lines]),
        ("argmap's tokenizer alone", lex_all),
        ("Lark's LALR parser fed made tokens (the floor)", replay_all),
        ("fast grammar: tokenizer + LALR parser", lambda: [fast.parse(c) for c in chunks]),
        ("parse(): chunks, trees and the model", lambda: parser_module.parse(text)),
    ]
    print(f"{args.path.name}: {len(lines):,} lines, {tokens:,} tokens, {len(chunks)} chunks")
    for name, work in stages:
        print(f"  {name:<48} {_median(work, args.runs):7.3f} s CPU")


class _State:
    def __init__(self, text: str) -> None:
        self.text = text


class _ParserState:
    def __init__(self, lark: Lark) -> None:
        parse_table = lark.parser.parser.parser.parse_table
        self.parse_conf = _Conf(parse_table, lark.parser.parser.parser.callbacks)
        self.state_stack = [parse_table.start_states["start"]]


class _Conf:
    def __init__(self, parse_table: Any, callbacks: Any) -> None:
        self.states = parse_table.states
        self.callbacks = callbacks


if __name__ == "__main__":
    main()
