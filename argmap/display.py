"""How Jupyter draws a map: the hook the package root installs, read by the model."""

from __future__ import annotations

TYPE_CHECKING = False  # typing's own flag costs its import; mypy reads any TYPE_CHECKING
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

# `argmap/__init__.py` sets it to the embedding stage's function, so that the model (the
# first stage) never imports a later one, and the root need not import the model to set it.
# It takes an argmap.model.ArgumentMap and returns Jupyter's MIME bundle.
hook: Callable[[Any], dict[str, str]] | None = None
