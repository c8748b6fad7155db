"""Hypothesis strategies that build whole argument maps, for the round-trip properties."""

from __future__ import annotations

from hypothesis import strategies as st

from argmap.language.vocabulary import is_identifier
from argmap.model import (
    METADATA_KEYS,
    Argument,
    ArgumentMap,
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
