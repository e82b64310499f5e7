"""Everything the build generates from data: pages, downloads and nav entries (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial

from macros.model import data as m
from macros.model import urls
from macros.model.data import DOMAIN_OWNER
from macros.model.playbook import Playbook
from macros.render import cycles, pods, quarter, roles
from macros.render import templates as templates_render
from macros.render.finished import FinishedPage


@dataclass(frozen=True)
class Generated:
    """Pages (src path → Markdown), finished pages, downloads (path → bytes), nav by section."""

    pages: dict[str, str] = field(default_factory=dict)
    # Pages whose body is finished HTML in sections, rendered when asked for (the pod pages).
    finished: dict[str, FinishedPage] = field(default_factory=dict)
    downloads: dict[str, bytes] = field(default_factory=dict)
    nav: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # The data file (path from the repository root) each page is built from, for "edit this page";
    # a page built from many files (an index, a listing) has none.
    edit_paths: dict[str, str] = field(default_factory=dict)
    # Every data file and folder a page is built from, where that is more than its edit path (a
    # pod's page and briefing also show its cycle records); the sitemap dates a page by the latest.
    sources: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The latest date recorded in those extra files (a cycle review), for builds without history.
    recorded: dict[str, dt.date] = field(default_factory=dict)

    def page_srcs(self) -> list[str]:
        """The source path of every generated page, finished or not."""
        return [*self.pages, *self.finished]

    def last_change(self, src: str, changes: Mapping[str, dt.datetime]) -> dt.datetime | None:
        """When the data a generated page is built from last changed, from `changes` (data
        file → its last commit); None for a page built from many files or without history."""
        paths = self.sources.get(src) or tuple(p for p in [self.edit_paths.get(src)] if p)
        return _latest(changes, list(paths)) if paths else None

    def all_pages(self) -> dict[str, str]:
        """Every generated page as Markdown (renders every finished body now: for inspection)."""
        return {**self.pages, **{src: page.markdown() for src, page in self.finished.items()}}


def generate(pb: Playbook, today: dt.date) -> Generated:
    """Generate every page and download that comes from data alone."""
    out = Generated()
    reviewed = pb.changes[0].date if pb.changes else today
    _role_pages(pb, reviewed, out)
    _template_pages(pb, reviewed, out)
    _pod_pages(pb, today, out)
    _briefing_pages(pb, today, out)
    out.downloads[urls.ROLE_MATRIX_CSV] = roles.role_matrix_csv(pb)
    return out


def _role_pages(pb: Playbook, reviewed: dt.date, out: Generated) -> None:
    entries = out.nav.setdefault("Pod design", [])
    for role in pb.roles:
        src = urls.role_src(role.id)
        out.pages[src] = roles.role_page(pb, role, urls.page_root(src), reviewed)
        out.edit_paths[src] = urls.role_data(role.id)
        entries.append((role.name, src))


def _template_pages(pb: Playbook, reviewed: dt.date, out: Generated) -> None:
    entries = out.nav.setdefault("Templates", [])
    for template in pb.templates:
        src = urls.template_src(template.id)
        out.pages[src] = templates_render.template_page(pb, template, urls.page_root(src), reviewed)
        out.edit_paths[src] = urls.template_data(template.id)
        out.downloads[urls.template_markdown(template.id)] = (
            templates_render.template_markdown(
                template, owner_name=pb.role(template.owner).name).encode())
        table = templates_render.template_csv(template)
        if table is not None:
            out.downloads[urls.template_csv(template.id)] = table
        entries.append((template.title, src))


def pod_calendars(pb: Playbook, changes: Mapping[str, dt.datetime] | None = None,
                  first: int = 0, last: int | None = None) -> dict[str, bytes]:
    """The `.ics` download of each pod (from `first` to `last` in data order) with a launch date.

    `changes` maps data files to their last commit (`macros.load.history`); a calendar's version
    is the latest change among the files it is built from.
    """
    shared = [*CALENDAR_INPUTS, urls.role_data(DOMAIN_OWNER)]
    return {urls.pod_calendar(pod.id): quarter.pod_ics(
                pb, pod, _latest(changes or {}, [urls.pod_data(pod.id), *shared]))
            for pod in pb.pods[first:last] if pod.launch_date is not None}


# Besides the pod's own file and the domain owner's role, a calendar is built from these: the
# data, and the code that places and writes its events (a change there can move a date too).
CALENDAR_CODE = ("macros/model/calendar.py", "macros/compute/quarter.py", "macros/render/quarter.py")
CALENDAR_INPUTS = ("data/cycle.yaml", "data/diagnostics", *CALENDAR_CODE)


def _latest(changes: Mapping[str, dt.datetime], inputs: list[str]) -> dt.datetime | None:
    found = [when for path, when in changes.items()
             if any(path == i or path.startswith(i + "/") for i in inputs)]
    return max(found, default=None)


def _pod_pages(pb: Playbook, today: dt.date, out: Generated) -> None:
    for pod in pb.pods:
        src = urls.pod_src(pod.id)
        body = partial(pods.pod_body, pb, pod, urls.page_root(src), today)
        out.finished[src] = FinishedPage(pods.pod_front_matter(pod, today), body)
        out.edit_paths[src] = urls.pod_data(pod.id)
        _with_cycle_records(pb, pod, src, today, out)
    listings = pods.pod_index_pages(pb, today)
    out.finished.update(listings)
    for src in listings:  # every pod's file and records, and the rules behind the verdicts
        out.sources[src] = REGISTRY_INPUTS


# What the pages listing pods (browse, by stage, by sector) are built from.
REGISTRY_INPUTS = ("data/pods", "data/diagnostics", "data/cycle.yaml")


def _with_cycle_records(pb: Playbook, pod: m.Pod, src: str, today: dt.date,
                        out: Generated) -> None:
    """Date page `src` by the pod's file and its cycle-record folder, both of which it shows."""
    out.sources[src] = (urls.pod_data(pod.id), urls.cycle_folder(pod.id))
    dates = [d for r in pb.pod_cycles(pod.id) for d in _record_dates(r) if d <= (pod.as_of or today)]
    if dates:
        out.recorded[src] = max(dates)


def _record_dates(record: m.CycleRecord) -> list[dt.date]:
    """The review, release and briefing dates a cycle record holds."""
    deploy = record.deploy.date if record.deploy else None
    briefing = record.briefing.date if record.briefing else None
    return [d for d in (record.review.date, deploy, briefing) if d is not None]


def _briefing_pages(pb: Playbook, today: dt.date, out: Generated) -> None:
    """The briefing page and decision-log CSV of every pod with cycle records."""
    for pod in pb.pods:
        records = pb.pod_cycles(pod.id)
        if not records:
            continue
        src = urls.briefing_src(pod.id)
        body = partial(cycles.briefing_body, pb, pod, urls.page_root(src), today)
        out.finished[src] = FinishedPage(cycles.briefing_front_matter(pb, pod, today), body)
        out.edit_paths[src] = urls.cycle_data(pod.id, records[-1].number)
        _with_cycle_records(pb, pod, src, today, out)
        out.downloads[urls.decision_log_csv(pod.id)] = cycles.decision_log_csv(pb, pod)
