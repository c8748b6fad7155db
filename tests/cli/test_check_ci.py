"""`argmap check` for editors and CI: standard input, GitHub annotations and SARIF."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from argmap.cli import main
from argmap.diagnostics import CODES
from tests.conftest import MAPS

BAD = 'thesis main: "T, with: punctuation"\n  + premise p @mayr: "P"\np supports mian\n'


def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_check_reads_standard_input_named_by_stdin_filename() -> None:
    code, out, _ = run("check", "-", "--stdin-filename", "debate.arg", stdin=BAD)
    assert code == 1
    assert out.startswith("debate.arg:2:15: E103 speaker 'mayr' is not declared [error]\n")
    assert "debate.arg:3:12: E101" in out
    code, out, _ = run("check", "-", stdin=BAD)
    assert "<stdin>:3:12: E101" in out
    code, out, _ = run("check", "-", stdin='thesis t: "T"\n  + premise p: "P"\n')
    assert code == 0 and out.endswith("1 file checked: 0 errors, 0 warnings, 0 notes\n")


def test_standard_input_and_files_together() -> None:
    path = str(MAPS / "four_day_week.arg")
    code, out, _ = run("check", path, "-", "--format", "json", stdin=BAD)
    assert code == 1
    assert json.loads(out)["files"] == [path, "<stdin>"]


def test_bad_standard_input_is_an_input_error() -> None:
    code, _, err = run("check", "-", stdin=b'thesis t: "caf\xe9"\n')
    assert code == 2 and "not valid UTF-8" in err
    code, _, err = run("check", "x.arg", "--stdin-filename", "a.arg")
    assert code == 2 and "only with '-'" in err


def test_github_annotations() -> None:
    code, out, _ = run(
        "check", "-", "--stdin-filename", "maps/a,b.arg", "--format", "github", stdin=BAD
    )
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (
        "::error file=maps/a%2Cb.arg,line=2,col=15,endLine=2,endColumn=19,"
        "title=E103 undeclared speaker::speaker 'mayr' is not declared%0A"
        'hint: declare it: speaker mayr: "Their name"'
    )
    assert any(line.startswith("::error file=maps/a%2Cb.arg,line=3,col=12,") for line in lines)
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    code, out, _ = run("check", str(MAPS / "four_day_week.arg"), "--format", "github")
    assert code == 0
    assert out.splitlines() and all(
        line.startswith(("::warning ", "::notice ")) for line in out.splitlines()
    )


def test_sarif_log() -> None:
    code, out, _ = run(
        "check", "-", "--stdin-filename", "maps/dé bat.arg", "--format", "sarif", stdin=BAD
    )
    assert code == 1
    log = json.loads(out)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run_,) = log["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert run_["tool"]["driver"]["name"] == "argmap"
    assert [rule["id"] for rule in rules] == ["E101", "E103"]
    for rule in rules:
        assert rule["shortDescription"]["text"] == CODES[rule["id"]].title
        assert rule["defaultConfiguration"]["level"] == "error"
    results = run_["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("E103", 1, "error"),
        ("E101", 0, "error"),
    ]
    location = results[1]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "maps/d%C3%A9%20bat.arg"
    # SARIF regions end one past the last character: 'mian' is columns 12 to 15.
    assert location["region"] == {"startLine": 3, "startColumn": 12, "endLine": 3, "endColumn": 16}
    assert "did you mean 'main'?" in results[1]["message"]["text"]


def test_sarif_related_locations_and_notes() -> None:
    text = 'thesis t: "A."\n  + claim c: "B."\nclaim c: "C."\n'
    _, out, _ = run("check", "-", "--format", "sarif", stdin=text)
    (result,) = json.loads(out)["runs"][0]["results"]
    (related,) = result["relatedLocations"]
    assert related["id"] == 1 and related["message"]["text"] == "first declared here"
    assert related["physicalLocation"]["region"]["startLine"] == 2
    _code, out, _ = run("check", str(MAPS / "four_day_week.arg"), "--format", "sarif")
    levels = {r["level"] for r in json.loads(out)["runs"][0]["results"]}
    assert levels <= {"warning", "note"} and levels


def test_check_dash_in_a_real_pipe() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "argmap", "check", "-", "--stdin-filename", "x.arg"],
        input=BAD.encode(),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 1
    assert b"x.arg:3:12: E101" in result.stdout
