"""The parser: every construct of the language becomes the right model, with spans."""

from __future__ import annotations

import pytest

from argmap import loads
from argmap.errors import MapError
from argmap.language.parser import ParseResult, parse
from argmap.model import Argument, Relation, RelationKind, Role, Span, Statement
from tests.conftest import MAPS


def test_metadata_and_speakers() -> None:
    m = loads(
        'title: "T"\nsource: "S"\nauthor: "A"\ndate: "2022"\nurl: "u"\nlanguage: "en"\n'
        'speaker tok: "Tokayev"\n'
    )
    assert (m.metadata.title, m.metadata.source, m.metadata.author) == ("T", "S", "A")
    assert (m.metadata.date, m.metadata.url, m.metadata.language) == ("2022", "u", "en")
    assert m.speakers[0].id == "tok" and m.speakers[0].name == "Tokayev"
    assert m.speakers[0].span == Span(7, 9, 7, 11)


def test_every_role_and_properties() -> None:
    roles = [r.value for r in Role]
    text = "".join(f'{role} s_{role} @x #t1 #t-2: "Text of {role}."\n' for role in roles)
    text += 'evidence e: "E"\n  cite: "Report"\n  quote: "q"\n  url: "http://x"\n  note: "n"\n'
    m = loads(text)
    assert [s.role.value for s in m.statements[:-1]] == roles
    assert m.statements[0].speaker == "x" and m.statements[0].tags == ("t1", "t-2")
    e = m.statement("e")
    assert e is not None and (e.cite, e.quote, e.url, e.note) == ("Report", "q", "http://x", "n")


def test_outline_signs_make_relations_in_source_order() -> None:
    m = loads(
        'thesis t: "T"\n'
        '  + premise a: "A"\n'
        '      - objection b: "B"\n'
        '  >< claim c: "C"\n'
        "  + argument arg:\n"
        '      premise p: "P"\n'
        "      q\n"
        '      ~ objection u: "U"\n'
        'claim q: "Q"\n'
    )
    kinds = [(r.kind, r.source, r.target) for r in m.relations]
    assert kinds == [
        (RelationKind.SUPPORT, "a", "t"),
        (RelationKind.ATTACK, "b", "a"),
        (RelationKind.CONTRADICTION, "c", "t"),
        (RelationKind.UNDERCUT, "u", "arg"),
    ]
    assert m.arguments == (Argument("arg", ("p", "q"), "t"),)
    assert m.relations[1].span == Span(3, 7, 3, 7)


def test_flat_argument_and_relations_with_forward_references() -> None:
    m = loads(
        "argument a @s #x: p + q -> c\n"
        "p attacks c @s #y\n"
        'premise p: "P"\npremise q: "Q"\nthesis c: "C"\n'
    )
    a = m.arguments[0]
    assert (a.premises, a.conclusion, a.speaker, a.tags) == (("p", "q"), "c", "s", ("x",))
    assert a.premise_spans[1] == Span(1, 23, 1, 23)
    assert m.relations == (Relation(RelationKind.ATTACK, "p", "c", "s", ("y",)),)


def test_block_argument_with_arrow_and_scheme() -> None:
    m = loads('argument a (scheme: expert_opinion) -> c:\n  p\n  premise q: "Q"\n  note: "n"\n')
    assert m.arguments[0] == Argument("a", ("p", "q"), "c", scheme="expert_opinion", note="n")


def test_groups_inline_and_block() -> None:
    m = loads('group "G1" #g: a, b\ngroup "G2":\n  claim c: "C"\n    + premise d: "D"\n  a, b\n')
    assert [(g.name, g.members, g.tags) for g in m.groups] == [
        ("G1", ("a", "b"), ("g",)),
        ("G2", ("c", "d", "a", "b"), ()),
    ]


def test_text_escapes_unicode_and_folded_lines() -> None:
    m = loads('claim c: "He said \\"no\\" \\\\ \\n – “quoted” Ünïcødé\n   and went on"\n')
    assert m.statements[0].text == 'He said "no" \\ \n – “quoted” Ünïcødé and went on'


def test_comments_anywhere_and_crlf() -> None:
    m = loads(
        '// head\r\nthesis t: "T" // after\r\n    // indented comment\r\n'
        '  + premise p: "P"\r\n// end'
    )
    assert [s.id for s in m.statements] == ["t", "p"]


def test_ref_block_at_top_level_attaches_children() -> None:
    m = loads('thesis t: "T"\nt\n  + premise p: "P"\n')
    assert m.relations[0].source == "p" and m.relations[0].target == "t"


def test_unicode_ids() -> None:
    m = loads('claim énoncé: "E"\n')
    assert m.statements[0].id == "énoncé"


def test_spans_ignored_by_equality_but_kept() -> None:
    a = loads('claim c: "C"\n')
    b = loads('\n\n  \nclaim c: "C"\n')
    assert a == b
    assert a.statements[0].span != b.statements[0].span


@pytest.mark.parametrize(
    ("text", "code", "line", "column", "hint_part"),
    [
        ("thesis car_free: The centre.\n", "E001", 1, 18, "double quotes"),
        ('thesis t "x"\n', "E001", 1, 10, "':'"),
        ('thesys t: "x"\n', "E001", 1, 1, "did you mean 'thesis'"),
        ("a suports b\n", "E001", 1, 3, "did you mean 'supports'"),
        ('thesis t: "x"\n    + premise p: "y"\n  + premise q: "z"\n', "E004", 3, 3, "column 5"),
        ('title: "x"\n  thesis t: "y"\n', "E004", 2, 3, "line it up with the line above"),
        ('title: "x"\n  + premise p: "y"\n', "E004", 2, 3, "under the statement"),
        ('thesis t: "x\npremise p: "y"\n', "E003", 1, 11, "close"),
        ('thesis t: "x" %\n', "E002", 1, 15, "quotes"),
        ('thesis t: "x"\n  + "text"\n', "E001", 2, 5, "role and an id"),
        ('titel: "x"\n', "E006", 1, 1, "did you mean 'title'"),
        ('thesis t (schema: x): "x"\n', "E006", 1, 11, "scheme"),
        ('thesis t: "a \\q"\n', "E007", 1, 11, "backslash"),
    ],
)
def test_syntax_errors_have_place_code_and_hint(
    text: str, code: str, line: int, column: int, hint_part: str
) -> None:
    result = parse(text, "f.arg")
    first = result.diagnostics[0]
    assert (first.code, first.span.line, first.span.column) == (code, line, column)
    assert first.hint is not None and hint_part in first.hint
    assert first.path == "f.arg"


def test_several_syntax_errors_in_one_pass() -> None:
    result = parse('thesys a: "x"\nthesis b "y"\nthesis c: "ok"\nfoo bar baz\n')
    assert [(d.code, d.span.line) for d in result.diagnostics] == [
        ("E001", 1),
        ("E001", 2),
        ("E001", 4),
    ]


def test_error_limit() -> None:
    result = parse("".join(f'thesis t{n} "x"\n' for n in range(40)))
    assert [d.code for d in result.diagnostics][-1] == "E008"
    assert len(result.diagnostics) == 26


def test_deep_nesting_is_refused_not_crashed() -> None:
    text = 'thesis t: "x"\n' + "".join("  " * i + f'+ claim c{i}: "x"\n' for i in range(1, 400))
    assert parse(text).diagnostics[0].code == "E005"


def test_loads_raises_map_error_with_all_diagnostics() -> None:
    with pytest.raises(MapError) as caught:
        loads('thesys a: "x"\nthesis b "y"\n')
    assert len(caught.value.diagnostics) == 2


def test_statement_model_is_frozen() -> None:
    s = Statement("a", Role.CLAIM, "x")
    with pytest.raises(AttributeError):
        s.id = "b"  # type: ignore[misc]


def _everything(result: ParseResult) -> list[object]:
    m = result.map
    nodes: list[object] = [*m.statements, *m.arguments, *m.relations, *m.groups, *m.speakers]
    spans = [
        getattr(node, name)
        for node in nodes
        for name in dir(node)
        if name.endswith("span") or name.endswith("spans")
    ]
    return [m, spans, result.diagnostics]


CHUNKY = (
    'title: "T"\n'
    'thesis t: "A text that runs\n'
    "on over lines\n"
    'claim not_a_start: \\"still text\\" // not a comment either\n'
    'and ends here"\n'
    '  + premise p: "P"\n'
    "// a comment at the margin\n"
    '      - objection o: "O"\n'
    'claim c: "C"\n'
    'thesys broken: "x"\n'
    "c supports t\n"
    'claim d: "D" %\n'
    "d supports t\n"
)


@pytest.mark.parametrize("chunk_lines", [1, 2, 3, 5])
def test_chunked_parsing_gives_the_same_model_spans_and_diagnostics(
    chunk_lines: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.language.parser

    sources = [CHUNKY, *(p.read_text("utf-8") for p in sorted(MAPS.glob("*.arg")))]
    whole = [_everything(parse(source, "m.arg")) for source in sources]
    monkeypatch.setattr(argmap.language.parser, "CHUNK_LINES", chunk_lines)
    assert [_everything(parse(source, "m.arg")) for source in sources] == whole
    codes = [(d.code, d.span.line) for d in parse(CHUNKY, "m.arg").diagnostics]
    assert codes == [("E001", 10), ("E002", 12)]


def test_an_unclosed_quote_does_not_move_chunk_boundaries_into_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import argmap.language.parser

    monkeypatch.setattr(argmap.language.parser, "CHUNK_LINES", 3)
    text = (
        'thesis t: "unclosed\n'
        + "".join(f'premise p{n}: "P"\n' for n in range(8))
        + 'premise multi: "first half\nsecond half"\n'
    )
    assert [(d.code, d.span.line) for d in parse(text).diagnostics] == [("E003", 1)]


def test_unquoted_text_message_names_only_what_can_follow_a_colon() -> None:
    [d] = parse("thesis car_free: The centre.\n").diagnostics
    assert d.message == "unexpected word 'The'; expected quoted text"


def test_a_quote_inside_text_and_tab_indentation_get_hints() -> None:
    [d] = parse('thesis t: "He said "no" to trams."\n').diagnostics
    assert d.code == "E001" and d.hint is not None and 'written \\"' in d.hint
    [w] = parse('thesis t: "T"\n    + premise p: "P"\n\t- objection o: "O"\n').diagnostics
    assert (w.code, w.span.line, w.message) == ("W208", 3, "line 3 is indented with a tab")


def _edits(source: str) -> list[str]:
    """The source, then after changing, inserting and deleting a line near the middle."""
    lines = source.split("\n")
    middle = len(lines) // 2
    changed = [*lines[:middle], lines[middle].replace("e", "E", 1), *lines[middle + 1 :]]
    inserted = [*lines[:middle], 'claim inserted_one: "New."', *lines[middle:]]
    deleted = [*lines[:middle], *lines[middle + 1 :]]
    return [source, *("\n".join(v) for v in (changed, inserted, deleted)), source]


@pytest.mark.parametrize("chunk_lines", [3, 400])
def test_the_item_cache_gives_the_same_result_as_parsing_afresh(
    chunk_lines: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.language.parser as parser

    monkeypatch.setattr(parser, "CHUNK_LINES", chunk_lines)
    sources = [CHUNKY, *(p.read_text("utf-8") for p in sorted(MAPS.glob("*.arg")))]
    sources.append('import "other.arg"\n' + sources[-1])
    versions = [edited for source in sources for edited in _edits(source)]
    monkeypatch.setattr(parser.ITEM_CACHE, "limit", 0)
    fresh = [(r, _everything(r)) for r in (parse(text, "m.arg") for text in versions)]
    monkeypatch.setattr(parser.ITEM_CACHE, "limit", 50_000)
    parser.ITEM_CACHE.clear()
    cached = [(r, _everything(r)) for r in (parse(text, "m.arg") for text in versions)]
    assert cached == fresh
    # Each map is parsed five times; after the first, nearly every item came from the cache
    # (CHUNKY has syntax errors, so it is never cached).
    assert parser.ITEM_CACHE.hits > 2 * parser.ITEM_CACHE.misses


def test_the_item_cache_drops_the_least_recently_used() -> None:
    from argmap.language.itemcache import ItemCache

    cache = ItemCache(limit=10)
    for n in range(10):
        cache.put(str(n), (0, ()))
    assert cache.get("0") is not None  # 0 is now the most recently used
    cache.put("new", (0, ()))
    assert "1" not in cache.items and "0" in cache.items and len(cache.items) == 10
