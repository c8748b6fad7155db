"""In CI every external tool is present, so no test is skipped for want of one."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import REPO


@pytest.mark.skipif(not os.environ.get("CI"), reason="only CI must have every tool")
def test_ci_has_every_tool_the_tests_use() -> None:
    missing = [tool for tool in ("dot", "chromium", "node") if shutil.which(tool) is None]
    if not (REPO / ".argdown-cli" / "node_modules" / ".bin" / "argdown").exists():
        missing.append("the Argdown CLI (.argdown-cli)")
    assert missing == [], f".ci/setup did not install: {', '.join(missing)}"
