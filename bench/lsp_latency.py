"""Latency of the language server's diagnostics after a one-line edit (docs/editors.md).

Prints, for maps/tokayev.arg and a generated 10,000-statement map, the median time from a
one-line edit to its diagnostics:

- "full": parse and check the whole text again (what `argmap check` does, the baseline);
- "incremental": argmap.lsp's analyzer, which re-parses only the top-level items an edit
  changed (an edit inside a line, and a line inserted, which moves every later item);
- "server": the real `argmap lsp` process over standard input and output, from sending
  didChange to receiving publishDiagnostics (debounce set to 0).

    python bench/lsp_latency.py            # both maps
    python bench/lsp_latency.py --runs 5   # fewer edits per figure
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

from argmap.checking.pipeline import check_text
from argmap.language.parser import load_grammar
from argmap.lsp.incremental import Analyzer

REPO = Path(__file__).resolve().parents[1]
TARGETS = {"seed map": 50.0, "10,000 statements": 300.0}  # milliseconds


def edits(text: str, runs: int, insert: bool) -> list[str]:
    """Versions of `text`, each one line further edited (a word added to a quoted text)."""
    lines = text.split("\n")
    quoted = [n for n, line in enumerate(lines) if line.rstrip().endswith('"')]
    versions = []
    for run in range(runs):
        number = quoted[(len(quoted) // 2 + run * 7) % len(quoted)]
        line = lines[number]
        lines[number] = line[:-1] + f' edit{run}"'
        if insert:
            lines.insert(number + 1, "")
        versions.append("\n".join(lines))
    return versions


def median_ms(step: Callable[[str], object], versions: list[str]) -> float:
    times = []
    for version in versions:
        start = time.perf_counter()
        step(version)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


async def server_ms(path: Path, text: str, versions: list[str]) -> float:
    """Median didChange -> publishDiagnostics time through the real server process."""
    client = LanguageClient("lsp-latency", "1")
    published: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        published.put_nowait(params)

    await client.start_io(sys.executable, "-m", "argmap", "lsp")
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(), initialization_options={"debounceMs": 0}
        )
    )
    client.initialized(types.InitializedParams())
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "argmap", 0, text))
    )
    await published.get()
    times = []
    for version, new_text in enumerate(versions, start=1):
        start = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=version, uri=uri),
                [types.TextDocumentContentChangeWholeDocument(text=new_text)],
            )
        )
        while (await published.get()).version != version:
            pass
        times.append((time.perf_counter() - start) * 1000)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()  # type: ignore[no-untyped-call]
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="edits per figure (median)")
    args = parser.parse_args()
    load_grammar()
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "map_10000.arg"
        big.write_text(generate(10_000)[0], encoding="utf-8")
        maps = {"seed map": REPO / "maps" / "tokayev.arg", "10,000 statements": big}
        print(f"{'map':<20}{'edit':<16}{'full':>10}{'incremental':>14}{'server':>10}  target")
        for name, path in maps.items():
            text = path.read_text(encoding="utf-8")
            for insert in (False, True):
                versions = edits(text, args.runs, insert)
                name_ = str(path)
                full = median_ms(lambda t, n=name_: check_text(t, n), versions)  # type: ignore[misc]
                analyzer = Analyzer(name_)
                _ = analyzer.analyse(text).diagnostics
                incremental = median_ms(
                    lambda t, a=analyzer: a.analyse(t).diagnostics,  # type: ignore[misc]
                    versions,
                )
                served = asyncio.run(server_ms(path, text, versions))
                kind = "line inserted" if insert else "inside a line"
                print(
                    f"{name:<20}{kind:<16}{full:>8.1f}ms{incremental:>12.1f}ms{served:>8.1f}ms"
                    f"  < {TARGETS[name]:.0f} ms"
                )


if __name__ == "__main__":
    main()
