"""Reading map sources safely and writing outputs atomically, so nothing on disk is lost."""

from __future__ import annotations

import os
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


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Write data to a temporary file beside `path`, then rename it into place.

    A failure at any point leaves whatever was at `path` untouched.
    """
    import tempfile  # only commands that write pay for it

    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = target.parent if str(target.parent) else Path(".")
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=directory
        )
    except OSError as error:
        raise InputError(f"{target}: cannot write here ({error.strerror})") from None
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
