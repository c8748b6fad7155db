"""Carneades 4 YAML argument graphs to maps: statements, issues, arguments, assumptions, tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from argmap.errors import InputError
from argmap.interchange.imported import ConversionWarning, IdMaker, Imported, NotYaml, safe_yaml
from argmap.model import (
    Argument,
    ArgumentMap,
    Expectation,
    Metadata,
    Relation,
    RelationKind,
    Role,
    Statement,
)

# Carneades 4's proof standards (yaml.go accepts either case); "dv" is argmap's addition.
STANDARDS = {"pe": "pe", "cce": "cce", "brd": "brd"}
# Carneades 4's basic weighing functions, the only schemes argmap can evaluate by name.
BASIC_SCHEMES = ("linked", "convergent", "cumulative", "factorized")
# The YAML keys argmap reads; the others (language, argument_schemes with rules,
# issue_schemes, references) are reported as not carried over.
READ_KEYS = {"meta", "statements", "issues", "arguments", "assumptions", "tests"}
# `argument_schemes:` is read for constant weights only; a scheme with premises or
# conclusions (instantiated by Carneades' rule engine) is reported.
# A document larger than this is refused: a map is untrusted input.
MAX_YAML_BYTES = 8 * 1024 * 1024


def _load(text: str, path: str) -> dict[str, Any]:
    if len(text.encode("utf-8")) > MAX_YAML_BYTES:
        raise InputError(f"{path}: the YAML document is larger than {MAX_YAML_BYTES} bytes")
    try:
        loaded = safe_yaml(text)
    except NotYaml as problem:
        where = f":{problem.line}:{problem.column}" if problem.line is not None else ""
        raise InputError(f"{path}{where}: not a YAML document: {problem.reason}") from None
    if loaded is None:
        loaded = {}
    if not isinstance(loaded, dict):
        raise InputError(f"{path}: a Carneades argument graph is a YAML mapping at the top")
    return loaded


class _Ids:
    """Carneades ids (`¬p`, `forbidden(cannabis)`, `a1.2`) as valid, distinct map ids."""

    def __init__(self) -> None:
        self.maker = IdMaker()

    def __call__(self, key: object) -> str:
        return self.maker.make(str(key).replace("¬", "not_"), "s")

    def argument(self, key: object) -> str:
        return self.maker.make(str(key), "a")


def _normal(key: object) -> str:
    """Carneades compares statement keys without spaces (terms.Normalize, roughly)."""
    return str(key).replace(" ", "")


def _text_of(value: object) -> tuple[str | None, bool]:
    """A statement's text and whether it is marked `assumed: true`."""
    if isinstance(value, dict):
        text = value.get("text")
        return (None if text is None else str(text).strip()), value.get("assumed") is True
    if value is None:
        return None, False
    return str(value).strip(), False


def _premises(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, dict):
        return [_normal(v) for v in value.values()]
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return [_normal(value)]


def _names(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return [_normal(value)]


def parse_carneades_yaml(text: str, path: str) -> Imported:
    """A Carneades 4 YAML argument graph as a map.

    Statements the graph assumes become `assumption`s, the others `claim`s (a claim needs an
    argument under Carneades evaluation, as every statement Carneades does not assume); each
    issue's positions contradict each other pairwise and carry the issue's proof standard; an
    argument keeps its premises, conclusion, undercutter (`... undercuts a`) and weighing (a
    basic scheme or a constant weight); the `tests:` block becomes an `expect carneades:`
    block. Ids that are not valid map ids (`¬p`, `forbidden(cannabis)`) are rewritten, and the
    original id is kept in each statement's note.
    """
    data = _load(text, path)
    warnings: list[ConversionWarning] = []

    def warn(message: str) -> None:
        warnings.append(ConversionWarning(path, None, message))

    for key in sorted(set(map(str, data)) - READ_KEYS - {"argument_schemes"}):
        warn(
            f"'{key}:' is not carried over (argmap reads statements, issues, arguments, "
            "assumptions and tests)"
        )
    meta = data.get("meta") or {}
    title = meta.get("title") if isinstance(meta, dict) else None
    source = meta.get("source") if isinstance(meta, dict) else None
    ids = _Ids()
    statements: dict[str, dict[str, Any]] = {}
    raw_statements = data.get("statements") or {}
    if not isinstance(raw_statements, dict):
        raise InputError(f"{path}: 'statements:' is not a mapping of ids to texts")
    assumed = {_normal(a) for a in _names(data.get("assumptions"))}
    for key, value in raw_statements.items():
        statement_text, marked = _text_of(value)
        statements[_normal(key)] = {"key": str(key), "text": statement_text, "assumed": marked}
        if marked:
            assumed.add(_normal(key))

    def statement_id(key: str, where: str) -> str:
        if key not in statements:
            statements[key] = {"key": key, "text": None, "assumed": False}
            warn(f"{where} names '{key}', which 'statements:' does not declare; declared it")
        return ids(key)

    standards: dict[str, str] = {}
    relations: list[Relation] = []
    issues = data.get("issues") or {}
    if not isinstance(issues, dict):
        raise InputError(f"{path}: 'issues:' is not a mapping of issue ids")
    for issue_id, issue in issues.items():
        if not isinstance(issue, dict):
            raise InputError(f"{path}: issue '{issue_id}' is not a mapping")
        positions = [statement_id(p, f"issue '{issue_id}'") for p in _names(issue.get("positions"))]
        standard = str(issue.get("standard") or "pe").lower()
        if standard not in STANDARDS:
            raise InputError(
                f"{path}: issue '{issue_id}' has the standard '{standard}'; Carneades 4 knows "
                "PE, CCE and BRD"
            )
        for position in positions:
            if standard != "pe":
                standards[position] = STANDARDS[standard]
        for index, first in enumerate(positions):
            for second in positions[index + 1 :]:
                relations.append(
                    Relation(RelationKind.CONTRADICTION, first, second, tags=("issue",))
                )
    arguments: list[Argument] = []
    extra: list[Statement] = []
    constants = _constant_schemes(data.get("argument_schemes"), warn)
    raw_arguments = data.get("arguments") or {}
    if not isinstance(raw_arguments, dict):
        raise InputError(f"{path}: 'arguments:' is not a mapping of argument ids")
    for argument_key, argument in raw_arguments.items():
        if not isinstance(argument, dict):
            raise InputError(f"{path}: argument '{argument_key}' is not a mapping")
        where = f"argument '{argument_key}'"
        argument_id = ids.argument(argument_key)
        premises = [statement_id(p, where) for p in _premises(argument.get("premises"))]
        conclusion_key = argument.get("conclusion")
        if conclusion_key is None:
            raise InputError(f"{path}: {where} has no conclusion")
        conclusion = statement_id(_normal(conclusion_key), where)
        scheme = argument.get("scheme")
        weight: str | None = None
        if scheme is not None:
            if str(scheme) in BASIC_SCHEMES:
                weight = None if str(scheme) == "linked" else str(scheme)
            elif str(scheme) in constants:
                weight = constants[str(scheme)]
            else:
                warn(
                    f"{where} uses the scheme '{scheme}', whose weighing argmap cannot "
                    "evaluate; it is weighed as linked"
                )
        given: Statement | None = None
        if not premises:
            # Carneades weighs a premise-less argument 1 unless it is undercut; a map's
            # argument needs a premise, and an assumed one changes neither its weight nor
            # when it applies.
            given_id = ids(f"{argument_key}_given")
            given = Statement(
                given_id,
                Role.ASSUMPTION,
                f"Argument {argument_key} has no premises: it applies unless undercut.",
            )
            extra.append(given)
            premises = [given_id]
        arguments.append(
            Argument(argument_id, tuple(premises), conclusion, weight=weight, note=None)
        )
        undercutter = argument.get("undercutter")
        if undercutter is not None:
            relations.append(
                Relation(
                    RelationKind.UNDERCUT, statement_id(_normal(undercutter), where), argument_id
                )
            )
    expectations = _expectations(data.get("tests"), statements, ids, warn)
    built = []
    for key, entry in statements.items():
        node_id = ids(key)
        note = f"Carneades id: {entry['key']}" if node_id != entry["key"] else None
        built.append(
            Statement(
                node_id,
                Role.ASSUMPTION if key in assumed or entry["assumed"] else Role.CLAIM,
                entry["text"] or entry["key"],
                note=note,
                standard=standards.get(node_id),
            )
        )
    argument_map = ArgumentMap(
        metadata=Metadata(
            title=str(title).strip() if title else None,
            source=" ".join(str(source).split()) if source else None,
        ),
        statements=(*built, *extra),
        arguments=tuple(arguments),
        relations=tuple(relations),
        expectations=expectations,
        path=path,
    )
    return Imported(argument_map, tuple(warnings))


def _constant_schemes(schemes: object, warn: Callable[[str], None]) -> dict[str, str]:
    """Schemes whose weight is `constant: w`: scheme id -> the weight as text."""
    found: dict[str, str] = {}
    if not isinstance(schemes, list):
        return found
    for scheme in schemes:
        if not isinstance(scheme, dict):
            continue
        if scheme.get("premises") or scheme.get("conclusions"):
            warn(
                f"the scheme '{scheme.get('id')}' builds arguments with Carneades' rule "
                "engine, which argmap does not run; its arguments are not carried over"
            )
        weight = scheme.get("weight")
        if isinstance(weight, dict) and isinstance(weight.get("constant"), int | float):
            value = float(weight["constant"])
            if 0 <= value <= 1:
                found[str(scheme.get("id"))] = f"{value:g}"
    return found


def _expectations(
    tests: object,
    statements: dict[str, dict[str, Any]],
    ids: _Ids,
    warn: Callable[[str], None],
) -> tuple[Expectation, ...]:
    if not isinstance(tests, dict):
        return ()
    found = []
    for key, label in (("in", "in"), ("out", "out"), ("undecided", "undec")):
        names = [n for n in _names(tests.get(key)) if n]
        known = [n for n in names if n in statements]
        for name in names:
            if name not in statements:
                warn(f"the test expects '{name}', which is not a statement; left out")
        if known:
            found.append(Expectation("carneades", label, tuple(ids(n) for n in known)))
    return tuple(found)
