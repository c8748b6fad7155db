"""Carneades evaluation: argument weights, proof standards and issues, after Carneades 4's CAES."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from argmap.evaluation.semantics import Label
from argmap.language.schemes import COMMITMENT_SCHEMES
from argmap.model import Argument, ArgumentMap, RelationKind, Role, Statement

# The roles whose statements are assumed, as Carneades 4's `assumptions`: IN, and every other
# position of their issue OUT, unless questioned (an argument bears on another position of
# their issue), when they stand only if no argument against them has any weight.
ASSUMED_ROLES = (Role.ASSUMPTION, Role.EVIDENCE)
# The roles whose statements need an argument to be IN, as every statement Carneades does not
# assume. A statement of another role that no argument concludes is accepted unless
# questioned (unless it is a position of an issue).
PROVEN_ROLES = (Role.THESIS, Role.CLAIM)

# The prefix of the position "not s" that an attack on statement s argues for. `:` cannot occur
# in a map id, so no clash.
NEGATION = "not:"

# Carneades 4's thresholds (caes.go, Standard.greater): clear and convincing evidence needs the
# winner ahead by more than ALPHA; beyond reasonable doubt also needs the loser below BETA.
ALPHA = 0.5
BETA = 0.3


class ProofStandard(Enum):
    """What a position must show to win its issue (the statement option `standard`)."""

    PE = "pe"  # preponderance of the evidence: heavier than every other position
    CCE = "cce"  # clear and convincing evidence: heavier by more than ALPHA
    BRD = "brd"  # beyond reasonable doubt: heavier by more than ALPHA, the others below BETA
    DV = "dv"  # dialectical validity: some weight, and no other position has any

    def met(self, weight: float, other: float) -> bool:
        """Whether a position of `weight` beats one of `other` under this standard."""
        if self is ProofStandard.PE:
            return weight > other
        if self is ProofStandard.CCE:
            return weight > other and weight - other > ALPHA
        if self is ProofStandard.BRD:
            return weight > other and weight - other > ALPHA and other < BETA
        return weight > 0 and other == 0

    @property
    def title(self) -> str:
        return {
            ProofStandard.PE: "preponderance of the evidence",
            ProofStandard.CCE: "clear and convincing evidence",
            ProofStandard.BRD: "beyond reasonable doubt",
            ProofStandard.DV: "dialectical validity",
        }[self]


class Weighing(Enum):
    """Carneades 4's basic weighing functions (the argument option `weight`)."""

    LINKED = "linked"  # 1 when every premise is IN, else 0
    CONVERGENT = "convergent"  # 1 when some premise is IN, else 0
    CUMULATIVE = "cumulative"  # the share of premises IN
    FACTORIZED = "factorized"  # 0 if a premise is OUT, else premises IN / premises at issue


@dataclass
class _Argument:
    """A Carneades argument: premises, a conclusion, undercutters and a weighing."""

    id: str
    conclusion: str
    premises: tuple[str, ...]
    undercutters: list[str] = field(default_factory=list)
    weighing: Weighing = Weighing.LINKED
    constant: float | None = None  # a constant weight, given when all premises are IN
    # The map node the argument stands for (an argument, or the source of a relation).
    node: str = ""


@dataclass
class _Issue:
    positions: list[str]


@dataclass(frozen=True)
class CarneadesVerdict:
    """One node's Carneades label and why; an argument's verdict also gives its weight."""

    node: str
    label: Label
    reason: str
    weight: float | None = None


@dataclass(frozen=True)
class CarneadesEvaluation:
    """A map's grounded Carneades labelling, node by node."""

    verdicts: tuple[CarneadesVerdict, ...]

    def verdict(self, node: str) -> CarneadesVerdict:
        """The verdict on one node; KeyError for an id that is not a node."""
        for verdict in self.verdicts:
            if verdict.node == node:
                return verdict
        raise KeyError(node)

    def labels(self) -> dict[str, str]:
        """Node id -> "in", "out" or "undec"."""
        return {v.node: v.label.value for v in self.verdicts}


class _Graph:
    """A map as a Carneades argument graph (statements, arguments, issues)."""

    def __init__(self, argument_map: ArgumentMap) -> None:
        self.map = argument_map
        nodes = argument_map.nodes_by_id
        self.statements: dict[str, Statement | None] = {
            s.id: s for s in argument_map.statements if nodes.get(s.id) is s
        }
        self.arguments: list[_Argument] = []
        self.by_node: dict[str, list[_Argument]] = {}
        self.standard: dict[str, ProofStandard] = {}
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        def union(a: str, b: str) -> None:
            parent.setdefault(a, a)
            parent.setdefault(b, b)
            parent[find(a)] = find(b)

        for statement in self.statements.values():
            assert statement is not None
            if statement.standard is not None:
                self.standard[statement.id] = ProofStandard(statement.standard)
        for node in argument_map.arguments:
            if nodes.get(node.id) is not node or node.conclusion not in self.statements:
                continue
            self._add(node.id, node.conclusion, node)
        for relation in argument_map.relations:
            source, target = nodes.get(relation.source), nodes.get(relation.target)
            if source is None or target is None or argument_map.charged(relation) is not None:
                continue
            if relation.kind is RelationKind.CONTRADICTION:
                if isinstance(source, Statement) and isinstance(target, Statement):
                    union(source.id, target.id)
            elif relation.kind is RelationKind.SUPPORT:
                if isinstance(target, Statement):
                    self._add(source.id, target.id, source)
            elif isinstance(target, Argument) or relation.kind is RelationKind.UNDERCUT:
                undercutter = source.id if isinstance(source, Statement) else None
                for argument in self.by_node.get(target.id, []):
                    if undercutter is not None:
                        argument.undercutters.append(undercutter)
            else:
                negation = NEGATION + target.id
                self.statements.setdefault(negation, None)
                union(target.id, negation)
                self._add(source.id, negation, source)
        groups: dict[str, list[str]] = {}
        for name in parent:
            groups.setdefault(find(name), []).append(name)
        self.issue: dict[str, _Issue] = {}
        order = {name: index for index, name in enumerate(self.statements)}
        for members in groups.values():
            issue = _Issue(sorted(members, key=order.__getitem__))
            for member in members:
                self.issue[member] = issue
        self.pro: dict[str, list[_Argument]] = {s: [] for s in self.statements}
        for argument in self.arguments:
            self.pro[argument.conclusion].append(argument)

    def _add(self, node: str, conclusion: str, source: Statement | Argument) -> None:
        if isinstance(source, Argument):
            premises = tuple(p for p in source.premises if p in self.statements)
            if source.scheme in COMMITMENT_SCHEMES:
                # Another party's commitments are held, not argued (docs/evaluation.md).
                speaker = source.speaker
                premises = tuple(
                    p
                    for p in premises
                    if (s := self.statements[p]) is None or s.speaker in (None, speaker)
                )
            weighing, constant = _weighing(source.weight)
        else:
            premises, weighing, constant = (source.id,), Weighing.LINKED, None
        argument = _Argument(
            f"{node}->{conclusion}", conclusion, premises, [], weighing, constant, node
        )
        self.arguments.append(argument)
        self.by_node.setdefault(node, []).append(argument)

    def questioned(self, statement: str) -> bool:
        """Whether an argument bears on another position of the statement's issue."""
        issue = self.issue.get(statement)
        return issue is not None and any(
            self.pro[other] for other in issue.positions if other != statement
        )

    def assumed(self, statement: str) -> bool:
        """An assumption (or evidence) nothing questions: IN from the start."""
        found = self.statements[statement]
        return found is not None and found.role in ASSUMED_ROLES and not self.questioned(statement)

    def presumed(self, statement: str) -> bool:
        """Accepted unless questioned: no argument concludes it, and it is not a claim."""
        found = self.statements[statement]
        return found is not None and found.role not in PROVEN_ROLES and not self.pro[statement]


def _weighing(option: str | None) -> tuple[Weighing, float | None]:
    if option is None:
        return Weighing.LINKED, None
    try:
        return Weighing.LINKED, float(option)
    except ValueError:
        return Weighing(option), None


class _Labelling:
    """Carneades 4's grounded labelling (caes.go, GroundedLabelling), step by step."""

    def __init__(self, graph: _Graph) -> None:
        self.g = graph
        self.label: dict[str, Label] = dict.fromkeys(graph.statements, Label.UNDEC)
        self.reason: dict[str, str] = {}

    def undercut(self, argument: _Argument) -> Label:
        labels = [self.label[u] for u in argument.undercutters if u in self.label]
        if Label.IN in labels:
            return Label.IN
        if Label.UNDEC in labels:
            return Label.UNDEC
        return Label.OUT

    def applicable(self, argument: _Argument) -> bool:
        undercut = self.undercut(argument)
        if undercut is Label.IN:
            return True
        if undercut is Label.UNDEC:
            return False
        return all(self.label[p] is not Label.UNDEC for p in argument.premises)

    def weight(self, argument: _Argument) -> float:
        if self.undercut(argument) is Label.IN or not self.applicable(argument):
            return 0.0
        labels = [self.label[p] for p in argument.premises]
        count = sum(label is Label.IN for label in labels)
        if argument.weighing is Weighing.LINKED:
            if count < len(labels):
                return 0.0
            return 1.0 if argument.constant is None else argument.constant
        if argument.weighing is Weighing.CONVERGENT:
            return 1.0 if count else 0.0
        if argument.weighing is Weighing.CUMULATIVE:
            return count / len(labels) if labels else 0.0
        if Label.OUT in labels:
            return 0.0
        issue = self.g.issue.get(argument.conclusion)
        positions = issue.positions if issue else [argument.conclusion]
        at_issue = {p for pos in positions for a in self.g.pro[pos] for p in a.premises}
        return count / len(at_issue) if at_issue else 0.0

    def supported(self, statement: str) -> bool:
        return any(self.applicable(a) and self.weight(a) > 0 for a in self.g.pro[statement])

    def unsupported(self, statement: str) -> bool:
        return all(self.applicable(a) and self.weight(a) <= 0 for a in self.g.pro[statement])

    def ready(self, issue: _Issue) -> bool:
        return all(
            self.undercut(a) is Label.IN or self.applicable(a)
            for position in issue.positions
            for a in self.g.pro[position]
        )

    def run(self) -> None:
        g = self.g
        for statement in g.statements:
            if g.assumed(statement):
                self.label[statement] = Label.IN
                self.reason[statement] = "assumed"
        for statement in g.statements:
            issue = g.issue.get(statement)
            if issue is None or self.label[statement] is not Label.IN:
                continue
            for other in issue.positions:
                if self.label[other] is Label.UNDEC:
                    self.label[other] = Label.OUT
                    self.reason[other] = (
                        f"{_name(statement)}, another position of its issue, is assumed"
                    )
        changed = True
        while changed:
            changed = False
            for statement in g.statements:
                if self.label[statement] is not Label.UNDEC:
                    continue
                issue = g.issue.get(statement)
                if g.presumed(statement) and issue is None:
                    self.label[statement] = Label.IN
                    self.reason[statement] = "accepted: nothing questions it"
                    changed = True
                elif not g.presumed(statement) and self.unsupported(statement):
                    self.label[statement] = Label.OUT
                    self.reason[statement] = (
                        "no argument supports it"
                        if not g.pro[statement]
                        else "every argument for it has weight 0 ("
                        + ", ".join(a.node for a in g.pro[statement])
                        + ")"
                    )
                    changed = True
                elif issue is None and self.supported(statement):
                    best = max(g.pro[statement], key=self.weight)
                    self.label[statement] = Label.IN
                    self.reason[statement] = (
                        f"supported by {best.node} (weight {self.weight(best):.2f})"
                    )
                    changed = True
                elif issue is not None and self.ready(issue):
                    self.resolve(issue)
                    changed = True

    def resolve(self, issue: _Issue) -> None:
        """Apply each position's proof standard: at most one position wins, the rest are OUT."""
        g = self.g
        weights = {p: max((self.weight(a) for a in g.pro[p]), default=0.0) for p in issue.positions}
        winner = None
        for position in issue.positions:
            if weights[position] == 0.0:
                continue
            standard = g.standard.get(position, ProofStandard.PE)
            if all(
                standard.met(weights[position], weights[other])
                for other in issue.positions
                if other != position
            ):
                winner = position
                break
        presumed = [p for p in issue.positions if g.presumed(p)]
        if winner is None and not any(weights.values()) and len(presumed) == 1:
            # Nothing argues for any position: the one accepted unless questioned stands,
            # since no argument with any weight questions it.
            winner = presumed[0]
            self._set(issue, winner, weights, "accepted: no argument against it has weight")
            return
        if winner is None:
            text = ", ".join(f"{_name(p)} {weights[p]:.2f}" for p in issue.positions)
            for position in issue.positions:
                standard = g.standard.get(position, ProofStandard.PE)
                self.label[position] = Label.OUT
                self.reason[position] = (
                    f"no position of its issue meets its proof standard (weights: {text}; "
                    f"this one needs {standard.title})"
                )
            return
        standard = g.standard.get(winner, ProofStandard.PE)
        others = ", ".join(f"{_name(p)} {weights[p]:.2f}" for p in issue.positions if p != winner)
        self._set(
            issue,
            winner,
            weights,
            f"wins its issue: weight {weights[winner]:.2f} against {others}, meeting "
            f"{standard.title}",
        )

    def _set(self, issue: _Issue, winner: str, weights: dict[str, float], reason: str) -> None:
        standard = self.g.standard.get(winner, ProofStandard.PE)
        for position in issue.positions:
            if position == winner:
                self.label[position] = Label.IN
                self.reason[position] = reason
            elif winner == NEGATION + position:
                against = [a.node for a in self.g.pro[winner] if self.weight(a) > 0]
                self.label[position] = Label.OUT
                self.reason[position] = (
                    f"the case against it ({', '.join(against)}) wins: weight "
                    f"{weights[winner]:.2f} against {weights[position]:.2f}, meeting "
                    f"{standard.title}"
                )
            else:
                self.label[position] = Label.OUT
                self.reason[position] = (
                    f"loses its issue to {_name(winner)} (weight {weights[position]:.2f} "
                    f"against {weights[winner]:.2f})"
                )


def _name(statement: str) -> str:
    """How a reason names a statement: a negation reads "not s"."""
    if statement.startswith(NEGATION):
        return "not " + statement[len(NEGATION) :]
    return statement


def evaluate_carneades(argument_map: ArgumentMap) -> CarneadesEvaluation:
    """Label every statement and argument of a map under Carneades' grounded semantics.

    Statements are IN, OUT or UNDEC as Carneades 4 labels them; an argument is IN when it is
    applicable with some weight, OUT when it is applicable with none (or undercut), UNDEC while
    it is not yet applicable. See docs/evaluation.md, "Carneades".
    """
    graph = _Graph(argument_map)
    labelling = _Labelling(graph)
    labelling.run()
    verdicts: list[CarneadesVerdict] = []
    nodes = argument_map.nodes_by_id
    order = sorted(nodes, key=lambda n: (nodes[n].span.line, nodes[n].span.column))
    for node in order:
        if node in graph.statements:
            label = labelling.label[node]
            reason = labelling.reason.get(node, _undecided(labelling, node))
            verdicts.append(CarneadesVerdict(node, label, reason))
            continue
        arguments = graph.by_node.get(node, [])
        if not arguments:
            verdicts.append(CarneadesVerdict(node, Label.UNDEC, "concludes no statement"))
            continue
        argument = arguments[0]
        weight = labelling.weight(argument)
        if labelling.undercut(argument) is Label.IN:
            label, reason = (
                Label.OUT,
                "undercut by "
                + ", ".join(u for u in argument.undercutters if labelling.label[u] is Label.IN),
            )
        elif not labelling.applicable(argument):
            pending = [p for p in argument.premises if labelling.label[p] is Label.UNDEC]
            pending += [u for u in argument.undercutters if labelling.label[u] is Label.UNDEC]
            label, reason = Label.UNDEC, "not yet applicable: " + ", ".join(pending) + " UNDEC"
        elif weight > 0:
            how = "constant" if argument.constant is not None else argument.weighing.value
            label, reason = Label.IN, f"applicable, weight {weight:.2f} ({how})"
        else:
            out = [p for p in argument.premises if labelling.label[p] is Label.OUT]
            label = Label.OUT
            reason = "applicable, weight 0" + (f": premise {', '.join(out)} OUT" if out else "")
        verdicts.append(CarneadesVerdict(node, label, reason, weight))
    return CarneadesEvaluation(tuple(verdicts))


def _undecided(labelling: _Labelling, statement: str) -> str:
    graph = labelling.g
    issue = graph.issue.get(statement)
    pending = [
        a.node
        for position in (issue.positions if issue else [statement])
        for a in graph.pro[position]
        if not labelling.applicable(a) and labelling.undercut(a) is not Label.IN
    ]
    if issue is not None:
        return (
            "undecided: its issue cannot be resolved while arguments "
            + ", ".join(dict.fromkeys(pending))
            + " are undecided"
        )
    return "undecided: no argument for it is decided (" + ", ".join(pending) + ")"
