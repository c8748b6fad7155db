"""The fast grammar's whole-line tokens give the model, every span and every diagnostic that
the grammar read by Lark's own lexer gives."""

from __future__ import annotations

import dataclasses
import importlib.util
import io
import pickle
import sys
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.language import parser as parser_module
from argmap.language import tokenizer
from argmap.language.lark_import import Token, Tree, UnexpectedInput
from argmap.language.parser import _fast_lark, _lark, parse
from argmap.language.printer import to_arg
from argmap.language.tokenizer import Unsure
from argmap.language.vocabulary import ROLES, VERBS
from tests.conftest import REPO
from tests.language.test_tokenizer import ALPHABET, SOURCES
from tests.strategies import argument_maps


def everything(value: object) -> object:
    """Every field of a parse result, spans included (the model's equality leaves them out)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__name__,
            tuple((f.name, everything(getattr(value, f.name))) for f in dataclasses.fields(value)),
        )
    if isinstance(value, list | tuple):
        return tuple(everything(item) for item in value)
    if isinstance(value, dict):
        return tuple((key, everything(item)) for key, item in value.items())
    return value


def both_ways(text: str, monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[object, object]:
    """The whole parse result with the fast grammar, and with Lark's lexer alone."""
    fast = everything(parse(text))
    parser_module.USE_TOKENIZER = False
    try:
        slow = everything(parse(text))
    finally:
        parser_module.USE_TOKENIZER = True
    return fast, slow


def line_tokens(text: str) -> int:
    """How many whole-line tokens the fast grammar's tree of `text` holds; -1 if the fast
    path steps aside (then the text is parsed as before, exactly)."""
    try:
        tree = _fast_lark().parse(text if text.endswith("\n") else text + "\n")
    except (Unsure, UnexpectedInput):
        return -1
    return sum(
        1
        for token in tree.scan_values(lambda value: isinstance(value, Token))
        if token.type.endswith("_LINE")
    )


def assert_same(text: str) -> None:
    fast, slow = both_ways(text)
    assert fast == slow


@pytest.fixture(autouse=True)
def _no_item_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each parse goes through the parser, not through trees stored by an earlier one.
    monkeypatch.setattr(parser_module.ITEM_CACHE, "limit", 0)


def test_every_map_and_example_of_the_repository() -> None:
    correct = used = 0
    for text in SOURCES.values():
        assert_same(text)
        try:
            _lark().parse(text if text.endswith("\n") else text + "\n")
        except (UnexpectedInput, parser_module._IndentationProblem):
            continue
        correct += 1
        used += line_tokens(text) > 0
    # Nearly every correct one is read with whole-line tokens: the comparison is not vacuous.
    assert correct > 80
    assert used > correct * 9 // 10


def _generate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("size", "seed"), [(300, 1), (1_000, None), (3_000, 7)])
def test_generated_benchmark_maps(size: int, seed: int | None) -> None:
    text, _ = _generate().generate(size, seed)
    assert line_tokens(text) > size // 2
    assert_same(text)


@pytest.mark.slow
def test_a_large_generated_map_in_chunks_and_processes() -> None:
    text, _ = _generate().generate(20_000)
    assert_same(text)


@pytest.mark.parametrize(
    "text",
    [
        'claim claim: "A keyword as an id"\n',
        'claim c @argument: "A keyword as a speaker"\n',
        'claim c @a @b #t #u-v: "Two speakers"\n',
        'claim c: "An \\x escape"\n  note: "and \\q another"\n',
        'claim c: "Text\n   over two lines \\"quoted\\""\n  + claim d: "D"\n',
        'thesis t: "T"  // a comment\n\n// another\n  + claim c: "C" // c\n',
        'thesis t: "T"\n\t+ claim c: "C"\n',
        'thesis t: "T"\n  + argument a @s #x -> t:\n    premise p: "P"\n    q\n',
        'thesis t: "T"\n  + argument a -> u:\n    premise p: "P"\n',
        'argument a @s -> t:\n  premise p: "P"\n  note: "N"\n  title: "A"\n  url: "no"\n',
        "a supports b @s #t\nclaim supports b\nb attacks claim\nx.y undercuts z @argument\n",
        'import "o.arg" as o\no.x contradicts y\n',
        'title: "T"\nauthor: "A"\ntitle: "again"\ncolour: "red"\nclaim: "c"\nspeaker: "s"\n',
        'speaker s: "S"\nspeaker claim: "K"\n',
        'claim c: "C"\n  cite: "X"\n  quote: "Q"\n  scheme: "s"\n  claim: "k"\n',
        'group "G" #g:\n  claim c: "C"\n  argument a -> c:\n    premise p: "P"\n  c, p\n',
        'thesis t (expect: in): "With options"\n  + claim c (standard: pe): "C"\n',
        'thèse_é é: "Unicode ids"\nstatement s_1 @ü: "x"\n',
        'claim c: "C" junk\n',
        'claim c: "never closed\n',
        'thesis t: "T"\n   + claim c: "C"\n  + claim d: "D"\n',
        'claim c: "C" // the end, no newline',
        'premise p: "P"\nexpect grounded:\n  in: p\n',
        "argument a @s #t: p + q.r+s -> c\nargument b -> c: p -> d\nargument k: claim + p\n",
        'thesis t: "T"\n  + argument a: p + q\n      - claim c: "C"\n  - argument b -> x: p\n',
        'thesis t: "T"\n  ><statement s: "S"\n  ~ claim u: "U"\n  -> claim v: "V"\n',
        'thesis t: "T"\n  -claim w: "W"\n  - - claim x: "X"\n',
        'thesis t: "T"\n  + argument a -> t:\n    premise p: "P"\n  ~argument b:\n    q\n',
        'group "G" @s @t #g:\n  claim c: "C"\n  c, d\ngroup"H":\n  claim e: "E"\n',
        'group "G" (x: y):\n  claim c: "C"\ngroup "I": c, e\n',
        "argument thesis -> c: p + claim -> premise\nargument b: p -> argument\n",
        'argument a -> claim:\n  premise p: "P"\nargument group @s @u -> c:\n  q\n',
        'group "G \\q" #g @claim:\n  claim c: "C"\ngroup "H\\"" @s:\n  claim d: "D"\n',
        'thesis t: "T"\n  - argument a @s: p + q\n  ~ argument b @x @y -> t:\n    premise p: "P"\n',
        "a supports claim @s\nx.y attacks z.w #t @u @v\n",
        "argument a #t->c: p\nargument b #t-:\n  p\n",
        'group "a\n  b" @s @s:\n  claim c: "C"\ngroup "x\n   y\n z" #t @claim:\n  c\n',
    ],
)
def test_lines(text: str) -> None:
    assert_same(text)


def test_common_lines_are_one_token_each() -> None:
    text = (
        'title: "T"\nthesis t @s #x: "T"\n  + argument a -> t:\n    premise p: "P"\n'
        '      cite: "C"\n      - claim c: "C"\nc attacks t\nargument b: c + p -> t\n'
        'group "G":\n  claim d: "D"\n'
    )
    assert line_tokens(text) == 10


def test_the_patterns_are_the_grammars() -> None:
    terminals = {t.name: t.pattern.to_regexp() for t in _lark().terminals}
    assert terminals["NAME"] == tokenizer.NAME
    assert terminals["SPEAKER"] == tokenizer.SPEAKER
    assert terminals["TAG"] == tokenizer.TAG
    assert terminals["STRING"] == f"(?s:{tokenizer.STRING})"
    assert terminals["QNAME"] == rf"{tokenizer.NAME}(?:\.{tokenizer.NAME})+"
    assert tokenizer.ROLE_WORDS == ROLES
    assert tokenizer.VERB_WORDS == VERBS


def test_stored_trees_round_trip_through_the_restricted_unpickler() -> None:
    from argmap.lsp.incremental import _ItemUnpickler

    tree = _fast_lark().parse('title: "T"\nclaim c @s: "C"\n  note: "N"\n')
    heads = [child.children[0] for child in tree.children if isinstance(child, Tree)]
    assert [head.type for head in heads] == ["PROPERTY_LINE", "STATEMENT_LINE"]  # type: ignore[union-attr]
    loaded = _ItemUnpickler(io.BytesIO(pickle.dumps(tree))).load()
    assert loaded == tree


def test_the_item_cache_gives_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    text, _ = _generate().generate(500)
    expected = everything(parse(text))
    monkeypatch.setattr(parser_module.ITEM_CACHE, "limit", 50_000)
    parser_module.ITEM_CACHE.clear()
    assert everything(parse(text)) == expected
    edited = text.replace("\n", '\nclaim added_one: "An added line"\n', 1)
    cached = everything(parse(edited))
    assert parser_module.ITEM_CACHE.hits > 0
    monkeypatch.setattr(parser_module.ITEM_CACHE, "limit", 0)
    assert cached == everything(parse(edited))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, max_size=80).map("".join))
def test_language_like_text(text: str) -> None:
    assert_same(text)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps())
def test_printed_maps(argument_map: object) -> None:
    assert_same(to_arg(argument_map))  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SOURCES.values())), st.data())
def test_mutated_maps(source: str, data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(source)))
    cut = data.draw(st.integers(0, 10))
    insert = data.draw(st.lists(ALPHABET, max_size=4).map("".join))
    assert_same(source[:position] + insert + source[position + cut :])
