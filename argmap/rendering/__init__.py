"""Drawing: a map as DOT text, run through Graphviz, or as one interactive HTML page."""
