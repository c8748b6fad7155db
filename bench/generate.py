"""Seeded generator of benchmark maps: an .arg file and the equivalent Argdown file per size."""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

# Each generated map is a sequence of "debates" (units) of about 20 statements, written the way
# people write maps by hand: an outline under a thesis (linked arguments in block form,
# convergent arguments, attacks, an undercut, a contradiction, objection/rebuttal chains one
# to five levels deep, a nested claim), then graph-style lines (a flat-form argument with
# forward references, a top-level block argument sharing a premise, attack and support lines
# to ids declared later or in earlier debates), speakers on every node, tags, cite/note
# properties, comments, multi-line text and a group (block form or id-list form). The same
# content is written as Argdown: statements `[id]: text`, arguments `<id>` with
# premise-conclusion structures, relations `+ - _ ><` in trees and `+> -> _>` from top-level
# blocks, speakers and tags as #tags, properties as YAML data, groups as headings.
#
# Every map checks with no diagnostics at all, so `argmap check` times the parser and
# checker, not the formatting of warnings.

SIZES = (100, 1_000, 10_000, 100_000)

PRO = ("mayor", "council", "planner", "doctor")
CON = ("shops", "drivers", "taxpayers", "union")
SPEAKER_NAMES = {
    "mayor": "The Mayor",
    "council": "The city council",
    "planner": "The city planner",
    "doctor": "The public-health officer",
    "shops": "The retail association",
    "drivers": "The drivers' club",
    "taxpayers": "The taxpayers' league",
    "union": "The transport union",
}
TAGS = (
    "economy",
    "health",
    "traffic",
    "environment",
    "budget",
    "safety",
    "housing",
    "double-standards",
)
VOCABULARY = (
    "the city centre should ban cars because air pollution harms residents and children "
    "shops lose customers who arrive by car while pedestrians spend more money in quiet "
    "streets buses trains bicycles parking taxes budget council report study evidence shows "
    "that noise traffic accidents fall when roads close deliveries need access at night "
    "rents rise housing near parks costs more old people need cars for hospital visits "
    "the plan is cheap popular fair unfair expensive risky proven untested in other cities "
    "like Copenhagen Utrecht Ghent and Oslo where retail sales grew after five years"
)
WORDS = tuple(VOCABULARY.split())
CITES = (
    "Air quality report 2023, table 4",
    "Council minutes, 12 March",
    "Retail survey, spring edition",
    "Traffic census, north district",
    "Health board annual review",
)


@dataclass
class Node:
    """A statement, argument or bare reference, with its outline children."""

    kind: str  # "statement", "argument" or "ref"
    id: str
    role: str = ""
    speaker: str | None = None
    tags: tuple[str, ...] = ()
    text: str = ""
    cite: str | None = None
    note: str | None = None
    premises: list[Node] = field(default_factory=list)
    children: list[tuple[str, Node]] = field(default_factory=list)


@dataclass
class FlatArgument:
    """`argument id: p1 + p2 -> c` (flat) or `argument id -> c:` with a premise block."""

    id: str
    speaker: str
    premises: list[Node]
    conclusion: str
    flat: bool


@dataclass
class RelationLine:
    """`a VERB b` at the top level, usually a forward reference."""

    source: str
    verb: str
    target: str
    target_is_argument: bool = False
    speaker: str | None = None


Item = Node | FlatArgument | RelationLine


@dataclass
class Unit:
    """One debate: a thesis outline and its graph-style lines, maybe in a group."""

    number: int
    outline: Node
    items: list[Item]
    group_block: bool
    group_members: list[str]
    group_tag: str


class Writer:
    """Draws the random content of one map from one seed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.count = 0

    def sentence(self) -> str:
        words = self.rng.choices(WORDS, k=self.rng.randint(6, 16))
        return (" ".join(words)).capitalize() + "."

    def statement(
        self, node_id: str, role: str, side: tuple[str, ...], tagged: float = 0.2
    ) -> Node:
        self.count += 1
        tags = (self.rng.choice(TAGS),) if self.rng.random() < tagged else ()
        node = Node("statement", node_id, role, self.rng.choice(side), tags, self.sentence())
        roll = self.rng.random()
        if roll < 0.12:
            node.cite = self.rng.choice(CITES)
        elif roll < 0.18:
            node.note = self.sentence()
        return node

    def chain(self, prefix: str, depth: int) -> Node:
        """objection, rebuttal, objection, ... each attacking the one above it."""
        top: Node | None = None
        parent: Node | None = None
        for level in range(depth):
            con = level % 2 == 0
            node = self.statement(
                f"{prefix}_x{level}", "objection" if con else "rebuttal", CON if con else PRO
            )
            if parent is None:
                top = node
            else:
                parent.children.append(("-", node))
            parent = node
        assert top is not None
        return top

    def unit(self, k: int) -> Unit:
        u = f"u{k}"
        rng = self.rng
        thesis = self.statement(f"{u}_t", "thesis", PRO, tagged=0.5)
        p1 = self.statement(f"{u}_p1", "premise", PRO)
        p1.children.append(("-", self.chain(u, rng.randint(1, 5))))
        p2 = self.statement(f"{u}_p2", "premise", PRO)
        a1 = Node("argument", f"{u}_a1", speaker=rng.choice(PRO), premises=[p1, p2])
        a1.children.append(("~", self.statement(f"{u}_u1", "objection", CON)))
        p3 = self.statement(f"{u}_p3", "evidence", PRO)
        p4 = self.statement(f"{u}_p4", "assumption", PRO)
        a2 = Node("argument", f"{u}_a2", speaker=rng.choice(PRO), premises=[p3, p4])
        o2 = self.statement(f"{u}_o2", "objection", CON, tagged=0.6)
        o2.children.append(("+", self.statement(f"{u}_s1", "premise", CON)))
        o2.children.append(("-", self.statement(f"{u}_s2", "rebuttal", PRO)))
        c1 = self.statement(f"{u}_c1", "statement", CON)
        c3 = self.statement(f"{u}_c3", "claim", PRO)
        c3.children.append(("+", self.statement(f"{u}_e1", "evidence", PRO)))
        thesis.children = [("+", a1), ("+", a2), ("-", o2), ("><", c1), ("+", c3)]

        c2 = self.statement(f"{u}_c2", "claim", PRO)
        p5 = self.statement(f"{u}_p5", "premise", PRO)
        p6 = self.statement(f"{u}_p6", "premise", PRO)
        o3 = self.statement(f"{u}_o3", "objection", CON)
        items: list[Item] = [
            FlatArgument(
                f"{u}_a3",
                rng.choice(PRO),
                [Node("ref", c2.id), Node("ref", p5.id)],
                thesis.id,
                flat=True,
            ),
            c2,
            p5,
            FlatArgument(f"{u}_a4", rng.choice(PRO), [p6, Node("ref", p3.id)], c2.id, flat=False),
            RelationLine(o3.id, "attacks", p5.id, speaker=rng.choice(CON)),
            o3,
        ]
        if k > 0:
            # Support runs from later debates to earlier ones only, so it never cycles.
            # Attributed (to a fixed speaker, so the random sequence is unchanged): a support
            # line between two speakers' statements says who draws it (W209).
            items.append(
                RelationLine(thesis.id, "supports", f"u{rng.randrange(k)}_t", speaker=PRO[0])
            )
        if k > 0 and rng.random() < 0.3:
            items.append(
                RelationLine(
                    f"{u}_o3", "undercuts", f"u{rng.randrange(k)}_a2", target_is_argument=True
                )
            )
        members = [thesis.id, a1.id, o2.id, c2.id, o3.id]
        return Unit(
            k,
            thesis,
            items,
            group_block=k % 3 == 0,
            group_members=members,
            group_tag=rng.choice(TAGS),
        )

    def units(self, statements: int) -> tuple[list[Unit], list[Node], list[RelationLine]]:
        units: list[Unit] = []
        # The largest unit has 22 statements: stop while one more surely fits.
        while statements - self.count >= 22:
            units.append(self.unit(len(units)))
        filler: list[Node] = []
        lines: list[RelationLine] = []
        while self.count < statements:
            node = self.statement(f"f{self.count}", "evidence", PRO)
            filler.append(node)
            if units:
                target = f"u{self.rng.randrange(len(units))}_c3"
                lines.append(RelationLine(node.id, "supports", target, speaker=PRO[0]))
            elif len(filler) > 1:
                lines.append(RelationLine(node.id, "supports", filler[0].id, speaker=PRO[0]))
        return units, filler, lines


# -- .arg ------------------------------------------------------------------------------------


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _annotations(speaker: str | None, tags: tuple[str, ...]) -> str:
    parts = ([f"@{speaker}"] if speaker else []) + [f"#{tag}" for tag in tags]
    return (" " + " ".join(parts)) if parts else ""


def _arg_text(text: str, indent: int, wrap: bool) -> str:
    if wrap and len(text) > 40:
        # Text may run over lines; the break and the spaces around it read as one space.
        cut = text.index(" ", 30) if " " in text[30:] else len(text)
        if cut < len(text):
            return _quote(text[:cut])[:-1] + "\n" + " " * (indent + 4) + text[cut + 1 :] + '"'
    return _quote(text)


def _arg_node(node: Node, indent: int, sign: str, out: list[str], wrap: bool) -> None:
    pad = " " * indent + (sign + " " if sign else "")
    inner = indent + (len(sign) + 1 if sign else 0) + 2
    if node.kind == "ref":
        out.append(f"{pad}{node.id}")
    elif node.kind == "statement":
        out.append(
            f"{pad}{node.role} {node.id}{_annotations(node.speaker, node.tags)}: "
            f"{_arg_text(node.text, indent, wrap and len(out) % 7 == 0)}"
        )
        if node.cite:
            out.append(" " * inner + f"cite: {_quote(node.cite)}")
        if node.note:
            out.append(" " * inner + f"note: {_quote(node.note)}")
    else:
        out.append(f"{pad}argument {node.id}{_annotations(node.speaker, node.tags)}:")
        for premise in node.premises:
            _arg_node(premise, inner, "", out, wrap)
    for child_sign, child in node.children:
        _arg_node(child, inner, child_sign, out, wrap)


def to_arg(
    units: list[Unit], filler: list[Node], lines: list[RelationLine], statements: int
) -> str:
    out = [
        f"// Generated by bench/generate.py: {statements} statements.",
        f'title: "Benchmark map of {statements} statements"',
        'source: "bench/generate.py, seeded"',
        'author: "argmap bench"',
        "",
    ]
    out += [f"speaker {s}: {_quote(SPEAKER_NAMES[s])}" for s in (*PRO, *CON)]
    for unit in units:
        out += ["", f"// Debate {unit.number}."]
        if unit.group_block:
            out.append(f'group "Debate {unit.number}" #{unit.group_tag}:')
            _arg_node(unit.outline, 2, "", out, wrap=True)
        else:
            _arg_node(unit.outline, 0, "", out, wrap=True)
        for item in unit.items:
            if isinstance(item, Node):
                _arg_node(item, 0, "", out, wrap=False)
            elif isinstance(item, FlatArgument):
                if item.flat:
                    premises = " + ".join(p.id for p in item.premises)
                    out.append(
                        f"argument {item.id} @{item.speaker}: {premises} -> {item.conclusion}"
                    )
                else:
                    out.append(f"argument {item.id} @{item.speaker} -> {item.conclusion}:")
                    for premise in item.premises:
                        _arg_node(premise, 2, "", out, wrap=False)
            else:
                out.append(
                    f"{item.source} {item.verb} {item.target}{_annotations(item.speaker, ())}"
                )
        if not unit.group_block:
            out.append(
                f'group "Debate {unit.number}" #{unit.group_tag}: ' + ", ".join(unit.group_members)
            )
    if filler:
        out += ["", "// Further evidence."]
        for node in filler:
            _arg_node(node, 0, "", out, wrap=False)
        for line in lines:
            out.append(f"{line.source} {line.verb} {line.target}{_annotations(line.speaker, ())}")
    return "\n".join(out) + "\n"


# -- Argdown ---------------------------------------------------------------------------------

ARGDOWN_SIGNS = {"+": "+", "-": "-", "~": "_", "><": "><"}
ARGDOWN_VERBS = {"supports": "+>", "attacks": "->", "undercuts": "_>", "contradicts": "><"}


def _ad_statement(node: Node) -> str:
    tags = ([f"#speaker-{node.speaker}"] if node.speaker else []) + [f"#{t}" for t in node.tags]
    data = []
    if node.cite:
        data.append(f'cite: "{node.cite}"')
    if node.note:
        data.append(f'note: "{node.note}"')
    text = f"[{node.id}]: {node.text}"
    if tags:
        text += " " + " ".join(tags)
    if data:
        text += " {" + ", ".join(data) + "}"
    return text


def _ad_tree(
    node: Node,
    indent: int,
    sign: str,
    out: list[str],
    blocks: list[list[str]],
    conclusion: str | None = None,
) -> None:
    pad = " " * indent + (ARGDOWN_SIGNS[sign] + " " if sign else "")
    if node.kind == "ref":
        out.append(f"{pad}[{node.id}]")
    elif node.kind == "statement":
        out.append(pad + _ad_statement(node))
    else:
        out.append(f"{pad}<{node.id}>")
        blocks.append(_ad_pcs(node, conclusion or "", blocks))
        return
    for child_sign, child in node.children:
        _ad_tree(child, indent + 4, child_sign, out, blocks, conclusion=node.id)


def _ad_pcs(argument: Node | FlatArgument, conclusion: str, blocks: list[list[str]]) -> list[str]:
    """An argument reference with its relations, a blank line, and its premise-conclusion
    structure, whose premises carry their own relation trees."""
    speaker = argument.speaker
    head = [f"<{argument.id}>: Argument of {speaker}. #speaker-{speaker}"]
    if isinstance(argument, Node):
        for child_sign, child in argument.children:
            _ad_tree(child, 4, child_sign, head, blocks)
        conclusion = conclusion or ""
    else:
        conclusion = argument.conclusion
    pcs = [""]
    for number, premise in enumerate(argument.premises, start=1):
        if premise.kind == "ref":
            pcs.append(f"({number}) [{premise.id}]")
        else:
            pcs.append(f"({number}) " + _ad_statement(premise))
        for child_sign, child in premise.children:
            _ad_tree(child, 4, child_sign, pcs, blocks, conclusion=premise.id)
    pcs += ["----", f"({len(argument.premises) + 1}) [{conclusion}]"]
    return head + pcs


def to_argdown(
    units: list[Unit], filler: list[Node], lines: list[RelationLine], statements: int
) -> str:
    blocks: list[list[str]] = [
        [
            "===",
            f"title: Benchmark map of {statements} statements",
            "author: argmap bench",
            "===",
        ],
        [f"// Generated by bench/generate.py: {statements} statements."],
    ]
    for unit in units:
        blocks.append([f"# Debate {unit.number} #{unit.group_tag}"])
        tree: list[str] = []
        pending: list[list[str]] = []
        _ad_tree(unit.outline, 0, "", tree, pending)
        blocks.append(tree)
        blocks.extend(pending)
        for item in unit.items:
            if isinstance(item, Node):
                blocks.append([_ad_statement(item)])
            elif isinstance(item, FlatArgument):
                blocks.append(_ad_pcs(item, item.conclusion, blocks))
            else:
                target = f"<{item.target}>" if item.target_is_argument else f"[{item.target}]"
                blocks.append([f"[{item.source}]", f"    {ARGDOWN_VERBS[item.verb]} {target}"])
    if filler:
        blocks.append(["# Further evidence"])
        blocks.extend([_ad_statement(node)] for node in filler)
        for line in lines:
            blocks.append([f"[{line.source}]", f"    {ARGDOWN_VERBS[line.verb]} [{line.target}]"])
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


# -- files -----------------------------------------------------------------------------------


def generate(statements: int, seed: int | None = None) -> tuple[str, str]:
    """The .arg text and the Argdown text of a map with exactly `statements` statements."""
    writer = Writer(statements if seed is None else seed)
    units, filler, lines = writer.units(statements)
    assert writer.count == statements
    return (to_arg(units, filler, lines, statements), to_argdown(units, filler, lines, statements))


def write_maps(out_dir: Path, sizes: tuple[int, ...] = SIZES) -> Iterator[tuple[int, Path, Path]]:
    """Write map_N.arg and map_N.argdown for each size; yield (size, arg, argdown)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for size in sizes:
        arg_text, argdown_text = generate(size)
        arg_path, argdown_path = out_dir / f"map_{size}.arg", out_dir / f"map_{size}.argdown"
        _write_if_changed(arg_path, arg_text)
        _write_if_changed(argdown_path, argdown_text)
        yield size, arg_path, argdown_path


def write_directory(out_dir: Path, count: int = 1_000, statements: int = 60) -> list[Path]:
    """`count` small maps (one debate or three each) for the directory benchmark."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        arg_text, _ = generate(statements, seed=1_000_000 + number)
        path = out_dir / f"debate_{number:04d}.arg"
        _write_if_changed(path, arg_text)
        paths.append(path)
    for stale in set(out_dir.glob("*.arg")) - set(paths):
        stale.unlink()  # left by an earlier run with a larger count
    return paths


def _write_if_changed(path: Path, text: str) -> None:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "maps")
    args = parser.parse_args()
    for size, arg_path, argdown_path in write_maps(args.out, tuple(args.sizes)):
        print(
            f"{size:>7} statements: {arg_path} ({arg_path.stat().st_size:,} bytes), "
            f"{argdown_path} ({argdown_path.stat().st_size:,} bytes)"
        )


if __name__ == "__main__":
    main()
