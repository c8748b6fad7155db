"""Stress maps for every checker rule, and each rule's share of the check time at each size."""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

from argmap.checking.index import Checker
from argmap.checking.rules import ITEM_RULES, MAP_RULES
from argmap.language.parser import parse
from argmap.model import Span

SIZES = (10_000, 100_000)


def raised_questions(n: int) -> str:
    """Arguments with a scheme, each challenged by statements that raise its questions."""
    questions = ("expertise", "field", "said", "trustworthy", "consistent", "bogus")
    out = ['thesis t: "The thesis."']
    units = n // 4
    for i in range(units):
        out.append(f'claim c{i}: "Claim {i}."')
        out.append(f'premise p{i}: "An expert says so {i}."')
        out.append(f"argument a{i} (scheme: expert_opinion): p{i} -> c{i}")
        out.append(f"c{i} supports t")
        q = questions[i % len(questions)]
        out.append(f'objection q{i} (raises: {q}): "Is the expert biased {i}?"')
        out.append(f"q{i} undercuts a{i}")
        out.append(f'objection r{i} (raises: field): "Is it the field {i}?"')
        out.append(f"r{i} attacks p{i}")
    return "\n".join(out) + "\n"


def misspelt_references(n: int) -> str:
    """Relations whose ids are misspelt versions of declared ones (did-you-mean hints)."""
    out = ['thesis t: "The thesis."']
    for i in range(n // 2):
        out.append(f'claim claim_number_{i}: "Claim {i}."')
    for i in range(n // 2):
        out.append(f"claim_numbr_{i} supports t")
    return "\n".join(out) + "\n"


def deep_outlines(n: int) -> str:
    """Objection/rebuttal chains 150 levels deep under one thesis per chain."""
    depth = 150
    out: list[str] = []
    chains = max(n // depth, 1)
    for c in range(chains):
        out.append(f'thesis t{c}: "Thesis {c}."')
        for d in range(depth - 1):
            sign, role = ("-", "objection") if d % 2 == 0 else ("+", "rebuttal")
            out.append("  " * (d + 1) + f'{sign} {role} n{c}_{d}: "Step {d} of chain {c}."')
    return "\n".join(out) + "\n"


def support_chains(n: int) -> str:
    """One long chain of support relations, and a cycle closing it every 1,000 statements."""
    out = ['thesis s0: "Start."']
    for i in range(1, n):
        out.append(f'claim s{i}: "Link {i}."')
    for i in range(1, n):
        out.append(f"s{i} supports s{i - 1}")
        if i % 1000 == 999:
            out.append(f"s{i - 999} supports s{i}")
    return "\n".join(out) + "\n"


def speakers_and_groups(n: int) -> str:
    """Many speakers with commitments in conflict, and many groups of statements."""
    speakers = max(n // 20, 2)
    out = [f'speaker sp{i}: "Speaker {i}"' for i in range(speakers)]
    out.append('thesis t: "The thesis."')
    for i in range(n // 2):
        sp = f"sp{i % speakers}"
        out.append(f'claim a{i} @{sp} #tag{i % 50}: "Says {i}."')
        out.append(f'claim b{i} @{sp}: "Also says {i}."')
        out.append(f"a{i} contradicts b{i}")
        out.append(f"a{i} supports t")
    for g in range(n // 100):
        members = ", ".join(f"a{g * 50 + k}" for k in range(50))
        out.append(f'group "Group {g}": {members}')
    return "\n".join(out) + "\n"


MAPS: dict[str, Callable[[int], str]] = {
    "raised_questions": raised_questions,
    "misspelt_references": misspelt_references,
    "deep_outlines": deep_outlines,
    "support_chains": support_chains,
    "speakers_and_groups": speakers_and_groups,
}


def rule_times(text: str) -> tuple[float, dict[str, float], int]:
    """Parse CPU time, each rule's CPU time (s) and the number of diagnostics on one map.

    CPU, not wall time: on a shared machine the shares hold while the wall clock does not.
    """
    gc.collect()
    start = time.process_time()
    parsed = parse(text, "stress.arg")
    parse_s = time.process_time() - start
    found: list[object] = []

    def report(code: str, message: str, span: Span, *_: object, **__: object) -> None:
        found.append((code, message, span))

    times: dict[str, float] = {}
    gc.disable()
    try:
        # The index of the whole map the rules ask, then each rule on the map as one item
        # (a one-shot check's index, as `argmap check` builds it: no reads noted).
        start = time.process_time()
        checker = Checker((), (), "stress.arg", track=False)
        checker.check([parsed.map])
        times["index"] = time.process_time() - start
        for rule in ITEM_RULES:
            start = time.process_time()
            rule(parsed.map, checker.index, report)
            times[rule.__name__] = time.process_time() - start
        for map_rule in MAP_RULES:
            start = time.process_time()
            map_rule(checker.index, report)
            times[map_rule.__name__] = time.process_time() - start
    finally:
        gc.enable()
    return parse_s, times, len(found) + len(parsed.diagnostics)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--maps", nargs="+", choices=list(MAPS), default=list(MAPS))
    parser.add_argument("--out", type=Path, help="also write the maps into this directory")
    args = parser.parse_args()
    print(
        "| map | statements | parse CPU s | check CPU s | diagnostics "
        "| largest rules (share of check) |"
    )
    print("|---|---:|---:|---:|---:|---|")
    every_share: list[tuple[str, int, dict[str, float]]] = []
    for name in args.maps:
        for size in args.sizes:
            text = MAPS[name](size)
            if args.out:
                args.out.mkdir(parents=True, exist_ok=True)
                (args.out / f"{name}_{size}.arg").write_text(text, encoding="utf-8")
            parse_s, times, count = rule_times(text)
            total = sum(times.values())
            every_share.append((name, size, {rule: t / (total or 1) for rule, t in times.items()}))
            top = sorted(times.items(), key=lambda kv: -kv[1])[:3]
            shares = ", ".join(
                f"{rule.removeprefix('check_')} {100 * t / total:.0f}%" for rule, t in top
            )
            print(
                f"| {name} | {size:,} | {parse_s:.2f} | {total:.2f} | {count:,} | {shares} |",
                flush=True,
            )
    # Every rule's share of the check time on every map (the table above names the largest).
    rules = list(every_share[0][2]) if every_share else []
    print()
    print("| map | statements | " + " | ".join(r.removeprefix("check_") for r in rules) + " |")
    print("|---|---:|" + "---:|" * len(rules))
    for name, size, share in every_share:
        cells = " | ".join(f"{100 * share[rule]:.0f}%" for rule in rules)
        print(f"| {name} | {size:,} | {cells} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
