"""Test fixtures: where the repository, its example maps and the test data (tests/data/) are."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
MAPS = REPO / "maps"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if shutil.which("dot"):
        return
    skip = pytest.mark.skip(reason="the Graphviz 'dot' program is not installed")
    for item in items:
        if "needs_dot" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _results_cache_in_tmp(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`argmap check` keeps results in the user's cache folder: in tests, a temporary one."""
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path_factory.mktemp("argmap-cache")))
