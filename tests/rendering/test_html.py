"""The standalone HTML page: its data, its self-containment, and its behaviour in Chromium."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main
from argmap.rendering.html import CONTENT_SECURITY_POLICY, adjacency, svg_element, to_html
from tests.chromium_cdp import Browser, find_chromium

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
def test_a_click_on_a_node_highlights_its_neighbours(page: Browser) -> None:
    page.click(*_centre(page, "car_free"))
    assert page.evaluate("document.body.dataset.selected") == "car_free"
    assert _classes(page, ".am-selected") == ["car_free"]
    assert _classes(page, ".am-supporter") == ["clean_air"]
    assert _classes(page, ".am-attacker") == ["shop_losses"]
    assert "cars_pollute" in _classes(page, "g.node.am-dim")
    assert _classes(page, "g.edge.am-linked") == [
        "e-attacks-shop_losses-car_free",
        "e-conclusion-clean_air-car_free",
    ]
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


@pytest.mark.needs_dot
def test_zoom_and_pan_change_the_view_box(page: Browser) -> None:
    before = page.evaluate("document.querySelector('svg').getAttribute('viewBox')")
    page.evaluate("document.getElementById('am-zoom-in').click()")
    zoomed = page.evaluate("document.querySelector('svg').viewBox.baseVal.width")
    assert zoomed < float(before.split()[2])
    left = page.evaluate("document.querySelector('svg').viewBox.baseVal.x")
    x, y = 600.0, 500.0
    page.send("Input.dispatchMouseEvent", session=True, type="mousePressed", x=x, y=y,
              button="left", clickCount=1)  # fmt: skip
    page.send("Input.dispatchMouseEvent", session=True, type="mouseMoved", x=x + 80, y=y,
              button="left")  # fmt: skip
    page.send("Input.dispatchMouseEvent", session=True, type="mouseReleased", x=x + 80, y=y,
              button="left", clickCount=1)  # fmt: skip
    moved = page.evaluate("document.querySelector('svg').viewBox.baseVal.x")
    assert moved < left - 10  # dragging right shows what is further left
    page.evaluate("document.getElementById('am-reset').click()")
    box = page.evaluate(
        "(function () { var b = document.querySelector('svg').viewBox.baseVal;"
        " return [b.x, b.y, b.width, b.height]; }())"
    )
    assert box == [float(number) for number in before.split()]
    assert page.problems() == []


def test_svg_element_drops_the_prologue_comments_and_blank_lines() -> None:
    svg = (
        b'<?xml version="1.0"?>\n<!DOCTYPE svg>\n<!-- Generated -->\n'
        b'<svg width="1pt">\n\n<!-- t -->\n<g id="t"/>\n</svg>\n'
    )
    assert svg_element(svg) == '<svg width="1pt">\n<g id="t"/>\n</svg>'
