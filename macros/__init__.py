"""AI Delivery Pod Playbook: data models, loader and renderers; `define_env` is the MkDocs glue."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs_macros.plugin import MacrosPlugin

_PACKAGE = Path(__file__).resolve().parent
_seen_mtimes: dict[str, float] = {}


def define_env(env: MacrosPlugin) -> None:
    """mkdocs-macros entry point: load the playbook once and register the page macros."""
    _forget_changed_modules()
    from macros.mkdocs_adapter.page_macros import register

    register(env)


def _forget_changed_modules() -> None:
    """Drop our modules from the import cache when a file changed, so `make serve` picks it up.

    mkdocs-macros imports this package once per process; without this, an edit to a renderer
    would need a restart of `mkdocs serve`.
    """
    mtimes = {str(p): p.stat().st_mtime for p in _PACKAGE.rglob("*.py")}
    if _seen_mtimes and mtimes != _seen_mtimes:
        for name in [n for n in sys.modules if n.startswith("macros.")]:
            del sys.modules[name]
    _seen_mtimes.clear()
    _seen_mtimes.update(mtimes)
