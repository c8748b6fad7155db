"""The language server's positions are UTF-16 code units, as LSP clients count them, whatever
the script: astral characters (emoji) take two units, CJK and combining marks one each."""

from __future__ import annotations

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from argmap.checking.pipeline import check_text
from tests.lsp.test_server import client, doc, open_text

pytestmark = pytest.mark.asyncio(loop_scope="module")
__all__ = ["client"]

LINE = 'thesis t: "Bikes 🚲🚲, 北京, cafe\u0301" %'


async def test_diagnostic_columns_are_utf16_units(client: LanguageClient) -> None:
    text = LINE + "\n"
    [diagnostic] = await open_text(client, text)
    [original] = check_text(text, "debate.arg")
    # argmap counts code points; the two bicycles are two UTF-16 units each.
    assert original.span.column == LINE.index("%") + 1
    assert diagnostic.range.start == types.Position(0, LINE.index("%") + 2)
    assert len(LINE[: LINE.index("%")].encode("utf-16-le")) // 2 == LINE.index("%") + 2


async def test_references_after_astral_text_are_in_utf16_units(client: LanguageClient) -> None:
    text = 'claim c: "C"\n  + premise p: "P"\ngroup "🚲🚲 北京": c, p\n'
    await open_text(client, text)
    found = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=doc(),
            position=types.Position(0, 6),
            context=types.ReferenceContext(include_declaration=False),
        )
    )
    # `group "` is 7 units, each bicycle 2, ` 北京": ` 6: the member c starts at unit 17.
    assert [(r.range.start, r.range.end) for r in found or []] == [
        (types.Position(2, 17), types.Position(2, 18))
    ]
