"""The domain scoping test as a fillable, printable worksheet."""

from __future__ import annotations

from macros.model.playbook import Playbook
from macros.render.environment import render

STORAGE_KEY = "pb-scoping:v1"


def known_domains(pb: Playbook) -> list[str]:
    """Domains registered pods already own, sorted, as suggestions for the domain field."""
    return sorted({pod.domain for pod in pb.pods}, key=str.casefold)


def scoping_worksheet(pb: Playbook, root: str) -> str:
    """The scoping worksheet: a form that works on paper and, with scoping.js, checks answers."""
    return render("scoping-worksheet.html", root=root, domains=known_domains(pb),
                  storage_key=STORAGE_KEY)
