"""Expected outcomes in the map: the syntax, the E401 diagnostics, and the seed map's own."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli.group import main
from argmap.evaluation.expected import check_expected, expectation_semantics, expected_outcomes
from argmap.interchange.json_model import from_data, to_data
from argmap.language.parser import EXPECTATION_SEMANTICS
from argmap.language.printer import to_arg
from argmap.model import Expectation
from tests.conftest import REPO

MAP = (
    'thesis adopt (expect: in): "Adopt the plan."\n'
    '  + premise cheap: "It is cheap."\n'
    'objection hidden: "It has hidden costs."\n'
    "hidden attacks adopt\n"
    "expect preferred:\n"
    "  out: adopt\n"
    "  in: hidden, cheap\n"
)


def test_the_parser_and_the_evaluation_agree_on_the_semantics() -> None:
    assert expectation_semantics() == EXPECTATION_SEMANTICS


def test_expectations_parse_print_and_convert_back_to_an_equal_map() -> None:
    model = argmap.loads(MAP)
    assert model.statements[0].expect == "in"
    assert model.expectations == (
        Expectation("preferred", "out", ("adopt",)),
        Expectation("preferred", "in", ("hidden", "cheap")),
    )
    assert argmap.loads(to_arg(model)) == model
    assert from_data(to_data(model)) == model
    assert [(e.semantics, e.node, e.label) for e in expected_outcomes(model)] == [
        ("grounded", "adopt", "in"),
        ("preferred", "adopt", "out"),
        ("preferred", "hidden", "in"),
        ("preferred", "cheap", "in"),
    ]


def test_each_difference_is_an_e401_at_the_expectation() -> None:
    [diagnostic] = check_expected(argmap.loads(MAP))
    assert diagnostic.code == "E401"
    assert diagnostic.message == (
        "'adopt' is OUT under grounded semantics, but the map expects IN: "
        "defeated by hidden, which is IN"
    )
    assert (diagnostic.span.line, diagnostic.span.column) == (1, 8)
    assert [d.code for d in argmap.check_text(MAP.replace("(expect: in)", "(expect: out)"))] == []


def test_semi_stable_is_written_with_an_underscore() -> None:
    model = argmap.loads(MAP.replace("expect preferred:", "expect semi_stable:"))
    assert model.expectations[0].semantics == "semi-stable"
    assert "expect semi_stable:" in to_arg(model)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('claim c (standard: certain): "C"\n', "'certain' is not a value of 'standard'"),
        ('claim c (expect: maybe): "C"\n', "'maybe' is not a value of 'expect'"),
        ('claim c: "C"\n  + argument a (weight: 2):\n      premise p: "P"\n', "weight 2 is more"),
        ('claim c (raises: 3): "C"\n', "'raises' takes a name, not the number 3"),
        ('claim c: "C"\nexpect nice:\n  in: c\n', "'nice' is not a semantics argmap computes"),
        ('claim c: "C"\nexpect grounded:\n  yes: c\n', "'yes' is not a label"),
    ],
)
def test_bad_values_are_e013_with_the_values_allowed(text: str, message: str) -> None:
    [diagnostic] = [d for d in argmap.check_text(text) if d.code == "E013"]
    assert diagnostic.message.startswith(message)
    assert diagnostic.hint


def test_an_expectation_naming_an_unknown_node_is_e101() -> None:
    found = argmap.check_text('claim c: "C"\nexpect grounded:\n  in: cc\n')
    assert [d.message for d in found if d.code == "E101"] == [
        "expected in (grounded), 'cc' is not declared"
    ]


def test_cli_check_evaluates_expectations_unless_told_not_to(tmp_path: Path) -> None:
    runner = CliRunner()
    with contextlib.chdir(tmp_path):
        with open("m.arg", "w", encoding="utf-8") as handle:
            handle.write(MAP)
        result = runner.invoke(main, ["check", "m.arg"])
        assert result.exit_code == 1 and "E401" in result.output
        assert runner.invoke(main, ["check", "--no-expected", "m.arg"]).exit_code == 0
        result = runner.invoke(main, ["eval", "m.arg", "--check-expected"])
        assert result.exit_code == 1
        assert "1 outcome(s) differ from what the map expects" in result.output


def test_e401_is_the_same_from_the_cache_in_processes_and_on_standard_input(
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    with contextlib.chdir(tmp_path):
        for name in ("m.arg", "n.arg"):
            with open(name, "w", encoding="utf-8") as handle:
                handle.write(MAP)
        fresh = runner.invoke(main, ["check", "--no-cache", "m.arg", "n.arg"])
        assert fresh.exit_code == 1 and fresh.output.count("E401") == 2
        # The first run stores the E401s with the other results; the second reads them back.
        for _ in range(2):
            assert runner.invoke(main, ["check", "m.arg", "n.arg"]).output == fresh.output
        # --no-expected has its own entries: the stored E401s are not reported by it...
        plain = runner.invoke(main, ["check", "--no-expected", "m.arg", "n.arg"])
        assert plain.exit_code == 0 and "E401" not in plain.output
        # ...and do not take the place of the E401s either.
        assert runner.invoke(main, ["check", "m.arg", "n.arg"]).output == fresh.output
        parallel = runner.invoke(main, ["check", "--no-cache", "-j", "2", "m.arg", "n.arg"])
        assert parallel.output == fresh.output
        piped = runner.invoke(main, ["check", "-", "--stdin-filename", "m.arg"], input=MAP)
        assert piped.exit_code == 1 and piped.output.count("E401") == 1


def test_the_seed_map_states_its_expected_outcomes_and_meets_them() -> None:
    seed = argmap.load(REPO / "maps" / "tokayev.arg")
    semantics = {e.semantics for e in seed.expectations}
    assert semantics == {"grounded", "preferred", "carneades"}
    expected = {(e.semantics, e.node, e.label) for e in expected_outcomes(seed)}
    for name in ("grounded", "preferred"):
        assert (name, "double_standard", "in") in expected
        assert (name, "pandora", "in") in expected
        assert (name, "taiwan_compared", "out") in expected
        assert (name, "list_argument", "in") in expected
    assert check_expected(seed) == []
