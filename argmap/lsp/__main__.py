"""`python -m argmap.lsp` starts the language server, as `argmap lsp` does."""

from argmap.lsp.server import main

main()
