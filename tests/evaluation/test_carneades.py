"""Carneades evaluation: proof standards and weights, and Carneades 4's own examples reproduced."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli.group import main
from argmap.errors import InputError
from argmap.evaluation.carneades import ProofStandard, evaluate_carneades
from argmap.evaluation.evaluate import evaluate
from argmap.evaluation.expected import check_expected
from argmap.interchange.carneades_yaml import parse_carneades_yaml
from tests.conftest import DATA, REPO

EXAMPLES = sorted((DATA / "carneades").glob("*.yml"))

# Carneades 4's examples with a `tests:` block that argmap does not reproduce, and why.
NOT_REPRODUCED = {
    # argmap refuses circular support (E106), which these graphs are about.
    "even-loop": "E106",
    "odd-loop": "E106",
    "support-loop": "E106",
    "independent-support-loop": "E106",
    "self-defeat": "E106",
    "unsupported2": "E106",
    # Arguments built by Carneades' rule engine (CHR) from argument schemes.
    "basic_event_calculus": "E401",
    "mcda-porsche": "E401",
    # The `preference` weighing function (lex superior, lex posterior).
    "lex": "E401",
}


def test_the_examples_are_there() -> None:
    assert len(EXAMPLES) == 43
    assert (DATA / "carneades" / "LICENSE").read_text().startswith("Mozilla Public License")


def _imported(path: Path) -> argmap.model.ArgumentMap:
    return parse_carneades_yaml(path.read_text(encoding="utf-8"), str(path)).map


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_each_example_with_tests_is_reproduced_or_listed(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if "\ntests:" not in text:
        assert path.stem not in NOT_REPRODUCED
        return
    model = _imported(path)
    assert any(e.semantics == "carneades" for e in model.expectations)
    errors = [d for d in argmap.check(model) if d.severity.value == "error"]
    if errors:
        assert NOT_REPRODUCED.get(path.stem) == errors[0].code, [d.message for d in errors]
        return
    differences = check_expected(model)
    if path.stem in NOT_REPRODUCED:
        assert differences and NOT_REPRODUCED[path.stem] == "E401"
    else:
        assert differences == [], [d.message for d in differences]


def test_twenty_five_examples_are_reproduced() -> None:
    with_tests = [p for p in EXAMPLES if "\ntests:" in p.read_text(encoding="utf-8")]
    assert len(with_tests) - len(NOT_REPRODUCED) == 25


def test_an_imported_example_converts_to_a_map_that_argmap_check_accepts(tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "jogging.arg"
    result = runner.invoke(
        main, ["convert", str(DATA / "carneades" / "jogging.yml"), "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "argument a1 (weight: factorized): rain -> not_jog" in text
    assert "expect carneades:\n  in: rain, hot, jog\n  out: not_jog\n" in text
    assert runner.invoke(main, ["check", str(target)]).exit_code == 0
    # A wrong expectation is reported by `argmap check`.
    target.write_text(text.replace("out: not_jog", "out: jog"), encoding="utf-8")
    result = runner.invoke(main, ["check", str(target)])
    assert result.exit_code == 1 and "E401 'jog' is IN under carneades semantics" in result.output


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n- b\n", "a Carneades argument graph is a YAML mapping at the top"),
        ("statements: [a, b]\n", "'statements:' is not a mapping"),
        ("issues:\n  i1:\n    positions: [a, b]\n    standard: XYZ\n", "Carneades 4 knows"),
        ("a: [1, 2\n", "not a YAML document"),
        ("a: !!python/object:os.system {}\n", "not a YAML document"),
        ("a: &x [1]\nb: [*x, *x, *x]\n" + "c: [*x]\n" * 120, "more than 100 aliases"),
    ],
)
def test_bad_yaml_is_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_carneades_yaml(text, "bad.yml")


def test_proof_standards_follow_carneades_4() -> None:
    pe, cce, brd, dv = ProofStandard.PE, ProofStandard.CCE, ProofStandard.BRD, ProofStandard.DV
    assert pe.met(0.4, 0.3) and not pe.met(0.3, 0.3)
    assert cce.met(0.9, 0.3) and not cce.met(0.7, 0.3)
    assert brd.met(0.9, 0.2) and not brd.met(1.0, 0.4)
    assert dv.met(0.1, 0.0) and not dv.met(1.0, 0.1)


def weighed(standard: str, pro: str, con: str) -> str:
    text = (
        f'claim guilty (standard: {standard}): "The accused is guilty."\n'
        'claim innocent: "The accused is innocent."\n'
        "guilty contradicts innocent\n"
        f"argument prosecution (weight: {pro}): witness -> guilty\n"
        f"argument defence (weight: {con}): alibi -> innocent\n"
        'evidence witness: "A witness saw the accused."\n'
        'evidence alibi: "A friend says the accused was at home."\n'
    )
    return evaluate_carneades(argmap.loads(text)).labels()["guilty"]


@pytest.mark.parametrize(
    ("standard", "pro", "con", "label"),
    [
        ("pe", "0.6", "0.5", "in"),
        ("cce", "0.6", "0.5", "out"),
        ("cce", "0.9", "0.3", "in"),
        ("brd", "0.9", "0.3", "out"),
        ("brd", "0.9", "0.2", "in"),
        ("dv", "0.9", "0.2", "out"),
    ],
)
def test_a_stricter_standard_needs_a_heavier_case(
    standard: str, pro: str, con: str, label: str
) -> None:
    assert weighed(standard, pro, con) == label


def test_an_assumption_stands_unless_questioned_and_falls_to_a_weighty_attack() -> None:
    base = 'assumption a: "A."\nobjection o: "O."\n'
    assert (
        evaluate(argmap.loads(base + 'claim c: "C."\na supports c\n'), "carneades").labels()["a"]
        == "in"
    )
    attacked = base + "o attacks a\n"
    labels = evaluate_carneades(argmap.loads(attacked)).labels()
    assert labels == {"a": "out", "o": "in"}
    # The attack itself questioned, and defeated: the assumption stands again.
    reinstated = attacked + 'rebuttal r: "R."\nr attacks o\n'
    assert evaluate_carneades(argmap.loads(reinstated)).labels() == {
        "a": "in", "o": "out", "r": "in",
    }  # fmt: skip


def test_a_claim_needs_an_argument_and_weighing_functions_weigh_premises() -> None:
    text = (
        'claim c: "C."\n'
        "argument cumulative_case (weight: cumulative): p + q + r -> c\n"
        'premise p: "P."\nclaim q: "Q."\npremise r: "R."\n'
        'claim unsupported: "Nobody argues for this."\n'
    )
    result = evaluate_carneades(argmap.loads(text))
    assert result.labels()["unsupported"] == "out"
    assert result.verdict("unsupported").reason == "no argument supports it"
    assert result.verdict("cumulative_case").weight == pytest.approx(2 / 3)
    assert result.labels()["c"] == "in"


def test_cli_eval_carneades_and_the_seed_map() -> None:
    result = CliRunner().invoke(
        main, ["eval", str(REPO / "maps" / "tokayev.arg"), "--semantics", "carneades"]
    )
    assert result.exit_code == 0
    assert result.output.startswith("carneades semantics: weights, proof standards and issues")
    lines = {
        line.split()[2]: line for line in result.output.splitlines()[1:] if len(line.split()) > 2
    }
    assert "the case against it (taiwan_differs) wins" in lines["taiwan_compared"]
    assert lines["double_standard"].startswith("IN ")
