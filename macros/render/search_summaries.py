"""Short search-index entries for pages kept out of the full-text index: pods and pod lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import escape

from macros.compute import diagnosis
from macros.model import data as m
from macros.model import urls
from macros.model.playbook import Playbook
from macros.render import pods
from macros.render.environment import render


@dataclass(frozen=True)
class SearchEntry:
    """One search-index entry: where it leads, its title and text (both HTML) and extra words."""

    location: str
    title: str
    text: str
    keywords: str
    boost: float = 1.0


def search_entries(pb: Playbook, today: dt.date) -> list[SearchEntry]:
    """A summary entry for every pod page, every stage and sector page, and the browse page."""
    entries = [_pod_entry(pb, pod, today) for pod in pb.pods]
    groups = pods.index_groups(pb)
    for src, (title, members) in groups.items():
        names = [pod.name for pod in members]
        entries.append(SearchEntry(urls.page_url(src), _html(title),
                                   _text([f"{len(members)} pods", *names]), ""))
    titles = [title for title, _ in groups.values()]
    entries.append(SearchEntry(urls.BROWSE, "Browse pods", _text(titles),
                               "list of all pods by stage by sector"))
    return entries


def _pod_entry(pb: Playbook, pod: m.Pod, today: dt.date) -> SearchEntry:
    owner = pods.domain_owner(pod)
    check = pods.primary_diagnostic(pb)
    parts = [f"{pod.organisation.name} ({pod.organisation.sector})", f"Domain: {pod.domain}",
             f"Domain owner: {owner.holder if owner else 'none'}", f"Stage: {pod.stage}"]
    if check is not None:
        found = diagnosis.evaluate(pb, pod, check, today)
        parts.append(f"Verdict: {found.band.label} (score {found.score})")
    words = [pod.organisation.sector, pod.business_metric, pod.kpi or ""]
    # Below 1: a pod named "... ghost pod" must not outrank the page that explains ghost pods.
    return SearchEntry(urls.pod(pod.id), _html(pod.name), _text(parts), _html(" ".join(words)),
                       boost=0.5)


def _html(text: str) -> str:
    """`text` escaped: Material's search shows titles as HTML."""
    return str(escape(text))


def _text(parts: list[str]) -> str:
    return render("search-summary.html", parts=parts).strip()
