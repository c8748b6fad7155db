"""Every integration of docs/embedding.md, run with the configuration the page shows."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main
from argmap.embed.blocks import BlockError
from argmap.embed.document import find_fences, split_lines
from argmap.rendering.dot import RenderOptions
from argmap.rendering.graphviz import render
from argmap.rendering.html import svg_element

REPO = Path(__file__).resolve().parents[2]
PAGE = (REPO / "docs" / "embedding.md").read_text(encoding="utf-8")
TITLE = re.compile(r'title="([^"]+)"')


def _titled_blocks() -> dict[str, str]:
    blocks: dict[str, str] = {}
    for fence in find_fences(split_lines(PAGE)):
        match = TITLE.search(fence.info)
        if match:
            assert match.group(1) not in blocks, f"two blocks titled {match.group(1)}"
            blocks[match.group(1)] = fence.body
    return blocks


BLOCKS = _titled_blocks()
PLAN = BLOCKS["maps/plan.arg"]


def _commands(text: str) -> list[list[str]]:
    return [shlex.split(line[2:]) for line in text.splitlines() if line.startswith("$ ")]


def _run(*command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a real tool (mkdocs, sphinx-build) with this checkout importable."""
    # NO_COLOR: Sphinx colours its messages whenever CI is set, and the tests read them.
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=cwd, env=env, capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def _svg(source: str, options: RenderOptions | None = None) -> str:
    return render(argmap.loads(source), "svg", options).decode("utf-8")


def test_the_page_shows_every_configuration() -> None:
    assert sorted(BLOCKS) == sorted(
        [
            "report.md",
            "maps/plan.arg",
            "out/report.md",
            "broken.md",
            "argmap embed broken.md -o out/broken.md",
            "build.py",
            "mkdocs.yml",
            "docs/index.md",
            "mkdocs.yml (superfences)",
            "conf.py",
            "index.rst",
            "a notebook cell",
            # argmap embed --to mermaid, run by tests/embed/test_embed_mermaid.py
            "README.src.md",
            "README.md",
        ]
    )


def test_the_example_map_is_the_one_beside_the_page() -> None:
    assert (REPO / "docs" / "maps" / "plan.arg").read_text(encoding="utf-8") == PLAN


# Markdown files


@pytest.mark.needs_dot
def test_argmap_embed_gives_the_documented_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path, {"report.md": BLOCKS["report.md"], "maps/plan.arg": PLAN})
    (project / "out").mkdir()
    [command] = [c for c in _commands(PAGE) if c[:3] == ["argmap", "embed", "report.md"]]
    assert command == ["argmap", "embed", "report.md", "-o", "out/report.md"]
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, command[1:])
    assert (result.exit_code, result.output) == (0, "")
    assert (project / "out" / "report.md").read_text(encoding="utf-8") == BLOCKS["out/report.md"]
    assert (project / "out" / "report-1.svg").read_text(encoding="utf-8") == _svg(PLAN)
    second = 'claim hidden_costs: "The plan has hidden costs."\n  - rebuttal audited: '
    assert second in BLOCKS["report.md"]
    assert "An independent audit" in (project / "out" / "report-2.svg").read_text()
    assert sorted(p.name for p in (project / "out").iterdir()) == [
        "report-1.svg",
        "report-2.svg",
        "report.md",
    ]


def test_argmap_embed_reports_the_documented_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path, {"broken.md": BLOCKS["broken.md"]})
    (project / "out").mkdir()
    monkeypatch.chdir(project)
    title = "argmap embed broken.md -o out/broken.md"
    result = CliRunner().invoke(main, shlex.split(title)[1:])
    assert result.exit_code == 1
    assert result.stderr == BLOCKS[title]
    assert not (project / "out" / "broken.md").exists()


# Python-Markdown


@pytest.mark.needs_dot
def test_python_markdown_as_documented(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path, {"report.md": BLOCKS["report.md"], "maps/plan.arg": PLAN})
    monkeypatch.chdir(project)
    namespace: dict[str, object] = {}
    exec(BLOCKS["build.py"], namespace)
    html = str(namespace["html"])
    assert html.count('<figure class="argmap">') == 2
    assert html.count("<svg") == 2
    assert '<svg role="img" aria-label="Argument map: Adopt the plan?"' in html
    assert "<figcaption>Ana&#x27;s case and Ben&#x27;s objection</figcaption>" in html
    assert "We should adopt the plan." in html
    assert html.startswith("<h1>Should we adopt the plan?</h1>\n<p>Ana and Ben disagree.</p>")


# MkDocs


@pytest.mark.needs_dot
@pytest.mark.slow
def test_mkdocs_plugin_site(tmp_path: Path) -> None:
    project = _project(
        tmp_path,
        {
            "mkdocs.yml": BLOCKS["mkdocs.yml"],
            "docs/index.md": BLOCKS["docs/index.md"],
            "maps/plan.arg": PLAN,
            "docs/source.md": '# Source\n\n```arg\nthesis t: "x"\n```\n',
        },
    )
    result = _run("mkdocs", "build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert page.count('<figure class="argmap">') == 1
    assert '<svg role="img" aria-label="Argument map: Adopt the plan?"' in page
    assert "An independent audit found no hidden costs." in page
    assert "<figcaption>Ana&#x27;s case and Ben&#x27;s objection</figcaption>" in page
    # show: both puts the highlighted source (inline styles) before the map.
    assert '<span style="color: #008000; font-weight: bold">thesis</span>' in page
    # ```arg blocks are highlighted by Pygments through the registered lexer.
    source = (project / "site" / "source" / "index.html").read_text(encoding="utf-8")
    assert '<span style="color: #008000; font-weight: bold">thesis</span>' in source


@pytest.mark.needs_dot
@pytest.mark.slow
def test_mkdocs_plugin_fails_a_strict_build_at_the_page_line(tmp_path: Path) -> None:
    page = '---\ntitle: Broken\n---\n# Broken\n\n```argmap\nthesis t: "x"\n  - nope\n```\n'
    project = _project(tmp_path, {"mkdocs.yml": BLOCKS["mkdocs.yml"], "docs/index.md": page})
    result = _run("mkdocs", "build", "--strict", cwd=project)
    assert result.returncode == 1
    assert "index.md:8:5: E101 the source of this 'attacks' relation, 'nope'" in result.stderr
    assert "Aborted with 1 warnings in strict mode!" in result.stdout + result.stderr


@pytest.mark.needs_dot
@pytest.mark.slow
def test_superfences_fence_site(tmp_path: Path) -> None:
    page = (
        "# Fences\n\n"
        '```argmap theme="mono"\ncaption: Inline\nthesis t: "Inline thesis."\n'
        '  + premise p: "Inline premise."\n```\n\n'
        "```argmap\nfile: maps/plan.arg\n```\n"
    )
    project = _project(
        tmp_path,
        {
            "mkdocs.yml": BLOCKS["mkdocs.yml (superfences)"],
            "docs/index.md": page,
            "maps/plan.arg": PLAN,
        },
    )
    result = _run("mkdocs", "build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert html.count('<figure class="argmap">') == 2
    assert "Inline premise." in html and "An independent audit found no hidden costs." in html
    assert "<figcaption>Inline</figcaption>" in html
    assert 'fill="#d9d9d9"' in html  # the mono theme's thesis fill, from the fence line


# Sphinx


def _sphinx_project(tmp_path: Path) -> Path:
    return _project(
        tmp_path,
        {"conf.py": BLOCKS["conf.py"], "index.rst": BLOCKS["index.rst"], "maps/plan.arg": PLAN},
    )


@pytest.mark.needs_dot
@pytest.mark.slow
def test_sphinx_html_latex_cache_and_rebuild(tmp_path: Path) -> None:
    project = _sphinx_project(tmp_path)
    result = _run("sphinx", "-W", "-b", "html", ".", "_build/html", cwd=project)
    assert result.returncode == 0, result.stderr
    page = (project / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert page.count('<div class="argmap" style="overflow-x: auto">') == 2
    assert '<svg role="img" aria-label="The plan, its premise and Ben&#x27;s objection"' in page
    assert "An independent audit found no hidden costs." in page
    assert "Ana’s case and Ben’s objection" in page  # the caption, smartened by Sphinx
    assert '<span class="kd">thesis</span>' in page  # the code-block, highlighted
    # Rendered maps are cached under the doctree directory, one file per hash.
    assert [p.parent.name for p in project.rglob("argmap-*.svg")] == ["argmap", "argmap"]

    # An edited map file rebuilds the page that uses it.
    (project / "maps" / "plan.arg").write_text(
        PLAN.replace("The plan is cheap.", "The plan costs almost nothing."), encoding="utf-8"
    )
    result = _run("sphinx", "-W", "-b", "html", ".", "_build/html", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "1 changed" in result.stdout
    page = (project / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "The plan costs almost nothing." in page
    assert "The plan is cheap." not in page
    assert len(list(project.rglob("argmap-*.svg"))) == 3

    result = _run("sphinx", "-W", "-b", "latex", ".", "_build/latex", cwd=project)
    assert result.returncode == 0, result.stderr
    tex = next((project / "_build" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    includes = re.findall(r"\\sphinxincludegraphics\{(argmap-[0-9a-f]{16}\.pdf)\}", tex)
    assert len(includes) == 2
    for name in includes:
        assert (project / "_build" / "latex" / name).read_bytes().startswith(b"%PDF")


@pytest.mark.needs_dot
@pytest.mark.slow
def test_sphinx_map_errors_are_warnings_at_the_map_lines(tmp_path: Path) -> None:
    project = _sphinx_project(tmp_path)
    last = '      - rebuttal audited @ana: "An independent audit found no hidden costs."\n'
    assert PLAN.endswith(last) and PLAN.count("\n") == 9
    (project / "maps" / "plan.arg").write_text(PLAN.replace(last, "      - audit\n"))
    rst = BLOCKS["index.rst"].replace(
        '     - rebuttal audited: "An independent audit found no hidden costs."', "     - nobody"
    )
    (project / "index.rst").write_text(rst, encoding="utf-8")
    result = _run("sphinx", "-b", "html", ".", "_build/html", cwd=project)
    assert result.returncode == 0
    warnings = sorted(line for line in result.stderr.splitlines() if "WARNING" in line)
    assert warnings == [
        f"{project}/index.rst:13: WARNING: E101 the source of this 'attacks' relation, "
        "'nobody' is not declared [argmap]",
        f"{project}/maps/plan.arg:9: WARNING: E101 the source of this 'attacks' relation, "
        "'audit' is not declared [argmap]",
    ]
    result = _run("sphinx", "-W", "-b", "html", ".", "_build/strict", cwd=project)
    assert result.returncode != 0


@pytest.mark.needs_dot
@pytest.mark.slow
def test_sphinx_follows_a_named_import_inside_srcdir_only(tmp_path: Path) -> None:
    charter = 'speaker un: "United Nations"\nstatement integrity @un: "Borders hold."\n'
    top = 'import "charter.arg" as un\nthesis t @un: "Inside, by name."\nun.integrity supports t\n'
    leak = 'import "../../secret.arg" as s\nthesis t: "T"\ns.x supports t\n'
    rst = "Maps\n====\n\n.. argmap:: maps/top.arg\n\n.. argmap:: maps/leak.arg\n"
    project = _project(
        tmp_path / "site",
        {
            "conf.py": BLOCKS["conf.py"],
            "index.rst": rst,
            "maps/charter.arg": charter,
            "maps/top.arg": top,
            "maps/leak.arg": leak,
        },
    )
    (tmp_path / "secret.arg").write_text('claim x: "ghp_do_not_publish"\n', encoding="utf-8")
    result = _run("sphinx", "-b", "html", ".", "_build/html", cwd=project)
    assert result.returncode == 0, result.stderr
    page = (project / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "Inside, by name." in page and "Borders hold." in page
    assert "ghp_do_not_publish" not in page
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    assert any(f"{project}/maps/leak.arg:1: WARNING: E011" in line for line in warnings), warnings


# Jupyter


@pytest.mark.needs_dot
def test_jupyter_display_and_cell_magic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("IPython")
    from IPython.core.interactiveshell import InteractiveShell

    project = _project(tmp_path, {"maps/plan.arg": PLAN})
    monkeypatch.chdir(project)
    shell = InteractiveShell.instance()
    shell.run_cell("import argmap\nplan_map = argmap.load('maps/plan.arg')")
    data, _ = shell.display_formatter.format(shell.user_ns["plan_map"])
    assert data["image/svg+xml"].startswith("<svg")
    assert "An independent audit found no hidden costs." in data["image/svg+xml"]
    assert data["text/plain"] == (
        "<ArgumentMap 'Adopt the plan?': 4 statements, 0 arguments, 3 relations>"
    )

    shell.run_line_magic("load_ext", "argmap.embed.jupyter")
    line, cell = BLOCKS["a notebook cell"].split("\n", 1)
    assert line.startswith("%%argmap ")
    view = shell.run_cell_magic("argmap", line.removeprefix("%%argmap "), cell)
    data, _ = shell.display_formatter.format(view)
    expected = svg_element(_svg(cell, RenderOptions(theme="mono", rankdir="LR")))
    assert data["image/svg+xml"] == expected
    assert shell.user_ns["plan"] == argmap.loads(cell)


def test_the_cell_magic_reports_problems_at_cell_lines(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from argmap.embed.jupyter import run_cell

    assert run_cell("", 'thesis t: "x"\n  + premise p: "y"\n  - nope\n') is None
    assert capsys.readouterr().err.startswith(
        "<cell>:3:5: E101 the source of this 'attacks' relation, 'nope' is not declared"
    )
    assert run_cell("--theme blue", 'thesis t: "x"\n') is None
    assert "invalid choice: 'blue'" in capsys.readouterr().err
    assert run_cell("--colour", 'thesis t: "x"\n') is None
    assert capsys.readouterr().err == "%%argmap: unknown option '--colour'\n"


# A standalone page and the command line


@pytest.mark.needs_dot
def test_the_documented_html_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.rendering.html import to_html

    project = _project(tmp_path, {"maps/plan.arg": PLAN})
    monkeypatch.chdir(project)
    [command] = [c for c in _commands(PAGE) if c[:2] == ["argmap", "render"]]
    assert command == ["argmap", "render", "maps/plan.arg", "-o", "plan.html"]
    result = CliRunner().invoke(main, command[1:])
    assert (result.exit_code, result.output) == (0, "")
    assert (project / "plan.html").read_text(encoding="utf-8") == to_html(argmap.loads(PLAN))


def test_the_documented_pygmentize_command(tmp_path: Path) -> None:
    project = _project(tmp_path, {"maps/plan.arg": PLAN})
    [command] = [c for c in _commands(PAGE) if c[0] == "pygmentize"]
    assert command == ["pygmentize", "-l", "arg", "-f", "terminal", "maps/plan.arg"]
    result = _run("pygments", *command[1:], cwd=project)
    assert result.returncode == 0, result.stderr
    assert "\x1b[" in result.stdout  # coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", result.stdout) == PLAN


# Without Graphviz


def test_without_graphviz_each_integration_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.embed.jupyter import mimebundle
    from argmap.embed.markdown_ext import block_html

    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    # A map no other test draws, so no cached drawing hides the missing program.
    source = 'thesis only_here: "Drawn without Graphviz?"\n  + premise p: "No."\n'
    bundle = mimebundle(argmap.loads(source))
    assert list(bundle) == ["text/plain"]
    assert bundle["text/plain"].startswith(
        "<ArgumentMap 'untitled': 2 statements, 0 arguments, 1 relations>\n"
        "(not drawn: the Graphviz 'dot' program was not found on PATH"
    )
    html = block_html(source)
    assert html.startswith('<pre class="argmap-errors">&lt;markdown&gt;:1: the Graphviz')
    (tmp_path / "d.md").write_text(f"```argmap\n{source}```\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["embed", str(tmp_path / "d.md")])
    assert result.exit_code == 2
    assert result.stderr.startswith("argmap: error: the Graphviz 'dot' program was not found")


@pytest.mark.slow
def test_sphinx_without_graphviz_warns(tmp_path: Path) -> None:
    project = _project(tmp_path, {"conf.py": BLOCKS["conf.py"], "index.rst": (
        ".. argmap::\n\n   thesis t: \"Sphinx without dot.\"\n     + premise p: \"Yes.\"\n"
    )})  # fmt: skip
    (project / "bin").mkdir()
    env = dict(os.environ, PYTHONPATH=str(REPO), PATH=str(project / "bin"))
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", ".", "_build/html"], cwd=project, env=env,
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "WARNING: argmap: the Graphviz 'dot' program was not found" in result.stderr
    page = (project / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "[Argument map]" in page


@pytest.mark.needs_dot
@pytest.mark.slow
def test_sphinx_options_focus_legend_show_and_the_text_builder(tmp_path: Path) -> None:
    rst = (
        "Options\n=======\n\n"
        ".. argmap:: maps/plan.arg\n   :focus: hidden_costs\n   :legend:\n   :show: both\n"
    )
    project = _project(
        tmp_path, {"conf.py": BLOCKS["conf.py"], "index.rst": rst, "maps/plan.arg": PLAN}
    )
    result = _run("sphinx", "-W", "-b", "html", ".", "_build/html", cwd=project)
    assert result.returncode == 0, result.stderr
    page = (project / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert "It has hidden costs." in svg and "An independent audit" in svg
    assert "The plan is cheap." not in svg  # focus: only what bears on hidden_costs
    assert ">attacks</text>" in svg  # the legend, in the drawing's heading
    assert '<div class="highlight-argmap notranslate">' in page  # show: both lists the file
    assert page.index("highlight-argmap") < page.index("<svg")
    result = _run("sphinx", "-W", "-b", "text", ".", "_build/text", cwd=project)
    assert result.returncode == 0, result.stderr
    text = (project / "_build" / "text" / "index.txt").read_text(encoding="utf-8")
    assert "[Argument map: Adopt the plan?]" in text


@pytest.mark.slow
def test_sphinx_option_problems_point_at_the_option_line(tmp_path: Path) -> None:
    rst = "Options\n=======\n\n.. argmap:: maps/plan.arg\n   :legend:\n   :focus: hiden_costs\n"
    project = _project(
        tmp_path, {"conf.py": BLOCKS["conf.py"], "index.rst": rst, "maps/plan.arg": PLAN}
    )
    result = _run("sphinx", "-b", "html", ".", "_build/html", cwd=project)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    assert warnings == [
        f"{project}/index.rst:6: WARNING: E013 focus 'hiden_costs': the map has no node with "
        "this id (hint: did you mean 'hidden_costs'?) [argmap]"
    ]
    page = (project / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    # The page shows the problem as `argmap check` does: place, the option's line, a caret.
    assert "index.rst:6:12: E013" in page
    assert "    6 |    :focus: hiden_costs\n      |            ^~~~~~~~~~~" in page


@pytest.mark.needs_dot
def test_the_cell_magic_can_show_the_source() -> None:
    from argmap.embed.jupyter import run_cell

    cell = 'thesis t: "Shown."\n  + premise p: "Because."\n'
    view = run_cell("--show both", cell)
    assert view is not None
    bundle = view._repr_mimebundle_()
    assert sorted(bundle) == ["image/svg+xml", "text/html", "text/plain"]
    assert bundle["text/plain"] == cell
    html = bundle["text/html"]
    assert html.index("argmap-source") < html.index('<figure class="argmap">')
    view = run_cell("--show source", cell)
    assert view is not None
    assert sorted(view._repr_mimebundle_()) == ["text/html", "text/plain"]


def test_the_directive_and_the_magic_take_every_header_key() -> None:
    from argmap.embed.jupyter import _parser
    from argmap.embed.sphinx import ArgmapDirective
    from argmap.language.vocabulary import HEADER_KEYS

    settings = {key for key in HEADER_KEYS if key != "file"}
    assert settings <= set(ArgmapDirective.option_spec)
    magic = {action.dest.replace("_", "-") for action in _parser()._actions}
    # alt and caption belong to a figure in a page; a notebook cell shows no caption.
    assert settings - {"alt", "caption"} <= magic


@pytest.mark.needs_dot
def test_the_cell_magic_takes_the_views(capsys: pytest.CaptureFixture[str]) -> None:
    from argmap.embed.jupyter import run_cell

    cell = (
        'speaker ann: "Ann"\nthesis t @ann: "Shown."\n  + premise p: "Because."\n'
        '  - objection o: "Hidden."\n'
    )
    view = run_cell("--focus t --depth 1 --only-speakers ann --color-by speaker", cell)
    assert view is not None
    assert view.settings.render_options().only_speakers == ("ann",)
    assert (view.settings.depth, view.settings.color_by) == (1, "speaker")
    svg = view._repr_mimebundle_()["image/svg+xml"]
    assert "Shown." in svg and "Hidden." not in svg
    assert run_cell("--overview --depth 1", cell) is None
    assert "<cell>: E013 depth counts steps from the focus" in capsys.readouterr().err
    assert run_cell("--labels short", cell) is None
    assert "invalid choice: 'short'" in capsys.readouterr().err


@pytest.mark.needs_dot
@pytest.mark.slow
def test_sphinx_options_take_the_views(tmp_path: Path) -> None:
    rst = (
        "Views\n=====\n\n"
        ".. argmap:: maps/plan.arg\n   :only-speakers: ben\n   :color-by: speaker\n\n"
        ".. argmap:: maps/plan.arg\n   :focus: adopt\n   :depth: 1\n   :only-groups: Nope\n"
    )
    project = _project(
        tmp_path, {"conf.py": BLOCKS["conf.py"], "index.rst": rst, "maps/plan.arg": PLAN}
    )
    result = _run("sphinx", "-b", "html", ".", "_build/html", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "index.rst:11: WARNING: E013 only-groups: the map has no group 'Nope'" in result.stderr
    page = (project / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 1
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert "It has hidden costs." in svg and "The plan is cheap." not in svg


def test_the_markdown_extension_takes_view_defaults() -> None:
    from argmap.embed.markdown_ext import ArgmapExtension

    extension = ArgmapExtension(color_by="speaker", groups="none", labels="title")
    defaults = extension.defaults()
    assert (defaults.color_by, defaults.groups, defaults.labels) == ("speaker", "none", "title")
    with pytest.raises(BlockError, match="color-by must be one of auto, role, speaker, tag"):
        ArgmapExtension(color_by="party").defaults()


@pytest.mark.needs_dot
@pytest.mark.slow
def test_mkdocs_plugin_view_defaults(tmp_path: Path) -> None:
    config = BLOCKS["mkdocs.yml"].replace("  - argmap:\n", "  - argmap:\n      groups: nonsense\n")
    assert "groups: nonsense" in config
    page = "# P\n\n```argmap\nfile: ../maps/plan.arg\n```\n"
    files = {"mkdocs.yml": config, "docs/index.md": page, "maps/plan.arg": PLAN}
    result = _run("mkdocs", "build", "--strict", cwd=_project(tmp_path, files))
    assert result.returncode == 1
    assert "groups" in result.stderr and "nonsense" in result.stderr
