"""Diagnosis: automatic ghost-pod signals, staffing against the role guidance, review trends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from macros.compute import cycles
from macros.compute.figures import dollars, metric_text, percent_range
from macros.model import data as m
from macros.model.data import DOMAIN_OWNER, WORKFLOW_DESIGNER
from macros.model.playbook import Playbook

FULL_TIME = 100

Status = Literal["fired", "clear", "unknown", "manual"]
DeviationKind = Literal["missing", "not-full-time", "below-minimum", "outside-range",
                        "title-not-covered", "over-shared"]


# Each kind of departure from the role guidance, as readers see it.
KIND_LABELS: dict[str, str] = {
    "missing": "Role missing",
    "not-full-time": "Not full time",
    "below-minimum": "Below the minimum",
    "outside-range": "Outside the usual range",
    "title-not-covered": "Job title does not cover the role",
    "over-shared": "Shared across too many pods",
}


@dataclass(frozen=True)
class SignalResult:
    """One signal's answer from data: fired, clear, unknown (data cannot say) or manual."""

    signal: m.Signal
    status: Status
    reason: str


@dataclass(frozen=True)
class Diagnosis:
    """A diagnostic evaluated on a pod's data as of `today`."""

    diagnostic: m.Diagnostic
    pod_id: str
    today: dt.date
    results: tuple[SignalResult, ...]
    score: int
    band: m.VerdictBand


@dataclass(frozen=True)
class Deviation:
    """A way a pod's staffing departs from a role's guidance."""

    role: m.Role
    holder: m.PodRole | None
    kind: DeviationKind
    finding: str
    guidance: str
    cited: tuple[m.Citation, ...]


@dataclass(frozen=True)
class TrendPoint:
    """One committed review: its date, score and verdict."""

    review: m.Review
    score: int
    band: m.VerdictBand


# ---------------------------------------------------------------- automatic checks


def _holder(pod: m.Pod, role_id: str) -> m.PodRole | None:
    return next((held for held in pod.roles if held.role == role_id), None)


def _known_role(pb: Playbook, role_id: str) -> m.Role | None:
    return next((role for role in pb.roles if role.id == role_id), None)


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


def check_nothing_in_production(pb: Playbook, pod: m.Pod, days: int | None,
                                today: dt.date) -> tuple[Status, str]:
    """Fired when the pod launched more than `days` ago and nothing reached production.

    The first production date is the pod's own, else its first deploy in the cycle records.
    """
    if pod.launch_date is None:
        return "unknown", "no launch date recorded"
    if days is None:
        return "unknown", "the signal sets no number of days"
    age = (today - pod.launch_date).days
    live = cycles.first_production(pb, pod)
    if live is not None and live <= today:
        lead = (live - pod.launch_date).days
        return "clear", (f"launched {pod.launch_date}, first in production "
                         f"{live} ({_days(lead)} after launch)")
    if age < 0:
        return "clear", f"launches {pod.launch_date}, in {_days(-age)}"
    if age > days:
        return "fired", f"launched {pod.launch_date}, {_days(age)} ago, nothing in production"
    return "clear", (f"launched {pod.launch_date}, {_days(age)} ago; nothing in production "
                     f"yet, the {days}-day mark is {pod.launch_date + dt.timedelta(days=days)}")


def check_no_evaluation_metrics(pb: Playbook, pod: m.Pod, days: int | None,
                                today: dt.date) -> tuple[Status, str]:
    """Fired when the pod records no evaluation metric."""
    if not pod.evaluation_metrics:
        return "fired", "no evaluation metric recorded"
    names = ", ".join(metric_text(e) for e in pod.evaluation_metrics)
    return "clear", f"{len(pod.evaluation_metrics)} recorded: {names}"


def check_domain_owner_below_minimum(pb: Playbook, pod: m.Pod, days: int | None,
                                     today: dt.date) -> tuple[Status, str]:
    """Fired when nobody holds the domain-owner role, or below the role's minimum time."""
    role = _known_role(pb, DOMAIN_OWNER)
    if role is None:
        return "unknown", f"the playbook defines no '{DOMAIN_OWNER}' role"
    held = _holder(pod, role.id)
    if held is None:
        return "fired", f"nobody holds the {role.name} role"
    where = f"{held.holder} at {held.allocation}%"
    phase = phase_of(pb, pod, today)
    least = floor_for(role.time, phase)
    when = "first quarter" if phase == "first_quarter" else "steady state"
    if held.allocation < least:
        return "fired", f"{where}, below the {least}% minimum for the {when}"
    return "clear", f"{where}, at or above the {least}% minimum for the {when}"


def phase_of(pb: Playbook, pod: m.Pod, today: dt.date) -> str:
    """'first_quarter' until a quarter of cycles has passed since launch, then 'steady_state'."""
    if pod.launch_date is None:
        return "first_quarter"
    quarter_days = 7 * pb.cycle.quarter_weeks
    return "first_quarter" if (today - pod.launch_date).days < quarter_days else "steady_state"


def floor_for(time: m.TimeCommitment, phase: str) -> int:
    """The least time a role may get in a phase: its minimum, or the lower steady-state range."""
    if phase == "first_quarter":
        return time.minimum
    return min(time.minimum, time.steady_state.min)


def _not_covering(role: m.Role, held: m.PodRole) -> str | None:
    title = held.holder.casefold()
    return next((t for t in role.not_covered_by if t.casefold() in title), None)


def check_workflow_designer_not_dedicated(pb: Playbook, pod: m.Pod, days: int | None,
                                          today: dt.date) -> tuple[Status, str]:
    """Fired when the designer is missing, part-time in a full-time role, or the wrong job."""
    role = _known_role(pb, WORKFLOW_DESIGNER)
    if role is None:
        return "unknown", f"the playbook defines no '{WORKFLOW_DESIGNER}' role"
    held = _holder(pod, role.id)
    if held is None:
        return "fired", f"nobody holds the {role.name} role"
    wrong = _not_covering(role, held)
    if wrong is not None:
        return "fired", f"held by {held.holder}; a {wrong} does not cover this role"
    if role.time.kind == "full-time" and held.allocation < FULL_TIME:
        return "fired", f"{held.holder} at {held.allocation}% in a full-time role"
    return "clear", f"{held.holder} at {held.allocation}%"


def check_no_sample_review(pb: Playbook, pod: m.Pod, days: int | None,
                           today: dt.date) -> tuple[Status, str]:
    """Fired when a pod in production has no sample review within the last `days` days.

    Reviews come from the pod's list and from its cycle records.
    """
    live = cycles.first_production(pb, pod)
    if live is None or live > today:
        return "unknown", "not in production yet, so there is no output to review"
    if days is None:
        return "unknown", "the signal sets no number of days"
    done = [r for r in cycles.sample_reviews(pb, pod) if r.date <= today]
    if not done:
        return "fired", f"in production since {live}, no sample review recorded"
    last = done[-1]
    age = (today - last.date).days
    what = f"last sample review {last.date} ({last.samples} samples), {_days(age)} ago"
    return ("fired", f"{what}, more than {days}") if age > days else ("clear", what)


Check = Callable[[Playbook, m.Pod, int | None, dt.date], tuple[Status, str]]

CHECKS: dict[str, Check] = {
    "nothing-in-production": check_nothing_in_production,
    "no-evaluation-metrics": check_no_evaluation_metrics,
    "domain-owner-below-minimum": check_domain_owner_below_minimum,
    "workflow-designer-not-dedicated": check_workflow_designer_not_dedicated,
    "no-sample-review": check_no_sample_review,
}


def band_for(diagnostic: m.Diagnostic, score: int) -> m.VerdictBand:
    """The verdict band with the highest `min_score` not above `score`."""
    reached = [b for b in diagnostic.verdicts if b.min_score <= score]
    # The loader requires a band at 0, so `reached` is empty only for hand-built models.
    pool = reached or [min(diagnostic.verdicts, key=lambda b: b.min_score)]
    return max(pool, key=lambda b: b.min_score)


def _signal_result(pb: Playbook, pod: m.Pod, signal: m.Signal, today: dt.date) -> SignalResult:
    if signal.auto is None:
        return SignalResult(signal, "manual", "the data cannot answer this; ask it in a review")
    status, reason = CHECKS[signal.auto.check](pb, pod, signal.auto.days, today)
    return SignalResult(signal, status, reason)


def evaluate(pb: Playbook, pod: m.Pod, diagnostic: m.Diagnostic, today: dt.date) -> Diagnosis:
    """Answer every automatic signal from the pod's data and score the result."""
    today = pod.as_of or today
    results = tuple(_signal_result(pb, pod, s, today) for s in diagnostic.signals)
    score = sum(r.signal.weight for r in results if r.status == "fired")
    return Diagnosis(diagnostic, pod.id, today, results, score, band_for(diagnostic, score))


# ---------------------------------------------------------------- composition


def supplement_text(held: m.PodRole | None) -> str | None:
    """How a role's holder is supplemented, e.g. 'supplemented by an agency at $3,000 a month'."""
    if held is None or not held.supplement:
        return None
    cost = held.supplement_monthly_cost
    return f"supplemented by {held.supplement}" + (
        "" if cost is None else f" at {dollars(cost)} a month")


def guidance_text(time: m.TimeCommitment) -> str:
    """A role's time guidance in words, e.g. '30–50% in the first quarter, … never below 20%'."""
    first, steady = percent_range(time.first_quarter), percent_range(time.steady_state)
    phases = (f"{first} in the first quarter and in steady state" if first == steady
              else f"{first} in the first quarter, {steady} in steady state")
    least = floor_for(time, "steady_state")
    if least == time.minimum:
        return f"{phases}, never below {time.minimum}%"
    return f"{phases}; at least {time.minimum}% in the first quarter and {least}% after it"


def _in_range(time: m.TimeCommitment, allocation: int) -> bool:
    return any(r.min <= allocation <= r.max for r in (time.first_quarter, time.steady_state))


def role_citations(role: m.Role) -> tuple[m.Citation, ...]:
    """The citations behind a role's time guidance (its facts' when the guidance has none)."""
    return role.time.cited or tuple(fact.cited for fact in role.facts)


def _deviation(role: m.Role, held: m.PodRole | None, kind: DeviationKind, finding: str,
               guidance: str) -> Deviation:
    return Deviation(role, held, kind, finding, guidance, role_citations(role))


def _allocation_deviation(role: m.Role, held: m.PodRole) -> Deviation | None:
    time, share, guide = role.time, held.allocation, guidance_text(role.time)
    if time.kind == "full-time" and held.shared_across == 1 and share < FULL_TIME:
        return _deviation(role, held, "not-full-time", f"{held.holder} at {share}% in a "
                          "full-time role", f"full-time ({guide})")
    if share < floor_for(time, "steady_state"):
        return _deviation(role, held, "below-minimum", f"{held.holder} at {share}%, below the "
                          f"{floor_for(time, 'steady_state')}% minimum", guide)
    if not _in_range(time, share):
        return _deviation(role, held, "outside-range", f"{held.holder} at {share}%", guide)
    return None


def _role_deviations(role: m.Role, held: m.PodRole) -> list[Deviation]:
    found = [_allocation_deviation(role, held)]
    wrong = _not_covering(role, held)
    if wrong is not None:
        found.append(_deviation(role, held, "title-not-covered", f"held by {held.holder}",
                                f"a {wrong} does not cover the {role.name} role"))
    limit = role.time.shareable_across
    if held.shared_across > limit:
        found.append(_deviation(role, held, "over-shared", f"{held.holder} serves "
                                f"{held.shared_across} pods", f"one person may serve at most "
                                f"{limit} pod{'' if limit == 1 else 's'} in this role"))
    return [d for d in found if d is not None]


def composition(pb: Playbook, pod: m.Pod) -> list[Deviation]:
    """Every departure of the pod's staffing from the role guidance, in role order."""
    found: list[Deviation] = []
    for role in sorted(pb.roles, key=lambda r: r.order):
        held = _holder(pod, role.id)
        if held is None:
            found.append(_deviation(role, None, "missing", "nobody holds this role",
                                    f"every pod needs a {role.name}: {guidance_text(role.time)}"))
        else:
            found.extend(_role_deviations(role, held))
    return found


def review_trend(pod: m.Pod, diagnostic: m.Diagnostic) -> list[TrendPoint]:
    """The pod's committed reviews of `diagnostic`, scored, oldest first."""
    weights = {s.id: s.weight for s in diagnostic.signals}
    points = []
    for review in sorted(pod.reviews, key=lambda r: r.date):
        if review.diagnostic == diagnostic.id:
            score = sum(weights.get(sid, 0) for sid, yes in review.signals.items() if yes)
            points.append(TrendPoint(review, score, band_for(diagnostic, score)))
    return points


@dataclass(frozen=True)
class ScoreGap:
    """Why the latest committed review and the automatic diagnosis score a pod differently."""

    review: TrendPoint
    automatic: int
    unanswerable: tuple[SignalResult, ...]  # ticked in the review; the data cannot answer them
    cleared: tuple[SignalResult, ...]  # ticked in the review; the data now finds them not fired
    data_only: tuple[SignalResult, ...]  # fired by the data; not ticked in the review


def score_gap(found: Diagnosis, trend: list[TrendPoint]) -> ScoreGap | None:
    """The signals behind a difference between the latest review and the diagnosis, if any."""
    if not trend or trend[-1].score == found.score:
        return None
    latest = trend[-1]
    ticked = {sid for sid, yes in latest.review.signals.items() if yes}
    only_ticked = [r for r in found.results if r.signal.id in ticked and r.status != "fired"]
    return ScoreGap(latest, found.score,
                    tuple(r for r in only_ticked if r.status in ("unknown", "manual")),
                    tuple(r for r in only_ticked if r.status == "clear"),
                    tuple(r for r in found.results
                          if r.status == "fired" and r.signal.id not in ticked))
