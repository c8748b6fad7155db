"""The benchmark's map generator (seeded, exact, clean, mirrored in Argdown) and its docs page."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from argmap import check_text, loads
from argmap.model import RelationKind

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", BENCH / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("size", [100, 1_000])
def test_maps_have_exactly_the_size_and_check_clean(generate: ModuleType, size: int) -> None:
    arg_text, _ = generate.generate(size)
    assert check_text(arg_text, "bench.arg") == []
    assert len(loads(arg_text).statements) == size


def test_the_same_seed_gives_the_same_maps(generate: ModuleType) -> None:
    assert generate.generate(1_000) == generate.generate(1_000)
    assert generate.generate(100, seed=1) != generate.generate(100, seed=2)


def test_the_mix_has_every_construct(generate: ModuleType) -> None:
    arg_text, _ = generate.generate(1_000)
    model = loads(arg_text)
    kinds = {relation.kind for relation in model.relations}
    assert kinds == set(RelationKind)
    assert {len(argument.premises) for argument in model.arguments} == {2}
    assert "-> u0_t\n" in arg_text and "argument u0_a4 @" in arg_text  # flat and block forms
    assert re.search(r"^ {18,}- objection", arg_text, re.M)  # nested several levels deep
    assert model.groups and all(s.speaker for s in model.statements)
    assert any(s.tags for s in model.statements) and any(s.cite for s in model.statements)


def test_argdown_twin_defines_the_same_statements_and_arguments(generate: ModuleType) -> None:
    arg_text, argdown_text = generate.generate(1_000)
    model = loads(arg_text)
    defined = re.findall(r"^(?: *(?:[-+_]|><) |\(\d+\) )?\[(\w+)\]: ", argdown_text, re.M)
    assert sorted(defined) == sorted(s.id for s in model.statements)
    arguments = re.findall(r"^<(\w+)>: ", argdown_text, re.M)
    assert sorted(arguments) == sorted(a.id for a in model.arguments)
    assert argdown_text.count("\n----\n") == len(model.arguments)


@pytest.fixture(scope="module")
def run() -> ModuleType:
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_our_section_of_performance_md_is_replaced_and_others_kept(run: ModuleType) -> None:
    page = (
        "# Performance\n\nIntro.\n\n## Parsing, checking and rendering\n\nold table\n\n"
        "## Evaluation\n\neval table\n"
    )
    new = "## Parsing, checking and rendering\n\nnew table\n"
    assert run.replace_section(page, new) == (
        "# Performance\n\nIntro.\n\n## Parsing, checking and rendering\n\nnew table\n\n"
        "## Evaluation\n\neval table\n"
    )
    evaluation_only = "# Performance\n\n## Evaluation\n\neval table\n"
    assert run.replace_section(evaluation_only, new) == evaluation_only + "\n" + new
    assert run.replace_section("", new).endswith("(issue 7).\n\n" + new)


def test_the_targets_of_issue_14_compare_with_argdown_and_across_sizes(run: ModuleType) -> None:
    def result(name: str, size: str, seconds: float, peak: float = 100.0) -> object:
        return run.Result(name, size, [], times=[seconds], peaks_mb=[peak])

    results = [
        result("argmap check", "10,000", 1.0),
        result("Argdown validation", "10,000", 1.5),
        result("argmap check", "100,000", 12.0),
        result("Argdown validation", "100,000", 6.0),
        result("argmap check", "1,000,000", 80.0, peak=1_600.0),
    ]
    rows = {row["target"]: (row["value"], row["met"]) for row in run.targets(results)}
    assert rows["check 10k / Argdown validation 10k"] == (pytest.approx(2 / 3), False)
    assert rows["check 100k / Argdown validation 100k"] == (2.0, False)
    assert rows["check 100k / check 10k (issue 14)"] == (12.0, False)
    assert rows["check 1M wall time"] == (80.0, False)
    assert rows["check 1M peak memory"] == (1_600.0, False)
    assert rows["check 1M / check 100k"] == (pytest.approx(80 / 12), True)
    # Without a 1,000,000-statement run there is no row for it, rather than an unmet one.
    assert not any("1M" in row["target"] for row in run.targets(results[:4]))
