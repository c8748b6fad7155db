"""In CI every external tool is present, so no test is skipped for want of one."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import REPO


@pytest.mark.skipif(not os.environ.get("CI"), reason="only CI must have every tool")
def test_ci_has_every_tool_the_tests_use() -> None:
    tools = ("dot", "chromium", "node", "pandoc")
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if not (REPO / ".argdown-cli" / "node_modules" / ".bin" / "argdown").exists():
        missing.append("the Argdown CLI (.argdown-cli)")
    if not (REPO / ".mermaid" / "node_modules" / "mermaid").is_dir():
        missing.append("Mermaid and jsdom (.mermaid)")
    assert missing == [], f".ci/setup did not install: {', '.join(missing)}"
