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
    assert "Illustrative records." in section.text  # invented, like the pod


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


def captioned(root: Element, caption: str) -> Element:
    """The one table whose caption starts with `caption`."""
    found = [t for t in root.find_all("table")
             if any(c.text.startswith(caption) for c in t.find_all("caption"))]
    assert len(found) == 1, caption
    return found[0]


def test_briefing_lists_the_quarters_changes(built_site: Path) -> None:
    # Ghost pod, quarter 2 (cycles 4 to 6): cycle 6's release has a decision-log entry,
    # cycle 5's (2026-08-25) has none and was not rolled back.
    article = page(built_site, urls.briefing(ILLUSTRATIVE[1])).find("div", cls="pod-briefing")
    rows = captioned(article, "Decision log entries").find("tbody").find_all("tr")
    assert [r.find("th").text for r in rows] == ["6"]
    assert "Amount parsing handles thousands separators." in rows[0].text
    assert "Released with no decision-log entry: cycle 5 on 2026-08-25." in article.text
    # Healthy pod, quarter 3 (cycles 7 to 9): three entries, none rolled back (cycle 6's
    # rollback belongs to quarter 2).
    article = page(built_site, urls.briefing(ILLUSTRATIVE[0])).find("div", cls="pod-briefing")
    rows = captioned(article, "Decision log entries").find("tbody").find_all("tr")
    assert [r.find("th").text for r in rows] == ["7", "8", "9"]
    assert "Split deliveries answered in one reply with each parcel's status." in rows[1].text
    assert "rolled back" not in captioned(article, "Decision log entries").text


def test_actuals_on_the_pod_page(built_site: Path) -> None:
    # Cycles 4 to 9 of the healthy pod: 4,200 + 5,100 + 5,800 + 6,400 + 6,900 + 7,300 = 35,700
    # enquiries; 162,920 minutes saved = 2,715.33 hours × $45 = $122,190 over 6 × 28 days
    # (5.52 months): $22,122.69 a month, so $420,000 is paid back in 19.0 months; the case's
    # 90,000 enquiries × 5 minutes at $45 an hour is $28,125 a month: 14.9 months.
    table = captioned(page(built_site, urls.pod(ILLUSTRATIVE[0])), "Business case against actuals")
    cells = {tr.find("th").text: tr.find("td").text for tr in table.find_all("tr")}
    assert cells["Cycles with volume recorded"] == "6"
    assert cells["Volume handled by the workflow"] == "35,700 enquiries"
    assert cells["Value recovered to date (volume × minutes saved ÷ 60 × hourly rate)"] == "$122,190"
    assert cells["Actual run rate a month"] == "$22,122.69"
    assert cells["Payback in months at the actual run rate"] == "19"
    assert cells["Payback in months in the business case"] == "14.9"
