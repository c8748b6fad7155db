"""argmap: check, evaluate and render argument maps written in the .arg language."""

from __future__ import annotations

__version__ = "0.1.0"
