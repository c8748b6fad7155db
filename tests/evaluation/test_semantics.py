"""Semantics: the ASPARTIX reference extensions, a brute-force oracle, and the ICCMA tasks."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import InputError
from argmap.evaluation.framework import AbstractFramework, load_framework, loads_framework
from argmap.evaluation.semantics import (
    ICCMA_SEMANTICS,
    Label,
    Semantics,
    extensions,
    format_answer,
    grounded_labelling,
    h_categoriser,
    iter_extensions,
    names,
    solve_task,
)

DATA = Path(__file__).resolve().parents[1].parent / "tests" / "data" / "af" / "aspartix"
FOLDERS = {
    "com": Semantics.COMPLETE,
    "grounded": Semantics.GROUNDED,
    "ideal": Semantics.IDEAL,
    "pref": Semantics.PREFERRED,
    "semi": Semantics.SEMI_STABLE,
    "stable": Semantics.STABLE,
    "stage": Semantics.STAGE,
}
INSTANCES = sorted(DATA.glob("*/*.apx"))


def read_solutions(path: Path) -> set[frozenset[str]]:
    """Parse `[[a,b],[c]]`; `[]` is no extension at all, `[[]]` one empty extension."""
    text = path.read_text().strip()
    assert text.startswith("[") and text.endswith("]"), text
    inner = text[1:-1].strip()
    return {
        frozenset(x.strip() for x in group.split(",") if x.strip())
        for group in re.findall(r"\[([^\[\]]*)\]", inner)
    }


def test_every_semantics_folder_is_present() -> None:
    assert {p.parent.name for p in INSTANCES} == set(FOLDERS)
    assert len(INSTANCES) == 108


@pytest.mark.parametrize(
    "instance", INSTANCES, ids=[f"{p.parent.name}/{p.stem}" for p in INSTANCES]
)
def test_reference_extensions(instance: Path) -> None:
    framework = load_framework(instance)
    expected = read_solutions(instance.with_name(instance.name + ".sols"))
    semantics = FOLDERS[instance.parent.name]
    found = [frozenset(names(framework, e)) for e in iter_extensions(framework, semantics)]
    assert len(found) == len(set(found))  # streamed, so never repeated
    assert set(found) == expected


# ---------------------------------------------------------------------------------------------
# A brute-force oracle, straight from the definitions, on small frameworks.


def oracle(framework: AbstractFramework, semantics: Semantics) -> set[frozenset[str]]:
    args = framework.arguments
    att = set(framework.attacks)

    def attacked_by(s: frozenset[str]) -> set[str]:
        return {b for a, b in att if a in s}

    def conflict_free(s: frozenset[str]) -> bool:
        return not any((a, b) in att for a in s for b in s)

    def defends(s: frozenset[str], x: str) -> bool:
        return all(a in attacked_by(s) for a, b in att if b == x)

    subsets = [frozenset(c) for r in range(len(args) + 1) for c in itertools.combinations(args, r)]
    cf = [s for s in subsets if conflict_free(s)]
    adm = [s for s in cf if all(defends(s, x) for x in s)]
    com = [s for s in adm if all(x in s for x in args if defends(s, x))]

    def maximal(sets: list[frozenset[str]], key: object) -> list[frozenset[str]]:
        k = key  # type: ignore[assignment]
        return [s for s in sets if not any(k(s) < k(t) for t in sets)]  # type: ignore[operator]

    def rng(s: frozenset[str]) -> frozenset[str]:
        return s | attacked_by(s)

    if semantics is Semantics.COMPLETE:
        return set(com)
    if semantics is Semantics.GROUNDED:
        return {min(com, key=len)}
    if semantics is Semantics.STABLE:
        return {s for s in cf if rng(s) == set(args)}
    if semantics is Semantics.PREFERRED:
        return set(maximal(adm, lambda s: s))
    if semantics is Semantics.SEMI_STABLE:
        return set(maximal(com, rng))
    if semantics is Semantics.STAGE:
        return set(maximal(cf, rng))
    preferred = maximal(adm, lambda s: s)
    common = frozenset.intersection(*preferred)
    return {max((s for s in adm if s <= common), key=len)}


frameworks = st.integers(min_value=0, max_value=6).flatmap(
    lambda n: st.tuples(
        st.just(tuple(str(i) for i in range(1, n + 1))),
        st.lists(st.tuples(st.integers(1, max(n, 1)), st.integers(1, max(n, 1))), max_size=n * n)
        if n
        else st.just([]),
    )
)


@settings(max_examples=150, deadline=None)
@given(frameworks, st.sampled_from(list(Semantics)))
def test_semantics_agree_with_brute_force(
    case: tuple[tuple[str, ...], list[tuple[int, int]]], semantics: Semantics
) -> None:
    arguments, pairs = case
    attacks = tuple(dict.fromkeys((str(a), str(b)) for a, b in pairs))
    framework = AbstractFramework(arguments, attacks)
    streamed = list(iter_extensions(framework, semantics))
    assert len(streamed) == len(set(streamed))
    found = {frozenset(names(framework, e)) for e in extensions(framework, semantics)}
    assert found == oracle(framework, semantics)


CODES = {semantics: code for code, semantics in ICCMA_SEMANTICS.items()}


def check_queries(
    framework: AbstractFramework,
    semantics: Semantics,
    expected: set[frozenset[str]],
    arguments: tuple[str, ...] | None = None,
) -> None:
    """DC and DS answers (by direct queries) and their certificates against the extensions."""
    code = CODES[semantics]
    for argument in framework.arguments if arguments is None else arguments:
        credulous = solve_task(framework, f"DC-{code}", argument)
        assert credulous.accepted == any(argument in e for e in expected), (code, argument)
        if credulous.accepted:
            assert credulous.certificate is not None
            assert frozenset(credulous.certificate) in expected
            assert argument in credulous.certificate
        sceptical = solve_task(framework, f"DS-{code}", argument)
        assert sceptical.accepted == all(argument in e for e in expected), (code, argument)
        if not sceptical.accepted:
            assert sceptical.certificate is not None
            assert frozenset(sceptical.certificate) in expected
            assert argument not in sceptical.certificate


@settings(max_examples=80, deadline=None)
@given(frameworks, st.sampled_from(list(Semantics)))
def test_queries_agree_with_brute_force(
    case: tuple[tuple[str, ...], list[tuple[int, int]]], semantics: Semantics
) -> None:
    arguments, pairs = case
    attacks = tuple(dict.fromkeys((str(a), str(b)) for a, b in pairs))
    framework = AbstractFramework(arguments, attacks)
    check_queries(framework, semantics, oracle(framework, semantics))


@pytest.mark.parametrize(
    "instance", INSTANCES, ids=[f"{p.parent.name}/{p.stem}" for p in INSTANCES]
)
def test_reference_queries(instance: Path) -> None:
    framework = load_framework(instance)
    expected = read_solutions(instance.with_name(instance.name + ".sols"))
    # Three arguments per instance, spread over it, keep the suite quick; the brute-force
    # test above asks about every argument of small frameworks.
    every = framework.arguments
    chosen = tuple(dict.fromkeys(every[i * len(every) // 3] for i in range(3))) if every else ()
    check_queries(framework, FOLDERS[instance.parent.name], expected, chosen)


def test_grounded_labelling_of_a_chain_and_a_cycle() -> None:
    framework = loads_framework("p af 6\n1 2\n2 3\n3 4\n5 6\n6 5\n", "i23")
    assert [label.value for label in grounded_labelling(framework)] == [
        "in",
        "out",
        "in",
        "out",
        "undec",
        "undec",
    ]
    assert grounded_labelling(loads_framework("p af 0\n", "i23")) == []
    assert grounded_labelling(loads_framework("p af 1\n1 1\n", "i23")) == [Label.UNDEC]


def test_h_categoriser_values() -> None:
    chain = loads_framework("p af 4\n1 2\n2 3\n4 4\n", "i23")
    assert [round(x, 6) for x in h_categoriser(chain)] == [1.0, 0.5, 0.666667, 0.618034]
    mutual = loads_framework("p af 2\n1 2\n2 1\n", "i23")
    assert [round(x, 6) for x in h_categoriser(mutual)] == [0.618034, 0.618034]
    assert h_categoriser(loads_framework("p af 0\n", "i23")) == []


# ---------------------------------------------------------------------------------------------
# ICCMA tasks and output forms

# The Nixon diamond with a floating defeat: a and b attack each other and c; c attacks d.
NIXON = loads_framework(
    "arg(a). arg(b). arg(c). arg(d).\natt(a,b). att(b,a). att(a,c). att(b,c). att(c,d).\n", "apx"
)


@pytest.mark.parametrize(
    ("task", "argument", "iccma19", "iccma23"),
    [
        ("EE-PR", None, "[[a,d],[b,d]]\n", "w a d\nw b d\n"),
        ("EE-GR", None, "[[]]\n", "w\n"),
        ("EE-CO", None, "[[],[a,d],[b,d]]\n", "w\nw a d\nw b d\n"),
        ("EE-ST", None, "[[a,d],[b,d]]\n", "w a d\nw b d\n"),
        ("EE-SST", None, "[[a,d],[b,d]]\n", "w a d\nw b d\n"),
        ("EE-STG", None, "[[a,d],[b,d]]\n", "w a d\nw b d\n"),
        ("SE-ID", None, "[]\n", "w\n"),
        ("SE-GR", None, "[]\n", "w\n"),
        ("DC-PR", "a", "YES\n", "YES\nw a d\n"),
        ("DC-GR", "a", "NO\n", "NO\n"),
        ("DC-ST", "c", "NO\n", "NO\n"),
        ("DC-ID", "d", "NO\n", "NO\n"),
        ("DS-PR", "d", "YES\n", "YES\n"),
        ("DS-ST", "d", "YES\n", "YES\n"),
        ("DS-PR", "a", "NO\n", "NO\nw b d\n"),
        ("DS-SST", "b", "NO\n", "NO\nw a d\n"),
        ("DC-STG", "b", "YES\n", "YES\nw b d\n"),
        ("ds-co", "d", "NO\n", "NO\nw\n"),
    ],
)
def test_tasks_in_both_output_forms(
    task: str, argument: str | None, iccma19: str, iccma23: str
) -> None:
    answer = solve_task(NIXON, task, argument)
    assert format_answer(answer, "iccma19") == iccma19
    assert format_answer(answer, "iccma23") == iccma23


def test_some_extension_is_one_of_all() -> None:
    every = format_answer(solve_task(NIXON, "EE-PR"))
    some = format_answer(solve_task(NIXON, "SE-PR")).strip()
    assert some in ("[a,d]", "[b,d]") and some in every
    assert format_answer(solve_task(NIXON, "SE-PR"), "iccma23") in ("w a d\n", "w b d\n")


def test_tasks_on_a_framework_without_stable_extensions() -> None:
    odd = loads_framework("p af 3\n1 2\n2 3\n3 1\n", "i23")
    assert format_answer(solve_task(odd, "EE-ST")) == "[]\n"
    assert format_answer(solve_task(odd, "SE-ST")) == "NO\n"
    assert format_answer(solve_task(odd, "SE-ST"), "iccma23") == "NO\n"
    assert format_answer(solve_task(odd, "DS-ST", "1")) == "YES\n"  # vacuously: no extension
    assert format_answer(solve_task(odd, "DC-ST", "1")) == "NO\n"


@pytest.mark.parametrize(
    ("task", "argument", "message"),
    [
        ("XX-PR", None, "unknown task 'XX-PR'; tasks are DC-CO, "),
        ("DC-XY", "a", "unknown task 'DC-XY'"),
        ("DC-PR", None, "task DC-PR needs a query argument (-a ARG)"),
        ("DC-PR", "z", "query argument 'z' is not an argument of the framework"),
        ("EE-PR", "a", "task EE-PR takes no query argument"),
    ],
)
def test_task_errors(task: str, argument: str | None, message: str) -> None:
    with pytest.raises(InputError) as caught:
        solve_task(NIXON, task, argument)
    assert str(caught.value).startswith(message)
