"""`argmap lsp` end to end: pytest-lsp drives the real server process over standard I/O."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from argmap.checking.pipeline import check_text
from tests.conftest import MAPS, REPO

pytestmark = pytest.mark.asyncio(loop_scope="module")

URI = (REPO / "tests" / "lsp" / "debate.arg").as_uri()  # never read from disk: the text is sent

DEBATE = """\
title: "Car-free centre"
speaker mayor: "The Mayor"
speaker shops: "Retail association"

thesis car_free @mayor #traffic: "The centre should be car-free."
  + premise pollution @mayor: "Cars pollute the centre."
  - objection trade @shops: "Shops lose customers."
    - rebuttal walkers: "Walkers spend more."

argument health (scheme: expert_opinion) -> car_free:
  premise doctors: "Doctors say so."
  premise expert: "Doctors are experts in health."

group "Economy": trade, walkers
"""


# Every publishDiagnostics the client received, in order (pytest-lsp keeps only the last list).
PUBLISHED: list[types.PublishDiagnosticsParams] = []


def _record(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
    PUBLISHED.append(params)
    client.diagnostics[params.uri] = params.diagnostics


def _client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _record
    register_lsp_features(client, features)
    return client


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "argmap", "lsp"], client_factory=_client
    ),
)
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=REPO.as_uri(),
            initialization_options={"debounceMs": 20},
        )
    )
    yield
    await lsp_client.shutdown_session()


VERSION = [0]


async def open_text(client: LanguageClient, text: str, uri: str = URI) -> list[types.Diagnostic]:
    """Open (or reopen) a document and wait for its diagnostics."""
    VERSION[0] += 1
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri))
    )
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="argmap", version=VERSION[0], text=text)
        )
    )
    return await diagnostics_for(client, uri, VERSION[0])


async def diagnostics_for(client: LanguageClient, uri: str, version: int) -> list[types.Diagnostic]:
    """The diagnostics published for one version of a document (waits up to 20 s)."""
    for _ in range(2000):
        for params in PUBLISHED:
            if params.uri == uri and params.version == version:
                return list(params.diagnostics)
        await asyncio.sleep(0.01)
    raise AssertionError(f"no diagnostics for version {version} of {uri}")


def at(text: str, needle: str, nth: int = 0, offset: int = 0) -> types.Position:
    """The position of the nth occurrence of needle (plus offset characters)."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index)
    column = index - (text.rfind("\n", 0, index) + 1)
    return types.Position(line=line, character=column + offset)


def doc() -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=URI)


async def test_diagnostics_are_those_of_argmap_check(client: LanguageClient) -> None:
    text = (MAPS / "tokayev.arg").read_text(encoding="utf-8")
    found = await open_text(client, text)
    expected = check_text(text, "debate.arg")
    assert [(d.code, d.range.start.line + 1, d.range.start.character + 1) for d in found] == [
        (e.code, e.span.line, e.span.column) for e in expected
    ]
    for diagnostic, original in zip(found, expected, strict=True):
        assert diagnostic.message.startswith(original.message)
        if original.hint:
            assert diagnostic.message.endswith("hint: " + original.hint)
        assert diagnostic.source == "argmap"
        assert diagnostic.code_description is not None
        assert diagnostic.code_description.href.endswith("#" + original.code.lower())
        assert len(diagnostic.related_information or []) == len(original.related)


async def test_related_locations_and_severity(client: LanguageClient) -> None:
    text = 'thesis t: "A."\n  + claim c: "B."\nclaim c: "C."\n'
    found = await open_text(client, text)
    duplicate = next(d for d in found if d.code == "E102")
    assert duplicate.severity == types.DiagnosticSeverity.Error
    assert duplicate.range.start == types.Position(2, 6)
    (related,) = duplicate.related_information or []
    assert related.location.range.start == types.Position(1, 10)
    assert related.message == "first declared here"


async def test_diagnostics_follow_edits(client: LanguageClient) -> None:
    found = await open_text(client, DEBATE)
    assert [d.code for d in found if d.severity == types.DiagnosticSeverity.Error] == []
    VERSION[0] += 1
    line = at(DEBATE, "rebuttal walkers").line
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=VERSION[0]),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(types.Position(line, 0), types.Position(line + 1, 0)),
                    text='    - rebuttal walkers @nobody: "Walkers spend more."\n'
                    "trade supports ghost\n",
                )
            ],
        )
    )
    found = await diagnostics_for(client, URI, VERSION[0])
    codes = {d.code: d for d in found}
    assert codes["E103"].range.start == types.Position(line, 23)
    assert codes["E101"].range.start == types.Position(line + 1, 15)


async def test_hover_shows_role_speaker_text_relations_and_label(client: LanguageClient) -> None:
    await open_text(client, DEBATE)
    result = await client.text_document_hover_async(
        types.HoverParams(text_document=doc(), position=at(DEBATE, "car_free", 0, 2))
    )
    assert result is not None
    assert isinstance(result.contents, types.MarkupContent)
    value = result.contents.value
    assert "**thesis** `car_free` by @mayor (The Mayor)" in value
    assert "The centre should be car-free." in value
    assert "supported by: `pollution`, `health`" in value
    assert "attacked by: `trade` (attacks)" in value
    assert "evaluation: **" in value and "(grounded)" in value
    speaker = await client.text_document_hover_async(
        types.HoverParams(text_document=doc(), position=at(DEBATE, "@shops", 0, 2))
    )
    assert speaker is not None and "Retail association" in str(speaker.contents)


async def test_definition_and_references(client: LanguageClient) -> None:
    await open_text(client, DEBATE)
    found = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc(), position=at(DEBATE, "trade", 1))
    )
    assert isinstance(found, types.Location)
    assert found.range.start == at(DEBATE, "trade")
    refs = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=doc(),
            position=at(DEBATE, "mayor", 1),
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    assert [r.range.start for r in refs or []] == [
        at(DEBATE, "mayor"),
        at(DEBATE, "mayor", 1),
        at(DEBATE, "mayor", 2),
    ]


async def test_rename_everywhere_and_refusals(client: LanguageClient) -> None:
    await open_text(client, DEBATE)
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=doc(), position=at(DEBATE, "trade"), new_name="commerce")
    )
    assert edit is not None and edit.changes is not None
    ranges = [e.range.start for e in edit.changes[URI]]
    assert ranges == [at(DEBATE, "trade"), at(DEBATE, "trade", 1)]
    assert all(e.new_text == "commerce" for e in edit.changes[URI])
    for taken in ("pollution", "thesis", "2fast", "has-hyphen"):
        with pytest.raises(Exception, match=r"already an id|not a valid id"):
            await client.text_document_rename_async(
                types.RenameParams(
                    text_document=doc(), position=at(DEBATE, "trade"), new_name=taken
                )
            )
    edit = await client.text_document_rename_async(
        types.RenameParams(
            text_document=doc(), position=at(DEBATE, "@shops", 0, 1), new_name="retail"
        )
    )
    assert edit is not None and edit.changes is not None
    assert [e.range.start for e in edit.changes[URI]] == [
        at(DEBATE, "shops"),
        at(DEBATE, "shops", 1),
    ]


async def test_outline_and_folding(client: LanguageClient) -> None:
    await open_text(client, DEBATE)
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=doc())
    )
    assert symbols is not None
    names = [(s.name, [c.name for c in s.children or []]) for s in symbols]  # type: ignore[union-attr]
    assert names == [
        ("car_free", ["pollution", "trade"]),
        ("health", ["doctors", "expert"]),
        ("Economy", []),
    ]
    folds = await client.text_document_folding_range_async(
        types.FoldingRangeParams(text_document=doc())
    )
    assert [(f.start_line, f.end_line) for f in folds or []] == [(4, 7), (6, 7), (9, 11)]


async def test_formatting_through_the_formatter(client: LanguageClient) -> None:
    messy = 'thesis   t :  "A."\n     + claim c:"B."\n'
    await open_text(client, messy)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=doc(), options=types.FormattingOptions(tab_size=2, insert_spaces=True)
        )
    )
    assert edits is not None and len(edits) == 1
    assert edits[0].new_text == 'thesis t: "A."\n  + claim c: "B."\n'


async def complete(client: LanguageClient, text: str, line_text: str) -> list[str]:
    """Labels offered at the end of `line_text`, appended as the last line of `text`."""
    whole = text + line_text
    await open_text(client, whole)
    position = types.Position(whole.count("\n"), len(line_text))
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc(), position=position)
    )
    assert isinstance(result, types.CompletionList)
    return [item.label for item in result.items]


async def test_completion_by_place(client: LanguageClient) -> None:
    assert "thesis" in await complete(client, DEBATE, "")
    assert "title" in await complete(client, DEBATE, "ti")
    assert {"premise", "argument", "car_free"} <= set(await complete(client, DEBATE, "  + "))
    assert await complete(client, DEBATE, "trade ") == [
        "supports",
        "attacks",
        "undercuts",
        "contradicts",
    ]
    assert "walkers" in await complete(client, DEBATE, "trade attacks ")
    assert await complete(client, DEBATE, "claim x @") == ["mayor", "shops"]
    assert await complete(client, DEBATE, "claim x #") == ["traffic"]
    assert "expert_opinion" in await complete(client, DEBATE, "argument y (scheme: ")
    questions = await complete(client, DEBATE, "  ~ objection paid (raises: ")
    assert questions[0] in {
        "expertise",
        "field",
        "opinion",
        "trustworthy",
        "consistent",
        "evidence",
    }
    assert await complete(client, DEBATE, 'claim x: "some @') == []
    assert {"cite", "note"} <= set(await complete(client, DEBATE, '  + claim y: "Y."\n    '))


async def fixes(client: LanguageClient, text: str) -> dict[str, list[types.TextEdit]]:
    found = await open_text(client, text)
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc(),
            range=types.Range(types.Position(0, 0), types.Position(len(text.splitlines()), 0)),
            context=types.CodeActionContext(diagnostics=found),
        )
    )
    actions = [a for a in result or [] if isinstance(a, types.CodeAction)]
    return {a.title: list((a.edit.changes or {})[URI]) for a in actions if a.edit}


def applied(text: str, edits: list[types.TextEdit]) -> str:
    lines = text.split("\n")
    for edit in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        start, end = edit.range.start, edit.range.end
        head = (
            "\n".join([*lines[: start.line], lines[start.line][: start.character]])
            if start.line < len(lines)
            else text
        )
        tail_line = lines[end.line] if end.line < len(lines) else ""
        tail = "\n".join([tail_line[end.character :], *lines[end.line + 1 :]])
        lines = (head + edit.new_text + tail).split("\n")
    return "\n".join(lines)


async def test_quick_fixes_make_the_map_check(client: LanguageClient) -> None:
    cases = {
        'titel: "x"\nthesis t: "A."\n  + claim c: "B."\n': "Replace 'titel' with 'title'",
        'thesis t: "A."\n  + claim c: "B."\nc atacks t\n': "Replace 'atacks' with 'attacks'",
        'thesis t: "A."\n  + claim c @mayr: "B."\n': "Declare speaker 'mayr'",
        'thesis t: A\n  + claim c: "B."\n': "Put the text in double quotes",
        'thesis t "A."\n  + claim c: "B."\n': "Add the missing ':'",
        'thesis t: "A."\n\t+ claim c: "B."\n': "Replace tabs with spaces",
        'thesis pollution: "A."\n  + claim c: "B."\nc supports polution\n': (
            "Replace 'polution' with 'pollution'"
        ),
    }
    for text, title in cases.items():
        offered = await fixes(client, text)
        assert title in offered, (text, list(offered))
        fixed = applied(text, offered[title])
        assert not [d for d in check_text(fixed) if d.severity.value == "error"], (title, fixed)


async def test_preview_gives_svg_and_node_lines(client: LanguageClient) -> None:
    await open_text(client, DEBATE)
    result = await client.protocol.send_request_async("argmap/preview", {"uri": URI})
    lines = result.lines._asdict()  # pygls hands a custom result back as named tuples
    assert lines["car_free"] == 4 and lines["doctors"] == 10
    if result.svg is not None:  # Graphviz present
        assert "<svg" in result.svg and "car_free" in result.svg
    broken = await open_text(client, 'thesis t: "A."\n  + claim c @x: "B."\n')
    assert broken
    result = await client.protocol.send_request_async("argmap/preview", {"uri": URI})
    assert result.svg is None and "E103" in result.error


async def test_definition_across_imported_files(client: LanguageClient) -> None:
    text = (
        'import "charter.arg"\n'
        'thesis borders @un: "Borders stand."\n'
        '  + premise treaty: "The treaty says so."\n'
        "sovereignty supports borders\n"
    )
    found = await open_text(client, text)
    assert [d.code for d in found if d.severity == types.DiagnosticSeverity.Error] == []
    location = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc(), position=at(text, "sovereignty", 0, 3))
    )
    assert isinstance(location, types.Location)
    assert location.uri == (REPO / "tests" / "lsp" / "charter.arg").as_uri()
    assert location.range.start == types.Position(3, 6)
    speaker = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc(), position=at(text, "@un", 0, 1))
    )
    assert isinstance(speaker, types.Location) and speaker.range.start == types.Position(1, 8)
    missing = await open_text(client, 'import "nowhere.arg"\nthesis t: "T."\n')
    assert [d.code for d in missing][:1] == ["E010"]


# -- across files: tests/lsp/project/ holds charter.arg, imported plainly by plain.arg and
# -- under a name by named.arg (`import "charter.arg" as un`).

PROJECT = REPO / "tests" / "lsp" / "project"


def project_file(name: str) -> tuple[str, str]:
    """A file of the project: its uri and its text (as saved)."""
    path = PROJECT / name
    return path.as_uri(), path.read_text(encoding="utf-8")


async def open_file(client: LanguageClient, name: str) -> tuple[str, str]:
    uri, text = project_file(name)
    found = await open_text(client, text, uri)
    assert [d.code for d in found] == []
    return uri, text


def close(client: LanguageClient, uri: str) -> None:
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri))
    )


def edited(text: str, edits: list[types.TextEdit]) -> str:
    """Text with one-line edits applied (last first, so earlier positions hold)."""
    lines = text.split("\n")
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))[::-1]:
        start, end = edit.range.start, edit.range.end
        assert start.line == end.line
        line = lines[start.line]
        lines[start.line] = line[: start.character] + edit.new_text + line[end.character :]
    return "\n".join(lines)


async def test_definition_of_a_named_import_opens_the_imported_file(
    client: LanguageClient,
) -> None:
    uri, text = await open_file(client, "named.arg")
    charter_uri, charter = project_file("charter.arg")
    for offset in (0, 5):  # on the name `un` and on the id after it
        location = await client.text_document_definition_async(
            types.DefinitionParams(
                text_document=types.TextDocumentIdentifier(uri),
                position=at(text, "un.integrity", 0, offset),
            )
        )
        assert isinstance(location, types.Location)
        assert location.uri == charter_uri
        # The range is the id as the charter writes it: `integrity`, not `un.integrity`.
        start = at(charter, "integrity")
        assert location.range == types.Range(
            start, types.Position(start.line, start.character + len("integrity"))
        )
    # On the import line's path, the file itself.
    location = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri),
            position=at(text, '"charter.arg"', 0, 3),
        )
    )
    assert isinstance(location, types.Location) and location.uri == charter_uri
    assert location.range.start == types.Position(0, 0)
    close(client, uri)


async def test_hover_on_an_imported_id_shows_its_statement(client: LanguageClient) -> None:
    uri, text = await open_file(client, "named.arg")
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), at(text, "un.self_det", 0, 4))
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    value = hover.contents.value
    assert "**statement** `un.self_det`" in value
    assert "Peoples have a right to self-determination." in value
    assert "declared in `charter.arg`, line 4" in value
    assert "attacked by: `un.integrity` (contradicts)" in value
    close(client, uri)


async def test_references_cross_the_files_that_import_each_other(
    client: LanguageClient,
) -> None:
    uri, text = await open_file(client, "named.arg")
    found = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri),
            position=at(text, "un.integrity", 0, 4),
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    charter_uri, charter = project_file("charter.arg")
    plain_uri, plain = project_file("plain.arg")
    places = sorted((r.uri, r.range.start.line, r.range.start.character) for r in found or [])
    expected = [
        (charter_uri, *_line_column(charter, "integrity", 0)),
        (charter_uri, *_line_column(charter, "integrity", 2)),
        (uri, *_line_column(text, "un.integrity")),
        (plain_uri, *_line_column(plain, "integrity")),
    ]
    assert places == sorted(expected)
    # Without the declaration, the charter's own line is left out.
    found = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri),
            position=at(text, "un.integrity", 0, 4),
            context=types.ReferenceContext(include_declaration=False),
        )
    )
    assert len(found or []) == 3
    close(client, uri)


def _line_column(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    position = at(text, needle, nth)
    return position.line, position.character


async def test_rename_an_imported_id_in_every_file(client: LanguageClient, tmp_path: Path) -> None:
    uri, charter = await open_file(client, "charter.arg")
    edit = await client.text_document_rename_async(
        types.RenameParams(
            types.TextDocumentIdentifier(uri), at(charter, "integrity"), new_name="sovereignty"
        )
    )
    assert edit is not None and edit.changes is not None
    named_uri, named = project_file("named.arg")
    plain_uri, plain = project_file("plain.arg")
    assert set(edit.changes) == {uri, named_uri, plain_uri}
    texts = {
        "charter.arg": edited(charter, edit.changes[uri]),
        "named.arg": edited(named, edit.changes[named_uri]),
        "plain.arg": edited(plain, edit.changes[plain_uri]),
    }
    # Under its name, only the id after `un.` is replaced.
    assert "un.sovereignty supports open" in texts["named.arg"]
    assert "sovereignty supports borders" in texts["plain.arg"]
    assert "statement sovereignty @un:" in texts["charter.arg"]
    assert "sovereignty contradicts self_det" in texts["charter.arg"]
    # The renamed files check as cleanly as before.
    for name, renamed in texts.items():
        (tmp_path / name).write_text(renamed, encoding="utf-8")
    for name, renamed in texts.items():
        assert check_text(renamed, str(tmp_path / name)) == []
    close(client, uri)


async def test_rename_refuses_a_name_taken_in_any_file(client: LanguageClient) -> None:
    uri, text = await open_file(client, "named.arg")
    position = at(text, "un.integrity", 0, 5)
    for taken, why in (
        ("self_det", r"already an id in tests/lsp/project/charter\.arg"),
        ("borders", r"already an id in tests/lsp/project/plain\.arg"),
        ("2fast", "not a valid id"),
        ("contradicts", "not a valid id"),
    ):
        with pytest.raises(Exception, match=why):
            await client.text_document_rename_async(
                types.RenameParams(types.TextDocumentIdentifier(uri), position, new_name=taken)
            )
    # `open` is an id of named.arg, but the charter's ids live under `un`: no clash.
    edit = await client.text_document_rename_async(
        types.RenameParams(types.TextDocumentIdentifier(uri), position, new_name="open")
    )
    assert edit is not None and edit.changes is not None
    named = edited(text, edit.changes[uri])
    assert "un.open supports open" in named
    close(client, uri)


async def test_rename_a_shared_speaker_in_every_file(client: LanguageClient) -> None:
    uri, text = await open_file(client, "named.arg")
    position = at(text, "@un", 0, 1)
    edit = await client.text_document_rename_async(
        types.RenameParams(types.TextDocumentIdentifier(uri), position, new_name="united")
    )
    assert edit is not None and edit.changes is not None
    charter_uri, charter = project_file("charter.arg")
    # Declared in the charter, attributed there and in named.arg; plain.arg never names @un.
    assert set(edit.changes) == {uri, charter_uri}
    renamed = edited(charter, edit.changes[charter_uri])
    assert 'speaker united: "United Nations"' in renamed
    assert "statement integrity @united:" in renamed
    assert "thesis open @united:" in edited(text, edit.changes[uri])
    with pytest.raises(Exception, match=r"already a speaker in tests/lsp/project/plain\.arg"):
        await client.text_document_rename_async(
            types.RenameParams(types.TextDocumentIdentifier(uri), position, new_name="ana")
        )
    close(client, uri)


async def test_a_problem_in_an_imported_file_is_shown_on_the_import_line(
    client: LanguageClient,
) -> None:
    uri = (PROJECT / "importer.arg").as_uri()  # never saved: the text is sent
    text = (
        '// Imports a broken map.\nimport "broken.arg" as b\nthesis t: "T."\nb.lonely supports t\n'
    )
    [problem] = await open_text(client, text, uri)
    assert problem.code == "E101"
    assert problem.message.startswith("broken.arg:3:16: the target of this 'supports' relation")
    # On the import line of this document, not on line 2 of it.
    assert problem.range.start == at(text, '"broken.arg"')
    assert problem.related_information is not None
    here = problem.related_information[0]
    assert here.location.uri == (PROJECT / "broken.arg").as_uri()
    assert here.location.range.start == types.Position(2, 15)
    # Its hint ("did you mean 'lonely'?") is about broken.arg: no quick fix edits this
    # document's import line.
    assert "did you mean 'lonely'?" in problem.message
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            problem.range,
            types.CodeActionContext(diagnostics=[problem]),
        )
    )
    assert list(actions or []) == []
    close(client, uri)


async def test_completion_of_an_id_under_an_import_name(client: LanguageClient) -> None:
    uri, saved = project_file("named.arg")
    for line_text in ("un.integ", "open attacks un.integ"):
        text = saved + line_text
        await open_text(client, text, uri)
        end = at(text, line_text, 0, len(line_text))
        found = await client.text_document_completion_async(
            types.CompletionParams(types.TextDocumentIdentifier(uri), end)
        )
        assert isinstance(found, types.CompletionList)
        [item] = [i for i in found.items if i.label == "un.integrity"]
        # The edit replaces all of `un.integ`, not only the part after the '.'.
        assert isinstance(item.text_edit, types.TextEdit)
        start = types.Position(end.line, end.character - len("un.integ"))
        assert item.text_edit.range == types.Range(start, end)
        assert item.text_edit.new_text == "un.integrity"
    close(client, uri)
