"""Diagnostics: each automatic check fires and stays quiet, verdict bands, composition, trends."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from macros.compute import diagnosis as dx
from macros.load.loader import load_playbook
from macros.model import data as m
from macros.model.playbook import Playbook
from macros.render import diagnostics as d
from tests.fixtures import mini_playbook
from tests.fixtures.pods_b import days_after, with_change_lead
from tests.htmlparse import parse

LAUNCH = dt.date(2025, 1, 6)  # both fixture pods launched on this day


def pb_() -> Playbook:
    return mini_playbook()


def signal(pb: Playbook, check: str) -> m.Signal:
    """The fixture diagnostic's signal that runs `check`."""
    return next(s for s in pb.diagnostic("ghost-pod").signals if s.auto and s.auto.check == check)


def run(pod: m.Pod, check: str, today: dt.date, pb: Playbook | None = None) -> dx.SignalResult:
    pb = pb or pb_()
    diagnosis = dx.evaluate(pb, pod, pb.diagnostic("ghost-pod"), today)
    return next(r for r in diagnosis.results if r.signal.id == signal(pb, check).id)


def pod(pod_id: str, **changes: object) -> m.Pod:
    return pb_().pod(pod_id).model_copy(update=changes)


def held(p: m.Pod, role_id: str, **changes: object) -> m.Pod:
    """`p` with one held role changed (or removed when changes is {'remove': True})."""
    if changes.get("remove"):
        return p.model_copy(update={"roles": tuple(r for r in p.roles if r.role != role_id)})
    roles = tuple(r.model_copy(update=changes) if r.role == role_id else r for r in p.roles)
    return p.model_copy(update={"roles": roles})


# ---------------------------------------------------------------- nothing in production

def test_nothing_in_production_fires_after_the_threshold() -> None:
    days = signal(pb_(), "nothing-in-production").auto.days  # type: ignore[union-attr]  # this signal is automatic
    assert days == 90
    result = run(pod("beta"), "nothing-in-production", days_after(LAUNCH, days + 1))
    assert result.status == "fired"
    assert "launched 2025-01-06" in result.reason
    assert f"{days + 1} days ago" in result.reason
    assert "nothing in production" in result.reason


def test_nothing_in_production_quiet_on_the_threshold_day() -> None:
    result = run(pod("beta"), "nothing-in-production", days_after(LAUNCH, 90))
    assert result.status == "clear"
    assert "90 days ago" in result.reason


def test_nothing_in_production_quiet_once_something_shipped() -> None:
    result = run(pod("acme"), "nothing-in-production", dt.date(2026, 1, 1))
    assert result.status == "clear"
    # 2025-01-06 → 2025-03-03 is 56 days.
    assert "2025-03-03" in result.reason
    assert "56 days after launch" in result.reason


def test_nothing_in_production_unanswerable_without_launch_date() -> None:
    result = run(pod("beta", launch_date=None), "nothing-in-production", dt.date(2026, 1, 1))
    assert result.status == "unknown"


# ---------------------------------------------------------------- evaluation metrics

def test_no_evaluation_metrics_fires_when_none_recorded() -> None:
    assert run(pod("beta"), "no-evaluation-metrics", LAUNCH).status == "fired"


def test_no_evaluation_metrics_quiet_when_some_recorded() -> None:
    result = run(pod("acme"), "no-evaluation-metrics", LAUNCH)
    assert result.status == "clear"
    assert "Recall > 95%" in result.reason


# ---------------------------------------------------------------- domain owner

def test_domain_owner_below_minimum_fires() -> None:
    result = run(pod("beta"), "domain-owner-below-minimum", LAUNCH)
    minimum = pb_().role("domain-owner").time.minimum
    assert result.status == "fired"
    assert "5%" in result.reason
    assert f"{minimum}%" in result.reason


def test_domain_owner_at_the_minimum_is_quiet() -> None:
    minimum = pb_().role("domain-owner").time.minimum
    p = held(pod("beta"), "domain-owner", allocation=minimum)
    assert run(p, "domain-owner-below-minimum", LAUNCH).status == "clear"


def test_missing_domain_owner_fires() -> None:
    p = held(pod("acme"), "domain-owner", remove=True)
    result = run(p, "domain-owner-below-minimum", LAUNCH)
    assert result.status == "fired"
    assert "nobody" in result.reason


# ---------------------------------------------------------------- workflow designer

def test_designer_held_by_project_manager_fires() -> None:
    result = run(pod("beta"), "workflow-designer-not-dedicated", LAUNCH)
    assert result.status == "fired"
    assert "Project manager" in result.reason


def test_designer_title_match_ignores_case() -> None:
    p = held(pod("acme"), "workflow-designer", holder="Senior PROJECT MANAGER", allocation=100)
    assert run(p, "workflow-designer-not-dedicated", LAUNCH).status == "fired"


def test_designer_part_time_fires() -> None:
    p = held(pod("acme"), "workflow-designer", allocation=80)
    result = run(p, "workflow-designer-not-dedicated", LAUNCH)
    assert result.status == "fired"
    assert "80%" in result.reason


def test_dedicated_designer_is_quiet() -> None:
    assert run(pod("acme"), "workflow-designer-not-dedicated", LAUNCH).status == "clear"


def test_missing_designer_fires() -> None:
    p = held(pod("acme"), "workflow-designer", remove=True)
    assert run(p, "workflow-designer-not-dedicated", LAUNCH).status == "fired"


# ---------------------------------------------------------------- sample review

def test_sample_review_within_the_window_is_quiet() -> None:
    acme = pod("acme")
    last = max(r.date for r in acme.sample_reviews)
    days = signal(pb_(), "no-sample-review").auto.days  # type: ignore[union-attr]  # this signal is automatic
    result = run(acme, "no-sample-review", days_after(last, days))
    assert result.status == "clear"
    assert str(last) in result.reason


def test_sample_review_too_old_fires() -> None:
    acme = pod("acme")
    last = max(r.date for r in acme.sample_reviews)
    days = signal(pb_(), "no-sample-review").auto.days  # type: ignore[union-attr]  # this signal is automatic
    result = run(acme, "no-sample-review", days_after(last, days + 1))
    assert result.status == "fired"
    assert f"{days + 1} days ago" in result.reason


def test_no_sample_review_at_all_fires_in_production() -> None:
    result = run(pod("acme", sample_reviews=()), "no-sample-review", dt.date(2025, 6, 1))
    assert result.status == "fired"


def test_sample_review_not_asked_before_production() -> None:
    assert run(pod("beta"), "no-sample-review", dt.date(2025, 6, 1)).status == "unknown"


# ---------------------------------------------------------------- score and verdict

def test_score_is_the_sum_of_fired_weights() -> None:
    pb = pb_()
    diag = pb.diagnostic("ghost-pod")
    today = days_after(LAUNCH, 120)
    diagnosis = dx.evaluate(pb, pb.pod("beta"), diag, today)
    fired = [r.signal for r in diagnosis.results if r.status == "fired"]
    # beta: nothing in production (2), no metrics (1), designer is a PM (2), owner at 5% (1).
    assert {s.id for s in fired} == {"nothing-in-production", "no-evaluation-metrics",
                                     "designer-is-pm", "owner-absent"}
    assert diagnosis.score == 6
    assert diagnosis.band.verdict == "ghost-pod"


def test_healthy_pod_scores_zero() -> None:
    pb = pb_()
    diagnosis = dx.evaluate(pb, pb.pod("acme"), pb.diagnostic("ghost-pod"), dt.date(2025, 5, 20))
    assert diagnosis.score == 0
    assert diagnosis.band.verdict == "healthy"


@pytest.mark.parametrize(("score", "verdict"), [
    (0, "healthy"), (1, "healthy"), (2, "at-risk"), (3, "at-risk"), (4, "ghost-pod"),
    (9, "ghost-pod")])
def test_verdict_band_is_the_highest_reached(score: int, verdict: str) -> None:
    # Fixture bands: healthy from 0, at-risk from 2, ghost-pod from 4.
    assert dx.band_for(pb_().diagnostic("ghost-pod"), score).verdict == verdict


def test_signal_without_auto_is_left_to_the_review() -> None:
    pb = pb_()
    diag = pb.diagnostic("ghost-pod")
    manual = diag.signals[0].model_copy(update={"auto": None})
    diag = diag.model_copy(update={"signals": (manual, *diag.signals[1:])})
    diagnosis = dx.evaluate(pb, pb.pod("beta"), diag, days_after(LAUNCH, 200))
    assert diagnosis.results[0].status == "manual"
    assert diagnosis.score == 6 - manual.weight


# ---------------------------------------------------------------- composition

def kinds(devs: list[dx.Deviation]) -> set[tuple[str, str]]:
    return {(dev.role.id, dev.kind) for dev in devs}


def test_composition_of_a_well_staffed_pod_is_clean() -> None:
    assert dx.composition(pb_(), pb_().pod("acme")) == []


def test_composition_flags_each_gap_of_beta() -> None:
    found = kinds(dx.composition(pb_(), pb_().pod("beta")))
    assert found == {("domain-owner", "below-minimum"), ("workflow-designer", "not-full-time"),
                     ("workflow-designer", "title-not-covered"), ("data-engineer", "missing")}


def test_composition_flags_change_lead_at_20_percent() -> None:
    pb, p = with_change_lead(20)
    devs = [dev for dev in dx.composition(pb, p) if dev.role.id == "change-lead"]
    assert len(devs) == 1
    assert devs[0].kind == "below-minimum"
    assert "20%" in devs[0].finding
    assert "30–50%" in devs[0].guidance
    assert devs[0].cited == pb.role("change-lead").time.cited


def test_composition_accepts_change_lead_in_range() -> None:
    pb, p = with_change_lead(40)
    assert [dev for dev in dx.composition(pb, p) if dev.role.id == "change-lead"] == []


def test_composition_flags_allocation_outside_both_ranges() -> None:
    # Domain owner: 30–50% first quarter, 15–20% steady state, minimum 20; 25% is in neither.
    p = held(pod("acme"), "domain-owner", allocation=25)
    assert kinds(dx.composition(pb_(), p)) == {("domain-owner", "outside-range")}


def test_composition_flags_sharing_beyond_the_limit() -> None:
    limit = pb_().role("data-engineer").time.shareable_across
    p = held(pod("acme"), "data-engineer", shared_across=limit + 1)
    assert kinds(dx.composition(pb_(), p)) == {("data-engineer", "over-shared")}


def test_pod_composition_cites_the_role_sources() -> None:
    pb, p = with_change_lead(20)
    root = parse(d.pod_composition(pb, p.id, "../../"))
    row = root.find("tr", cls="pod-deviation", data_role="change-lead")
    assert row.attrs["data-kind"] == "below-minimum"
    assert "30–50%" in row.text
    assert "Fractional AI change consultant" in row.text
    assert "$3,000" in row.text
    hrefs = [a.attrs["href"] for a in row.find_all("a")]
    assert "../../pod-design/change-lead/" in hrefs
    assert any(h.startswith("../../sources/#src-bcg") for h in hrefs)


def test_pod_composition_clean_pod_says_so() -> None:
    root = parse(d.pod_composition(pb_(), "acme", ""))
    assert root.find("p", cls="pod-composition__ok")
    # No table of departures; the staffing chart's own data table is there.
    assert not root.find_all("div", cls="pod-composition__deviations")
    assert root.find("div", cls="chart--staffing").find("table")


# ---------------------------------------------------------------- review trend

def test_review_trend_sorted_and_scored() -> None:
    pb = pb_()
    diag = pb.diagnostic("ghost-pod")
    answers = {s.id: False for s in diag.signals}
    later = m.Review(date=dt.date(2025, 3, 1), diagnostic="ghost-pod",
                     signals={**answers, "nothing-in-production": True, "owner-absent": True})
    earlier = m.Review(date=dt.date(2025, 2, 1), diagnostic="ghost-pod",
                       signals={**answers, "designer-is-pm": True})
    p = pod("beta", reviews=(later, earlier))
    trend = dx.review_trend(p, diag)
    assert [t.review.date for t in trend] == [dt.date(2025, 2, 1), dt.date(2025, 3, 1)]
    weights = {s.id: s.weight for s in diag.signals}
    assert [t.score for t in trend] == [weights["designer-is-pm"],
                                        weights["nothing-in-production"] + weights["owner-absent"]]
    assert [t.band.verdict for t in trend] == ["at-risk", "at-risk"]


# ---------------------------------------------------------------- renderers

def test_pod_diagnosis_lists_every_signal_with_its_reason() -> None:
    pb = pb_()
    today = days_after(LAUNCH, 120)
    root = parse(d.pod_diagnosis(pb, "beta", "../../", today))
    rows = root.find("div", cls="pod-diagnosis__signals").find("table").find("tbody").find_all("tr")
    diag = pb.diagnostic("ghost-pod")
    assert [r.find("th").text for r in rows] == [s.title for s in diag.signals]
    fired = [r for r in rows if r.attrs["data-status"] == "fired"]
    assert len(fired) == 4
    assert "120 days ago" in root.text
    verdict = root.find("p", cls="pod-diagnosis__verdict").find("span", cls="pod-verdict")
    assert verdict.attrs["data-verdict"] == "ghost-pod"
    assert verdict.text == "Ghost pod"


def test_pod_diagnosis_shows_the_review_trend() -> None:
    root = parse(d.pod_diagnosis(pb_(), "acme", "", dt.date(2025, 6, 1)))
    rows = root.find("div", cls="pod-diagnosis__trend").find("table").find("tbody").find_all("tr")
    reviews = pb_().pod("acme").reviews
    assert len(rows) == len(reviews)
    assert rows[0].children[0].text == reviews[0].date.isoformat()


def test_checklist_is_a_plain_list_of_checkboxes() -> None:
    pb = pb_()
    diag = pb.diagnostic("ghost-pod")
    root = parse(d.diagnostic_checklist(pb, "ghost-pod", "../"))
    items = root.find("ul", cls="pod-checklist__items").find_all("li")
    assert len(items) == len(diag.signals)
    for item, sig in zip(items, diag.signals, strict=True):
        box = item.find("label").find("input")
        assert box.attrs["type"] == "checkbox"
        assert box.attrs["value"] == sig.id
        assert box.attrs["data-weight"] == str(sig.weight)
        assert sig.title in item.text
    assert "hidden" in root.find("div", cls="pod-checklist__controls").attrs
    assert root.find("input", cls="pod-checklist__pod").attrs["type"] == "text"
    assert root.find("input", cls="pod-checklist__date").attrs["type"] == "date"


def test_checklist_config_carries_weights_and_bands() -> None:
    pb = pb_()
    diag = pb.diagnostic("ghost-pod")
    root = parse(d.diagnostic_checklist(pb, "ghost-pod", ""))
    script = root.find("script", cls="pod-checklist__config")
    assert script.attrs["type"] == "application/json"
    config = json.loads(script.text)
    assert config["id"] == diag.id
    assert config["storageKey"].endswith(diag.id)
    assert {s["id"]: s["weight"] for s in config["signals"]} == {s.id: s.weight
                                                                 for s in diag.signals}
    assert sorted((v["min"], v["verdict"]) for v in config["verdicts"]) == sorted(
        (b.min_score, b.verdict) for b in diag.verdicts)


def test_signal_table_has_why_threshold_action() -> None:
    pb = pb_()
    diag = pb.diagnostic("ghost-pod")
    root = parse(d.signal_table(pb, "ghost-pod", ""))
    rows = root.find("div", cls="pod-signals").find("table").find("tbody").find_all("tr")
    assert len(rows) == len(diag.signals)
    for row, sig in zip(rows, diag.signals, strict=True):
        cells = row.children
        assert cells[0].text == sig.title
        assert cells[2].text.startswith(sig.threshold)
        assert cells[4].text == str(sig.weight)
    bands = root.find("div", cls="pod-verdicts").find("table").find("tbody").find_all("tr")
    # Fixture bands 0, 2, 4 cover 0–1, 2–3 and 4 or more.
    assert [b.children[0].text for b in bands] == ["0–1", "2–3", "4 or more"]


def test_band_ranges_single_score_band() -> None:
    diag = pb_().diagnostic("ghost-pod")
    bands = tuple(b.model_copy(update={"min_score": s}) for b, s in zip(diag.verdicts, (0, 1, 2),
                                                                        strict=True))
    ranges = [text for text, _ in d.band_ranges(diag.model_copy(update={"verdicts": bands}))]
    assert ranges == ["0", "1", "2 or more"]


# ---------------------------------------------------------------- the real worked example

REAL = Path(__file__).resolve().parent.parent / "data"
WORKED = "professional-services-revenue-cycle"


@pytest.fixture(scope="module")
def real() -> Playbook:
    return load_playbook(REAL)


def test_worked_example_change_lead_is_flagged(real: Playbook) -> None:
    devs = dx.composition(real, real.pod(WORKED))
    lead = [dev for dev in devs if dev.role.id == "change-lead"]
    assert len(lead) == 1
    assert "20%" in lead[0].finding
    assert "30–50%" in lead[0].guidance


def test_real_ghost_pod_example_is_a_ghost_pod(real: Playbook) -> None:
    ghosts = [p for p in real.pods if p.stage != "closed" and p.launch_date
              and not p.first_production_date]
    for p in ghosts:
        diagnosis = dx.evaluate(real, p, real.diagnostic("ghost-pod"),
                               days_after(p.launch_date, 365))  # type: ignore[arg-type]  # ghosts have launched
        assert diagnosis.band.verdict == "ghost-pod"



def test_domain_owner_floor_follows_the_phase() -> None:
    """20% is the floor in the first quarter; after it the steady-state range (15%) applies."""


    from macros.compute.diagnosis import check_domain_owner_below_minimum

    pb = mini_playbook()
    role = pb.role("domain-owner")
    steady_floor = role.time.steady_state.min
    assert steady_floor < role.time.minimum, "fixture must have a lower steady-state range"
    pod = pb.pods[0]
    owner = next(r for r in pod.roles if r.role == "domain-owner")
    low = owner.model_copy(update={"allocation": steady_floor})
    launched = pod.model_copy(update={
        "roles": tuple(low if r is owner else r for r in pod.roles),
        "launch_date": dt.date(2026, 1, 5), "as_of": None})
    early, late = dt.date(2026, 2, 1), dt.date(2026, 9, 1)
    assert check_domain_owner_below_minimum(pb, launched, None, early)[0] == "fired"
    assert check_domain_owner_below_minimum(pb, launched, None, late)[0] == "clear"


def test_as_of_pins_the_diagnosis_date() -> None:


    from macros.compute.diagnosis import evaluate

    pb = mini_playbook()
    pod = pb.pods[0].model_copy(update={"as_of": dt.date(2026, 1, 1)})
    diagnostic = pb.diagnostics[0]
    assert evaluate(pb, pod, diagnostic, dt.date(2030, 1, 1)).today == dt.date(2026, 1, 1)
