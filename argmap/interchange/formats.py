"""The one registry of map formats: name, suffixes, reader, writer and whether Graphviz draws it.

`argmap convert`, `argmap render` and `argmap embed` choose their formats here, and a new
format (a reader, a writer or both) is added with `register`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from argmap.errors import ArgmapError, InputError
from argmap.interchange.imported import Imported

if TYPE_CHECKING:
    from argmap.model import ArgumentMap
    from argmap.rendering.dot import RenderOptions

# Each reader and writer imports its module when it is first called: a command pays only for
# the formats it uses (`argmap render` to SVG never loads the Argdown lexer, AIF or GraphML).

# What a reader gets: the file's text and its path (for messages); a writer: the map and the
# drawing options (which only pictures use).
Reader = Callable[[str, str], "Imported"]
Writer = Callable[["ArgumentMap", "RenderOptions | None"], bytes]

# The commands that offer a format (`convert --to`, `render --format`, `embed --to`).
CONVERT: Final = "convert"
RENDER: Final = "render"
EMBED: Final = "embed"


class FormatError(ArgmapError):
    """A format that does not exist, or one that cannot be told from a file's name."""


@dataclass(frozen=True)
class Format:
    """One format: how files in it are named, read and written.

    `suffixes` are lower-case and include the dot (`.aif.json` is one suffix); the first one
    names output files. `offered_by` lists the commands that let a user pick it. `binary`
    formats are written as bytes as they are (not text).
    """

    name: str
    description: str
    suffixes: tuple[str, ...]
    reader: Reader | None = None
    writer: Writer | None = None
    graphviz: bool = False
    binary: bool = False
    offered_by: frozenset[str] = frozenset()

    def read(self, text: str, path: str) -> Imported:
        """The map in `text`, with warnings about what argmap could not carry over."""
        if self.reader is None:
            raise FormatError(f"argmap cannot read {self.name}")
        return self.reader(text, path)

    def write(self, argument_map: ArgumentMap, options: RenderOptions | None = None) -> bytes:
        """The map written in this format, as bytes (UTF-8 for a text format)."""
        if self.writer is None:
            raise FormatError(f"argmap cannot write {self.name}")
        return self.writer(argument_map, options)

    def write_text(self, argument_map: ArgumentMap, options: RenderOptions | None = None) -> str:
        """The map written in this text format, as a string."""
        if self.binary:
            raise FormatError(f"{self.name} is a binary format, not text")
        return self.write(argument_map, options).decode("utf-8")


_REGISTRY: dict[str, Format] = {}


def register(format: Format) -> Format:
    """Add a format (or replace the one with its name); returns it."""
    _REGISTRY[format.name] = format
    return format


def unregister(name: str) -> None:
    """Remove the format called `name` (nothing happens when there is none)."""
    _REGISTRY.pop(name, None)


def get(name: str) -> Format:
    """The format called `name`, or FormatError listing the known ones."""
    found = _REGISTRY.get(name)
    if found is None:
        raise FormatError(f"unknown format {name!r}; use one of {', '.join(names())}")
    return found


def names(
    command: str | None = None, *, readable: bool = False, writable: bool = False
) -> tuple[str, ...]:
    """The format names, in registration order: those `command` offers, readable or writable."""
    return tuple(
        f.name
        for f in _REGISTRY.values()
        if (command is None or command in f.offered_by)
        and (not readable or f.reader is not None)
        and (not writable or f.writer is not None)
    )


def suffix_of(path: str | os.PathLike[str]) -> str:
    """The longest registered suffix that the file's name ends with, else its last suffix."""
    name = Path(path).name.lower()
    known = sorted({s for f in _REGISTRY.values() for s in f.suffixes}, key=len, reverse=True)
    for suffix in known:
        if name.endswith(suffix) and len(name) > len(suffix):
            return suffix
    return Path(name).suffix


def for_path(
    path: str | os.PathLike[str],
    command: str | None = None,
    *,
    readable: bool = False,
    writable: bool = False,
) -> Format | None:
    """The format a file's name implies (among those `command` offers), or None."""
    suffix = suffix_of(path)
    if not suffix:
        return None
    for name in names(command, readable=readable, writable=writable):
        if suffix in _REGISTRY[name].suffixes:
            return _REGISTRY[name]
    return None


def suffix_list(command: str, *, readable: bool = False, writable: bool = False) -> str:
    """The suffixes `command` understands, for messages (`.svg, .png, ...`)."""
    found = [
        suffix
        for name in names(command, readable=readable, writable=writable)
        for suffix in _REGISTRY[name].suffixes
    ]
    return ", ".join(dict.fromkeys(found))


# --- the formats argmap itself knows ---------------------------------------------------------


def _read_arg(text: str, path: str) -> Imported:
    from argmap.language.loading import loads

    return Imported(loads(text, path))


def _write_arg(argument_map: ArgumentMap, options: RenderOptions | None) -> bytes:
    from argmap.language.imports import flatten_namespaces
    from argmap.language.printer import to_arg

    # One file holds the whole map: ids of maps imported with a name become plain ids.
    return to_arg(flatten_namespaces(argument_map)).encode("utf-8")


def _is_argmap_json(text: str) -> bool:
    """Whether JSON text is argmap's own model export rather than AIF."""
    return '"argmap-map"' in text[:200]


def _read_aif(text: str, path: str) -> Imported:
    from argmap.interchange.aif import parse_aif

    if _is_argmap_json(text):
        return _read_model_json(text, path)
    return parse_aif(text, path)


def _write_aif(argument_map: ArgumentMap, options: RenderOptions | None) -> bytes:
    from argmap.interchange.aif import dumps_aif

    return dumps_aif(argument_map).encode("utf-8")


def _read_model_json(text: str, path: str) -> Imported:
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
    return Imported(argument_map)


def _read_json(text: str, path: str) -> Imported:
    # A `.json` file is argmap's model when it says so, and AIF otherwise.
    return _read_model_json(text, path) if _is_argmap_json(text) else _read_aif(text, path)


def _write_json(argument_map: ArgumentMap, options: RenderOptions | None) -> bytes:
    from argmap.interchange.json_model import to_json

    return to_json(argument_map).encode("utf-8")


def _read_microtext(text: str, path: str) -> Imported:
    from argmap.interchange.microtext import parse_microtext

    return parse_microtext(text, path)


def _read_carneades(text: str, path: str) -> Imported:
    from argmap.interchange.carneades_yaml import parse_carneades_yaml

    return parse_carneades_yaml(text, path)


def _read_argdown(text: str, path: str) -> Imported:
    from argmap.interchange.argdown_reader import parse_argdown

    return parse_argdown(text, path)


def _write_argdown(argument_map: ArgumentMap, options: RenderOptions | None) -> bytes:
    from argmap.interchange.argdown import to_argdown

    return to_argdown(argument_map).encode("utf-8")


def _drawing(format: str) -> Writer:
    """A writer that draws the map with Graphviz (or writes its DOT source)."""

    def write(argument_map: ArgumentMap, options: RenderOptions | None) -> bytes:
        # Through the module, so the drawing function is looked up at each call.
        from argmap.rendering import graphviz

        return graphviz.render(argument_map, format, options)

    return write


def _write_html(argument_map: ArgumentMap, options: RenderOptions | None) -> bytes:
    from argmap.rendering.html import to_html

    return to_html(argument_map, options).encode("utf-8")


_BOTH = frozenset({CONVERT, RENDER})
register(Format("arg", "argmap's own language", (".arg",), _read_arg, _write_arg,
                offered_by=frozenset({CONVERT})))  # fmt: skip
register(Format("aif", "Argument Interchange Format JSON (AIFdb)", (".aif.json", ".aif"),
                _read_aif, _write_aif, offered_by=frozenset({CONVERT})))  # fmt: skip
register(Format("microtext", "the arg-microtexts corpus XML", (".xml",), _read_microtext,
                offered_by=frozenset({CONVERT})))  # fmt: skip
register(Format("argdown", "Argdown", (".argdown", ".ad"), _read_argdown, _write_argdown,
                offered_by=frozenset({CONVERT})))  # fmt: skip
register(Format("json", "argmap's JSON model (or AIF JSON, when reading)", (".json",),
                _read_json, _write_json, offered_by=_BOTH))  # fmt: skip
# Carneades 4 argument graphs (docs/interchange.md).
register(Format("carneades", "a Carneades 4 argument graph (YAML)", (".yml", ".yaml"),
                _read_carneades, offered_by=frozenset({CONVERT})))  # fmt: skip
register(Format("svg", "SVG picture", (".svg",), writer=_drawing("svg"), graphviz=True,
                offered_by=frozenset({RENDER, EMBED})))  # fmt: skip
register(Format("png", "PNG picture", (".png",), writer=_drawing("png"), graphviz=True,
                binary=True, offered_by=frozenset({RENDER})))  # fmt: skip
register(Format("pdf", "PDF picture", (".pdf",), writer=_drawing("pdf"), graphviz=True,
                binary=True, offered_by=frozenset({RENDER})))  # fmt: skip
register(Format("dot", "Graphviz DOT source", (".dot", ".gv"), writer=_drawing("dot"),
                offered_by=frozenset({RENDER})))  # fmt: skip
register(Format("html", "a standalone interactive HTML page", (".html", ".htm"),
                writer=_write_html, offered_by=frozenset({RENDER})))  # fmt: skip


def _write_mermaid(argument_map: ArgumentMap, options: RenderOptions | None) -> bytes:
    from argmap.interchange.mermaid import to_mermaid

    return to_mermaid(argument_map, options).encode("utf-8")


def _write_graphml(argument_map: ArgumentMap, options: RenderOptions | None) -> bytes:
    from argmap.interchange.graphml import to_graphml

    return to_graphml(argument_map, options).encode("utf-8")


register(Format("mermaid", "a Mermaid flowchart (drawn by GitHub, GitLab, Mermaid Live)",
                (".mmd", ".mermaid"), writer=_write_mermaid,
                offered_by=frozenset({CONVERT, RENDER, EMBED})))  # fmt: skip
register(Format("graphml", "GraphML (yEd, Gephi, networkx)", (".graphml",),
                writer=_write_graphml, offered_by=_BOTH))  # fmt: skip
