"""Where argmap's caches live and the stamp of the code that filled them (standard library only)."""

from __future__ import annotations

import os

from argmap.version import __version__

TYPE_CHECKING = False  # typing's own flag costs its import; mypy reads any TYPE_CHECKING
if TYPE_CHECKING:
    from hashlib import sha256 as sha256
else:
    # The built-in SHA-256 (hashlib's import loads OpenSSL: ~5 ms of the fast path's start).
    try:
        from _sha256 import sha256
    except ImportError:
        try:
            from _sha2 import sha256
        except ImportError:
            from hashlib import sha256

# The folder lives outside any project (like pip's or mypy's), so a pull request cannot plant
# results that hide its map's problems; ARGMAP_CACHE_DIR moves it.
ENVIRONMENT = "ARGMAP_CACHE_DIR"

# This module is imported by the command line's fast path (argmap/cli/fast.py) before anything
# else of argmap's: it uses os.path rather than pathlib, which would cost that path its import.
_PACKAGE = os.path.dirname(os.path.abspath(__file__))
_STAMP: list[str] = []


def cache_dir() -> str:
    """Where caches are kept: $ARGMAP_CACHE_DIR, else $XDG_CACHE_HOME/argmap or ~/.cache/argmap."""
    chosen = os.environ.get(ENVIRONMENT)
    if chosen:
        return chosen
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "argmap")


def code_stamp() -> str:
    """The version and every source file's size and time: a changed argmap is a new argmap.

    A release changes the version; a checkout being worked on (an editable install) changes
    its files, and results cached by the code before the change must not be served after it.
    Listing the package's ~100 files costs about a millisecond.
    """
    if not _STAMP:
        digest = sha256(__version__.encode())
        folders = [_PACKAGE]
        while folders:
            with os.scandir(folders.pop()) as entries:
                for entry in sorted(entries, key=lambda e: e.name):
                    if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                        folders.append(entry.path)
                    elif entry.name.endswith((".py", ".lark", ".json")):
                        info = entry.stat()
                        digest.update(
                            f"{entry.path}\0{info.st_size}\0{info.st_mtime_ns}\0".encode()
                        )
        _STAMP.append(digest.hexdigest())
    return _STAMP[0]
