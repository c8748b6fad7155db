"""Interchange: reading and writing the field's formats (AIF, Argdown, microtext, JSON model)."""
