"""The standing fuzz suite: every surface that reads untrusted text answers with a result or an
ArgmapError (a message), never another exception (Hypothesis).

CI (the CI variable set) runs 3,000 inputs per surface, a local run 1,000, and
ARGMAP_FUZZ_EXAMPLES any other number; `python bench/fuzz.py` runs the same properties with
100,000 and prints the counts recorded in docs/security.md.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.checking.pipeline import check_text
from argmap.embed.blocks import BlockSettings
from argmap.embed.document import embed_markdown, find_fences, split_lines
from argmap.errors import ArgmapError
from argmap.evaluation.framework import loads_framework
from argmap.interchange.convert import read_map
from argmap.language.formatter import format_text
from argmap.language.parser import parse
from tests.conftest import REPO

IN_CI = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")
FUZZ_EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "3000" if IN_CI else "1000"))
# bench/fuzz.py reads how many inputs each surface really ran, and may set a time when the
# surface stops (time.monotonic()).
COUNTS: Counter[str] = Counter()
STOP = {"at": float("inf")}


class TimeUp(BaseException):
    """bench/fuzz.py's time for a surface is up: a BaseException, so that Hypothesis lets it
    through instead of taking it for a failure of the property."""


def _count(surface: str) -> None:
    COUNTS[surface] += 1
    if time.monotonic() > STOP["at"]:
        raise TimeUp


FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("ARGMAP_FUZZ_RANDOM") is None,  # CI: the same inputs every run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    database=None,
)


# Characters that have broken parsers before: controls, separators, Unicode digits, quotes.
ODD_CHARACTERS = ["\x00", "\x1b", "\r", "\x0b", "\x85", "\u2028", "\ufeff", "²", "٣", "“", "'", "é"]


def _pieces(*words: str) -> st.SearchStrategy[str]:
    """Text made of meaningful fragments and arbitrary characters, so parsers get deep."""
    fragment = st.sampled_from([*words, *ODD_CHARACTERS]) | st.characters()
    return st.lists(fragment, max_size=30).map("".join)


ARG_TEXT = _pieces(
    "thesis ",
    "claim ",
    "premise ",
    "objection ",
    "argument ",
    "evidence ",
    "t",
    "p",
    "a",
    ": ",
    '"x"',
    '"',
    "\\",
    "\n",
    "\n  ",
    "\n    ",
    "\t",
    " ",
    "+ ",
    "- ",
    "~ ",
    "supports ",
    "attacks ",
    "undercuts ",
    "->",
    "title: ",
    "speaker ",
    "@",
    "#tag",
    "//",
    "import ",
    "(",
    ")",
    ",",
    "é",
    "\u2028",
    "\x00",
    "\x1b",
    "²",
)


def _answers(surface: str, read: object, *args: object) -> None:
    """Call `read(*args)`; anything but a result or an ArgmapError fails the test."""
    _count(surface)
    try:
        read(*args)  # type: ignore[operator]
    except ArgmapError as error:
        assert str(error).strip(), f"{surface}: an error without a message"


@pytest.mark.slow
@FUZZ
@given(ARG_TEXT)
def test_arg_check(text: str) -> None:
    _count(".arg")
    for diagnostic in check_text(text, "f.arg"):
        assert diagnostic.message and diagnostic.span.line >= 0


# The maps of docs/language.md, with white space and comments inserted at random places: most
# still parse, so the formatter sees indented first lines, tabs among spaces, odd blank lines.
EXAMPLES = re.findall(
    r"```argmap\n(.*?)```", (REPO / "docs" / "language.md").read_text("utf-8"), re.S
)


@st.composite
def _mutated_maps(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(EXAMPLES))
    for _ in range(draw(st.integers(0, 4))):
        # Mostly next to white space, where the result still parses and reaches the
        # formatter; sometimes anywhere.
        spaces = [m.start() for m in re.finditer(r"\s", text)]
        at = draw(st.sampled_from(spaces) | st.integers(0, len(text)) if spaces else st.just(0))
        insert = draw(
            st.sampled_from([" ", "\t", " \t", "\n", "\n\n", "  // note", "\r\n", "    "])
        )
        text = text[:at] + insert + text[at:]
    return text


@pytest.mark.slow
@FUZZ
@given(st.one_of(_mutated_maps(), _mutated_maps(), ARG_TEXT))
def test_fmt_round_trip(text: str) -> None:
    """Every text that parses is formatted; formatting twice changes nothing and still parses;
    a text that does not parse is refused with a message."""
    _count("fmt")
    try:
        once = format_text(text, "f.arg")
    except ArgmapError as error:
        if not parse(text, "f.arg").has_syntax_errors:
            pytest.fail(f"fmt refuses a file that parses: {error}")
        return
    # Formatting the result again parses it: it must parse and stay as it is.
    assert format_text(once, "f.arg") == once


JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.text(max_size=6)
NODE_IDS = st.sampled_from(["1", "2", "3", "4", 1, "x"])
# The notes argmap's exporter leaves in an "argmap" object, which its importer trusts only as
# far as the edges agree.
ARGMAP_NOTES = st.fixed_dictionaries(
    {},
    optional={
        "kind": st.sampled_from(["argument", "supports", "attacks", "undercuts", "contradicts"])
        | st.sampled_from(["contradicts-back"])
        | JSON_SCALARS,
        "relations": st.lists(
            st.fixed_dictionaries(
                {"kind": st.sampled_from(["supports", "attacks", "undercuts", "x"])},
                optional={"target": NODE_IDS | JSON_SCALARS, "tags": st.lists(JSON_SCALARS)},
            ),
            max_size=3,
        )
        | JSON_SCALARS,
        "role": st.sampled_from(["thesis", "premise", "x"]) | JSON_SCALARS,
        "tags": st.lists(JSON_SCALARS, max_size=2) | JSON_SCALARS,
        "scheme": JSON_SCALARS,
    },
)
AIF_NODE = st.fixed_dictionaries(
    {
        "nodeID": NODE_IDS,
        "type": st.sampled_from(["I", "RA", "CA", "MA", "L", "YA", "TA", "PA", "X", 3]),
        "text": JSON_SCALARS,
    },
    optional={"scheme": JSON_SCALARS, "timestamp": JSON_SCALARS, "argmap": ARGMAP_NOTES},
)
AIF_EDGE = st.fixed_dictionaries(
    {
        "edgeID": st.sampled_from(["e1", "e2", "e3", 7]),
        "fromID": st.sampled_from(["1", "2", "3", "4", "9", 1]),
        "toID": st.sampled_from(["1", "2", "3", "4", "9", 1]),
    }
)
AIF_DOCUMENT = st.fixed_dictionaries(
    {"nodes": st.lists(AIF_NODE, max_size=8), "edges": st.lists(AIF_EDGE, max_size=10)},
    optional={
        "locutions": st.lists(st.dictionaries(st.text(max_size=5), JSON_SCALARS)),
        "argmap": st.fixed_dictionaries(
            {},
            optional={
                key: st.lists(
                    st.fixed_dictionaries(
                        {},
                        optional={
                            "id": JSON_SCALARS,
                            "name": JSON_SCALARS,
                            "members": st.lists(NODE_IDS) | JSON_SCALARS,
                            "nodes": st.lists(NODE_IDS) | JSON_SCALARS,
                            "semantics": JSON_SCALARS,
                            "label": JSON_SCALARS,
                        },
                    ),
                    max_size=3,
                )
                | JSON_SCALARS
                for key in ("speakers", "groups", "expectations", "metadata")
            },
        ),
    },
)
JSON_ANYTHING = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=12,
)


@pytest.mark.slow
@FUZZ
@given(AIF_DOCUMENT.map(json.dumps) | JSON_ANYTHING.map(json.dumps) | st.text(max_size=40))
def test_aif_import(text: str) -> None:
    _answers("AIF", read_map, text, "f.json", "aif")


MICROTEXT = _pieces(
    "<?xml version='1.0'?>",
    "<arggraph id='m'>",
    "</arggraph>",
    "<edu id='e1'>",
    "</edu>",
    "<adu id='a1' type='pro'/>",
    "<adu id='a2' type='opp'/>",
    "<edge id='c1' src='e1' trg='a1' type='seg'/>",
    "<edge id='c2' src='a2' trg='a1' type='reb'/>",
    "<edge id='c3' src='a1' trg='c2' type='und'/>",
    "type='sup'",
    "type='add'",
    "&",
    "&amp;",
    "<!DOCTYPE x [<!ENTITY a 'b'>]>",
    "&a;",
    "text",
    ">",
    "<",
)


@pytest.mark.slow
@FUZZ
@given(MICROTEXT)
def test_microtext_import(text: str) -> None:
    _answers("microtext", read_map, text, "f.xml", "microtext")


APX = _pieces("arg(", "att(", ")", ".", ",", "a", "b", '"', '"a,b"', "%", "\n", " ", "\\", "²")
TGF = _pieces("a", "b", "1", "#", "\n", " ", "\t", "²", "x y")
ICCMA = _pieces("p af ", "p ", "af ", "1", "2", "3", "100000000000", "²", "\n", "#", " ", "-1", "0")


@pytest.mark.slow
@FUZZ
@given(APX)
def test_apx_frameworks(text: str) -> None:
    _answers(".apx", loads_framework, text, "apx", "f.apx")


@pytest.mark.slow
@FUZZ
@given(TGF)
def test_tgf_frameworks(text: str) -> None:
    _answers(".tgf", loads_framework, text, "tgf", "f.tgf")


@pytest.mark.slow
@FUZZ
@given(ICCMA)
def test_iccma_frameworks(text: str) -> None:
    _answers("ICCMA .af", loads_framework, text, "i23", "f.af")


MARKDOWN = st.lists(
    st.sampled_from(
        [
            "```",
            "~~~",
            "````",
            "```argmap\n",
            "````argmap\n",
            "```python\n",
            "   ",
            "\n",
            "\r\n",
            "text",
            "`",
            'thesis t: "x"\n',
            '  + premise p: "```"\n',
            "theme: mono\n",
            "show: both\n",
            "file: \n",
            "file: ../../etc/passwd\n",
            "file: /etc/passwd\n",
            "alt: a\n",
            "caption: <b>\n",
            "é",
            "\t",
            "<script>",
        ]
    )
    | st.text(max_size=5),
    max_size=30,
).map("".join)


@pytest.mark.slow
@FUZZ
@given(MARKDOWN)
def test_markdown_documents(text: str) -> None:
    """Blocks are replaced (no Graphviz: show: source), other bytes stay, nothing is read
    outside the document's folder."""
    _count("Markdown")
    root = Path(__file__).parent / "data" / "seed"
    result = embed_markdown(
        text, "d.md", base_dir=root, image_stem="d", defaults=BlockSettings(show="source")
    )
    if "argmap" not in text:
        assert result.text == text
    drawn = [f for f in find_fences(split_lines(text)) if f.language == "argmap" and not f.indent]
    assert len(result.blocks) == len(drawn)
    assert "root:x:0:0" not in result.text  # no line of /etc/passwd is ever quoted
