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
    """Every change, newest first; an entry keeps its id when later changes are added.

    Changes of one date are numbered from the oldest (the lowest in the file, which lists the
    newest first), so a change added on top on the same date takes the next number and the
    ids feed readers already hold stay with their changes (RFC 4287, 4.2.6).
    """
    page = site_url + PAGE
    number: dict[int, int] = {}  # position in the file → its number among changes of its date
    seen: dict[dt.date, int] = {}
    for at in reversed(range(len(pb.changes))):
        day = pb.changes[at].date
        seen[day] = number[at] = seen.get(day, 0) + 1
    newest_first = sorted(range(len(pb.changes)), key=lambda at: pb.changes[at].date,
                          reverse=True)
    return [FeedEntry(f"{page}#{pb.changes[at].date.isoformat()}-{number[at]}",
                      _title(pb.changes[at]), _time(pb.changes[at].date), page,
                      " ".join(pb.changes[at].summary.split())) for at in newest_first]


def changelog_feed(pb: Playbook, site_url: str, site_name: str, today: dt.date) -> bytes:
    """The Atom document; `site_url` is the site's absolute address ending in '/'."""
    entries = feed_entries(pb, site_url)
    updated = entries[0].updated if entries else _time(today)
    return render("feed-atom.xml.html", feed_id=site_url + FEED, page=site_url + PAGE,
                  title=f"{site_name}: what's new", updated=updated, author=AUTHOR,
                  entries=entries).encode("utf-8")
