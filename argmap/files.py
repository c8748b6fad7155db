"""Reading map sources safely and writing outputs atomically, so nothing on disk is lost."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from argmap.errors import InputError

# A map of 100,000 statements is about 10 MB; anything far beyond is a mistake, not a map.
MAX_SOURCE_BYTES = 64 * 1024 * 1024


def decode_source(data: bytes, name: str) -> str:
    """Turn a file's bytes into map text, or raise InputError saying what is wrong with it."""
    if b"\x00" in data[:8192]:
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
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source(path: str | os.PathLike[str]) -> str:
    """Read a .arg file as text, or raise InputError with a message a person can act on."""
    name = os.fspath(path)
    file = Path(name)
    try:
        if file.is_dir():
            raise InputError(f"{name}: is a directory, not a map file")
        size = file.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise InputError(
                f"{name}: the file is {size / 1024 / 1024:.0f} MiB; maps larger than "
                f"{MAX_SOURCE_BYTES // 1024 // 1024} MiB are refused"
            )
        data = file.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as error:
        raise InputError(f"{name}: cannot be read ({error.strerror})") from None
    return decode_source(data, name)


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
    its own input."""
    try:
        return Path(first).resolve() == Path(second).resolve() or (
            Path(second).exists() and os.path.samefile(first, second)
        )
    except OSError:
        return False


def refuse_overwriting_input(
    source: str | os.PathLike[str], target: str | os.PathLike[str]
) -> None:
    """Raise InputError when writing `target` would replace the input `source`."""
    if same_file(source, target):
        raise InputError(f"{os.fspath(target)}: refusing to overwrite the input file")


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Write data to a temporary file beside `path`, then rename it into place.

    A failure at any point leaves whatever was at `path` untouched. A link is written
    through (its target is replaced, the link stays); a missing folder is created; a
    directory, or a device or pipe other than standard output, is refused.
    """
    import tempfile  # only commands that write pay for it (`argmap check` never loads it)

    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = Path(os.path.realpath(path))
    try:
        status = target.stat()
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise InputError(f"{os.fspath(path)}: cannot write here ({error.strerror})") from None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise InputError(f"{os.fspath(path)}: is a directory; name a file to write")
    if status is not None and not stat.S_ISREG(status.st_mode):
        # A terminal, a pipe or /dev/stdout cannot be replaced by a rename: write straight.
        try:
            with open(target, "wb") as stream:
                stream.write(payload)
        except OSError as error:
            raise InputError(f"{os.fspath(path)}: cannot write ({error.strerror})") from None
        return
    try:
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
        raise InputError(f"{os.fspath(path)}: cannot write ({error.strerror})") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
