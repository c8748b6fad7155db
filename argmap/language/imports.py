"""Maps made of several files: `import "other.arg"` resolved inside the project and merged.

An import names a file relative to the importing file. It may not leave the project root (the
folder of the top map unless the caller names another), symlinks resolved; a file imported
twice (a diamond) is read once; a cycle of imports is an error. The merged map keeps every
node's place in its own file (`Span.path`), so every diagnostic names the real file and line.
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
from argmap.model import ArgumentMap, Span

# Names the project root for every command (the folder of the top map when unset).
ROOT_VARIABLE = "ARGMAP_ROOT"
# More files than this in one map is a mistake (or a hostile map), not a project.
MAX_IMPORTED_FILES = 1000
# All imported text together, like one file (argmap.files.MAX_SOURCE_BYTES), so that a map
# cannot exhaust memory through many large imports.
MAX_TOTAL_CHARACTERS = MAX_SOURCE_BYTES


@dataclass
class _File:
    """One file of the map: the name it is reported under and what parsing it gave."""

    name: str
    result: ParseResult


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
        self.seen: set[Path] = set()
        self.total = 0

    def visit(self, file: _File, key: Path | None, folder: Path, chain: list[Path]) -> None:
        if key is not None:
            self.seen.add(key)
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
        if target in self.seen:
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
        self.visit(_File(name, parse(text, name)), target, target.parent, chain)


def _shown(root: Path, path: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def _missing_hint(target: Path, written: str = "") -> str:
    folder = target.parent
    try:
        near = sorted(p.name for p in folder.iterdir() if p.suffix == ".arg")[:1000]
    except OSError:
        near = []
    guess = did_you_mean(target.name, near)
    if not target.suffix and target.with_suffix(".arg").name in near:
        # `import "charter"`: the name needs its .arg.
        guess = f"{written}.arg" if written else target.with_suffix(".arg").name
    if guess:
        return f"did you mean '{guess}'? (the path is relative to the importing file)"
    return "the path is relative to the folder of the importing file"


def _placed(item: Any, path: str) -> Any:
    """A model record whose spans (and spans in tuples) name the file it came from."""
    changes: dict[str, object] = {}
    for field in dataclasses.fields(item):
        value = getattr(item, field.name)
        if isinstance(value, Span):
            changes[field.name] = dataclasses.replace(value, path=path)
        elif isinstance(value, tuple) and value and isinstance(value[0], Span):
            changes[field.name] = tuple(dataclasses.replace(s, path=path) for s in value)
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
    for file in files:
        own = file is top
        diagnostics.extend(file.result.diagnostics)
        for kind, items in parts.items():
            for item in getattr(file.result.map, kind):
                if kind == "speakers":
                    # The same speaker declared alike in two files is one speaker, shared.
                    if speakers.get(item.id) == item.name:
                        continue
                    speakers.setdefault(item.id, item.name)
                items.append(item if own else _placed(item, file.name))
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
        files=tuple(file.name for file in files[:-1]),
    )
