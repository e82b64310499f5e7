"""Rendering: the autoescaping Jinja environment and one module per concern; never imports MkDocs."""
