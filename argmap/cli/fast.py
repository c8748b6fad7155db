"""The command line's fast path: a command whose last run's output is still valid replays it.

`argmap check MAP` and `argmap render MAP -o OUT` (with the options listed below) are answered
from the run cache, before click, Lark or the model are imported, when an earlier run with the
same arguments saw the same map text, the same imported files, the same argmap (its code
stamp) and, for a render, the same `dot`. Anything else (an unknown option, several files, a
folder, standard input, `--no-cache`, Windows) is left to the click commands, which store
what they print when they ran for a request this module could not serve (`record`).

An entry (`run-SLOT.bin` in the cache folder, one per command line: a map edited and checked
again replaces its entry) holds its key and a SHA-256 of its contents, so a truncated, damaged
or planted entry, one copied from another slot, or one stored for other map text or another
argmap, is not served.
This module imports only the standard library, `argmap.version` and `argmap.stamp`.
"""

from __future__ import annotations

import os
import stat
import sys
import time

from argmap.stamp import cache_dir, code_stamp, sha256
from argmap.version import __version__

TYPE_CHECKING = False  # typing's own flag costs its import; mypy reads any TYPE_CHECKING
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    import click

# Each command's options that the fast path accepts: flags, and options taking one value.
# Every other option of the command (tests/cli/test_fast.py compares these with the click
# commands) makes the fast path step aside.
FLAGS = {
    "check": frozenset({"--strict", "--color", "--no-color", "--expected", "--no-expected"}),
    "render": frozenset(
        {"--legend", "--no-legend", "--show-ids", "--show-tags", "--overview", "--parents"}
    ),
}
VALUES = {
    "check": frozenset({"--format", "--select", "--ignore", "-j", "--jobs"}),
    "render": frozenset(
        {"-o", "--output", "--format", "--rankdir", "--labels", "--color-by", "--groups"}
        | {"--theme", "--focus", "--depth", "--tag", "--speaker", "--group", "--eval", "--as"}
        | {"--timeout"}
    ),
}
# Options of the commands that the fast path never serves (the command runs as usual).
DECLINED = {
    "check": frozenset({"--stdin-filename", "--no-cache", "-h", "--help"}),
    "render": frozenset(
        {"--out-dir", "--split", "--watch", "--watch-iterations", "--no-cache", "-h", "--help"}
    ),
}

# A map larger than this is checked slowly anyway: its replay would save little.
MAX_MAP_BYTES = 8 * 1024 * 1024
# What may follow `import` on a line that imports a map: not a letter, digit or underscore.
_WORD = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
# Files changed less than this long before a run may have changed during it (as git's "racy"
# index entries): a render of a map that imports them is not stored.
RACY_NS = 2_000_000_000
ENTRY_MAGIC = b"argmap-run 1\n"
# A reader closed the pipe: what a Unix tool killed by SIGPIPE reports (128 + 13).
EXIT_CLOSED_PIPE = 141


class Request:
    """One command line the fast path understood: what it reads, writes, and its cache key."""

    __slots__ = ("argv", "command", "data", "key", "output", "parents", "slot", "source", "started")

    def __init__(self, argv: list[str], command: str, source: str, output: str | None) -> None:
        self.argv = argv
        self.command = command
        self.source = source
        self.output = output
        self.parents = "--parents" in argv
        self.data = b""
        self.key = ""
        self.slot = ""
        self.started = 0


class Entry:
    """A stored run: its exit code, what it printed, the file it wrote and the files it read."""

    __slots__ = ("code", "data", "imports", "stderr", "stdout")

    def __init__(
        self, code: int, stdout: bytes, stderr: bytes, data: bytes, imports: list[tuple[str, str]]
    ) -> None:
        self.code = code
        self.stdout = stdout
        self.stderr = stderr
        self.data = data
        self.imports = imports  # (SHA-256 of the bytes, path) of each imported file


# The request the fast path could not serve, for the command to store its run under.
PENDING: list[Request] = []


def parse(argv: list[str]) -> Request | None:
    """The request `argv` makes, when it is one the fast path may serve (else None)."""
    if not argv or argv[0] not in FLAGS:
        return None
    command = argv[0]
    flags, values = FLAGS[command], VALUES[command]
    paths: list[str] = []
    output = None
    at = 1
    while at < len(argv):
        token = argv[at]
        at += 1
        if token in flags:
            continue
        name, equals, value = token.partition("=")
        if token.startswith("--") and equals and name in values:
            pass
        elif token in values and at < len(argv):
            name, value = token, argv[at]
            at += 1
        elif token.startswith("-") or not token:
            return None  # `-`, `--`, an option it does not know, short options run together
        else:
            paths.append(token)
            continue
        if not value or (value.startswith("-") and value != "-"):
            return None  # left to click, which may read it otherwise
        if name in ("-o", "--output"):
            if output is not None:
                return None
            output = value
    if len(paths) != 1 or (command == "render") != (output is not None):
        return None
    return Request(argv, command, paths[0], output)


def attempt(argv: list[str]) -> int | None:
    """Serve `argmap ARGV` from the run cache: its exit code, or None to run the command.

    When the request is one the fast path understands but the cache cannot serve, it is kept
    (`PENDING`) for the command to `record` what it prints.
    """
    PENDING.clear()
    if argv in (["--version"], ["-V"]):
        return _write(f"argmap, version {__version__}\n".encode(), sys.stdout)
    if os.name == "nt" or (sys.stdout.encoding or "").lower().replace("-", "") != "utf8":
        return None  # click writes to a Windows console, or re-encodes, its own way
    request = parse(argv)
    if request is None:
        return None
    request.started = time.time_ns()
    try:
        # A pipe, a device or a folder is left to the command (opening a pipe would wait).
        info = os.stat(request.source)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_MAP_BYTES:
            return None
        with open(request.source, "rb") as stream:
            request.data = stream.read(MAX_MAP_BYTES + 1)
    except (OSError, ValueError):
        return None  # the command reports it
    if len(request.data) > MAX_MAP_BYTES:
        return None
    if request.command == "check" and imports_maps(request.data):
        return None  # the check cache leaves maps with imports to the command too
    try:
        request.slot = slot(request)
        request.key = key(request)
    except (OSError, ValueError):
        return None
    entry = load(request.slot, request.key)
    if entry is None or not _same_imports(entry.imports):
        PENDING.append(request)
        return None
    if request.command == "check":
        return _replay(entry.code, entry.stdout, entry.stderr)
    return _replay_render(request, entry)


def imports_maps(data: bytes) -> bool:
    """Whether a line may import another map: argmap/checking/batch.py's test, `^[ \\t]*import\\b`
    (re, with its start-up cost, is not loaded for it)."""
    at = data.find(b"import")
    while at >= 0:
        start = data.rfind(b"\n", 0, at) + 1
        after = at + len(b"import")
        if not data[start:at].strip(b" \t") and (after == len(data) or data[after] not in _WORD):
            return True
        at = data.find(b"import", after)
    return False


def slot(request: Request) -> str:
    """Where a request's run is stored: one entry per command line (folder, arguments, map
    file, terminal or not, `dot`), so a map edited and rendered again replaces its entry."""
    parts = [
        "argmap-run 1",
        os.getcwd(),
        os.path.realpath(request.source),
        os.environ.get("ARGMAP_ROOT", ""),
        f"{_isatty(sys.stdout)} {_isatty(sys.stderr)}",
        *request.argv,
    ]
    if request.command == "render":
        parts.append(dot_identity())
    return sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def key(request: Request) -> str:
    """The cache key of a request: everything its output depends on (its slot, the code
    stamp and the map's bytes); the entry in its slot must name it to be served."""
    digest = sha256(f"{slot(request)}\0{code_stamp()}\0".encode())
    digest.update(request.data)
    return digest.hexdigest()


def dot_identity() -> str:
    """The `dot` a render would run, as its resolved path, size and time ("" when none)."""
    for folder in os.environ.get("PATH", os.defpath).split(os.pathsep):
        candidate = os.path.join(folder or ".", "dot")
        try:
            info = os.stat(candidate)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and os.access(candidate, os.X_OK):
            return f"{os.path.realpath(candidate)}\0{info.st_size}\0{info.st_mtime_ns}"
    return ""


def entry_path(slot: str) -> str:
    return os.path.join(cache_dir(), f"run-{slot}.bin")


def encode(key: str, entry: Entry) -> bytes:
    """An entry as stored: a header naming its key and parts, then the parts, under a digest."""
    header = [key, str(entry.code), str(len(entry.stdout)), str(len(entry.stderr))]
    header += [str(len(entry.data)), str(len(entry.imports))]
    header += [f"{digest} {path}" for digest, path in entry.imports]
    body = "\n".join(header).encode("utf-8", "surrogateescape") + b"\n"
    body += entry.stdout + entry.stderr + entry.data
    return ENTRY_MAGIC + sha256(body).hexdigest().encode("ascii") + b"\n" + body


def decode(key: str, blob: bytes) -> Entry | None:
    """The entry stored in `blob` for `key`, or None when it is damaged, foreign or another's."""
    if not blob.startswith(ENTRY_MAGIC):
        return None
    start = len(ENTRY_MAGIC)
    end = blob.find(b"\n", start)
    body = blob[end + 1 :]
    if end < 0 or sha256(body).hexdigest().encode("ascii") != blob[start:end]:
        return None
    try:
        lines = body.split(b"\n", 6)
        stored, code, out, err, data, count = (line.decode("ascii") for line in lines[:6])
        if stored != key:
            return None
        rest = lines[6].split(b"\n", int(count))
        imports = []
        for line in rest[: int(count)]:
            digest, _, path = line.decode("utf-8", "surrogateescape").partition(" ")
            imports.append((digest, path))
        payload = rest[int(count)]
        sizes = (int(out), int(err), int(data))
        if min(sizes) < 0 or sum(sizes) != len(payload):
            return None
        first, second = sizes[0], sizes[0] + sizes[1]
        return Entry(int(code), payload[:first], payload[first:second], payload[second:], imports)
    except (ValueError, IndexError):
        return None


def load(slot: str, key: str) -> Entry | None:
    """The run stored in `slot` for `key`, verified, or None."""
    try:
        with open(entry_path(slot), "rb") as stream:
            blob = stream.read()
    except OSError:
        return None
    return decode(key, blob)


def record(
    command: str,
    source: str,
    text: str,
    code: int,
    *,
    stdout: str = "",
    stderr: str = "",
    data: bytes = b"",
    imports: Callable[[], list[str]] | None = None,
) -> None:
    """Store a run of the pending request (if `command` ran for it) for the fast path to serve.

    `text` is the map text the command read: a map saved again since the fast path read it is
    not stored. `imports` names the files the map imports; each is stored with its digest
    (and one changed in the last seconds, maybe during the run, stops the store). A cache that
    cannot be written is skipped silently.
    """
    if not PENDING:
        return
    request = PENDING.pop()
    if request.command != command or request.source != source:
        return
    # Imported when storing: the command that runs has loaded them already.
    import tempfile

    from argmap.errors import ArgmapError
    from argmap.files import decode_source

    try:
        if decode_source(request.data, source) != text:
            return
        # The text as read (a UTF-16 map's imports are not visible in its bytes).
        has_imports = imports_maps(text.encode("utf-8", "surrogatepass"))
        if has_imports and imports is None:
            return  # a check of a map with imports is not stored (as in the results cache)
        manifest = []
        names = imports() if imports is not None and has_imports else []
        for name in names:
            if "\n" in name or not os.path.isfile(name):
                return
            if os.stat(name).st_mtime_ns >= request.started - RACY_NS:
                return
            with open(name, "rb") as stream:
                manifest.append((sha256(stream.read()).hexdigest(), name))
        entry = Entry(code, stdout.encode(), stderr.encode(), data, manifest)
        blob = encode(request.key, entry)
        folder = cache_dir()
        os.makedirs(folder, exist_ok=True)
        tag = os.path.join(folder, "CACHEDIR.TAG")
        if not os.path.exists(tag):
            with open(tag, "w", encoding="utf-8") as out:
                out.write("Signature: 8a477f597d28d172789f06886806bc55\n# argmap's cache\n")
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(blob)
            os.replace(temporary, entry_path(request.slot))
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, ArgmapError, UnicodeError):
        return


def _same_imports(imports: list[tuple[str, str]]) -> bool:
    """Whether every imported file still holds what it held when the entry was stored."""
    for digest, name in imports:
        try:
            with open(name, "rb") as stream:
                if sha256(stream.read()).hexdigest() != digest:
                    return False
        except OSError:
            return False
    return True


def _replay(code: int, stdout: bytes, stderr: bytes) -> int:
    """Print a stored run's output; its exit code (or the pipe's, when the reader left)."""
    if stderr:
        done = _write(stderr, sys.stderr)
        if done:
            return done
    if stdout:
        done = _write(stdout, sys.stdout)
        if done:
            return done
    return code


def _replay_render(request: Request, entry: Entry) -> int | None:
    """Write a stored render where the command would have, or None when it cannot be done
    plainly (then the command runs and reports whatever stood in the way)."""
    if request.output == "-":
        return _replay(entry.code, entry.data, entry.stderr)
    # Imported on a hit: a render that writes a file goes through the one guard every
    # command writes through (missing folders, directories, links, the input itself).
    from argmap.errors import ArgmapError
    from argmap.files import write_atomic

    assert request.output is not None
    try:
        write_atomic(request.output, entry.data, inputs=[request.source], parents=request.parents)
    except ArgmapError:
        return None
    return _replay(entry.code, b"", entry.stderr)


def _write(data: bytes, stream: Any) -> int:
    """Write bytes through a text stream's buffer: 0, or the exit code of a failed write."""
    try:
        stream.flush()
        stream.buffer.write(data)
        stream.buffer.flush()
    except BrokenPipeError:
        _quiet(stream)
        return EXIT_CLOSED_PIPE
    except OSError as problem:
        from argmap.files import os_problem  # only a failed write needs the message

        name = "standard output" if stream is sys.stdout else "standard error"
        try:
            sys.stderr.write(f"argmap: error: {os_problem(name, problem)}\n")
        except OSError:
            return 2  # standard error is gone too: the exit code says it
        return 2
    return 0


def _quiet(stream: Any) -> None:
    """Point the stream at /dev/null, so the final flush at exit cannot fail again."""
    try:
        descriptor = os.open(os.devnull, os.O_WRONLY)
        os.dup2(descriptor, stream.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class Main:
    """The `argmap` command: `main()` tries the fast path, then runs the click group.

    Called with arguments (as tests do), or used as a click command (`CliRunner.invoke`,
    `main.commands`), it is the click group `argmap.cli.group.main`, loaded when first needed.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not args and not kwargs:
            code = attempt(sys.argv[1:])
            if code is not None:
                sys.exit(code)
        return _group()(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(_group(), name)


def _group() -> click.Group:
    from argmap.cli.group import (
        main,
    )  # the click group: loaded only when the fast path cannot serve

    return main
