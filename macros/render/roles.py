"""Role renderers: the RACI matrix, role cards and links, and the generated role pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from macros.compute.figures import percent_range
from macros.model import urls
from macros.model.data import Activity, Role, Template, Week
from macros.model.playbook import Playbook
from macros.render.csv_text import csv_bytes
from macros.render.environment import render
from macros.render.front_matter import brace_safe, front_matter
from macros.render.sources import CitedText, cite_refs, cited_facts

RACI = {"R": "Responsible", "A": "Accountable", "C": "Consulted", "I": "Informed"}
RACI_MEANING = {
    "R": "does the work",
    "A": "owns the outcome and signs it off (one role per activity)",
    "C": "is asked before the work is done",
    "I": "is told once it is done",
}
OWNER = "AI Center of Excellence"
REVIEW_EVERY = "6 months"


def letter_of(activity: Activity, role_id: str) -> str | None:
    """The RACI letter a role has in an activity, or None."""
    return next((r.letter for r in activity.raci if r.role == role_id), None)


def staffing(role: Role) -> str:
    """Full-time or part-time, and how many pods one person may serve."""
    kind = role.time.kind.capitalize()
    shared = role.time.shareable_across
    return kind if shared == 1 else f"{kind}, or shared across up to {shared} pods"


@dataclass(frozen=True)
class MatrixRow:
    """One cycle activity: each role's RACI letter in it, in role order."""

    activity: Activity
    cells: list[str | None]


@dataclass(frozen=True)
class MatrixWeek:
    """A week of the cycle and the matrix rows of its activities."""

    week: Week
    rows: list[MatrixRow]


@dataclass(frozen=True)
class TimeText:
    """A role's share of working time, as the time table shows it."""

    first: str
    steady: str
    minimum: str


def role_matrix(pb: Playbook, root: str) -> str:
    """HTML RACI table: a column per role, a row per cycle activity grouped by week.

    Activities run down the page so the table fits a laptop's content column: five role
    columns instead of one column per activity.
    """
    weeks = [MatrixWeek(week, [MatrixRow(act, [letter_of(act, role.id) for role in pb.roles])
                               for act in week.activities])
             for week in pb.cycle.weeks]
    return render("roles-matrix.html", root=root, roles=pb.roles, weeks=weeks,
                  names=RACI, meanings=RACI_MEANING)


def role_matrix_csv(pb: Playbook) -> bytes:
    """The RACI matrix as CSV: a header of 'Week N: activity' columns, a row per role."""
    header = ["Role", *(f"Week {w.number}: {a.title}" for w, a in pb.activities())]
    rows = [[role.name, *(letter_of(a, role.id) or "" for _, a in pb.activities())]
            for role in pb.roles]
    return csv_bytes([header, *rows])


def _citations(pb: Playbook, role: Role, root: str) -> list[Markup]:
    return cite_refs(pb, role.time.cited, root)


def _facts(pb: Playbook, role: Role, root: str) -> list[CitedText]:
    return cited_facts(pb, role.facts, root)


def _role(pb: Playbook, role_id: str) -> Role:
    try:
        return pb.role(role_id)
    except KeyError:
        known = ", ".join(r.id for r in pb.roles)
        raise ValueError(f"there is no role with id '{role_id}' (known: {known})") from None


def _time(role: Role) -> TimeText:
    return TimeText(percent_range(role.time.first_quarter), percent_range(role.time.steady_state),
                    f"{role.time.minimum}%")


def role_card(pb: Playbook, role_id: str, root: str) -> str:
    """A role's card: purpose, staffing, time per phase, minimum, and the sources behind them."""
    role = _role(pb, role_id)
    return render("roles-card.html", root=root, role=role, staffing=staffing(role),
                  time=_time(role), cites=_citations(pb, role, root), facts=_facts(pb, role, root))


def role_links(pb: Playbook, root: str) -> str:
    """A list linking every role page, with each role's purpose."""
    return render("roles-links.html", root=root, roles=pb.roles)


def _duties(pb: Playbook, role: Role) -> list[tuple[Week, Activity, str]]:
    return [(week, act, RACI[letter]) for week, act in pb.activities()
            if (letter := letter_of(act, role.id)) is not None]


def _owned(pb: Playbook, role: Role) -> list[Template]:
    return [t for t in pb.templates if t.owner == role.id]


def _page_label(pb: Playbook, url: str) -> str:
    titles = {page: title for title, page, _ in urls.data_pages(pb)}
    if url in titles:
        return titles[url]
    last = url.rstrip("/").rsplit("/", 1)[-1]
    return last.replace("-", " ").capitalize() if last else "Home"


def role_page(pb: Playbook, role: Role, root: str, last_reviewed: dt.date) -> str:
    """The whole Markdown page of one role, front matter included."""
    meta = {"title": role.name, "description": role.purpose, "owner": OWNER,
            "last_reviewed": last_reviewed, "review_every": REVIEW_EVERY,
            "audience": [role.id], "tags": ["roles", role.id], "search": {"boost": 2},
            "keywords": list(role.keywords)}
    onboarding = [(_page_label(pb, url), url) for url in map(urls.named_page, role.onboarding)]
    body = render("roles-page.html", root=root, role=role, staffing=staffing(role),
                  time=_time(role), cites=_citations(pb, role, root), facts=_facts(pb, role, root),
                  duties=_duties(pb, role), templates=_owned(pb, role), onboarding=onboarding)
    return front_matter(meta) + "\n" + brace_safe(body)
