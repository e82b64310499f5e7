"""The one autoescaping Jinja environment that turns fragments into HTML."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from macros.model import urls

FRAGMENTS = Path(__file__).resolve().parents[2] / "overrides" / "fragments"


@cache
def environment() -> Environment:
    """Autoescaping, strict environment over `overrides/fragments/` (built once).

    Fragments link through the `url` global (`{{ root }}{{ url.role(role.id) }}`), never by
    spelling a path.
    """
    env = Environment(
        loader=FileSystemLoader(FRAGMENTS),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals["url"] = urls
    return env


def render(fragment: str, **context: Any) -> str:
    """Render one fragment with `context`; data in it is escaped, never evaluated."""
    return environment().get_template(fragment).render(**context).strip() + "\n"
