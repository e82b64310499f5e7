"""Typed, immutable models for everything the playbook holds in `data/`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StringConstraints

# Strict scalars: YAML 1.1 guesses types, so a field never coerces one type into another.
Text = Annotated[str, StringConstraints(strict=True, min_length=1, strip_whitespace=False)]
Id = Annotated[
    str, StringConstraints(strict=True, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)
]
Percent = Annotated[StrictInt, Field(ge=0, le=100)]
Count = Annotated[StrictInt, Field(ge=0)]
Money = Annotated[StrictInt, Field(ge=0, description="US dollars, whole dollars")]
Number = Annotated[float, Field(strict=False, ge=0)]
Date = Annotated[dt.date, Field(strict=True)]
Year = Annotated[StrictInt, Field(ge=1900, le=2100)]
Rate = Annotated[float, Field(strict=True, ge=0, le=100, description="percent, 0 to 100")]
Reading = Annotated[float, Field(strict=True, description="a measured value")]


class Model(BaseModel):
    """Base for every data model: unknown fields are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Citation(Model):
    """A reference to a source in `data/sources.yaml`, optionally to a place in it."""

    source: Id
    finding: Id | None = None
    locator: Text | None = Field(None, description="Chapter, exhibit or page, e.g. 'Ch. 12-13'")


# ---------------------------------------------------------------- sources


class Sample(Model):
    """Who a study asked: its sample size and population."""

    n: Annotated[StrictInt, Field(ge=1)]
    at_least: StrictBool = Field(False, description="true when the source says 'n=1,250+'")
    population: Text | None = None
    survey: Text | None = None
    year: Year | None = None


class Finding(Model):
    """One figure a source reports, restated in our own words."""

    id: Id
    figure: Text = Field(description="The figure exactly as published, e.g. '60%'")
    statement: Text = Field(description="What the figure means, in our own words")


class Source(Model):
    """A publication the playbook cites."""

    id: Id
    publisher: Text
    title: Text
    authors: tuple[Text, ...] = ()
    edition: Text | None = None
    year: Year | None = None
    month: Annotated[StrictInt, Field(ge=1, le=12)] | None = None
    quarter: Annotated[StrictInt, Field(ge=1, le=4)] | None = None
    samples: tuple[Sample, ...] = ()
    note: Text | None = None
    findings: tuple[Finding, ...] = ()


class SourcesFile(Model):
    """`data/sources.yaml`."""

    sources: tuple[Source, ...]


# ---------------------------------------------------------------- roles


class PercentRange(Model):
    """A share of working time, as a minimum and maximum percent."""

    min: Percent
    max: Percent


class TimeCommitment(Model):
    """How much of a person's time a role takes, by phase."""

    kind: Literal["full-time", "part-time"]
    first_quarter: PercentRange
    steady_state: PercentRange
    minimum: Percent = Field(description="Below this the role is not really staffed")
    shareable_across: Annotated[StrictInt, Field(ge=1, le=10)] = Field(
        1, description="How many pods one person in this role may serve at once"
    )
    notes: tuple[Text, ...] = ()
    cited: tuple[Citation, ...] = ()


class Fact(Model):
    """A statement carrying a figure, with the source behind it."""

    text: Text
    cited: Citation


# Role ids the engine relies on: the automatic checks, the registry and the calendars name them.
DOMAIN_OWNER = "domain-owner"
WORKFLOW_DESIGNER = "workflow-designer"


class Role(Model):
    """One of the five pod roles."""

    id: Id
    order: Annotated[StrictInt, Field(ge=1, le=20)]
    name: Text
    short_name: Text
    purpose: Text = Field(description="One line: why the pod needs this role")
    who: Text
    does: tuple[Text, ...]
    is_not: tuple[Text, ...]
    examples: tuple[Text, ...] = ()
    time: TimeCommitment
    why_missing: Text = Field(description="Why the role gets cut, skipped or is hard to fill")
    not_covered_by: tuple[Text, ...] = Field(
        (), description="Job titles that do not count as holding this role"
    )
    facts: tuple[Fact, ...] = ()
    evolution: Text | None = None
    onboarding: tuple[Text, ...] = Field((), description="Page paths a new holder reads, in order")
    keywords: tuple[Text, ...] = Field(
        (), description="Words and phrases readers search with that the page may not use"
    )


class RolesFile(Model):
    """One file under `data/roles/`."""

    role: Role


# ---------------------------------------------------------------- cycle


class Raci(Model):
    """A role's part in an activity."""

    role: Id
    letter: Literal["R", "A", "C", "I"]


class Rule(Model):
    """A rule with a number in it, e.g. review 20 to 30 samples."""

    id: Id
    text: Text
    value: Annotated[StrictInt, Field(ge=0)]
    max_value: Annotated[StrictInt, Field(ge=0)] | None = None
    unit: Text


class Activity(Model):
    """Something the pod does in a given week."""

    id: Id
    title: Text
    description: Text
    raci: tuple[Raci, ...]
    outputs: tuple[Id, ...] = Field((), description="Template ids this activity produces")
    rules: tuple[Rule, ...] = ()


class Week(Model):
    """One week of the four-week cycle."""

    number: Annotated[StrictInt, Field(ge=1, le=4)]
    title: Text
    goal: Text
    activities: tuple[Activity, ...]


FlagCheck = Literal[
    "few-samples",
    "error-rate-rose",
    "rejection-rose",
    "deploy-without-decision",
    "metric-below-target",
    "low-adoption",
    "no-expansion-candidate",
    "missed-cycle",
]


class FlagRule(Model):
    """A rule a pod's cycle records are checked against, with its threshold and source."""

    check: FlagCheck
    title: Text
    rule: Text = Field(description="The rule in words, as readers see it")
    action: Text = Field(description="What the pod does when the flag is raised")
    threshold: Annotated[float, Field(strict=True, ge=0)] | None = None
    from_rule: Id | None = Field(None, description="Take the threshold from this cycle rule id")
    unit: Text | None = None
    note: Text | None = None
    cited: tuple[Citation, ...] = ()


Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[Weekday, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday",
                                 "saturday", "sunday")


class CycleFile(Model):
    """`data/cycle.yaml`."""

    title: Text
    length_weeks: Annotated[StrictInt, Field(
        ge=3, le=8, description="Weeks per cycle; at least 3, as week 3 is the deploy week")]
    quarter_weeks: Annotated[StrictInt, Field(ge=4, le=16)] = 13
    working_days: Annotated[tuple[Weekday, ...], Field(min_length=1)] = Field(
        ("monday", "tuesday", "wednesday", "thursday", "friday"),
        description="The days pods work; briefings and checkpoints move to the working day "
                    "before, and each calendar week starts on its first working day")
    weeks: tuple[Week, ...]
    results: tuple[Fact, ...] = ()
    flags: tuple[FlagRule, ...] = ()


# ---------------------------------------------------------------- diagnostics

AutoCheckName = Literal[
    "nothing-in-production",
    "no-evaluation-metrics",
    "domain-owner-below-minimum",
    "workflow-designer-not-dedicated",
    "no-sample-review",
]


class AutoCheck(Model):
    """How a signal is evaluated from a pod's data, where the data can answer it."""

    check: AutoCheckName
    days: Annotated[StrictInt, Field(ge=1)] | None = None


class Signal(Model):
    """One ghost-pod signal."""

    id: Id
    title: Text
    question: Text
    why: Text
    threshold: Text
    action: Text
    weight: Annotated[StrictInt, Field(ge=1, le=10)] = 1
    auto: AutoCheck | None = None


class VerdictBand(Model):
    """A verdict reached when the score is at least `min_score`."""

    verdict: Literal["healthy", "at-risk", "ghost-pod"]
    min_score: Count
    label: Text
    meaning: Text


class Diagnostic(Model):
    """A diagnostic: signals plus the rule that turns answers into a verdict."""

    id: Id
    title: Text
    summary: Text
    signals: tuple[Signal, ...]
    verdicts: tuple[VerdictBand, ...]


class DiagnosticFile(Model):
    """One file under `data/diagnostics/`."""

    diagnostic: Diagnostic


# ---------------------------------------------------------------- infrastructure


class Asset(Model):
    """A piece of shared infrastructure a pod builds once and others inherit."""

    id: Id
    name: Text
    first_pod_builds: Text
    next_pod_inherits: Text
    governed_by: Text = "AI Center of Excellence"


class AssetsFile(Model):
    """`data/infrastructure.yaml`."""

    assets: tuple[Asset, ...]


# ---------------------------------------------------------------- templates


class TemplateField(Model):
    """A field or column of a template."""

    name: Text
    guidance: Text
    example: Text | None = None


class TemplateSection(Model):
    """A section of a document template."""

    title: Text
    guidance: Text
    fields: tuple[TemplateField, ...] = ()


class Template(Model):
    """An artefact a pod produces, e.g. the decision log."""

    id: Id
    title: Text
    purpose: Text
    owner: Id = Field(description="Role id of the role that keeps it")
    sections: tuple[TemplateSection, ...] = ()
    columns: tuple[TemplateField, ...] = Field(
        (), description="Set for table templates; they also download as CSV"
    )
    cited: tuple[Citation, ...] = ()
    keywords: tuple[Text, ...] = Field(
        (), description="Words and phrases readers search with that the page may not use"
    )


def column_key(name: str) -> str:
    """The field name a table template's column takes in records: 'Expected impact' → 'expected_impact'."""
    return "_".join("".join(c if c.isalnum() else " " for c in name.casefold()).split())


class TemplateFile(Model):
    """One file under `data/templates/`."""

    template: Template


# ---------------------------------------------------------------- glossary and changelog


class Term(Model):
    """A glossary entry; abbreviations become tooltips site-wide."""

    term: Text
    expansion: Text | None = None
    definition: Text


class GlossaryFile(Model):
    """`data/glossary.yaml`."""

    terms: tuple[Term, ...]


class Change(Model):
    """A change to the playbook that readers should know about."""

    date: Date
    summary: Text
    roles: tuple[Id, ...] = ()
    pages: tuple[Text, ...] = ()


class ChangelogFile(Model):
    """`data/changelog.yaml`."""

    changes: tuple[Change, ...]


# ---------------------------------------------------------------- pods


class Organisation(Model):
    """Who runs the pod."""

    name: Text
    sector: Text
    employees: Annotated[StrictInt, Field(ge=1)]
    segment: Text | None = None


class PodRole(Model):
    """Who holds one role in a pod, and how much of their time it gets."""

    role: Id
    holder: Text = Field(description="Job title of the person holding the role")
    allocation: Percent
    shared_across: Annotated[StrictInt, Field(ge=1, le=20)] = 1
    note: Text | None = None
    supplement: Text | None = None
    supplement_monthly_cost: Money | None = None
    training_investment: Money | None = None


class Target(Model):
    """What the pod commits to in one quarter."""

    quarter: Annotated[StrictInt, Field(ge=1, le=40)]
    title: Text
    scope: Text
    metric: Text
    baseline: Text | None = None
    goal: Text | None = None
    coverage_percent: Percent | None = None
    inherits: tuple[Id, ...] = Field((), description="Asset ids reused from earlier work")


class EvalMetric(Model):
    """An evaluation target, e.g. precision above 90 percent."""

    name: Text
    comparator: Literal[">", ">=", "<", "<="]
    value: Number
    unit: Text


class PodAsset(Model):
    """An asset a pod built itself or inherited from another pod."""

    asset: Id
    status: Literal["built", "inherited"]
    detail: Text
    from_pod: Id | None = None


class SampleReview(Model):
    """A recorded domain-owner review of production output samples."""

    date: Date
    samples: Annotated[StrictInt, Field(ge=1)]


class Review(Model):
    """A dated ghost-pod review, as copied from the checklist."""

    date: Date
    diagnostic: Id
    signals: dict[Id, StrictBool]
    reviewer: Text | None = None
    note: Text | None = None


class Economics(Model):
    """Inputs to the pod's business case. Every derived number is computed from these."""

    baseline_ftes: Number
    loaded_cost_per_fte: Money
    volume_per_year: Annotated[StrictInt, Field(ge=1)]
    volume_unit: Text
    minutes_saved_per_unit: Annotated[StrictInt, Field(ge=1)]
    hourly_rate: Money
    pod_cost: Money
    horizon_years: Annotated[StrictInt, Field(ge=1, le=10)] = 3
    source_payback_month: Annotated[StrictInt, Field(ge=1)] | None = None
    cited: Citation | None = None


class Pod(Model):
    """A registered AI delivery pod: one file under `data/pods/`."""

    id: Id
    name: Text
    organisation: Organisation
    domain: Text
    domain_scope: tuple[Text, ...] = ()
    business_metric: Text
    kpi: Text | None = None
    stage: Literal["forming", "building", "production", "scaling", "closed"]
    launch_date: Date | None = None
    first_production_date: Date | None = None
    roles: tuple[PodRole, ...]
    targets: tuple[Target, ...] = ()
    evaluation_metrics: tuple[EvalMetric, ...] = ()
    infrastructure: tuple[PodAsset, ...] = ()
    sample_reviews: tuple[SampleReview, ...] = ()
    reviews: tuple[Review, ...] = ()
    economics: Economics | None = None
    example: StrictBool = Field(False, description="true for the playbook's worked example")
    as_of: Date | None = Field(
        None, description="Diagnose and date this pod as of this day instead of the build date "
        "(for illustrative pods, whose data describes one moment)")


class PodFile(Model):
    """One file under `data/pods/`."""

    pod: Pod


# ---------------------------------------------------------------- cycle records

AdjustmentKind = Literal["prompt-regression", "data-quality", "workflow-redesign", "training-gap"]


class KpiReading(Model):
    """The business KPI this cycle, against its baseline."""

    value: Reading
    baseline: Reading
    unit: Text
    lower_is_better: StrictBool = Field(False, description="true when a fall is an improvement")


class EvalReading(Model):
    """This cycle's value of one of the pod's evaluation metrics."""

    metric: Text = Field(description="The name of one of the pod's evaluation_metrics")
    value: Reading


class Adjustment(Model):
    """The highest-priority adjustment chosen in week 1."""

    kind: AdjustmentKind
    summary: Text


class CycleReview(Model):
    """Week 1: production performance and the adjustment chosen."""

    date: Date
    task_success_rate: Rate | None = None
    error_rate: Rate | None = None
    adoption: Rate | None = Field(None, description="% of eligible users actively using it")
    kpi: KpiReading | None = None
    evaluation: tuple[EvalReading, ...] = ()
    samples_reviewed: Count = Field(description="Production outputs the domain owner read")
    samples_reviewed_on: Date | None = None
    volume_handled: Count | None = Field(None, description="Units the workflow handled")
    minutes_saved_per_unit: Annotated[float, Field(strict=True, ge=0)] | None = None
    adjustment: Adjustment | None = None


class CycleBuild(Model):
    """Week 2: the rubric and the user feedback."""

    rubric_changed: StrictBool
    rubric_change: Text | None = Field(None, description="Why the rubric changed")
    feedback_patterns: tuple[Text, ...] = ()


class CycleDeploy(Model):
    """Week 3: the release, its 72-hour regression watch and its decision-log entry."""

    date: Date | None = Field(None, description="The day the change reached production")
    error_rate_before: Rate | None = None
    error_rate_72h: Rate | None = None
    rejection_rate_before: Rate | None = None
    rejection_rate_72h: Rate | None = None
    rolled_back: StrictBool = False
    decision_log: dict[str, Text] | None = Field(
        None, description="One value per column of the decision-log template")


class CycleBriefing(Model):
    """Week 4: the domain owner briefing and the expansion candidate."""

    date: Date
    expansion_candidate: Text | None = None
    decision: Literal["approved", "deferred", "declined", "pending"] | None = None
    decision_note: Text | None = None
    blockers: tuple[Text, ...] = ()


class CycleRecord(Model):
    """One pod's record of one four-week cycle."""

    pod: Id
    number: Annotated[StrictInt, Field(ge=1, le=400)]
    illustrative: StrictBool = Field(False, description="true for invented example records")
    review: CycleReview
    build: CycleBuild | None = None
    deploy: CycleDeploy | None = None
    briefing: CycleBriefing | None = None


class CycleRecordFile(Model):
    """One file `data/pods/<pod id>/cycle-<NN>.yaml`."""

    cycle: CycleRecord
