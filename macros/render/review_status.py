"""The review-status page: every page with its owner and next review date, overdue first."""

from __future__ import annotations

from macros.load.page_meta import PageReview
from macros.render.environment import render

_RANK: dict[str, int] = {"overdue": 0, "due": 1, "ok": 2}
_LABEL: dict[str, str] = {"overdue": "Overdue", "due": "Due", "ok": "Up to date"}


def review_status(reviews: list[PageReview], root: str) -> str:
    """HTML table of pages, owners and due dates: overdue first, then due, then by due date."""
    ordered = sorted(reviews, key=lambda r: (_RANK[r.status], r.due, r.path))
    rows = [{"href": f"{root}{r.url}", "title": r.title, "owner": r.owner,
             "last_reviewed": r.last_reviewed.isoformat(), "due": r.due.isoformat(),
             "status": r.status, "label": _LABEL[r.status]} for r in ordered]
    counts = {status: sum(r.status == status for r in reviews) for status in _LABEL}
    return render("review-status.html", rows=rows, counts=counts)
