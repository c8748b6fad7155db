"""Documents: argmap blocks in Markdown, MkDocs, Sphinx and Jupyter, drawn as maps."""
