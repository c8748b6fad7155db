"""`argmap lsp`: the language server (pygls) that brings `argmap check` and more into editors."""

from __future__ import annotations

import asyncio
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from argmap.diagnostics import Diagnostic, Severity
from argmap.errors import ArgmapError
from argmap.files import read_source
from argmap.language.formatter import format_text
from argmap.language.imports import ROOT_VARIABLE
from argmap.lsp import editing
from argmap.lsp.incremental import Analysis, Analyzer
from argmap.lsp.index import FileView, Index, Project
from argmap.model import Span
from argmap.version import __version__

# Where `codeDescription` links a code: the docs page of every code, beside the package in a
# checkout; an editor can name another place with the `docsUrl` initialization option.
_CHECKOUT_DOCS = Path(__file__).resolve().parents[2] / "docs" / "diagnostics.md"
DEBOUNCE_SECONDS = 0.15

_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


@dataclass
class _Document:
    """What the server keeps for one open document."""

    analyzer: Analyzer
    version: int | None = None
    analysis: Analysis | None = None
    analysed_version: int | None = None
    pending: asyncio.TimerHandle | None = None
    index: Index | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class ArgmapLanguageServer(LanguageServer):
    """The server: one incremental analyzer per open document."""

    def __init__(self) -> None:
        super().__init__("argmap", __version__)
        self.documents: dict[str, _Document] = {}
        self.debounce = DEBOUNCE_SECONDS
        self.docs_url: str | None = _CHECKOUT_DOCS.as_uri() if _CHECKOUT_DOCS.exists() else None
        # The project's files as analysed for the last references or rename, by their text.
        self.project_views: dict[Path, tuple[str, FileView]] = {}

    # -- analysis ------------------------------------------------------------------------------

    def text_document(self, uri: str) -> TextDocument:
        return self.workspace.get_text_document(uri)

    def state(self, uri: str) -> _Document:
        state = self.documents.get(uri)
        if state is None:
            path = to_fs_path(uri) or uri
            state = self.documents[uri] = _Document(Analyzer(path))
        return state

    def analysis(self, uri: str) -> Analysis:
        """The analysis of the document as it is now (analysed now if an edit is pending)."""
        state = self.state(uri)
        document = self.text_document(uri)
        if state.analysis is None or state.analysed_version != document.version:
            state.analysis = state.analyzer.analyse(document.source)
            state.analysed_version = document.version
            state.index = None
        return state.analysis

    def index(self, uri: str) -> Index:
        analysis = self.analysis(uri)
        state = self.state(uri)
        if state.index is None or state.index.analysis is not analysis:
            state.index = Index(analysis)
        return state.index

    def publish(self, uri: str) -> None:
        state = self.state(uri)
        state.pending = None
        if uri not in self.workspace.text_documents:
            return
        document = self.text_document(uri)
        analysis = self.analysis(uri)
        diagnostics = [self.to_lsp(uri, document, d, analysis) for d in analysis.diagnostics]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, diagnostics=diagnostics, version=document.version
            )
        )

    def schedule(self, uri: str) -> None:
        """Publish after the user pauses: each edit restarts the wait."""
        state = self.state(uri)
        if state.pending is not None:
            state.pending.cancel()
        if self.debounce <= 0:
            self.publish(uri)
            return
        loop = asyncio.get_running_loop()
        state.pending = loop.call_later(self.debounce, self.publish, uri)

    # -- positions -----------------------------------------------------------------------------

    def lsp_range(
        self, document: TextDocument, line: int, start: int, end_line: int, end: int
    ) -> types.Range:
        """A range in code points (0-based, end exclusive) in the client's units."""
        lines = document.lines
        codec = document.position_codec
        return types.Range(
            start=codec.position_to_client_units(lines, types.Position(line, start)),
            end=codec.position_to_client_units(lines, types.Position(end_line, end)),
        )

    def server_position(self, document: TextDocument, position: types.Position) -> tuple[int, int]:
        if position.line >= len(document.lines):
            return position.line, 0  # the empty line after the last line break
        found = document.position_codec.position_from_client_units(document.lines, position)
        return found.line, found.character

    def span_range(
        self, document: TextDocument, line: int, column: int, end_line: int, end_column: int
    ) -> types.Range:
        """A model span (1-based, end column inclusive) as an LSP range."""
        if line < 1:
            return types.Range(types.Position(0, 0), types.Position(0, 0))
        return self.lsp_range(document, line - 1, column - 1, end_line - 1, max(end_column, column))

    def to_lsp(
        self,
        uri: str,
        document: TextDocument,
        diagnostic: Diagnostic,
        analysis: Analysis | None = None,
    ) -> types.Diagnostic:
        span = diagnostic.span
        message = diagnostic.message
        if diagnostic.hint:
            message += f"\nhint: {diagnostic.hint}"
        related = [
            types.DiagnosticRelatedInformation(location=self.place(uri, document, s), message=what)
            for s, what in diagnostic.related
        ]
        elsewhere = self.imported_file(uri, diagnostic.path)
        if elsewhere is not None and analysis is not None:
            # A problem in an imported file: shown on the import line, naming the file and
            # line, with the place itself as related information (one click away).
            where = self.place(uri, document, replace(span, path=str(elsewhere)))
            related.insert(0, types.DiagnosticRelatedInformation(where, "the problem is here"))
            base = Path(to_fs_path(uri) or ".").parent
            shown = os.path.relpath(elsewhere, base)
            message = f"{shown}:{span.line}:{span.column}: {message}"
            span = self.import_line(analysis, elsewhere)
        return types.Diagnostic(
            range=self.span_range(document, span.line, span.column, span.end_line, span.end_column),
            message=message,
            severity=_SEVERITIES[diagnostic.severity],
            code=diagnostic.code,
            code_description=types.CodeDescription(
                href=f"{self.docs_url}#{diagnostic.code.lower()}"
            )
            if self.docs_url
            else None,
            source="argmap",
            related_information=related or None,
            # A problem of another file gets no quick fix here: its hint is about that file.
            data={"elsewhere": True}
            if elsewhere is not None
            else ({"hint": diagnostic.hint} if diagnostic.hint else None),
        )

    def place(self, uri: str, document: TextDocument, span: Span) -> types.Location:
        """A model span as a location: in this document, or in the imported file it names."""
        elsewhere = self.imported_file(uri, span.path)
        if elsewhere is None:
            return types.Location(
                uri=uri,
                range=self.span_range(
                    document, span.line, span.column, span.end_line, span.end_column
                ),
            )
        end = max(span.end_column, span.column) if span.end_line == span.line else span.column
        other = elsewhere.as_uri()
        return types.Location(
            uri=other, range=self.file_range(other, span.line - 1, span.column - 1, end)
        )

    def imported_file(self, uri: str, path: str) -> Path | None:
        """The file a diagnostic or span names, when it is another file than the document."""
        own = to_fs_path(uri)
        if not path or not own or path.startswith("<"):
            return None
        other = Path(path).resolve()
        return None if other == Path(own).resolve() else other

    def import_line(self, analysis: Analysis, target: Path) -> Span:
        """The import line of a document that leads to a file (the first one, if none names it
        directly: the file is imported by an imported map)."""
        folder = Path(analysis.path).parent
        lines = [analysis.real(line.span) for line in analysis.imports]
        for line, real in zip(analysis.imports, lines, strict=True):
            if line.path and (folder / line.path).resolve() == target:
                return real
        return lines[0] if lines else Span(1, 1, 1, 1)

    def occurrence_range(
        self, document: TextDocument, line: int, start: int, end: int
    ) -> types.Range:
        return self.lsp_range(document, line, start, line, end)

    def file_range(self, uri: str, line: int, start: int, end: int) -> types.Range:
        """A range on one line of any file, open or not, in the client's units."""
        try:
            return self.lsp_range(self.text_document(uri), line, start, line, end)
        except (OSError, UnicodeDecodeError, IndexError):
            # Unreadable now: code points are the best guess (the same for ASCII lines).
            return types.Range(types.Position(line, start), types.Position(line, end))

    # -- the project: the files around a document -----------------------------------------------

    def project_root(self, path: Path) -> Path:
        """The folder whose `.arg` files references and rename look through: ARGMAP_ROOT, else
        the workspace folder holding the document, else the document's own folder."""
        named = os.environ.get(ROOT_VARIABLE)
        if named:
            return Path(named).resolve()
        folders = [f.uri for f in (self.workspace.folders or {}).values()]
        if self.workspace.root_uri:
            folders.append(self.workspace.root_uri)
        for folder_uri in folders:
            folder = to_fs_path(folder_uri)
            if folder and path.is_relative_to(Path(folder).resolve()):
                return Path(folder).resolve()
        return path.parent

    def project(self, uri: str) -> tuple[Project, Path] | None:
        """The project of a document saved as a file, and its path; None for untitled text."""
        fs_path = to_fs_path(uri)
        if not uri.startswith("file:") or not fs_path:
            return None
        path = Path(fs_path).resolve()
        texts: dict[Path, str] = {}
        for open_uri, document in self.workspace.text_documents.items():
            open_path = to_fs_path(open_uri)
            if open_uri.startswith("file:") and open_path:
                texts[Path(open_path).resolve()] = document.source

        def analyse(file: Path, text: str) -> Analysis:
            for open_uri in self.workspace.text_documents:
                if to_fs_path(open_uri) and Path(to_fs_path(open_uri) or "").resolve() == file:
                    return self.analysis(open_uri)
            return Analyzer(str(file)).analyse(text)

        def read(file: Path) -> str | None:
            try:
                return read_source(file)
            except ArgmapError:
                return None

        project = Project(self.project_root(path), texts, analyse, read, self.project_views)
        return project, path


server = ArgmapLanguageServer()


@server.feature(types.INITIALIZE)
def initialize(ls: ArgmapLanguageServer, params: types.InitializeParams) -> None:
    options = params.initialization_options
    if isinstance(options, dict):
        debounce = options.get("debounceMs")
        if isinstance(debounce, int | float) and 0 <= debounce <= 10_000:
            ls.debounce = debounce / 1000
        docs = options.get("docsUrl")
        if isinstance(docs, str) and docs:
            ls.docs_url = docs


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: ArgmapLanguageServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: ArgmapLanguageServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: ArgmapLanguageServer, params: types.DidCloseTextDocumentParams) -> None:
    state = ls.documents.pop(params.text_document.uri, None)
    if state is not None and state.pending is not None:
        state.pending.cancel()
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
    )


# -- navigation ----------------------------------------------------------------------------------


def _occurrence_at(ls: ArgmapLanguageServer, uri: str, position: types.Position) -> Any:
    document = ls.text_document(uri)
    line, character = ls.server_position(document, position)
    return ls.index(uri).at(line, character)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: ArgmapLanguageServer, params: types.HoverParams) -> types.Hover | None:
    uri = params.text_document.uri
    occurrence = _occurrence_at(ls, uri, params.position)
    if occurrence is None:
        return None
    text = editing.hover_text(ls.analysis(uri), ls.index(uri), occurrence)
    if text is None:
        return None
    document = ls.text_document(uri)
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
        range=ls.occurrence_range(document, occurrence.line, occurrence.start, occurrence.end),
    )


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def definition(ls: ArgmapLanguageServer, params: types.DefinitionParams) -> types.Location | None:
    uri = params.text_document.uri
    occurrence = _occurrence_at(ls, uri, params.position)
    if occurrence is None:
        return _imported_file_at(ls, uri, params.position)
    index = ls.index(uri)
    target = index.definitions.get((occurrence.kind, occurrence.name))
    if target is None:
        elsewhere = index.external.get((occurrence.kind, occurrence.name))
        if elsewhere is None:
            return None
        path, line, column, end_column = elsewhere
        other = Path(path).resolve().as_uri()
        return types.Location(uri=other, range=ls.file_range(other, line, column, end_column))
    document = ls.text_document(uri)
    return types.Location(
        uri=uri, range=ls.occurrence_range(document, target.line, target.start, target.end)
    )


def _imported_file_at(
    ls: ArgmapLanguageServer, uri: str, position: types.Position
) -> types.Location | None:
    """On the path of an import line: the start of the file it names (if it is a file)."""
    own = to_fs_path(uri)
    if not own:
        return None
    analysis = ls.analysis(uri)
    line, character = ls.server_position(ls.text_document(uri), position)
    for imported in analysis.imports:
        span = analysis.real(imported.span)
        if span.line - 1 == line and span.column - 1 <= character <= span.end_column:
            target = (Path(own).parent / imported.path).resolve()
            # Only where `argmap check` follows it: inside the project folder (E011 otherwise).
            root = Path(os.environ.get(ROOT_VARIABLE) or Path(own).parent).resolve()
            if imported.path and target.is_relative_to(root) and target.is_file():
                start = types.Position(0, 0)
                return types.Location(uri=target.as_uri(), range=types.Range(start, start))
    return None


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def references(ls: ArgmapLanguageServer, params: types.ReferenceParams) -> list[types.Location]:
    uri = params.text_document.uri
    occurrence = _occurrence_at(ls, uri, params.position)
    if occurrence is None:
        return []
    found = ls.project(uri)
    if found is None:  # text with no file: this document alone
        document = ls.text_document(uri)
        return [
            types.Location(uri=uri, range=ls.occurrence_range(document, o.line, o.start, o.end))
            for o in ls.index(uri).occurrences(occurrence.kind, occurrence.name)
            if params.context.include_declaration or not o.definition
        ]
    project, path = found
    locations = []
    for place in project.places(path, occurrence.kind, occurrence.name):
        o = place.occurrence
        if params.context.include_declaration or not o.definition:
            other = place.path.as_uri()
            locations.append(
                types.Location(uri=other, range=ls.file_range(other, o.line, o.start, o.end))
            )
    return locations


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(
    ls: ArgmapLanguageServer, params: types.PrepareRenameParams
) -> types.PrepareRenamePlaceholder | None:
    uri = params.text_document.uri
    occurrence = _occurrence_at(ls, uri, params.position)
    if occurrence is None:
        return None
    document = ls.text_document(uri)
    return types.PrepareRenamePlaceholder(
        range=ls.occurrence_range(document, occurrence.line, occurrence.start, occurrence.end),
        placeholder=occurrence.name,
    )


@server.feature(types.TEXT_DOCUMENT_RENAME)
def rename(ls: ArgmapLanguageServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    uri = params.text_document.uri
    occurrence = _occurrence_at(ls, uri, params.position)
    if occurrence is None:
        return None
    new = params.new_name
    found = ls.project(uri)
    if found is None:  # text with no file: this document alone
        index = ls.index(uri)
        problem = editing.rename_problem(index, occurrence.kind, occurrence.name, new)
        if problem is not None:
            raise JsonRpcInvalidParams(problem)
        document = ls.text_document(uri)
        edits = [
            types.TextEdit(
                range=ls.occurrence_range(document, o.line, o.start, o.end), new_text=new
            )
            for o in index.occurrences(occurrence.kind, occurrence.name)
        ]
        return types.WorkspaceEdit(changes={uri: edits})
    project, path = found
    # Refused when the new name is taken in any file that sees the node or speaker.
    problem = project.rename_problem(path, occurrence.kind, occurrence.name, new)
    if problem is not None:
        raise JsonRpcInvalidParams(problem)
    changes: dict[str, list[types.TextEdit]] = {}
    for place in project.places(path, occurrence.kind, occurrence.name):
        o = place.occurrence
        other = place.path.as_uri()
        changes.setdefault(other, []).append(
            types.TextEdit(range=ls.file_range(other, o.line, place.start, o.end), new_text=new)
        )
    return types.WorkspaceEdit(changes=changes)


# -- outline -------------------------------------------------------------------------------------


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbols(
    ls: ArgmapLanguageServer, params: types.DocumentSymbolParams
) -> list[types.DocumentSymbol]:
    uri = params.text_document.uri
    document = ls.text_document(uri)

    def convert(symbol: editing.Symbol) -> types.DocumentSymbol:
        return types.DocumentSymbol(
            name=symbol.name,
            detail=symbol.detail,
            kind=symbol.kind,
            range=ls.lsp_range(document, symbol.line, 0, symbol.end_line, symbol.end_character),
            selection_range=ls.occurrence_range(document, symbol.line, symbol.start, symbol.end),
            children=[convert(child) for child in symbol.children],
        )

    return [convert(symbol) for symbol in editing.symbols(ls.analysis(uri), ls.index(uri))]


@server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
def folding_ranges(
    ls: ArgmapLanguageServer, params: types.FoldingRangeParams
) -> list[types.FoldingRange]:
    return editing.folding_ranges(ls.analysis(params.text_document.uri).lines)


@server.feature(types.TEXT_DOCUMENT_FORMATTING)
def formatting(
    ls: ArgmapLanguageServer, params: types.DocumentFormattingParams
) -> list[types.TextEdit] | None:
    uri = params.text_document.uri
    document = ls.text_document(uri)
    try:
        formatted = format_text(document.source, to_fs_path(uri) or uri)
    except ArgmapError as error:
        ls.window_show_message(
            types.ShowMessageParams(
                type=types.MessageType.Warning,
                message=f"argmap fmt: the file is left as it is: {error}",
            )
        )
        return None
    if formatted == document.source:
        return []
    lines = document.lines
    end = types.Position(len(lines), 0)
    return [types.TextEdit(range=types.Range(types.Position(0, 0), end), new_text=formatted)]


# -- completion and fixes ------------------------------------------------------------------------


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=["@", "#", ":", " ", "(", ","]),
)
def completion(ls: ArgmapLanguageServer, params: types.CompletionParams) -> types.CompletionList:
    uri = params.text_document.uri
    document = ls.text_document(uri)
    line, character = ls.server_position(document, params.position)
    text = document.lines[line] if line < len(document.lines) else ""
    before = text.rstrip("\r\n")[:character]
    items = editing.completions(ls.analysis(uri), ls.index(uri), before)
    dotted = _DOTTED_BEFORE.search(before)
    if dotted:
        # `un.integ`: most editors take a word to end at '.', and would insert `un.integrity`
        # after `un.`; the edit replaces the whole dotted name typed so far.
        typed = ls.lsp_range(document, line, dotted.start(), line, character)
        for item in items:
            if item.kind is types.CompletionItemKind.Reference:
                item.text_edit = types.TextEdit(range=typed, new_text=item.label)
                item.filter_text = item.label
    return types.CompletionList(is_incomplete=False, items=items)


_DOTTED_BEFORE = re.compile(r"(?<![\w.@#])[^\W\d]\w*(?:\.\w*)+$")


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def code_actions(
    ls: ArgmapLanguageServer, params: types.CodeActionParams
) -> list[types.CodeAction]:
    uri = params.text_document.uri
    document = ls.text_document(uri)
    actions: list[types.CodeAction] = []
    for diagnostic in params.context.diagnostics:
        if diagnostic.source != "argmap":
            continue
        if isinstance(diagnostic.data, dict) and diagnostic.data.get("elsewhere"):
            continue
        for fix in editing.fixes(ls.analysis(uri), diagnostic_view(ls, document, diagnostic)):
            edits = [
                types.TextEdit(
                    range=ls.lsp_range(document, e.line, e.start, e.end_line, e.end),
                    new_text=e.text,
                )
                for e in fix.edits
            ]
            actions.append(
                types.CodeAction(
                    title=fix.title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    is_preferred=fix.preferred or None,
                    edit=types.WorkspaceEdit(changes={uri: edits}),
                )
            )
    return actions


def diagnostic_view(
    ls: ArgmapLanguageServer, document: TextDocument, diagnostic: types.Diagnostic
) -> editing.Problem:
    """The parts of a client's diagnostic that a fix reads, in code points."""
    line, start = ls.server_position(document, diagnostic.range.start)
    end_line, end = ls.server_position(document, diagnostic.range.end)
    hint = None
    if isinstance(diagnostic.data, dict):
        hint = diagnostic.data.get("hint")
    if hint is None:
        found = re.search(r"\nhint: (.*)", diagnostic.message)
        hint = found.group(1) if found else None
    return editing.Problem(
        code=str(diagnostic.code or ""),
        message=diagnostic.message.split("\nhint: ")[0],
        hint=hint,
        line=line,
        start=start,
        end_line=end_line,
        end=end,
    )


# -- the preview ---------------------------------------------------------------------------------


@server.feature("argmap/preview")
def preview(ls: ArgmapLanguageServer, params: Any) -> dict[str, Any]:
    """The document drawn as SVG, and the line of every node, for an editor's preview pane."""
    uri = getattr(params, "uri", None)
    if uri is None and isinstance(params, dict):
        uri = params.get("uri")
    if not isinstance(uri, str) or uri not in ls.workspace.text_documents:
        raise JsonRpcInvalidParams("argmap/preview takes the uri of an open document")
    return editing.preview(ls.analysis(uri), ls.index(uri))


def main() -> None:
    """Serve one client over standard input and output."""
    server.start_io()
