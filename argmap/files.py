"""Reading map sources safely and writing outputs atomically, so nothing on disk is lost."""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from argmap.errors import InputError

# A map of 100,000 statements is about 10 MB; anything far beyond is a mistake, not a map.
MAX_SOURCE_BYTES = 64 * 1024 * 1024


_UTF16_32_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode_source(data: bytes, name: str) -> str:
    """Turn a file's bytes into map text, or raise InputError saying what is wrong with it.

    UTF-8 (with or without a byte-order mark) is read; so are UTF-16 and UTF-32 files that
    start with their byte-order mark. Other files holding NUL bytes are refused, with a hint
    to save them as UTF-8 when they look like UTF-16 without a mark.
    """
    for mark, encoding in _UTF16_32_BOMS:
        if data.startswith(mark):
            try:
                text = data[len(mark) :].decode(encoding)
            except UnicodeDecodeError:
                raise InputError(
                    f"{name}: the file starts with a {encoding.upper()} byte-order mark but is "
                    "not valid in that encoding; save it as UTF-8"
                ) from None
            return _normalise_text(text, name)
    head = data[:8192]
    if b"\x00" in head:
        odd, even = head[1::2], head[0::2]
        if len(head) >= 2 and (odd.count(0) > len(odd) // 2 or even.count(0) > len(even) // 2):
            raise InputError(
                f"{name}: this looks like UTF-16 text without a byte-order mark; save it as UTF-8"
            )
        raise InputError(f"{name}: this is a binary file, not an argument map (.arg text)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            f"{name}:{line}: the file is not valid UTF-8 (byte 0x{data[error.start]:02x} "
            f"at offset {error.start}); save it as UTF-8"
        ) from None
    return _normalise_text(text, name)


def _normalise_text(text: str, name: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _too_large(name: str, limit: int) -> InputError:
    size = f"{limit // 1024 // 1024} MiB" if limit >= 1 << 20 else f"{limit} bytes"
    return InputError(
        f"{name}: the input is larger than {size}; maps larger than {size} are refused"
    )


def os_problem(name: str, error: OSError) -> InputError:
    """An OSError met while reading or writing `name`, as a message a person can act on."""
    if error.errno == errno.ELOOP:
        return InputError(f"{name}: a loop of symbolic links; point the link at a real file")
    if error.errno == errno.ENOSPC:
        return InputError(f"{name}: the device is full; the output is incomplete")
    return InputError(f"{name}: cannot be read ({error.strerror or error})")


def read_limited(stream: BinaryIO, name: str, limit: int | None = None) -> bytes:
    """At most `limit` bytes of `stream`, read in pieces; InputError as soon as it holds more.

    The size is counted while reading, never taken from `stat`: devices such as /dev/zero
    and /dev/urandom, pipes and growing files report a size that means nothing.
    """
    limit = MAX_SOURCE_BYTES if limit is None else limit
    pieces: list[bytes] = []
    total = 0
    while True:
        piece = stream.read(min(1 << 20, limit + 1 - total))
        if not piece:
            return b"".join(pieces)
        pieces.append(piece)
        total += len(piece)
        if total > limit:
            raise _too_large(name, limit)


def read_bytes(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """The bytes of a file (`-` is standard input), at most `limit` of them, or InputError."""
    name = os.fspath(path)
    if name == "-":
        return read_limited(sys.stdin.buffer, "<stdin>", limit)
    try:
        if Path(name).is_dir():
            raise InputError(f"{name}: is a directory, not a map file")
        with open(name, "rb") as stream:
            return read_limited(stream, name, limit)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a map file") from None
    except OSError as error:
        raise os_problem(name, error) from None


def read_source(path: str | os.PathLike[str]) -> str:
    """Read a .arg file (`-` is standard input) as text, or raise InputError with a message a
    person can act on."""
    name = os.fspath(path)
    return decode_source(read_bytes(name), "<stdin>" if name == "-" else name)


def load_json(text: str, path: str) -> object:
    """Parse JSON input, or raise InputError with the place of the problem."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path}:{error.lineno}:{error.colno}: not valid JSON ({error.msg})"
        ) from None
    except RecursionError:
        raise InputError(f"{path}: the JSON is nested too deeply to be a map") from None


def same_file(first: str | os.PathLike[str], second: str | os.PathLike[str]) -> bool:
    """Whether two paths name one file (through links too), so an output never replaces
    its own input. Standard input (`-`) and paths that cannot be resolved name no file."""
    if os.fspath(first) == "-" or os.fspath(second) == "-":
        return False
    if os.path.realpath(first) == os.path.realpath(second):
        return True
    try:
        return os.path.samefile(first, second)
    except (OSError, ValueError):
        return False


def inside(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> bool:
    """Whether `path`, with every link resolved, lies in the folder `root` (links resolved)."""
    real, base = os.path.realpath(path), os.path.realpath(root)
    try:
        return os.path.commonpath([real, base]) == base
    except ValueError:  # different drives
        return False


def refuse_overwriting_input(
    source: str | os.PathLike[str], target: str | os.PathLike[str]
) -> None:
    """Raise InputError when writing `target` would replace the input `source`."""
    if same_file(source, target):
        raise InputError(f"{os.fspath(target)}: refusing to overwrite the input file")


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes | str,
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
    parents: bool = False,
) -> None:
    """The one way argmap writes a file: data goes to a temporary file beside `path`, which is
    then renamed into place.

    Writing over any of `inputs` (through links too) is refused first, so no command can
    replace what it reads. A failure at any point leaves whatever was at `path` untouched. A
    link is written through (its target is replaced, the link stays); a missing folder is an
    error naming it (as Graphviz and compilers do: a typo in a path must not scatter files),
    unless `parents` asks for it to be created (the commands' `--parents`); a directory is
    refused; a device or pipe is written straight (a full device is a message, not a
    traceback). `-` is standard output.
    """
    import tempfile  # only commands that write pay for it (`argmap check` never loads it)

    for source in inputs:
        refuse_overwriting_input(source, path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if os.fspath(path) == "-":
        write_stdout(payload)
        return
    target = Path(os.path.realpath(path))
    try:
        status = target.stat()
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise _write_problem(path, error) from None
    if status is None and not parents:
        require_folder(path)
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise InputError(f"{os.fspath(path)}: is a directory; name a file to write")
    if status is not None and not stat.S_ISREG(status.st_mode):
        # A terminal, a pipe or /dev/stdout cannot be replaced by a rename: write straight.
        try:
            with open(target, "wb") as stream:
                stream.write(payload)
        except OSError as error:
            raise _write_problem(path, error) from None
        return
    try:
        if parents:
            target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as error:
        raise InputError(f"{os.fspath(path)}: cannot write here ({error.strerror})") from None
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(status.st_mode) if status is not None else 0o644)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _write_problem(path, error) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def require_folder(path: str | os.PathLike[str]) -> None:
    """Raise InputError naming the missing folder when the file `path` could not be written
    for want of one, with the two ways to fix it."""
    missing = missing_folder(path)
    if missing is not None:
        parent = Path(os.fspath(path)).parent
        raise InputError(
            f"{os.fspath(path)}: cannot write: the folder {os.fspath(missing)!r} does not "
            f"exist; create it first (mkdir -p {shlex_quote(os.fspath(parent))}) or pass "
            "--parents to have it created"
        )


def missing_folder(path: str | os.PathLike[str]) -> Path | None:
    """The outermost folder on the way to the file `path` that does not exist, as written in
    `path` (None when its folder exists)."""
    missing = None
    folder = Path(os.fspath(path)).parent
    while not folder.exists():
        missing = folder
        if folder.parent == folder:
            break
        folder = folder.parent
    return missing


def shlex_quote(text: str) -> str:
    """`text` as one shell word (as shlex.quote), for commands quoted in messages."""
    if text and all(char.isalnum() or char in "@%+=:,./-_" for char in text):
        return text
    return "'" + text.replace("'", "'\"'\"'") + "'"


def _write_problem(path: str | os.PathLike[str], error: OSError) -> InputError:
    if error.errno in (errno.ENOSPC, errno.ELOOP):
        return os_problem(os.fspath(path), error)
    return InputError(f"{os.fspath(path)}: cannot write ({error.strerror or error})")


def write_stdout(data: bytes) -> None:
    """Write all of `data` to standard output; a full device is InputError (a closed pipe,
    BrokenPipeError, is left to the command line, which exits quietly as Unix tools do).

    A pipe may take only part of a large write (BufferedWriter returns the count): the rest
    is written until nothing is left, so output is never cut short without an error.
    """
    try:
        sys.stdout.flush()
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:  # a test runner's text stream
            sys.stdout.write(data.decode("utf-8"))
            return
        view = memoryview(data)
        while view:
            written = stream.write(view)
            view = view[written if written is not None else 0 :]
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise _write_problem("standard output", error) from None
