"""`extensions = ["argmap.sphinx"]`: the public name of the Sphinx extension in argmap.embed."""

from argmap.embed.sphinx import ArgmapDirective, setup

__all__ = ["ArgmapDirective", "setup"]
