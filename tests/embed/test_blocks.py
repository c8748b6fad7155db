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
from argmap.model import Span


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


def _report(error: BlockError) -> tuple[str, str, str, str]:
    """A block problem's report: the place, code and message line, the source line (without
    its gutter), the caret line (likewise) and the hint."""
    head, source, caret, hint = str(error).split("\n")
    return head, source[8:], caret[8:], hint.removeprefix("      = hint: ")


@pytest.mark.parametrize(
    ("header", "message", "hint"),
    [
        (
            "only-tags: cots\n",
            "d.md:2:12: E013 only-tags: the map has no tag 'cots' [error]",
            "did you mean 'cost'?",
        ),
        (
            "only-tags: zzz\n",
            "d.md:2:12: E013 only-tags: the map has no tag 'zzz' [error]",
            "its tags are cost",
        ),
        (
            "only-speakers: @carl\n",
            "d.md:2:17: E013 only-speakers: the map has no speaker 'carl' [error]",
            "its speakers are ann, bob",
        ),
        (
            "only-groups: Cost\n",
            "d.md:2:14: E013 only-groups: the map has no group 'Cost' [error]",
            "did you mean 'Costs'?",
        ),
        (
            "theme: mono\ndepth: 1\n",
            "d.md:3:8: E013 depth counts steps from the focus, and this block has no focus [error]",
            "add a line focus: ID (the node to count from), or remove depth",
        ),
    ],
)
def test_a_view_naming_nothing_in_the_map_is_refused_at_its_line(
    tmp_path: Path, header: str, message: str, hint: str
) -> None:
    block = parse_block(header + VIEW_MAP, where=("d.md", 1))
    with pytest.raises(BlockError) as raised:
        load_block(block, tmp_path, ("d.md", 1, ""))
    head, source, caret, said = _report(raised.value)
    assert (head, said) == (message, hint)
    # The caret stands under the name the map does not have.
    column = int(head.split(":")[2])
    assert source == header.splitlines()[-1]
    assert caret.startswith(" " * (column - 1) + "^")


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
    ("text", "message", "caret", "hint"),
    [
        (
            "theme: blue\n",
            "doc.md:11:8: E013 theme must be one of colour, mono, not 'blue' [error]",
            "       ^~~~",
            "write one of the values listed, for example theme: colour",
        ),
        (
            "rankdir: up\n",
            "doc.md:11:10: E013 rankdir must be one of auto, BT, TB, LR, RL, not 'up' [error]",
            "         ^~",
            "write one of the values listed, for example rankdir: auto",
        ),
        (
            "legend: maybe\n",
            "doc.md:11:9: E013 legend must be true or false, not 'maybe' [error]",
            "        ^~~~~",
            "write legend: true or legend: false (yes/no and on/off work too)",
        ),
        (
            "show: maps\n",
            "doc.md:11:7: E013 show must be one of map, source, both, not 'maps' [error]",
            "      ^~~~",
            "did you mean 'map'? write show: map",
        ),
        (
            "\ntheme: mono\ntheme: colour\n",
            "doc.md:13:1: E013 theme is given twice (first on line 12) [error]",
            "^~~~~",
            "keep one of the two lines",
        ),
        (
            "focus:\n",
            "doc.md:11:7: E013 focus needs a value [error]",
            "      ^",
            "write it after the colon: focus: car_free",
        ),
        (
            "overview: often\n",
            "doc.md:11:11: E013 overview must be true or false, not 'often' [error]",
            "          ^~~~~",
            "write overview: true or overview: false (yes/no and on/off work too)",
        ),
        (
            "depth: two\n",
            "doc.md:11:8: E013 depth must be a whole number of steps (0 or more), not 'two' "
            "[error]",
            "       ^~~",
            "write depth: 2 (with focus: ID, the node to start from)",
        ),
        (
            "depth: -1\n",
            "doc.md:11:8: E013 depth must be a whole number of steps (0 or more), not '-1' [error]",
            "       ^~",
            "write depth: 2 (with focus: ID, the node to start from)",
        ),
        (
            "labels: short\n",
            "doc.md:11:9: E013 labels must be one of auto, title, text, both, not 'short' [error]",
            "        ^~~~~",
            "write one of the values listed, for example labels: auto",
        ),
        (
            "color-by: party\n",
            "doc.md:11:11: E013 color-by must be one of auto, role, speaker, tag, not 'party' "
            "[error]",
            "          ^~~~~",
            "write one of the values listed, for example color-by: auto",
        ),
        (
            "groups: boxes\n",
            "doc.md:11:9: E013 groups must be one of auto, cluster, none, not 'boxes' [error]",
            "        ^~~~~",
            "write one of the values listed, for example groups: auto",
        ),
        (
            "only-groups: A,,B\n",
            "doc.md:11:14: E013 only-groups needs a list separated by commas [error]",
            "             ^~~~",
            "write only-groups: Security, The economy",
        ),
        (
            "file:\n",
            "doc.md:11:6: E013 file needs a path [error]",
            "     ^",
            "write it after the colon: file: maps/debate.arg",
        ),
        (
            'file: a.arg\n\nthesis t: "x"\n',
            "doc.md:13:1: E013 this block names a file and also holds map source; keep one of "
            "them [error]",
            "^~~~~~~~~~~~~",
            "move this source into the file, or remove the file: line and keep the source",
        ),
    ],
)
def test_header_problems_point_at_the_value_with_a_hint(
    text: str, message: str, caret: str, hint: str
) -> None:
    with pytest.raises(BlockError) as raised:
        parse_block(text, where=("doc.md", 10))
    head, source, pointer, said = _report(raised.value)
    assert (head, pointer, said) == (message, caret, hint)
    assert source == text.strip("\n").splitlines()[-1]
    problem = raised.value.problem
    assert (problem.code, problem.hint) == ("E013", hint)


def test_a_header_problem_is_a_diagnostic_of_its_code() -> None:
    with pytest.raises(BlockError) as raised:
        parse_block("theme: blue\n", where=("doc.md", 10))
    diagnostic = raised.value.problem.diagnostic()
    assert (diagnostic.code, diagnostic.path, diagnostic.span) == (
        "E013", "doc.md", Span(11, 8, 11, 11)
    )  # fmt: skip


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
    head, source, caret, hint = _report(raised.value)
    assert head == "doc.md:9:7: E010 gone.arg: no such file [error]"
    assert (source, caret) == ("file: gone.arg", "      ^~~~~~~~")
    assert hint.startswith("the path is relative to the document's folder")


def test_an_unknown_focus_is_reported_at_its_header_line(tmp_path: Path) -> None:
    block = parse_block('focus: nobody\nthesis t: "x"\n  + premise p: "y"\n', where=("d.md", 1))
    with pytest.raises(BlockError) as raised:
        load_block(block, tmp_path, ("d.md", 1, ""))
    head, _, caret, hint = _report(raised.value)
    assert head == "d.md:2:8: E013 focus 'nobody': the map has no node with this id [error]"
    assert caret == "       ^~~~~~"
    assert hint == "write focus: ID with an id of the map (its ids are p, t)"


def test_content_hash_is_stable_and_short() -> None:
    assert content_hash("a", "b") == content_hash("a", "b")
    assert content_hash("a", "b") != content_hash("ab")
    assert len(content_hash("x")) == 16
