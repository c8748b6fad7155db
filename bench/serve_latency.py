"""How long `argmap serve` takes from a save to the new map in the browser (headless Chromium).

Prints the time from each write of the map file until the page's frame shows the new text:
    python bench/serve_latency.py [--saves 10]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argmap.embed.preview import start  # noqa: E402
from tests.chromium_cdp import Browser, find_chromium  # noqa: E402

FRAME_TEXT = (
    "(function () { try { return document.getElementById('map').contentDocument.body"
    ".textContent; } catch (e) { return ''; } }())"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=10)
    saves = parser.parse_args().saves
    chromium = find_chromium()
    if chromium is None:
        sys.exit("Chromium is not installed")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "map.arg"
        source.write_text('thesis t: "Version 0."\n  + premise p: "P."\n', encoding="utf-8")
        server = start(Path(folder), 0)
        delays = []
        try:
            with Browser(chromium) as browser:
                browser.open(f"{server.url}/view/map.arg")
                while browser.evaluate("document.body.dataset.listening") != "true":
                    time.sleep(0.01)
                for number in range(1, saves + 1):
                    time.sleep(0.3)
                    text = f'thesis t: "Version {number}."\n  + premise p: "P."\n'
                    began = time.monotonic()
                    source.write_text(text, encoding="utf-8")
                    while f"Version {number}." not in (browser.evaluate(FRAME_TEXT) or ""):
                        if time.monotonic() - began > 10:
                            sys.exit(f"save {number}: the page did not reload within 10 s")
                        time.sleep(0.005)
                    delays.append(time.monotonic() - began)
        finally:
            server.close()
    print(f"saves: {len(delays)}")
    print(
        f"save -> new map shown: median {statistics.median(delays) * 1000:.0f} ms, "
        f"max {max(delays) * 1000:.0f} ms (target: under 500 ms)"
    )


if __name__ == "__main__":
    main()
