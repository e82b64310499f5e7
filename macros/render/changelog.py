"""What's new: the changelog from `data/changelog.yaml`, filterable by role."""

from __future__ import annotations

from typing import Any

from macros.model import data as m
from macros.model import urls
from macros.model.playbook import Playbook
from macros.render.environment import render


def changelog_list(pb: Playbook, root: str) -> str:
    """HTML list of changes, newest first, each naming the roles it affects."""
    names = {role.id: role.name for role in pb.roles}
    roles = [{"id": role.id, "name": role.name} for role in pb.roles]
    entries = [_entry(change, names, root)
               for change in sorted(pb.changes, key=lambda c: c.date, reverse=True)]
    return render("changelog-list.html", roles=roles, entries=entries)


def _entry(change: m.Change, names: dict[str, str], root: str) -> dict[str, Any]:
    return {
        "date": change.date.isoformat(),
        "date_label": date_label(change),
        "summary": change.summary,
        "role_ids": " ".join(change.roles),
        "roles": [{"name": names.get(r, r), "href": root + urls.role(r)}
                  for r in change.roles],
        "pages": [{"label": page, "href": root + urls.named_page(page)} for page in change.pages],
    }


def date_label(change: m.Change) -> str:
    """The change's date for readers, e.g. '1 May 2025'."""
    return f"{change.date.day} {change.date:%B %Y}"
