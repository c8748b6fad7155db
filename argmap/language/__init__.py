"""The language: the grammar, the parser, the printer and formatter, and the vocabulary."""
