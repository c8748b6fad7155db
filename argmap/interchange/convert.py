"""Conversion between `.arg` and the field's formats: pick the formats, read, write."""

from __future__ import annotations

import os
from pathlib import Path

from argmap.errors import ArgmapError, InputError
from argmap.interchange.imported import ConversionWarning, Imported
from argmap.model import ArgumentMap

INPUT_FORMATS = ("arg", "aif", "microtext", "json", "carneades")
OUTPUT_FORMATS = ("arg", "aif", "argdown", "json")
_INPUT_SUFFIXES = {
    ".arg": "arg",
    ".json": "aif",
    ".aif": "aif",
    ".xml": "microtext",
    # Carneades 4 argument graphs (docs/interchange.md).
    ".yml": "carneades",
    ".yaml": "carneades",
}
# `.json` alone could be AIF or argmap's own JSON, so it names no output format.
_OUTPUT_SUFFIXES = {".arg": "arg", ".aif": "aif", ".argdown": "argdown", ".ad": "argdown"}


class ConversionError(ArgmapError):
    """The formats of a conversion cannot be told, or the map cannot be written in one."""


def _suffix(path: str) -> str:
    name = Path(path).name.lower()
    if name.endswith(".aif.json"):
        return ".aif"
    return Path(name).suffix


def input_format(path: str, given: str | None = None) -> str:
    """The input format: `given` (from --from), or what the file's extension says."""
    if given is not None:
        return given
    found = _INPUT_SUFFIXES.get(_suffix(path))
    if found is None:
        raise ConversionError(
            f"{path}: cannot tell the input format from the extension "
            f"{_suffix(path) or '(none)'!r}; give --from " + "|".join(INPUT_FORMATS)
        )
    return found


def output_format(path: str, given: str | None = None) -> str:
    """The output format: `given` (from --to), or what the file's extension says."""
    if given is not None:
        return given
    suffix = _suffix(path)
    found = _OUTPUT_SUFFIXES.get(suffix)
    if found is None:
        if suffix == ".json":
            raise ConversionError(
                f"{path}: a .json output could be AIF or argmap's JSON "
                "model; give --to aif or --to json (or name it .aif.json)"
            )
        raise ConversionError(
            f"{path}: cannot tell the output format from the extension "
            f"{suffix or '(none)'!r}; give --to " + "|".join(OUTPUT_FORMATS)
        )
    return found


def read_map(text: str, path: str, source_format: str) -> Imported:
    """Parse `text` in `source_format` into a map (with warnings for what was not carried)."""
    if source_format == "arg":
        from argmap.language.loading import loads

        return Imported(loads(text, path))
    if source_format == "aif":
        from argmap.interchange.aif import parse_aif

        if _is_argmap_json(text):
            return read_map(text, path, "json")
        return parse_aif(text, path)
    if source_format == "json":
        return Imported(_from_model_json(text, path))
    if source_format == "microtext":
        from argmap.interchange.microtext import parse_microtext

        return parse_microtext(text, path)
    if source_format == "carneades":
        from argmap.interchange.carneades_yaml import parse_carneades_yaml

        return parse_carneades_yaml(text, path)
    raise ConversionError(f"unknown input format {source_format!r}")


def _is_argmap_json(text: str) -> bool:
    """Whether JSON text is argmap's own model export rather than AIF."""
    return '"argmap-map"' in text[:200]


def _from_model_json(text: str, path: str) -> ArgumentMap:
    from argmap.files import load_json
    from argmap.interchange.json_model import FORMAT, first_mismatch, from_data

    data = load_json(text, path)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f'{path}: not argmap\'s JSON model (no "format": "{FORMAT}")')
    try:
        argument_map = from_data(data)
    except KeyError as error:
        raise InputError(f"{path}: argmap's JSON model is damaged (missing {error})") from None
    except (TypeError, ValueError, AttributeError) as error:
        raise InputError(f"{path}: argmap's JSON model is damaged ({error})") from None
    problem = first_mismatch(argument_map)
    if problem is not None:
        raise InputError(f"{path}: argmap's JSON model is damaged: {problem}")
    return argument_map


def check_references(argument_map: ArgumentMap, path: str) -> None:
    """Raise InputError naming the first node that refers to an id nobody declares."""
    known = {s.id for s in argument_map.statements} | {a.id for a in argument_map.arguments}
    for argument in argument_map.arguments:
        for node in (*argument.premises, *([argument.conclusion] if argument.conclusion else [])):
            if node not in known:
                raise InputError(
                    f"{path}: argument {argument.id} refers to {node}, which is not declared"
                )
    for relation in argument_map.relations:
        for node in (relation.source, relation.target):
            if node not in known:
                raise InputError(
                    f"{path}: the relation '{relation.source} "
                    f"{relation.kind.value} {relation.target}' refers to {node}, "
                    "which is not declared"
                )


def write_map(argument_map: ArgumentMap, target_format: str, path: str = "<map>") -> str:
    """The map as text in `target_format` (arg, aif, argdown or json)."""
    if target_format == "arg":
        from argmap.language.printer import to_arg

        return to_arg(argument_map)
    check_references(argument_map, path)
    if target_format == "aif":
        from argmap.interchange.aif import dumps_aif

        return dumps_aif(argument_map)
    if target_format == "argdown":
        from argmap.interchange.argdown import to_argdown

        return to_argdown(argument_map)
    if target_format == "json":
        return to_json(argument_map)
    raise ConversionError(f"unknown output format {target_format!r}")


def to_json(argument_map: ArgumentMap) -> str:
    """The model as argmap's versioned JSON (`argmap-map`, see docs/json-schema.md)."""
    from argmap.interchange.json_model import to_json as model_to_json

    return model_to_json(argument_map)


def convert(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    source_format: str | None = None,
    target_format: str | None = None,
) -> tuple[ConversionWarning, ...]:
    """Convert the file `source` into the file `target`, written atomically.

    Nothing is written unless the whole conversion succeeds. Returns the warnings about what
    the target could not hold.
    """
    from argmap.files import refuse_overwriting_input, write_atomic

    source_name, target_name = os.fspath(source), os.fspath(target)
    refuse_overwriting_input(source_name, target_name)  # before the work, not only at the end
    text, warnings = convert_file(
        source_name, output_format(target_name, target_format), source_format
    )
    write_atomic(target_name, text, inputs=[source_name])
    return warnings


def convert_file(
    source: str | os.PathLike[str], target_format: str, source_format: str | None = None
) -> tuple[str, tuple[ConversionWarning, ...]]:
    """The file `source` as text in `target_format`, with the warnings about what it lost."""
    from argmap.checking.rules import check
    from argmap.diagnostics import Severity
    from argmap.files import read_source

    source_name = os.fspath(source)
    reading = input_format(source_name, source_format)
    imported = read_map(read_source(source_name), source_name, reading)
    # What argmap itself would reject (a support cycle, a self-attack) is not written out.
    errors = [d for d in check(imported.map) if d.severity is Severity.ERROR]
    if errors:
        found = "; ".join(f"{d.code} {d.message}" for d in errors[:5])
        raise InputError(f"{source_name}: the map has errors, so nothing was written: {found}")
    return write_map(imported.map, target_format, source_name), imported.warnings
