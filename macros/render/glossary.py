"""The glossary page and the site-wide abbreviation tooltips, from `data/glossary.yaml`."""

from __future__ import annotations

import html
import re

from macros.model.data import Term
from macros.model.playbook import Playbook
from macros.render.environment import render


def term_slug(term: str) -> str:
    """Anchor slug of a term: 'P&L' → 'p-l', 'ghost pod' → 'ghost-pod'."""
    return re.sub(r"[^a-z0-9]+", "-", term.casefold()).strip("-") or "term"


def _tooltip(term: Term) -> str:
    text = " ".join(term.definition.split())
    if term.expansion:
        text = f"{' '.join(term.expansion.split())} — {text}"
    # Markdown keeps entities in the title as they are; braces become entities so a page that
    # is later rendered as a Jinja template cannot evaluate glossary text.
    return html.escape(text).replace("{", "&#123;").replace("}", "&#125;")


def abbreviations(pb: Playbook) -> str:
    """Markdown abbreviation definitions (`*[CoE]: …`) for every term, to append to pages."""
    lines = [f"*[{t.term}]: {_tooltip(t)}" for t in pb.glossary if "]" not in t.term]
    # One block per definition: Python-Markdown takes one definition off a block at a time and
    # re-tests the rest, so a single block of many definitions costs quadratic time on every page.
    return "\n" + "\n\n".join(lines) + "\n" if lines else ""


def glossary_list(pb: Playbook, root: str) -> str:
    """Alphabetical definition list of every term, each with an anchor `term-<slug>`."""
    terms = sorted(pb.glossary, key=lambda t: t.term.casefold())
    entries = [(t, f"term-{term_slug(t.term)}") for t in terms]
    return render("glossary-list.html", root=root, entries=entries)
