"""`argmap serve`: the page in real headless Chromium reloads on a save and shows errors."""

from __future__ import annotations

import html
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap.embed.preview import HOST, Server, start
from tests.chromium_cdp import Browser, find_chromium
from tests.conftest import REPO

CHROMIUM = find_chromium()
FIRST = 'thesis t: "The first version."\n  + premise p: "A premise."\n'
SECOND = 'thesis t: "The second version."\n  + premise p: "A premise."\n'
BROKEN = 'thesis t: "The second version.\n'


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    (tmp_path / "maps" / "sub").mkdir(parents=True)
    (tmp_path / "maps" / "a.arg").write_text(FIRST, encoding="utf-8")
    (tmp_path / "maps" / "sub" / "b.arg").write_text('claim c: "Other."\n', encoding="utf-8")
    (tmp_path / "maps" / "notes.txt").write_text("not a map", encoding="utf-8")
    (tmp_path / "secret.arg").write_text('claim s: "Outside."\n', encoding="utf-8")
    running = start(tmp_path / "maps", 0)
    try:
        yield running
    finally:
        running.close()


def fetch(server: Server, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(server.url + path, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_it_listens_on_localhost_only_and_serves_only_the_maps(server: Server) -> None:
    assert server.http.server_address[0] == HOST == "127.0.0.1"
    status, index = fetch(server, "/")
    assert status == 200
    assert re.findall(r'href="/view/([^"]+)"', index) == ["a.arg", "sub/b.arg"]
    for path in (
        "/map/notes.txt", "/map/../secret.arg", "/map/%2e%2e/secret.arg", "/view/../secret.arg",
        "/map//etc/passwd", "/map/sub/../a.arg", "/etc/passwd", "/view/notes.txt",
    ):  # fmt: skip
        assert fetch(server, path)[0] == 404, path
    assert fetch(server, "/map/sub/b.arg")[0] == 200


@pytest.mark.slow
@pytest.mark.needs_dot
def test_the_page_reloads_on_a_save_and_shows_errors_with_carets(server: Server) -> None:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    source = Path(server.preview.root) / "a.arg"

    def frame_text(browser: Browser) -> str:
        text: str = browser.evaluate(
            "(function () { var d = document.getElementById('map').contentDocument;"
            " return d && d.body ? d.body.textContent : ''; }())"
        )
        return text

    def wait_until(browser: Browser, condition: str) -> None:
        deadline = time.monotonic() + 30
        while not browser.evaluate(condition):
            assert time.monotonic() < deadline, f"never true: {condition}"
            time.sleep(0.05)

    with Browser(CHROMIUM) as browser:
        browser.open(f"{server.url}/view/a.arg")
        wait_until(browser, "document.body.dataset.listening === 'true'")
        wait_until(browser, "document.getElementById('map').contentDocument.body.dataset.ready")
        assert "The first version." in frame_text(browser)
        source.write_text(SECOND, encoding="utf-8")
        wait_until(browser, "document.body.dataset.reloads === '1'")
        wait_until(
            browser,
            "(document.getElementById('map').contentDocument.body || {}).textContent"
            "?.includes('The second version.')",
        )
        source.write_text(BROKEN, encoding="utf-8")
        wait_until(browser, "document.body.dataset.reloads === '2'")
        wait_until(
            browser,
            "!!document.getElementById('map').contentDocument.querySelector('pre.argmap-problems')",
        )
        problems = frame_text(browser)
        assert "a.arg:1:11: E003" in problems
        assert '    1 | thesis t: "The second version.' in problems
        assert "      |           ^" in problems
        # Only this server's pages and script were asked for.
        assert all(url.startswith(server.url) for url in browser.requests())
        assert browser.problems() == []


def test_the_documented_error_is_what_the_page_shows(server: Server) -> None:
    page = (REPO / "docs" / "publishing.md").read_text(encoding="utf-8")
    documented = re.search(r"until the map is fixed:\n\n```text\n(.*?)```", page, re.S)
    assert documented is not None
    (Path(server.preview.root) / "a.arg").write_text('thesis t: "Hello\n', encoding="utf-8")
    status, shown = fetch(server, "/map/a.arg")
    assert status == 200
    assert documented.group(1).rstrip("\n") + "</pre>" in html.unescape(shown)
