"""The MkDocs adapter: hooks, macro registration, generated pages, the fast path; the only MkDocs importer."""
