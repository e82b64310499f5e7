"""What's new: the changelog from `data/changelog.yaml`, filterable by role."""

from __future__ import annotations

from dataclasses import dataclass

from macros.model import data as m
from macros.model import urls
from macros.model.playbook import Playbook
from macros.render.environment import render


@dataclass(frozen=True)
class Link:
    """A link's text and where it goes."""

    text: str
    href: str


@dataclass(frozen=True)
class Entry:
    """One change as the list shows it."""

    date: str  # ISO date
    date_label: str
    summary: str
    role_ids: str  # space-separated; empty means every role
    roles: list[Link]
    pages: list[Link]


def changelog_list(pb: Playbook, root: str) -> str:
    """HTML list of changes, newest first, each naming the roles it affects."""
    names = {role.id: role.name for role in pb.roles}
    entries = [_entry(change, names, root)
               for change in sorted(pb.changes, key=lambda c: c.date, reverse=True)]
    return render("changelog-list.html", roles=pb.roles, entries=entries)


def _entry(change: m.Change, names: dict[str, str], root: str) -> Entry:
    return Entry(
        date=change.date.isoformat(),
        date_label=date_label(change),
        summary=change.summary,
        role_ids=" ".join(change.roles),
        roles=[Link(names.get(r, r), root + urls.role(r)) for r in change.roles],
        pages=[Link(page, root + urls.named_page(page)) for page in change.pages],
    )


def date_label(change: m.Change) -> str:
    """The change's date for readers, e.g. '1 May 2025'."""
    return f"{change.date.day} {change.date:%B %Y}"
