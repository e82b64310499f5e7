"""Cycle records: each flag fires and stays quiet, series, actuals, diagnosis from records."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from macros.compute import cycles, diagnosis, quarter
from macros.load.loader import load_playbook
from macros.model import data as m
from macros.model.playbook import Playbook

DATA = Path(__file__).resolve().parent.parent / "data"
POD = "harbourline-customer-service"


@pytest.fixture(scope="module")
def real() -> Playbook:
    return load_playbook(DATA)


@pytest.fixture(scope="module")
def pod(real: Playbook) -> m.Pod:
    return real.pod(POD)


def limit(pb: Playbook, check: str) -> float:
    rule = cycles.flag_rule(pb, check)
    assert rule is not None
    value = cycles.threshold(pb, rule)
    assert value is not None
    return value


def record(pb: Playbook, pod: m.Pod, number: int = 5, **parts: Any) -> m.CycleRecord:
    """A record that raises no flag, with `parts` (review/build/deploy/briefing) merged in."""
    assert pod.launch_date is not None
    launch = pod.launch_date
    day = lambda week, extra=0: quarter.working_week(pb, launch, number, week)[0] + dt.timedelta(extra)  # noqa: E731
    targets = {e.name: e for e in pod.evaluation_metrics}
    base: dict[str, Any] = {
        "pod": pod.id, "number": number,
        "review": {"date": day(1), "adoption": limit(pb, "low-adoption"),
                   "task_success_rate": targets["Task success rate"].value,
                   "error_rate": targets["Error rate"].value,
                   "samples_reviewed": int(limit(pb, "few-samples"))},
        "deploy": {"date": day(3), "error_rate_before": 2.0, "error_rate_72h": 2.0,
                   "rejection_rate_before": 10.0, "rejection_rate_72h": 10.0,
                   "decision_log": {"change": "A change"}},
        "briefing": {"date": day(4, 4), "expansion_candidate": "Next step"},
    }
    for key, value in parts.items():
        base[key] = None if value is None else {**base.get(key, {}), **value}
    return m.CycleRecord.model_validate(base)


def checks(pb: Playbook, pod: m.Pod, rec: m.CycleRecord, today: dt.date | None = None) -> set[str]:
    return {f.rule.check for f in cycles.record_flags(pb, pod, rec, today or rec.review.date)}


def test_a_clean_record_raises_nothing(real: Playbook, pod: m.Pod) -> None:
    assert checks(real, pod, record(real, pod)) == set()


def test_few_samples(real: Playbook, pod: m.Pod) -> None:
    least = int(limit(real, "few-samples"))
    assert "few-samples" in checks(real, pod, record(real, pod, review={"samples_reviewed": least - 1}))
    assert "few-samples" in checks(real, pod, record(real, pod, review={"samples_reviewed": 0}))
    assert "few-samples" not in checks(real, pod, record(real, pod, review={"samples_reviewed": least}))


def test_error_rate_rose_without_rollback(real: Playbook, pod: m.Pod) -> None:
    rise = limit(real, "error-rate-rose") + 0.5
    risen = {"error_rate_before": 2.0, "error_rate_72h": 2.0 + rise}
    assert "error-rate-rose" in checks(real, pod, record(real, pod, deploy=risen))
    back = record(real, pod, deploy={**risen, "rolled_back": True})
    assert "error-rate-rose" not in checks(real, pod, back)
    flat = {"error_rate_before": 2.0, "error_rate_72h": 2.0 + limit(real, "error-rate-rose")}
    assert "error-rate-rose" not in checks(real, pod, record(real, pod, deploy=flat))


def test_rejection_rose_without_rollback(real: Playbook, pod: m.Pod) -> None:
    allowed = limit(real, "rejection-rose")
    spike = {"rejection_rate_before": 10.0, "rejection_rate_72h": 10.0 + allowed + 1}
    assert "rejection-rose" in checks(real, pod, record(real, pod, deploy=spike))
    within = {"rejection_rate_before": 10.0, "rejection_rate_72h": 10.0 + allowed}
    assert "rejection-rose" not in checks(real, pod, record(real, pod, deploy=within))


def test_deploy_without_decision(real: Playbook, pod: m.Pod) -> None:
    rec = record(real, pod)
    bare = m.CycleRecord.model_validate(
        {**rec.model_dump(), "deploy": {**rec.deploy.model_dump(), "decision_log": None}})  # type: ignore[union-attr]
    assert "deploy-without-decision" in checks(real, pod, bare)
    assert "deploy-without-decision" not in checks(real, pod, rec)
    assert "deploy-without-decision" not in checks(real, pod, record(real, pod, deploy=None))


def test_metric_below_target(real: Playbook, pod: m.Pod) -> None:
    target = next(e for e in pod.evaluation_metrics if e.name == "Task success rate")
    low = record(real, pod, review={"task_success_rate": target.value - 1})
    assert "metric-below-target" in checks(real, pod, low)
    assert "metric-below-target" not in checks(real, pod, record(real, pod))


def test_low_adoption(real: Playbook, pod: m.Pod) -> None:
    least = limit(real, "low-adoption")
    assert "low-adoption" in checks(real, pod, record(real, pod, review={"adoption": least - 0.5}))
    assert "low-adoption" not in checks(real, pod, record(real, pod, review={"adoption": least}))


def test_no_expansion_candidate(real: Playbook, pod: m.Pod) -> None:
    assert pod.launch_date is not None
    none = record(real, pod, briefing={"expansion_candidate": None})
    assert "no-expansion-candidate" in checks(real, pod, none)
    assert "no-expansion-candidate" not in checks(real, pod, record(real, pod))
    # Without a briefing: raised once the cycle has ended, not while it runs.
    open_cycle = record(real, pod, briefing=None)
    end = quarter.cycle_span(real, pod.launch_date, 5)[1]
    assert "no-expansion-candidate" not in checks(real, pod, open_cycle, end)
    assert "no-expansion-candidate" in checks(real, pod, open_cycle, end + dt.timedelta(1))


def test_missed_cycle(real: Playbook, pod: m.Pod) -> None:
    assert pod.launch_date is not None
    pb = dataclasses.replace(real, cycles=(record(real, pod, 5),))
    end = quarter.cycle_span(real, pod.launch_date, 6)[1]
    live = pod.model_copy(update={"as_of": None})
    assert cycles.missed_cycles(pb, live, end) == []
    assert cycles.missed_cycles(pb, live, end + dt.timedelta(1)) == [6]
    found = [f for f in cycles.pod_flags(pb, live, end + dt.timedelta(1)) if f.rule.check == "missed-cycle"]
    assert [f.cycle for f in found] == [6]



@pytest.mark.parametrize("launch", [dt.date(2026, 1, 31), dt.date(2026, 2, 1)],
                         ids=["saturday", "sunday"])
def test_a_weekend_launch_flags_cycles_by_their_last_working_day(real: Playbook, pod: m.Pod,
                                                                 launch: dt.date) -> None:
    # Launched on the weekend before Monday 2 Feb 2026: each week still runs Monday to Friday,
    # so cycle 5 ends on Friday 19 June and cycle 6 on Friday 17 July (by hand).
    weekend = pod.model_copy(update={"launch_date": launch, "as_of": None})
    five, six = dt.date(2026, 6, 19), dt.date(2026, 7, 17)
    no_briefing = record(real, weekend, 5, briefing=None)
    pb = dataclasses.replace(real, cycles=(no_briefing,))
    assert cycles.missed_cycles(pb, weekend, six) == []
    assert cycles.missed_cycles(pb, weekend, six + dt.timedelta(1)) == [6]
    details = {f.rule.check: f.detail for f in cycles.pod_flags(pb, weekend, six + dt.timedelta(1))}
    assert details["missed-cycle"] == f"cycle 6 ended on {six} with no record"
    assert details["no-expansion-candidate"] == f"the cycle ended on {five} with no briefing recorded"
    assert "no-expansion-candidate" not in checks(real, weekend, no_briefing, five)
    shown = cycles.pod_cycles(pb, weekend, six + dt.timedelta(1))
    assert shown is not None
    assert shown.span == (dt.date(2026, 5, 25), five)


def test_illustrative_pods_show_what_they_should(real: Playbook) -> None:
    healthy = real.pod("harbourline-customer-service")
    failing = real.pod("harbourline-procurement")
    assert cycles.open_flags(real, healthy, dt.date.today()) == []
    raised = {f.rule.check for f in cycles.pod_flags(real, failing, dt.date.today())}
    assert raised == {f.check for f in real.cycle.flags} - {"metric-below-target"}
    rose = [r for r in real.pod_cycles(failing.id) if r.deploy and r.deploy.error_rate_72h
            and r.deploy.error_rate_before is not None
            and r.deploy.error_rate_72h > r.deploy.error_rate_before and not r.deploy.rolled_back]
    assert rose, "the failing pod records a deploy whose error rate rose without a rollback"
    assert all(r.illustrative for p in (healthy, failing) for r in real.pod_cycles(p.id))


def test_no_records_for_the_worked_example(real: Playbook) -> None:
    for pod in real.pods:
        if pod.example:
            assert real.pod_cycles(pod.id) == ()


def test_metric_series_follow_the_records(real: Playbook, pod: m.Pod) -> None:
    series = {s.key: s for s in cycles.metric_series(real, pod)}
    records = real.pod_cycles(pod.id)
    adoption = series["adoption"]
    assert [p.cycle for p in adoption.points] == [r.number for r in records]
    assert [p.value for p in adoption.points] == [r.review.adoption for r in records]
    assert adoption.target == limit(real, "low-adoption")
    assert series["error_rate"].target == next(
        e.value for e in pod.evaluation_metrics if e.name == "Error rate")
    kpi = series["kpi"]
    assert kpi.baseline == records[-1].review.kpi.baseline  # type: ignore[union-attr]


def test_actuals_use_the_recorded_volume(real: Playbook, pod: m.Pod) -> None:
    found = cycles.actuals(real, pod)
    assert found is not None
    assert pod.economics is not None
    counted = [r.review for r in real.pod_cycles(pod.id) if r.review.volume_handled]
    hours = sum(r.volume_handled * r.minutes_saved_per_unit / 60 for r in counted)  # type: ignore[operator]
    assert float(found.recovered) == pytest.approx(hours * pod.economics.hourly_rate)
    months = len(counted) * real.cycle.length_weeks * 7 * 12 / 365
    assert float(found.payback_months or 0) == pytest.approx(
        pod.economics.pod_cost / (float(found.recovered) / months))


def test_decision_rows_have_the_template_columns(real: Playbook, pod: m.Pod) -> None:
    columns = cycles.decision_columns(real)
    assert columns == tuple(c.name for c in real.template("decision-log").columns)
    rows = cycles.decision_rows(real, real.pod_cycles(pod.id))
    deploys = [r for r in real.pod_cycles(pod.id) if r.deploy and r.deploy.decision_log]
    assert [row.cycle for row in rows] == [r.number for r in deploys]
    first = rows[0]
    assert first.values[columns.index("Date")] == deploys[0].deploy.date.isoformat()  # type: ignore[union-attr]
    assert first.values[columns.index("Change")] == deploys[0].deploy.decision_log["change"]  # type: ignore[union-attr, index]


def test_diagnosis_reads_first_production_and_samples_from_records(real: Playbook) -> None:
    failing = real.pod("harbourline-procurement")
    assert failing.first_production_date is None
    first_deploy = min(r.deploy.date for r in real.pod_cycles(failing.id) if r.deploy and r.deploy.date)
    assert cycles.first_production(real, failing) == first_deploy
    result = diagnosis.check_nothing_in_production(real, failing, 90, failing.as_of or dt.date.today())
    assert result[0] == "clear"
    assert str(first_deploy) in result[1]
    without = dataclasses.replace(real, cycles=())
    today = failing.as_of or dt.date.today()
    assert diagnosis.check_nothing_in_production(without, failing, 90, today)[0] == "fired"
    reviewed = [r for r in real.pod_cycles(failing.id) if r.review.samples_reviewed]
    status, reason = diagnosis.check_no_sample_review(real, failing, 10_000, failing.as_of or dt.date.today())
    assert status == "clear"
    assert f"({reviewed[-1].review.samples_reviewed} samples)" in reason


# ---------------------------------------------------------------- loading


def _errors(tmp_path: Path, edit: dict[str, tuple[str, str]]) -> list[str]:
    import shutil

    from macros.model.errors import PlaybookDataError

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    for rel, (old, new) in edit.items():
        path = data / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PlaybookDataError) as err:
        load_playbook(data)
    return [str(e) for e in err.value.errors]


CS4 = f"pods/{POD}/cycle-04.yaml"


@pytest.mark.parametrize(("old", "new", "field", "words"), [
    ("adoption: 48", "adoption: 148", "cycle.review.adoption", "above the maximum"),
    ("    date: 2026-05-13", "    date: 2026-05-20", "cycle.deploy.date", "outside week 3 of cycle 4"),
    ("  number: 4", "  number: 5", "cycle.number", "in the file 'cycle-04.yaml'"),
    ("  pod: harbourline-customer-service", "  pod: harbourline-procurement", "cycle.pod",
     "does not match the folder"),
    ("decided_by:", "decided_bye:", "cycle.deploy.decision_log.decided_bye", "did you mean 'decided_by'?"),
    ("    rubric_change: ", "    #", "cycle.build.rubric_changed", "does not say why"),
])
def test_record_errors_name_file_line_and_field(tmp_path: Path, old: str, new: str, field: str,
                                                words: str) -> None:
    errors = _errors(tmp_path, {CS4: (old, new)})
    found = [e for e in errors if f"{field}:" in e and words in e]
    assert found, errors
    assert found[0].startswith(f"data/{CS4}:")


def test_rollback_needs_a_deploy(tmp_path: Path) -> None:
    errors = _errors(tmp_path, {CS4: ("    date: 2026-05-13\n", "")})
    assert any("cycle.deploy.rolled_back" not in e and "needs a deploy" in e for e in errors)
    errors = _errors(tmp_path / "b", {f"pods/{POD}/cycle-06.yaml": ("    date: 2026-07-08\n", "")})
    assert any("cycle.deploy.rolled_back:" in e and "needs a deploy" in e for e in errors)


def test_metric_must_be_the_pods(tmp_path: Path) -> None:
    old = "    samples_reviewed: 24"
    new = "    evaluation:\n      - metric: Precision\n        value: 90\n" + old
    errors = _errors(tmp_path, {CS4: (old, new)})
    assert any("cycle.review.evaluation[0].metric: the pod has no evaluation metric named "
               "'Precision'" in e for e in errors)


def test_cycle_numbers_are_contiguous(tmp_path: Path) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    folder = data / "pods" / POD
    (folder / "cycle-06.yaml").unlink()
    from macros.model.errors import PlaybookDataError

    with pytest.raises(PlaybookDataError) as err:
        load_playbook(data)
    assert any(str(e).startswith(f"data/pods/{POD}/cycle-07.yaml:") and "cycle 6 has no record" in str(e)
               for e in err.value.errors)


def test_every_flag_is_configured_with_its_source(real: Playbook) -> None:
    import typing

    assert sorted(f.check for f in real.cycle.flags) == sorted(typing.get_args(m.FlagCheck))
    assert all(f.cited for f in real.cycle.flags)
    assert limit(real, "few-samples") == 20  # the source's 20 to 30 samples, from its rule
    assert limit(real, "low-adoption") == 60  # the 60% the source ties to measurable returns


@pytest.mark.parametrize(("old", "new", "field", "words"), [
    ("  - check: rejection-rose", "  - check: error-rate-rose", "flags[2].check",
     "the check 'error-rate-rose' is listed twice"),
    ("    from_rule: sample-review", "    from_rule: sample-reviews", "flags[0].from_rule",
     "there is no cycle rule with id 'sample-reviews'; did you mean 'sample-review'?"),
    ("    threshold: 60\n", "", "flags[5]", "the check 'low-adoption' needs a number"),
])
def test_flag_rule_errors_name_file_line_and_field(tmp_path: Path, old: str, new: str,
                                                   field: str, words: str) -> None:
    errors = _errors(tmp_path, {"cycle.yaml": (old, new)})
    found = [e for e in errors if f" {field}: {words}" in e]
    assert found, errors
    assert found[0].startswith("data/cycle.yaml:")
