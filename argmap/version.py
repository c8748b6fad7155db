"""The version of argmap, in one place (read by the build and by `argmap --version`)."""

__version__ = "0.1.0"
