"""What's new as an Atom feed (RFC 4287), built from `data/changelog.yaml`."""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass

from macros.model import data as m
from macros.model.playbook import Playbook
from macros.render.environment import render

FEED = "feed.xml"  # from the site root
PAGE = "whats-new/"
AUTHOR = "AI Center of Excellence"
TITLE_WIDTH = 90


@dataclass(frozen=True)
class FeedEntry:
    """One change as a feed entry."""

    id: str
    title: str
    updated: str
    link: str
    summary: str


def _time(day: dt.date) -> str:
    """Midnight UTC of `day` in RFC 3339, as Atom wants it."""
    return f"{day.isoformat()}T00:00:00Z"


def _title(change: m.Change) -> str:
    """The change's first sentence, shortened at a word to fit a feed reader's list."""
    first = " ".join(change.summary.split()).split(". ")[0].rstrip(".")
    return textwrap.shorten(first, TITLE_WIDTH, placeholder=" …")


def feed_entries(pb: Playbook, site_url: str) -> list[FeedEntry]:
    """Every change, newest first; ids stay the same from build to build."""
    page = site_url + PAGE
    entries: list[FeedEntry] = []
    seen: dict[str, int] = {}  # date → changes so far on that date
    for change in sorted(pb.changes, key=lambda c: c.date, reverse=True):
        day = change.date.isoformat()
        seen[day] = seen.get(day, 0) + 1
        entries.append(FeedEntry(f"{page}#{day}-{seen[day]}", _title(change), _time(change.date),
                                 page, " ".join(change.summary.split())))
    return entries


def changelog_feed(pb: Playbook, site_url: str, site_name: str, today: dt.date) -> bytes:
    """The Atom document; `site_url` is the site's absolute address ending in '/'."""
    entries = feed_entries(pb, site_url)
    updated = entries[0].updated if entries else _time(today)
    return render("feed-atom.xml", feed_id=site_url + FEED, page=site_url + PAGE,
                  title=f"{site_name}: what's new", updated=updated, author=AUTHOR,
                  entries=entries).encode("utf-8")
