"""Tests for argmap.rendering.dot and argmap.rendering.quoting: golden DOT, looks, hostile input."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.model import (
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
from argmap.rendering.dot import (
    ALLOWED_ATTRIBUTES,
    EDGE_LOOKS,
    ROLE_LOOKS,
    SPEAKER_FILLS,
    ColorBy,
    EmptyView,
    FocusNotFound,
    Groups,
    Labels,
    RenderOptions,
    _attributes,
    title_of,
    to_dot,
    wrap,
)
from argmap.rendering.quoting import _escape, html_text, printable, quote, shorten
from tests.render_fixtures import (
    BRIDGE,
    CAR_FREE,
    GOLDEN,
    HANDBUILT,
    MAPS,
    UPDATE_GOLDENS,
    dot_structure,
)


def check_golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; ARGMAP_UPDATE_GOLDENS=1 rewrites the file instead."""
    path = GOLDEN / name
    if UPDATE_GOLDENS:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run ARGMAP_UPDATE_GOLDENS=1 python -m pytest"
    assert text == path.read_text(encoding="utf-8")


# Golden DOT


@pytest.mark.parametrize("name", sorted(HANDBUILT))
def test_golden_handbuilt(name: str) -> None:
    check_golden(f"handbuilt-{name}.dot", to_dot(HANDBUILT[name]))


def test_golden_all_options() -> None:
    options = RenderOptions(
        theme="mono",
        rankdir="LR",
        legend=True,
        show_ids=True,
        show_tags=True,
        labels={"close": "out", "open": "in", "c": "undec", "close_it": "undec"},
    )
    check_golden("handbuilt-bridge-options.dot", to_dot(BRIDGE, options))


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_golden_maps(path: Path) -> None:
    import argmap

    check_golden(f"{path.stem}.dot", to_dot(argmap.load(path)))


def test_every_golden_has_a_source() -> None:
    stems = {p.stem for p in MAPS} | {f"handbuilt-{n}" for n in HANDBUILT}
    stems.add("handbuilt-bridge-options")
    assert sorted(p.stem for p in GOLDEN.glob("*.dot")) == sorted(stems)


def test_to_dot_is_deterministic() -> None:
    assert to_dot(BRIDGE) == to_dot(BRIDGE)
    rebuilt = dataclasses.replace(BRIDGE, statements=tuple(BRIDGE.statements))
    assert to_dot(rebuilt) == to_dot(BRIDGE)


# Structure and looks


def test_nodes_edges_and_ids_of_a_map() -> None:
    nodes, edges, _ = dot_structure(to_dot(CAR_FREE))
    assert nodes == [
        '"car_free"', '"cars_pollute"', '"removal_lowers"', '"shop_losses"', '"foot_traffic"',
        '"winter_stoves"', '"displacement"', '"clean_air"',
    ]  # fmt: skip
    assert edges == [
        ('"cars_pollute"', '"clean_air"'),
        ('"removal_lowers"', '"clean_air"'),
        ('"clean_air"', '"car_free"'),
        ('"shop_losses"', '"car_free"'),
        ('"foot_traffic"', '"shop_losses"'),
        ('"winter_stoves"', '"cars_pollute"'),
        ('"displacement"', '"clean_air"'),
    ]
    dot = to_dot(CAR_FREE)
    assert 'id="e-undercuts-displacement-clean_air"' in dot
    assert 'id="e-premise-cars_pollute-clean_air"' in dot
    assert 'id="e-conclusion-clean_air-car_free"' in dot


def test_linked_premises_meet_in_one_argument_node_convergent_ones_do_not() -> None:
    _, edges, _ = dot_structure(to_dot(BRIDGE))
    into_c = [source for source, target in edges if target == '"c"']
    # Convergent: two separate inferences reach the conclusion.
    assert into_c == ['"from_report"', '"from_engineer"']
    # Linked: both premises end in the same inference node, never in the conclusion.
    assert ('"report"', '"from_report"') in edges
    assert ('"report_reliable"', '"from_report"') in edges
    assert ('"report"', '"c"') not in edges


def test_undercut_points_at_the_inference_node() -> None:
    dot = to_dot(BRIDGE)
    line = next(line for line in dot.splitlines() if "e-undercuts-" in line)
    assert line.startswith('  "paid" -> "from_engineer" [')
    assert 'style="dashed"' in line and 'arrowhead="tee"' in line


def test_every_role_has_its_own_look_in_both_themes() -> None:
    assert set(ROLE_LOOKS) == set(Role)
    shapes = {(look.shape, look.style, look.penwidth) for look in ROLE_LOOKS.values()}
    assert len(shapes) == len(Role), "two roles share a shape, style and border in greyscale"
    assert "dashed" in ROLE_LOOKS[Role.ASSUMPTION].style
    assert len({look.fill for look in ROLE_LOOKS.values()}) >= 7


def test_edge_kinds_differ_without_colour() -> None:
    looks = [(look.style, look.arrowhead, look.arrowtail) for look in EDGE_LOOKS.values()]
    assert len(set(looks) - {("solid", "normal", "")}) == len(looks) - 2  # conclusion = support
    kinds = [kind.value for kind in RelationKind]
    assert len({EDGE_LOOKS[k].colour for k in kinds}) == 4
    assert len({(EDGE_LOOKS[k].style, EDGE_LOOKS[k].arrowhead) for k in kinds}) == 4


def test_colours_are_six_digit_hex_or_named() -> None:
    options = RenderOptions(legend=True, labels={"close": "in", "c": "out", "open": "undec"})
    for theme in ("colour", "mono"):
        dot = to_dot(BRIDGE, dataclasses.replace(options, theme=theme))
        values = re.findall(r'(?:color|fillcolor|fontcolor|pencolor)="([^"]*)"', dot)
        assert values
        for value in values:
            assert re.fullmatch(r"#[0-9a-f]{6}|[a-z]+", value), value


def test_mono_theme_uses_only_greys() -> None:
    dot = to_dot(BRIDGE, RenderOptions(theme="mono", legend=True, labels={"c": "in"}))
    for value in re.findall(r'(?:color|fillcolor)="#([0-9a-f]{6})"', dot):
        assert value[0:2] == value[2:4] == value[4:6], value


def test_speaker_line_tooltip_and_wrapping() -> None:
    dot = to_dot(CAR_FREE, RenderOptions(color_by="role", label_style="text"))
    line = next(line for line in dot.splitlines() if line.startswith('  "winter_stoves" ['))
    assert "label=<In winter, wood stoves emit more<BR/>particulates than cars.<BR/>" in line
    assert '<FONT POINT-SIZE="10"><I>— Retail association</I></FONT>' in line
    assert (
        'tooltip="In winter, wood stoves emit more particulates than cars.\\n'
        "evidence winter_stoves\\nspeaker: Retail association\\n"
        'cite: Air quality report 2023, table 4"'
    ) in line
    # Coloured by speaker, the speaker line goes: the fill and the legend say it.
    by_speaker = to_dot(CAR_FREE, RenderOptions(color_by="speaker", label_style="text"))
    assert "— Retail association" not in by_speaker
    assert "Retail association</TD>" in by_speaker


def test_wrap() -> None:
    assert wrap("a " * 20) == ["a a a a a a a a a a a a a a a a", "a a a a"]
    assert wrap("x" * 40) == ["x" * 32, "x" * 8]
    assert wrap("one\ntwo") == ["one", "two"]
    assert wrap("") == [""]


# Text with every kind of character the fast paths of `wrap` and `quote` must tell apart:
# spaces of several kinds at either end, tabs, line breaks, quotes, backslashes, ampersands,
# controls, lone surrogates and non-characters.
AWKWARD = st.text(
    alphabet=st.sampled_from(
        list('ab xyz-&\\"\t\n\r\x0b\x0c\x07\x1c\x85\xa0\u2003\u3000\ud800\ufffe')
    ),
    max_size=45,
)


@settings(max_examples=500, deadline=None)
@given(AWKWARD, st.sampled_from([12, 20, 32]))
def test_wrap_is_what_textwrap_gives(text: str, width: int) -> None:
    reference: list[str] = []
    for paragraph in printable(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n"):
        reference.extend(textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""])
    assert wrap(text, width) == reference


@settings(max_examples=500, deadline=None)
@given(AWKWARD, st.sampled_from([1, 2]))
def test_quote_of_plain_text_is_the_full_quoting(text: str, passes: int) -> None:
    full = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    full = shorten(printable(full), passes)
    assert quote(text, passes=passes) == '"' + _escape(full, passes) + '"'


def test_groups_become_clusters_and_a_node_joins_only_its_first_group() -> None:
    two = dataclasses.replace(
        CAR_FREE,
        groups=(*CAR_FREE.groups, Group("Shops", ("shop_losses", "car_free"), tags=("x",))),
    )
    dot = to_dot(two, RenderOptions(show_tags=True, groups="cluster"))
    assert (
        '  subgraph "cluster-group-2" {\n'
        '    graph [id="group-2", label="Shops\\n#x", style="rounded,dashed", color="#7f7f7f", '
        'fontsize="13", labeljust="l"]\n'
        '    "shop_losses"\n'
        "  }\n"
    ) in dot
    assert "cluster" not in to_dot(two, RenderOptions(groups="none"))


def test_auto_groups_are_dropped_when_they_tear_arguments_apart() -> None:
    torn = dataclasses.replace(
        BRIDGE, groups=(Group("A", ("report", "engineer_says", "closing_rule", "paid")),)
    )
    assert "cluster" in to_dot(torn, RenderOptions(groups="cluster"))
    assert "cluster" not in to_dot(torn)
    # A premise used by one argument joins that argument's group.
    whole = dataclasses.replace(BRIDGE, groups=(Group("R", ("from_report",)),))
    dot = to_dot(whole, RenderOptions(groups="cluster"))
    cluster = dot[dot.index("cluster-group-1") :]
    assert '"report"' in cluster and '"report_reliable"' in cluster


def test_show_ids_and_tags() -> None:
    plain = to_dot(CAR_FREE)
    shown = to_dot(CAR_FREE, RenderOptions(show_ids=True, show_tags=True, label_style="text"))
    assert "[shop_losses]" not in plain and "#economy</FONT>" not in plain
    assert '<FONT POINT-SIZE="10">[shop_losses]</FONT><BR/>Shops will lose the customers' in shown
    assert '<FONT POINT-SIZE="10">#economy</FONT>' in shown


def test_rankdir_auto_and_given() -> None:
    assert 'rankdir="LR"' in to_dot(CAR_FREE, RenderOptions(rankdir="LR"))
    assert 'rankdir="BT"' in to_dot(CAR_FREE, RenderOptions(rankdir="BT"))
    # A small map with five reasons side by side is drawn sideways, narrower than tall-wide.
    wide = ArgumentMap(
        statements=(
            Statement("t", Role.THESIS, "T"),
            *(Statement(f"p{i}", Role.PREMISE, "A reason of some length " * 2) for i in range(6)),
        ),
        relations=tuple(Relation(RelationKind.SUPPORT, f"p{i}", "t") for i in range(6)),
    )
    assert 'rankdir="LR"' in to_dot(wide)
    tall = ArgumentMap(
        statements=(Statement("t", Role.THESIS, "T"), Statement("p", Role.PREMISE, "P")),
        relations=(Relation(RelationKind.SUPPORT, "p", "t"),),
    )
    assert 'rankdir="BT"' in to_dot(tall)


def test_legend_lists_used_speakers_roles_and_edges() -> None:
    assert "CELLBORDER" not in to_dot(CAR_FREE, RenderOptions(legend=False))
    dot = to_dot(CAR_FREE)  # two speakers: coloured by speaker, so a legend by default
    expected = ["The Mayor</TD>", "Retail association</TD>", "attacks</TD>", "thesis</TD>"]
    expected += ["undercuts (the inference)</TD>", "linked premises meet at a dot</TD>"]
    for text in expected:
        assert text in dot
    assert "supports</TD>" not in dot  # no support relation in the map
    nodes, _, _ = dot_structure(dot)
    assert not [n for n in nodes if "legend" in n]  # in the graph's label, not a node


def test_focus_keeps_the_node_and_everything_under_it() -> None:
    nodes, edges, _ = dot_structure(to_dot(BRIDGE, RenderOptions(focus="c")))
    assert nodes == [
        '"c"', '"report"', '"report_reliable"', '"engineer_says"', '"engineer_expert"',
        '"paid"', '"audit"', '"from_report"', '"from_engineer"',
    ]  # fmt: skip
    assert ('"c"', '"close_it"') not in edges
    nodes, _, _ = dot_structure(to_dot(BRIDGE, RenderOptions(focus="paid")))
    assert nodes == ['"paid"', '"audit"']
    # A contradiction partner attacks the focus, so it comes with everything under it.
    nodes, _, _ = dot_structure(to_dot(BRIDGE, RenderOptions(focus="open")))
    assert len(nodes) == len(BRIDGE.statements) + len(BRIDGE.arguments)


def test_focus_on_an_unknown_id() -> None:
    with pytest.raises(FocusNotFound, match="focus 'nope': the map has no statement"):
        to_dot(BRIDGE, RenderOptions(focus="nope"))
    assert FocusNotFound("x").exit_code == 2


def test_evaluation_shows_a_badge_and_border_and_keeps_the_fill() -> None:
    labels = {"close": "out", "open": "in", "c": "undec"}
    plain = to_dot(BRIDGE)
    dot = to_dot(BRIDGE, RenderOptions(labels=labels))
    close = next(line for line in dot.splitlines() if line.startswith('  "close" ['))
    fill = re.search(r'fillcolor="([^"]*)"', close)
    assert fill and f'fillcolor="{fill.group(1)}"' in plain  # the role colour stays
    assert 'color="#b2182b"' in close and 'style="rounded,filled,dashed"' in close
    assert "<B>■ OUT</B>" in close
    assert "accepted</TD>" in dot and "undecided</TD>" in dot  # the legend explains them
    mono = to_dot(BRIDGE, RenderOptions(labels=labels, theme="mono"))
    close = next(line for line in mono.splitlines() if line.startswith('  "close" ['))
    assert 'color="#000000"' in close and "dashed" in close


def test_options_are_validated() -> None:
    with pytest.raises(ValueError, match="theme must be one of colour, mono"):
        RenderOptions(theme="neon")
    with pytest.raises(ValueError, match="rankdir"):
        RenderOptions(rankdir="up")
    with pytest.raises(ValueError, match="label of 'a' must be in, out or undec"):
        RenderOptions(labels={"a": "maybe"})
    with pytest.raises(ValueError, match="label_style must be one of auto, title, text, both"):
        RenderOptions(label_style="long")
    with pytest.raises(ValueError, match="depth must be 0 or more"):
        RenderOptions(depth=-1)
    # Strings become enums; no message names a command-line flag.
    assert RenderOptions(color_by="tag").color_by is ColorBy.TAG
    assert RenderOptions(groups=Groups.NONE, label_style=Labels.BOTH).groups is Groups.NONE


def test_relations_to_unknown_nodes_are_left_out() -> None:
    broken = ArgumentMap(
        statements=(Statement("a", Role.CLAIM, "A"),),
        relations=(Relation(RelationKind.SUPPORT, "ghost", "a"),),
    )
    nodes, edges, _ = dot_structure(to_dot(broken))
    assert nodes == ['"a"'] and edges == []


# Quoting and safety


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", '"plain"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("back\\slash", '"back\\\\slash"'),
        ("ends with \\", '"ends with \\\\"'),
        ("\\N \\G \\l", '"\\\\N \\\\G \\\\l"'),
        ("two\nlines", '"two\\nlines"'),
        ("crlf\r\nmac\r", '"crlf\\nmac\\n"'),
        ("tab\there", '"tab here"'),
        ("<b>bold</b>", '"<b>bold</b>"'),
        ("AT&T &nbsp;", '"AT&amp;T &amp;nbsp;"'),
        ("nul\x00bell\x07esc\x1b", '"nul\ufffdbell\ufffdesc\ufffd"'),
        ("lone \ud800 surrogate \ufffe", '"lone \ufffd surrogate \ufffd"'),
        ("Казахстан “quotes” \u2013 é 🙂", '"Казахстан “quotes” \u2013 é 🙂"'),
        ("", '""'),
    ],
)
def test_quote(text: str, expected: str) -> None:
    assert quote(text) == expected


def test_quote_for_tooltips_doubles_backslashes_twice() -> None:
    assert quote("a\\N", passes=2) == '"a\\\\\\\\N"'
    assert quote('"\n', passes=2) == '"\\"\\n"'


HOSTILE = [
    '"',
    "\\",
    '\\"',
    '"]; evil [image="/etc/passwd"]; x [label="',
    '" image="/etc/passwd',
    "<<b>html</b>>",
    "<TABLE><TR><TD>x</TD></TR></TABLE>",
    "{ } [ ] ; , = -> --",
    '} subgraph cluster_x { node [shapefile="/etc/shadow"] }',
    "node graph edge digraph strict subgraph",
    "\\N \\G \\E \\T \\H \\L \\l \\r \\n",
    "line one\nline two\r\nthree",
    "&nbsp; &amp; &#0; &lt;script&gt; &unknown;",
    "// comment /* block */ # hash",
    "trailing backslash \\",
    "ctrl \x00 \x01 \x07 \x1b \x7f \x85",
    "Ünïcödé Казахстан 中文 עברית 🙂 e\u0301",
    "a" * 300,
    "",
]


def hostile_map(text: str) -> ArgumentMap:
    """A map where every piece of user text, including ids, is `text`."""
    return ArgumentMap(
        metadata=Metadata(title=text),
        speakers=(Speaker(text or "s", text),),
        statements=(
            Statement(
                "x" + text,
                Role.CLAIM,
                text,
                speaker=text or "s",
                tags=(text,),
                cite=text,
                note=text,
                title=text,
            ),
            Statement("target", Role.PREMISE, text, quote=text, url=text, raises=text),
        ),
        arguments=(
            Argument("arg" + text, ("target",), "x" + text, scheme=text, tags=(text,), note=text),
        ),
        relations=(
            Relation(RelationKind.ATTACK, "target", "x" + text, speaker=text, tags=(text,)),
            Relation(RelationKind.UNDERCUT, "target", "arg" + text, tags=(text,)),
        ),
        groups=(Group(text, ("x" + text, "target"), tags=(text,)),),
    )


ALL_OPTIONS = RenderOptions(legend=True, show_ids=True, show_tags=True)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_never_becomes_dot_syntax(text: str) -> None:
    dot = to_dot(hostile_map(text), ALL_OPTIONS)
    nodes, edges, keys = dot_structure(dot)
    # The legend is part of the graph's label: the map's 3 nodes are all the nodes.
    assert nodes == [quote("x" + text), quote("target"), quote("arg" + text)]
    assert edges[:3] == [
        (quote("target"), quote("arg" + text)),
        (quote("arg" + text), quote("x" + text)),
        (quote("target"), quote("x" + text)),
    ]
    assert len(edges) == 4
    assert set(keys) <= ALLOWED_ATTRIBUTES


def test_no_attribute_that_reads_files_can_be_written() -> None:
    file_readers = {"image", "shapefile", "fontpath", "imagepath", "stylesheet", "imagescale"}
    assert not file_readers & ALLOWED_ATTRIBUTES
    assert not {"URL", "href", "xlabel"} & ALLOWED_ATTRIBUTES
    for key in file_readers:
        with pytest.raises(AssertionError, match="is not allowed"):
            _attributes({key: "/etc/passwd"})


def svg_of(dot: str) -> ET.Element:
    svg = subprocess.run(["dot", "-Tsvg"], input=dot.encode(), capture_output=True, check=True)
    assert svg.stderr == b"", svg.stderr
    return ET.fromstring(svg.stdout)


SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


@pytest.mark.needs_dot
@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_reaches_the_svg_literally(text: str) -> None:
    argument_map = hostile_map(text)
    text_only = RenderOptions(label_style="text", color_by="role", legend=False)
    root = svg_of(to_dot(argument_map, text_only))  # it parses: no stray entity or control char
    nodes = [g for g in root.iter(f"{SVG}g") if g.get("class") == "node"]
    # Ids survive (entities are XML-decoded by the parser; control characters became U+FFFD).
    clean = printable(text.replace("\r\n", "\n").replace("\r", "\n"))
    node = nodes[0]
    assert node.get("id") == "x" + clean or "\n" in clean
    lines = [t.text or "" for t in node.iter(f"{SVG}text")]
    expected = "\n".join(wrap(clean) + (wrap("\u2014 " + clean) if clean else []))
    assert "\n".join(lines).replace("\xa0", " ").strip() == expected.replace("\xa0", " ").strip()
    link = next(node.iter(f"{SVG}a"))
    tooltip = link.get(f"{XLINK}title") or ""
    assert tooltip.startswith(clean + "\nclaim x" + clean)
    assert "image" not in {e.tag.split("}")[1] for e in root.iter()}


# Any character, with the dangerous ones (and lone surrogates, which st.characters skips) often.
ANY_TEXT = st.text(
    st.one_of(st.characters(), st.sampled_from('"\\\n\r\t&;<>{}[]=#/\x00\x85\ud800\udfff\ufffe')),
    max_size=60,
)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_no_text_at_all_becomes_dot_syntax(text: str) -> None:
    nodes, edges, keys = dot_structure(to_dot(hostile_map(text), ALL_OPTIONS))
    assert nodes == [quote("x" + text), quote("target"), quote("arg" + text)]
    assert len(edges) == 4
    assert set(keys) <= ALLOWED_ATTRIBUTES


@pytest.mark.needs_dot
@settings(max_examples=25, deadline=None)
@given(ANY_TEXT)
def test_any_text_gives_an_svg_that_parses(text: str) -> None:
    root = svg_of(to_dot(hostile_map(text), ALL_OPTIONS))
    assert sum(1 for g in root.iter(f"{SVG}g") if g.get("class") == "node") == 3


# Titles, labels, colours and views


def test_titles_given_or_derived_from_the_id() -> None:
    assert title_of(Statement("principles_contradict", Role.CLAIM, "x")) == "Principles contradict"
    assert title_of(Statement("a", Role.CLAIM, "x", title="Chaos")) == "Chaos"
    both = to_dot(CAR_FREE, RenderOptions(label_style="both"))
    assert "<B>Car free</B><BR/>" in both and "made car-free." in both
    title = to_dot(CAR_FREE, RenderOptions(label_style="title"))
    assert "<B>Car free</B>" in title and "made car-free" not in title.split("tooltip")[0]
    # Small maps show both by default; the full text is always in the tooltip.
    assert to_dot(CAR_FREE) == both


def test_speakers_get_distinct_colour_blind_safe_fills() -> None:
    dot = to_dot(CAR_FREE, RenderOptions(color_by="speaker"))
    fill = dict(re.findall(r'^  "(\w+)" \[id="\w+", shape="\w+", style="[^"]*", penwidth="[^"]*", '
                           r'fillcolor="([^"]*)"', dot, re.M))  # fmt: skip
    assert fill["car_free"] == fill["foot_traffic"] != fill["shop_losses"] == fill["winter_stoves"]
    assert fill["car_free"] in SPEAKER_FILLS and fill["shop_losses"] in SPEAKER_FILLS
    # Roles keep their shapes and borders.
    assert 'shape="note"' in dot and 'style="rounded,filled,bold"' in dot


def test_colour_by_tag() -> None:
    dot = to_dot(CAR_FREE, RenderOptions(color_by="tag"))
    assert "#economy</TD>" in dot


def test_filters_by_tag_speaker_and_group() -> None:
    nodes, _, _ = dot_structure(to_dot(CAR_FREE, RenderOptions(only_speakers=("shops",))))
    assert nodes == ['"shop_losses"', '"winter_stoves"', '"displacement"']
    nodes, _, _ = dot_structure(to_dot(CAR_FREE, RenderOptions(only_tags=("economy",))))
    assert nodes == ['"shop_losses"']
    nodes, _, _ = dot_structure(to_dot(CAR_FREE, RenderOptions(only_groups=("The Mayor's case",))))
    assert '"car_free"' in nodes and '"shop_losses"' not in nodes
    with pytest.raises(EmptyView, match="no statement or argument matches #nope"):
        to_dot(CAR_FREE, RenderOptions(only_tags=("nope",)))


def test_focus_depth() -> None:
    nodes, _, _ = dot_structure(to_dot(BRIDGE, RenderOptions(focus="close", depth=1)))
    assert nodes == ['"close"', '"open"', '"close_it"']
    nodes, _, _ = dot_structure(to_dot(BRIDGE, RenderOptions(focus="close", depth=2)))
    assert nodes == ['"close"', '"c"', '"closing_rule"', '"open"', '"close_it"']


def test_overview_folds_arguments_into_theses_and_main_claims() -> None:
    dot = to_dot(CAR_FREE, RenderOptions(overview=True))
    nodes, edges, _ = dot_structure(dot)
    assert nodes == ['"car_free"']
    assert "+ 1 argument, 2 reasons, 4 attacks" in dot
    assert edges == []


def test_html_text_cannot_open_markup() -> None:
    assert html_text('<IMG SRC="/etc/passwd"/> & &amp; " \\N') == (
        "&lt;IMG SRC=&quot;/etc/passwd&quot;/&gt; &amp; &amp;amp; &quot; \\\\N"
    )
