"""Loading and checking: strict YAML reading, editor messages, the loader, cross-file checks, pages."""
