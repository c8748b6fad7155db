"""Conversion between `.arg` and the field's formats: pick the formats, read, write."""

from __future__ import annotations

import os

from argmap.checking.rules import check
from argmap.diagnostics import Severity
from argmap.errors import InputError
from argmap.files import read_source, refuse_overwriting_input, write_atomic
from argmap.interchange import formats
from argmap.interchange.aif import export_aif
from argmap.interchange.formats import FormatError
from argmap.interchange.imported import ConversionWarning, Imported
from argmap.interchange.json_model import to_json as model_to_json
from argmap.model import ArgumentMap


class ConversionError(FormatError):
    """The formats of a conversion cannot be told, or the map cannot be written in one."""


def input_formats() -> tuple[str, ...]:
    """The formats `argmap convert` reads."""
    return formats.names(formats.CONVERT, readable=True)


def output_formats() -> tuple[str, ...]:
    """The formats `argmap convert` writes."""
    return formats.names(formats.CONVERT, writable=True)


def input_format(path: str, given: str | None = None) -> str:
    """The input format: `given` (from --from), or what the file's extension says."""
    if given is not None:
        return given
    found = formats.for_path(path, formats.CONVERT, readable=True)
    if found is None:
        suffix = formats.suffix_of(path)
        raise ConversionError(
            f"{path}: cannot tell the input format from the extension "
            f"{suffix or '(none)'!r}; give --from " + "|".join(input_formats())
        )
    return found.name


def output_format(path: str, given: str | None = None) -> str:
    """The output format: `given` (from --to), or what the file's extension says."""
    if given is not None:
        return given
    suffix = formats.suffix_of(path)
    # `.json` alone could be AIF or argmap's own JSON, so it names no output format.
    found = None if suffix == ".json" else formats.for_path(path, formats.CONVERT, writable=True)
    if found is None:
        if suffix == ".json":
            raise ConversionError(
                f"{path}: a .json output could be AIF or argmap's JSON "
                "model; give --to aif or --to json (or name it .aif.json)"
            )
        raise ConversionError(
            f"{path}: cannot tell the output format from the extension "
            f"{suffix or '(none)'!r}; give --to " + "|".join(output_formats())
        )
    return found.name


def read_map(text: str, path: str, source_format: str) -> Imported:
    """Parse `text` in `source_format` into a map (with warnings for what was not carried)."""
    return formats.get(source_format).read(text, path)


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
    """The map as text in `target_format` (any text format in the registry)."""
    chosen = formats.get(target_format)
    if chosen.name != "arg":
        check_references(argument_map, path)
    return chosen.write_text(argument_map)


def to_json(argument_map: ArgumentMap) -> str:
    """The model as argmap's versioned JSON (`argmap-map`, see docs/json-schema.md)."""

    return model_to_json(argument_map)


def convert(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    source_format: str | None = None,
    target_format: str | None = None,
    *,
    strict: bool = False,
    parents: bool = False,
) -> tuple[ConversionWarning, ...]:
    """Convert the file `source` into the file `target`, written atomically.

    Nothing is written unless the whole conversion succeeds; a missing folder is an error
    unless `parents` asks for it to be created. Returns the warnings about what the target
    could not hold, and the annotation errors in the source that were dropped (with
    `strict`, any of those refuses the conversion).
    """

    source_name, target_name = os.fspath(source), os.fspath(target)
    refuse_overwriting_input(source_name, target_name)  # before the work, not only at the end
    text, warnings = convert_file(
        source_name, output_format(target_name, target_format), source_format, strict=strict
    )
    write_atomic(target_name, text, inputs=[source_name], parents=parents)
    return warnings


def convert_file(
    source: str | os.PathLike[str],
    target_format: str,
    source_format: str | None = None,
    *,
    strict: bool = False,
) -> tuple[str, tuple[ConversionWarning, ...]]:
    """The file `source` as text in `target_format`, with the warnings about what it lost.

    Annotation errors in the source (warnings with a code: an edge to a missing node, a node
    supporting itself...) are dropped with a warning; with `strict` they refuse the file.
    """

    source_name = os.fspath(source)
    reading = input_format(source_name, source_format)
    imported = read_map(read_source(source_name), source_name, reading)
    annotation_errors = [w for w in imported.warnings if w.code and not w.lossy]
    if strict and annotation_errors:
        found = "; ".join(
            f"{w.code} {f'node {w.node}: ' if w.node else ''}{w.message}"
            for w in annotation_errors[:5]
        )
        more = len(annotation_errors) - 5
        raise InputError(
            f"{source_name}: {len(annotation_errors)} annotation error(s) (--strict), so "
            f"nothing was written: {found}" + (f"; and {more} more" if more > 0 else "")
        )
    # What argmap itself would reject (a support cycle, a self-attack) is not written out.
    errors = [d for d in check(imported.map) if d.severity is Severity.ERROR]
    if errors:
        found = "; ".join(f"{d.code} {d.message}" for d in errors[:5])
        raise InputError(f"{source_name}: the map has errors, so nothing was written: {found}")
    warnings = imported.warnings
    if formats.get(target_format).name == "aif":
        warnings += export_aif(imported.map)[1]
    return write_map(imported.map, target_format, source_name), warnings
