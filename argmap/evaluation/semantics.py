"""Dung semantics on abstract frameworks: grounded by our own labelling, the rest with clingo."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import islice, product
from typing import TYPE_CHECKING

from argmap.errors import InputError
from argmap.evaluation.framework import AbstractFramework

if TYPE_CHECKING:
    import clingo


class Label(Enum):
    """The status of an argument (or a map node) under a labelling."""

    IN = "in"
    OUT = "out"
    UNDEC = "undec"


class Semantics(Enum):
    """The semantics argmap computes; the value is the name the CLI takes."""

    GROUNDED = "grounded"
    COMPLETE = "complete"
    PREFERRED = "preferred"
    STABLE = "stable"
    SEMI_STABLE = "semi-stable"
    IDEAL = "ideal"
    STAGE = "stage"


# ICCMA's two-letter codes.
ICCMA_SEMANTICS = {
    "CO": Semantics.COMPLETE,
    "GR": Semantics.GROUNDED,
    "PR": Semantics.PREFERRED,
    "ST": Semantics.STABLE,
    "SST": Semantics.SEMI_STABLE,
    "STG": Semantics.STAGE,
    "ID": Semantics.IDEAL,
}
ICCMA_PROBLEMS = ("DC", "DS", "SE", "EE")
ICCMA_TASKS = tuple(f"{p}-{s}" for p in ICCMA_PROBLEMS for s in ICCMA_SEMANTICS)

# A semantics that always has exactly one extension.
UNIQUE = (Semantics.GROUNDED, Semantics.IDEAL)

Extension = frozenset[int]


# ---------------------------------------------------------------------------------------------
# Grounded semantics: a linear-time labelling of our own.


def grounded_labelling(framework: AbstractFramework) -> list[Label]:
    """The grounded labelling, by position, in time linear in arguments plus attacks.

    An argument goes IN once every attacker is OUT, and OUT as soon as one attacker is IN;
    whatever is left when nothing more follows is UNDEC.
    """
    return _grounded(framework, None)


def grounded_labelling_in_order(framework: AbstractFramework) -> tuple[list[Label], list[int]]:
    """The grounded labelling and, for each argument, the step at which it was labelled.

    Arguments left UNDEC get step -1. The steps say which of several IN attackers defeated an
    argument first, which is the one an explanation should name.
    """
    steps = [-1] * len(framework.arguments)
    return _grounded(framework, steps), steps


def _grounded(framework: AbstractFramework, steps: list[int] | None) -> list[Label]:
    attackers = framework.attackers
    targets = framework.targets
    undecided, accepted, rejected = Label.UNDEC, Label.IN, Label.OUT
    # For each argument, how many of its attackers are not (yet) OUT.
    live = [len(items) for items in attackers]
    labels = [undecided] * len(attackers)
    queue = [position for position, count in enumerate(live) if count == 0]
    for position in queue:
        labels[position] = accepted
    step = 0
    if steps is not None:
        for position in queue:
            steps[position] = step
            step += 1
    while queue:
        winner = queue.pop()
        for loser in targets[winner]:
            if labels[loser] is not undecided:
                continue
            labels[loser] = rejected
            if steps is not None:
                steps[loser] = step
                step += 1
            for freed in targets[loser]:
                live[freed] -= 1
                if live[freed] == 0 and labels[freed] is undecided:
                    labels[freed] = accepted
                    queue.append(freed)
                    if steps is not None:
                        steps[freed] = step
                        step += 1
    return labels


def grounded_extension(framework: AbstractFramework) -> Extension:
    """The positions of the arguments IN in the grounded labelling."""
    labels = grounded_labelling(framework)
    return frozenset(i for i, label in enumerate(labels) if label is Label.IN)


def labelling_of(framework: AbstractFramework, extension: Extension) -> list[Label]:
    """The labelling an extension induces: IN its members, OUT what they attack, UNDEC the rest."""
    labels = [Label.UNDEC] * len(framework.arguments)
    for member in extension:
        labels[member] = Label.IN
    for member in extension:
        for target in framework.targets[member]:
            if labels[target] is not Label.IN:
                labels[target] = Label.OUT
    return labels


# ---------------------------------------------------------------------------------------------
# Preferred semantics by a search of our own, for the small frameworks of real maps.
#
# Every preferred extension holds the grounded extension G and nothing G attacks, and the
# rest of it is a preferred extension of the framework left (the arguments G leaves UNDEC and
# the attacks among them): G defends against every attacker outside it, and attacks nothing in
# it. That framework falls apart into parts no attack joins, whose preferred extensions
# combine freely. Within a part, the preferred extensions are the complete extensions maximal
# by inclusion, and complete labellings are found by a search that fixes one argument at a
# time (IN, OUT or UNDEC) and infers what the definitions force. A map loads no solver
# for them; a part the search cannot finish within its budget is left to clingo.

_UNSET, _IN, _OUT, _UNDEC = 0, 1, 2, 3

# Search steps (labels tried) per framework before the solver takes over instead.
SEARCH_BUDGET = 500


class _OverBudget(Exception):
    pass


def _complete_labellings(
    attackers: list[list[int]], targets: list[list[int]], budget: list[int]
) -> Iterator[list[int]]:
    """Every complete labelling of a framework given by local positions (_IN, _OUT, _UNDEC)."""
    count = len(attackers)

    def settle(labels: list[int], changed: list[int]) -> bool:
        """Apply what the labels so far force; False when they cannot be completed."""
        while changed:
            touched = changed.pop()
            # An argument's label is bound by its attackers' labels: those of `touched` and
            # of what it attacks may now be forced.
            for node in (touched, *targets[touched]):
                label = labels[node]
                attacking = attackers[node]
                unset = [a for a in attacking if labels[a] == _UNSET]
                any_in = any(labels[a] == _IN for a in attacking)
                all_out = not unset and all(labels[a] == _OUT for a in attacking)
                forced = _OUT if any_in else _IN if all_out else _UNDEC if not unset else _UNSET
                if forced:
                    if label == _UNSET:
                        labels[node] = forced
                        changed.append(node)
                    elif label != forced:
                        return False
                    continue
                if label == _IN:
                    # Every attacker of an IN argument is OUT.
                    if any(labels[a] == _UNDEC for a in attacking):
                        return False
                    for a in unset:
                        labels[a] = _OUT
                        changed.append(a)
                elif label == _OUT and len(unset) == 1:
                    # An OUT argument needs an IN attacker: the last one left.
                    labels[unset[0]] = _IN
                    changed.append(unset[0])
                elif (
                    label == _UNDEC
                    and len(unset) == 1
                    and all(labels[a] in (_OUT, _UNSET) for a in attacking)
                ):
                    # An UNDEC argument has no IN attacker and one that is not OUT: the last.
                    labels[unset[0]] = _UNDEC
                    changed.append(unset[0])
        return True

    def search(labels: list[int]) -> Iterator[list[int]]:
        try:
            node = labels.index(_UNSET)
        except ValueError:
            yield labels
            return
        for label in (_IN, _OUT, _UNDEC):
            budget[0] -= 1
            if budget[0] < 0:
                raise _OverBudget
            attempt = labels.copy()
            attempt[node] = label
            if settle(attempt, [node]):
                yield from search(attempt)

    start = [_UNSET] * count
    if settle(start, list(range(count))):
        for labels in search(start):
            if _is_complete(labels, attackers):
                yield labels


def _is_complete(labels: list[int], attackers: list[list[int]]) -> bool:
    """Whether a full labelling is complete, checked against the definition itself."""
    for node, label in enumerate(labels):
        states = [labels[a] for a in attackers[node]]
        wanted = _OUT if _IN in states else _IN if all(x == _OUT for x in states) else _UNDEC
        if label != wanted:
            return False
    return True


def preferred_by_search(
    framework: AbstractFramework, limit: int, budget: int = SEARCH_BUDGET
) -> list[Extension] | None:
    """The preferred extensions (at most `limit`), without the solver; None when the search
    would take more than `budget` steps (then ask `iter_extensions`)."""
    labels = grounded_labelling(framework)
    grounded = frozenset(i for i, label in enumerate(labels) if label is Label.IN)
    rest = [i for i, label in enumerate(labels) if label is Label.UNDEC]
    if not rest:
        return [grounded]
    undecided = set(rest)
    # The parts of the framework left, each as a list of positions.
    neighbours = {
        node: [
            other
            for other in (*framework.attackers[node], *framework.targets[node])
            if other in undecided
        ]
        for node in rest
    }
    parts: list[list[int]] = []
    seen: set[int] = set()
    for node in rest:
        if node in seen:
            continue
        seen.add(node)
        part, stack = [], [node]
        while stack:
            current = stack.pop()
            part.append(current)
            for other in neighbours[current]:
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        parts.append(part)
    remaining = [budget]
    choices: list[list[Extension]] = []
    for part in parts:
        local = {node: k for k, node in enumerate(part)}
        attackers = [[local[a] for a in framework.attackers[n] if a in local] for n in part]
        targets = [[local[t] for t in framework.targets[n] if t in local] for n in part]
        try:
            complete = {
                frozenset(part[k] for k, label in enumerate(found) if label == _IN)
                for found in _complete_labellings(attackers, targets, remaining)
            }
        except _OverBudget:
            return None
        by_size = sorted(complete, key=len, reverse=True)
        maximal: list[Extension] = []
        for candidate in by_size:
            if not any(candidate < kept for kept in maximal):
                maximal.append(candidate)
        choices.append(maximal)
    return [grounded.union(*picked) for picked in islice(product(*choices), limit)]


# ---------------------------------------------------------------------------------------------
# The other semantics: answer-set programs written from the definitions.
#
# in/out guess a set; `defeated` is what the set attacks. Each semantics adds the
# constraints that its definition states, read directly:
#   conflict-free: no member attacks a member;
#   admissible:    conflict-free, and every attacker of a member is defeated;
#   complete:      admissible, and every argument whose attackers are all defeated is a member;
#   stable:        conflict-free, and every non-member is defeated;
#   preferred:     admissible sets maximal by inclusion (enumerated with clasp's domRec mode);
#   semi-stable:   complete sets whose range (members and defeated) is maximal;
#   stage:         conflict-free sets whose range is maximal.

_GUESS = """
in(X) :- arg(X), not out(X).
out(X) :- arg(X), not in(X).
:- att(X,Y), in(X), in(Y).
defeated(Y) :- att(X,Y), in(X).
"""
_ADMISSIBLE = """
:- in(Y), att(X,Y), not defeated(X).
"""
_COMPLETE = """
unanswered(Y) :- att(X,Y), not defeated(X).
:- out(Y), not unanswered(Y).
"""
_STABLE = """
:- out(Y), not defeated(Y).
"""
_RANGE = """
range(X) :- in(X).
range(X) :- defeated(X).
"""
_SHOW_RANGE = """
#show range/1.
"""
_SHOW_IN = """
#show in/1.
"""
_MAXIMISE_IN = "#heuristic in(X) : arg(X). [1,true]\n"
_MAXIMISE_RANGE = "#heuristic range(X) : arg(X). [1,true]\n"

_PROGRAMS = {
    Semantics.COMPLETE: _GUESS + _ADMISSIBLE + _COMPLETE,
    Semantics.STABLE: _GUESS + _STABLE,
    Semantics.PREFERRED: _GUESS + _ADMISSIBLE,
    Semantics.SEMI_STABLE: _GUESS + _ADMISSIBLE + _COMPLETE + _RANGE,
    Semantics.STAGE: _GUESS + _RANGE,
}


def _facts(framework: AbstractFramework) -> str:
    parts = [f"arg(0..{len(framework.arguments) - 1})."] if framework.arguments else []
    parts += [f"att({s},{t})." for s, t in framework.attack_pairs]
    return "\n".join(parts) + "\n"


def _control(program: str, maximise: bool) -> clingo.Control:
    # The solver is imported when a semantics needs it: `argmap check` never loads it.
    import clingo

    arguments = ["0", "--warn=none"]
    if maximise:
        # Domain heuristics with domRec enumeration yield exactly the models whose set of
        # heuristic atoms is maximal by inclusion (Gebser, Kaufmann, Schaub et al.).
        arguments += ["--heuristic=Domain", "--enum-mode=domRec"]
    # clasp reports "domRec ignored" when nothing is left to maximise; the result is still right.
    control = clingo.Control(arguments, logger=lambda code, message: None)
    control.add("base", [], program)
    control.ground([("base", [])])
    return control


def _models(
    control: clingo.Control, name: str, assumptions: Sequence[tuple[clingo.Symbol, bool]] = ()
) -> Iterator[Extension]:
    with control.solve(yield_=True, assumptions=list(assumptions)) as handle:
        for model in handle:
            yield frozenset(
                symbol.arguments[0].number
                for symbol in model.symbols(shown=True)
                if symbol.name == name
            )


def _distinct(sets: Iterator[Extension]) -> Iterator[Extension]:
    """Each set once, lazily.

    domRec yields only inclusion-maximal sets (the brute-force oracle in the tests checks it on
    random frameworks), so nothing else is filtered and a caller may stop early.
    """
    seen: set[Extension] = set()
    for candidate in sets:
        if candidate not in seen:
            seen.add(candidate)
            yield candidate


def _clingo_extensions(framework: AbstractFramework, semantics: Semantics) -> Iterator[Extension]:
    facts = _facts(framework)
    program = _PROGRAMS[semantics]
    if semantics in (Semantics.COMPLETE, Semantics.STABLE):
        yield from _models(_control(facts + program + _SHOW_IN, maximise=False), "in")
    elif semantics is Semantics.PREFERRED:
        # domRec records each model it finds, so no set repeats and none needs remembering:
        # extensions stream in constant memory however many there are.
        control = _control(facts + program + _SHOW_IN + _MAXIMISE_IN, maximise=True)
        yield from _models(control, "in")
    else:
        yield from _range_maximal(framework, semantics)


def _range_maximal(
    framework: AbstractFramework,
    semantics: Semantics,
    assumptions: Sequence[tuple[clingo.Symbol, bool]] = (),
) -> Iterator[Extension]:
    """Semi-stable or stage extensions (with `assumptions` fixed), range by maximal range."""
    # Imported when solving, so `argmap check` never loads the solver.
    import clingo

    facts = _facts(framework)
    program = _PROGRAMS[semantics]
    # First every maximal range, then every set that has it (several sets may share one
    # range, and domRec would show only one of them).
    control = _control(facts + program + _SHOW_RANGE + _MAXIMISE_RANGE, maximise=True)
    ranges = list(_distinct(_models(control, "range")))
    members = _control(facts + program + _SHOW_IN, maximise=False)
    for covered in ranges:
        fixed = [
            (clingo.Function("range", [clingo.Number(i)]), i in covered)
            for i in range(len(framework.arguments))
        ]
        yield from _models(members, "in", [*fixed, *assumptions])


def _credulously_admissible(framework: AbstractFramework) -> Extension:
    """The arguments in some admissible set (so in some preferred extension): one brave call."""
    # Imported when solving, so `argmap check` never loads the solver.
    import clingo

    control = clingo.Control(["--enum-mode=brave", "--warn=none"], logger=lambda c, m: None)
    control.add("base", [], _facts(framework) + _PROGRAMS[Semantics.PREFERRED] + _SHOW_IN)
    control.ground([("base", [])])
    found: Extension = frozenset()
    with control.solve(yield_=True) as handle:
        # Brave enumeration refines towards the union of all answer sets; the last is it.
        for model in handle:
            found = frozenset(s.arguments[0].number for s in model.symbols(shown=True))
    return found


def _ideal(framework: AbstractFramework) -> Extension:
    """The largest admissible set inside every preferred extension, without enumerating them.

    It is the largest admissible subset of the arguments that are credulously accepted and
    have no credulously accepted attacker (Dunne 2009): such a set joined to any preferred
    extension stays conflict-free and admissible, so it lies inside every one.
    """
    accepted = _credulously_admissible(framework)
    candidate = {x for x in accepted if not any(a in accepted for a in framework.attackers[x])}
    changed = True
    while changed:
        changed = False
        for member in list(candidate):
            # A member stays only while the candidate attacks each of its attackers.
            for attacker in framework.attackers[member]:
                if not any(t in candidate for t in framework.attackers[attacker]):
                    candidate.discard(member)
                    changed = True
                    break
    return frozenset(candidate)


def iter_extensions(framework: AbstractFramework, semantics: Semantics) -> Iterator[Extension]:
    """The extensions (positions), lazily, in the order the solver finds them."""
    if semantics is Semantics.GROUNDED:
        yield grounded_extension(framework)
    elif semantics is Semantics.IDEAL:
        yield _ideal(framework)
    else:
        yield from _clingo_extensions(framework, semantics)


def extensions(framework: AbstractFramework, semantics: Semantics) -> list[Extension]:
    """Every extension (positions), in a stable order: by their sorted member positions."""
    return sorted(set(iter_extensions(framework, semantics)), key=sorted)


def names(framework: AbstractFramework, extension: Extension) -> list[str]:
    """An extension's members by name, in declaration order."""
    return [framework.arguments[i] for i in sorted(extension)]


# ---------------------------------------------------------------------------------------------
# A gradual semantics


def h_categoriser(
    framework: AbstractFramework, tolerance: float = 1e-9, max_rounds: int = 10_000
) -> list[float]:
    """Each argument's strength by the h-categoriser (Besnard and Hunter), by position.

    The strength of an argument is 1 / (1 + the sum of its attackers' strengths): 1 when
    nothing attacks it, lower the more (and the stronger) its attackers are. The unique fixed
    point is reached by iterating from 1 everywhere until no value moves more than
    `tolerance`.
    """
    attackers = framework.attackers
    strength = [1.0] * len(attackers)
    for _ in range(max_rounds):
        updated = [1.0 / (1.0 + sum(strength[b] for b in items)) for items in attackers]
        moved = max((abs(x - y) for x, y in zip(updated, strength, strict=True)), default=0.0)
        strength = updated
        if moved < tolerance:
            break
    return strength


# ---------------------------------------------------------------------------------------------
# The ICCMA tasks


@dataclass(frozen=True)
class TaskAnswer:
    """The answer to one ICCMA task: a verdict, extensions, or a certificate."""

    task: str
    accepted: bool | None = None  # DC and DS
    certificate: tuple[str, ...] | None = None  # DC yes: a witness; DS no: a counterexample
    extensions: tuple[tuple[str, ...], ...] = ()  # SE (zero or one) and EE (all)


def parse_task(task: str) -> tuple[str, Semantics]:
    """Split `DC-PR` into ("DC", Semantics.PREFERRED), or raise InputError."""
    problem, _, code = task.upper().partition("-")
    if problem not in ICCMA_PROBLEMS or code not in ICCMA_SEMANTICS:
        raise InputError(f"unknown task {task!r}; tasks are {', '.join(ICCMA_TASKS)}")
    return problem, ICCMA_SEMANTICS[code]


def solve_task(framework: AbstractFramework, task: str, argument: str | None = None) -> TaskAnswer:
    """Answer an ICCMA task: DC/DS need `argument`, SE and EE take none.

    DC and DS are answered by direct solver queries (the argument fixed in or out), never by
    enumerating extensions; EE collects `iter_task_extensions`, which streams.
    """
    problem, semantics = parse_task(task)
    task = f"{problem}-{task.upper().partition('-')[2]}"
    if problem in ("DC", "DS"):
        if argument is None:
            raise InputError(f"task {task} needs a query argument (-a ARG)")
        if argument not in framework.index:
            raise InputError(f"query argument {argument!r} is not an argument of the framework")
        query = framework.index[argument]
        if problem == "DC":
            witness = credulous_witness(framework, semantics, query)
            if witness is None:
                return TaskAnswer(task, False)
            return TaskAnswer(task, True, tuple(names(framework, witness)))
        counterexample = sceptical_counterexample(framework, semantics, query)
        if counterexample is None:
            return TaskAnswer(task, True)
        return TaskAnswer(task, False, tuple(names(framework, counterexample)))
    if argument is not None:
        raise InputError(f"task {task} takes no query argument")
    if problem == "SE":
        first = next(iter_extensions(framework, semantics), None)
        found = () if first is None else (tuple(names(framework, first)),)
        return TaskAnswer(task, extensions=found)
    return TaskAnswer(
        task,
        extensions=tuple(tuple(names(framework, e)) for e in extensions(framework, semantics)),
    )


def _first(models: Iterator[Extension]) -> Extension | None:
    return next(models, None)


def _in(position: int) -> clingo.Symbol:
    # Imported when solving, so `argmap check` never loads the solver.
    import clingo

    return clingo.Function("in", [clingo.Number(position)])


def credulous_witness(
    framework: AbstractFramework, semantics: Semantics, query: int
) -> Extension | None:
    """An extension that contains `query`, or None: one solver call with it fixed in."""
    if semantics in UNIQUE:
        extension = next(iter_extensions(framework, semantics))
        return extension if query in extension else None
    facts = _facts(framework)
    if semantics in (Semantics.COMPLETE, Semantics.STABLE):
        control = _control(facts + _PROGRAMS[semantics] + _SHOW_IN, maximise=False)
        return _first(_models(control, "in", [(_in(query), True)]))
    if semantics is Semantics.PREFERRED:
        # The first inclusion-maximal admissible set among those holding the query is a
        # preferred extension: every admissible superset holds the query too.
        control = _control(facts + _PROGRAMS[semantics] + _SHOW_IN + _MAXIMISE_IN, maximise=True)
        return _first(_models(control, "in", [(_in(query), True)]))
    # Range-maximal semantics: one query per maximal range, with the argument fixed in.
    return _first(e for e in _range_maximal(framework, semantics, [(_in(query), True)]))


def sceptical_counterexample(
    framework: AbstractFramework, semantics: Semantics, query: int
) -> Extension | None:
    """An extension without `query`, or None when every extension holds it."""
    if semantics in UNIQUE or semantics is Semantics.COMPLETE:
        # Sceptical acceptance under complete semantics is membership of the grounded extension
        # (the least complete extension); a counterexample is the grounded extension itself.
        extension = (
            grounded_extension(framework)
            if semantics is Semantics.COMPLETE
            else next(iter_extensions(framework, semantics))
        )
        return extension if query not in extension else None
    facts = _facts(framework)
    if semantics is Semantics.STABLE:
        control = _control(facts + _PROGRAMS[semantics] + _SHOW_IN, maximise=False)
        return _first(_models(control, "in", [(_in(query), False)]))
    if semantics is Semantics.PREFERRED:
        return _preferred_without(framework, query)
    return _first(e for e in _range_maximal(framework, semantics, [(_in(query), False)]))


def _preferred_without(framework: AbstractFramework, query: int) -> Extension | None:
    """A preferred extension without `query`, by counterexample-guided search.

    A candidate is an admissible set maximal among those without the query (domRec with the
    query fixed out). If no admissible superset of it holds the query, it is preferred: a
    counterexample. Otherwise that superset, made maximal, is a preferred extension holding
    the query, and every candidate inside it is ruled out with one clause; the loop ends
    because each round rules out a preferred extension.
    """
    if query in grounded_extension(framework):
        return None
    program = _facts(framework) + _PROGRAMS[Semantics.PREFERRED] + _SHOW_IN + _MAXIMISE_IN
    candidates = _control(program, maximise=True)
    extend = _control(program, maximise=True)
    everything = range(len(framework.arguments))
    for round_number in range(len(framework.arguments) + 2**20):
        candidate = _first(_models(candidates, "in", [(_in(query), False)]))
        if candidate is None:
            return None
        assumptions = [(_in(member), True) for member in candidate] + [(_in(query), True)]
        superset = _first(_models(extend, "in", assumptions))
        if superset is None:
            return candidate
        outside = [f"not in({i})" for i in everything if i not in superset]
        if not outside:
            return None
        part = f"exclude{round_number}"
        candidates.add(part, [], ":- " + ", ".join(outside) + ".\n")
        candidates.ground([(part, [])])
    return None  # pragma: no cover - each round rules out one of finitely many extensions


def stream_answer(
    framework: AbstractFramework, task: str, argument: str | None = None, style: str = "iccma19"
) -> Iterator[str]:
    """The printed answer of a task in pieces; EE yields each extension as the solver finds it.

    EE lists the extensions in the solver's order (`solve_task` sorts them); nothing found
    is kept, so a framework with millions of extensions prints them in constant memory.
    """
    problem, semantics = parse_task(task)
    if problem != "EE":
        yield format_answer(solve_task(framework, task, argument), style)
        return
    if argument is not None:
        raise InputError(f"task {task.upper()} takes no query argument")
    found = (names(framework, e) for e in iter_extensions(framework, semantics))
    if style == "iccma23":
        for members in found:
            yield " ".join(["w", *members]) + "\n"
        return
    yield "["
    for number, members in enumerate(found):
        yield ("," if number else "") + "[" + ",".join(map(iccma_name, members)) + "]"
    yield "]\n"


def format_answer(answer: TaskAnswer, style: str = "iccma19") -> str:
    """The answer as an ICCMA solver prints it.

    `iccma19` (the .apx/.tgf competitions): YES/NO, `[a,b]` for SE, `[[a,b],[c]]` for EE.
    `iccma23`: YES/NO with a `w a b` certificate line (DC yes, DS no), `w a b` or NO for SE,
    and one `w` line per extension for EE (not an ICCMA 2023 task; this extends its form).
    """
    problem = answer.task.split("-")[0]
    if style == "iccma23":
        if problem in ("DC", "DS"):
            lines = ["YES" if answer.accepted else "NO"]
            if answer.certificate is not None:
                lines.append(" ".join(["w", *answer.certificate]))
            return "\n".join(lines) + "\n"
        if problem == "SE" and not answer.extensions:
            return "NO\n"
        return "".join(" ".join(["w", *e]) + "\n" for e in answer.extensions)
    if problem in ("DC", "DS"):
        return ("YES" if answer.accepted else "NO") + "\n"
    if problem == "SE":
        if not answer.extensions:
            return "NO\n"
        return "[" + ",".join(map(iccma_name, answer.extensions[0])) + "]\n"
    return (
        "[" + ",".join("[" + ",".join(map(iccma_name, e)) + "]" for e in answer.extensions) + "]\n"
    )


# A name the bracket form can print as it is; any other is quoted as in .apx (`"a,b"`).
_PLAIN_NAME = re.compile(r"[^\s,\[\]\"\\]+")


def iccma_name(name: str) -> str:
    """An argument's name in the bracket form: quoted, as .apx quotes it, when it holds a
    comma, a bracket, a quote, a backslash or white space, so `[[a,b]]` is never ambiguous."""
    if _PLAIN_NAME.fullmatch(name):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
