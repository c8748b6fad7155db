"""Where each id and speaker is declared and used, in a document and across the files of its
project: go-to, references, rename."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from argmap.language.vocabulary import is_identifier
from argmap.lsp.incremental import Analysis
from argmap.model import Argument, Span, Statement


class Kind(Enum):
    """What a name names: a statement or argument, or a speaker."""

    NODE = "node"
    SPEAKER = "speaker"


@dataclass(frozen=True)
class Occurrence:
    """A name in the text: 0-based line, its first column and the column after it."""

    kind: Kind
    name: str
    line: int
    start: int
    end: int
    definition: bool = False


class Index:
    """Every occurrence of every id and speaker, by line and by name."""

    def __init__(self, analysis: Analysis, own: bool = False) -> None:
        """`own`: index the document's own map only, without reading what it imports (the
        project's view of a file, where only its own occurrences count)."""
        self.analysis = analysis
        self.lines = analysis.lines
        self.by_line: dict[int, list[Occurrence]] = defaultdict(list)
        self.by_name: dict[tuple[Kind, str], list[Occurrence]] = defaultdict(list)
        self.definitions: dict[tuple[Kind, str], Occurrence] = {}
        # Declarations in imported files: (file as diagnostics name it, 0-based line, first
        # column, column after the name as written there: `integrity`, not `un.integrity`).
        self.external: dict[tuple[Kind, str], tuple[str, int, int, int]] = {}
        self.nodes: dict[str, Statement | Argument] = {}
        self._seen: set[tuple[int, int]] = set()
        argument_map = analysis.own_map if own else analysis.map
        for speaker in argument_map.speakers:
            self._add(Kind.SPEAKER, speaker.id, speaker.span, definition=True)
        for statement in argument_map.statements:
            self.nodes.setdefault(statement.id, statement)
            self._add(Kind.NODE, statement.id, statement.span, definition=True)
            self._speaker(statement.speaker, statement.speaker_span)
        for argument in argument_map.arguments:
            self.nodes.setdefault(argument.id, argument)
            self._add(Kind.NODE, argument.id, argument.span, definition=True)
            self._speaker(argument.speaker, argument.speaker_span)
            for premise, span in zip(argument.premises, argument.premise_spans, strict=False):
                self._add(Kind.NODE, premise, span)
            if argument.conclusion is not None:
                self._add(Kind.NODE, argument.conclusion, argument.conclusion_span)
        for relation in argument_map.relations:
            self._add(Kind.NODE, relation.source, relation.source_span)
            self._add(Kind.NODE, relation.target, relation.target_span)
            self._speaker(relation.speaker, relation.speaker_span)
        for group in argument_map.groups:
            for member, span in zip(group.members, group.member_spans, strict=False):
                self._add(Kind.NODE, member, span)
        for occurrences in self.by_name.values():
            occurrences.sort(key=lambda o: (o.line, o.start))

    def _speaker(self, name: str | None, span: Span) -> None:
        if name is not None and not span.path:
            # The span covers '@name'; the name starts one column later.
            real = self.analysis.real(span)
            self._place(Kind.SPEAKER, name, real.line, real.column + 1, False)

    def _add(self, kind: Kind, name: str, span: Span, definition: bool = False) -> None:
        if span.path:  # in an imported file
            if definition and span.line > 0:
                place = (span.path, span.line - 1, span.column - 1, span.end_column)
                self.external.setdefault((kind, name), place)
            return
        real = self.analysis.real(span)
        self._place(kind, name, real.line, real.column, definition)

    def _place(self, kind: Kind, name: str, line: int, column: int, definition: bool) -> None:
        if line < 1 or line > len(self.lines) or (line, column) in self._seen:
            return
        start = column - 1
        if self.lines[line - 1][start : start + len(name)] != name:
            return  # not where the name is written (an outline parent's span, say)
        self._seen.add((line, column))
        occurrence = Occurrence(kind, name, line - 1, start, start + len(name), definition)
        self.by_line[line - 1].append(occurrence)
        self.by_name[kind, name].append(occurrence)
        if definition:
            self.definitions.setdefault((kind, name), occurrence)

    def at(self, line: int, character: int) -> Occurrence | None:
        """The occurrence under a 0-based position (its end counts, as editors place cursors)."""
        for occurrence in self.by_line.get(line, ()):
            if occurrence.start <= character <= occurrence.end:
                return occurrence
        return None

    def occurrences(self, kind: Kind, name: str) -> list[Occurrence]:
        return self.by_name.get((kind, name), [])

    def names(self, kind: Kind) -> list[str]:
        """Declared names of a kind, in source order."""
        return [name for (k, name) in self.definitions if k is kind]


# -- the project: names across files ---------------------------------------------------------------

# At most this many `.arg` files of a project folder are read for references and rename.
MAX_PROJECT_FILES = 500

# The path of an import line, read without parsing (to find which files can see which).
_IMPORT_PATH = re.compile(r'^import[ \t]+"([^"\\\n]*)"', re.M)
# A node as its declaring file names it (that file, the id written there); a speaker by its id.
Symbol = tuple[Path, str]


@dataclass
class FileView:
    """One file of the project: its analysis and index, what it imports, what it declares."""

    path: Path
    analysis: Analysis
    index: Index
    imports: list[tuple[Path, str | None]]  # each imported file, and the name it is given
    declared: set[str]


@dataclass(frozen=True)
class Place:
    """An occurrence of a name in a file of the project, and the part a rename replaces."""

    path: Path
    occurrence: Occurrence
    start: int  # the first column of the id as its declaring file writes it


# Folders never searched for maps: hidden ones (.git, .venv), installed packages, caches.
_SKIPPED = frozenset({"node_modules", "__pycache__", "site-packages", "build", "dist"})


def _arg_files(root: Path) -> Iterator[Path]:
    """The `.arg` files under a folder, in a stable order, not following folder links."""
    for folder, folders, files in os.walk(root):
        folders[:] = sorted(f for f in folders if not f.startswith(".") and f not in _SKIPPED)
        for name in sorted(files):
            if name.endswith(".arg"):
                yield Path(folder) / name


class Project:
    """The `.arg` files of a project folder as the server sees them (open documents as they
    are edited, the others as saved), and what each name written in each file stands for."""

    def __init__(
        self,
        root: Path,
        texts: dict[Path, str],
        analyse: Callable[[Path, str], Analysis],
        read: Callable[[Path], str | None],
        cache: dict[Path, tuple[str, FileView]] | None = None,
    ) -> None:
        self.root = root
        self.texts = texts
        self._analyse = analyse
        self._read = read
        self._views: dict[Path, FileView | None] = {}
        # Views of files from earlier requests, reused while a file's text is the same.
        self._cache = cache if cache is not None else {}
        self._scopes: dict[Path, dict[str, Symbol]] = {}
        found = dict.fromkeys(texts)
        for path in _arg_files(root):
            if len(found) >= MAX_PROJECT_FILES:
                break
            resolved = path.resolve()
            if resolved.is_relative_to(root):
                found.setdefault(resolved)
        self.files = list(found)

    def text(self, path: Path) -> str | None:
        if path not in self.texts:
            read = self._read(path)
            if read is None:
                return None
            self.texts[path] = read
        return self.texts[path]

    def reaches(self, path: Path, target: Path) -> bool:
        """Whether a file imports `target`, directly or not (import lines read, not parsed)."""
        seen: set[Path] = set()
        stack = [path]
        while stack:
            current = stack.pop()
            if current == target:
                return True
            if current in seen:
                continue
            seen.add(current)
            text = self.text(current)
            for written in _IMPORT_PATH.findall(text or ""):
                if written and not Path(written).is_absolute():
                    stack.append((current.parent / written).resolve())
        return False

    def view(self, path: Path) -> FileView | None:
        """The file analysed (None when it cannot be read)."""
        if path in self._views:
            return self._views[path]
        text = self.text(path)
        cached = self._cache.get(path)
        if cached is not None and text is not None and cached[0] == text:
            self._views[path] = cached[1]
            return cached[1]
        view = None
        if text is not None:
            analysis = self._analyse(path, text)
            imports: list[tuple[Path, str | None]] = []
            for line in analysis.imports:
                if not line.path or Path(line.path).is_absolute():
                    continue
                target = (path.parent / line.path).resolve()
                if target.is_relative_to(self.root):
                    imports.append((target, line.alias))
            own = analysis.own_map
            declared = {s.id for s in own.statements} | {a.id for a in own.arguments}
            view = FileView(path, analysis, Index(analysis, own=True), imports, declared)
            self._cache[path] = (text, view)
        self._views[path] = view
        return view

    def scope(self, path: Path, within: frozenset[Path] = frozenset()) -> dict[str, Symbol]:
        """Every node id a file may write, and the node it stands for: its own ids, those of
        plain imports as they are, those of named imports under their name (`un.integrity`)."""
        known = self._scopes.get(path)
        if known is not None:
            return known
        names: dict[str, Symbol] = {}
        view = self.view(path) if path not in within else None
        if view is None:
            return names
        for node_id in view.declared:
            names[node_id] = (path, node_id)
        for target, alias in view.imports:
            for written, symbol in self.scope(target, within | {path}).items():
                names.setdefault(written if alias is None else f"{alias}.{written}", symbol)
        if not within:
            self._scopes[path] = names
        return names

    def closure(self, path: Path) -> list[Path]:
        """The file and every file it imports, depth first, each once."""
        order: list[Path] = []
        stack = [path]
        while stack:
            current = stack.pop()
            if current in order:
                continue
            order.append(current)
            view = self.view(current)
            if view is not None:
                stack.extend(reversed([target for target, _ in view.imports]))
        return order

    def node(self, path: Path, written: str) -> Symbol | None:
        """The node a name written in a file stands for."""
        return self.scope(path).get(written)

    def speaker_home(self, path: Path, name: str) -> Path | None:
        """The file that declares a speaker as a file sees it (itself, else an import)."""
        for candidate in self.closure(path):
            view = self.view(candidate)
            if view is not None and (Kind.SPEAKER, name) in view.index.definitions:
                return candidate
        return None

    def speaker_files(self, path: Path, name: str) -> list[Path]:
        """The files that see the speaker a file sees: all that import its declaring file."""
        home = self.speaker_home(path, name)
        if home is None:
            return [path]
        return [p for p in self.files if self.reaches(p, home)]

    def places(self, path: Path, kind: Kind, name: str) -> list[Place]:
        """Every occurrence, in every file of the project, of the name under a file's cursor."""
        found: list[Place] = []
        if kind is Kind.NODE:
            symbol = self.node(path, name)
            if symbol is None:
                view = self.view(path)
                return [
                    Place(path, o, o.start)
                    for o in (view.index.occurrences(kind, name) if view else [])
                ]
            local = symbol[1]
            for other in self.files:
                if not self.reaches(other, symbol[0]):
                    continue  # it imports nothing that declares the node
                scope = self.scope(other)
                view = self.view(other)
                if view is None:
                    continue
                for written, target in scope.items():
                    if target != symbol:
                        continue
                    for occurrence in view.index.occurrences(Kind.NODE, written):
                        found.append(Place(other, occurrence, occurrence.end - len(local)))
            return found
        for other in self.speaker_files(path, name):
            view = self.view(other)
            if view is not None:
                found += [Place(other, o, o.start) for o in view.index.occurrences(kind, name)]
        return found

    def rename_problem(self, path: Path, kind: Kind, old: str, new: str) -> str | None:
        """Why the name under a file's cursor may not become `new` in every file, or None."""
        if new == old:
            return None
        if not is_identifier(new):
            return f"'{new}' is not a valid id: letters, digits and _, not starting with a digit"
        places = self.places(path, kind, old)
        if kind is Kind.NODE:
            symbol = self.node(path, old)
            local = symbol[1] if symbol else old
            # The declaring file first: its clash is the one to name.
            for place in sorted(places, key=lambda p: symbol is None or p.path != symbol[0]):
                written = place.occurrence.name
                renamed = written[: len(written) - len(local)] + new
                taken = self.scope(place.path).get(renamed)
                if taken is not None and taken != symbol:
                    return f"'{renamed}' is already an id in {self.shown(place.path)}"
            return None
        # Every file that would see the renamed speaker, and every file those import.
        seeing = dict.fromkeys(
            inner
            for other in [path, *self.speaker_files(path, old)]
            for inner in self.closure(other)
        )
        for other in seeing:
            view = self.view(other)
            if view is not None and (Kind.SPEAKER, new) in view.index.definitions:
                return f"'{new}' is already a speaker in {self.shown(other)}"
        return None

    def shown(self, path: Path) -> str:
        return str(path.relative_to(self.root)) if path.is_relative_to(self.root) else str(path)
