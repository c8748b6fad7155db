"""The language server: `argmap lsp` speaks LSP over standard input and output."""
