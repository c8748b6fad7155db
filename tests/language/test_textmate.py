"""The VS Code grammar in the repository is the one generated from the vocabulary."""

from __future__ import annotations

import json
import re

from argmap.language.textmate import SCOPE, grammar, grammar_json
from argmap.language.vocabulary import KEYWORDS, METADATA_KEYS
from tests.conftest import REPO

GRAMMAR = REPO / "editors" / "vscode" / "syntaxes" / "argmap.tmLanguage.json"


def test_the_grammar_file_is_up_to_date() -> None:
    assert GRAMMAR.read_text(encoding="utf-8") == grammar_json(), (
        "regenerate it: python -m argmap.language.textmate > " + str(GRAMMAR.relative_to(REPO))
    )


def test_every_keyword_and_key_is_in_the_grammar() -> None:
    text = json.dumps(grammar())
    for word in (*KEYWORDS, *METADATA_KEYS):
        assert re.search(rf"\b{word}\b", text), word
    assert grammar()["scopeName"] == SCOPE
