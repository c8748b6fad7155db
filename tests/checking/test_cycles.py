"""The support graph's cycles: trimming what leads nowhere keeps every cycle, and only those."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from argmap.checking.index import on_cycles, strongly_connected
from argmap.checking.pipeline import check_text

NAMES = st.sampled_from([f"n{i}" for i in range(10)])
GRAPHS = st.dictionaries(NAMES, st.lists(NAMES, max_size=4), max_size=10)


def cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    return sorted(sorted(c) for c in strongly_connected(list(graph), graph) if len(c) > 1)


def reaches(graph: dict[str, list[str]], start: str, goal: str) -> bool:
    seen, todo = set(), list(graph.get(start, ()))
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            todo.extend(graph.get(node, ()))
    return False


@given(GRAPHS)
def test_trimming_keeps_the_cycles(graph: dict[str, list[str]]) -> None:
    trimmed = on_cycles(graph)
    assert cycles(trimmed) == cycles(graph)
    # What is left is exactly what can reach a cycle: every node left leads on to one.
    on_a_cycle = {n for n in graph if reaches(graph, n, n)}
    for node in trimmed:
        assert node in on_a_cycle or any(reaches(graph, node, c) for c in on_a_cycle)
    for node in graph:
        if node in on_a_cycle:
            assert node in trimmed


def test_a_forest_is_taken_away_whole() -> None:
    forest = {f"c{i}": [f"c{i // 2}"] for i in range(1, 1000)}
    assert on_cycles(forest) == {}


def test_a_cycle_behind_a_long_chain_is_reported_once() -> None:
    chain = "\n".join(f'claim c{i}: "C{i}."\nc{i} supports c{i + 1}' for i in range(300))
    text = f'{chain}\nclaim c300: "Last."\nc300 supports c299\n'
    found = [d for d in check_text(text, "chain.arg") if d.code == "E106"]
    assert len(found) == 1
    assert "c299 -> c300 -> c299" in found[0].message
