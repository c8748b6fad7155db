"""The vocabulary is the language's one list of words: the grammar, lexers and printer agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pygments.token import Keyword, Name, Operator

from argmap.diagnostics import Severity
from argmap.errors import InputError, MapError
from argmap.language import parser, vocabulary
from argmap.language.formatter import format_source, format_text
from argmap.language.loading import loads
from argmap.language.parser import _lark, parse
from argmap.language.printer import to_arg
from argmap.language.pygments_lexer import ArgmapLexer
from argmap.model import ArgumentMap, Role, Statement


def _rule_words(name: str) -> set[str]:
    """The literal words a one-token-per-alternative grammar rule accepts."""
    terminals = {t.name: t for t in _lark().terminals}
    words = set()
    for rule in _lark().rules:
        if rule.origin.name == name:
            (symbol,) = rule.expansion
            words.add(terminals[symbol.name].pattern.value)
    return words


def test_grammar_keywords_are_the_vocabulary_keywords() -> None:
    literal_words = {
        t.pattern.value
        for t in _lark().terminals
        if t.pattern.type == "str" and re.fullmatch(r"[a-z]+", t.pattern.value)
    }
    assert literal_words == set(vocabulary.KEYWORDS)
    assert len(vocabulary.KEYWORDS) == len(vocabulary.KEYWORD_SET)


def test_grammar_roles_and_verbs_are_the_vocabulary_ones() -> None:
    assert _rule_words("role") == set(vocabulary.ROLES)
    assert _rule_words("verb") == set(vocabulary.VERBS)


def test_grammar_punctuation_and_signs_are_the_vocabulary_ones() -> None:
    symbols = {
        t.pattern.value
        for t in _lark().terminals
        if t.pattern.type == "str" and not t.pattern.value.isalpha()
    }
    assert symbols == {*vocabulary.PUNCTUATION, *vocabulary.SIGNS, vocabulary.ARROW}


def test_grammar_id_tag_speaker_and_comment_patterns_are_the_vocabulary_ones() -> None:
    patterns = {t.name: t.pattern.value for t in _lark().terminals}
    assert patterns["NAME"] == vocabulary.ID_PATTERN
    assert patterns["SPEAKER"] == vocabulary.SPEAKER_PATTERN
    assert patterns["TAG"] == "#" + vocabulary.TAG_PATTERN
    assert patterns["NUMBER"] == vocabulary.NUMBER_PATTERN
    # COMMENT is folded into the line-end terminal; read it from the grammar text.
    grammar = (Path(parser.__file__).parent / "argmap.lark").read_text(encoding="utf-8")
    comment = re.search(r"^COMMENT: /(.*)/$", grammar, re.M)
    assert comment is not None
    assert comment.group(1).replace("\\/", "/") == re.escape(vocabulary.COMMENT) + r"[^\n]*"


@pytest.mark.parametrize("key", vocabulary.METADATA_KEYS)
def test_every_metadata_key_parses(key: str) -> None:
    result = parse(f'{key}: "x"\n')
    assert result.diagnostics == []


@pytest.mark.parametrize("key", vocabulary.STATEMENT_PROPERTIES)
def test_every_statement_property_parses(key: str) -> None:
    assert parse(f'thesis t: "x"\n  {key}: "y"\n').diagnostics == []


def test_header_keys_never_clash_with_the_map_words() -> None:
    assert not set(vocabulary.HEADER_KEYS) & set(vocabulary.METADATA_KEYS)
    assert not set(vocabulary.HEADER_KEYS) & vocabulary.KEYWORD_SET


def test_the_pygments_lexer_knows_every_keyword() -> None:
    for word in vocabulary.KEYWORDS:
        tokens = [(kind, value) for kind, value in ArgmapLexer().get_tokens(f"{word} x\n")]
        kind, value = tokens[0]
        assert value == word
        assert kind in Keyword or kind in Operator, (word, kind)
    for key in (*vocabulary.METADATA_KEYS, *vocabulary.HEADER_KEYS):
        kind, value = next(iter(ArgmapLexer().get_tokens(f"{key}: x\n")))
        assert (kind, value) == (Name.Attribute, key)


def test_the_formatter_tokenises_every_sign_and_punctuation() -> None:
    source = "argument a (scheme: x): p + q -> c\nc\n  ~ u\n  >< v\n  - w\n"
    assert format_source(source) == source


def test_is_identifier_and_suggest_id() -> None:
    assert vocabulary.is_identifier("énoncé_2")
    assert not vocabulary.is_identifier("2x")
    assert not vocabulary.is_identifier("school-rules")
    for word in vocabulary.KEYWORDS:
        assert not vocabulary.is_identifier(word)
        assert vocabulary.is_identifier(vocabulary.suggest_id(word))
    assert vocabulary.suggest_id("school-rules") == "school_rules"
    assert vocabulary.suggest_id("2 cars") == "_2_cars"


# -- keywords are not ids: docs, parser, printer and formatter agree ------------------------

KEYWORD_IDS = [
    ('premise claim: "x"\n', 1, 9),
    ('thesis group: "x"\n', 1, 8),
    ('speaker thesis: "The thesis"\n', 1, 9),
    ('speaker s: "S"\nthesis t @claim: "x"\n', 2, 10),
    ('thesis t: "x"\nargument supports: t -> t\n', 2, 10),
    ('thesis t: "x"\nt attacks claim\n', 2, 11),
    ('thesis t: "x"\ngroup "g": t, speaker\n', 2, 15),
]


@pytest.mark.parametrize(("source", "line", "column"), KEYWORD_IDS)
def test_a_keyword_is_refused_as_an_id(source: str, line: int, column: int) -> None:
    errors = [d for d in parse(source).diagnostics if d.severity is Severity.ERROR]
    assert [(d.code, d.span.line, d.span.column) for d in errors] == [("E009", line, column)]
    assert errors[0].hint is not None and "for example" in errors[0].hint
    with pytest.raises(MapError):
        loads(source)
    with pytest.raises(MapError):
        format_text(source)


def test_the_printer_refuses_a_keyword_id_rather_than_write_a_file_argmap_refuses() -> None:
    argument_map = ArgumentMap(statements=(Statement("claim", Role.PREMISE, "x"),))
    with pytest.raises(InputError, match="not a keyword"):
        to_arg(argument_map)


def test_the_docs_list_exactly_the_vocabulary_keywords() -> None:
    from tests.conftest import REPO

    page = (REPO / "docs" / "language.md").read_text(encoding="utf-8")
    listed = re.search(r"\*\*Keywords\*\*(.*?)\n\n|\*\*Keywords\*\*(.*?)\n- ", page, re.S)
    assert listed is not None
    words = set(re.findall(r"`([a-z]+)`", listed.group(0)))
    assert words == set(vocabulary.KEYWORDS)
