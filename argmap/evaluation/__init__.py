"""Evaluation: abstract frameworks, Dung semantics, and labels for a map, explained."""
