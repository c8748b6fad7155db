"""Structural checks on a parsed map: every problem found in one pass, as diagnostics.

Each rule looks at one top-level item (or a whole map, as one item) and asks the `MapIndex`
about the rest of the map, so that an editor can check again only the items an edit may have
changed (`incremental`); the support cycles and an empty map are rules of the whole map.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from argmap.checking.index import Checker, Item, ItemRule, MapIndex, MapRule, Report, premise_spans
from argmap.diagnostics import Diagnostic, did_you_mean
from argmap.language.schemes import catalogue
from argmap.model import Argument, ArgumentMap, Relation, RelationKind, Role, Span, Statement


def check(
    argument_map: ArgumentMap, place: Callable[[Span], Span] | None = None
) -> list[Diagnostic]:
    """Every structural problem of the map, sorted by place.

    `place` gives the order of spans in the text where it is not theirs (the language
    server's item coordinates); the diagnostics keep the map's spans.
    """
    # Checked once: the plain index, which notes nothing for a later check.
    checker = Checker(ITEM_RULES, MAP_RULES, argument_map.path or "<string>", track=False)
    checker.index.place = place
    checker.index.top = argument_map.path
    return checker.check([argument_map])


def incremental(path: str = "<string>") -> Checker:
    """A checker to give the items of one document to, edit after edit (see `Checker`)."""
    return Checker(ITEM_RULES, MAP_RULES, path)


def check_empty(index: MapIndex, report: Report) -> None:
    if not index.node_count:
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


def _line_in(span: Span, here: Span, top: str | None) -> str:
    """`line N`, with the file first when `span` is in another file than `here` (a span with
    no file is in the top map, `top`)."""
    if span.path != here.path:
        return f"{span.path or top or 'the importing map'}, line {span.line}"
    return f"line {span.line}"


def check_duplicates(item: Item, index: MapIndex, report: Report) -> None:
    nodes: list[tuple[int, Statement | Argument]] = [*enumerate(item.statements)]
    nodes += [*enumerate(item.arguments)]
    for number, (place, node) in enumerate(nodes):
        first = index.node_entry(node.id)
        assert first is not None
        is_statement = number < len(item.statements)
        if (
            first[0] is item
            and first[1] == place
            and isinstance(first[2], Statement) == is_statement
        ):
            continue
        report(
            "E102",
            f"'{_written(node.id, node.span)[0]}' is declared more than once",
            node.span,
            f"it is first declared {_place(first[2].span, node.span)}; to refer to it "
            "again, write its bare id",
            ((first[2].span, "first declared here"),),
        )
    for place, speaker in enumerate(item.speakers):
        declared = index.speaker_entry(speaker.id)
        assert declared is not None
        if declared[0] is item and declared[1] == place:
            continue
        report(
            "E102",
            f"speaker '{speaker.id}' is declared more than once",
            speaker.span,
            f"it is first declared {_place(declared[2].span, speaker.span)}; remove one "
            "of the two declarations, or give this speaker another id",
            ((declared[2].span, "first declared here"),),
        )


def check_speakers(item: Item, index: MapIndex, report: Report) -> None:
    attributed: tuple[Statement | Argument | Relation, ...] = (
        *item.statements,
        *item.arguments,
        *item.relations,
    )
    for node in attributed:
        if node.speaker is None:
            continue
        if index.speaker(node.speaker) is None:
            guess = index.suggest_speaker(node.speaker)
            report(
                "E103",
                f"speaker '{node.speaker}' is not declared",
                node.speaker_span,
                f"did you mean '@{guess}'?"
                if guess
                else f'declare it: speaker {node.speaker}: "Their name"',
            )
    for speaker in item.speakers:
        if not index.speaker_used(speaker.id):
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


def _unknown(report: Report, index: MapIndex, name: str, span: Span, what: str) -> None:
    written, prefix = _written(name, span)
    speaker = index.speaker(written)
    if speaker is not None:
        hint = (
            f"'{written}' is a speaker ({speaker.name}), not a statement; to attribute a "
            f"statement to them, write @{written} after its id"
        )
        report("E101", f"{what} '{written}' is not declared", span, hint)
        return
    ids = index.names()
    if "." in written:
        # `c.id`: an id of the map imported as `c` (seen from this file).
        written_space, _, local = written.rpartition(".")
        space = prefix + written_space
        if space not in ids.spaces:
            near = ids.space_near(prefix, written_space)
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


def check_references(item: Item, index: MapIndex, report: Report) -> None:
    for relation in item.relations:
        for name, span, what in (
            (relation.source, relation.source_span, "source"),
            (relation.target, relation.target_span, "target"),
        ):
            if index.node(name) is None:
                _unknown(
                    report,
                    index,
                    name,
                    span,
                    f"the {what} of this '{relation.kind.value}' relation,",
                )
    for argument in item.arguments:
        for premise, span in zip(argument.premises, premise_spans(argument), strict=True):
            if index.node(premise) is None:
                _unknown(report, index, premise, span, f"premise of '{argument.id}',")
        if argument.conclusion is not None and index.node(argument.conclusion) is None:
            _unknown(
                report,
                index,
                argument.conclusion,
                argument.conclusion_span,
                f"the conclusion of '{argument.id}',",
            )
    for group in item.groups:
        spans = group.member_spans or (group.span,) * len(group.members)
        for member, span in zip(group.members, spans, strict=True):
            if index.node(member) is None:
                _unknown(report, index, member, span, f"member of group '{group.name}',")
    for expectation in item.expectations:
        spans = expectation.node_spans or (expectation.span,) * len(expectation.nodes)
        for node, span in zip(expectation.nodes, spans, strict=True):
            if index.node(node) is None:
                _unknown(
                    report,
                    index,
                    node,
                    span,
                    f"expected {expectation.label} ({expectation.semantics}),",
                )


def check_relation_targets(item: Item, index: MapIndex, report: Report) -> None:
    for relation in item.relations:
        if relation.source == relation.target:
            report(
                "E105",
                f"'{relation.source}' {relation.kind.value} itself",
                relation.span,
                "a node cannot bear on itself; check the ids",
            )
            continue
        target = index.node(relation.target)
        target_is_argument = isinstance(target, Argument)
        if relation.kind is RelationKind.UNDERCUT:
            if target is not None and not target_is_argument:
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


def check_arguments(item: Item, index: MapIndex, report: Report) -> None:
    for argument in item.arguments:
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
        if argument.conclusion is None and not index.is_source(argument.id):
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
        ends = list(zip(argument.premises, premise_spans(argument), strict=True))
        if argument.conclusion is not None:
            ends.append((argument.conclusion, argument.conclusion_span))
        for node_id, span in ends:
            if index.argument(node_id) is not None:
                report(
                    "E112",
                    f"'{node_id}' is an argument; premises and conclusions of "
                    f"'{argument.id}' must be statements",
                    span,
                    "refer to the other argument's conclusion instead",
                )


def _cycle_through(start: str, members: set[str], index: MapIndex) -> list[str]:
    """One cycle from `start` back to itself inside a strongly connected component."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for successor, _ in index.successors(node):
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


def check_circular_support(index: MapIndex, report: Report) -> None:
    for component in index.cycles():
        members = set(component)
        start = min(component, key=index.order_key)
        cycle = _cycle_through(start, members, index)
        # Arguments sit between premises and conclusions; the cycle reads in statements.
        shown = [node for node in cycle if index.argument(node) is None] or cycle
        if shown[0] != shown[-1]:
            shown.append(shown[0])
        closing = _closing_link(cycle, index)
        related = tuple(
            (node.span, f"'{n}' is part of the cycle")
            for n in dict.fromkeys(cycle)
            if (node := index.node(n)) is not None
        )
        report(
            "E106",
            "circular support: " + " -> ".join(shown) + " (this line closes the circle)",
            closing,
            "a claim cannot support itself, even through others; remove this support or "
            "another one of the circle",
            related,
        )


def _closing_link(cycle: list[str], index: MapIndex) -> Span:
    """The place of the last link of the cycle in the text: the line that closed the circle."""
    links = [
        (place, span)
        for source, target in itertools.pairwise(cycle)
        for following, span, place in index.links(source)
        if following == target and span.line
    ]
    if not links:
        return Span(1, 1, 1, 1)
    # Prefer the map's own file to the maps it imports: that is the file being written.
    own = [link for link in links if not link[1].path] or links
    place = index.place
    if place is not None:
        return max(own, key=lambda link: (link[0], place(link[1])))[1]
    return max(own)[1]


def check_theses_and_isolation(item: Item, index: MapIndex, report: Report) -> None:
    for statement in item.statements:
        if statement.role is Role.THESIS and not index.supported(statement.id):
            report(
                "W201",
                f"thesis '{statement.id}' has no support",
                statement.span,
                "support it with a '+' child, an argument, or a 'supports' line",
            )
        elif statement.role is not Role.THESIS and not index.connected(statement.id):
            report(
                "W202",
                f"statement '{statement.id}' is connected to nothing",
                statement.span,
                "relate it to another statement, or remove it",
            )


def check_commitments(item: Item, index: MapIndex, report: Report) -> None:
    for relation in item.relations:
        if relation.kind is RelationKind.SUPPORT:
            continue
        target = index.node(relation.target)
        target_speaker = target.speaker if target is not None else None
        if target is None or target_speaker is None:
            continue
        source = index.node(relation.source)
        source_speaker = source.speaker if source is not None else None
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
        source_span = source.span if source is not None else relation.source_span
        name = index.speaker(speaker)
        who = f"{name.name} (@{speaker})" if name is not None else f"@{speaker}"
        # In a map of several files, a place in another file than the one reported names it.
        source_at = _line_in(source_span, source_span, index.top)
        target_at = _line_in(target.span, source_span, index.top)
        if relation.kind is RelationKind.CONTRADICTION:
            message = (
                f"{who} is committed to '{relation.source}' ({source_at}) "
                f"and to '{relation.target}' ({target_at}), which "
                "contradict each other"
            )
        else:
            message = (
                f"{who} is committed to '{relation.target}' ({target_at}) "
                f"and to '{relation.source}' ({source_at}), which "
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


def check_attribution(item: Item, index: MapIndex, report: Report) -> None:
    for relation in item.relations:
        if relation.speaker is not None or relation.kind is not RelationKind.SUPPORT:
            continue
        source = index.node(relation.source)
        target = index.node(relation.target)
        if source is None or target is None or source.speaker is None or target.speaker is None:
            continue
        if index.owner(relation) is not None:
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


def _reached(index: MapIndex, relation: Relation) -> list[Argument]:
    """The arguments with a scheme an attack or undercut bears on, in source order.

    An attack bears on an argument through its id, a premise or its conclusion.
    """
    return index.schemed(relation.target, part=relation.kind is RelationKind.ATTACK)


def _raised(index: MapIndex, argument_id: str) -> set[str]:
    """The critical questions raised against the arguments with a scheme called `argument_id`."""
    schemes = catalogue()
    raised: set[str] = set()
    for argument in index.schemed(argument_id, part=False):
        scheme = schemes.get(argument.scheme or "")
        if scheme is None:
            continue
        parts = {*argument.premises, argument.id}
        if argument.conclusion is not None:
            parts.add(argument.conclusion)
        for part in parts:
            for relation in index.attacks_on(part):
                if relation.kind is not RelationKind.ATTACK and part != argument.id:
                    continue
                for statement in index.statements_named(relation.source):
                    if statement.raises is not None and scheme.question(statement.raises):
                        raised.add(statement.raises)
    return raised


def check_schemes(item: Item, index: MapIndex, report: Report) -> None:
    schemes = catalogue()
    for argument in item.arguments:
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
    for statement in item.statements:
        if statement.raises is None:
            continue
        arguments = [a for r in index.attacks_from(statement.id) for a in _reached(index, r)]
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
    for argument in item.arguments:
        scheme = schemes.get(argument.scheme or "")
        if scheme is None:
            continue
        raised = _raised(index, argument.id)
        unraised = [q.id for q in scheme.critical_questions if q.id not in raised]
        if unraised:
            report(
                "I302",
                f"argument '{argument.id}' ({scheme.id}): nobody raises {', '.join(unraised)}",
                argument.span,
                f"'argmap schemes {scheme.id}' shows the questions",
            )


ITEM_RULES: tuple[ItemRule, ...] = (
    check_duplicates,
    check_speakers,
    check_references,
    check_relation_targets,
    check_arguments,
    check_theses_and_isolation,
    check_commitments,
    check_attribution,
    check_schemes,
)
MAP_RULES: tuple[MapRule, ...] = (check_empty, check_circular_support)
