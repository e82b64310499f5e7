"""Front matter and body safety for pages generated from data."""

from __future__ import annotations

import html
from typing import Any

import yaml

# The theme prints these front matter values into HTML without escaping them.
_PRINTED_RAW = ("title", "description")


def front_matter(meta: dict[str, Any]) -> str:
    """A YAML front matter block serialised by PyYAML; title and description are HTML-escaped."""
    safe = {key: html.escape(value, quote=False) if key in _PRINTED_RAW and isinstance(value, str)
            else value for key, value in meta.items()}
    return "---\n" + yaml.safe_dump(safe, sort_keys=False, allow_unicode=True) + "---\n"


def brace_safe(markdown: str) -> str:
    """Braces as entities, so a generated page can never be evaluated as a Jinja template."""
    return markdown.replace("{", "&#123;").replace("}", "&#125;")
