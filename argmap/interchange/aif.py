"""AIF JSON (AIFdb and OVA/xAIF forms) read into an argument map, and a map written as AIF."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from argmap.errors import InputError
from argmap.files import load_json
from argmap.interchange.imported import ConversionWarning, IdMaker, Imported, tidy_text
from argmap.language.schemes import catalogue
from argmap.model import (
    METADATA_KEYS,
    Argument,
    ArgumentMap,
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


@dataclass
class _Node:
    """One AIF node with its incoming and outgoing neighbours, in edge order."""

    id: str
    type: str
    text: str
    scheme: str | None
    # What argmap's own exporter noted on the node (its "argmap" object): the kind of an
    # S-node ("supports", "contradicts", ...), a statement's role, tags and properties.
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def marker(self) -> str | None:
        kind = self.extra.get("kind")
        return str(kind) if kind else None

    def tags(self) -> tuple[str, ...]:
        tags = self.extra.get("tags")
        return tuple(str(t) for t in tags) if isinstance(tags, list) else ()

    def text_field(self, key: str) -> str | None:
        value = self.extra.get(key)
        return str(value) if value is not None else None

    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)


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


def _read_graph(data: Any, path: str) -> tuple[dict[str, _Node], list[Any], list[Any]]:
    if isinstance(data, Mapping) and isinstance(data.get("AIF"), Mapping):
        data = data["AIF"]
    if not isinstance(data, Mapping) or "nodes" not in data:
        raise InputError(
            f"{path}: not an AIF document (no 'nodes' list, neither at the top nor under 'AIF')"
        )
    nodes: dict[str, _Node] = {}
    for item in _require_list(data, "nodes", path):
        node_id = _field(item, "nodeID", "node", path)
        node_type = _field(item, "type", f"node {node_id}", path).upper()
        if node_id in nodes:
            raise InputError(f"{path}: node {node_id} is declared twice")
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
        source = _field(item, "fromID", "edge", path)
        target = _field(item, "toID", "edge", path)
        edge = item.get("edgeID", "?")
        for end in (source, target):
            if end not in nodes:
                raise InputError(
                    f"{path}: edge {edge} ({source} -> {target}) refers to node {end}, "
                    "which does not exist"
                )
        nodes[source].targets.append(target)
        nodes[target].sources.append(source)
    locutions = _require_list(data, "locutions", path)
    participants = _require_list(data, "participants", path)
    return nodes, locutions, participants


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
    L- and YA-nodes give statements, arguments and relations their speakers. What argmap
    cannot hold is reported as a warning.
    """
    nodes, locutions, participants = _read_graph(data, path)
    reader = _Reader(nodes, path)
    speakers, reader.attributions = _speakers(nodes, locutions, participants, reader.ids)
    for node in nodes.values():
        handler = _HANDLERS.get(node.type)
        if handler is not None:
            handler(reader, node)
    reader.drop_dangling_undercuts()
    reader.report_skipped()
    statements = reader.statements()
    saved = data.get("argmap") if isinstance(data, Mapping) else None
    known = {s.id for s in statements} | {a.id for a in reader.arguments}
    argument_map = ArgumentMap(
        metadata=_metadata(saved, path),
        speakers=speakers,
        statements=statements,
        arguments=tuple(reader.arguments),
        relations=tuple(reader.relations),
        groups=_groups(saved, known, reader.warn),
        path=path,
    )
    return Imported(argument_map, tuple(reader.warnings))


class _Reader:
    """What reading one AIF graph builds up: one handler per S-node type adds to it."""

    def __init__(self, nodes: dict[str, _Node], path: str) -> None:
        self.nodes = nodes
        self.path = path
        self.ids = IdMaker()
        self.warnings: list[ConversionWarning] = []
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

    def warn(self, node: str | None, message: str) -> None:
        self.warnings.append(ConversionWarning(self.path, node, message))

    def node_id(self, node: _Node) -> str:
        return self.ids.make(node.id, "i" if node.type == I_NODE else node.type.lower())

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
        """An RA-node: an argument, or a plain support when argmap's exporter wrote one."""
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
        if not premises:
            self.warn(
                node.id, "RA node has no premise; an argument needs one, so it was not imported"
            )
            return
        if len(conclusions) > 1:
            self.warn(
                node.id,
                f"RA node has {len(conclusions)} conclusions; the argument keeps "
                f"the first ({conclusions[0].id}) and the others were not imported",
            )
        conclusion = conclusions[0].id if conclusions else None
        if conclusion is None:
            self.warn(node.id, "RA node has no conclusion; imported as an argument without one")
        undercut = any(self.nodes[source].type == CA_NODE for source in node.sources)
        ids = self.statement_ids
        if node.marker == "supports" and len(premises) == 1 and conclusion and not undercut:
            self.relations.append(
                Relation(
                    RelationKind.SUPPORT,
                    ids[premises[0]],
                    ids[conclusion],
                    speaker=speaker,
                    tags=node.tags(),
                )
            )
            self.premise_of.add(premises[0])
            self.conclusion_of.add(conclusion)
            return
        self.premise_of.update(premises)
        if conclusion is not None:
            self.conclusion_of.add(conclusion)
        self.arguments.append(
            Argument(
                self.node_id(node),
                tuple(ids[p] for p in premises),
                ids[conclusion] if conclusion else None,
                speaker=speaker,
                tags=node.tags(),
                scheme=_scheme_name(node),
                note=node.text_field("note"),
                title=node.text_field("title"),
            )
        )

    def conflict(self, node: _Node) -> None:
        """A CA-node: an attack, a contradiction, or an undercut of an S-node."""
        if node.marker == "contradicts-back":
            return  # the second half of a contradiction argmap exported
        if node.marker == "contradicts":
            self.relation(node, RelationKind.CONTRADICTION, node.tags())
        else:
            self.relation(node, RelationKind.ATTACK, node.tags())

    def rephrase(self, node: _Node) -> None:
        """An MA-node: argmap has no rephrase relation, so a support tagged #rephrase."""
        self.relation(node, RelationKind.SUPPORT, (REPHRASE_TAG,))

    def relation(self, node: _Node, kind: RelationKind, tags: tuple[str, ...]) -> None:
        """Relations from a CA- or MA-node's premises (linked: through an argument) to each
        of its targets."""
        premises, targets = self.ends(node)
        if not premises or not targets:
            missing = "premise" if not premises else "target"
            self.warn(node.id, f"{node.type} node has no {missing}, so it was not imported")
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
        linked = len(premises) > 1 or node.id in self.attacked
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
        if linked and "relation_speaker" in node.extra:
            speaker = node.text_field("relation_speaker") or None
            tags = tuple(str(tag) for tag in node.extra.get("relation_tags") or ())
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

    def drop_dangling_undercuts(self) -> None:
        """An undercut of a scheme node that was not imported has nothing to point at."""
        imported = {argument.id for argument in self.arguments}
        kept: list[Relation] = []
        for relation in self.relations:
            if relation.kind is RelationKind.UNDERCUT and relation.target not in imported:
                self.warn(
                    relation.target,
                    f"the undercut by {relation.source} points at a node that "
                    "was not imported, so it was not imported either",
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


def _groups(
    saved: Any, known: set[str], warn: Callable[[str | None, str], None]
) -> tuple[Group, ...]:
    """The groups argmap's exporter saved, keeping only members that were imported."""
    groups = []
    for entry in saved.get("groups", []) if isinstance(saved, Mapping) else []:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str):
            continue
        members = [str(m) for m in entry.get("members", [])]
        for member in members:
            if member not in known:
                warn(member, f"group '{entry['name']}' names a node that was not imported")
        members_kept = tuple(m for m in members if m in known)
        if members_kept:
            groups.append(
                Group(entry["name"], members_kept, tuple(str(t) for t in entry.get("tags", [])))
            )
    return tuple(groups)


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


def _speakers(
    nodes: dict[str, _Node],
    locutions: list[Any],
    participants: list[Any],
    ids: IdMaker,
) -> tuple[tuple[Speaker, ...], dict[str, str]]:
    """Speakers from L-nodes ("Name : text"), and who asserted each I-, RA-, CA- or MA-node."""
    known_people: dict[str, str] = {}
    for person in participants:
        if isinstance(person, Mapping) and "participantID" in person:
            name = " ".join(
                str(person.get(part) or "") for part in ("firstname", "surname")
            ).strip()
            known_people[str(person["participantID"])] = name
    person_by_locution = {
        str(item["nodeID"]): str(item.get("personID"))
        for item in locutions
        if isinstance(item, Mapping) and "nodeID" in item
    }
    speaker_of_locution: dict[str, tuple[str, str | None]] = {}
    for node in nodes.values():
        if node.type != L_NODE:
            continue
        person = person_by_locution.get(node.id)
        match = _LOCUTION.match(node.text)
        said_by = match.group("speaker").strip() if match else known_people.get(person or "")
        if said_by:
            speaker_of_locution[node.id] = (said_by, person if person in known_people else None)
    speakers: dict[str, Speaker] = {}
    attributions: dict[str, str] = {}

    def speaker_id(name: str, person: str | None) -> str:
        if name not in speakers:
            speakers[name] = Speaker(ids.make(person or name.lower(), "speaker"), name)
        return speakers[name].id

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
                attributions[target] = speaker_id(*who)
    return tuple(speakers.values()), attributions


def to_aif(argument_map: ArgumentMap) -> dict[str, Any]:
    """The map as AIF JSON in the AIFdb form: `nodes`, `edges`, `locutions`, `participants`.

    Statements become I-nodes (node id = statement id) and arguments RA-nodes (node id =
    argument id). Each attack or undercut becomes a CA-node; an argument without a
    conclusion that attacks is a linked attack, written as the CA-node of its first attack
    (node id = argument id) fed by all its premises. A support between two nodes becomes an
    RA-node marked `"argmap": "supports"`, a contradiction two opposite CA-nodes marked
    `"contradicts"`, so that argmap reads them back as they were; other AIF tools ignore
    the marker. Each attributed node gets an L-node ("Name : text") and a YA-node.
    """
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, str]] = []
    locutions: list[dict[str, Any]] = []
    names = {speaker.id: speaker.name for speaker in argument_map.speakers}
    taken = {statement.id for statement in argument_map.statements}
    taken.update(argument.id for argument in argument_map.arguments)
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
        kept = {key: value for key, value in extra.items() if value not in (None, ())}
        if kept:
            entry["argmap"] = {k: list(v) if isinstance(v, tuple) else v for k, v in kept.items()}
        nodes.append(entry)

    def edge(source: str, target: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": source, "toID": target})

    def attribute(node: str, speaker: str | None, text: str) -> None:
        if speaker is None:
            return
        locution = fresh("l")
        add_node(locution, L_NODE, f"{names.get(speaker, speaker)} : {text}")
        locutions.append({"nodeID": locution, "personID": speaker})
        assertion = fresh("ya")
        add_node(assertion, YA_NODE, "Asserting")
        edge(locution, assertion)
        edge(assertion, node)

    for statement in argument_map.statements:
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
        )
        attribute(statement.id, statement.speaker, statement.text)
    attacks = (RelationKind.ATTACK, RelationKind.UNDERCUT)
    attack_sources = {r.source for r in argument_map.relations if r.kind in attacks}
    linked = {
        argument.id: argument
        for argument in argument_map.arguments
        if argument.conclusion is None and argument.id in attack_sources
    }
    for argument in argument_map.arguments:
        if argument.id in linked:
            continue
        scheme = argument.scheme or "Default Inference"
        add_node(
            argument.id,
            RA_NODE,
            scheme,
            tags=argument.tags,
            note=argument.note,
            title=argument.title,
        )
        for premise in argument.premises:
            edge(premise, argument.id)
        if argument.conclusion is not None:
            edge(argument.id, argument.conclusion)
        attribute(argument.id, argument.speaker, scheme)
    written: set[str] = set()
    for relation in argument_map.relations:
        source_argument = linked.get(relation.source) if relation.kind in attacks else None
        speaker = relation.speaker or (source_argument.speaker if source_argument else None)
        if relation.kind is RelationKind.SUPPORT:
            node = fresh("ra")
            add_node(node, RA_NODE, "Default Inference", kind="supports", tags=relation.tags)
        elif relation.kind is RelationKind.CONTRADICTION:
            node = fresh("ca")
            add_node(node, CA_NODE, "Default Conflict", kind="contradicts", tags=relation.tags)
            back = fresh("ca")
            add_node(back, CA_NODE, "Default Conflict", kind="contradicts-back")
            edge(relation.target, back)
            edge(back, relation.source)
        else:
            if source_argument is not None and relation.source not in written:
                node = relation.source
                written.add(node)
            else:
                node = fresh("ca")
            if source_argument is None:
                add_node(node, CA_NODE, "Default Conflict", tags=relation.tags)
            else:
                # The CA-node of a linked attack stands for the argument and its attack: it
                # carries the argument's tags and note, and the relation's own ones apart.
                add_node(
                    node,
                    CA_NODE,
                    "Default Conflict",
                    tags=source_argument.tags,
                    note=source_argument.note,
                    title=source_argument.title,
                    relation_tags=list(relation.tags),
                    relation_speaker=relation.speaker or "",
                )
        if source_argument is not None:
            for premise in source_argument.premises:
                edge(premise, node)
        else:
            edge(relation.source, node)
        edge(node, relation.target)
        attribute(node, speaker, f"{relation.source} {relation.kind.value} {relation.target}")
    participants = [
        {"participantID": speaker.id, "firstname": speaker.name, "surname": ""}
        for speaker in argument_map.speakers
    ]
    metadata = {
        key: getattr(argument_map.metadata, key)
        for key in METADATA_KEYS
        if getattr(argument_map.metadata, key) is not None
    }
    # Groups have no AIF node type: they travel in the "argmap" object other tools ignore.
    groups = [
        {"name": g.name, "members": list(g.members), "tags": list(g.tags)}
        for g in argument_map.groups
    ]
    return {
        "nodes": nodes,
        "edges": edges,
        "locutions": locutions,
        "participants": participants,
        "argmap": {"metadata": metadata, "groups": groups},
    }


def dumps_aif(argument_map: ArgumentMap) -> str:
    """The map as AIF JSON text (AIFdb form), indented, ending with a newline."""
    return json.dumps(to_aif(argument_map), indent=2, ensure_ascii=False) + "\n"
