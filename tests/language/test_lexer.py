"""The Pygments lexer: every documented example lexes cleanly, and a few lines lex exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pygments.token import Comment, Error, Keyword, Name, Operator, Punctuation, String, Whitespace

from argmap.embed.document import find_fences, split_lines
from argmap.language.pygments_lexer import ArgmapLexer

ROOT = Path(__file__).resolve().parents[2]


def _examples() -> list[tuple[str, str]]:
    found = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        fences = find_fences(split_lines(page.read_text(encoding="utf-8")))
        # `arg` blocks may show broken maps on purpose (diagnostics.md); `argmap` ones are drawn.
        blocks = [fence.body for fence in fences if fence.language == "argmap"]
        for number, block in enumerate(blocks, 1):
            found.append((f"{page.name}#{number}", block))
    for source in sorted([*ROOT.glob("maps/**/*.arg"), *ROOT.glob("docs/**/*.arg")]):
        found.append((str(source.relative_to(ROOT)), source.read_text(encoding="utf-8")))
    return found


def _tokens(text: str) -> list[tuple[object, str]]:
    return [(kind, value) for kind, value in ArgmapLexer().get_tokens(text) if value]


def test_the_language_page_has_examples() -> None:
    assert sum(1 for name, _ in _examples() if name.startswith("language.md")) == 12


@pytest.mark.parametrize(("name", "text"), _examples(), ids=[name for name, _ in _examples()])
def test_every_example_lexes_without_errors(name: str, text: str) -> None:
    tokens = _tokens(text)
    assert [value for kind, value in tokens if kind in Error] == []
    # The lexer loses nothing: the tokens spell the source again.
    assert "".join(value for _, value in tokens) == text


def test_a_statement_declaration() -> None:
    line = '  - objection shop_losses @shops #economy: "Shops \\"lose\\" customers."  // why\n'
    assert _tokens(line) == [
        (Whitespace, "  "),
        (Operator, "-"),
        (Whitespace, " "),
        (Keyword.Declaration, "objection"),
        (Whitespace, " "),
        (Name.Label, "shop_losses"),
        (Whitespace, " "),
        (Name.Decorator, "@shops"),
        (Whitespace, " "),
        (Name.Tag, "#economy"),
        (Punctuation, ":"),
        (Whitespace, " "),
        (String.Double, '"'),
        (String.Double, "Shops "),
        (String.Escape, '\\"'),
        (String.Double, "lose"),
        (String.Escape, '\\"'),
        (String.Double, " customers."),
        (String.Double, '"'),
        (Whitespace, "  "),
        (Comment.Single, "// why"),
        (Whitespace, "\n"),
    ]


def test_an_argument_with_options_and_a_flat_argument() -> None:
    text = "+ argument a1 (scheme: expert_opinion):\nargument a2: c + r -> close\n"
    assert _tokens(text) == [
        (Operator, "+"),
        (Whitespace, " "),
        (Keyword.Declaration, "argument"),
        (Whitespace, " "),
        (Name.Label, "a1"),
        (Whitespace, " "),
        (Punctuation, "("),
        (Name.Attribute, "scheme"),
        (Punctuation, ":"),
        (Whitespace, " "),
        (Name.Constant, "expert_opinion"),
        (Punctuation, ")"),
        (Punctuation, ":"),
        (Whitespace, "\n"),
        (Keyword.Declaration, "argument"),
        (Whitespace, " "),
        (Name.Label, "a2"),
        (Punctuation, ":"),
        (Whitespace, " "),
        (Name, "c"),
        (Whitespace, " "),
        (Operator, "+"),
        (Whitespace, " "),
        (Name, "r"),
        (Whitespace, " "),
        (Operator, "->"),
        (Whitespace, " "),
        (Name, "close"),
        (Whitespace, "\n"),
    ]


def test_metadata_speakers_relations_and_groups() -> None:
    text = (
        'title: "T"\nspeaker un: "UN"\n  cite: "p. 4"\n'
        "a contradicts b #charter\n"
        'group "G": a, b\n'
        "t\n  >< b\n"
    )
    assert _tokens(text) == [
        (Name.Attribute, "title"),
        (Punctuation, ":"),
        (Whitespace, " "),
        (String.Double, '"'),
        (String.Double, "T"),
        (String.Double, '"'),
        (Whitespace, "\n"),
        (Keyword.Declaration, "speaker"),
        (Whitespace, " "),
        (Name.Decorator, "un"),
        (Punctuation, ":"),
        (Whitespace, " "),
        (String.Double, '"'),
        (String.Double, "UN"),
        (String.Double, '"'),
        (Whitespace, "\n"),
        (Whitespace, "  "),
        (Name.Attribute, "cite"),
        (Punctuation, ":"),
        (Whitespace, " "),
        (String.Double, '"'),
        (String.Double, "p. 4"),
        (String.Double, '"'),
        (Whitespace, "\n"),
        (Name, "a"),
        (Whitespace, " "),
        (Operator.Word, "contradicts"),
        (Whitespace, " "),
        (Name, "b"),
        (Whitespace, " "),
        (Name.Tag, "#charter"),
        (Whitespace, "\n"),
        (Keyword.Declaration, "group"),
        (Whitespace, " "),
        (String.Double, '"'),
        (String.Double, "G"),
        (String.Double, '"'),
        (Punctuation, ":"),
        (Whitespace, " "),
        (Name, "a"),
        (Punctuation, ","),
        (Whitespace, " "),
        (Name, "b"),
        (Whitespace, "\n"),
        (Name, "t"),
        (Whitespace, "\n"),
        (Whitespace, "  "),
        (Operator, "><"),
        (Whitespace, " "),
        (Name, "b"),
        (Whitespace, "\n"),
    ]


def test_ids_that_contain_keywords_are_plain_names() -> None:
    assert _tokens("my_thesis supports premises\n") == [
        (Name, "my_thesis"),
        (Whitespace, " "),
        (Operator.Word, "supports"),
        (Whitespace, " "),
        (Name, "premises"),
        (Whitespace, "\n"),
    ]


def test_block_header_lines() -> None:
    assert _tokens('file: maps/x.arg\ntitle: "T"\n') == [
        (Name.Attribute, "file"),
        (Punctuation, ":"),
        (Whitespace, " "),
        (String.Other, "maps/x.arg"),
        (Whitespace, "\n"),
        (Name.Attribute, "title"),
        (Punctuation, ":"),
        (Whitespace, " "),
        (String.Double, '"'),
        (String.Double, "T"),
        (String.Double, '"'),
        (Whitespace, "\n"),
    ]


def test_a_stray_character_is_an_error_token() -> None:
    assert [value for kind, value in _tokens('thesis t: "x" $\n') if kind in Error] == ["$"]


def test_pygments_finds_the_lexer_by_alias_and_file_name() -> None:
    from pygments.lexers import get_lexer_by_name, get_lexer_for_filename

    assert isinstance(get_lexer_by_name("argmap"), ArgmapLexer)
    assert isinstance(get_lexer_by_name("arg"), ArgmapLexer)
    assert isinstance(get_lexer_for_filename("debate.arg"), ArgmapLexer)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab_é1 \t\n"\\:()+-~><@#/,.')), max_size=60))
def test_any_text_lexes_back_to_itself(text: str) -> None:
    expected = text if text.endswith("\n") else text + "\n"
    tokens = ArgmapLexer(stripnl=False).get_tokens(text)
    assert "".join(value for _, value in tokens) == expected


def test_an_import_under_a_name_and_a_reference_through_it() -> None:
    text = 'import "charter.arg" as un\nun.integrity supports open\n'
    assert _tokens(text) == [
        (Keyword.Declaration, "import"),
        (Whitespace, " "),
        (String.Double, '"'),
        (String.Double, "charter.arg"),
        (String.Double, '"'),
        (Whitespace, " "),
        (Keyword.Namespace, "as"),
        (Whitespace, " "),
        (Name, "un"),
        (Whitespace, "\n"),
        (Name, "un.integrity"),
        (Whitespace, " "),
        (Operator.Word, "supports"),
        (Whitespace, " "),
        (Name, "open"),
        (Whitespace, "\n"),
    ]
