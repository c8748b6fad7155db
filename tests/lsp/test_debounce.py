"""`argmap lsp` debounces: edits that come faster than the wait publish once, for the last."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from tests.conftest import REPO

pytestmark = pytest.mark.asyncio(loop_scope="module")

URI = (REPO / "tests" / "lsp" / "debounced.arg").as_uri()  # never read from disk
TEXT = 'thesis t: "Cars pollute."\n  + premise p: "Exhaust is toxic."\n'
# Long enough that a loaded machine cannot starve the server past it between two edits that
# the client writes back to back, so the test says something about the server, not the load.
DEBOUNCE_MS = 1500

PUBLISHED: list[types.PublishDiagnosticsParams] = []


def _client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    features = dict(DEFAULT_CLIENT_FEATURES)

    def record(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        PUBLISHED.append(params)

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = record
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
            initialization_options={"debounceMs": DEBOUNCE_MS},
        )
    )
    yield
    await lsp_client.shutdown_session()


async def _published(version: int) -> list[int]:
    """Wait (up to 30 s) until the given version is published; every version published so far."""
    for _ in range(3000):
        versions = [p.version for p in PUBLISHED if p.uri == URI and p.version is not None]
        if version in versions:
            return versions
        await asyncio.sleep(0.01)
    raise AssertionError(f"version {version} was never published")


async def test_many_quick_edits_publish_once_for_the_last(client: LanguageClient) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=URI, language_id="argmap", version=1, text=TEXT)
        )
    )
    assert await _published(1) == [1]
    for version in range(2, 7):
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=version),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(types.Position(0, 8), types.Position(0, 8)), text="x"
                    )
                ],
            )
        )
    versions = await _published(6)
    # The five edits came faster than the wait: none of versions 2-5 was published.
    assert versions == [1, 6]
    last = [p for p in PUBLISHED if p.version == 6][-1]
    assert [d.code for d in last.diagnostics if d.severity == types.DiagnosticSeverity.Error] == []
