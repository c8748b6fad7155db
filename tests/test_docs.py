"""The documentation cannot drift: its examples parse and its code list is generated."""

from __future__ import annotations

import re

import pytest

from argmap import check_text
from argmap.checking.report import codes_markdown
from argmap.diagnostics import CODES, Severity
from tests.conftest import REPO

LANGUAGE = (REPO / "docs" / "language.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```argmap\n(.*?)```", LANGUAGE, re.S)


def test_language_reference_has_examples() -> None:
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"example{n}" for n in range(len(EXAMPLES))])
def test_every_language_example_checks_without_errors(example: str) -> None:
    found = check_text(example, str(REPO / "docs" / "language.md"))
    errors = [d for d in found if d.severity is Severity.ERROR]
    assert errors == []


def test_diagnostics_page_is_generated_from_the_registry() -> None:
    page = (REPO / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    assert page == codes_markdown(), "run: argmap codes --markdown > docs/diagnostics.md"


def test_every_code_is_documented_and_explained() -> None:
    page = (REPO / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    for code, entry in CODES.items():
        assert f"## {code}\n" in page
        assert entry.explanation and entry.title


def test_readme_commands_exist() -> None:
    """The README's two set-up commands are what CI runs, word for word."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    commands = re.findall(r"^# [12]\. .*\n(.+)$", readme, re.M)
    assert commands == [
        "bash .ci/setup && .venv/bin/argmap check maps/tokayev.arg",
        ".venv/bin/python -m pytest -q",
    ]
    assert all(command in ci for command in commands)


def test_readme_example_map_and_python_snippet_work(monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```text\n(.*?)```", readme, re.S)
    assert example is not None
    assert [d for d in check_text(example.group(1)) if d.severity is not Severity.INFO] == []
    snippet = re.search(r"```python\n(.*?)```", readme, re.S)
    assert snippet is not None
    monkeypatch.chdir(REPO)
    exec(compile(snippet.group(1), "README.md", "exec"), {})
