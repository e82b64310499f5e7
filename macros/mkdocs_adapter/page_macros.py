"""Register the page macros of `macros/render/registry.py` on mkdocs-macros, each bound to the page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from macros.mkdocs_adapter.playbook_cache import build_date, playbook_for
from macros.model.urls import root_for
from macros.render.docs_index import DocsIndex
from macros.render.registry import MACROS, MacroSpec, Page

if TYPE_CHECKING:
    from mkdocs_macros.plugin import MacrosPlugin


def register(env: MacrosPlugin) -> None:
    """Register every page macro on the mkdocs-macros environment."""
    pb = playbook_for(env.conf)
    today = build_date()
    grace = int(env.conf["extra"].get("review_grace_days", 30))
    docs = DocsIndex(pb, Path(env.conf["docs_dir"]), today, grace)

    def page() -> Page:  # read at call time: the page being rendered
        return Page(pb, root_for(env.page.url), today, docs)

    for spec in MACROS:
        env.macro(_bound(spec, page), spec.name)  # type: ignore[no-untyped-call]  # untyped upstream


def _bound(spec: MacroSpec, page: Callable[[], Page]) -> Callable[..., str]:
    """The macro as pages call it: the spec's renderer with the calling page filled in."""

    def macro(*args: Any, **kwargs: Any) -> str:
        return spec.render(page(), *args, **kwargs)

    macro.__name__, macro.__doc__ = spec.name, spec.doc
    return macro
