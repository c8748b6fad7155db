"""Outputs are written atomically and safely: links, folders, devices, inputs, bad JSON."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.errors import InputError
from argmap.files import load_json, write_atomic

MAP = 'claim a: "A"\n  + premise b: "B"\n'


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout + result.stderr


def test_write_atomic_writes_through_a_link_and_creates_folders(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old", "utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text("utf-8") == "new"
    write_atomic(tmp_path / "a" / "b" / "c.txt", "deep")
    assert (tmp_path / "a" / "b" / "c.txt").read_text("utf-8") == "deep"


def test_write_atomic_keeps_the_mode_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    target.write_text("old", "utf-8")
    target.chmod(0o600)
    write_atomic(target, b"new")
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]


def test_write_atomic_refuses_a_directory(tmp_path: Path) -> None:
    folder = tmp_path / "out.svg"
    folder.mkdir()
    with pytest.raises(InputError, match="is a directory"):
        write_atomic(folder, "x")


def test_write_atomic_writes_into_a_device_without_replacing_it() -> None:
    write_atomic("/dev/null", "discarded")
    assert not Path("/dev/null").is_file()


def test_load_json_reports_place_and_depth() -> None:
    with pytest.raises(InputError, match=r"x.json:1:2: not valid JSON"):
        load_json("[}", "x.json")
    with pytest.raises(InputError, match="nested too deeply"):
        load_json("[" * 100_000 + "]" * 100_000, "x.json")


def test_no_command_overwrites_its_input(tmp_path: Path) -> None:
    source = tmp_path / "m.arg"
    source.write_text("// keep me\n" + MAP, "utf-8")
    assert run("convert", str(source), "-o", str(source)) == (
        2,
        f"argmap: error: {source}: refusing to overwrite the input file\n",
    )
    document = tmp_path / "doc.md"
    document.write_text("# T\n\n```argmap\n" + MAP + "```\n", "utf-8")
    code, out = run("embed", str(document), "-o", str(document))
    assert code == 2 and "refusing to overwrite the input file" in out
    assert source.read_text("utf-8").startswith("// keep me")
    assert "```argmap" in document.read_text("utf-8")


def test_convert_refuses_an_import_argmap_would_reject(tmp_path: Path) -> None:
    nodes = [
        {"nodeID": n, "type": t, "text": x}
        for n, t, x in [
            ("1", "I", "One"),
            ("2", "I", "Two"),
            ("3", "RA", "Default Inference"),
            ("4", "RA", "Default Inference"),
        ]
    ]
    edges = [
        {"edgeID": str(n), "fromID": f, "toID": t}
        for n, (f, t) in enumerate([("1", "3"), ("3", "2"), ("2", "4"), ("4", "1")])
    ]
    source = tmp_path / "cycle.json"
    source.write_text(json.dumps({"nodes": nodes, "edges": edges, "locutions": []}), "utf-8")
    target = tmp_path / "cycle.arg"
    code, out = run("convert", str(source), "-o", str(target))
    assert code == 2 and "E106 circular support" in out and "nothing was written" in out
    assert not target.exists()
    assert os.listdir(tmp_path) == ["cycle.json"]
