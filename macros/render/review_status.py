"""The review-status page: every page with its owner and next review date, overdue first."""

from __future__ import annotations

from dataclasses import dataclass

from macros.load.page_meta import PageReview
from macros.render.environment import render

_RANK: dict[str, int] = {"overdue": 0, "due": 1, "ok": 2}
_LABEL: dict[str, str] = {"overdue": "Overdue", "due": "Due", "ok": "Up to date"}


@dataclass(frozen=True)
class ReviewRow:
    """One page in the review table."""

    href: str
    title: str
    owner: str
    last_reviewed: str  # ISO date
    due: str  # ISO date
    status: str  # overdue, due or ok
    label: str


def review_status(reviews: list[PageReview], root: str) -> str:
    """HTML table of pages, owners and due dates: overdue first, then due, then by due date."""
    ordered = sorted(reviews, key=lambda r: (_RANK[r.status], r.due, r.path))
    rows = [ReviewRow(root + r.url, r.title, r.owner, r.last_reviewed.isoformat(),
                      r.due.isoformat(), r.status, _LABEL[r.status]) for r in ordered]
    counts = {status: sum(r.status == status for r in reviews) for status in _LABEL}
    return render("review-status.html", rows=rows, counts=counts)
