"""`argmap convert`: formats from extensions, atomic output, clear errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import loads
from argmap.cli import main
from argmap.interchange.convert import input_format, output_format, to_json
from tests.conftest import DATA

SOURCE = DATA / "aif" / "araucaria" / "nodeset105.json"
MICRO = DATA / "microtexts" / "micro_b001.xml"


def convert(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["convert", *arguments])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_formats_from_extensions() -> None:
    # A .json file is read as argmap's JSON model when it says so, and as AIF otherwise.
    assert [input_format(n) for n in ("a.arg", "a.json", "a.aif.json", "a.xml")] == [
        "arg",
        "json",
        "aif",
        "microtext",
    ]
    assert [output_format(n) for n in ("a.arg", "a.aif.json", "a.argdown", "a.ad")] == [
        "arg",
        "aif",
        "argdown",
        "argdown",
    ]
    assert output_format("a.json", "json") == "json"


def test_aif_to_arg_and_back(tmp_path: Path) -> None:
    arg = tmp_path / "n.arg"
    assert convert(str(SOURCE), "-o", str(arg)) == (0, f"wrote {arg}\n")
    argument_map = loads(arg.read_text(encoding="utf-8"))
    assert len(argument_map.statements) == 6
    aif = tmp_path / "n.aif.json"
    assert convert(str(arg), "-o", str(aif)) == (0, f"wrote {aif}\n")
    again = tmp_path / "again.arg"
    assert convert(str(aif), "-o", str(again)) == (0, f"wrote {again}\n")
    assert again.read_text(encoding="utf-8") == arg.read_text(encoding="utf-8")


def test_microtext_to_argdown_and_json(tmp_path: Path) -> None:
    out = tmp_path / "m.argdown"
    assert convert(str(MICRO), "-o", str(out))[0] == 0
    assert out.read_text(encoding="utf-8").startswith('===\ntitle: "micro_b001"\n')
    model = tmp_path / "m.json"
    assert convert(str(MICRO), "-o", str(model), "--to", "json")[0] == 0
    data = json.loads(model.read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("argmap-map", 1)
    assert [r["kind"] for r in data["relations"]] == ["attacks", "supports", "undercuts"]
    # argmap's JSON model reads back (a .json input that says "argmap-map" is not AIF).
    back = tmp_path / "back.arg"
    assert convert(str(model), "-o", str(back)) == (0, f"wrote {back}\n")
    direct = tmp_path / "direct.arg"
    assert convert(str(MICRO), "-o", str(direct))[0] == 0
    assert back.read_text(encoding="utf-8") == direct.read_text(encoding="utf-8")


def test_warnings_go_to_stderr(tmp_path: Path) -> None:
    source = DATA / "aif" / "qt30" / "nodeset18888.json"
    code, output = convert(str(source), "-o", str(tmp_path / "q.arg"))
    assert code == 0
    assert output.count("warning: argmap has no rephrase relation") == 3
    assert "TA dialogue transition(s) have no counterpart" in output


def test_ambiguous_output_asks_for_to(tmp_path: Path) -> None:
    code, output = convert(str(SOURCE), "-o", str(tmp_path / "x.json"))
    assert code == 2
    assert output == (
        f"argmap: error: {tmp_path / 'x.json'}: a .json output could be AIF or "
        "argmap's JSON model; give --to aif or --to json (or name it .aif.json)\n"
    )
    code, output = convert(str(tmp_path / "x.txt"), "-o", str(tmp_path / "x.arg"))
    assert (code, output) == (
        2,
        f"argmap: error: {tmp_path / 'x.txt'}: cannot tell the input "
        "format from the extension '.txt'; give --from "
        "arg|aif|microtext|argdown|json|carneades\n",
    )
    assert not (tmp_path / "x.json").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "t.json",
            '{"nodes": [{"nodeID": "1", "type": "I", "text": "a"}, {"node',
            "t.json:1:56: not valid JSON (Unterminated string starting at)",
        ),
        (
            "d.json",
            '{"nodes": [{"nodeID": "1", "type": "I", "text": "a"}, {"nodeID": "1", "type": "CA"}]}',
            "d.json: node 1 is declared twice, as a I node and as a CA node",
        ),
        (
            "t.xml",
            "<arggraph id='x'><edu id='e1'>cut",
            "t.xml:1:34: not well-formed XML (no element found)",
        ),
        (
            "c.xml",
            "<arggraph><joint id='j'/><adu id='a' type='pro'/>"
            "<edge id='s' src='j' trg='j' type='seg'/>"
            "<edge id='t' src='j' trg='a' type='seg'/></arggraph>",
            "c.xml: segmentation edges form a cycle at node j (a -> j -> j)",
        ),
    ],
)
def test_bad_input_exit_2_and_no_output(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    target = tmp_path / "out.arg"
    target.write_text("precious\n", encoding="utf-8")
    code, output = convert(str(source), "-o", str(target))
    assert code == 2
    assert output.startswith(f"argmap: error: {tmp_path}/{message}")
    assert target.read_text(encoding="utf-8") == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "out.arg"])


def test_arg_with_syntax_errors_is_not_converted(tmp_path: Path) -> None:
    source = tmp_path / "bad.arg"
    source.write_text('claim c "no colon"\n', encoding="utf-8")
    code, output = convert(str(source), "-o", str(tmp_path / "bad.argdown"))
    assert code == 2
    assert f"{source}:1:" in output
    assert output.endswith(f"argmap: error: {source}: not converted, it does not parse\n")
    assert not (tmp_path / "bad.argdown").exists()


def test_dangling_reference_is_refused_for_export(tmp_path: Path) -> None:
    source = tmp_path / "d.arg"
    source.write_text('claim c: "x"\nc supports ghost\n', encoding="utf-8")
    code, output = convert(str(source), "-o", str(tmp_path / "d.aif.json"))
    assert (code, output) == (
        2,
        f"argmap: error: {source}: the map has errors, so "
        "nothing was written: E101 the target of this 'supports' "
        "relation, 'ghost' is not declared\n",
    )


def test_json_model_is_the_versioned_export() -> None:
    data = json.loads(to_json(loads('claim c: "x"\n')))
    assert data["format"] == "argmap-map"
    assert [s["id"] for s in data["statements"]] == ["c"]


def test_damaged_json_model(tmp_path: Path) -> None:
    source = tmp_path / "m.json"
    source.write_text('{"format": "argmap-map", "version": 1}', encoding="utf-8")
    code, output = convert(str(source), "-o", str(tmp_path / "m.arg"))
    assert code == 2
    assert output.startswith(f"argmap: error: {source}: argmap's JSON model is damaged")
    assert not (tmp_path / "m.arg").exists()


@pytest.mark.parametrize(
    ("table", "field", "value", "message"),
    [
        ("statements", "text", 5, "map.statements[0].text should be str"),
        ("statements", "speaker", 3, "map.statements[0].speaker should be str"),
        ("statements", "tags", "abc", "expected a list, not 'abc'"),
        ("arguments", "premises", "p", "expected a list, not 'p'"),
    ],
)
def test_a_hand_damaged_json_model_is_refused_by_field(
    tmp_path: Path, table: str, field: str, value: object, message: str
) -> None:
    data = json.loads(
        to_json(
            loads(
                'claim c @s: "C"\n  + argument a:\n      premise p: "P"\n      premise q: "Q"\n'
                'speaker s: "S"\n'
            )
        )
    )
    data[table][0][field] = value
    source = tmp_path / "m.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    code, output = convert(str(source), "-o", str(tmp_path / "m.arg"))
    assert code == 2 and message in output and "Traceback" not in output
    assert not (tmp_path / "m.arg").exists()


def test_dash_writes_to_standard_output_and_needs_to(tmp_path: Path) -> None:
    source = tmp_path / "m.arg"
    source.write_text('claim c: "C"\n  + premise p: "P"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", str(source), "-o", "-", "--to", "arg"])
    assert result.exit_code == 0 and result.stdout.startswith('claim c: "C"\n')
    result = CliRunner().invoke(main, ["convert", str(source), "-o", "-"])
    assert result.exit_code == 2 and "give the format with --to" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.arg"]
