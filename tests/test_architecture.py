"""The package's imports flow one way: no later stage, no package root, no cycle, none hidden.

`lint-imports` (.ci/run) checks the contracts in pyproject.toml; this test reads the same layers
and checks the source itself with `ast`, counting the imports inside functions and under
`if TYPE_CHECKING:` too, so a cycle hidden in a function body cannot pass.
"""

from __future__ import annotations

import ast
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "argmap"

# Imported inside functions on purpose: optional third-party packages whose import would slow
# down start-up (`argmap check` loads none of them), and the standard library's heavier modules.
LAZY = (
    "clingo",
    "markdown",
    "sphinx",
    "docutils",
    "pygments",
    "IPython",
    "yaml",
    "watchfiles",
)
LAZY_STANDARD = ("concurrent.futures", "difflib", "multiprocessing", "tempfile")
LAZY_ALLOWED = re.compile(rf"^({'|'.join(map(re.escape, LAZY + LAZY_STANDARD))})(\.|$)")
# The one place that imports argmap's own modules inside functions: the package root, which
# `import argmap.anything` runs first, loads a stage only when its function is called. (The CLI
# loads one command's module by name, with importlib, in argmap/cli/group.py.) And the checking of
# files, which reaches the parser (and Lark's start-up) only for a file not in the results cache,
# and `argmap check`, which evaluates only a map that expects outcomes and is not in that cache.
# And the command line's fast path, which answers from the run cache before loading the rest.
# And rendering: the format registry loads a format's reader or writer when it is first used,
# a render job the evaluation stage only for --eval or --as, and `argmap render` the report
# only for a map with problems (a render's start-up is most of a small map's time).
LAZY_OWN_ALLOWED = (
    "argmap/__init__.py",
    "argmap/checking/batch.py",
    "argmap/cli/check.py",
    "argmap/cli/fast.py",
    "argmap/cli/render.py",
    "argmap/interchange/formats.py",
    "argmap/interchange/jobs.py",
)


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the imported argmap module, or a third-party / standard module
    line: int
    in_function: bool
    commented: bool  # a comment on the line or in the two lines above


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, root: Path, modules: set[str]) -> list[Import]:
    """Every import statement in a module, wherever it sits, resolved to a module name."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    text = path.read_text("utf-8")
    lines = text.splitlines()
    found: list[Import] = []

    def commented(line: int) -> bool:
        return any("#" in lines[i - 1] for i in range(max(1, line - 2), line + 1))

    def add(target: str, node: ast.stmt, in_function: bool) -> None:
        found.append(Import(name, target, node.lineno, in_function, commented(node.lineno)))

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                for alias in child.names:
                    add(alias.name, child, in_function)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")[: len(package.split(".")) - (child.level - 1)]
                    origin = ".".join([*base, *([child.module] if child.module else [])])
                else:
                    origin = child.module or ""
                for alias in child.names:
                    # `from argmap.interchange import formats` imports a module, not a name.
                    submodule = f"{origin}.{alias.name}"
                    add(submodule if submodule in modules else origin, child, in_function)
            visit(child, inside)

    visit(ast.parse(text, str(path)), False)
    return found


def package_modules(root: Path) -> dict[str, Path]:
    return {module_name(path, root): path for path in sorted(root.rglob("*.py"))}


def layers() -> list[list[str]]:
    """The layers contract of pyproject.toml, lowest first, each a list of module prefixes."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]
    [contract] = [c for c in config["contracts"] if c["type"] == "layers"]
    return [[part.strip() for part in re.split(r"[|:]", layer)] for layer in contract["layers"]][
        ::-1
    ]


def rank(module: str, stack: list[list[str]], root: str) -> int | None:
    """The module's layer (0 lowest); the package root sits above every layer."""
    if module == root:
        return len(stack)
    for number, layer in enumerate(stack):
        if any(module == prefix or module.startswith(prefix + ".") for prefix in layer):
            return number
    return None


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module, or a module importing itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(edges.get(node, ())):
            if successor not in index:
                connect(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in edges.get(node, ()):
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return found


def problems(root: Path, stack: list[list[str]]) -> list[str]:
    """Everything wrong with the imports of the package at `root`, as readable lines."""
    modules = package_modules(root)
    top = root.name
    found: list[str] = []
    edges: dict[str, set[str]] = {}
    for name, path in modules.items():
        where = path.relative_to(root.parent).as_posix()
        if name != top and rank(name, stack, top) is None:
            found.append(f"{where}: in no layer of the import-linter contract (pyproject.toml)")
        for item in imports_of(path, root, set(modules)):
            own = item.target == top or item.target.startswith(top + ".")
            if not own:
                if item.in_function and not LAZY_ALLOWED.match(item.target):
                    found.append(f"{where}:{item.line}: {item.target} imported inside a function")
                elif item.in_function and not item.commented:
                    found.append(f"{where}:{item.line}: lazy import of {item.target} says no why")
                continue
            edges.setdefault(name, set()).add(item.target)
            if item.target == top and name != top:
                found.append(f"{where}:{item.line}: imports the package root {top}")
                continue
            mine, theirs = rank(name, stack, top), rank(item.target, stack, top)
            if mine is not None and theirs is not None and theirs > mine:
                found.append(f"{where}:{item.line}: {item.target} is a later stage")
            if item.in_function and not where.startswith(LAZY_OWN_ALLOWED):
                found.append(f"{where}:{item.line}: {item.target} imported inside a function")
    # The root imports its modules to offer them; every module importing `argmap.x` runs the
    # root first, but that is Python's package machinery, not a dependency of the module.
    edges.pop(top, None)
    found.extend(f"import cycle: {' -> '.join(cycle)}" for cycle in cycles(edges))
    return found


def test_the_layers_name_every_stage_in_pipeline_order() -> None:
    stages = [prefix for layer in layers() for prefix in layer]
    order = ["argmap.model", "argmap.language", "argmap.checking", "argmap.evaluation"]
    order += ["argmap.rendering", "argmap.interchange", "argmap.embed", "argmap.cli"]
    assert [stage for stage in stages if stage in order] == order
    assert {"argmap.sphinx", "argmap.jupyter"} <= set(layers()[-1])


# Being rewritten around the format registry (issue 10): render jobs and conversions choose
# their reader and writer there, which ends rendering's import of the JSON model (a later
# stage) and the render <-> html page cycle. Each entry must still have a problem to excuse.
PENDING: dict[str, str] = {}


def test_no_module_imports_a_later_stage_the_root_or_in_a_cycle() -> None:
    assert len(package_modules(PACKAGE)) > 40
    found = problems(PACKAGE, layers())
    pending = {name: module_name(REPO / name, PACKAGE) for name in PENDING}

    def excused(problem: str) -> bool:
        if problem.startswith("import cycle: "):
            return set(problem.removeprefix("import cycle: ").split(" -> ")) <= {*pending.values()}
        return problem.startswith(tuple(f"{name}:" for name in pending))

    assert [problem for problem in found if not excused(problem)] == []
    for name in PENDING:
        assert any(problem.startswith(f"{name}:") for problem in found), (
            f"{name} is clean now: take it out of PENDING"
        )


def test_the_check_finds_each_kind_of_problem(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    (root / "low").mkdir(parents=True)
    (root / "high").mkdir()
    for folder in (root, root / "low", root / "high"):
        (folder / "__init__.py").write_text('"""Package."""\n')
    (root / "low" / "a.py").write_text(
        "import json\n\ndef f():\n    from pkg.low import b\n    import pygments\n"
    )
    (root / "low" / "b.py").write_text("from pkg.low.a import f\nfrom pkg.high import c\n")
    (root / "high" / "c.py").write_text("import pkg\n\ndef g():\n    import tomllib\n")
    (root / "loose.py").write_text("")
    found = problems(root, [["pkg.low"], ["pkg.high"]])
    assert found == [
        "pkg/high/c.py:1: imports the package root pkg",
        "pkg/high/c.py:4: tomllib imported inside a function",
        "pkg/loose.py: in no layer of the import-linter contract (pyproject.toml)",
        "pkg/low/a.py:4: pkg.low.b imported inside a function",
        "pkg/low/a.py:5: lazy import of pygments says no why",
        "pkg/low/b.py:2: pkg.high.c is a later stage",
        "import cycle: pkg.low.a -> pkg.low.b",
    ]


def test_every_path_docs_architecture_names_exists() -> None:
    page = (REPO / "docs" / "architecture.md").read_text("utf-8")
    named = set(re.findall(r"`([\w./-]+(?:\.(?:py|md|toml|lark)|/))`", page))
    assert len(named) > 40
    missing = []
    for name in sorted(named):
        # A bare module name is named inside its package's paragraph.
        bare = "/" not in name and any(PACKAGE.rglob(name))
        if not ((REPO / name).exists() or bare):
            missing.append(name)
    assert missing == []
    packages = sorted(f"argmap/{p.parent.name}/" for p in PACKAGE.glob("*/__init__.py"))
    assert [package for package in packages if package not in named] == []
    modules = [p for p in PACKAGE.rglob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    unnamed = [
        p.relative_to(REPO).as_posix()
        for p in modules
        if p.name not in named and p.relative_to(REPO).as_posix() not in named
    ]
    assert unnamed == [], "say in docs/architecture.md what each module is for"
