"""`argmap embed --to mermaid`: each argmap block becomes a mermaid block a forge can draw."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from argmap import load, loads
from argmap.cli import main
from argmap.interchange.mermaid import to_mermaid
from tests.conftest import MAPS, REPO
from tests.interchange.test_mermaid import mermaid_parse, needs_mermaid

DOCUMENT = """\
# Report

Some prose with a fence that is not a map:

```python
print("left alone")
```

```argmap
caption: The plan
thesis t: "We should <adopt> the plan."
  + premise p: "It is cheap."
```

```argmap
file: cosmological.arg
```
Closing words.
"""


def embed(tmp_path: Path, document: str, *args: str) -> tuple[int, str, str]:
    source = tmp_path / "report.md"
    source.write_text(document, encoding="utf-8")
    shutil.copy(MAPS / "cosmological.arg", tmp_path / "cosmological.arg")
    result = CliRunner().invoke(main, ["embed", str(source), "--to", "mermaid", *args])
    return result.exit_code, result.stdout, result.stderr


def test_blocks_become_mermaid_and_everything_else_stays(tmp_path: Path) -> None:
    code, out, err = embed(tmp_path, DOCUMENT, "-o", str(tmp_path / "out.md"))
    assert out == ""
    assert code == 0 and "error" not in err
    text = (tmp_path / "out.md").read_text(encoding="utf-8")
    inline = to_mermaid(
        loads('thesis t: "We should <adopt> the plan."\n  + premise p: "It is cheap."')
    )
    expected = DOCUMENT.replace(
        DOCUMENT[DOCUMENT.index("```argmap\ncaption") : DOCUMENT.index("```argmap\nfile")],
        f"```mermaid\n{inline}```\n\n*The plan*\n\n",
    ).replace(
        "```argmap\nfile: cosmological.arg\n```\n",
        f"```mermaid\n{to_mermaid(load(MAPS / 'cosmological.arg'))}```\n",
    )
    assert text == expected
    # No Graphviz and no image files: the forge draws the blocks.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cosmological.arg", "out.md", "report.md"]


def test_a_broken_block_is_reported_at_the_documents_line(tmp_path: Path) -> None:
    broken = DOCUMENT.replace('  + premise p: "It is cheap."', "  + premise p: It is cheap.")
    code, out, err = embed(tmp_path, broken)
    assert code == 1 and out == ""
    assert re.search(r"report\.md:12:\d+: E\d{3}", err), err


@needs_mermaid
def test_the_embedded_blocks_parse_as_mermaid(tmp_path: Path) -> None:
    code, out, _ = embed(tmp_path, DOCUMENT)
    assert code == 0
    blocks = re.findall(r"```mermaid\n(.*?)```", out, re.S)
    assert len(blocks) == 2
    assert all(result["ok"] for result in mermaid_parse(blocks))


def test_the_documented_forge_example(tmp_path: Path) -> None:
    page = (REPO / "docs" / "embedding.md").read_text(encoding="utf-8")
    found = dict(
        re.findall(r"<!-- example: (forge-\w+) -->\n````markdown[^\n]*\n(.*?)````", page, re.S)
    )
    assert "$ argmap embed README.src.md --to mermaid -o README.md\n" in page
    source = tmp_path / "README.src.md"
    source.write_text(found["forge-in"], encoding="utf-8")
    result = CliRunner().invoke(
        main, ["embed", str(source), "--to", "mermaid", "-o", str(tmp_path / "README.md")]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == found["forge-out"]
