"""Checks: structural rules over a parsed map, the diagnostics report, and checking many files."""
