"""`%load_ext argmap.jupyter`: the IPython extension's public name (it lives in argmap.embed)."""

from argmap.embed.jupyter import MapView, load_ipython_extension, mimebundle

__all__ = ["MapView", "load_ipython_extension", "mimebundle"]
