"""Which claims survive: a map translated into an abstract framework, labelled, and explained."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from importlib import resources
from itertools import islice

from argmap.errors import ArgmapError
from argmap.evaluation.carneades import evaluate_carneades
from argmap.evaluation.framework import AbstractFramework
from argmap.evaluation.semantics import (
    Label,
    Semantics,
    grounded_labelling_in_order,
    h_categoriser,
    iter_extensions,
    labelling_of,
    preferred_by_search,
)
from argmap.gcpause import paused_gc
from argmap.language.schemes import COMMITMENT_SCHEMES
from argmap.model import Argument, ArgumentMap, RelationKind, Role, Statement

# Roles whose statements are accepted unless attacked, even when something supports them.
GIVEN_ROLES = (Role.EVIDENCE, Role.ASSUMPTION)

# The JSON report's identity; the schema is argmap/data/argmap-evaluation.schema.json.
JSON_FORMAT = "argmap-evaluation"
JSON_VERSION = 1

# Prefixes of the auxiliary framework arguments; `:` cannot occur in a map id, so no clash.
LACKS_SUPPORT = "lacks:"
NOT_ACCEPTED = "not:"


class Carneades(Enum):
    """Carneades evaluation (argmap.evaluation.carneades), named beside Dung's `Semantics`."""

    CARNEADES = "carneades"


# Every way `evaluate` can label a map; the CLI takes its choices from here.
MapSemantics = Semantics | Carneades
SEMANTICS_NAMES: tuple[str, ...] = (*(s.value for s in Semantics), Carneades.CARNEADES.value)


def map_semantics(name: MapSemantics | str) -> MapSemantics:
    """The semantics of a name ("preferred", "carneades"); ValueError for an unknown one."""
    if isinstance(name, Semantics | Carneades):
        return name
    if name == Carneades.CARNEADES.value:
        return Carneades.CARNEADES
    return Semantics(name)


class NodeKind(Enum):
    """What a map node is."""

    STATEMENT = "statement"
    ARGUMENT = "argument"


# ---------------------------------------------------------------------------------------------
# Map -> framework


@dataclass(frozen=True)
class Translation:
    """A map's framework, and which map relation each framework argument and attack stands for."""

    framework: AbstractFramework
    # Map node ids in source order; the auxiliary framework arguments are not nodes.
    nodes: tuple[str, ...]
    # For each map node: who supports it, who attacks it (attack or contradiction), who
    # undercuts it, and (for an argument) its premises. Only ids of map nodes appear.
    supporters: Mapping[str, tuple[str, ...]] = field(compare=False)
    attackers: Mapping[str, tuple[str, ...]] = field(compare=False)
    undercutters: Mapping[str, tuple[str, ...]] = field(compare=False)
    premises: Mapping[str, tuple[str, ...]] = field(compare=False)
    derived: frozenset[str] = field(compare=False)
    # Conflict lines that are charges about commitments, not attacks: for each node, the
    # (other node, speaker who charges) pairs.
    charges: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict, compare=False)
    # For an argument of a commitment scheme: the premises it uses as another party's
    # commitments. The map attributes them, so they are held; whether they are true does
    # not bear on the argument (an undercut that asks "is P really committed to A?" does).
    reported: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False)

    @cached_property
    def order(self) -> dict[str, int]:
        """Each map node's position in `nodes`."""
        return {node: position for position, node in enumerate(self.nodes)}


def _append(table: dict[str, dict[str, None]], key: str, value: str) -> None:
    # A dict per key keeps insertion order and drops repeats in constant time.
    table.setdefault(key, {})[value] = None


def translate(argument_map: ArgumentMap) -> Translation:
    """Build the abstract framework whose semantics give the map's labels.

    - every statement and every argument is a framework argument;
    - an attack is an attack, a contradiction a mutual attack, an undercut an attack on the
      argument (its inference), never on its premises;
    - a linked argument needs all its premises: for each premise p an auxiliary `not:p`,
      attacked by p, attacks the argument (so it falls as soon as one premise is OUT);
    - a supported statement (other than evidence and assumptions) needs one standing support:
      an auxiliary `lacks:s` attacks s, and every argument concluding s and every statement
      supporting s attacks `lacks:s` (so s stands while one support stands);
    - a statement nothing supports is accepted unless attacked;
    - a conflict line between two nodes of one speaker, attributed to another speaker, is a
      charge about commitments (I303), not an attack: both ends keep their labels;
    - an argument of a commitment scheme (inconsistent commitment, circumstantial ad
      hominem) by one speaker uses another speaker's statements among its premises as that
      speaker's commitments: it needs them held (the map attributes them), not true, so
      their labels do not bear on it.
    """
    nodes_by_id = argument_map.nodes_by_id
    # Source order, so a report reads like the file (hand-built maps keep declaration order);
    # a map with imports reads file by file, in the order the files were merged.
    files: dict[str, int] = {}
    for node in nodes_by_id.values():
        files.setdefault(node.span.path, len(files))
    nodes = tuple(
        sorted(
            nodes_by_id,
            key=lambda n: (
                files[nodes_by_id[n].span.path],
                nodes_by_id[n].span.line,
                nodes_by_id[n].span.column,
            ),
        )
    )
    supporters: dict[str, dict[str, None]] = {}
    attackers: dict[str, dict[str, None]] = {}
    undercutters: dict[str, dict[str, None]] = {}
    premises: dict[str, tuple[str, ...]] = {}
    reported: dict[str, tuple[str, ...]] = {}
    charges: dict[str, dict[tuple[str, str], None]] = {}

    for node in nodes_by_id.values():
        if not isinstance(node, Argument):
            continue
        items = tuple(dict.fromkeys(p for p in node.premises if p in nodes_by_id))
        if node.scheme in COMMITMENT_SCHEMES:
            arguer = _speaker_of(argument_map, node)
            others = tuple(p for p in items if nodes_by_id[p].speaker not in (None, arguer))
            if others:
                reported[node.id] = others
                items = tuple(p for p in items if p not in others)
        premises[node.id] = items
        if node.conclusion is not None and isinstance(nodes_by_id.get(node.conclusion), Statement):
            _append(supporters, node.conclusion, node.id)
    for relation in argument_map.relations:
        source, target = relation.source, relation.target
        if source not in nodes_by_id or target not in nodes_by_id:
            continue  # the checker reports unknown ids
        charger = relation.speaker
        if argument_map.charged(relation) is not None and charger is not None:
            charges.setdefault(source, {})[(target, charger)] = None
            charges.setdefault(target, {})[(source, charger)] = None
            continue
        if relation.kind is RelationKind.SUPPORT:
            # Support of an argument adds nothing an argument needs; it is drawn, not weighed.
            if isinstance(nodes_by_id[target], Statement):
                _append(supporters, target, source)
        elif relation.kind is RelationKind.UNDERCUT:
            _append(undercutters, target, source)
        elif relation.kind is RelationKind.ATTACK:
            _append(attackers, target, source)
        else:
            _append(attackers, target, source)
            _append(attackers, source, target)

    derived = frozenset(
        node_id
        for node_id in supporters
        if (statement := argument_map.statement(node_id)) and statement.role not in GIVEN_ROLES
    )

    names: list[str] = list(nodes)
    descriptions: list[tuple[str, str]] = []
    attacks: list[tuple[str, str]] = []
    for target in nodes:
        for source in attackers.get(target, ()):
            attacks.append((source, target))
        for source in undercutters.get(target, ()):
            attacks.append((source, target))
    for statement_id in nodes:
        if statement_id in derived:
            lack = LACKS_SUPPORT + statement_id
            names.append(lack)
            descriptions.append((lack, f"{statement_id} has no standing support"))
            attacks.append((lack, statement_id))
            attacks.extend((support, lack) for support in supporters[statement_id])
    used_premises = dict.fromkeys(p for items in premises.values() for p in items)
    for premise in used_premises:
        negation = NOT_ACCEPTED + premise
        names.append(negation)
        descriptions.append((negation, f"{premise} is not accepted"))
        attacks.append((premise, negation))
    for argument_id, items in premises.items():
        attacks.extend((NOT_ACCEPTED + premise, argument_id) for premise in items)

    framework = AbstractFramework(
        tuple(names), tuple(dict.fromkeys(attacks)), descriptions=tuple(descriptions)
    )
    return Translation(
        framework,
        nodes,
        {k: tuple(v) for k, v in supporters.items()},
        {k: tuple(v) for k, v in attackers.items()},
        {k: tuple(v) for k, v in undercutters.items()},
        premises,
        derived,
        {k: tuple(v) for k, v in charges.items()},
        reported,
    )


def _speaker_of(argument_map: ArgumentMap, argument: Argument) -> str | None:
    """Who makes an argument: its speaker, else the speaker of its conclusion."""
    if argument.speaker is not None:
        return argument.speaker
    conclusion = argument_map.nodes_by_id.get(argument.conclusion or "")
    return conclusion.speaker if conclusion is not None else None


# ---------------------------------------------------------------------------------------------
# Labels and explanations


@dataclass(frozen=True)
class Explanation:
    """Why one node has its label in one labelling."""

    label: Label
    reason: str
    # The map nodes the reason names (the IN attacker, the OUT premise, the standing support...).
    because: tuple[str, ...] = ()
    # A cycle of map nodes (in attack order, first node repeated at the end) the node hangs on.
    cycle: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """One map node's status under a semantics, and why."""

    node: str
    kind: NodeKind
    label: Label
    reason: str
    # The map nodes the reason names (the IN attacker, the OUT premise, the standing support...).
    because: tuple[str, ...] = ()
    # A cycle of map nodes (in attack order, first node repeated at the end) the node hangs on.
    cycle: tuple[str, ...] = ()
    sceptical: bool = False
    credulous: bool = False
    # The node's label in each extension, in the order of Evaluation.extensions.
    labels: tuple[Label, ...] = ()


@dataclass(frozen=True)
class Evaluation:
    """A map evaluated under one semantics: its extensions and a verdict for every node."""

    semantics: MapSemantics
    translation: Translation
    # Each extension as the map nodes IN it, in source order (auxiliary arguments left out).
    extensions: tuple[tuple[str, ...], ...]
    verdicts: tuple[Verdict, ...]

    @property
    def framework(self) -> AbstractFramework:
        """The abstract framework the map was translated into."""
        return self.translation.framework

    @cached_property
    def _by_node(self) -> dict[str, Verdict]:
        return {v.node: v for v in self.verdicts}

    def verdict(self, node_id: str) -> Verdict:
        """The verdict on one node; KeyError for an id that is not a node."""
        return self._by_node[node_id]

    def labels(self) -> dict[str, str]:
        """Node id -> "in", "out" or "undec": what `RenderOptions(labels=...)` takes."""
        return {v.node: v.label.value for v in self.verdicts}

    def explanations(self) -> dict[str, str]:
        """Node id -> "IN: accepted: nothing attacks it" and the like, for a page's tooltips."""
        return {v.node: f"{v.label.value.upper()}: {v.reason}" for v in self.verdicts}

    @property
    def sceptical(self) -> tuple[str, ...]:
        """The nodes IN in every extension."""
        return tuple(v.node for v in self.verdicts if v.sceptical)

    @property
    def credulous(self) -> tuple[str, ...]:
        """The nodes IN in at least one extension."""
        return tuple(v.node for v in self.verdicts if v.credulous)


class _Explainer:
    """Explains one labelling of a translated map, node by node."""

    def __init__(
        self, translation: Translation, labels: Sequence[Label], steps: Sequence[int] = ()
    ) -> None:
        self.t = translation
        self.index = translation.framework.index
        self.af_labels = labels
        # Grounded only: when each framework argument was labelled, to name the first defeat.
        self.steps = steps
        # The cycle each framework argument (by position) hangs on, once found.
        self.cycles: dict[int, tuple[str, ...]] = {}

    def label(self, name: str) -> Label:
        return self.af_labels[self.index[name]]

    def _with(self, label: Label, names: Sequence[str]) -> list[str]:
        return [n for n in names if self.label(n) is label]

    def cycle(self, node: str) -> tuple[str, ...]:
        """Walk back through UNDEC attackers until a framework argument repeats.

        Every argument the walk passes through hangs on the same cycle, so it is remembered
        for them all: explaining every node of a long undecided chain stays linear.
        """
        framework = self.t.framework
        path = [self.index[node]]
        if path[0] in self.cycles:
            return self.cycles[path[0]]
        seen = {path[0]: 0}
        found: tuple[str, ...] = ()
        while True:
            undecided = [
                a for a in framework.attackers[path[-1]] if self.af_labels[a] is Label.UNDEC
            ]
            if not undecided:
                break
            # Prefer an attacker already on the path, so the cycle found is a short one.
            step = next((a for a in undecided if a in seen), undecided[0])
            if step in seen:
                found = self._present(path[seen[step] :])
                break
            if step in self.cycles:
                found = self.cycles[step]
                break
            seen[step] = len(path)
            path.append(step)
        for position in path:
            self.cycles[position] = found
        return found

    def _present(self, loop: list[int]) -> tuple[str, ...]:
        # `loop` runs against the attacks; turn it round and keep only map nodes, starting
        # from the one declared first.
        order = self.t.order
        names = [self.t.framework.arguments[i] for i in reversed(loop)]
        nodes = [n for n in names if n in order]
        if not nodes:
            return ()
        start = nodes.index(min(nodes, key=order.__getitem__))
        ordered = nodes[start:] + nodes[:start]
        return (*ordered, ordered[0])

    def explain(self, node: str) -> Explanation:
        explanation = self._explain(node)
        charges = self.t.charges.get(node)
        if not charges:
            return explanation
        charged = "; ".join(
            f"@{who} charges it is inconsistent with {other}" for other, who in charges
        )
        reason = f"{explanation.reason} ({charged}: a charge about commitments, not an attack)"
        return Explanation(explanation.label, reason, explanation.because, explanation.cycle)

    def _explain(self, node: str) -> Explanation:
        label = self.label(node)
        attackers = self.t.attackers.get(node, ())
        undercutters = self.t.undercutters.get(node, ())
        supporters = self.t.supporters.get(node, ())
        is_argument = node in self.t.premises
        premises = self.t.premises.get(node, ())
        hostile = (*attackers, *undercutters)

        if label is Label.IN:
            if is_argument:
                parts = []
                reported = self.t.reported.get(node, ())
                if premises:
                    parts.append("all its premises are IN (" + ", ".join(premises) + ")")
                elif not reported:
                    parts.append("it has no premises")
                if reported:
                    parts.append(
                        "the commitments it reports are held (" + ", ".join(reported) + ")"
                    )
                if hostile:
                    parts.append("every attack on it fails (" + ", ".join(hostile) + " OUT)")
                return Explanation(label, "stands: " + " and ".join(parts), tuple(premises))
            if node in self.t.derived:
                standing = self._with(Label.IN, supporters)
                reason = f"stands: supported by {standing[0]} (IN)"
                if hostile:
                    reason += "; every attacker is OUT (" + ", ".join(hostile) + ")"
                return Explanation(label, reason, tuple(standing[:1]))
            if hostile:
                return Explanation(
                    label,
                    "accepted: every attacker is OUT (" + ", ".join(hostile) + ")",
                    tuple(hostile),
                )
            return Explanation(label, UNATTACKED)

        if label is Label.OUT:
            # Every IN attacker in the framework, as (reason, named nodes), in order of priority;
            # under grounded semantics the one labelled IN first is what defeated the node.
            defeats: list[tuple[str, str, tuple[str, ...]]] = []
            defeats += [(u, f"undercut by {u}, which is IN", (u,)) for u in undercutters]
            defeats += [(a, f"defeated by {a}, which is IN", (a,)) for a in attackers]
            defeats += [(NOT_ACCEPTED + p, f"its premise {p} is OUT", (p,)) for p in premises]
            if node in self.t.derived:
                defeats.append(
                    (
                        LACKS_SUPPORT + node,
                        "every support has fallen (" + ", ".join(supporters) + " OUT)",
                        tuple(supporters),
                    )
                )
            winning = [c for c in defeats if self.label(c[0]) is Label.IN]
            if self.steps:
                winning.sort(key=lambda c: self.steps[self.index[c[0]]])
            if winning:
                return Explanation(label, winning[0][1], winning[0][2])
            return Explanation(label, "rejected in this extension")

        cycle = self.cycle(node)
        causes: list[str] = []
        named: list[str] = []
        for kind, names in (("attacker", hostile), ("premise", premises)):
            for name in self._with(Label.UNDEC, names):
                causes.append(f"{kind} {name} is UNDEC")
                named.append(name)
        if node in self.t.derived and not self._with(Label.IN, supporters):
            pending = self._with(Label.UNDEC, supporters)
            if pending:
                causes.append("no support stands for sure (" + ", ".join(pending) + " UNDEC)")
                named.extend(pending)
        reason = "undecided: " + (
            "; ".join(causes) if causes else "neither in the extension nor attacked by it"
        )
        if cycle:
            where = "lies on" if node in cycle else "depends on"
            reason += f"; it {where} the cycle " + " -> ".join(cycle)
        return Explanation(label, reason, tuple(dict.fromkeys(named)), cycle)


# The reason of a node nothing attacks or supports; the text report lists them on one line.
UNATTACKED = "accepted: nothing attacks it"


def _kind(argument_map: ArgumentMap, node: str) -> NodeKind:
    if isinstance(argument_map.nodes_by_id[node], Argument):
        return NodeKind.ARGUMENT
    return NodeKind.STATEMENT


class TooManyExtensions(ArgmapError):
    """A map has more extensions under a semantics than a report can usefully list."""


# Independent conflicts multiply extensions (n of them give 2**n preferred extensions); past
# this many, a report is unreadable and the enumeration could run for ever.
MAX_EXTENSIONS = 10_000


def evaluate(
    argument_map: ArgumentMap,
    semantics: MapSemantics | str = Semantics.GROUNDED,
    max_extensions: int = MAX_EXTENSIONS,
) -> Evaluation:
    """Label every statement and argument IN, OUT or UNDEC under a semantics, with reasons.

    With several extensions a node is IN if it is IN in all of them (sceptically accepted),
    OUT if OUT in all, UNDEC otherwise; each verdict also carries its per-extension labels.
    Raises TooManyExtensions past `max_extensions`. `"carneades"` labels the map with
    Carneades' weights, proof standards and issues instead (argmap.evaluation.carneades).
    """
    chosen = map_semantics(semantics)
    if isinstance(chosen, Carneades):
        return _carneades(argument_map)
    with paused_gc():
        return _evaluate(argument_map, chosen, max_extensions)


def _carneades(argument_map: ArgumentMap) -> Evaluation:
    """A Carneades labelling as an Evaluation: one "extension", the nodes IN."""
    result = evaluate_carneades(argument_map)
    verdicts = tuple(
        Verdict(
            v.node,
            _kind(argument_map, v.node),
            v.label,
            v.reason,
            sceptical=v.label is Label.IN,
            credulous=v.label is Label.IN,
            labels=(v.label,),
        )
        for v in result.verdicts
    )
    extension = tuple(v.node for v in verdicts if v.label is Label.IN)
    return Evaluation(Carneades.CARNEADES, translate(argument_map), (extension,), verdicts)


def _evaluate(argument_map: ArgumentMap, semantics: Semantics, max_extensions: int) -> Evaluation:
    translation = translate(argument_map)
    framework = translation.framework
    steps: list[int] = []
    if semantics is Semantics.GROUNDED:
        grounded, steps = grounded_labelling_in_order(framework)
        labellings = [grounded]
    else:
        # A map's preferred extensions are found without the solver when the search is small.
        found = (
            preferred_by_search(framework, max_extensions + 1)
            if semantics is Semantics.PREFERRED
            else None
        )
        if found is None:
            found = list(islice(iter_extensions(framework, semantics), max_extensions + 1))
        if len(found) > max_extensions:
            raise TooManyExtensions(
                f"the map has more than {max_extensions:,} {semantics.value} extensions, too "
                "many to list; grounded and ideal semantics give one answer each"
            )
        found.sort(key=sorted)
        labellings = [labelling_of(framework, e) for e in found]
    node_positions = [framework.index[n] for n in translation.nodes]
    listed = tuple(
        tuple(translation.nodes[k] for k, p in enumerate(node_positions) if labels[p] is Label.IN)
        for labels in labellings
    )
    explainers = [_Explainer(translation, labels, steps) for labels in labellings]
    verdicts = []
    for node in translation.nodes:
        kind = _kind(argument_map, node)
        if not explainers:
            verdicts.append(
                Verdict(node, kind, Label.UNDEC, f"the map has no {semantics.value} extension")
            )
            continue
        per = [e.explain(node) for e in explainers]
        labels = tuple(p.label for p in per)
        sceptical = all(label is Label.IN for label in labels)
        credulous = any(label is Label.IN for label in labels)
        if len(set(labels)) == 1:
            first = per[0]
            label, reason, because, cycle = first.label, first.reason, first.because, first.cycle
            by_reason: dict[str, list[str]] = {}
            for number, explanation in enumerate(per, start=1):
                by_reason.setdefault(explanation.reason, []).append(str(number))
            if len(by_reason) > 1:
                # The same label for different reasons in different extensions: one reason
                # alone would name a node whose own (combined) label says otherwise. Each
                # reason once, with the extensions it holds in: nothing is cut.
                shown = [
                    f"in extension{'s' if len(numbers) > 1 else ''} {', '.join(numbers)}: {text}"
                    for text, numbers in by_reason.items()
                ]
                reason = f"{label.value.upper()} in all {len(per)} extensions; " + "; ".join(shown)
        else:
            label = Label.UNDEC
            inside = [str(i) for i, x in enumerate(labels, start=1) if x is Label.IN]
            other = next(i for i, x in enumerate(labels) if x is not Label.IN)
            reason = (
                f"IN in extension{'s' if len(inside) > 1 else ''} {', '.join(inside)} "
                f"of {len(labels)}"
                if inside
                else f"IN in none of the {len(labels)} extensions"
            )
            reason += f"; in extension {other + 1}: {per[other].reason}"
            because, cycle = per[other].because, per[other].cycle
        verdicts.append(
            Verdict(node, kind, label, reason, because, cycle, sceptical, credulous, labels)
        )
    return Evaluation(semantics, translation, listed, tuple(verdicts))


def rank(argument_map: ArgumentMap) -> tuple[tuple[str, float], ...]:
    """Every node with its h-categoriser strength in the map's framework, strongest first.

    Ties keep source order. Through the translation, convergent support raises a conclusion
    (each support weakens its "lacks support" attacker) and a weak premise lowers an argument.
    """
    translation = translate(argument_map)
    framework = translation.framework
    strength = h_categoriser(framework)
    scored = [(node, strength[framework.index[node]]) for node in translation.nodes]
    return tuple(sorted(scored, key=lambda item: -round(item[1], 9)))


# ---------------------------------------------------------------------------------------------
# Output


def _role(argument_map: ArgumentMap, node: str) -> str:
    found = argument_map.nodes_by_id[node]
    return found.role.value if isinstance(found, Statement) else "argument"


# Beyond this many sceptically accepted nodes, extensions are listed by what they add.
SHARED_SHOWN = 8


def _extension_lines(evaluation: Evaluation) -> list[str]:
    shared = evaluation.sceptical
    if len(shared) <= SHARED_SHOWN:
        lines = [
            f"  extension {number}: {', '.join(members) if members else '(empty)'}"
            for number, members in enumerate(evaluation.extensions, start=1)
        ]
        lines.append("sceptically accepted: " + (", ".join(shared) or "(none)"))
        lines.append("credulously accepted: " + (", ".join(evaluation.credulous) or "(none)"))
        return lines
    # A real map's extensions share most of their nodes: list those once, by count.
    lines = [f"  every extension holds the {len(shared)} sceptically accepted nodes, and:"]
    common = set(shared)
    for number, members in enumerate(evaluation.extensions, start=1):
        extra = [m for m in members if m not in common]
        lines.append(f"  extension {number}: " + (", ".join(extra) or "nothing more"))
    lines.append(f"sceptically accepted: {len(shared)} nodes, labelled IN below")
    only = [n for n in evaluation.credulous if n not in common]
    lines.append("credulously accepted, not sceptically: " + (", ".join(only) or "(none)"))
    return lines


def format_text(
    evaluation: Evaluation,
    argument_map: ArgumentMap,
    ranking: Sequence[tuple[str, float]] | None = None,
) -> str:
    """A report for people: the extensions, one line per node with its label and reason, and
    (when given) the h-categoriser ranking."""
    count = len(evaluation.extensions)
    lines = [
        f"{evaluation.semantics.value} semantics: {count} extension{'s' if count != 1 else ''}"
        if isinstance(evaluation.semantics, Semantics)
        else "carneades semantics: weights, proof standards and issues, one labelling"
    ]
    if evaluation.semantics not in (Semantics.GROUNDED, Carneades.CARNEADES) or count != 1:
        lines += _extension_lines(evaluation)
    unattacked = [v.node for v in evaluation.verdicts if v.reason == UNATTACKED]
    if len(unattacked) < 2:
        unattacked = []
    grouped = set(unattacked)
    rest = [v for v in evaluation.verdicts if v.node not in grouped]
    if unattacked:
        lines.append(
            f"IN     accepted, nothing attacks them ({len(unattacked)}): " + ", ".join(unattacked)
        )
    width = max((len(v.node) for v in rest), default=0)
    roles = max((len(_role(argument_map, v.node)) for v in rest), default=0)
    for verdict in rest:
        lines.append(
            f"{verdict.label.value.upper():<5}  {_role(argument_map, verdict.node):<{roles}}  "
            f"{verdict.node:<{width}}  {verdict.reason}"
        )
    if ranking is not None:
        lines.append("h-categoriser ranking (strongest first):")
        lines += [f"  {strength:.3f}  {node}" for node, strength in ranking]
    return "\n".join(lines) + "\n"


def json_schema() -> dict[str, object]:
    """The JSON Schema (draft 2020-12) that `to_json` output satisfies."""
    text = resources.files("argmap").joinpath("data", "argmap-evaluation.schema.json")
    loaded: dict[str, object] = json.loads(text.read_text("utf-8"))
    return loaded


def to_json(
    evaluation: Evaluation,
    argument_map: ArgumentMap,
    ranking: Sequence[tuple[str, float]] | None = None,
    reader: str | None = None,
    left_out: Sequence[str] = (),
) -> str:
    """The evaluation as JSON for machines (stable key order, two-space indent).

    For one speaker's reading (`argmap eval --as`), `reader` names the speaker and
    `left_out` the map's nodes outside the reading.
    """
    document: dict[str, object] = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "path": argument_map.path,
        "semantics": evaluation.semantics.value,
        "extensions": [list(e) for e in evaluation.extensions],
        "sceptical": list(evaluation.sceptical),
        "credulous": list(evaluation.credulous),
        "nodes": [
            {
                "id": v.node,
                "kind": v.kind.value,
                "role": _role(argument_map, v.node),
                "label": v.label.value,
                "reason": v.reason,
                "because": list(v.because),
                "cycle": list(v.cycle),
                "sceptical": v.sceptical,
                "credulous": v.credulous,
                "labels": [label.value for label in v.labels],
            }
            for v in evaluation.verdicts
        ],
    }
    if reader is not None:
        document["reader"] = reader
        document["left_out"] = list(left_out)
    if ranking is not None:
        document["ranking"] = [
            {"id": node, "strength": round(strength, 6)} for node, strength in ranking
        ]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
