"""Tests for argmap.rendering.graphviz and `argmap render`: formats, Graphviz, output, watch."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main
from argmap.errors import GraphvizNotFound
from argmap.interchange import formats
from argmap.interchange.jobs import Job, plan_jobs, run_job, watch
from argmap.rendering.dot import RenderOptions, to_dot
from argmap.rendering.graphviz import RenderError, dot_hash, render, svg_dot_hash
from tests.conftest import REPO
from tests.render_fixtures import CAR_FREE, HANDBUILT, MAPS, ROOT, dot_structure

LANGUAGE_EXAMPLES = re.findall(
    r"```argmap\n(.*?)```", (ROOT / "docs" / "language.md").read_text("utf-8"), re.S
)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}"

GLANCE = LANGUAGE_EXAMPLES[0]
WARNED = 'thesis t: "T"\n  + premise p: "P"\nclaim lonely: "Nobody."\n'
BROKEN = 'thesis t: "T"\n  + premise p: "P"\np supports missing\n'


def run(*args: str) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout_bytes, result.stderr


@pytest.fixture
def no_dot(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A PATH on which there is no Graphviz."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.fixture
def glance(tmp_path: Path) -> Path:
    path = tmp_path / "glance.arg"
    path.write_text(GLANCE, encoding="utf-8")
    return path


def all_maps() -> list[tuple[str, argmap.model.ArgumentMap]]:
    maps = [(f"handbuilt-{name}", m) for name, m in HANDBUILT.items()]
    maps += [(path.stem, argmap.load(path)) for path in MAPS]
    maps += [(f"language-{i}", argmap.loads(text)) for i, text in enumerate(LANGUAGE_EXAMPLES)]
    return maps


# The Python API


def test_dot_and_json_need_no_graphviz(no_dot: None) -> None:
    assert shutil.which("dot") is None
    assert render(CAR_FREE, "dot") == to_dot(CAR_FREE).encode()
    assert json.loads(formats.get("json").write(CAR_FREE))["format"] == "argmap-map"
    assert json.loads(argmap.render(CAR_FREE, "json"))["format"] == "argmap-map"
    options = RenderOptions(theme="mono")
    assert render(CAR_FREE, "dot", options) == to_dot(CAR_FREE, options).encode()


@pytest.mark.parametrize("format", ["svg", "png", "pdf"])
def test_missing_graphviz_raises_with_install_advice(no_dot: None, format: str) -> None:
    with pytest.raises(GraphvizNotFound) as caught:
        render(CAR_FREE, format)
    assert caught.value.exit_code == 2
    assert "apt-get install graphviz" in str(caught.value)
    assert "brew install graphviz" in str(caught.value)
    assert "conda install graphviz" in str(caught.value)


@pytest.mark.needs_dot
def test_render_runs_dot_itself_and_loads_no_watcher(tmp_path: Path) -> None:
    # Start-up is most of a small map's render: `dot` runs without the graphviz package in
    # between, the file watcher is only for --watch, the evaluation stage only for --eval or
    # --as, and the other formats' readers and writers only when they are used.
    script = (
        "import sys\n"
        "from argmap.cli.group import main\n"
        "try:\n"
        "    main(['render', sys.argv[1], '-o', sys.argv[2]])\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        "unused = {'graphviz', 'watchfiles', 'argmap.evaluation.evaluate',\n"
        "          'argmap.evaluation.perspective', 'argmap.interchange.argdown_reader',\n"
        "          'argmap.interchange.aif', 'argmap.interchange.graphml',\n"
        "          'argmap.interchange.microtext', 'argmap.rendering.html'}\n"
        "print(sorted(unused & set(sys.modules)))\n"
    )
    out = tmp_path / "m.svg"
    done = subprocess.run(
        [sys.executable, "-c", script, str(REPO / "maps" / "tokayev.arg"), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == "[]\n"
    assert out.read_bytes().startswith(b"<?xml")


def test_unknown_format() -> None:
    with pytest.raises(RenderError, match="unknown format 'gif'; use one of svg, png, pdf"):
        render(CAR_FREE, "gif")


@pytest.mark.needs_dot
@pytest.mark.slow
@pytest.mark.parametrize(("name", "argument_map"), all_maps(), ids=lambda v: str(v)[:30])
def test_every_map_renders_to_valid_svg_png_and_pdf(
    name: str, argument_map: argmap.model.ArgumentMap
) -> None:
    options = RenderOptions(legend=True)
    svg = render(argument_map, "svg", options)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    node_ids = [g.get("id") for g in root.iter(f"{SVG}g") if g.get("class") == "node"]
    expected = [s.id for s in argument_map.statements] + [a.id for a in argument_map.arguments]
    assert sorted(node_ids) == sorted(expected + [n for n in node_ids if "-" in str(n)])
    assert len(node_ids) == len(set(node_ids))
    assert svg_dot_hash(svg) == dot_hash(to_dot(argument_map, options))
    assert render(argument_map, "png").startswith(PNG_MAGIC)
    pdf = render(argument_map, "pdf")
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")


@pytest.mark.needs_dot
def test_svg_tooltips_say_what_each_node_is() -> None:
    svg = render(CAR_FREE, "svg")
    root = ET.fromstring(svg)
    titles = [a.get("{http://www.w3.org/1999/xlink}title") for a in root.iter(f"{SVG}a")]
    assert (
        "In winter, wood stoves emit more particulates than cars.\nevidence winter_stoves\n"
        "speaker: Retail association\ncite: Air quality report 2023, table 4"
    ) in titles


@pytest.mark.needs_dot
def test_graphviz_failure_is_a_render_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.rendering import graphviz as render_module

    monkeypatch.setattr(render_module, "dot_pieces", lambda *args: iter(["digraph { a -> }"]))
    with pytest.raises(RenderError, match=r"Graphviz failed: .*syntax error"):
        render(CAR_FREE, "svg")


def test_language_examples_draw_every_node() -> None:
    for text in LANGUAGE_EXAMPLES:
        argument_map = argmap.loads(text)
        nodes, _, _ = dot_structure(to_dot(argument_map))
        ids = [s.id for s in argument_map.statements] + [a.id for a in argument_map.arguments]
        assert nodes == [f'"{node_id}"' for node_id in ids]


# Where the output goes


def format_for(path: str) -> str | None:
    found = formats.for_path(path, formats.RENDER, writable=True)
    return found.name if found is not None else None


def test_format_for() -> None:
    assert [format_for(p) for p in ("a.svg", "b.PNG", "c.pdf", "d.dot", "e.gv", "f.json")] == [
        "svg", "png", "pdf", "dot", "dot", "json",
    ]  # fmt: skip
    assert format_for("x.txt") is None and format_for("noext") is None
    assert [format_for(p) for p in ("g.mmd", "h.graphml", "i.HTML", "j.arg")] == [
        "mermaid", "graphml", "html", None,
    ]  # fmt: skip


def test_plan_jobs(tmp_path: Path) -> None:
    a, b = tmp_path / "a.arg", tmp_path / "sub" / "b.arg"
    assert plan_jobs([a]) == [Job(a, tmp_path / "a.svg", "svg")]
    assert plan_jobs([a], format="pdf") == [Job(a, tmp_path / "a.pdf", "pdf")]
    assert plan_jobs([a], output="x.png") == [Job(a, Path("x.png"), "png")]
    assert plan_jobs([a], output="x.png", format="svg") == [Job(a, Path("x.png"), "svg")]
    assert plan_jobs([a], output="-") == [Job(a, None, "svg")]
    assert plan_jobs([a], output="-", format="json") == [Job(a, None, "json")]
    assert plan_jobs([a, b], out_dir="out", format="dot") == [
        Job(a, Path("out/a.dot"), "dot", parents=True),
        Job(b, Path("out/b.dot"), "dot", parents=True),
    ]
    # The folder --out-dir names is created; the folder of -o only with --parents.
    assert plan_jobs([a], output="x/y.png", parents=True) == [Job(a, Path("x/y.png"), "png", True)]
    # A format's first suffix names the file: Mermaid is .mmd.
    assert plan_jobs([a], format="mermaid") == [Job(a, tmp_path / "a.mmd", "mermaid")]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"output": "x.svg", "out_dir": "d"}, "give either one output file or an output folder"),
        ({"output": "x.txt"}, "x.txt: cannot tell the format from the extension"),
        ({"output": "in.arg", "format": "svg"}, "in.arg: refusing to overwrite the input map"),
    ],
)
def test_plan_jobs_refuses(kwargs: dict[str, str], message: str, tmp_path: Path) -> None:
    os.chdir(tmp_path)
    with pytest.raises(RenderError, match=re.escape(message)):
        plan_jobs(["in.arg"], **kwargs)  # type: ignore[arg-type]
    with pytest.raises(RenderError, match="one output file takes one map; give an output folder"):
        plan_jobs(["a.arg", "b.arg"], output="x.svg")


def test_input_never_overwritten_even_through_another_name(tmp_path: Path) -> None:
    source = tmp_path / "map.svg"
    source.write_text(GLANCE, encoding="utf-8")
    with pytest.raises(RenderError, match="refusing to overwrite the input map"):
        plan_jobs([source])  # map.svg would become map.svg
    link = tmp_path / "link.svg"
    link.symlink_to(source)
    with pytest.raises(RenderError, match="refusing to overwrite the input map"):
        plan_jobs([source], output=str(link))


# Atomic output


def test_failed_render_leaves_an_existing_output_untouched(no_dot: None, glance: Path) -> None:
    output = glance.with_suffix(".svg")
    output.write_bytes(b"previous picture")
    with pytest.raises(GraphvizNotFound):
        run_job(Job(glance, output, "svg"))
    assert output.read_bytes() == b"previous picture"
    assert sorted(p.name for p in glance.parent.iterdir()) == [
        "empty-bin",
        "glance.arg",
        "glance.svg",
    ]


def test_map_with_errors_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "broken.arg"
    source.write_text(BROKEN, encoding="utf-8")
    output = tmp_path / "broken.dot"
    output.write_text("old", encoding="utf-8")
    result = run_job(Job(source, output, "dot"))
    assert result.failed and result.data is None
    assert [d.code for d in result.diagnostics] == ["E101"]
    assert output.read_text(encoding="utf-8") == "old"


def test_run_job_writes_and_returns_warnings(glance: Path) -> None:
    output = glance.with_suffix(".dot")
    result = run_job(Job(glance, output, "dot"), RenderOptions(show_ids=True))
    assert not result.failed
    assert output.read_bytes() == result.data
    assert result.data == to_dot(argmap.load(glance), RenderOptions(show_ids=True)).encode()
    assert all(d.severity.value != "error" for d in result.diagnostics)


# Watching


def test_watch_renders_on_each_save_and_survives_errors(glance: Path) -> None:
    output = glance.with_suffix(".dot")
    job = Job(glance, output, "dot")
    events: list[str] = []

    def on_change(source: Path) -> None:
        result = run_job(job)
        events.append("errors" if result.failed else "rendered")

    def saves() -> Iterator[set[Path]]:
        for text in (BROKEN, GLANCE.replace("car-free", "pedestrian")):
            glance.write_text(text, encoding="utf-8")
            yield {glance.resolve()}
        yield {glance.parent.resolve() / "another.arg"}  # not watched: nothing happens

    calls = watch([glance], on_change, changes=saves())
    assert calls == 3
    assert events == ["rendered", "errors", "rendered"]
    assert "pedestrian" in output.read_text(encoding="utf-8")


def test_watch_skips_a_deleted_file_until_it_is_back(glance: Path) -> None:
    seen: list[bool] = []

    def changes() -> Iterator[set[Path]]:
        glance.unlink()
        yield {glance.resolve()}
        glance.write_text(GLANCE + "\n", "utf-8")
        yield {glance.resolve()}

    calls = watch([glance], lambda source: seen.append(source.exists()), changes=changes())
    assert calls == 2 and seen == [True, True]


def test_watch_hears_a_real_save_from_the_operating_system(glance: Path) -> None:
    started, done = threading.Event(), threading.Event()

    def save_until_heard() -> None:
        # The watcher starts just after the first render: save until it has heard one.
        started.wait(10)
        deadline = time.monotonic() + 20
        while not done.is_set() and time.monotonic() < deadline:
            glance.write_text(GLANCE.replace("car-free", "bicycle"), encoding="utf-8")
            done.wait(0.2)

    heard: list[str] = []

    def on_change(source: Path) -> None:
        heard.append(source.read_text(encoding="utf-8"))
        started.set()

    writer = threading.Thread(target=save_until_heard)
    writer.start()
    try:
        calls = watch([glance], on_change, max_changes=1)
    finally:
        done.set()
        writer.join()
    assert calls == 2 and "bicycle" in heard[1]


def test_cli_watch_with_a_bounded_loop(glance: Path) -> None:
    code, _, err = run(
        "render", str(glance), "--format", "dot", "--watch", "--watch-iterations", "0"
    )
    assert code == 0
    assert "argmap: watching for changes; press Ctrl-C to stop" in err
    assert re.search(r"\d\d:\d\d:\d\d wrote .*glance\.dot", err)
    assert glance.with_suffix(".dot").exists()


# The command


def test_cli_render_dot_to_stdout(glance: Path) -> None:
    code, out, err = run("render", str(glance), "-o", "-", "--format", "dot", "--rankdir", "LR")
    assert code == 0
    assert out == to_dot(argmap.load(glance), RenderOptions(rankdir="LR")).encode()
    assert err == ""  # notes (I302 here) are left to `argmap check`


def test_cli_prints_warnings_and_renders(tmp_path: Path) -> None:
    source = tmp_path / "w.arg"
    source.write_text(WARNED, encoding="utf-8")
    code, out, err = run("render", str(source), "-o", "-", "--format", "dot")
    assert code == 0
    assert out == to_dot(argmap.load(source)).encode()
    assert err == (
        f"{source}:3:7: W202 statement 'lonely' is connected to nothing [warning]\n"
        '    3 | claim lonely: "Nobody."\n'
        "      |       ^~~~~~\n"
        "      = hint: relate it to another statement, or remove it\n"
        "\n"
    )


def test_cli_render_every_option(glance: Path) -> None:
    out_file = glance.parent / "out.dot"
    code, _, _ = run(
        "render", str(glance), "-o", str(out_file), "--legend", "--theme", "mono",
        "--show-ids", "--show-tags", "--focus", "cars_pollute", "--rankdir", "TB",
    )  # fmt: skip
    assert code == 0
    options = RenderOptions(
        theme="mono", rankdir="TB", legend=True, show_ids=True, show_tags=True,
        focus="cars_pollute",
    )  # fmt: skip
    assert out_file.read_text("utf-8") == to_dot(argmap.load(glance), options)


def test_cli_default_output_is_beside_the_map(glance: Path) -> None:
    code, out, _ = run("render", str(glance), "--format", "json")
    assert code == 0 and out == b""
    data = json.loads(glance.with_suffix(".json").read_text("utf-8"))
    assert data["metadata"]["title"] == "Car-free city centre"


def test_cli_out_dir_with_several_maps(glance: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.arg"
    other.write_text(LANGUAGE_EXAMPLES[1], encoding="utf-8")
    code, _, _ = run("render", str(glance), str(other), "--out-dir", str(tmp_path / "build"),
                     "--format", "dot")  # fmt: skip
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "build").iterdir()) == ["glance.dot", "other.dot"]


def test_cli_map_with_errors_exits_1_with_the_checkers_messages(tmp_path: Path) -> None:
    source = tmp_path / "broken.arg"
    source.write_text(BROKEN, encoding="utf-8")
    code, out, err = run("render", str(source), "-o", "-", "--format", "dot")
    assert code == 1 and out == b""
    assert err == (
        f"{source}:3:12: E101 the target of this 'supports' relation, 'missing' is not "
        "declared [error]\n"
        "    3 | p supports missing\n"
        "      |            ^~~~~~~\n"
        "      = hint: declare it with a role (for example premise) or fix the id\n"
        "\n"
        f"argmap: error: {source}: the map has errors; not rendered\n"
    )


def test_cli_missing_graphviz_exits_2(no_dot: None, glance: Path) -> None:
    code, _, err = run("render", str(glance), "-o", str(glance.with_suffix(".png")))
    assert code == 2
    assert err.endswith(
        "argmap: error: the Graphviz 'dot' program was not found on PATH; install it with one "
        "of:\n"
        "  apt-get install graphviz   (Debian, Ubuntu)\n"
        "  brew install graphviz      (macOS)\n"
        "  conda install graphviz     (conda)\n"
        "DOT and JSON output (--format dot, --format json) need no Graphviz.\n"
    )
    assert not glance.with_suffix(".png").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.txt"], "x.txt: cannot tell the format from the extension"),
        (["--focus", "nowhere", "-o", "-", "--format", "dot"], "focus 'nowhere': the map has no"),
        (["-o", "{map}", "--format", "svg"], "refusing to overwrite the input map"),
    ],
)
def test_cli_usage_errors_exit_2(glance: Path, args: list[str], message: str) -> None:
    args = [a.replace("{map}", str(glance)) for a in args]
    code, _, err = run("render", str(glance), *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_cli_unreadable_input_exits_2(tmp_path: Path) -> None:
    code, _, err = run("render", str(tmp_path / "nope.arg"), "-o", "-", "--format", "dot")
    assert code == 2
    assert err == f"argmap: error: {tmp_path / 'nope.arg'}: no such file\n"


@pytest.mark.needs_dot
def test_cli_render_svg_png_pdf_by_extension(glance: Path) -> None:
    for suffix, magic in ((".svg", b"<?xml"), (".png", PNG_MAGIC), (".pdf", b"%PDF-")):
        output = glance.with_suffix(suffix)
        code, _, _ = run("render", str(glance), "-o", str(output))
        assert code == 0
        assert output.read_bytes().startswith(magic)
    assert glance.read_text("utf-8") == GLANCE


def test_argmap_render_stays_the_function_after_the_module_is_imported() -> None:
    import argmap.rendering.graphviz

    assert argmap.rendering.graphviz.render is not argmap.render
    assert argmap.render(CAR_FREE, "dot") == to_dot(CAR_FREE).encode()


def test_an_empty_folder_and_clashing_outputs_are_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = run("render", str(tmp_path / "empty"))
    assert (code, err) == (2, "argmap: error: no .arg files to render\n")
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.arg").write_text('claim c: "C"\n', "utf-8")
    code, _, err = run(
        "render",
        str(tmp_path / "a" / "x.arg"),
        str(tmp_path / "b" / "x.arg"),
        "--out-dir",
        str(tmp_path / "out"),
        "--format",
        "dot",
    )
    assert code == 2 and "would both be written to" in err
    assert not (tmp_path / "out").exists()
