"""The results cache of `argmap check`: same output, stored outside the project, --no-cache."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import stamp
from argmap.checking.cache import ResultCache, cache_dir
from argmap.cli import main
from tests.conftest import MAPS

BROKEN = 'thesis t: "T"\nclaim c: "C"\nc supports nowhere\n'


def run(tmp_path: Path, *args: str) -> tuple[int, str]:
    with contextlib.chdir(tmp_path):
        result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.output


def test_a_second_check_reads_the_cache_and_prints_the_same(tmp_path: Path) -> None:
    (tmp_path / "m.arg").write_text(BROKEN)
    (tmp_path / "tokayev.arg").write_text((MAPS / "tokayev.arg").read_text("utf-8"))
    first = run(tmp_path, "m.arg", "tokayev.arg")
    stored = sorted(cache_dir().glob("*.json"))
    assert first[0] == 1 and len(stored) == 2
    assert run(tmp_path, "m.arg", "tokayev.arg") == first
    assert run(tmp_path, "--no-cache", "m.arg", "tokayev.arg") == first
    # The cache is used: an entry changed by hand is what the next check reports.
    cache = ResultCache()
    found = cache.get("m.arg", BROKEN)
    assert found is not None and [d.code for d in found] == ["W201", "E101"]
    cache.put("m.arg", BROKEN, [])
    assert run(tmp_path, "m.arg")[0] == 0
    assert run(tmp_path, "--no-cache", "m.arg")[0] == 1
    # ...and an edit is a different key.
    (tmp_path / "m.arg").write_text(BROKEN + "\n")
    assert run(tmp_path, "m.arg")[0] == 1


def test_a_damaged_or_unwritable_cache_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "m.arg").write_text(BROKEN)
    expected = run(tmp_path, "--no-cache", "m.arg")
    assert not list(cache_dir().glob("*.json"))  # --no-cache wrote nothing
    run(tmp_path, "m.arg")
    [entry] = cache_dir().glob("*.json")
    entry.write_text('[{"code": 1}]')
    assert run(tmp_path, "m.arg") == expected
    entry.unlink()
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "m.arg" / "not-a-folder"))
    assert run(tmp_path, "m.arg") == expected


def test_the_cache_lives_outside_the_project_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARGMAP_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/cache")
    assert cache_dir() == Path("/somewhere/cache/argmap")


def test_a_changed_argmap_does_not_serve_what_the_old_code_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "argmap"
    (package / "checking").mkdir(parents=True)
    rules = package / "checking" / "rules.py"
    rules.write_text("RULES = 1\n", encoding="utf-8")
    (package / "__pycache__").mkdir()
    monkeypatch.setattr(stamp, "_PACKAGE", str(package))
    stamps = []
    for change in (None, "RULES = 2\n", None):
        if change is not None:
            rules.write_text(change, encoding="utf-8")
            os.utime(rules, ns=(1, 1))
        monkeypatch.setattr(stamp, "_STAMP", [])
        stamps.append(stamp.code_stamp())
    assert stamps[0] != stamps[1] and stamps[1] == stamps[2]
    # The stamp is part of every key: a result cached before the change is not found after it.
    results = ResultCache(tmp_path / "results")
    monkeypatch.setattr(stamp, "_STAMP", [stamps[0]])
    results.put("m.arg", 'thesis t: "T"\n', [])
    assert results.get("m.arg", 'thesis t: "T"\n') == []
    monkeypatch.setattr(stamp, "_STAMP", [stamps[1]])
    assert results.get("m.arg", 'thesis t: "T"\n') is None
