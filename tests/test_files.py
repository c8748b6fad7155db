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


def test_write_atomic_writes_through_a_link_and_creates_folders_when_asked(
    tmp_path: Path,
) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old", "utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text("utf-8") == "new"
    with pytest.raises(InputError, match=r"the folder '.*/a' does not exist"):
        write_atomic(tmp_path / "a" / "b" / "c.txt", "deep")
    assert not (tmp_path / "a").exists()
    write_atomic(tmp_path / "a" / "b" / "c.txt", "deep", parents=True)
    assert (tmp_path / "a" / "b" / "c.txt").read_text("utf-8") == "deep"


def test_a_dangling_link_does_not_create_its_targets_folder(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "nowhere" / "x.txt")
    with pytest.raises(InputError):
        write_atomic(link, "x")
    assert not (tmp_path / "nowhere").exists()


# Every command that writes a file, with the file it is asked to write (in a missing folder).
WRITERS = {
    "render": ["render", "m.arg", "-o", "out/maps/m.dot"],
    "render --split": ["render", "m.arg", "--split", "thesis", "--out-dir", "out/maps"],
    "convert": ["convert", "m.arg", "-o", "out/maps/m.json", "--to", "aif"],
    "eval --export-af": ["eval", "m.arg", "--export-af", "out/maps/m.apx"],
    "embed": ["embed", "doc.md", "-o", "out/maps/doc.md", "--to", "mermaid"],
}


@pytest.mark.parametrize("args", WRITERS.values(), ids=WRITERS.keys())
def test_a_missing_output_folder_is_named_unless_parents_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.arg").write_text('thesis t: "T."\n  + premise p: "P."\n', "utf-8")
    (tmp_path / "doc.md").write_text("# D\n\n```argmap\nfile: m.arg\n```\n", "utf-8")
    if "--out-dir" in args:
        # --out-dir names a folder to write into: it is created, as documented.
        code, _ = run(*args)
        assert code == 0
        assert (tmp_path / "out" / "maps" / "m-index.md").is_file()
        return
    code, out = run(*args)
    assert code == 2
    assert "cannot write: the folder 'out' does not exist" in out
    assert "mkdir -p out/maps" in out and "--parents" in out
    assert not (tmp_path / "out").exists()
    code, out = run(*args, "--parents")
    assert code == 0, out
    assert (tmp_path / args[args.index("-o" if "-o" in args else "--export-af") + 1]).is_file()


def test_fmt_writes_in_place_through_the_same_guard(tmp_path: Path) -> None:
    target = tmp_path / "m.arg"
    target.write_text('thesis   t: "T."\n', "utf-8")
    code, _ = run("fmt", str(target))
    assert code == 0 and target.read_text("utf-8") == 'thesis t: "T."\n'


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


# --- Hardening (issue 13): reading is capped while reading, every writer goes through one
# guard, and every operating-system failure is a message.


def test_reading_is_capped_while_reading_not_by_stat(monkeypatch: pytest.MonkeyPatch) -> None:
    """Devices report size 0 to stat: /dev/zero and /dev/urandom are cut off at the cap."""
    from argmap import files

    for device in ("/dev/zero", "/dev/urandom"):
        with pytest.raises(InputError, match="larger than"):
            files.read_bytes(device, limit=1 << 16)
    assert files.read_limited(__import__("io").BytesIO(b"x" * 10), "s", limit=10) == b"x" * 10


def test_standard_input_is_a_path(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from argmap.files import read_source

    class Stdin:
        buffer = io.BytesIO(MAP.encode())

    monkeypatch.setattr(sys, "stdin", Stdin)
    assert read_source("-") == MAP


def test_utf16_and_utf32_with_a_mark_are_read_and_without_one_named(tmp_path: Path) -> None:
    from argmap.files import decode_source

    for encoding in ("utf-16", "utf-32"):
        assert decode_source(MAP.encode(encoding), "m.arg") == MAP
    with pytest.raises(InputError, match="UTF-16 text without a byte-order mark; save it as UTF-8"):
        decode_source(MAP.encode("utf-16-le"), "m.arg")
    with pytest.raises(InputError, match="binary file"):
        decode_source(b"\x89PNG\r\n\x1a\n\x00\x00\x00", "m.arg")


def test_a_loop_of_links_is_a_message_for_every_reader_and_writer(tmp_path: Path) -> None:
    from argmap.files import read_source, same_file

    (tmp_path / "a.arg").symlink_to(tmp_path / "b.arg")
    (tmp_path / "b.arg").symlink_to(tmp_path / "a.arg")
    loop = str(tmp_path / "a.arg")
    with pytest.raises(InputError, match="loop of symbolic links"):
        read_source(loop)
    with pytest.raises(InputError, match="loop of symbolic links"):
        write_atomic(loop, "x")
    assert not same_file(loop, tmp_path / "c.arg")
    good = tmp_path / "m.arg"
    good.write_text(MAP, "utf-8")
    for args in (
        ["check", loop],
        ["fmt", loop],
        ["convert", loop, "-o", str(tmp_path / "x.arg")],
        ["convert", str(good), "-o", loop],
        ["render", loop, "-o", str(tmp_path / "x.dot")],
        ["render", str(good), "-o", loop, "--format", "dot"],
        ["eval", str(good), "--export-af", str(tmp_path / "a.apx")],
    ):
        if args[0] == "eval":
            (tmp_path / "a.apx").symlink_to(tmp_path / "a.apx")
        code, output = run(*args)
        assert code == 2 and "loop of symbolic links" in output and "Traceback" not in output, args


def test_a_full_device_is_a_message_and_exit_2(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="device is full"):
        write_atomic("/dev/full", "x")
    good = tmp_path / "m.arg"
    good.write_text(MAP, "utf-8")
    code, output = run("render", str(good), "-o", "/dev/full", "--format", "dot")
    assert code == 2 and "device is full" in output


def test_every_writer_refuses_a_link_to_its_input(tmp_path: Path) -> None:
    """The guard lives in write_atomic's `inputs`, so eval --export-af is covered too."""
    source = tmp_path / "m.arg"
    source.write_text(MAP, "utf-8")
    with pytest.raises(InputError, match="refusing to overwrite the input"):
        write_atomic(source, "x", inputs=[source])
    for suffix, args in (
        (".apx", ["eval", str(source), "--export-af"]),
        (".arg", ["convert", str(source), "-o"]),
        (".dot", ["render", str(source), "-o"]),
    ):
        link = tmp_path / f"link{suffix}"
        link.unlink(missing_ok=True)
        link.symlink_to(source)
        code, output = run(*args, str(link))
        assert code == 2 and "refusing to overwrite the input" in output, args
        assert source.read_text("utf-8") == MAP
