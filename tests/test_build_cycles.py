"""Build: the illustrative pods' Cycles section, briefing, decision log (page, CSV) and registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.compute import cycles
from macros.load.loader import load_playbook
from macros.model import urls
from macros.model.playbook import Playbook
from macros.render.csv_text import read_csv
from tests.htmlparse import Element, parse

ROOT = Path(__file__).resolve().parent.parent
ILLUSTRATIVE = ("harbourline-customer-service", "harbourline-procurement")


@pytest.fixture(scope="module")
def pb() -> Playbook:
    return load_playbook(ROOT / "data")


def page(site: Path, url: str) -> Element:
    return parse((site / url / "index.html").read_text(encoding="utf-8"))


def number(value: float) -> str:
    return f"{value:g}"


@pytest.mark.parametrize("pod_id", ILLUSTRATIVE)
def test_briefing_shows_the_latest_record(built_site: Path, pb: Playbook, pod_id: str) -> None:
    latest = pb.pod_cycles(pod_id)[-1]
    article = page(built_site, urls.briefing(pod_id)).find("div", cls="pod-briefing")
    text = article.text
    assert f"Cycle {latest.number}" in text
    assert f"read {latest.review.samples_reviewed} production outputs" in text or (
        latest.review.samples_reviewed == 0 and "read no production outputs" in text)
    if latest.review.adoption is not None:
        assert f"{number(latest.review.adoption)}% of eligible users" in text
    if latest.briefing and latest.briefing.expansion_candidate:
        assert latest.briefing.expansion_candidate in text
    for flag in cycles.open_flags(pb, pb.pod(pod_id), pb.pod(pod_id).as_of):  # type: ignore[arg-type]
        assert flag.rule.title in text
    assert "Illustrative" in text


@pytest.mark.parametrize("pod_id", ILLUSTRATIVE)
def test_decision_log_on_the_pod_page(built_site: Path, pb: Playbook, pod_id: str) -> None:
    block = page(built_site, urls.pod(pod_id)).find("div", id=f"decision-log-{pod_id}")
    heads = [th.text for th in block.find("thead").find_all("th")]
    assert heads[1:] == [c.name for c in pb.template("decision-log").columns]
    rows = block.find("tbody").find_all("tr")
    entries = [r for r in pb.pod_cycles(pod_id) if r.deploy and r.deploy.decision_log]
    assert len(rows) == len(entries)
    newest = entries[-1].deploy
    assert newest is not None
    assert newest.decision_log is not None
    assert newest.decision_log["change"] in rows[0].text
    assert newest.date is not None
    assert newest.date.isoformat() in rows[0].text


@pytest.mark.parametrize("pod_id", ILLUSTRATIVE)
def test_decision_log_csv_has_the_template_columns(built_site: Path, pb: Playbook, pod_id: str) -> None:
    rows = read_csv((built_site / urls.decision_log_csv(pod_id)).read_bytes())
    assert rows[0] == [c.name for c in pb.template("decision-log").columns]
    entries = [r.deploy for r in pb.pod_cycles(pod_id) if r.deploy and r.deploy.decision_log]
    assert [row[0] for row in rows[1:]] == [d.date.isoformat() for d in entries if d.date]
    assert [row[1] for row in rows[1:]] == [d.decision_log["change"] for d in entries if d.decision_log]


def test_rollback_is_marked(built_site: Path, pb: Playbook) -> None:
    pod_id = ILLUSTRATIVE[0]
    back = [r.number for r in pb.pod_cycles(pod_id) if r.deploy and r.deploy.rolled_back]
    assert back
    block = page(built_site, urls.pod(pod_id)).find("div", id=f"decision-log-{pod_id}")
    marked = [tr.find("th").text.split()[0] for tr in block.find_all("tr", data_rolled_back="true")]
    assert marked == [str(n) for n in reversed(back)]


@pytest.mark.parametrize("pod_id", ILLUSTRATIVE)
def test_cycles_section_lists_every_cycle(built_site: Path, pb: Playbook, pod_id: str) -> None:
    section = page(built_site, urls.pod(pod_id)).find("div", id=f"cycles-{pod_id}")
    for record in pb.pod_cycles(pod_id):
        row = section.find("tr", id=f"cycle-{pod_id}-{record.number}")
        assert str(record.review.samples_reviewed) in row.text
    assert section.find("a", href=f"../../{urls.briefing(pod_id)}")


def test_registry_shows_latest_cycle(built_site: Path, pb: Playbook) -> None:
    registry = page(built_site, urls.POD_REGISTRY)
    for pod_id in ILLUSTRATIVE:
        pod = pb.pod(pod_id)
        row = registry.find("tr", id=f"pod-{pod_id}")
        latest = pb.pod_cycles(pod_id)[-1].review
        cell = row.find("td", cls="pod-cycle-cell").text
        assert latest.adoption is not None
        assert f"adoption {number(latest.adoption)}%" in cell
        flags = len(cycles.open_flags(pb, pod, pod.as_of))  # type: ignore[arg-type]
        assert f"{flags} open flag" in cell
        assert latest.kpi is not None
        change = (latest.kpi.value - latest.kpi.baseline) / latest.kpi.baseline * 100
        assert f"{abs(change):.1f}%" in cell


def test_cycle_page_links_to_the_illustrations(built_site: Path, pb: Playbook) -> None:
    cycle = page(built_site, urls.CYCLE)
    hrefs = {a.attrs.get("href", "") for a in cycle.find("ul", cls="cycle-examples").find_all("a")}
    for pod_id in ILLUSTRATIVE:
        assert f"../{urls.pod_cycles(pod_id)}" in hrefs
    rules = cycle.find("div", id="cycle-flags")
    assert len(rules.find("tbody").find_all("tr")) == len(pb.cycle.flags)
