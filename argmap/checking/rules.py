"""Structural checks on a parsed map: every problem found in one pass, as diagnostics."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable

from argmap.diagnostics import Diagnostic, did_you_mean, make
from argmap.gcpause import paused_gc
from argmap.language.schemes import catalogue
from argmap.model import (
    Argument,
    ArgumentMap,
    Relation,
    RelationKind,
    Role,
    Span,
    Statement,
)
from argmap.suggest import Suggester

Report = Callable[..., None]


def check(argument_map: ArgumentMap) -> list[Diagnostic]:
    """Every structural problem of the map, sorted by place."""
    found: list[Diagnostic] = []
    path = argument_map.path or "<string>"

    def report(
        code: str,
        message: str,
        span: Span,
        hint: str | None = None,
        related: tuple[tuple[Span, str], ...] = (),
    ) -> None:
        found.append(make(code, message, span, path=path, hint=hint, related=related))

    with paused_gc():
        for rule in RULES:
            rule(argument_map, report)
        return sorted(set(found), key=Diagnostic.sort_key)


def _nodes(argument_map: ArgumentMap) -> list[Statement | Argument]:
    return [*argument_map.statements, *argument_map.arguments]


def _ids(argument_map: ArgumentMap) -> list[str]:
    return [node.id for node in _nodes(argument_map)]


def check_empty(argument_map: ArgumentMap, report: Report) -> None:
    if not argument_map.statements and not argument_map.arguments:
        report(
            "W204",
            "the map declares no statements",
            Span(1, 1, 1, 1),
            'start with a thesis: thesis my_thesis: "..."',
        )


def _place(first: Span, here: Span) -> str:
    """Where `first` is, as seen from `here`: its line, and its file when that differs."""
    if first.path != here.path:
        return f"in {first.path or 'the importing map'}, line {first.line}"
    return f"on line {first.line}"


def check_duplicates(argument_map: ArgumentMap, report: Report) -> None:
    first: dict[str, Span] = {}
    for node in _nodes(argument_map):
        if node.id in first:
            report(
                "E102",
                f"'{_written(node.id, node.span)[0]}' is declared more than once",
                node.span,
                f"it is first declared {_place(first[node.id], node.span)}; to refer to it "
                "again, write its bare id",
                ((first[node.id], "first declared here"),),
            )
        else:
            first[node.id] = node.span
    speakers: dict[str, Span] = {}
    for speaker in argument_map.speakers:
        if speaker.id in speakers:
            report(
                "E102",
                f"speaker '{speaker.id}' is declared more than once",
                speaker.span,
                f"it is first declared {_place(speakers[speaker.id], speaker.span)}; remove one "
                "of the two declarations, or give this speaker another id",
                ((speakers[speaker.id], "first declared here"),),
            )
        else:
            speakers[speaker.id] = speaker.span


def check_speakers(argument_map: ArgumentMap, report: Report) -> None:
    declared = [speaker.id for speaker in argument_map.speakers]
    known = set(declared)
    suggester = Suggester(declared)
    used: set[str] = set()
    attributed: Iterable[Statement | Argument | Relation] = (
        *argument_map.statements,
        *argument_map.arguments,
        *argument_map.relations,
    )
    for node in attributed:
        if node.speaker is None:
            continue
        used.add(node.speaker)
        if node.speaker not in known:
            guess = suggester.suggest(node.speaker)
            report(
                "E103",
                f"speaker '{node.speaker}' is not declared",
                node.speaker_span,
                f"did you mean '@{guess}'?"
                if guess
                else f'declare it: speaker {node.speaker}: "Their name"',
            )
    for speaker in argument_map.speakers:
        if speaker.id not in used:
            report(
                "W207",
                f"speaker '{speaker.id}' is declared but nothing is attributed to them",
                speaker.span,
                f"attribute statements with @{speaker.id}, or remove the speaker",
            )


def _written(name: str, span: Span) -> tuple[str, str]:
    """An id as written at `span`, and the namespace prefix its file's ids carry.

    A map imported with a name (`import "c.arg" as c`) has its ids, and the references in
    it, prefixed in the merged map (`c.integrity`); the span still covers what is written.
    """
    if span.line > 0 and span.line == span.end_line:
        width = span.end_column - span.column + 1
        if 0 < width < len(name) and name[-width - 1] == ".":
            return name[-width:], name[:-width]
    return name, ""


class _Names:
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

    def within(self, space: str, local: str) -> str | None:
        """The member of a namespace ("" for the top map's) closest to `local`."""
        suggester = self._within.get(space)
        if suggester is None:
            suggester = self._within[space] = Suggester(self.members.get(space, []))
        return suggester.suggest(local)


def _unknown(
    report: Report, ids: _Names, argument_map: ArgumentMap, name: str, span: Span, what: str
) -> None:
    written, prefix = _written(name, span)
    speaker = argument_map.speaker(written)
    if speaker is not None:
        hint = (
            f"'{written}' is a speaker ({speaker.name}), not a statement; to attribute a "
            f"statement to them, write @{written} after its id"
        )
        report("E101", f"{what} '{written}' is not declared", span, hint)
        return
    if "." in written:
        # `c.id`: an id of the map imported as `c` (seen from this file).
        written_space, _, local = written.rpartition(".")
        space = prefix + written_space
        if space not in ids.spaces:
            visible = [s[len(prefix) :] for s in sorted(ids.spaces) if s.startswith(prefix)]
            near = did_you_mean(written_space, visible)
            hint = (
                f"did you mean '{near}.{local}'?"
                if near
                else f'import the map that declares it with this name: import "file.arg" as '
                f"{written_space}"
            )
            message = f"{what} '{written}' is not declared: no map with ids is imported as "
            report("E101", message + f"'{written_space}'", span, hint)
            return
        guess = ids.within(space, local)
        hint = (
            f"did you mean '{written_space}.{guess}'?"
            if guess
            else f"the map imported as '{written_space}' declares no id '{local}'"
        )
        report("E101", f"{what} '{written}' is not declared", span, hint)
        return
    near = ids.within(prefix[:-1], written) if prefix else ids.everywhere.suggest(name)
    if near:
        hint = f"did you mean '{near}'?"
    else:
        hint = "declare it with a role (for example premise) or fix the id"
    report("E101", f"{what} '{written}' is not declared", span, hint)


def check_references(argument_map: ArgumentMap, report: Report) -> None:
    names = _ids(argument_map)
    known = set(names)
    ids = _Names(names)
    for relation in argument_map.relations:
        for name, span, what in (
            (relation.source, relation.source_span, "source"),
            (relation.target, relation.target_span, "target"),
        ):
            if name not in known:
                _unknown(
                    report,
                    ids,
                    argument_map,
                    name,
                    span,
                    f"the {what} of this '{relation.kind.value}' relation,",
                )
    for argument in argument_map.arguments:
        for premise, span in zip(argument.premises, _spans(argument), strict=True):
            if premise not in known:
                _unknown(report, ids, argument_map, premise, span, f"premise of '{argument.id}',")
        if argument.conclusion is not None and argument.conclusion not in known:
            _unknown(
                report,
                ids,
                argument_map,
                argument.conclusion,
                argument.conclusion_span,
                f"the conclusion of '{argument.id}',",
            )
    for group in argument_map.groups:
        spans = group.member_spans or (group.span,) * len(group.members)
        for member, span in zip(group.members, spans, strict=True):
            if member not in known:
                _unknown(
                    report, ids, argument_map, member, span, f"member of group '{group.name}',"
                )
    for expectation in argument_map.expectations:
        spans = expectation.node_spans or (expectation.span,) * len(expectation.nodes)
        for node, span in zip(expectation.nodes, spans, strict=True):
            if node not in known:
                _unknown(
                    report,
                    ids,
                    argument_map,
                    node,
                    span,
                    f"expected {expectation.label} ({expectation.semantics}),",
                )


def _spans(argument: Argument) -> tuple[Span, ...]:
    if len(argument.premise_spans) == len(argument.premises):
        return argument.premise_spans
    return (argument.span,) * len(argument.premises)


def check_relation_targets(argument_map: ArgumentMap, report: Report) -> None:
    for relation in argument_map.relations:
        if relation.source == relation.target:
            report(
                "E105",
                f"'{relation.source}' {relation.kind.value} itself",
                relation.span,
                "a node cannot bear on itself; check the ids",
            )
            continue
        target_is_argument = argument_map.argument(relation.target) is not None
        if relation.kind is RelationKind.UNDERCUT:
            if not target_is_argument and relation.target in argument_map.nodes_by_id:
                report(
                    "E104",
                    f"'{relation.target}' is undercut but it is a statement, not an argument",
                    relation.target_span,
                    f"to attack the statement, write '{relation.source} attacks "
                    f"{relation.target}' (or '-' in the outline)",
                )
        elif target_is_argument:
            report(
                "E109",
                f"'{relation.source}' {relation.kind.value} the argument '{relation.target}'",
                relation.span,
                (
                    f"to make '{relation.source}' a premise of '{relation.target}', list it in "
                    "the argument's block without a sign (drop the '+'), or in "
                    f"'argument {relation.target}: p1 + p2 -> conclusion'"
                )
                if relation.kind is RelationKind.SUPPORT
                else "undercut the argument with '~' / 'undercuts', or attack one of its "
                "premises or its conclusion",
            )


def check_arguments(argument_map: ArgumentMap, report: Report) -> None:
    sources = {relation.source for relation in argument_map.relations}
    for argument in argument_map.arguments:
        if not argument.premises:
            report(
                "E107",
                f"argument '{argument.id}' has no premises",
                argument.span,
                "list its premises indented under it, or write 'argument id: p1 + p2 -> c'",
            )
        elif len(argument.premises) == 1:
            report(
                "I301",
                f"argument '{argument.id}' has a single premise",
                argument.span,
                "an assumption may be missing: add it with 'assumption id: \"...\"'",
            )
        if argument.conclusion is None and argument.id not in sources:
            report(
                "E110",
                f"argument '{argument.id}' has no conclusion",
                argument.span,
                "put it under its conclusion with '+', or write '-> conclusion'",
            )
        if argument.conclusion is not None and argument.conclusion in argument.premises:
            report(
                "E108",
                f"argument '{argument.id}' concludes '{argument.conclusion}', "
                "which is also one of its premises",
                argument.span,
                f"an argument cannot assume what it sets out to show: remove "
                f"'{argument.conclusion}' from the premises of '{argument.id}'",
            )
        ends = [
            (premise, span)
            for premise, span in zip(argument.premises, _spans(argument), strict=True)
        ]
        if argument.conclusion is not None:
            ends.append((argument.conclusion, argument.conclusion_span))
        for node_id, span in ends:
            if argument_map.argument(node_id) is not None:
                report(
                    "E112",
                    f"'{node_id}' is an argument; premises and conclusions of "
                    f"'{argument.id}' must be statements",
                    span,
                    "refer to the other argument's conclusion instead",
                )


def _support_graph(argument_map: ArgumentMap) -> dict[str, list[tuple[str, Span]]]:
    edges: dict[str, list[tuple[str, Span]]] = defaultdict(list)
    for relation in argument_map.relations:
        if relation.kind is RelationKind.SUPPORT:
            edges[relation.source].append((relation.target, relation.span))
    for argument in argument_map.arguments:
        for premise, span in zip(argument.premises, _spans(argument), strict=True):
            # A conclusion among its own premises is E108, not a cycle to report again.
            if premise != argument.conclusion:
                edges[premise].append((argument.id, span))
        if argument.conclusion is not None:
            edges[argument.id].append((argument.conclusion, argument.span))
    return edges


def _strongly_connected(
    nodes: list[str], edges: dict[str, list[tuple[str, Span]]]
) -> list[list[str]]:
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
                successor = successors[position][0]
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


def _cycle_through(
    start: str, members: set[str], edges: dict[str, list[tuple[str, Span]]]
) -> list[str]:
    """One cycle from `start` back to itself inside a strongly connected component."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for successor, _ in edges.get(node, []):
                if successor not in members:
                    continue
                if successor == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if successor not in previous:
                    previous[successor] = node
                    following.append(successor)
        frontier = following
    return [start, start]


def check_circular_support(argument_map: ArgumentMap, report: Report) -> None:
    edges = _support_graph(argument_map)
    order = _ids(argument_map)
    position = {node_id: number for number, node_id in enumerate(order)}
    nodes = [*order, *[n for n in edges if n not in position]]
    for component in _strongly_connected(nodes, edges):
        if len(component) < 2:
            continue
        members = set(component)
        start = min(component, key=lambda node: position.get(node, len(position)))
        cycle = _cycle_through(start, members, edges)
        # Arguments sit between premises and conclusions; the cycle reads in statements.
        shown = [node for node in cycle if argument_map.argument(node) is None] or cycle
        if shown[0] != shown[-1]:
            shown.append(shown[0])
        closing = _closing_link(cycle, edges)
        related = tuple(
            (argument_map.nodes_by_id[n].span, f"'{n}' is part of the cycle")
            for n in dict.fromkeys(cycle)
            if n in argument_map.nodes_by_id
        )
        report(
            "E106",
            "circular support: " + " -> ".join(shown) + " (this line closes the circle)",
            closing,
            "a claim cannot support itself, even through others; remove this support or "
            "another one of the circle",
            related,
        )


def _closing_link(cycle: list[str], edges: dict[str, list[tuple[str, Span]]]) -> Span:
    """The place of the last link of the cycle in the text: the line that closed the circle."""
    links = [
        span
        for source, target in itertools.pairwise(cycle)
        for following, span in edges.get(source, ())
        if following == target and span.line
    ]
    if not links:
        return Span(1, 1, 1, 1)
    # Prefer the map's own file to the maps it imports: that is the file being written.
    own = [span for span in links if not span.path] or links
    return max(own)


def check_theses_and_isolation(argument_map: ArgumentMap, report: Report) -> None:
    supported: set[str] = set()
    connected: set[str] = set()
    for relation in argument_map.relations:
        connected.update((relation.source, relation.target))
        if relation.kind is RelationKind.SUPPORT:
            supported.add(relation.target)
    for argument in argument_map.arguments:
        connected.update(argument.premises)
        if argument.conclusion is not None:
            connected.add(argument.conclusion)
            supported.add(argument.conclusion)
    for statement in argument_map.statements:
        if statement.role is Role.THESIS and statement.id not in supported:
            report(
                "W201",
                f"thesis '{statement.id}' has no support",
                statement.span,
                "support it with a '+' child, an argument, or a 'supports' line",
            )
        elif statement.id not in connected and statement.role is not Role.THESIS:
            report(
                "W202",
                f"statement '{statement.id}' is connected to nothing",
                statement.span,
                "relate it to another statement, or remove it",
            )


def _committed(argument_map: ArgumentMap, node_id: str) -> str | None:
    node = argument_map.nodes_by_id.get(node_id)
    return node.speaker if node is not None else None


def check_commitments(argument_map: ArgumentMap, report: Report) -> None:
    for relation in argument_map.relations:
        if relation.kind is RelationKind.SUPPORT:
            continue
        target_speaker = _committed(argument_map, relation.target)
        if target_speaker is None:
            continue
        source_speaker = _committed(argument_map, relation.source)
        if target_speaker not in (source_speaker, relation.speaker):
            continue
        speaker = target_speaker
        # A conflict line attributed to someone else is that speaker's charge, reported by
        # the map (the shape of a double-standards charge): information, not a warning.
        reported_by = (
            relation.speaker
            if relation.speaker not in (None, speaker) and source_speaker == speaker
            else None
        )
        target = argument_map.nodes_by_id[relation.target]
        source = argument_map.nodes_by_id.get(relation.source)
        source_span = source.span if source is not None else relation.source_span
        name = argument_map.speaker(speaker)
        who = f"{name.name} (@{speaker})" if name is not None else f"@{speaker}"
        if relation.kind is RelationKind.CONTRADICTION:
            message = (
                f"{who} is committed to '{relation.source}' (line {source_span.line}) "
                f"and to '{relation.target}' (line {target.span.line}), which "
                "contradict each other"
            )
        else:
            message = (
                f"{who} is committed to '{relation.target}' (line {target.span.line}) "
                f"and to '{relation.source}' (line {source_span.line}), which "
                f"{relation.kind.value} it"
            )
        related = ((target.span, f"the other commitment of @{speaker}"),)
        if reported_by is not None:
            report(
                "I303",
                f"@{reported_by} charges: {message}",
                relation.span,
                "the conflict line is attributed to another speaker, so the map reports "
                "the charge rather than making it",
                related,
            )
            continue
        report(
            "W203",
            message,
            source_span,
            "if the map reports someone's charge of inconsistency, attribute the "
            "conflict line to them (for example '... contradicts ... @critic'); "
            "otherwise check the attributions",
            related,
        )


def check_attribution(argument_map: ArgumentMap, report: Report) -> None:
    for relation in argument_map.relations:
        if relation.speaker is not None or relation.kind is not RelationKind.SUPPORT:
            continue
        source = argument_map.nodes_by_id.get(relation.source)
        target = argument_map.nodes_by_id.get(relation.target)
        if source is None or target is None or source.speaker is None or target.speaker is None:
            continue
        if argument_map.owner(relation) is not None:
            continue
        # The speaker a reader most likely means: whoever argues for the target.
        likely = target.speaker
        report(
            "W209",
            f"'{relation.source}' (@{source.speaker}) {relation.kind.value} "
            f"'{relation.target}' (@{target.speaker}) with no speaker: the map itself "
            "asserts this support",
            relation.span,
            f"say who draws this connection, for example '{relation.source} "
            f"{relation.kind.value} {relation.target} @{likely}'; a child reference (+ id) "
            "takes no speaker, so write it as a relation line",
        )


class _SchemeReach:
    """Which arguments with a scheme an attack or undercut bears on, found through indexes."""

    def __init__(self, argument_map: ArgumentMap) -> None:
        self.by_id: dict[str, list[Argument]] = defaultdict(list)
        # An attack bears on an argument through its id, a premise or its conclusion.
        self.by_part: dict[str, list[Argument]] = defaultdict(list)
        for argument in argument_map.arguments:
            if argument.scheme is None:
                continue
            self.by_id[argument.id].append(argument)
            parts = {*argument.premises, argument.id}
            if argument.conclusion is not None:
                parts.add(argument.conclusion)
            for part in parts:
                self.by_part[part].append(argument)

    def reached(self, relation: Relation) -> list[Argument]:
        """The arguments with a scheme the relation bears on, in source order."""
        if relation.kind is not RelationKind.ATTACK:
            return self.by_id.get(relation.target, [])
        return self.by_part.get(relation.target, [])


def check_schemes(argument_map: ArgumentMap, report: Report) -> None:
    schemes = catalogue()
    raised: dict[str, set[str]] = defaultdict(set)
    for argument in argument_map.arguments:
        if argument.scheme is not None and argument.scheme not in schemes:
            guess = did_you_mean(argument.scheme, list(schemes))
            report(
                "W206",
                f"scheme '{argument.scheme}' is not in the catalogue",
                argument.span,
                f"did you mean '{guess}'?"
                if guess
                else "'argmap schemes' lists the schemes argmap knows",
            )
    reach = _SchemeReach(argument_map)
    attacks: dict[str, list[Relation]] = defaultdict(list)
    for relation in argument_map.relations:
        if relation.kind in (RelationKind.ATTACK, RelationKind.UNDERCUT):
            attacks[relation.source].append(relation)
    for statement in argument_map.statements:
        if statement.raises is None:
            continue
        arguments = [a for r in attacks.get(statement.id, ()) for a in reach.reached(r)]
        known = [a for a in arguments if a.scheme in schemes]
        if not arguments:
            report(
                "W206",
                f"'{statement.id}' raises '{statement.raises}' but attacks no "
                "argument that has a scheme",
                statement.span,
                "undercut or attack an argument that names its scheme",
            )
            continue
        matching = [a for a in known if schemes[a.scheme or ""].question(statement.raises)]
        for argument in matching:
            raised[argument.id].add(statement.raises)
        if known and not matching:
            questions = sorted(
                {q.id for a in known for q in schemes[a.scheme or ""].critical_questions}
            )
            guess = did_you_mean(statement.raises, questions)
            schemes_named = dict.fromkeys(repr(a.scheme) for a in known)
            report(
                "W206",
                f"'{statement.raises}' is not a critical question of {', '.join(schemes_named)}",
                statement.span,
                f"did you mean '{guess}'?" if guess else f"its questions: {', '.join(questions)}",
            )
    for argument in argument_map.arguments:
        scheme = schemes.get(argument.scheme or "")
        if scheme is None:
            continue
        unraised = [q.id for q in scheme.critical_questions if q.id not in raised[argument.id]]
        if unraised:
            report(
                "I302",
                f"argument '{argument.id}' ({scheme.id}): nobody raises {', '.join(unraised)}",
                argument.span,
                f"'argmap schemes {scheme.id}' shows the questions",
            )


RULES = (
    check_empty,
    check_duplicates,
    check_speakers,
    check_references,
    check_relation_targets,
    check_arguments,
    check_circular_support,
    check_theses_and_isolation,
    check_commitments,
    check_attribution,
    check_schemes,
)
