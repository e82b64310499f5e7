"""The sitemap dates a pod's page and briefing by the pod's file and its cycle records."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any, cast

from mkdocs.structure.pages import Page

from macros.load.loader import load_playbook
from macros.mkdocs_adapter.site_build import SiteBuild
from macros.model import urls
from macros.render.generate import Generated, generate
from tests.conftest import ROOT

PB = load_playbook(ROOT / "data")
TODAY = dt.date(2026, 12, 1)
POD = next(p for p in PB.pods if PB.pod_cycles(p.id))  # a pod with cycle records
PLAIN = next(p for p in PB.pods if not PB.pod_cycles(p.id))
OLD = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
NEW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)
GENERATED = generate(PB, TODAY)


def _changes(pod_id: str, number: int) -> dict[str, dt.datetime]:
    """The pod file changed long ago, one cycle record since; unrelated files changed later."""
    return {urls.pod_data(pod_id): OLD, urls.cycle_data(pod_id, number): NEW,
            f"data/pods/{pod_id}-archive.yaml": LATER,  # another pod whose id starts the same
            "data/cycle.yaml": LATER, "docs/index.md": LATER}


def test_a_pod_page_and_its_briefing_date_from_their_latest_cycle_record() -> None:
    changes = _changes(POD.id, PB.pod_cycles(POD.id)[0].number)
    for src in (urls.pod_src(POD.id), urls.briefing_src(POD.id)):
        assert GENERATED.last_change(src, changes) == NEW, src


def test_a_pod_file_changed_after_its_records_dates_the_page() -> None:
    changes = {**_changes(POD.id, PB.pod_cycles(POD.id)[0].number), urls.pod_data(POD.id): LATER}
    assert GENERATED.last_change(urls.pod_src(POD.id), changes) == LATER


def test_other_pages_keep_their_own_data_file() -> None:
    plain = {urls.pod_data(PLAIN.id): OLD, f"data/pods/{PLAIN.id}-archive.yaml": LATER}
    assert GENERATED.last_change(urls.pod_src(PLAIN.id), plain) == OLD
    role = PB.roles[0].id
    changes = {urls.role_data(role): OLD, "data/pods/x/cycle-01.yaml": LATER}
    assert GENERATED.last_change(urls.role_src(role), changes) == OLD


def _page(src: str, meta: dict[str, Any]) -> Page:
    """A stand-in for the MkDocs page of a generated file: only what dating it reads."""
    file = SimpleNamespace(src_uri=src, generated_by="playbook")
    return cast(Page, SimpleNamespace(file=file, meta=meta, update_date="build date"))


def _build(generated: Generated, changes: dict[str, dt.datetime]) -> SiteBuild:
    build = SiteBuild()  # as on_config leaves it: the generated pages and git's dates
    build._generated = generated
    build._changes = changes
    return build


def test_the_build_gives_the_sitemap_the_latest_change() -> None:
    changes = _changes(POD.id, PB.pod_cycles(POD.id)[-1].number)
    page = _page(urls.pod_src(POD.id), {"last_reviewed": OLD.date()})
    assert _build(GENERATED, changes)._last_change(page) == NEW.date().isoformat()


def test_without_history_the_latest_record_date_stands_in() -> None:
    latest = GENERATED.recorded[urls.pod_src(POD.id)]
    dates = [r.review.date for r in PB.pod_cycles(POD.id)]
    assert latest >= max(dates)
    page = _page(urls.pod_src(POD.id), {"last_reviewed": min(dates) - dt.timedelta(days=1)})
    assert _build(GENERATED, {})._last_change(page) == latest.isoformat()
    later = latest + dt.timedelta(days=1)
    page = _page(urls.pod_src(POD.id), {"last_reviewed": later})
    assert _build(GENERATED, {})._last_change(page) == later.isoformat()


def test_the_pages_listing_pods_date_from_the_latest_change_to_any_pod() -> None:
    # They were dated by the build (their last_reviewed is the build date).
    listings = [urls.BROWSE_SRC, *(urls.stage_src(p.stage) for p in PB.pods),
                *(urls.sector_src(p.organisation.sector) for p in PB.pods)]
    changes = {urls.pod_data(PLAIN.id): OLD, urls.cycle_data(POD.id, 1): NEW,
               "docs/index.md": LATER, "data/roles/domain-owner.yaml": LATER}
    for src in listings:
        assert GENERATED.last_change(src, changes) == NEW, src
