"""Block headers, loading a block's map, and where its diagnostics point."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.embed.blocks import (
    BlockError,
    BlockSettings,
    content_hash,
    load_block,
    parse_block,
)


def test_header_lines_set_the_settings_and_are_blanked_in_the_source() -> None:
    block = parse_block(
        'theme: mono\n// a comment\nrankdir: LR\ncaption: The plan\n\nthesis t: "x"\n'
    )
    assert block.settings == BlockSettings(theme="mono", rankdir="LR", caption="The plan")
    assert block.source == '\n// a comment\n\n\n\nthesis t: "x"\n'
    assert block.listing == '// a comment\n\nthesis t: "x"\n'
    assert block.file is None


def test_every_header_key() -> None:
    block = parse_block(
        "file: maps/x.arg\ntheme: mono\nrankdir: RL\nfocus: t\nlegend: yes\nids: true\n"
        "tags: on\nshow: both\nalt: A map\ncaption: C\n"
    )
    assert block.file == "maps/x.arg"
    assert block.settings == BlockSettings(
        theme="mono", rankdir="RL", focus="t", legend=True, ids=True, tags=True,
        show="both", alt="A map", caption="C",
    )  # fmt: skip
    options = block.settings.render_options()
    assert (options.theme, options.rankdir, options.focus) == ("mono", "RL", "t")
    assert (options.legend, options.show_ids, options.show_tags) == (True, True, True)


def test_the_view_keys_map_onto_the_render_options() -> None:
    block = parse_block(
        "overview: yes\nfocus: t\ndepth: 2\nonly-tags: #security, economy\n"
        "only-speakers: @tokayev putin\nonly-groups: The war, Kosovo\nlabels: both\n"
        "color-by: speaker\ngroups: none\n"
    )
    assert block.settings == BlockSettings(
        overview=True, focus="t", depth=2, only_tags=("security", "economy"),
        only_speakers=("tokayev", "putin"), only_groups=("The war", "Kosovo"), labels="both",
        color_by="speaker", groups="none",
    )  # fmt: skip
    options = block.settings.render_options()
    assert (options.overview, options.focus, options.depth) == (True, "t", 2)
    assert options.only_tags == ("security", "economy")
    assert options.only_speakers == ("tokayev", "putin")
    assert options.only_groups == ("The war", "Kosovo")
    assert (options.label_style, options.color_by, options.groups) == ("both", "speaker", "none")


VIEW_MAP = (
    'speaker ann: "Ann"\nspeaker bob: "Bob"\n'
    'group "Costs":\n  thesis t @ann #cost: "x"\n    + premise p @bob: "y"\n'
)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("only-tags: cots\n", "d.md:2: only-tags: the map has no tag 'cots'; did you mean 'cost'?"),
        ("only-tags: zzz\n", "d.md:2: only-tags: the map has no tag 'zzz'; its tags are cost"),
        (
            "only-speakers: @carl\n",
            "d.md:2: only-speakers: the map has no speaker 'carl'; its speakers are ann, bob",
        ),
        (
            "only-groups: Cost\n",
            "d.md:2: only-groups: the map has no group 'Cost'; did you mean 'Costs'?",
        ),
        (
            "theme: mono\ndepth: 1\n",
            "d.md:3: depth counts steps from the focus: add `focus: ID` too",
        ),
    ],
)
def test_a_view_naming_nothing_in_the_map_is_refused_at_its_line(
    tmp_path: Path, header: str, message: str
) -> None:
    block = parse_block(header + VIEW_MAP, where=("d.md", 1))
    with pytest.raises(BlockError) as raised:
        load_block(block, tmp_path, ("d.md", 1, ""))
    assert str(raised.value) == message


def test_a_view_that_names_what_the_map_has_loads(tmp_path: Path) -> None:
    block = parse_block("only-speakers: bob\nonly-groups: Costs\n" + VIEW_MAP)
    loaded = load_block(block, tmp_path)
    assert loaded.map is not None and not loaded.errors


def test_map_metadata_is_not_a_header() -> None:
    block = parse_block('title: "T"\nthesis t: "x"\n')
    assert block.settings == BlockSettings()
    assert block.source == 'title: "T"\nthesis t: "x"\n'


def test_header_lines_after_the_map_started_are_map_source() -> None:
    block = parse_block('thesis t: "x"\ntheme: mono\n')
    assert block.settings.theme == "colour"
    assert block.source == 'thesis t: "x"\ntheme: mono\n'


def test_defaults_are_overridden_by_the_header() -> None:
    block = parse_block("rankdir: LR\n", BlockSettings(theme="mono", show="both"))
    assert block.settings == BlockSettings(theme="mono", rankdir="LR", show="both")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("theme: blue\n", "doc.md:11: theme must be one of colour, mono, not 'blue'"),
        ("rankdir: up\n", "doc.md:11: rankdir must be one of auto, BT, TB, LR, RL, not 'up'"),
        ("legend: maybe\n", "doc.md:11: legend must be true or false, not 'maybe'"),
        ("show: all\n", "doc.md:11: show must be one of map, source, both, not 'all'"),
        ("\ntheme: mono\ntheme: colour\n", "doc.md:13: theme is given twice"),
        ("focus:\n", "doc.md:11: focus needs a value"),
        ("overview: often\n", "doc.md:11: overview must be true or false, not 'often'"),
        ("depth: two\n", "doc.md:11: depth must be a whole number of steps (0 or more), not 'two'"),
        ("depth: -1\n", "doc.md:11: depth must be a whole number of steps (0 or more), not '-1'"),
        (
            "labels: short\n",
            "doc.md:11: labels must be one of auto, title, text, both, not 'short'",
        ),
        (
            "color-by: party\n",
            "doc.md:11: color-by must be one of auto, role, speaker, tag, not 'party'",
        ),
        ("groups: boxes\n", "doc.md:11: groups must be one of auto, cluster, none, not 'boxes'"),
        (
            "only-groups: A,,B\n",
            "doc.md:11: only-groups needs a list separated by commas, e.g. "
            "`only-groups: Security, The economy`",
        ),
        ("file:\n", "doc.md:11: file needs a path"),
        (
            'file: a.arg\n\nthesis t: "x"\n',
            "doc.md:13: this block names a file and also holds map source; keep one of them",
        ),
    ],
)
def test_header_problems_name_the_document_line(text: str, message: str) -> None:
    with pytest.raises(BlockError) as raised:
        parse_block(text, where=("doc.md", 10))
    assert str(raised.value) == message


def test_inline_diagnostics_are_shifted_to_the_document(tmp_path: Path) -> None:
    source = 'thesis t: "x"\n  + premise p: "y"\n  - nope\n'
    document = f"# T\n\n```argmap\n{source}```\n"
    loaded = load_block(parse_block(source), tmp_path, ("doc.md", 3, document))
    assert [(d.code, d.path, d.span.line, d.span.column) for d in loaded.diagnostics] == [
        ("E101", "doc.md", 6, 5)
    ]
    assert loaded.report() == (
        "doc.md:6:5: E101 the source of this 'attacks' relation, 'nope' is not declared [error]\n"
        "    6 |   - nope\n"
        "      |     ^~~~\n"
        "      = hint: declare it with a role (for example premise) or fix the id"
    )


def test_an_indented_block_shifts_columns_too(tmp_path: Path) -> None:
    block = parse_block('thesis t: "x"\n  + premise p: "y"\n  - nope\n')
    loaded = load_block(block, tmp_path, ("doc.md", 3, ""), indent=2)
    assert [(d.span.line, d.span.column) for d in loaded.errors] == [(6, 7)]


def test_file_blocks_report_at_the_file_lines(tmp_path: Path) -> None:
    (tmp_path / "m.arg").write_text('thesis t: "x"\n  + premise p: "y"\n  - nope\n')
    block = parse_block("file: m.arg\n", where=("doc.md", 7))
    loaded = load_block(block, tmp_path, ("doc.md", 7, ""))
    assert [(d.path, d.span.line) for d in loaded.errors] == [(str(tmp_path / "m.arg"), 3)]
    assert loaded.files == (tmp_path / "m.arg",)


def test_a_missing_file_is_reported_at_the_file_line(tmp_path: Path) -> None:
    block = parse_block("theme: mono\nfile: gone.arg\n", where=("doc.md", 7))
    with pytest.raises(BlockError) as raised:
        load_block(block, tmp_path, ("doc.md", 7, ""))
    assert str(raised.value) == "doc.md:9: gone.arg: no such file"


def test_an_unknown_focus_is_reported_at_its_header_line(tmp_path: Path) -> None:
    block = parse_block('focus: nobody\nthesis t: "x"\n  + premise p: "y"\n', where=("d.md", 1))
    with pytest.raises(BlockError) as raised:
        load_block(block, tmp_path, ("d.md", 1, ""))
    assert str(raised.value) == "d.md:2: focus 'nobody': the map has no node with this id"


def test_content_hash_is_stable_and_short() -> None:
    assert content_hash("a", "b") == content_hash("a", "b")
    assert content_hash("a", "b") != content_hash("ab")
    assert len(content_hash("x")) == 16
