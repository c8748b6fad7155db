"""Preferred extensions by argmap's own search, against the solver and the brute-force oracle."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings

from argmap.evaluation.framework import AbstractFramework, load_framework
from argmap.evaluation.semantics import (
    Extension,
    Semantics,
    iter_extensions,
    names,
    preferred_by_search,
)
from tests.conftest import REPO
from tests.evaluation.test_semantics import DATA, frameworks, oracle

UNLIMITED = 10**9


def by_solver(framework: AbstractFramework) -> set[Extension]:
    return set(iter_extensions(framework, Semantics.PREFERRED))


def by_search(framework: AbstractFramework, budget: int = UNLIMITED) -> set[Extension] | None:
    found = preferred_by_search(framework, UNLIMITED, budget)
    if found is None:
        return None
    assert len(found) == len(set(found))
    return set(found)


@settings(max_examples=300, deadline=None)
@given(frameworks)
def test_the_search_agrees_with_the_definition(
    case: tuple[tuple[str, ...], list[tuple[int, int]]],
) -> None:
    arguments, pairs = case
    framework = AbstractFramework(
        arguments, tuple(dict.fromkeys((str(a), str(b)) for a, b in pairs))
    )
    found = by_search(framework)
    assert found is not None
    assert {frozenset(names(framework, e)) for e in found} == oracle(framework, Semantics.PREFERRED)


def random_framework(rng: random.Random) -> AbstractFramework:
    """Up to 25 arguments; sparse or dense attacks, self-attacks and mutual attacks among them."""
    count = rng.randint(1, 25)
    density = rng.choice([0.02, 0.05, 0.1, 0.2])
    arguments = tuple(f"a{i}" for i in range(count))
    attacks = [(s, t) for s in arguments for t in arguments if rng.random() < density / 2]
    # Real maps' frameworks are full of mutual attacks (contradictions) and short cycles.
    for _ in range(rng.randint(0, count)):
        s, t = rng.choice(arguments), rng.choice(arguments)
        attacks += [(s, t), (t, s)]
    return AbstractFramework(arguments, tuple(dict.fromkeys(attacks)))


@pytest.mark.slow
def test_the_search_agrees_with_clingo_on_a_thousand_random_frameworks() -> None:
    rng = random.Random(14)
    decided = 0
    for _ in range(1_000):
        framework = random_framework(rng)
        found = by_search(framework, budget=20_000)
        if found is None:
            continue
        decided += 1
        assert found == by_solver(framework), framework
    # The comparison is not vacuous: nearly every framework is decided by the search.
    assert decided >= 990


@pytest.mark.parametrize("instance", sorted((DATA / "pref").glob("*.apx")), ids=lambda p: p.stem)
def test_the_search_gives_the_reference_extensions(instance: Path) -> None:
    framework = load_framework(instance)
    found = by_search(framework)
    assert found is not None
    assert found == by_solver(framework)


def test_independent_conflicts_multiply_and_the_limit_cuts_the_list() -> None:
    # Ten separate mutual attacks: 2**10 preferred extensions, each part searched alone.
    pairs = [(f"a{i}", f"b{i}") for i in range(10)]
    arguments = tuple(x for pair in pairs for x in pair)
    attacks = tuple(a for s, t in pairs for a in ((s, t), (t, s)))
    framework = AbstractFramework(arguments, attacks)
    found = preferred_by_search(framework, UNLIMITED, budget=100)
    assert found is not None and len(set(found)) == 1024 and set(found) == by_solver(framework)
    limited = preferred_by_search(framework, 5, budget=100)
    assert limited is not None and len(limited) == 5 and set(limited) <= set(found)


def test_a_search_over_its_budget_gives_way_to_the_solver() -> None:
    # One strongly connected tangle: its complete labellings take more than a few steps.
    rng = random.Random(3)
    arguments = tuple(f"a{i}" for i in range(20))
    attacks = tuple(
        dict.fromkeys((s, t) for s in arguments for t in arguments if s != t and rng.random() < 0.2)
    )
    framework = AbstractFramework(arguments, attacks)
    assert preferred_by_search(framework, UNLIMITED, budget=3) is None
    assert by_search(framework) == by_solver(framework)


def test_the_seed_map_is_evaluated_under_preferred_semantics_without_the_solver() -> None:
    script = (
        "import sys\n"
        "from argmap.language.loading import load\n"
        "from argmap.evaluation.evaluate import evaluate\n"
        "evaluation = evaluate(load(sys.argv[1]), 'preferred')\n"
        "assert evaluation.extensions\n"
        "print('clingo' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(REPO / "maps" / "tokayev.arg")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == "False\n"
