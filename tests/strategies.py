"""Hypothesis strategies that build whole argument maps, for the round-trip properties."""

from __future__ import annotations

from hypothesis import strategies as st

from argmap.language.vocabulary import is_identifier
from argmap.model import (
    METADATA_KEYS,
    Argument,
    ArgumentMap,
    Expectation,
    Group,
    Metadata,
    Relation,
    RelationKind,
    Role,
    Speaker,
    Statement,
)

IDS = st.from_regex(r"[a-zA-Zé_][a-zA-Z0-9_é]{0,8}", fullmatch=True).filter(is_identifier)
TAGS = st.from_regex(r"[a-zé][a-z0-9_é-]{0,6}", fullmatch=True)
# Text keeps to characters a map can hold: any printable Unicode, quotes, backslashes, and
# line breaks and tabs (written as \n and \t escapes).
TEXT = st.lists(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029")
    | st.sampled_from(['"', "\\", "\n", "\t", "//", " ", "\\n", '\\"']),
    max_size=20,
).map("".join)
OPTIONAL_TEXT = st.none() | TEXT
SCHEME = st.none() | IDS | TEXT


@st.composite
def argument_maps(draw: st.DrawFn) -> ArgumentMap:
    """A random map whose references may or may not resolve (the printer must not care)."""
    names = draw(st.lists(IDS, min_size=1, max_size=12, unique=True))
    speaker_ids = draw(st.lists(IDS, max_size=3, unique=True))
    speaker = st.none() | (st.sampled_from(speaker_ids) if speaker_ids else st.none())
    tags = st.lists(TAGS, max_size=2).map(tuple)
    split = draw(st.integers(0, len(names)))
    statements = tuple(
        Statement(
            name,
            draw(st.sampled_from(list(Role))),
            draw(TEXT),
            speaker=draw(speaker),
            tags=draw(tags),
            cite=draw(OPTIONAL_TEXT),
            quote=draw(OPTIONAL_TEXT),
            url=draw(OPTIONAL_TEXT),
            note=draw(OPTIONAL_TEXT),
            raises=draw(st.none() | IDS | TEXT),
            title=draw(OPTIONAL_TEXT),
        )
        for name in names[:split]
    )
    node = st.sampled_from(names)
    arguments = tuple(
        Argument(
            name,
            tuple(draw(st.lists(node, min_size=1, max_size=3))),
            draw(st.none() | node),
            speaker=draw(speaker),
            tags=draw(tags),
            scheme=draw(SCHEME),
            note=draw(OPTIONAL_TEXT),
            title=draw(OPTIONAL_TEXT),
        )
        for name in names[split:]
    )
    relations = tuple(
        Relation(
            draw(st.sampled_from(list(RelationKind))),
            draw(node),
            draw(node),
            speaker=draw(speaker),
            tags=draw(tags),
        )
        for _ in range(draw(st.integers(0, 5)))
    )
    groups = tuple(
        Group(draw(TEXT), tuple(draw(st.lists(node, min_size=1, max_size=4))), draw(tags))
        for _ in range(draw(st.integers(0, 2)))
    )
    metadata = Metadata(**{key: draw(OPTIONAL_TEXT) for key in METADATA_KEYS})
    speakers = tuple(Speaker(name, draw(TEXT)) for name in speaker_ids)
    return ArgumentMap(metadata, speakers, statements, arguments, relations, groups)


# Ids drawn from a pool are cheap to generate (IDS's regex is slow) and clash often; the
# odd ones are a leading underscore, a non-ASCII letter, a keyword-like name.
ID_POOL = st.sampled_from(
    ["a", "b", "c", "p", "q", "t", "u", "_x", "é1", "node_2", "A", "args", "x9", "th", "s_"]
)


@st.composite
def valid_maps(draw: st.DrawFn) -> ArgumentMap:
    """A random map without structural errors: every reference resolves to a node of the
    right sort (premises and conclusions are statements, undercuts point at arguments and
    the other relations at statements), no node bears on itself or concludes its own premise,
    and an argument without a conclusion bears on something."""
    names = draw(st.lists(ID_POOL, min_size=1, max_size=12, unique=True))
    split = draw(st.integers(1, len(names)))
    statement_ids, argument_ids = names[:split], names[split:]
    speaker_ids = draw(st.lists(ID_POOL, max_size=3, unique=True))
    speaker = st.none() | (st.sampled_from(speaker_ids) if speaker_ids else st.none())
    tags = st.lists(TAGS, max_size=2).map(tuple)
    statements = tuple(
        Statement(
            name,
            draw(st.sampled_from(list(Role))),
            draw(TEXT),
            speaker=draw(speaker),
            tags=draw(tags),
            cite=draw(OPTIONAL_TEXT),
            quote=draw(OPTIONAL_TEXT),
            note=draw(OPTIONAL_TEXT),
            title=draw(OPTIONAL_TEXT),
            standard=draw(st.none() | st.sampled_from(["pe", "cce", "brd", "dv"])),
            expect=draw(st.none() | st.sampled_from(["in", "out", "undec"])),
        )
        for name in statement_ids
    )
    arguments = []
    for name in argument_ids:
        conclusion = draw(st.none() | st.sampled_from(statement_ids))
        choices = [s for s in statement_ids if s != conclusion]
        if not choices:  # the one statement: premise, and no conclusion
            conclusion, choices = None, statement_ids
        arguments.append(
            Argument(
                name,
                tuple(draw(st.lists(st.sampled_from(choices), min_size=1, max_size=3))),
                conclusion,
                speaker=draw(speaker),
                tags=draw(tags),
                scheme=draw(SCHEME),
                note=draw(OPTIONAL_TEXT),
                title=draw(OPTIONAL_TEXT),
                weight=draw(st.none() | st.sampled_from(["0.4", "linked", "convergent"])),
            )
        )

    def relation(kind: RelationKind, source: str) -> Relation | None:
        pool = argument_ids if kind is RelationKind.UNDERCUT else statement_ids
        targets = [t for t in pool if t != source]
        if not targets:
            return None
        return Relation(
            kind, source, draw(st.sampled_from(targets)), speaker=draw(speaker), tags=draw(tags)
        )

    relations: list[Relation] = []
    for _ in range(draw(st.integers(0, 6))):
        made = relation(draw(st.sampled_from(list(RelationKind))), draw(st.sampled_from(names)))
        if made is not None:
            relations.append(made)
    for argument in arguments:
        if argument.conclusion is None and all(r.source != argument.id for r in relations):
            kinds = [k for k in RelationKind if k is not RelationKind.UNDERCUT]
            if len(argument_ids) > 1:
                kinds.append(RelationKind.UNDERCUT)
            made = relation(draw(st.sampled_from(kinds)), argument.id)
            assert made is not None  # there is always a statement or another argument
            relations.insert(draw(st.integers(0, len(relations))), made)
    node = st.sampled_from(names)
    groups = tuple(
        Group(draw(TEXT), tuple(draw(st.lists(node, min_size=1, max_size=4))), draw(tags))
        for _ in range(draw(st.integers(0, 2)))
    )
    expectations = tuple(
        Expectation(
            draw(st.sampled_from(["grounded", "preferred", "stable"])),
            draw(st.sampled_from(["in", "out", "undec"])),
            tuple(draw(st.lists(node, min_size=1, max_size=3))),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    metadata = Metadata(**{key: draw(OPTIONAL_TEXT) for key in METADATA_KEYS})
    speakers = tuple(Speaker(name, draw(TEXT)) for name in speaker_ids)
    return ArgumentMap(
        metadata,
        speakers,
        statements,
        tuple(arguments),
        tuple(relations),
        groups,
        expectations,
    )
