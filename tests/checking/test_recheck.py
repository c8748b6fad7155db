"""`argmap check` after an edit re-parses only the changed items, with the same output."""

from __future__ import annotations

import contextlib
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.checking.batch import check_source
from argmap.checking.cache import cache_dir
from argmap.cli import main
from argmap.cli.check import expected_outcomes
from argmap.lsp import incremental
from tests.conftest import MAPS


def run(folder: Path, *args: str) -> tuple[int, str]:
    with contextlib.chdir(folder):
        result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.output


def test_a_one_line_edit_parses_one_item_and_reports_what_a_fresh_check_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (MAPS / "tokayev.arg").read_text(encoding="utf-8")
    path = str(tmp_path / "tokayev.arg")
    built: list[str] = []
    build = incremental.Analyzer._build

    def counting(self: incremental.Analyzer, item: str) -> incremental._Item:
        built.append(item)
        return build(self, item)

    monkeypatch.setattr(incremental.Analyzer, "_build", counting)
    first = incremental.recheck(text, path, None, tmp_path)
    assert first == check_source(text, path) and len(built) > 20
    stored = list(tmp_path.glob("items-*.bin"))
    assert len(stored) == 1
    for edited in (
        text.replace("Kassym-Jomart Tokayev", "K.-J. Tokayev"),  # typing in a text
        text.replace("speaker putin:", "speaker putin_v:"),  # a speaker renamed: W207, E103
        "// a new first line\n" + text.replace("(raises: said)", ""),
    ):
        built.clear()
        found = incremental.recheck(edited, path, None, tmp_path)
        assert found == check_source(edited, path)
        assert len(built) <= 2, built
    # A damaged store is ignored: everything is parsed again, with the same result.
    stored[0].write_bytes(b"not what was stored")
    built.clear()
    assert incremental.recheck(text, path, None, tmp_path) == first and len(built) > 20


def test_errors_and_expected_outcomes_are_checked_afresh(tmp_path: Path) -> None:
    path = str(tmp_path / "m.arg")
    broken = 'thesis t: "T"\nclaim c "C"\n'
    assert incremental.recheck(broken, path, None, tmp_path) == check_source(broken, path)
    text = (MAPS / "tokayev.arg").read_text(encoding="utf-8")  # it expects outcomes
    wrong = text.replace("out: taiwan_compared,", "in: taiwan_compared,", 1)
    found = incremental.recheck(wrong, path, expected_outcomes, tmp_path)
    assert found == check_source(wrong, path, expected_outcomes)
    assert "E401" in {d.code for d in found}


def test_the_command_line_keeps_the_items_and_no_cache_skips_them(tmp_path: Path) -> None:
    text = 'speaker s: "S"\nthesis t @s: "T"\nclaim c: "C"\nc supports t\nc supports nowhere\n'
    (tmp_path / "m.arg").write_text(text, encoding="utf-8")
    first = run(tmp_path, "m.arg")
    assert first[0] == 1 and "E101" in first[1]
    assert len(list(cache_dir().glob("items-*.bin"))) == 1
    (tmp_path / "m.arg").write_text(text.replace("nowhere", "t"), encoding="utf-8")
    assert run(tmp_path, "m.arg") == run(tmp_path, "--no-cache", "m.arg")
    assert run(tmp_path, "m.arg")[0] == 0


class _Planted:
    """What a planted store entry would run as it is unpickled, if it were let through."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (print, ("planted code ran",))


def test_a_store_entry_naming_anything_but_an_item_is_refused_and_parsed_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = 'thesis t: "T"\n  + premise p: "P"\n'
    path = str(tmp_path / "m.arg")
    first = incremental.recheck(text, path, None, tmp_path)
    (store,) = tmp_path.glob("items-*.bin")
    next_key, items = incremental._read_store(store.read_bytes())
    assert set(items) and all(isinstance(data, bytes) for data in items.values())
    planted = {item: pickle.dumps(_Planted()) for item in items}
    store.write_bytes(incremental._store_bytes(next_key, planted))
    assert incremental.recheck(text, path, None, tmp_path) == first
    assert "planted code ran" not in capsys.readouterr().out
    # What the check wrote back is the real items again, which load without a parse.
    _, rewritten = incremental._read_store(store.read_bytes())
    assert set(rewritten) == set(items) and rewritten != planted


def test_a_truncated_or_foreign_store_is_ignored(tmp_path: Path) -> None:
    text = 'thesis t: "T"\n'
    path = str(tmp_path / "m.arg")
    first = incremental.recheck(text, path, None, tmp_path)
    (store,) = tmp_path.glob("items-*.bin")
    whole = store.read_bytes()
    for damaged in (whole[:-3], whole[:20], b"\x80\x04garbage", b""):
        store.write_bytes(damaged)
        assert incremental.recheck(text, path, None, tmp_path) == first
