"""Abstract argumentation frameworks and the ICCMA file formats (ASPARTIX .apx, .tgf, 2023 .af)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain

from argmap.errors import InputError
from argmap.files import read_source
from argmap.gcpause import paused_gc

FORMATS = ("apx", "tgf", "i23")

# File suffixes and the format each one means; `.af` and `.i23` are the ICCMA 2023 format.
SUFFIX_FORMATS = {".apx": "apx", ".tgf": "tgf", ".af": "i23", ".i23": "i23"}


class FrameworkError(InputError):
    """A framework file is malformed; the message starts with `path:line:`."""


@dataclass(frozen=True)
class AbstractFramework:
    """A Dung framework: named arguments (in declaration order) and attacks between them."""

    arguments: tuple[str, ...]
    attacks: tuple[tuple[str, str], ...] = ()
    # Optional human descriptions of arguments (a map's aux nodes say what they stand for).
    descriptions: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        known = set(self.arguments)
        if len(known) != len(self.arguments):
            seen: set[str] = set()
            for name in self.arguments:
                if name in seen:
                    raise ValueError(f"argument {name!r} is declared twice")
                seen.add(name)
        ends = set(chain.from_iterable(self.attacks))
        if not ends <= known:
            source, target = next(a for a in self.attacks if not set(a) <= known)
            raise ValueError(f"attack ({source}, {target}) names an undeclared argument")

    @cached_property
    def index(self) -> dict[str, int]:
        """Each argument's position in `arguments`."""
        return {name: position for position, name in enumerate(self.arguments)}

    @cached_property
    def _adjacency(
        self,
    ) -> tuple[tuple[tuple[int, int], ...], list[list[int]], list[list[int]]]:
        # Hundreds of thousands of small lists would set the cyclic collector rescanning.
        with paused_gc():
            return self._build_adjacency()

    def _build_adjacency(
        self,
    ) -> tuple[tuple[tuple[int, int], ...], list[list[int]], list[list[int]]]:
        # Positions first (C-speed lookups), then one pass builds both adjacency lists.
        index = self.index
        count = len(self.arguments)
        sources = list(map(index.__getitem__, [s for s, _ in self.attacks]))
        targets_of = list(map(index.__getitem__, [t for _, t in self.attacks]))
        pairs = list(zip(sources, targets_of, strict=True))
        if len(set(pairs)) != len(pairs):
            pairs = list(dict.fromkeys(pairs))  # repeated attacks count once
        attackers: list[list[int]] = [[] for _ in range(count)]
        targets: list[list[int]] = [[] for _ in range(count)]
        for source, target in pairs:
            attackers[target].append(source)
            targets[source].append(target)
        return tuple(pairs), attackers, targets

    @property
    def attackers(self) -> Sequence[Sequence[int]]:
        """For each argument (by position), the positions of its attackers, without repeats."""
        return self._adjacency[1]

    @property
    def targets(self) -> Sequence[Sequence[int]]:
        """For each argument (by position), the positions of the arguments it attacks."""
        return self._adjacency[2]

    @property
    def attack_pairs(self) -> tuple[tuple[int, int], ...]:
        """The attacks as (source, target) positions, each pair once, in first-seen order."""
        return self._adjacency[0]

    def description(self, argument: str) -> str | None:
        """What an argument stands for, where the framework was built from a map."""
        return dict(self.descriptions).get(argument)


# ---------------------------------------------------------------------------------------------
# Reading

_APX_NAME = r'(?:"(?:[^"\\]|\\.)*"|[A-Za-z0-9_][A-Za-z0-9_\-.]*)'
_APX_STATEMENT = re.compile(
    rf"\s*(?:(?P<arg>arg)\s*\(\s*(?P<a>{_APX_NAME})\s*\)"
    rf"|(?P<att>att)\s*\(\s*(?P<s>{_APX_NAME})\s*,\s*(?P<t>{_APX_NAME})\s*\))\s*\.\s*"
)


def _apx_name(token: str) -> str:
    if token.startswith('"'):
        return re.sub(r"\\(.)", r"\1", token[1:-1])
    return token


def _fail(path: str, line: int, message: str) -> FrameworkError:
    return FrameworkError(f"{path}:{line}: {message}")


def _build(
    path: str,
    arguments: list[str],
    attacks: list[tuple[str, str, int]],
) -> AbstractFramework:
    known = set(arguments)
    for source, target, line in attacks:
        for end in (source, target):
            if end not in known:
                raise _fail(
                    path,
                    line,
                    f"attack ({source}, {target}) names argument '{end}', which is not declared",
                )
    return AbstractFramework(tuple(arguments), tuple(dict.fromkeys((s, t) for s, t, _ in attacks)))


_APX_PLAIN_STATEMENT = re.compile(
    r"arg\(\s*([A-Za-z0-9_][A-Za-z0-9_\-.]*)\s*\)\s*\."
    r"|att\(\s*([A-Za-z0-9_][A-Za-z0-9_\-.]*)\s*,\s*([A-Za-z0-9_][A-Za-z0-9_\-.]*)\s*\)\s*\."
)


def _apx_fast(text: str) -> AbstractFramework | None:
    """A well-formed file without comments or quotes in two regex sweeps; None otherwise."""
    if "%" in text or '"' in text or _APX_PLAIN_STATEMENT.sub("", text).strip():
        return None
    found = _APX_PLAIN_STATEMENT.findall(text)
    arguments = tuple(dict.fromkeys(a for a, _, _ in found if a))
    attacks = tuple(dict.fromkeys((s, t) for a, s, t in found if not a))
    if not {end for attack in attacks for end in attack} <= set(arguments):
        return None
    return AbstractFramework(arguments, attacks)


def parse_apx(text: str, path: str = "<string>") -> AbstractFramework:
    """Read ASPARTIX form: `arg(a).` and `att(a,b).` statements; `%` starts a comment."""
    # Large files are read in bulk; anything unusual goes line by line, which can say where.
    return _apx_fast(text) or _apx_lines(text, path)


def _apx_lines(text: str, path: str) -> AbstractFramework:
    arguments: dict[str, None] = {}
    attacks: list[tuple[str, str, int]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("%", 1)[0] if '"' not in raw else raw
        position = 0
        while position < len(line) and line[position:].strip():
            if line[position:].lstrip().startswith("%"):
                break  # a comment after statements whose quoted names may hold '%'
            match = _APX_STATEMENT.match(line, position)
            if match is None:
                shown = line[position:].strip()
                raise _fail(
                    path,
                    number,
                    f"expected 'arg(NAME).' or 'att(NAME,NAME).', found {shown[:40]!r}",
                )
            if match.group("arg"):
                arguments.setdefault(_apx_name(match.group("a")), None)
            else:
                attacks.append((_apx_name(match.group("s")), _apx_name(match.group("t")), number))
            position = match.end()
    return _build(path, list(arguments), attacks)


def parse_tgf(text: str, path: str = "<string>") -> AbstractFramework:
    """Read trivial graph format: one argument per line, a line `#`, then `source target` lines."""
    arguments: dict[str, None] = {}
    attacks: list[tuple[str, str, int]] = []
    in_edges = False
    for number, raw in enumerate(text.splitlines(), start=1):
        fields = raw.split()
        if not fields:
            continue
        if fields == ["#"]:
            if in_edges:
                raise _fail(path, number, "a second '#' line; TGF has exactly one")
            in_edges = True
            continue
        if not in_edges:
            # TGF allows a label after the node id; only the id names the argument.
            arguments.setdefault(fields[0], None)
        elif len(fields) < 2:
            raise _fail(path, number, f"expected 'SOURCE TARGET', found {raw.strip()!r}")
        else:
            attacks.append((fields[0], fields[1], number))
    return _build(path, list(arguments), attacks)


# A header may declare arguments that no attack line names (isolated arguments): this many,
# plus one per character of the file. Beyond that an 18-byte `p af 100000000000` would make
# argmap build a hundred billion names; within it memory stays proportional to the file.
ISOLATED_ARGUMENTS = 100_000


def max_arguments(text: str) -> int:
    """The most arguments an ICCMA 2023 header in `text` may declare."""
    return ISOLATED_ARGUMENTS + len(text)


def _is_number(field: str) -> bool:
    # str.isdigit() accepts '²' and other Unicode digits, which int() then refuses.
    return field.isascii() and field.isdigit()


_I23_ATTACK_LINES = re.compile(r"(?:[ \t]*[0-9]+[ \t]+[0-9]+[ \t]*\n)*")


def _i23_fast(text: str) -> AbstractFramework | None:
    """A well-formed file in a few bulk operations; None when anything needs a closer look."""
    lines = [line for line in text.splitlines() if line.strip() and line.lstrip()[0] != "#"]
    if not lines:
        return None
    header = lines[0].split()
    if len(header) != 3 or header[:2] != ["p", "af"] or not _is_number(header[2]):
        return None
    count = int(header[2])
    if count > max_arguments(text):
        return None
    body = "\n".join(lines[1:]) + "\n" if len(lines) > 1 else ""
    if not _I23_ATTACK_LINES.fullmatch(body):
        return None
    numbers = list(map(int, body.split()))
    if numbers and (min(numbers) < 1 or max(numbers) > count):
        return None
    names = tuple(str(n) for n in range(1, count + 1))
    named = list(map(names.__getitem__, map((1).__rsub__, numbers)))
    attacks = dict.fromkeys(zip(named[0::2], named[1::2], strict=True))
    return AbstractFramework(names, tuple(attacks))


def parse_i23(text: str, path: str = "<string>") -> AbstractFramework:
    """Read the ICCMA 2023 form: `p af N`, then `i j` attack lines; `#` starts a comment line."""
    # Large files are read in bulk; anything unusual goes line by line, which can say where.
    return _i23_fast(text) or _i23_lines(text, path)


def _i23_lines(text: str, path: str) -> AbstractFramework:
    count: int | None = None
    attacks: list[tuple[str, str, int]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        fields = stripped.split()
        if count is None:
            if len(fields) != 3 or fields[:2] != ["p", "af"] or not _is_number(fields[2]):
                raise _fail(path, number, f"expected the header 'p af N', found {stripped[:40]!r}")
            count = int(fields[2])
            if count > max_arguments(text):
                raise _fail(
                    path,
                    number,
                    f"the header declares {count} arguments, more than a file of "
                    f"{len(text)} characters can describe (at most {max_arguments(text)}: "
                    f"{ISOLATED_ARGUMENTS} plus one per character)",
                )
            continue
        if fields[0] == "p":
            raise _fail(path, number, "a second 'p af' header")
        if len(fields) != 2 or not all(_is_number(f) for f in fields):
            raise _fail(
                path,
                number,
                f"expected an attack 'i j' (two argument numbers), found {stripped[:40]!r}",
            )
        for end in fields:
            if not 1 <= int(end) <= count:
                raise _fail(
                    path,
                    number,
                    f"argument {int(end)} is out of range: the header "
                    f"declares {count} argument{'s' if count != 1 else ''} (1..{count})",
                )
        attacks.append((str(int(fields[0])), str(int(fields[1])), number))
    if count is None:
        raise _fail(path, max(1, text.count("\n") + 1), "missing the header 'p af N'")
    return _build(path, [str(n) for n in range(1, count + 1)], attacks)


_PARSERS = {"apx": parse_apx, "tgf": parse_tgf, "i23": parse_i23}


def format_for(path: str | os.PathLike[str]) -> str:
    """The framework format a file name implies, or InputError when the suffix says nothing."""
    suffix = os.path.splitext(os.fspath(path))[1].lower()
    if suffix not in SUFFIX_FORMATS:
        raise InputError(
            f"{os.fspath(path)}: cannot tell the framework format from the suffix "
            f"{suffix or '(none)'!r}; use .apx, .tgf or .af"
        )
    return SUFFIX_FORMATS[suffix]


def loads_framework(text: str, format: str, path: str = "<string>") -> AbstractFramework:
    """Parse framework text in one of FORMATS; FrameworkError (with path:line) when malformed."""
    if format not in _PARSERS:
        raise InputError(f"unknown framework format {format!r}; use one of {', '.join(FORMATS)}")
    return _PARSERS[format](text, path)


def load_framework(path: str | os.PathLike[str], format: str | None = None) -> AbstractFramework:
    """Read a framework file; the format comes from the suffix unless given."""
    return loads_framework(read_source(path), format or format_for(path), os.fspath(path))


# ---------------------------------------------------------------------------------------------
# Writing

_APX_PLAIN = re.compile(r"(?:[a-z][A-Za-z0-9_]*|0|[1-9][0-9]*)\Z")


def _apx_quote(name: str) -> str:
    if _APX_PLAIN.match(name):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_apx(framework: AbstractFramework) -> str:
    """The framework in ASPARTIX form; names that are not plain constants are quoted."""
    lines = [f"arg({_apx_quote(a)})." for a in framework.arguments]
    lines += [f"att({_apx_quote(s)},{_apx_quote(t)})." for s, t in framework.attacks]
    return "\n".join(lines) + "\n"


def to_tgf(framework: AbstractFramework) -> str:
    """The framework in trivial graph format; names must not contain white space."""
    for name in framework.arguments:
        if not name or any(c.isspace() for c in name) or name == "#":
            raise InputError(f"argument {name!r} cannot be written to TGF (it has white space)")
    lines = [*framework.arguments, "#", *(f"{s} {t}" for s, t in framework.attacks)]
    return "\n".join(lines) + "\n"


def to_i23(framework: AbstractFramework) -> str:
    """The framework in ICCMA 2023 form; arguments are numbered 1..N in declaration order.

    Unless the arguments are already named 1..N, a comment line per argument keeps its name.
    """
    numbers = {name: position for position, name in enumerate(framework.arguments, start=1)}
    lines = [f"p af {len(framework.arguments)}"]
    if any(name != str(number) for name, number in numbers.items()):
        lines += [f"# {number} {name}" for name, number in numbers.items()]
    lines += [f"{numbers[s]} {numbers[t]}" for s, t in framework.attacks]
    return "\n".join(lines) + "\n"


_WRITERS = {"apx": to_apx, "tgf": to_tgf, "i23": to_i23}


def dumps_framework(framework: AbstractFramework, format: str) -> str:
    """The framework as text in one of FORMATS."""
    if format not in _WRITERS:
        raise InputError(f"unknown framework format {format!r}; use one of {', '.join(FORMATS)}")
    return _WRITERS[format](framework)


def framework_from_pairs(
    arguments: Iterable[str], attacks: Iterable[tuple[str, str]]
) -> AbstractFramework:
    """Build a framework, dropping repeated arguments and attacks (first occurrence wins)."""
    return AbstractFramework(tuple(dict.fromkeys(arguments)), tuple(dict.fromkeys(attacks)))
