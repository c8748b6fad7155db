"""Where each id and speaker of a document is declared and used: go-to, references, rename."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import Enum

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

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.lines = analysis.lines
        self.by_line: dict[int, list[Occurrence]] = defaultdict(list)
        self.by_name: dict[tuple[Kind, str], list[Occurrence]] = defaultdict(list)
        self.definitions: dict[tuple[Kind, str], Occurrence] = {}
        # Declarations in imported files: (file as diagnostics name it, 0-based line, column).
        self.external: dict[tuple[Kind, str], tuple[str, int, int]] = {}
        self.nodes: dict[str, Statement | Argument] = {}
        self._seen: set[tuple[int, int]] = set()
        argument_map = analysis.map
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
                self.external.setdefault((kind, name), (span.path, span.line - 1, span.column - 1))
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
