"""What the checker reads of the whole map, by name, kept up to date one item at a time."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol, TypeVar

from argmap.diagnostics import Diagnostic, make
from argmap.gcpause import paused_gc
from argmap.model import (
    Argument,
    Expectation,
    Group,
    Relation,
    RelationKind,
    Span,
    Speaker,
    Statement,
    relation_owner,
)
from argmap.suggest import Suggester

Report = Callable[..., None]
Node = Statement | Argument

# Names read by a rule that are not ids: "every id" and "every speaker" (for suggestions).
EVERY_ID = "\0ids"
EVERY_SPEAKER = "\0speakers"


class Item(Protocol):
    """A piece of a map: a top-level item of a document, or a whole map (one item)."""

    @property
    def speakers(self) -> tuple[Speaker, ...]: ...
    @property
    def statements(self) -> tuple[Statement, ...]: ...
    @property
    def arguments(self) -> tuple[Argument, ...]: ...
    @property
    def relations(self) -> tuple[Relation, ...]: ...
    @property
    def groups(self) -> tuple[Group, ...]: ...
    @property
    def expectations(self) -> tuple[Expectation, ...]: ...


ItemRule = Callable[[Item, "MapIndex", Report], None]
MapRule = Callable[["MapIndex", Report], None]

T = TypeVar("T")
# An entry of an index: the item, the place of the piece in it (for map order), the piece.
Entry = tuple[Item, int, T]


# What a rule reads is named by the id or speaker and what it asks about them, so that an
# edit re-checks only the items that asked the same question: a statement's declaration is
# read by whoever refers to it, its relations only by the statement itself (W201, W202).
def _speaker(name: str) -> str:
    return "@" + name


def _used(name: str) -> str:
    return "@" + name + "\0used"


def _related(name: str) -> str:
    return name + "\0related"


def _attacking(name: str) -> str:
    return name + "\0attacking"


def _attacked(name: str) -> str:
    return name + "\0attacked"


def _schemed(name: str) -> str:
    return name + "\0schemed"


class Names:
    """The declared ids by namespace, for suggestions made where a reference is written."""

    def __init__(self, names: list[str]) -> None:
        # One index for every suggestion: a thousand typos cost a thousand look-ups, not a
        # million comparisons.
        self.everywhere = Suggester(names)
        self.members: dict[str, list[str]] = defaultdict(list)
        self.spaces: set[str] = set()
        for name in names:
            space, _, local = name.rpartition(".")
            self.members[space].append(local)
            while space:
                self.spaces.add(space)
                space = space.rpartition(".")[0]
        self._within: dict[str, Suggester] = {}
        self._spaces: dict[str, Suggester] = {}

    def within(self, space: str, local: str) -> str | None:
        """The member of a namespace ("" for the top map's) closest to `local`."""
        suggester = self._within.get(space)
        if suggester is None:
            suggester = self._within[space] = Suggester(self.members.get(space, []))
        return suggester.suggest(local)

    def space_near(self, prefix: str, written: str) -> str | None:
        """The namespace seen from a file whose ids carry `prefix` closest to `written`
        (without the prefix), from one index per prefix however many are misspelt."""
        suggester = self._spaces.get(prefix)
        if suggester is None:
            visible = [s[len(prefix) :] for s in sorted(self.spaces) if s.startswith(prefix)]
            suggester = self._spaces[prefix] = Suggester(visible)
        return suggester.suggest(written)


class MapIndex:
    """The whole-map facts the rules read, by id or speaker, in map order.

    Every question a rule asks names what it reads (an id, a speaker, or every id for a
    suggestion); a `TrackingIndex` collects the names in `reads` while one item is checked,
    so that the item is checked again only when what it read may have changed.
    """

    def __init__(self) -> None:
        self.items: Sequence[Item] = ()
        self.position: dict[int, int] = {}
        self.statements: dict[str, list[Entry[Statement]]] = {}
        self.arguments: dict[str, list[Entry[Argument]]] = {}
        self.speakers: dict[str, list[Entry[Speaker]]] = {}
        self.speaker_uses: Counter[str] = Counter()
        self.sources: Counter[str] = Counter()
        self.supported_by: Counter[str] = Counter()
        self.connected_to: Counter[str] = Counter()
        self.attacks_by_source: dict[str, list[Entry[Relation]]] = {}
        self.attacks_by_target: dict[str, list[Entry[Relation]]] = {}
        self.schemed_by_id: dict[str, list[Entry[Argument]]] = {}
        self.schemed_by_part: dict[str, list[Entry[Argument]]] = {}
        # Support edges: relations first (phase 0), then what arguments draw (phase 1).
        self.edges: dict[str, list[tuple[Item, int, str, Span]]] = {}
        self.edge_change: Counter[tuple[str, str]] = Counter()
        self.node_count = 0
        self.reads: set[str] = set()
        # The order of spans in the text, where it is not theirs (see `rules.check`).
        self.place: Callable[[Span], Span] | None = None
        self.top: str | None = None  # the top map's file (where a span with no file is)
        self._ids: Names | None = None
        self._speaker_ids: Suggester | None = None
        self._cycles: list[list[str]] | None = None

    # -- keeping it up to date -------------------------------------------------------------

    def _key(self, item: Item, place: int) -> tuple[int, int]:
        return self.position[id(item)], place

    def _insert(
        self, index: dict[str, list[tuple[Item, int, T]]], name: str, entry: tuple[Item, int, T]
    ) -> None:
        """Put an entry into its place in map order (usually the end of a short list)."""
        entries = index.get(name)
        if entries is None:
            index[name] = [entry]
            return
        key = self._key(entry[0], entry[1])
        at = len(entries)
        while at and self._key(entries[at - 1][0], entries[at - 1][1]) > key:
            at -= 1
        entries.insert(at, entry)

    @staticmethod
    def _drop(index: dict[str, list[tuple[Item, int, T]]], name: str, item: Item) -> None:
        entries = index.get(name)
        if entries is None:
            return
        kept = [entry for entry in entries if entry[0] is not item]
        if kept:
            index[name] = kept
        else:
            del index[name]

    @staticmethod
    def _parts(argument: Argument) -> set[str]:
        parts = {*argument.premises, argument.id}
        if argument.conclusion is not None:
            parts.add(argument.conclusion)
        return parts

    def _entries(
        self, item: Item, nodes: bool = True
    ) -> Iterable[tuple[dict[str, list[Any]], str, int, object]]:
        """(index, name, place, piece) for every entry the item makes but its speakers'.

        `nodes` False: leave out the statements and arguments by id (`add` puts them in).
        """
        if nodes:
            for place, statement in enumerate(item.statements):
                yield self.statements, statement.id, place, statement
            for place, argument in enumerate(item.arguments):
                yield self.arguments, argument.id, place, argument
        for place, argument in enumerate(item.arguments):
            if argument.scheme is not None:
                yield self.schemed_by_id, argument.id, place, argument
                for part in self._parts(argument):
                    yield self.schemed_by_part, part, place, argument
        for place, relation in enumerate(item.relations):
            if relation.kind in (RelationKind.ATTACK, RelationKind.UNDERCUT):
                yield self.attacks_by_source, relation.source, place, relation
                yield self.attacks_by_target, relation.target, place, relation

    def _marks(self, item: Item) -> Iterable[str]:
        """The names of what adding or removing the item changes, as the rules read them."""
        for statement in item.statements:
            yield statement.id
        for argument in item.arguments:
            yield argument.id
            if argument.scheme is not None:
                yield _schemed(argument.id)
                yield from map(_schemed, self._parts(argument))
        for relation in item.relations:
            if relation.kind in (RelationKind.ATTACK, RelationKind.UNDERCUT):
                yield _attacking(relation.source)
                yield _attacked(relation.target)
        for speaker in item.speakers:
            yield _speaker(speaker.id)
        speakers, _, _, connected = self._counted(item)
        yield from map(_used, speakers)
        yield from map(_related, connected)

    @staticmethod
    def _counted(item: Item) -> tuple[list[str], list[str], list[str], list[str]]:
        """The names the item adds to the counters: speakers used, sources, supported, connected."""
        attributed: tuple[Statement | Argument | Relation, ...] = (
            *item.statements,
            *item.arguments,
            *item.relations,
        )
        speakers = [node.speaker for node in attributed if node.speaker is not None]
        sources = [relation.source for relation in item.relations]
        supported = [r.target for r in item.relations if r.kind is RelationKind.SUPPORT]
        connected = [*sources, *(relation.target for relation in item.relations)]
        for argument in item.arguments:
            connected += argument.premises
            if argument.conclusion is not None:
                connected.append(argument.conclusion)
                supported.append(argument.conclusion)
        return speakers, sources, supported, connected

    def _edges(self, item: Item) -> Iterable[tuple[str, int, str, Span]]:
        """The item's support edges as (source, order in the item, target, the link's place)."""
        order = 0
        for relation in item.relations:
            if relation.kind is RelationKind.SUPPORT:
                yield relation.source, order, relation.target, relation.span
                order += 1
        order = 1 << 40  # after every relation: the whole map's relations come first
        for argument in item.arguments:
            for premise, span in zip(argument.premises, premise_spans(argument), strict=True):
                # A conclusion among its own premises is E108, not a cycle to report again.
                if premise != argument.conclusion:
                    yield premise, order, argument.id, span
                    order += 1
            if argument.conclusion is not None:
                yield argument.id, order, argument.conclusion, argument.span
                order += 1

    def _edge_key(self, entry: tuple[Item, int, str, Span]) -> tuple[int, int, int]:
        # Phase first (relations of every item before arguments of any), then map order.
        return entry[1] >> 40, self.position[id(entry[0])], entry[1]

    def add(self, item: Item, touched: set[str] | None) -> None:
        """Add an item's pieces (the positions must already count it); mark what changes.

        `touched` None: nothing was checked yet, so nothing needs marking (the first check).
        """
        insert = self._insert
        declared: tuple[tuple[dict[str, list[Any]], tuple[Node | Speaker, ...]], ...] = (
            (self.statements, item.statements),
            (self.arguments, item.arguments),
            (self.speakers, item.speakers),
        )
        for entries_by_name, pieces in declared:
            for place, piece in enumerate(pieces):
                name = piece.id
                entries = entries_by_name.get(name)
                if entries is None:
                    entries_by_name[name] = [(item, place, piece)]
                else:
                    insert(entries_by_name, name, (item, place, piece))
        for index, name, place, part in self._entries(item, nodes=False):
            insert(index, name, (item, place, part))
        speakers, sources, supported, connected = self._counted(item)
        self.speaker_uses.update(speakers)
        self.sources.update(sources)
        self.supported_by.update(supported)
        self.connected_to.update(connected)
        edges = self.edges
        for source, order, target, span in self._edges(item):
            entry = (item, order, target, span)
            found = edges.get(source)
            if found is None:
                edges[source] = [entry]
            else:
                key = self._edge_key(entry)
                at = len(found)
                while at and self._edge_key(found[at - 1]) > key:
                    at -= 1
                found.insert(at, entry)
            if self._cycles is not None:
                self.edge_change[source, target] += 1
        self.node_count += len(item.statements) + len(item.arguments)
        if touched is not None:
            touched.update(self._marks(item))

    def remove(self, item: Item, touched: set[str]) -> None:
        """Take an item's pieces out again; mark what changes."""
        drop = self._drop
        touched.update(self._marks(item))
        for index, name, _, _ in self._entries(item):
            drop(index, name, item)
        for speaker in item.speakers:
            drop(self.speakers, speaker.id, item)
        speakers, sources, supported, connected = self._counted(item)
        self.speaker_uses.subtract(speakers)
        self.sources.subtract(sources)
        self.supported_by.subtract(supported)
        self.connected_to.subtract(connected)
        for counter, names in (
            (self.speaker_uses, speakers),
            (self.sources, sources),
            (self.supported_by, supported),
            (self.connected_to, connected),
        ):
            for name in names:
                if counter.get(name, 1) <= 0:
                    del counter[name]
        for source, _, target, _ in self._edges(item):
            drop_edges = self.edges.get(source)
            if drop_edges is not None:
                kept = [entry for entry in drop_edges if entry[0] is not item]
                if kept:
                    self.edges[source] = kept
                else:
                    del self.edges[source]
            if self._cycles is not None:
                self.edge_change[source, target] -= 1
        self.node_count -= len(item.statements) + len(item.arguments)

    def replaced(self, removed: Sequence[Item], added: Sequence[Item], touched: set[str]) -> None:
        """After `removed` gave way to `added` in one place: did the lists of names change?

        The suggestions look at every id (and every speaker) in map order; they are asked
        again only when the replaced items declared other names than the new ones.
        """

        def declared(items: Sequence[Item]) -> tuple[list[str], list[str], list[str]]:
            return (
                [statement.id for item in items for statement in item.statements],
                [argument.id for item in items for argument in item.arguments],
                [speaker.id for item in items for speaker in item.speakers],
            )

        *old_ids, old_speakers = declared(removed)
        *new_ids, new_speakers = declared(added)
        if old_ids != new_ids:
            touched.add(EVERY_ID)
            self._ids = None
        if old_speakers != new_speakers:
            touched.add(EVERY_SPEAKER)
            self._speaker_ids = None

    def settle(self) -> None:
        """After an update: forget the cycles if the support edges changed."""
        if any(self.edge_change.values()):
            self._cycles = None
        self.edge_change.clear()

    # -- what the rules ask ----------------------------------------------------------------

    def node_entry(self, name: str) -> Entry[Node] | None:
        """Where `name` is first declared (statements before arguments, as `nodes_by_id`)."""
        found = self.statements.get(name) or self.arguments.get(name)
        return found[0] if found else None

    def node(self, name: str) -> Node | None:
        """The node first declared as `name` (what `nodes_by_id` holds), or None."""
        found = self.statements.get(name) or self.arguments.get(name)
        return found[0][2] if found else None

    def argument(self, name: str) -> Argument | None:
        if name in self.statements:
            return None
        found = self.arguments.get(name)
        return found[0][2] if found else None

    def statements_named(self, name: str) -> list[Statement]:
        return [entry[2] for entry in self.statements.get(name, ())]

    def speaker_entry(self, name: str) -> Entry[Speaker] | None:
        found = self.speakers.get(name)
        return found[0] if found else None

    def speaker(self, name: str) -> Speaker | None:
        entry = self.speaker_entry(name)
        return entry[2] if entry is not None else None

    def speaker_used(self, name: str) -> bool:
        return name in self.speaker_uses

    def is_source(self, name: str) -> bool:
        return name in self.sources

    def supported(self, name: str) -> bool:
        return name in self.supported_by

    def connected(self, name: str) -> bool:
        return name in self.connected_to

    def attacks_from(self, name: str) -> list[Relation]:
        """Attacks and undercuts whose source is `name`, in map order."""
        return [entry[2] for entry in self.attacks_by_source.get(name, ())]

    def attacks_on(self, name: str) -> list[Relation]:
        """Attacks and undercuts whose target is `name`, in map order."""
        return [entry[2] for entry in self.attacks_by_target.get(name, ())]

    def schemed(self, name: str, part: bool) -> list[Argument]:
        """Arguments with a scheme whose id is `name`, or (part) with `name` among their parts."""
        index = self.schemed_by_part if part else self.schemed_by_id
        return [entry[2] for entry in index.get(name, ())]

    def names(self) -> Names:
        """Every declared id, for suggestions (read as a whole: any new id may change them)."""
        if self._ids is None:
            ids = [s.id for item in self.items for s in item.statements]
            ids += [a.id for item in self.items for a in item.arguments]
            self._ids = Names(ids)
        return self._ids

    def suggest_speaker(self, name: str) -> str | None:
        if self._speaker_ids is None:
            self._speaker_ids = Suggester(s.id for item in self.items for s in item.speakers)
        return self._speaker_ids.suggest(name)

    def owner(self, relation: Relation) -> str | None:
        """`ArgumentMap.owner`, answered from the index (its ends read only when needed)."""
        if relation.speaker is not None:
            return relation.speaker
        return relation_owner(relation, self.node(relation.source), self.node(relation.target))

    # -- the whole map ---------------------------------------------------------------------

    def successors(self, name: str) -> list[tuple[str, Span]]:
        return [(entry[2], entry[3]) for entry in self.edges.get(name, ())]

    def links(self, name: str) -> list[tuple[str, Span, int]]:
        """`successors`, each with the position of its item (spans compare within an item)."""
        return [
            (entry[2], entry[3], self.position[id(entry[0])]) for entry in self.edges.get(name, ())
        ]

    def order_key(self, name: str) -> tuple[int, int, int, str]:
        """Where a node's last declaration stands among every statement, then every argument."""
        if name in self.arguments:
            last = self.arguments[name][-1]
            return 1, *self._key(last[0], last[1]), ""
        if name in self.statements:
            last_statement = self.statements[name][-1]
            return 0, *self._key(last_statement[0], last_statement[1]), ""
        return 2, 0, 0, name  # not declared: after every node, by name

    def cycles(self) -> list[list[str]]:
        """The strongly connected parts of the support graph with two nodes or more."""
        if self._cycles is None:
            graph = {
                source: [entry[2] for entry in entries] for source, entries in self.edges.items()
            }
            graph = on_cycles(graph)
            self._cycles = [c for c in strongly_connected(list(graph), graph) if len(c) > 1]
        return self._cycles


class TrackingIndex(MapIndex):
    """A `MapIndex` that notes, in `reads`, the name of everything a rule asks about.

    The `Checker` of an editor keeps these names with each item's diagnostics; a one-shot
    check of a whole map never checks again, so it asks the plain `MapIndex` (no names made).
    """

    def node_entry(self, name: str) -> Entry[Node] | None:
        self.reads.add(name)
        return super().node_entry(name)

    def node(self, name: str) -> Node | None:
        self.reads.add(name)
        return super().node(name)

    def argument(self, name: str) -> Argument | None:
        self.reads.add(name)
        return super().argument(name)

    def statements_named(self, name: str) -> list[Statement]:
        self.reads.add(name)
        return super().statements_named(name)

    def speaker_entry(self, name: str) -> Entry[Speaker] | None:
        self.reads.add(_speaker(name))
        return super().speaker_entry(name)

    def speaker_used(self, name: str) -> bool:
        self.reads.add(_used(name))
        return super().speaker_used(name)

    def is_source(self, name: str) -> bool:
        self.reads.add(_related(name))
        return super().is_source(name)

    def supported(self, name: str) -> bool:
        self.reads.add(_related(name))
        return super().supported(name)

    def connected(self, name: str) -> bool:
        self.reads.add(_related(name))
        return super().connected(name)

    def attacks_from(self, name: str) -> list[Relation]:
        self.reads.add(_attacking(name))
        return super().attacks_from(name)

    def attacks_on(self, name: str) -> list[Relation]:
        self.reads.add(_attacked(name))
        return super().attacks_on(name)

    def schemed(self, name: str, part: bool) -> list[Argument]:
        self.reads.add(_schemed(name))
        return super().schemed(name, part)

    def names(self) -> Names:
        self.reads.add(EVERY_ID)
        return super().names()

    def suggest_speaker(self, name: str) -> str | None:
        self.reads.add(EVERY_SPEAKER)
        return super().suggest_speaker(name)


def premise_spans(argument: Argument) -> tuple[Span, ...]:
    """The place of each premise (the argument's own place where they are not known)."""
    if len(argument.premise_spans) == len(argument.premises):
        return argument.premise_spans
    return (argument.span,) * len(argument.premises)


def on_cycles(edges: dict[str, list[str]]) -> dict[str, list[str]]:
    """The part of a graph that can hold a cycle: what is left when nodes that lead nowhere
    are taken away, again and again.

    A node on a cycle always keeps an edge to the next node of its cycle, so every strongly
    connected part of two nodes or more is left whole. A support graph is mostly a forest,
    which this takes away entirely, at a fraction of the cost of Tarjan's algorithm.
    """
    successors = {node: len(targets) for node, targets in edges.items()}
    predecessors: dict[str, list[str]] = {}
    for node, targets in edges.items():
        for target in targets:
            found = predecessors.get(target)
            if found is None:
                predecessors[target] = [node]
            else:
                found.append(node)
    # Targets that are nobody's source lead nowhere, nor do sources with no targets.
    leading_nowhere = [node for node in predecessors if node not in edges]
    leading_nowhere += [node for node, count in successors.items() if not count]
    while leading_nowhere:
        for source in predecessors.get(leading_nowhere.pop(), ()):
            successors[source] -= 1
            if not successors[source]:
                leading_nowhere.append(source)
    left = {node for node, count in successors.items() if count}
    return {node: [t for t in edges[node] if t in left] for node in edges if node in left}


def strongly_connected(nodes: list[str], edges: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm without recursion, so a long chain cannot overflow the stack."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            successors = edges.get(node, [])
            if position < len(successors):
                work.append((node, position + 1))
                successor = successors[position]
                if successor not in index:
                    work.append((successor, 0))
                elif successor in on_stack:
                    low[node] = min(low[node], index[successor])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components


class Checker:
    """Checks a sequence of items, again and again: after an edit, only what it touched.

    An item's diagnostics are kept with the names its rules read; an edit marks the names
    whose entries it changed, and only the items it added and the items that read a marked
    name are checked again. The rules that look at the whole map (the support cycles, an empty
    map) run on the index each time. The result equals checking the whole map at once.
    `track` False: nothing notes what the items read (a one-shot check of a whole map, which
    is cheaper so), and a later check checks every item again.
    """

    def __init__(
        self,
        item_rules: Sequence[ItemRule],
        map_rules: Sequence[MapRule],
        path: str,
        track: bool = True,
    ) -> None:
        self.item_rules = item_rules
        self.map_rules = map_rules
        self.path = path
        self.track = track
        self.index = TrackingIndex() if track else MapIndex()
        self.index.top = path
        self.items: list[Item] = []
        self.results: dict[int, list[Diagnostic]] = {}
        self.read: dict[int, set[str]] = {}
        self.readers: dict[str, set[int]] = {}
        self.checked_items = 0  # items the last `check` checked (the rest were kept)

    def _report(self, found: list[Diagnostic]) -> Report:
        path = self.path

        def report(
            code: str,
            message: str,
            span: Span,
            hint: str | None = None,
            related: tuple[tuple[Span, str], ...] = (),
        ) -> None:
            found.append(make(code, message, span, path=path, hint=hint, related=related))

        return report

    def check(self, items: Sequence[Item]) -> list[Diagnostic]:
        """Every structural problem of the map made of `items`, sorted by place."""
        with paused_gc():
            return self._check(list(items))

    def _check(self, items: list[Item]) -> list[Diagnostic]:
        old = self.items
        limit = min(len(old), len(items))
        prefix = 0
        while prefix < limit and old[prefix] is items[prefix]:
            prefix += 1
        suffix = 0
        while suffix < limit - prefix and old[-1 - suffix] is items[-1 - suffix]:
            suffix += 1
        removed = old[prefix : len(old) - suffix]
        added = items[prefix : len(items) - suffix]
        index = self.index
        touched: set[str] = set()
        for item in removed:  # positions still those of the old sequence
            index.remove(item, touched)
            key = id(item)
            self.results.pop(key, None)
            for name in self.read.pop(key, ()):
                readers = self.readers[name]
                readers.discard(key)
                if not readers:
                    del self.readers[name]
        self.items = items
        index.items = items
        index.position = {id(item): number for number, item in enumerate(items)}
        for item in added:
            index.add(item, touched if self.readers else None)
        index.replaced(removed, added, touched)
        index.settle()
        if self.track:
            again = {id(item) for item in added}
            for name in touched:
                again.update(self.readers.get(name, ()))
        else:  # nothing noted what the items read: check every one
            again = {id(item) for item in items}
        self.checked_items = 0
        for item in items:
            key = id(item)
            if key not in again:
                continue
            self.checked_items += 1
            for name in self.read.pop(key, ()):
                readers = self.readers[name]
                readers.discard(key)
                if not readers:
                    del self.readers[name]
            found: list[Diagnostic] = []
            report = self._report(found)
            index.reads = set()
            for rule in self.item_rules:
                rule(item, index, report)
            self.results[key] = found
            if self.track:
                self.read[key] = index.reads
                for name in index.reads:
                    self.readers.setdefault(name, set()).add(key)
        index.reads = set()
        found = []
        for map_rule in self.map_rules:
            map_rule(index, self._report(found))
        for item in items:
            found += self.results[id(item)]
        return sorted(set(found), key=Diagnostic.sort_key)
