"""The pod registry: directory, profiles, infrastructure tables and the generated pod pages."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from markupsafe import Markup

from macros.compute import diagnosis, figures
from macros.model import data as m
from macros.model import urls
from macros.model.playbook import Playbook
from macros.render import charts, cycles, diagnostics, economics, quarter
from macros.render.environment import render
from macros.render.finished import FinishedBody, FinishedPage, Section
from macros.render.front_matter import front_matter

OWNER = "AI Center of Excellence"
REVIEW_EVERY = "3 months"
STAGES: tuple[str, ...] = ("forming", "building", "production", "scaling", "closed")


# ---------------------------------------------------------------- small helpers


def domain_owner(pod: m.Pod) -> m.PodRole | None:
    """Who holds the domain-owner role in the pod, if anyone."""
    return next((r for r in pod.roles if r.role == m.DOMAIN_OWNER), None)


def days_since_launch(pod: m.Pod, today: dt.date) -> int | None:
    """Days from launch to `today` (negative before launch), or None without a launch date."""
    return None if pod.launch_date is None else ((pod.as_of or today) - pod.launch_date).days


def _days_text(days: int | None) -> str:
    if days is None:
        return "not launched"
    return f"starts in {-days}" if days < 0 else str(days)


def primary_diagnostic(pb: Playbook) -> m.Diagnostic | None:
    """The diagnostic the registry shows a verdict for: the first one in the data."""
    return pb.diagnostics[0] if pb.diagnostics else None


def _role_name(pb: Playbook, role_id: str) -> str:
    return next((r.name for r in pb.roles if r.id == role_id), role_id)


def _asset_name(pb: Playbook, asset_id: str) -> str:
    return next((a.name for a in pb.assets if a.id == asset_id), asset_id)


def _pod_name(pb: Playbook, pod_id: str) -> str:
    try:
        return pb.pod(pod_id).name  # indexed lookup: a scan per cell made the matrix quadratic
    except KeyError:
        return pod_id


# ---------------------------------------------------------------- rows the fragments show


@dataclass(frozen=True)
class DirectoryRow:
    """One pod in the registry table: what it shows and what it sorts by."""

    pod: m.Pod
    owner: str  # the domain owner's job title, or '—'
    days: int | None  # since launch; negative before it
    days_text: str
    stage_order: int
    diagnosis: diagnosis.Diagnosis | None
    trend: Markup  # the review-score sparkline, may be empty
    cycle: cycles.RegistryCells | None  # the latest cycle's KPI change, adoption, open flags


@dataclass(frozen=True)
class HeldRow:
    """One role as a pod holds it, with its money inputs and note as one line."""

    held: m.PodRole
    name: str
    notes: str


@dataclass(frozen=True)
class AssetRow:
    """One shared asset as a pod records it."""

    item: m.PodAsset
    name: str
    from_name: str | None  # the pod it was inherited from


@dataclass(frozen=True)
class TargetRow:
    """One quarter's target with the names of the assets it inherits."""

    target: m.Target
    inherits: list[str]


@dataclass(frozen=True)
class InheritanceCell:
    """What one pod did with one asset."""

    status: Literal["built", "inherited", "none"]
    from_id: str | None = None
    from_name: str | None = None
    detail: str | None = None


@dataclass(frozen=True)
class InheritanceRow:
    """One pod across the shared assets."""

    pod: m.Pod
    cells: list[InheritanceCell]


# ---------------------------------------------------------------- directory


def directory_rows(pb: Playbook, pods: Iterable[m.Pod], today: dt.date) -> list[DirectoryRow]:
    """One row per pod: the values the directory shows and sorts by."""
    check = primary_diagnostic(pb)
    rows = []
    for pod in pods:
        owner = domain_owner(pod)
        days = days_since_launch(pod, today)
        verdict = None if check is None else diagnosis.evaluate(pb, pod, check, today)
        trend = Markup(charts.spark(pod, check)) if check else Markup()  # autoescaped render
        rows.append(DirectoryRow(pod, owner.holder if owner else "—", days, _days_text(days),
                                 STAGES.index(pod.stage), verdict, trend,
                                 cycles.registry_cells(pb, pod, today)))
    return rows


def _directory(pb: Playbook, pods: Iterable[m.Pod], root: str, today: dt.date) -> str:
    return render("pods-directory.html", rows=directory_rows(pb, pods, today), root=root,
                  today=today, diagnostic=primary_diagnostic(pb))


def pod_directory(pb: Playbook, root: str, today: dt.date) -> str:
    """The portfolio chart, then a sortable table of every pod linking to each pod's page."""
    table = _directory(pb, sorted(pb.pods, key=lambda p: p.name.casefold()), root, today)
    return charts.portfolio_view(pb, today) + table


# ---------------------------------------------------------------- profile


def _held_rows(pb: Playbook, pod: m.Pod) -> list[HeldRow]:
    """The pod's roles in role order, with money inputs formatted."""
    order = {r.id: r.order for r in pb.roles}
    rows = []
    for held in sorted(pod.roles, key=lambda r: order.get(r.role, 99)):
        rows.append(HeldRow(held, _role_name(pb, held.role), _notes(held)))
    return rows


def _notes(held: m.PodRole) -> str:
    """Supplement, training investment and the pod's note on one role, as one line."""
    parts = []
    supplement = diagnosis.supplement_text(held)
    if supplement:
        parts.append(supplement[0].upper() + supplement[1:] + ".")
    if held.training_investment is not None:
        parts.append(f"Training investment {figures.dollars(held.training_investment)}.")
    if held.note:
        parts.append(held.note)
    return " ".join(parts)


def _infrastructure_rows(pb: Playbook, pod: m.Pod) -> list[AssetRow]:
    return [AssetRow(item, _asset_name(pb, item.asset),
                     None if item.from_pod is None else _pod_name(pb, item.from_pod))
            for item in pod.infrastructure]


def _target_rows(pb: Playbook, pod: m.Pod) -> list[TargetRow]:
    return [TargetRow(t, [_asset_name(pb, a) for a in t.inherits])
            for t in sorted(pod.targets, key=lambda t: t.quarter)]


def pod_profile(pb: Playbook, pod_id: str, root: str) -> str:
    """The pod at a glance: staffing, domain and scope, metric, targets, evaluation, infrastructure."""
    pod = pb.pod(pod_id)
    return render("pods-profile.html", pod=pod, roles=_held_rows(pb, pod),
                  targets=_target_rows(pb, pod), assets=_infrastructure_rows(pb, pod),
                  metrics=[figures.metric_text(e) for e in pod.evaluation_metrics], root=root)


# ---------------------------------------------------------------- infrastructure


def inheritance_cell(pb: Playbook, pod: m.Pod, asset: m.Asset) -> InheritanceCell:
    """What the pod did with one asset: built, inherited (from which pod) or nothing recorded."""
    item = next((i for i in pod.infrastructure if i.asset == asset.id), None)
    if item is None:
        return InheritanceCell("none")
    source = item.from_pod
    return InheritanceCell(item.status, source,
                           None if source is None else _pod_name(pb, source), item.detail)


def inheritance_matrix(pb: Playbook, root: str) -> str:
    """Pods × shared assets: which pod built each asset and which inherited it from whom."""
    pods = [p for p in sorted(pb.pods, key=lambda p: p.name.casefold()) if p.infrastructure]
    rows = [InheritanceRow(p, [inheritance_cell(pb, p, a) for a in pb.assets]) for p in pods]
    return render("pods-inheritance-matrix.html", assets=pb.assets, rows=rows, root=root)


def asset_table(pb: Playbook, root: str) -> str:
    """Each shared asset: what the first pod builds, what the next inherits, who governs it."""
    return render("pods-asset-table.html", assets=pb.assets, root=root)


# ---------------------------------------------------------------- generated pages


def last_reviewed(pod: m.Pod, today: dt.date) -> dt.date:
    """The pod's latest committed review, else its launch date, else `today`."""
    dates = [r.date for r in pod.reviews if r.date <= today]
    if dates:
        return max(dates)
    return pod.launch_date if pod.launch_date and pod.launch_date <= today else today


def _pod_meta(pod: m.Pod, today: dt.date) -> dict[str, Any]:
    return {"title": pod.name, "owner": OWNER,
            "description": f"{pod.organisation.name}: {pod.domain}",
            "last_reviewed": last_reviewed(pod, today), "review_every": REVIEW_EVERY,
            "audience": ["staff", m.DOMAIN_OWNER],
            "tags": ["pods", pod.stage, html.escape(pod.organisation.sector.casefold())],
            # Search gets a short summary of each pod instead (render/search_summaries.py):
            # hundreds of full pod pages would multiply the search index and the build time.
            "search": {"exclude": True}}


def pod_page(pb: Playbook, pod: m.Pod, root: str, today: dt.date) -> str:
    """The whole Markdown page of one pod, front matter included (no list of other pods)."""
    return pod_front_matter(pod, today) + "\n" + pod_body(pb, pod, root, today).markdown()


def pod_front_matter(pod: m.Pod, today: dt.date) -> str:
    """The front matter of a pod's page."""
    return front_matter(_pod_meta(pod, pod.as_of or today))


def pod_body(pb: Playbook, pod: m.Pod, root: str, today: dt.date) -> FinishedBody:
    """A pod's page below its front matter: a heading line, then sections of finished HTML."""
    today = pod.as_of or today
    sections = [
        Section("Profile", pod_profile(pb, pod.id, root)),
        Section("Cycles", cycles.pod_cycles(pb, pod.id, root, today)),
        Section("Decision log", cycles.pod_decision_log(pb, pod.id, root)),
        Section("Automatic diagnosis", diagnostics.pod_diagnosis(pb, pod.id, root, today)),
        Section("Composition check", diagnostics.pod_composition(pb, pod.id, root, today)),
        Section("Quarter calendar", quarter.pod_quarter(pb, pod.id, root, today)),
        Section("Cycle trends", charts.cycle_trends(pb, pod)),
    ]
    if pod.economics is not None:
        sections.append(Section("Economics", economics.pod_economics(pb, pod.id, root)))
    intro = render("pods-page.html", pod=pod, root=root)
    return FinishedBody(intro, tuple(s for s in sections if s.html.strip()))


def _index_page(pb: Playbook, title: str, pods: list[m.Pod], src: str, today: dt.date,
                tags: list[str]) -> FinishedPage:
    root = urls.page_root(src)
    meta = {"title": title, "owner": OWNER, "last_reviewed": today, "review_every": REVIEW_EVERY,
            "audience": ["staff"], "tags": ["pods", *tags], "search": {"exclude": True}}
    body = render("pods-index.html", title=title, count=len(pods), root=root,
                  table=Markup(_directory(pb, pods, root, today)))  # rendered, so escaped
    finished = FinishedBody(body)
    return FinishedPage(front_matter(meta), lambda: finished)


def index_groups(pb: Playbook) -> dict[str, tuple[str, list[m.Pod]]]:
    """Index page path → (title, pods) for every stage and sector that has pods."""
    by_name = sorted(pb.pods, key=lambda p: p.name.casefold())
    groups: dict[str, tuple[str, list[m.Pod]]] = {}
    for stage in STAGES:
        found = [p for p in by_name if p.stage == stage]
        if found:
            groups[urls.stage_src(stage)] = (f"Pods in the {stage} stage", found)
    for sector in sorted({p.organisation.sector for p in pb.pods}, key=str.casefold):
        found = [p for p in by_name if p.organisation.sector == sector]
        groups[urls.sector_src(sector)] = (f"Pods in {sector}", found)
    return groups


def pod_index_pages(pb: Playbook, today: dt.date) -> dict[str, FinishedPage]:
    """Generated pages (src path → page) listing pods by stage and by sector, plus an index."""
    pages = {path: _index_page(pb, title, pods, path, today, [path.split("/")[1]])
             for path, (title, pods) in index_groups(pb).items()}
    links = [(title, len(pods), urls.page_url(path))
             for path, (title, pods) in index_groups(pb).items()]
    meta = {"title": "Browse pods", "owner": OWNER, "last_reviewed": today,
            "review_every": REVIEW_EVERY, "audience": ["staff"], "tags": ["pods"],
            "search": {"exclude": True}}  # its body is finished HTML; it has a summary entry
    browse = FinishedBody(render("pods-browse.html", links=links,
                                 root=urls.page_root(urls.BROWSE_SRC)))
    pages[urls.BROWSE_SRC] = FinishedPage(front_matter(meta), lambda: browse)
    return pages
