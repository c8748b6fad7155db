"""The repository stands alone: no test reads outside it, and every test data set is present."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"

# A path that climbs out of the repository: the parent of the repository root, or `..` text.
ESCAPES = re.compile(
    # The team's folder beside the repository, written as a class so this file names it nowhere.
    r"""parents\[(\d+)\]\.parent|(?:REPO|ROOT)\.parent|\.\./sh[a]red|"sh[a]red"|Path\(["']\.\."""
)


def _test_sources() -> list[Path]:
    sources = sorted(p for p in TESTS.rglob("*.py") if p.name != Path(__file__).name)
    assert len(sources) > 20
    return sources


@pytest.mark.parametrize("path", _test_sources(), ids=lambda p: str(p.relative_to(TESTS)))
def test_no_test_reaches_outside_the_repository(path: Path) -> None:
    depth = len(path.relative_to(REPO).parts) - 1  # parents[depth - 1] is the repository root
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        for match in ESCAPES.finditer(line):
            level = match.group(1)
            if level is not None and int(level) + 1 <= depth:
                continue  # parents[k].parent still inside the repository
            pytest.fail(f"{path.name}:{number} reaches outside the repository: {line.strip()}")


@pytest.mark.parametrize(
    ("folder", "pattern", "at_least"),
    [
        ("af/aspartix", "*/*.apx", 20),
        ("aif/araucaria", "*.json", 12),
        ("aif/qt30", "*.json", 3),
        ("microtexts", "*.xml", 10),
        ("seed", "*.txt", 1),
    ],
)
def test_every_data_set_is_in_the_repository(folder: str, pattern: str, at_least: int) -> None:
    found = sorted((TESTS / "data" / folder).glob(pattern))
    assert len(found) >= at_least, f"tests/data/{folder}/{pattern} found {len(found)} files"


def test_every_data_set_names_its_source_and_licence() -> None:
    readme = (TESTS / "data" / "README.md").read_text("utf-8")
    for folder in ("af/aspartix/", "microtexts/", "aif/araucaria/", "aif/qt30/", "seed/"):
        assert f"`{folder}" in readme
    assert (TESTS / "data" / "microtexts" / "LICENSE").is_file()
    assert (TESTS / "data" / "aif" / "araucaria" / "LICENSE").is_file()
