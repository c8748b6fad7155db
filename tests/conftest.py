"""Shared test fixtures: where the repository and the shared data are."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = SHARED / "data"
MAPS = REPO / "maps"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if shutil.which("dot"):
        return
    skip = pytest.mark.skip(reason="the Graphviz 'dot' program is not installed")
    for item in items:
        if "needs_dot" in item.keywords:
            item.add_marker(skip)
