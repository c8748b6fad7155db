"""The standalone HTML page: its data, its self-containment, and its behaviour in Chromium."""

from __future__ import annotations

import html
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main
from argmap.rendering.dot import EDGE_ID_PREFIX, EDGE_ID_SEPARATOR, FONT_SIZE
from argmap.rendering.html import (
    CONTENT_SECURITY_POLICY,
    adjacency,
    main_thesis,
    static_file,
    svg_element,
    to_html,
)
from tests.chromium_cdp import Browser, find_chromium
from tests.conftest import MAPS, REPO

CAR_FREE = """\
title: "Car-free <city> centre"
speaker mayor: "The Mayor"
speaker shops: "Retail association"

thesis car_free @mayor: "The city centre should be made car-free."
  + argument clean_air @mayor (scheme: cause_to_effect):
      premise cars_pollute: "Cars are the main source of air pollution in the centre."
      premise removal_lowers: "Removing the main source of a pollutant lowers its level."
  - objection shop_losses @shops #economy: "Shops will lose the customers who arrive by car."
      - rebuttal foot_traffic @mayor: "Pedestrianised streets usually see more shoppers."

evidence winter_stoves @shops: "In winter, wood stoves emit more particulates than cars."
  cite: "Air quality report 2023, table 4"
winter_stoves attacks cars_pollute
objection displacement @shops: "Banned traffic moves to the ring road </script>."
displacement undercuts clean_air
statement a: "A."
statement b: "B."
a contradicts b
"""


def test_adjacency_lists_supporters_and_attackers() -> None:
    nodes = adjacency(argmap.loads(CAR_FREE))
    assert {node: (info["supporters"], info["attackers"]) for node, info in nodes.items()} == {
        "car_free": (["clean_air"], ["shop_losses"]),
        "cars_pollute": ([], ["winter_stoves"]),
        "removal_lowers": ([], []),
        "shop_losses": ([], ["foot_traffic"]),
        "foot_traffic": ([], []),
        "winter_stoves": ([], []),
        "displacement": ([], []),
        "a": ([], ["b"]),
        "b": ([], ["a"]),
        "clean_air": (["cars_pollute", "removal_lowers"], ["displacement"]),
    }
    assert nodes["winter_stoves"]["cite"] == "Air quality report 2023, table 4"
    assert nodes["car_free"]["speaker"] == "The Mayor"
    assert nodes["clean_air"]["text"] == "argument clean_air (cause to effect)"


@pytest.mark.needs_dot
def test_the_page_is_self_contained() -> None:
    page = to_html(argmap.loads(CAR_FREE))
    assert page.startswith("<!DOCTYPE html>\n")
    assert f'content="{html.escape(CONTENT_SECURITY_POLICY)}"' in page
    assert "<title>Car-free &lt;city&gt; centre</title>" in page
    # Nothing to fetch: no src or href attributes and no url() anywhere.
    assert re.findall(r"\b(?:src|href)\s*=", page) == []
    assert "url(" not in page
    # The data cannot close its script element, and parses back.
    data = re.search(r'<script type="application/json" id="argmap-data">\n(.*?)\n</script>',
                     page, re.S)  # fmt: skip
    assert data is not None
    assert "</script>" not in data.group(1)
    assert json.loads(data.group(1)) == adjacency(argmap.loads(CAR_FREE))
    assert page.count("<svg") == 1


def test_the_script_and_style_are_package_data() -> None:
    import tomllib

    static = REPO / "argmap" / "rendering" / "static"
    assert static_file("argmap.js") == (static / "argmap.js").read_text(encoding="utf-8")
    assert static_file("argmap.css") == (static / "argmap.css").read_text(encoding="utf-8")
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["argmap.rendering"]
    assert sorted(patterns) == ["static/*.LICENSE", "static/*.css", "static/*.js"]
    # No script in the Python source: the page's code lives only in the static files.
    assert "addEventListener" not in (REPO / "argmap/rendering/html.py").read_text("utf-8")


@pytest.mark.needs_dot
def test_the_page_inlines_its_script_style_and_settings() -> None:
    page = to_html(argmap.loads(CAR_FREE))
    assert f"<script>{static_file('argmap.js')}</script>" in page
    assert f"<style>{static_file('argmap.css')}</style>" in page
    found = re.search(
        r'<script type="application/json" id="argmap-settings">\n(.*?)\n</script>', page, re.S
    )
    assert found is not None
    # The edge-id format comes from dot.py, the one place that defines it.
    assert json.loads(found.group(1)) == {
        "edge_prefix": EDGE_ID_PREFIX,
        "edge_separator": EDGE_ID_SEPARATOR,
        "font_size": FONT_SIZE,
        "main": "car_free",
    }
    assert "settings.edge_separator" in static_file("argmap.js")


@pytest.mark.needs_dot
def test_the_render_command_writes_html(tmp_path: Path) -> None:
    source = tmp_path / "car.arg"
    source.write_text(CAR_FREE, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(tmp_path / "car.html")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "car.html").read_text(encoding="utf-8") == to_html(argmap.loads(CAR_FREE))
    result = CliRunner().invoke(main, ["render", str(source), "--format", "html", "-o", "-"])
    assert result.stdout == to_html(argmap.loads(CAR_FREE))


CHROMIUM = find_chromium()


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    path = tmp_path_factory.mktemp("html") / "car.html"
    path.write_text(to_html(argmap.loads(CAR_FREE)), encoding="utf-8")
    with Browser(CHROMIUM) as browser:
        browser.open(path.as_uri())
        yield browser


def _centre(browser: Browser, node_id: str) -> tuple[float, float]:
    x, y = browser.evaluate(
        f"(function () {{ var r = document.getElementById({json.dumps(node_id)})"
        ".getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }())"
    )
    return float(x), float(y)


def _classes(browser: Browser, selector: str) -> list[str]:
    result: list[str] = browser.evaluate(
        f"Array.from(document.querySelectorAll({json.dumps(selector)})).map(e => e.id).sort()"
    )
    return result


@pytest.mark.needs_dot
def test_the_page_loads_without_errors_or_requests(page: Browser, tmp_path: Path) -> None:
    assert page.evaluate("document.body.dataset.ready") == "true"
    assert page.problems() == []
    assert [url for url in page.requests() if not url.endswith("/car.html")] == []
    assert page.evaluate("document.querySelectorAll('g.node').length") >= 10


@pytest.mark.needs_dot
def test_a_click_on_a_node_highlights_its_whole_chain(page: Browser) -> None:
    page.click(*_centre(page, "car_free"))
    assert page.evaluate("document.body.dataset.selected") == "car_free"
    assert _classes(page, ".am-selected") == ["car_free"]
    assert _classes(page, ".am-supporter") == ["clean_air"]
    assert _classes(page, ".am-attacker") == ["shop_losses"]
    # The chain goes on past the direct neighbours: an attack on an attack counts for the thesis.
    assert _classes(page, "g.node.am-chain-support") == [
        "cars_pollute",
        "clean_air",
        "foot_traffic",
        "removal_lowers",
    ]
    assert _classes(page, "g.node.am-chain-attack") == [
        "displacement",
        "shop_losses",
        "winter_stoves",
    ]
    assert _classes(page, "g.node.am-dim") == ["a", "b"]
    assert _classes(page, "g.edge.am-linked") == [
        "e-attacks-shop_losses-car_free",
        "e-conclusion-clean_air-car_free",
    ]
    assert "e-attacks-winter_stoves-cars_pollute" in _classes(page, "g.edge.am-chain")
    assert "e-contradicts-a-b" in _classes(page, "g.edge.am-dim")
    # A premise's chain goes up to the thesis it bears on, not sideways to other premises.
    page.click(*_centre(page, "cars_pollute"))
    assert _classes(page, "g.node.am-chain-support, g.node.am-chain-attack") == [
        "car_free",
        "clean_air",
        "winter_stoves",
    ]
    assert "removal_lowers" in _classes(page, "g.node.am-dim")
    # An argument: its premises support it, the undercut attacks it.
    page.click(*_centre(page, "clean_air"))
    assert _classes(page, ".am-supporter") == ["cars_pollute", "removal_lowers"]
    assert _classes(page, ".am-attacker") == ["displacement"]
    page.send("Input.dispatchKeyEvent", session=True, type="keyDown", key="Escape")
    assert _classes(page, ".am-selected, .am-dim") == []
    # The keyboard works too: focus a node, press Enter.
    page.evaluate("document.getElementById('shop_losses').focus()")
    page.send("Input.dispatchKeyEvent", session=True, type="keyDown", key="Enter")
    assert _classes(page, ".am-selected") == ["shop_losses"]
    assert _classes(page, ".am-attacker") == ["foot_traffic"]
    page.send("Input.dispatchKeyEvent", session=True, type="keyDown", key="Escape")
    assert page.problems() == []


@pytest.mark.needs_dot
def test_hover_shows_the_full_text_speaker_and_citation(page: Browser) -> None:
    x, y = _centre(page, "winter_stoves")
    page.send("Input.dispatchMouseEvent", session=True, type="mouseMoved", x=x, y=y)
    assert page.evaluate("document.getElementById('am-tooltip').hidden") is False
    assert page.evaluate("document.getElementById('am-tooltip').innerText").split("\n") == [
        "EVIDENCE WINTER_STOVES",
        "In winter, wood stoves emit more particulates than cars.",
        "Speaker: Retail association",
        "Source: Air quality report 2023, table 4",
    ]


SCALE = "document.querySelector('g.node').getScreenCTM().a"


def _scale_after_repaint(browser: Browser, before: float) -> float:
    """The drawing's scale once svg-pan-zoom has repainted (it waits for an animation frame).

    On a loaded machine a repaint can take longer than any fixed pause, so this waits (up to
    10 s) until the scale has moved from `before` and then holds still for two frames.
    """
    start = before
    frame = "new Promise(done => requestAnimationFrame(() => done(null)))"
    last = start
    for _ in range(100):
        time.sleep(0.1)
        browser.evaluate(frame)
        now = float(browser.evaluate(SCALE))
        if now != start and now == last:
            return now
        last = now
    return last


@pytest.mark.needs_dot
def test_zoom_and_pan_move_the_drawing(page: Browser) -> None:
    before = page.evaluate(SCALE)
    page.evaluate("document.getElementById('am-zoom-in').click()")
    zoomed = _scale_after_repaint(page, before)
    assert zoomed > before * 1.1
    left, _ = _centre(page, "car_free")
    x, y = 600.0, 500.0
    page.send("Input.dispatchMouseEvent", session=True, type="mousePressed", x=x, y=y,
              button="left", clickCount=1)  # fmt: skip
    page.send("Input.dispatchMouseEvent", session=True, type="mouseMoved", x=x + 80, y=y,
              button="left")  # fmt: skip
    page.send("Input.dispatchMouseEvent", session=True, type="mouseReleased", x=x + 80, y=y,
              button="left", clickCount=1)  # fmt: skip
    moved, _ = _centre(page, "car_free")
    assert abs(moved - (left + 80)) < 2  # the drawing follows the pointer
    assert page.evaluate("document.body.dataset.selected") is None  # a drag is not a click
    page.evaluate("document.getElementById('am-reset').click()")
    assert abs(_scale_after_repaint(page, zoomed) - before) < 1e-6
    assert page.problems() == []


def test_the_pan_zoom_library_is_inlined_with_its_licence() -> None:
    page = to_html(argmap.loads('statement a: "A."\n'))
    licence = static_file("svg-pan-zoom.LICENSE")
    assert "Redistribution and use in source and binary forms" in licence
    assert f"<script>/*\n{licence}*/\n{static_file('svg-pan-zoom.min.js')}</script>" in page
    assert static_file("svg-pan-zoom.min.js").startswith("// svg-pan-zoom v3.6.2")


def test_svg_element_drops_the_prologue_comments_and_blank_lines() -> None:
    svg = (
        b'<?xml version="1.0"?>\n<!DOCTYPE svg>\n<!-- Generated -->\n'
        b'<svg width="1pt">\n\n<!-- t -->\n<g id="t"/>\n</svg>\n'
    )
    assert svg_element(svg) == '<svg width="1pt">\n<g id="t"/>\n</svg>'


@pytest.mark.needs_dot
def test_the_search_box_finds_statements_by_title_text_or_id(page: Browser) -> None:
    def search(query: str) -> None:
        page.evaluate(
            "(function () { var box = document.getElementById('am-search');"
            f" box.value = {json.dumps(query)};"
            " box.dispatchEvent(new Event('input')); }())"
        )

    search("particulates")  # the text
    assert _classes(page, "g.node.am-match") == ["winter_stoves"]
    assert page.evaluate("document.getElementById('am-found').textContent") == "1 found"
    search("FOOT_traffic")  # the id, in any case
    assert _classes(page, "g.node.am-match") == ["foot_traffic"]
    search("shop losses")  # the title derived from the id: every word must match
    assert _classes(page, "g.node.am-match") == ["shop_losses"]
    search("no such words")
    assert _classes(page, "g.node.am-match") == []
    assert page.evaluate("document.getElementById('am-found').textContent") == "0 found"
    # Enter selects the first statement found and shows its chain.
    search("pedestrianised")
    page.evaluate("document.getElementById('am-search').focus()")
    page.send("Input.dispatchKeyEvent", session=True, type="keyDown", key="Enter")
    assert page.evaluate("document.body.dataset.selected") == "foot_traffic"
    search("")
    assert _classes(page, ".am-match, .am-dim, .am-selected") == []
    assert page.problems() == []


@pytest.mark.needs_dot
def test_the_seed_map_opens_readable_around_its_main_thesis(tmp_path: Path) -> None:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    seed = argmap.load(MAPS / "tokayev.arg")
    main_id = main_thesis(seed)
    assert main_id is not None
    path = tmp_path / "tokayev.html"
    path.write_text(to_html(seed), encoding="utf-8")
    with Browser(CHROMIUM) as browser:
        browser.open(path.as_uri())
        assert browser.evaluate("document.body.dataset.ready") == "true"
        # Text is drawn at a readable size: 12 pt in the SVG shows at 11 px or more.
        scale = browser.evaluate(SCALE)
        assert scale * FONT_SIZE >= 11
        # The main thesis is in view, near the middle of the map's area.
        x, y = _centre(browser, main_id)
        left, top, width, height = browser.evaluate(
            "(function () { var r = document.getElementById('am-viewport')"
            ".getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; }())"
        )
        assert abs(x - (left + width / 2)) < width / 4
        assert abs(y - (top + height / 2)) < height / 4
        # Fit shows the whole map again, at a much smaller scale.
        browser.evaluate("document.getElementById('am-reset').click()")
        fitted = _scale_after_repaint(browser, scale)
        assert fitted < scale / 2
        assert browser.problems() == []


@pytest.mark.needs_dot
def test_collapse_hides_what_bears_on_a_node_and_expand_shows_it(page: Browser) -> None:
    page.send("Input.dispatchKeyEvent", session=True, type="keyDown", key="Escape")
    assert page.evaluate("document.getElementById('am-collapse').disabled") is True
    page.click(*_centre(page, "clean_air"))
    page.evaluate("document.getElementById('am-collapse').click()")
    # Its premises, the undercut and the evidence against a premise go; the rest stays.
    assert _classes(page, "g.node.am-hidden") == [
        "cars_pollute",
        "displacement",
        "removal_lowers",
        "winter_stoves",
    ]
    assert _classes(page, "g.node.am-collapsed") == ["clean_air"]
    assert "e-attacks-winter_stoves-cars_pollute" in _classes(page, "g.edge.am-hidden")
    assert "e-conclusion-clean_air-car_free" not in _classes(page, "g.edge.am-hidden")
    assert page.evaluate("getComputedStyle(document.getElementById('cars_pollute')).display") == (
        "none"
    )
    assert page.evaluate("document.getElementById('am-collapse').textContent") == "Expand"
    # Collapsing the thesis too hides the rest of its chain; expanding restores each level.
    page.click(*_centre(page, "car_free"))
    page.evaluate("document.getElementById('am-collapse').click()")
    assert _classes(page, "g.node.am-hidden") == [
        "cars_pollute",
        "clean_air",
        "displacement",
        "foot_traffic",
        "removal_lowers",
        "shop_losses",
        "winter_stoves",
    ]
    page.evaluate("document.getElementById('am-collapse').click()")
    assert len(_classes(page, "g.node.am-hidden")) == 4
    page.click(*_centre(page, "clean_air"))
    page.evaluate("document.getElementById('am-collapse').click()")
    assert _classes(page, "g.am-hidden, g.am-collapsed") == []
    page.send("Input.dispatchKeyEvent", session=True, type="keyDown", key="Escape")
    assert page.problems() == []
