"""AIF JSON (AIFdb and OVA/xAIF forms) read into an argument map, and a map written as AIF."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from argmap.errors import InputError
from argmap.files import load_json
from argmap.interchange.imported import ConversionWarning, IdMaker, Imported, tidy_text
from argmap.language.schemes import catalogue
from argmap.model import (
    METADATA_KEYS,
    Argument,
    ArgumentMap,
    Expectation,
    Group,
    Metadata,
    Relation,
    RelationKind,
    Role,
    Speaker,
    Statement,
)

# Scheme names AIF tools give when the annotator chose no scheme: they carry nothing.
DEFAULT_SCHEMES = frozenset(
    {"", "ra", "ca", "ma", "default inference", "default conflict", "default rephrase"}
)
# "Speaker : what they said" in an L-node; the name is everything before the first " : ".
_LOCUTION = re.compile(r"^\s*(?P<speaker>[^:]+?)\s+:\s+(?P<text>.*)$", re.DOTALL)
REPHRASE_TAG = "rephrase"

# AIF node types, shared by the reader and the writer: information, inference (rule
# application), conflict, rephrase (preference-free mutual support), and the dialogue's
# locution, illocutionary connection (YA) and transition (TA).
I_NODE, RA_NODE, CA_NODE, MA_NODE = "I", "RA", "CA", "MA"
L_NODE, YA_NODE, TA_NODE = "L", "YA", "TA"
SCHEME_NODES = (RA_NODE, CA_NODE, MA_NODE)
DIALOGUE_NODES = (YA_NODE, L_NODE, TA_NODE)

# What argmap's exporter notes in a scheme node's "argmap" object: "kind" says whether the
# node is an argument or one relation. An argument node lists the relations it bears directly
# (edges to their targets after the edge to its conclusion) under "relations".
ARGUMENT_MARK = "argument"
RELATION_MARKS = {kind.value: kind for kind in RelationKind}
BACK_MARK = "contradicts-back"

# Annotation errors in a source file: what was dropped to read the rest (each a warning with
# its code; `argmap convert --strict` refuses a file that has any).
SELF_RELATION = "AIF101"
MISSING_NODE = "AIF102"
DANGLING_EDGE = "AIF103"
DUPLICATE_NODE = "AIF104"
ONE_SIDED = "AIF105"
ANNOTATION_ERRORS = {
    SELF_RELATION: "a node supports or attacks itself through an RA, MA or CA node",
    MISSING_NODE: "an edge refers to a node that does not exist",
    DANGLING_EDGE: "an edge lacks its fromID or toID",
    DUPLICATE_NODE: "a node id is declared twice, with the same type",
    ONE_SIDED: "an RA, CA or MA node lacks its premise or its conclusion (target)",
}


@dataclass
class _Node:
    """One AIF node with its incoming and outgoing neighbours, in edge order."""

    id: str
    type: str
    text: str
    scheme: str | None
    # What argmap's own exporter noted on the node (its "argmap" object): the kind of an
    # S-node ("argument", "supports", "contradicts", ...), a statement's role, tags and
    # properties.
    extra: dict[str, Any] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)

    @property
    def marker(self) -> str | None:
        kind = self.extra.get("kind")
        return str(kind) if kind else None

    def tags(self) -> tuple[str, ...]:
        return _strings(self.extra.get("tags"))

    def text_field(self, key: str) -> str | None:
        value = self.extra.get(key)
        return str(value) if value is not None else None


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


def parse_aif(text: str, path: str = "<string>") -> Imported:
    """Read AIF JSON text (AIFdb `nodes`/`edges`/`locutions`, or the same under `"AIF"`)."""
    return from_aif(load_json(text, path), path)


def _require_list(data: Mapping[str, Any], key: str, path: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise InputError(f"{path}: AIF field {key!r} must be a list, not {type(value).__name__}")
    return value


def _field(item: Any, key: str, what: str, path: str) -> str:
    if not isinstance(item, Mapping) or key not in item or item[key] is None:
        raise InputError(f"{path}: an AIF {what} has no {key!r}: {json.dumps(item)[:120]}")
    return str(item[key])


@dataclass
class _Graph:
    """The nodes of an AIF document, with what reading it found wrong and dropped."""

    nodes: dict[str, _Node]
    locutions: list[Any]
    participants: list[Any]
    warnings: list[ConversionWarning]


def _read_graph(data: Any, path: str) -> _Graph:
    if isinstance(data, Mapping) and isinstance(data.get("AIF"), Mapping):
        data = data["AIF"]
    if not isinstance(data, Mapping) or "nodes" not in data:
        raise InputError(
            f"{path}: not an AIF document (no 'nodes' list, neither at the top nor under 'AIF')"
        )
    nodes: dict[str, _Node] = {}
    warnings: list[ConversionWarning] = []
    for item in _require_list(data, "nodes", path):
        node_id = _field(item, "nodeID", "node", path)
        node_type = _field(item, "type", f"node {node_id}", path).upper()
        if node_id in nodes:
            if nodes[node_id].type != node_type:
                # Which of the two an edge means cannot be told: refuse rather than guess.
                raise InputError(
                    f"{path}: node {node_id} is declared twice, as a {nodes[node_id].type} "
                    f"node and as a {node_type} node"
                )
            warnings.append(
                ConversionWarning(
                    path,
                    node_id,
                    f"the {node_type} node is declared twice; the second declaration was dropped",
                    DUPLICATE_NODE,
                )
            )
            continue
        scheme = item.get("scheme")
        extra = item.get("argmap")
        nodes[node_id] = _Node(
            node_id,
            node_type,
            str(item.get("text") or ""),
            str(scheme) if scheme else None,
            dict(extra) if isinstance(extra, Mapping) else {},
        )
    for item in _require_list(data, "edges", path):
        ends = [item.get(key) if isinstance(item, Mapping) else None for key in ("fromID", "toID")]
        edge = item.get("edgeID", "?") if isinstance(item, Mapping) else "?"
        if any(end is None for end in ends):
            warnings.append(
                ConversionWarning(
                    path,
                    None,
                    f"edge {edge} has no {'fromID' if ends[0] is None else 'toID'} "
                    f"({json.dumps(item)[:80]}), so it was dropped",
                    DANGLING_EDGE,
                )
            )
            continue
        source, target = str(ends[0]), str(ends[1])
        missing = [end for end in (source, target) if end not in nodes]
        if missing:
            warnings.append(
                ConversionWarning(
                    path,
                    None,
                    f"edge {edge} ({source} -> {target}) refers to node {missing[0]}, "
                    "which does not exist, so it was dropped",
                    MISSING_NODE,
                )
            )
            continue
        nodes[source].targets.append(target)
        nodes[target].sources.append(source)
    locutions = _require_list(data, "locutions", path)
    participants = _require_list(data, "participants", path)
    return _Graph(nodes, locutions, participants, warnings)


def _scheme_name(node: _Node) -> str | None:
    """The scheme of an RA-node: a catalogue id when the AIF name matches one, else the name."""
    name = tidy_text(node.scheme or node.text)
    if name.lower() in DEFAULT_SCHEMES:
        return None
    schemes = catalogue()
    by_name = {scheme.name.lower(): scheme.id for scheme in schemes.values()}
    if name.lower() in by_name:
        return by_name[name.lower()]
    stem = re.sub(r"^(the )?arguments? (from|by|for) (the )?", "", name.lower())
    candidate = re.sub(r"\W+", "_", stem).strip("_")
    return candidate if candidate in schemes else name


def from_aif(data: Any, path: str = "<string>") -> Imported:
    """Build an argument map from parsed AIF JSON.

    I-nodes become statements, RA-nodes arguments (their premises linked), CA-nodes attacks
    (undercuts when they point at an RA- or CA-node), MA-nodes supports tagged `#rephrase`;
    L- and YA-nodes give statements, arguments and relations their speakers. A file argmap
    wrote is read back as it was, from the notes in its "argmap" objects. What argmap cannot
    hold, and annotation errors dropped to read the rest, are reported as warnings.
    """
    graph = _read_graph(data, path)
    saved = data.get("argmap") if isinstance(data, Mapping) else None
    reader = _Reader(graph.nodes, path, graph.warnings)
    speakers, reader.attributions = _speakers(graph, reader.ids, saved)
    for node in graph.nodes.values():
        reader.read(node)
    reader.drop_dangling_relations()
    reader.report_skipped()
    statements = reader.statements()
    known = {s.id for s in statements} | {a.id for a in reader.arguments}
    argument_map = ArgumentMap(
        metadata=_metadata(saved, path),
        speakers=speakers,
        statements=statements,
        arguments=tuple(reader.arguments),
        relations=tuple(reader.relations),
        groups=_groups(saved, known, reader.warn),
        expectations=_expectations(saved, known, reader.warn),
        path=path,
    )
    return Imported(argument_map, tuple(reader.warnings))


class _Reader:
    """What reading one AIF graph builds up: one handler per S-node type adds to it."""

    def __init__(
        self, nodes: dict[str, _Node], path: str, warnings: list[ConversionWarning]
    ) -> None:
        self.nodes = nodes
        self.path = path
        self.ids = IdMaker()
        self.warnings = warnings
        self.attributions: dict[str, str] = {}
        self.statement_ids = {n.id: self.node_id(n) for n in nodes.values() if n.type == I_NODE}
        # An S-node that a conflict points at must become an argument to be a target.
        self.attacked = {
            target
            for node in nodes.values()
            if node.type == CA_NODE
            for target in node.targets
            if nodes[target].type in (CA_NODE, MA_NODE)
        }
        self.arguments: list[Argument] = []
        self.relations: list[Relation] = []
        self.premise_of: set[str] = set()
        self.conclusion_of: set[str] = set()
        self.attackers: set[str] = set()

    def warn(self, node: str | None, message: str, code: str | None = None) -> None:
        self.warnings.append(ConversionWarning(self.path, node, message, code))

    def node_id(self, node: _Node) -> str:
        prefix = "i" if node.type == I_NODE else node.type.lower()
        # Ids argmap wrote come back as they were; other tools' ids are made into ids.
        if node.extra:
            return self.ids.keep(node.id, prefix)
        return self.ids.make(node.id, prefix)

    def end_id(self, node: _Node) -> str:
        """The id of a relation's end: a statement, or the argument an S-node became."""
        return self.statement_ids[node.id] if node.type == I_NODE else self.node_id(node)

    def read(self, node: _Node) -> None:
        """Read one node: argmap's own notes when they fit its edges, else as AIF says."""
        marker = node.marker
        if marker == BACK_MARK:
            return  # the second half of a contradiction argmap exported
        if marker == ARGUMENT_MARK and node.type in (RA_NODE, CA_NODE):
            if self.argument_node(node):
                return
        elif marker in RELATION_MARKS and node.type in (RA_NODE, CA_NODE):
            if self.relation_node(node, RELATION_MARKS[marker]):
                return
        else:
            marker = None
        if marker is not None:
            self.warn(
                node.id,
                f"the {node.type} node's argmap notes ({marker}) do not match its edges; "
                "it was read as plain AIF",
            )
        handler = _HANDLERS.get(node.type)
        if handler is not None:
            handler(self, node)

    def argument_node(self, node: _Node) -> bool:
        """An argument argmap exported: premises in, the conclusion (RA only) and then the
        targets of the relations it bears directly out. False when the edges do not fit."""
        premises = [s for s in node.sources if self.nodes[s].type == I_NODE]
        targets = [
            self.nodes[t]
            for t in node.targets
            if self.nodes[t].type not in DIALOGUE_NODES
            and self.nodes[t].marker not in (*RELATION_MARKS, BACK_MARK)
        ]
        records = node.extra.get("relations", [])
        if not isinstance(records, list) or not all(
            isinstance(r, Mapping) and r.get("kind") in RELATION_MARKS for r in records
        ):
            return False
        direct = targets[len(targets) - len(records) :] if records else []
        rest = targets[: len(targets) - len(records)]
        if (
            not premises
            or len(direct) != len(records)
            or len(rest) > (1 if node.type == RA_NODE else 0)
            or any(t.type != I_NODE for t in rest)
            or [t.id for t in direct] != [str(r.get("target")) for r in records]
        ):
            return False
        argument_id = self.node_id(node)
        conclusion = self.statement_ids[rest[0].id] if rest else None
        self.arguments.append(
            Argument(
                argument_id,
                tuple(self.statement_ids[p] for p in premises),
                conclusion,
                speaker=self.attributions.get(node.id),
                tags=node.tags(),
                scheme=node.text_field("scheme"),
                note=node.text_field("note"),
                title=node.text_field("title"),
                weight=node.text_field("weight"),
            )
        )
        for record, target in zip(records, direct, strict=True):
            speaker = record.get("speaker")
            self.relations.append(
                Relation(
                    RELATION_MARKS[record["kind"]],
                    argument_id,
                    self.end_id(target),
                    speaker=str(speaker) if speaker is not None else None,
                    tags=_strings(record.get("tags")),
                )
            )
        return True

    def relation_node(self, node: _Node, kind: RelationKind) -> bool:
        """One relation argmap exported: its source in, its target out. False when the
        edges do not fit."""
        sources = [self.nodes[s] for s in node.sources if self.nodes[s].type not in DIALOGUE_NODES]
        targets = [self.nodes[t] for t in node.targets if self.nodes[t].type not in DIALOGUE_NODES]
        if len(sources) != 1 or len(targets) != 1:
            return False
        ends = (sources[0], targets[0])
        if any(end.type != I_NODE and end.marker != ARGUMENT_MARK for end in ends):
            return False
        self.relations.append(
            Relation(
                kind,
                self.end_id(ends[0]),
                self.end_id(ends[1]),
                speaker=self.attributions.get(node.id),
                tags=node.tags(),
            )
        )
        return True

    def ends(self, node: _Node) -> tuple[list[str], list[_Node]]:
        """The node's premises (I-nodes in) and targets (what it points at, but dialogue)."""
        premises = []
        for source in node.sources:
            source_node = self.nodes[source]
            if source_node.type == I_NODE:
                premises.append(source)
            elif source_node.type not in (*DIALOGUE_NODES, CA_NODE):  # a CA in is an undercut
                self.warn(
                    node.id,
                    f"{node.type} node has a {source_node.type} node ({source}) as "
                    "a premise; argmap premises are statements, so that edge was not imported",
                )
        targets = [self.nodes[t] for t in node.targets if self.nodes[t].type not in DIALOGUE_NODES]
        return premises, targets

    def inference(self, node: _Node) -> None:
        """An RA-node: an argument from its premises to its conclusion."""
        premises, targets = self.ends(node)
        speaker = self.attributions.get(node.id)
        conclusions = [t for t in targets if t.type == I_NODE]
        for other in targets:
            if other.type != I_NODE:
                self.warn(
                    node.id,
                    f"RA node supports a {other.type} node ({other.id}); argmap "
                    "arguments conclude statements, so that edge was not imported",
                )
        if len(conclusions) > 1:
            self.warn(
                node.id,
                f"RA node has {len(conclusions)} conclusions; the argument keeps "
                f"the first ({conclusions[0].id}) and the others were not imported",
            )
        conclusion = conclusions[0].id if conclusions else None
        if conclusion is not None and conclusion in premises:
            premises = [p for p in premises if p != conclusion]
            self.warn(
                node.id,
                f"node {conclusion} supports itself through RA node {node.id}: "
                + (
                    f"the edge {conclusion} -> {node.id} was dropped"
                    if premises
                    else "the RA node was dropped"
                ),
                SELF_RELATION,
            )
            if not premises:
                return
        if not premises:
            self.warn(
                node.id,
                "RA node has no premise; an argument needs one, so it was not imported",
                ONE_SIDED,
            )
            return
        if conclusion is None:
            self.warn(
                node.id,
                "RA node has no conclusion; an argument needs one, so it was not imported",
                ONE_SIDED,
            )
            return
        ids = self.statement_ids
        self.premise_of.update(premises)
        self.conclusion_of.add(conclusion)
        self.arguments.append(
            Argument(
                self.node_id(node),
                tuple(ids[p] for p in premises),
                ids[conclusion],
                speaker=speaker,
                tags=node.tags(),
                scheme=_scheme_name(node),
                note=node.text_field("note"),
                title=node.text_field("title"),
            )
        )

    def conflict(self, node: _Node) -> None:
        """A CA-node: an attack, or an undercut of an S-node."""
        self.relation(node, RelationKind.ATTACK, node.tags())

    def rephrase(self, node: _Node) -> None:
        """An MA-node: argmap has no rephrase relation, so a support tagged #rephrase."""
        self.relation(node, RelationKind.SUPPORT, (REPHRASE_TAG,))

    def relation(self, node: _Node, kind: RelationKind, tags: tuple[str, ...]) -> None:
        """Relations from a CA- or MA-node's premises (linked: through an argument) to each
        of its targets."""
        premises, targets = self.ends(node)
        linked = len(premises) > 1 or node.id in self.attacked
        if not linked and premises and premises[0] in {t.id for t in targets}:
            verb = "attacks" if node.type == CA_NODE else "supports"
            targets = [t for t in targets if t.id != premises[0]]
            self.warn(
                node.id,
                f"node {premises[0]} {verb} itself through {node.type} node {node.id}: "
                + (
                    f"the edge {node.id} -> {premises[0]} was dropped"
                    if targets
                    else f"the {node.type} node was dropped"
                ),
                SELF_RELATION,
            )
            if not targets:
                return
        if not premises or not targets:
            missing = "premise" if not premises else "target"
            self.warn(
                node.id, f"{node.type} node has no {missing}, so it was not imported", ONE_SIDED
            )
            return
        if node.type == MA_NODE:
            self.warn(
                node.id,
                "argmap has no rephrase relation: the MA node was imported as a "
                f"support tagged #{REPHRASE_TAG}",
            )
        scheme = _scheme_name(node)
        if kind is RelationKind.ATTACK and scheme is not None:
            self.warn(node.id, f"argmap attacks carry no scheme: {scheme!r} was not imported")
        speaker = self.attributions.get(node.id)
        if linked:
            source = self.node_id(node)
            self.arguments.append(
                Argument(
                    source,
                    tuple(self.statement_ids[p] for p in premises),
                    None,
                    speaker=speaker,
                    tags=node.tags(),
                    note=node.text_field("note"),
                    title=node.text_field("title"),
                )
            )
            self.premise_of.update(premises)
        else:
            source = self.statement_ids[premises[0]]
        if node.type == CA_NODE:
            self.attackers.update(premises)
        for target in targets:
            if target.type == I_NODE:
                self.relations.append(
                    Relation(
                        kind, source, self.statement_ids[target.id], speaker=speaker, tags=tags
                    )
                )
            elif node.type == CA_NODE and target.type in SCHEME_NODES:
                self.relations.append(
                    Relation(
                        RelationKind.UNDERCUT,
                        source,
                        self.node_id(target),
                        speaker=speaker,
                        tags=tags,
                    )
                )
            else:
                self.warn(
                    node.id,
                    f"{node.type} node points at a {target.type} node "
                    f"({target.id}); argmap cannot represent that edge, so it was not imported",
                )

    def drop_dangling_relations(self) -> None:
        """A relation to or from a node that was not imported has nothing to point at."""
        imported = {argument.id for argument in self.arguments}
        imported.update(self.statement_ids.values())
        kept: list[Relation] = []
        for relation in self.relations:
            missing = next(
                (e for e in (relation.target, relation.source) if e not in imported), None
            )
            if missing is not None:
                self.warn(
                    missing,
                    f"the relation '{relation.source} {relation.kind.value} "
                    f"{relation.target}' refers to a node that was not imported, so it was "
                    "not imported either",
                )
            else:
                kept.append(relation)
        self.relations = kept

    def report_skipped(self) -> None:
        """One warning per node type argmap has no counterpart for (TA, PA, ...)."""
        skipped: dict[str, list[str]] = defaultdict(list)
        for node in self.nodes.values():
            if node.type not in (I_NODE, *SCHEME_NODES, L_NODE, YA_NODE):
                skipped[node.type].append(node.id)
        for node_type, members in sorted(skipped.items()):
            what = "dialogue transition" if node_type == TA_NODE else "node"
            listed = ", ".join(members[:5]) + (", ..." if len(members) > 5 else "")
            self.warn(
                None,
                f"{len(members)} {node_type} {what}(s) have no counterpart in argmap and "
                f"were not imported ({listed})",
            )

    def statements(self) -> tuple[Statement, ...]:
        """Every I-node as a statement, its role from what it does in the graph."""
        return tuple(
            Statement(
                self.statement_ids[n.id],
                _saved_role(n) or _role(n.id, self.premise_of, self.conclusion_of, self.attackers),
                # Text exported by argmap (it carries an "argmap" object) is kept exactly,
                # line breaks included; other tools' text is tidied.
                n.text if n.extra else tidy_text(n.text),
                speaker=self.attributions.get(n.id),
                tags=n.tags(),
                cite=n.text_field("cite"),
                quote=n.text_field("quote"),
                url=n.text_field("url"),
                note=n.text_field("note"),
                raises=n.text_field("raises"),
                title=n.text_field("title"),
                standard=n.text_field("standard"),
                expect=n.text_field("expect"),
            )
            for n in self.nodes.values()
            if n.type == I_NODE
        )


# One handler per S-node type; I-nodes become statements, L/YA-nodes speakers.
_HANDLERS = {RA_NODE: _Reader.inference, CA_NODE: _Reader.conflict, MA_NODE: _Reader.rephrase}


def _metadata(saved: Any, path: str) -> Metadata:
    """The metadata argmap's exporter saved, or the file's name as the source."""
    if isinstance(saved, Mapping) and isinstance(saved.get("metadata"), Mapping):
        return Metadata(
            **{
                key: str(value)
                for key, value in saved["metadata"].items()
                if key in METADATA_KEYS and value is not None
            }
        )
    return Metadata(source=f"AIF: {path.replace(chr(92), '/').rsplit('/', 1)[-1]}")


def _saved_list(saved: Any, key: str) -> list[Any]:
    """A list argmap's exporter saved in the top-level "argmap" object, or an empty one."""
    value = saved.get(key) if isinstance(saved, Mapping) else None
    return value if isinstance(value, list) else []


def _groups(
    saved: Any, known: set[str], warn: Callable[[str | None, str], None]
) -> tuple[Group, ...]:
    """The groups argmap's exporter saved, keeping only members that were imported."""
    groups = []
    for entry in _saved_list(saved, "groups"):
        if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str):
            continue
        members = _strings(entry.get("members"))
        for member in members:
            if member not in known:
                warn(member, f"group '{entry['name']}' names a node that was not imported")
        members_kept = tuple(m for m in members if m in known)
        if members_kept:
            groups.append(Group(entry["name"], members_kept, _strings(entry.get("tags"))))
    return tuple(groups)


def _expectations(
    saved: Any, known: set[str], warn: Callable[[str | None, str], None]
) -> tuple[Expectation, ...]:
    """The expectations argmap's exporter saved, keeping only nodes that were imported."""
    found = []
    for entry in _saved_list(saved, "expectations"):
        if not isinstance(entry, Mapping):
            continue
        semantics, label = entry.get("semantics"), entry.get("label")
        if not isinstance(semantics, str) or not isinstance(label, str):
            continue
        nodes = _strings(entry.get("nodes"))
        for node in nodes:
            if node not in known:
                warn(
                    node, f"an expectation ({semantics} {label}) names a node that was not imported"
                )
        kept = tuple(node for node in nodes if node in known)
        if kept:
            found.append(Expectation(semantics, label, kept))
    return tuple(found)


def _saved_role(node: _Node) -> Role | None:
    try:
        return Role(node.extra.get("role"))
    except ValueError:
        return None


def _role(node: str, premise_of: set[str], conclusion_of: set[str], attackers: set[str]) -> Role:
    if node in attackers:
        return Role.OBJECTION
    if node in conclusion_of:
        return Role.CLAIM if node in premise_of else Role.THESIS
    if node in premise_of:
        return Role.PREMISE
    return Role.STATEMENT


def _saved_speakers(saved: Any) -> tuple[Speaker, ...] | None:
    """The speakers argmap's exporter saved (ids and names exactly), or None."""
    entries = saved.get("speakers") if isinstance(saved, Mapping) else None
    if not isinstance(entries, list):
        return None
    speakers: dict[str, Speaker] = {}
    for entry in entries:
        if isinstance(entry, Mapping) and isinstance(entry.get("id"), str):
            speakers.setdefault(entry["id"], Speaker(entry["id"], str(entry.get("name") or "")))
    return tuple(speakers.values())


def _speakers(
    graph: _Graph, ids: IdMaker, saved: Any
) -> tuple[tuple[Speaker, ...], dict[str, str]]:
    """Speakers from L-nodes ("Name : text"), and who asserted each I-, RA-, CA- or MA-node.

    A file argmap wrote names its speakers in its "argmap" object; a locution's `personID`
    is then the speaker's id."""
    nodes = graph.nodes
    known_people: dict[str, str] = {}
    for person in graph.participants:
        if isinstance(person, Mapping) and "participantID" in person:
            name = " ".join(
                str(person.get(part) or "") for part in ("firstname", "surname")
            ).strip()
            known_people[str(person["participantID"])] = name
    person_by_locution = {
        str(item["nodeID"]): str(item.get("personID"))
        for item in graph.locutions
        if isinstance(item, Mapping) and "nodeID" in item
    }
    saved_speakers = _saved_speakers(saved)
    speakers: dict[str, Speaker] = {}
    # Who said each locution: a speaker id (argmap's own files) or a name and a person.
    speaker_of_locution: dict[str, tuple[str, str | None]] = {}
    for node in nodes.values():
        if node.type != L_NODE:
            continue
        person = person_by_locution.get(node.id)
        if saved_speakers is not None:
            if person is not None:
                speaker_of_locution[node.id] = ("", person)
            continue
        match = _LOCUTION.match(node.text)
        said_by = match.group("speaker").strip() if match else known_people.get(person or "")
        if said_by:
            speaker_of_locution[node.id] = (said_by, person if person in known_people else None)
    saved_ids = {s.id for s in saved_speakers or ()}

    def speaker_id(name: str, person: str | None) -> str | None:
        if saved_speakers is not None:
            return person if person in saved_ids else None
        if name not in speakers:
            made = ids.make(person or name.lower(), "speaker")
            # Two spellings of one person's name (one personID) are one speaker, the first.
            same = next((s for s in speakers.values() if s.id == made), None)
            speakers[name] = same or Speaker(made, name)
        return speakers[name].id

    attributions: dict[str, str] = {}
    for node in nodes.values():
        if node.type != YA_NODE:
            continue
        who: tuple[str, str | None] | None = None
        for source in node.sources:
            source_node = nodes[source]
            if source_node.type == L_NODE:
                who = speaker_of_locution.get(source)
            elif source_node.type == TA_NODE:
                # The one who answers (the TA's later locution) makes the inference or conflict.
                answers = [t for t in source_node.targets if nodes[t].type == L_NODE]
                who = speaker_of_locution.get(answers[-1]) if answers else None
            if who:
                break
        if not who:
            continue
        for target in node.targets:
            # The first attribution wins: a node has one speaker in argmap.
            if (
                nodes[target].type in (I_NODE, RA_NODE, CA_NODE, MA_NODE)
                and target not in attributions
            ):
                said = speaker_id(*who)
                if said is not None:
                    attributions[target] = said
    if saved_speakers is not None:
        return saved_speakers, attributions
    return tuple({s.id: s for s in speakers.values()}.values()), attributions


def _writable(argument_map: ArgumentMap, warn: Callable[[str | None, str], None]) -> ArgumentMap:
    """The part of the map that AIF carries and argmap reads back, with a warning for each
    thing left out (what `argmap check` reports as an error: an id declared twice, a premise
    that is not a statement, a node bearing on itself, an undeclared speaker...)."""
    speakers: list[Speaker] = []
    speaker_ids: set[str] = set()
    for speaker in argument_map.speakers:
        if speaker.id in speaker_ids:
            warn(None, f"speaker '{speaker.id}' is declared twice; the second was not written")
            continue
        speaker_ids.add(speaker.id)
        speakers.append(speaker)

    def who(speaker: str | None, node: str) -> str | None:
        if speaker is None or speaker in speaker_ids:
            return speaker
        warn(node, f"speaker '{speaker}' is not declared, so the attribution was not written")
        return None

    taken: set[str] = set()
    statements: list[Statement] = []
    for statement in argument_map.statements:
        if statement.id in taken:
            warn(statement.id, "the id is declared twice; the second declaration was not written")
            continue
        taken.add(statement.id)
        statements.append(replace(statement, speaker=who(statement.speaker, statement.id)))
    statement_ids = {s.id for s in statements}
    arguments: list[Argument] = []
    for argument in argument_map.arguments:
        if argument.id in taken:
            warn(argument.id, "the id is declared twice; the second declaration was not written")
            continue
        taken.add(argument.id)
        conclusion = argument.conclusion
        if conclusion is not None and conclusion not in statement_ids:
            warn(
                argument.id,
                f"the conclusion '{conclusion}' is not a declared statement (AIF concludes "
                "I-nodes), so it was not written",
            )
            conclusion = None
        premises = []
        for premise in argument.premises:
            if premise not in statement_ids:
                warn(
                    argument.id,
                    f"the premise '{premise}' is not a declared statement (AIF premises are "
                    "I-nodes), so it was not written",
                )
            elif premise == conclusion:
                warn(
                    argument.id,
                    f"the premise '{premise}' is also the conclusion, which AIF readers take "
                    "for a node supporting itself, so the premise was not written",
                )
            else:
                premises.append(premise)
        if not premises:
            warn(argument.id, "the argument has no premise AIF can carry, so it was not written")
            continue
        arguments.append(
            replace(
                argument,
                premises=tuple(premises),
                conclusion=conclusion,
                speaker=who(argument.speaker, argument.id),
            )
        )
    while True:  # an argument without conclusion is written only while it bears on something
        argument_ids = {a.id for a in arguments}
        relations: list[Relation] = []
        left_out: list[tuple[Relation, str]] = []
        for relation in argument_map.relations:
            ends = (relation.source, relation.target)
            if any(end not in statement_ids and end not in argument_ids for end in ends):
                left_out.append((relation, "it refers to a node that was not written"))
            elif relation.source == relation.target:
                left_out.append((relation, "a node cannot bear on itself"))
            elif (relation.kind is RelationKind.UNDERCUT) != (relation.target in argument_ids):
                left_out.append(
                    (relation, "only undercuts point at arguments, and only at arguments")
                )
            else:
                relations.append(relation)
        sources = {relation.source for relation in relations}
        idle = [a for a in arguments if a.conclusion is None and a.id not in sources]
        if not idle:
            break
        for argument in idle:
            warn(
                argument.id,
                "the argument has no conclusion and bears on nothing, so it was not written",
            )
        arguments = [a for a in arguments if a.conclusion is not None or a.id in sources]
    for relation, why in left_out:
        warn(
            relation.source,
            f"'{relation.source} {relation.kind.value} {relation.target}' was not written: {why}",
        )
    relations = [replace(r, speaker=who(r.speaker, r.source)) for r in relations]
    nodes = statement_ids | argument_ids
    groups = []
    for group in argument_map.groups:
        members = tuple(m for m in group.members if m in nodes)
        if len(members) < len(group.members):
            warn(
                None, f"group '{group.name}' names nodes that were not written; they were left out"
            )
        if members:
            groups.append(replace(group, members=members))
    expectations = []
    for expectation in argument_map.expectations:
        kept = tuple(n for n in expectation.nodes if n in nodes)
        if len(kept) < len(expectation.nodes):
            warn(None, "an expectation names nodes that were not written; they were left out")
        if kept:
            expectations.append(replace(expectation, nodes=kept))
    return ArgumentMap(
        argument_map.metadata,
        tuple(speakers),
        tuple(statements),
        tuple(arguments),
        tuple(relations),
        tuple(groups),
        tuple(expectations),
        path=argument_map.path,
    )


def to_aif(argument_map: ArgumentMap) -> dict[str, Any]:
    """The map as AIF JSON in the AIFdb form (see `export_aif`, which also says what was
    left out)."""
    return export_aif(argument_map)[0]


def export_aif(argument_map: ArgumentMap) -> tuple[dict[str, Any], tuple[ConversionWarning, ...]]:
    """The map as AIF JSON in the AIFdb form: `nodes`, `edges`, `locutions`, `participants`,
    and a warning for each thing AIF cannot carry (what `argmap check` reports as an error).

    Statements become I-nodes (node id = statement id) and arguments RA-nodes (node id =
    argument id), fed by their premises and pointing at their conclusion and then at the
    targets of their supports. An argument without a conclusion whose relations are all
    attacks and undercuts is a linked attack: a CA-node (node id = argument id) fed by its
    premises and pointing at every target. Every other relation is a scheme node of its own
    fed by its source (an I-node, or an argument's node): a support an RA-node, an attack or
    undercut a CA-node, a contradiction two opposite CA-nodes. An "argmap" object on each
    scheme node says which it is (and which of an argument's edges are relations), so that
    argmap reads the file back as it was; other AIF tools ignore it. Each attributed node
    gets an L-node ("Name : text") and a YA-node.
    """
    warnings: list[ConversionWarning] = []
    path = argument_map.path or "<map>"

    def warn(node: str | None, message: str) -> None:
        warnings.append(ConversionWarning(path, node, f"AIF export: {message}"))

    written = _writable(argument_map, warn)
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, str]] = []
    locutions: list[dict[str, Any]] = []
    names = {speaker.id: speaker.name for speaker in written.speakers}
    taken = {statement.id for statement in written.statements}
    taken.update(argument.id for argument in written.arguments)
    counter = 0

    def fresh(prefix: str) -> str:
        nonlocal counter
        while True:
            counter += 1
            candidate = f"{prefix}{counter}"
            if candidate not in taken:
                taken.add(candidate)
                return candidate

    def add_node(node: str, node_type: str, text: str, **extra: Any) -> None:
        entry: dict[str, Any] = {"nodeID": node, "text": text, "type": node_type}
        if node_type not in (I_NODE, L_NODE):
            entry["scheme"] = text
        kept = {key: value for key, value in extra.items() if value not in (None, (), [])}
        if kept:
            entry["argmap"] = {k: list(v) if isinstance(v, tuple) else v for k, v in kept.items()}
        nodes.append(entry)

    def edge(source: str, target: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": source, "toID": target})

    def attribute(node: str, speaker: str | None, text: str) -> None:
        if speaker is None:
            return
        locution = fresh("l")
        add_node(locution, L_NODE, f"{names[speaker]} : {text}")
        locutions.append({"nodeID": locution, "personID": speaker})
        assertion = fresh("ya")
        add_node(assertion, YA_NODE, "Asserting")
        edge(locution, assertion)
        edge(assertion, node)

    for statement in written.statements:
        add_node(
            statement.id,
            I_NODE,
            statement.text,
            role=statement.role.value,
            tags=statement.tags,
            cite=statement.cite,
            quote=statement.quote,
            url=statement.url,
            note=statement.note,
            raises=statement.raises,
            title=statement.title,
            standard=statement.standard,
            expect=statement.expect,
        )
        attribute(statement.id, statement.speaker, statement.text)
    attacks = (RelationKind.ATTACK, RelationKind.UNDERCUT)
    direct: set[int] = set()  # relations written as edges of their argument's node
    for argument in written.arguments:
        own = [(i, r) for i, r in enumerate(written.relations) if r.source == argument.id]
        linked_attack = (
            argument.conclusion is None and bool(own) and all(r.kind in attacks for _, r in own)
        )
        if not linked_attack:
            own = [(i, r) for i, r in own if r.kind is RelationKind.SUPPORT]
        direct.update(i for i, _ in own)
        node_type = CA_NODE if linked_attack else RA_NODE
        text = argument.scheme or ("Default Conflict" if linked_attack else "Default Inference")
        records = [
            {
                "kind": r.kind.value,
                "target": r.target,
                **({"speaker": r.speaker} if r.speaker is not None else {}),
                **({"tags": list(r.tags)} if r.tags else {}),
            }
            for _, r in own
        ]
        add_node(
            argument.id,
            node_type,
            text,
            kind=ARGUMENT_MARK,
            scheme=argument.scheme,
            tags=argument.tags,
            note=argument.note,
            title=argument.title,
            weight=argument.weight,
            relations=records,
        )
        for premise in argument.premises:
            edge(premise, argument.id)
        if argument.conclusion is not None:
            edge(argument.id, argument.conclusion)
        for _, relation in own:
            edge(argument.id, relation.target)
        attribute(argument.id, argument.speaker, text)
    for index, relation in enumerate(written.relations):
        if index in direct:
            continue
        if relation.kind is RelationKind.SUPPORT:
            node = fresh("ra")
            add_node(
                node, RA_NODE, "Default Inference", kind=relation.kind.value, tags=relation.tags
            )
        else:
            node = fresh("ca")
            add_node(
                node, CA_NODE, "Default Conflict", kind=relation.kind.value, tags=relation.tags
            )
        if relation.kind is RelationKind.CONTRADICTION:
            back = fresh("ca")
            add_node(back, CA_NODE, "Default Conflict", kind=BACK_MARK)
            edge(relation.target, back)
            edge(back, relation.source)
        edge(relation.source, node)
        edge(node, relation.target)
        attribute(
            node, relation.speaker, f"{relation.source} {relation.kind.value} {relation.target}"
        )
    participants = [
        {"participantID": speaker.id, "firstname": speaker.name, "surname": ""}
        for speaker in written.speakers
    ]
    metadata = {
        key: getattr(written.metadata, key)
        for key in METADATA_KEYS
        if getattr(written.metadata, key) is not None
    }
    # Groups, expectations and speakers' exact ids and names have no AIF node type: they
    # travel in the "argmap" object other tools ignore.
    saved = {
        "metadata": metadata,
        "speakers": [{"id": s.id, "name": s.name} for s in written.speakers],
        "groups": [
            {"name": g.name, "members": list(g.members), "tags": list(g.tags)}
            for g in written.groups
        ],
        "expectations": [
            {"semantics": e.semantics, "label": e.label, "nodes": list(e.nodes)}
            for e in written.expectations
        ],
    }
    data = {
        "nodes": nodes,
        "edges": edges,
        "locutions": locutions,
        "participants": participants,
        "argmap": saved,
    }
    return data, tuple(warnings)


def dumps_aif(argument_map: ArgumentMap) -> str:
    """The map as AIF JSON text (AIFdb form), indented, ending with a newline."""
    return json.dumps(to_aif(argument_map), indent=2, ensure_ascii=False) + "\n"
