"""Maps made of several files: `import "other.arg"` resolved inside the project and merged.

An import names a file relative to the importing file. It may not leave the project root (the
folder of the top map unless the caller names another), symlinks resolved; a file imported
twice (a diamond) is read once; a cycle of imports is an error. The merged map keeps every
node's place in its own file (`Span.path`), so every diagnostic names the real file and line.

`import "other.arg" as other` puts the other map's ids in a namespace: in the merged map they
are `other.id`, and so are the references inside that file (each file is read under a prefix:
"" for the top map, the importer's prefix plus `other.` for a named import, the importer's own
prefix for a plain one). Speakers are shared by all files, named imports or not.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argmap.diagnostics import Diagnostic, did_you_mean, make
from argmap.errors import InputError
from argmap.files import MAX_SOURCE_BYTES, read_source
from argmap.language.parser import ImportLine, ParseResult, parse
from argmap.language.vocabulary import suggest_id
from argmap.model import ArgumentMap, Span, Speaker

# Names the project root for every command (the folder of the top map when unset).
ROOT_VARIABLE = "ARGMAP_ROOT"
# More files than this in one map is a mistake (or a hostile map), not a project.
MAX_IMPORTED_FILES = 1000
# All imported text together, like one file (argmap.files.MAX_SOURCE_BYTES), so that a map
# cannot exhaust memory through many large imports.
MAX_TOTAL_CHARACTERS = MAX_SOURCE_BYTES


@dataclass
class _File:
    """One file of the map: the name it is reported under, what parsing it gave, and the
    prefix its ids take in the merged map ("" or a namespace such as "charter.")."""

    name: str
    result: ParseResult
    prefix: str = ""


def _is_file_path(path: str) -> bool:
    return not (path.startswith("<") and path.endswith(">")) and path != "-"


def parse_with_imports(
    text: str, path: str = "<string>", root: str | os.PathLike[str] | None = None
) -> ParseResult:
    """Parse map text and every map it imports into one map, with every file's problems.

    Imports resolve relative to the folder of `path` (the working folder for text with no
    file); `root` (by default that same folder) is the folder no import may leave.
    """
    top = parse(text, path)
    if not top.imports:
        return top
    base = Path(path).parent if _is_file_path(path) else Path.cwd()
    if root is None:
        root = os.environ.get(ROOT_VARIABLE) or base
    resolved_root = Path(root).resolve()
    loader = _Loader(resolved_root)
    top_key = (base / Path(path).name).resolve() if _is_file_path(path) else None
    loader.visit(_File(path, top), top_key, base, [])
    return _merge(loader.files, loader.diagnostics)


class _Loader:
    """Reads the files a map imports, depth first, each once, reporting what goes wrong."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: list[_File] = []
        self.diagnostics: list[Diagnostic] = []
        # Files read, with the prefix they were read under: a file imported under two
        # names is two copies, each once.
        self.seen: set[tuple[Path, str]] = set()
        # Each namespace: the file it names, and the file and line that named it.
        self.names: dict[str, tuple[Path, str, int]] = {}
        self.total = 0

    def visit(self, file: _File, key: Path | None, folder: Path, chain: list[Path]) -> None:
        if key is not None:
            self.seen.add((key, file.prefix))
        chain = [*chain, key] if key is not None else chain
        for line in file.result.imports:
            self.follow(file, line, folder, chain)
        # Imported maps come before the map that imports them: a clash is then reported at
        # the importing file's declaration, which is the one its author can rename.
        self.files.append(file)

    def problem(self, file: _File, line: ImportLine, code: str, message: str, hint: str) -> None:
        self.diagnostics.append(make(code, message, line.span, path=file.name, hint=hint))

    def follow(self, file: _File, line: ImportLine, folder: Path, chain: list[Path]) -> None:
        written = line.path
        if not written or Path(written).is_absolute() or written.startswith("~"):
            self.problem(
                file,
                line,
                "E011",
                f"import '{written}' is not a path relative to this file",
                'write the path from this file\'s folder, for example import "charter.arg"',
            )
            return
        target = (folder / written).resolve()
        if not target.is_relative_to(self.root):
            self.problem(
                file,
                line,
                "E011",
                f"import '{written}' leads outside the project folder {self.root}",
                "imported maps must lie inside the project folder (the folder of the top map, "
                f"or the folder named by {ROOT_VARIABLE}); move the map there or set "
                f"{ROOT_VARIABLE} to a folder holding both",
            )
            return
        if target in chain:
            names = [_shown(self.root, step) for step in chain[chain.index(target) :]]
            cycle = " imports ".join([*names, _shown(self.root, target)])
            self.problem(
                file,
                line,
                "E012",
                f"import cycle: {cycle}",
                "remove one of these imports; put what both files need in a third file that "
                "each imports",
            )
            return
        prefix = file.prefix
        if line.alias is not None:
            prefix += line.alias + "."
            if not self.name(file, line, prefix[:-1], target):
                return
        if (target, prefix) in self.seen:
            return  # already merged (a diamond): one copy of each file
        if len(self.seen) > MAX_IMPORTED_FILES:  # the top map is in `seen` too
            self.problem(
                file,
                line,
                "E010",
                f"more than {MAX_IMPORTED_FILES} files imported",
                "a map of this many files is refused; merge some of them",
            )
            return
        name = os.path.normpath(
            os.path.join(os.path.dirname(file.name), written)
            if _is_file_path(file.name)
            else written
        )
        try:
            text = read_source(target)
        except InputError as error:
            reason = str(error).rsplit(": ", 1)[-1]
            self.problem(
                file,
                line,
                "E010",
                f"cannot import '{written}': {reason}",
                _missing_hint(target, written),
            )
            return
        self.total += len(text)
        if self.total > MAX_TOTAL_CHARACTERS:
            self.problem(
                file,
                line,
                "E010",
                f"cannot import '{written}': the imported maps together are larger than "
                f"{MAX_TOTAL_CHARACTERS // 1024 // 1024} MiB",
                "a map of this size is refused; import fewer or smaller maps",
            )
            return
        self.visit(_File(name, parse(text, name), prefix), target, target.parent, chain)

    def name(self, file: _File, line: ImportLine, namespace: str, target: Path) -> bool:
        """Give a namespace to a file; False (and E014) when it names another file already."""
        given = self.names.get(namespace)
        if given is None:
            self.names[namespace] = (target, file.name, line.alias_span.line)
            return True
        if given[0] == target:
            return True
        other = _shown(self.root, given[0])
        place = "" if given[1] == file.name else f"{given[1]}, "
        shown = namespace.rsplit(".", 1)[-1]
        self.diagnostics.append(
            make(
                "E014",
                f"the name '{shown}' is already given to the imported map '{other}'",
                line.alias_span,
                path=file.name,
                hint=f"it is given on {place}line {given[2]}; import this map under another "
                "name, for example "
                f'import "{line.path}" as {_free_name(line.path, namespace, self.names)}',
            )
        )
        return False


def _free_name(path: str, namespace: str, names: dict[str, tuple[Path, str, int]]) -> str:
    """A name for the map at `path` that no other map in the same namespace has yet."""
    outer = namespace.rsplit(".", 1)[0] + "." if "." in namespace else ""
    stem = suggest_id(Path(path).stem)
    candidate, number = stem, 1
    while outer + candidate in names:
        number += 1
        candidate = f"{stem}_{number}"
    return candidate


def _shown(root: Path, path: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def _missing_hint(target: Path, written: str) -> str:
    """A near path for an import that names no file: the written path with its last part
    (or the folder that does not exist) replaced by the closest name there is."""
    folder = target.parent
    parts = written.replace("\\", "/").split("/")
    if not folder.is_dir():
        # The folder is what is misspelt: suggest the nearest folder beside it.
        try:
            near = sorted(p.name for p in folder.parent.iterdir() if p.is_dir())[:1000]
        except OSError:
            near = []
        guess = did_you_mean(folder.name, near)
        if guess and len(parts) >= 2 and parts[-2] == folder.name:
            fixed = "/".join([*parts[:-2], guess, parts[-1]])
            return f"there is no folder '{folder.name}'; did you mean '{fixed}'?"
        return f"there is no folder '{folder.name}' (the path is relative to the importing file)"
    try:
        near = sorted(p.name for p in folder.iterdir() if p.suffix == ".arg")[:1000]
    except OSError:
        near = []
    guess = did_you_mean(target.name, near)
    if not target.suffix and target.with_suffix(".arg").name in near:
        # `import "charter"`: the name needs its .arg.
        guess = target.with_suffix(".arg").name
    if guess:
        fixed = "/".join([*parts[:-1], guess])
        return f"did you mean '{fixed}'? (the path is relative to the importing file)"
    return "the path is relative to the folder of the importing file"


# The fields of each model record that hold node ids (spans are found by type).
_ID_FIELDS = {"id", "premises", "conclusion", "source", "target", "members"}


def _placed(item: Any, path: str, prefix: str = "") -> Any:
    """A model record whose spans (and spans in tuples) name the file it came from, and whose
    node ids (its own and those it refers to) carry the file's namespace prefix."""
    changes: dict[str, object] = {}
    for field in dataclasses.fields(item):
        value = getattr(item, field.name)
        if isinstance(value, Span):
            changes[field.name] = dataclasses.replace(value, path=path)
        elif isinstance(value, tuple) and value and isinstance(value[0], Span):
            changes[field.name] = tuple(dataclasses.replace(s, path=path) for s in value)
        elif prefix and field.name in _ID_FIELDS and not isinstance(item, Speaker):
            if isinstance(value, str):
                changes[field.name] = prefix + value
            elif isinstance(value, tuple):
                changes[field.name] = tuple(prefix + v for v in value)
    return dataclasses.replace(item, **changes)


def _merge(files: list[_File], problems: list[Diagnostic]) -> ParseResult:
    """One map from every file (imported ones first), spans naming their files."""
    top = files[-1]
    speakers: dict[str, object] = {}
    parts: dict[str, list[Any]] = {
        "speakers": [],
        "statements": [],
        "arguments": [],
        "relations": [],
        "groups": [],
    }
    diagnostics: list[Diagnostic] = []
    names = list(dict.fromkeys(file.name for file in files[:-1]))
    reported: set[str] = set()
    for file in files:
        own = file is top
        if file.name not in reported:  # a file read under two names reports its problems once
            reported.add(file.name)
            diagnostics.extend(file.result.diagnostics)
        for kind, items in parts.items():
            for item in getattr(file.result.map, kind):
                if kind == "speakers":
                    # The same speaker declared alike in two files is one speaker, shared.
                    if speakers.get(item.id) == item.name:
                        continue
                    speakers.setdefault(item.id, item.name)
                items.append(item if own else _placed(item, file.name, file.prefix))
    merged = ArgumentMap(
        metadata=top.result.map.metadata,
        speakers=tuple(parts["speakers"]),
        statements=tuple(parts["statements"]),
        arguments=tuple(parts["arguments"]),
        relations=tuple(parts["relations"]),
        groups=tuple(parts["groups"]),
        # What a map expects of its evaluation is its own: an imported map's `expect`
        # blocks are about that map alone.
        expectations=top.result.map.expectations,
        path=top.result.map.path,
    )
    return ParseResult(
        merged,
        problems + diagnostics,
        imports=top.result.imports,
        files=tuple(names),
    )


def flatten_namespaces(argument_map: ArgumentMap) -> ArgumentMap:
    """The map with every namespaced id (`charter.integrity`) renamed to a plain one
    (`charter_integrity`, or with a number when that is taken), for writing one `.arg` file."""
    nodes: list[Any] = [*argument_map.statements, *argument_map.arguments]
    taken = {node.id for node in nodes}
    renamed: dict[str, str] = {}
    for node in nodes:
        if "." in node.id and node.id not in renamed:
            stem = suggest_id(node.id)
            candidate, number = stem, 1
            while candidate in taken:
                number += 1
                candidate = f"{stem}_{number}"
            taken.add(candidate)
            renamed[node.id] = candidate
    if not renamed:
        return argument_map

    def plain(item: Any) -> Any:
        changes: dict[str, object] = {}
        for field in dataclasses.fields(item):
            value = getattr(item, field.name)
            if field.name not in _ID_FIELDS | {"nodes"} or isinstance(item, Speaker):
                continue
            if isinstance(value, str):
                changes[field.name] = renamed.get(value, value)
            elif isinstance(value, tuple):
                changes[field.name] = tuple(renamed.get(v, v) for v in value)
        return dataclasses.replace(item, **changes)

    return dataclasses.replace(
        argument_map,
        statements=tuple(plain(s) for s in argument_map.statements),
        arguments=tuple(plain(a) for a in argument_map.arguments),
        relations=tuple(plain(r) for r in argument_map.relations),
        groups=tuple(plain(g) for g in argument_map.groups),
        expectations=tuple(plain(e) for e in argument_map.expectations),
    )
