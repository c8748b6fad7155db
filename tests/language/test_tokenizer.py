"""argmap's tokenizer gives Lark's parser the tokens Lark's own lexer gives, or steps aside.

These tests run the tokenizer on the grammar itself (`ArgTokenizer`); the fast grammar's
whole-line tokens (`LineTokenizer`) are compared by their models in test_line_tokens.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.language import parser as parser_module
from argmap.language.lark_import import Lark, Token, Tree, UnexpectedInput
from argmap.language.parser import _grammar_text, _lark, parse
from argmap.language.printer import to_arg
from argmap.language.tokenizer import ArgTokenizer, Unsure
from tests.conftest import REPO
from tests.strategies import argument_maps

Seen = tuple[object, ...]


@lru_cache(maxsize=1)
def _fast_lark() -> Lark:
    """The grammar with argmap's tokenizer, without the whole-line terminals."""
    return Lark(
        _grammar_text(), parser="lalr", lexer=ArgTokenizer, maybe_placeholders=False, cache=True
    )


def _tokens(tree: Tree[Token]) -> list[Seen]:
    return [
        (t.type, t.value, t.line, t.column, t.end_line, t.end_column, t.start_pos, t.end_pos)
        for t in tree.scan_values(lambda value: isinstance(value, Token))
    ]


def _shape(tree: Tree[Token] | Token) -> object:
    if isinstance(tree, Token):
        return tree.type
    return (tree.data, [_shape(child) for child in tree.children])


def assert_same_tokens(text: str) -> bool:
    """Lark's lexer and argmap's tokenizer agree: same tree and token positions, or both fail.

    Returns whether the text parsed.
    """
    text = text if text.endswith("\n") else text + "\n"
    try:
        expected = _lark().parse(text)
    except (UnexpectedInput, parser_module._IndentationProblem):
        # Text with a syntax error: the tokenizer must step aside or fail too, never succeed.
        with pytest.raises((Unsure, UnexpectedInput)):
            _fast_lark().parse(text)
        return False
    try:
        found = _fast_lark().parse(text)
    except (Unsure, UnexpectedInput):
        return True  # stepping aside is always allowed: Lark's lexer then parses it
    assert _shape(found) == _shape(expected)
    assert _tokens(found) == _tokens(expected)
    return True


def _sources() -> Iterator[tuple[str, str]]:
    for path in sorted(REPO.glob("maps/**/*.arg")) + sorted(REPO.glob("tests/**/*.arg")):
        yield str(path.relative_to(REPO)), path.read_text(encoding="utf-8", errors="replace")
    for page in sorted((REPO / "docs").glob("*.md")):
        for number, block in enumerate(
            re.findall(r"```argmap\n(.*?)```", page.read_text(encoding="utf-8"), re.S)
        ):
            yield f"{page.name}#{number}", block


SOURCES = dict(_sources())


def test_every_map_and_example_of_the_repository() -> None:
    parsed = sum(assert_same_tokens(text) for text in SOURCES.values())
    # Most of them are correct maps, so the comparison is not vacuous.
    assert parsed > len(SOURCES) // 2


@pytest.mark.parametrize(
    "text",
    [
        'claim claim: "A keyword as an id"\n',
        'thesis t: "T"\nclaim c: "C"\nc supports t\nargument a: c -> t\n',
        'thesis t: "T"\n  + argument a:\n    premise p: "P"\n      - objection o: "O"\n',
        'thesis t: "T"  // a comment\n\n// another\n  + claim c: "C"\n',
        'thesis t: "Text\nover two lines"\n  + claim c: "C"\n',
        'thesis t: "T"\n\t+ claim c: "C"\n',
        'group "G" #tag: a, b\nexpect grounded:\n  in: a, b\n',
        "argument a @sp #t (scheme: expert_opinion, weight: 0.4): p + q -> c\n",
        'thesis t (expect: in, standard: pe): "é \\" ü"\n',
        'import "other.arg" as other\nthesis t: "T"\nother.x supports t\n',
    ],
)
def test_correct_lines(text: str) -> None:
    assert assert_same_tokens(text)


@pytest.mark.parametrize(
    "text",
    [
        'thesis t: "T"\n   + claim c: "C"\n  + claim d: "D"\n',  # lines up with nothing
        # Lark's contextual lexer splits the keyword off ('a supports b'); the tokenizer reads
        # one id, the parse fails on it, and Lark's lexer parses the text again.
        "a supportsb\n",
        'thesis t: "T" $\n',  # a character no terminal matches
        'thesis t: "never closed\n',
    ],
)
def test_texts_left_to_larks_lexer(text: str) -> None:
    assert_same_tokens(text)
    assert parse(text) == _without_tokenizer(text)


def test_deep_outlines_are_left_to_larks_lexer() -> None:
    text = 'thesis t: "T"\n' + "".join(
        "  " * depth + f'- objection o{depth}: "O"\n' for depth in range(1, 205)
    )
    with pytest.raises(Unsure):
        _fast_lark().parse(text)
    with pytest.raises(Unsure):
        parser_module._fast_lark().parse(text)
    assert [d.code for d in parse(text).diagnostics] == ["E005"]


def _without_tokenizer(text: str) -> parser_module.ParseResult:
    """What `parse` gives when every text goes through Lark's own lexer."""
    parser_module.USE_TOKENIZER = False
    try:
        return parse(text)
    finally:
        parser_module.USE_TOKENIZER = True


def test_the_model_and_diagnostics_are_those_of_larks_lexer() -> None:
    for text in SOURCES.values():
        assert parse(text) == _without_tokenizer(text)


ALPHABET = st.sampled_from(
    [
        *'abct_ :"\\\n  +-~><@#(),->\t/1.',
        "thesis ",
        "premise ",
        "argument ",
        "supports ",
        "claim",
        "\n  ",
        "\n    ",
        "// c",
        "é",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, max_size=80).map("".join))
def test_language_like_text(text: str) -> None:
    assert_same_tokens(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps())
def test_printed_maps(argument_map: object) -> None:
    assert assert_same_tokens(to_arg(argument_map))  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SOURCES.values())), st.data())
def test_mutated_maps(source: str, data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(source)))
    cut = data.draw(st.integers(0, 10))
    insert = data.draw(st.lists(ALPHABET, max_size=4).map("".join))
    assert_same_tokens(source[:position] + insert + source[position + cut :])


def test_generated_benchmark_map(tmp_path: Path) -> None:
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    text, _ = module.generate(1_000)
    assert assert_same_tokens(text)
