"""AI Delivery Pod Playbook: data models, loader and renderers; `define_env` is the MkDocs glue."""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """mkdocs-macros entry point: load the playbook once and register the page macros."""
    from macros.page_macros import register

    register(env)
