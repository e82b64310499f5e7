"""The real `data/` loads and carries the source brief's roles, cycle, figures and attributions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.load.loader import load_playbook
from macros.model import data as m
from macros.model.playbook import Playbook

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SOURCE_TEXT = Path("/work/shared/source/000_8b0555ab6906a82f.txt")

# Figures as printed in the source brief (read from the brief, not from data/).
SOURCE_FIGURES = (
    "60%", "bottom 60%", "top 40%", "1–3 domains", "100 use cases",
    "55%", "18%", "5%", "65–70%", "20–50%", "20%", "30–50%", "15–20%",
    "40 hours", "$170K–$193K", "$5,770", "$14,170", "63%", "one to two quarters", "2–3",
    "37%", "60%+", "31%", "41%", "20–30", "72 hours", "four weeks", "four-week",
    "+6pp", "−8%", "+14%", "approximately 50%", "139%", "90 days", "−12.6pp",
    "500-person", "30%", "$10K", "$3K/month", "2.5 FTE", "$150K", "$375K", "80%",
    "2 hours", "30 minutes", ">90%", ">95%", "75 minutes", "400", "$300/hour", "$180K",
    "month 14", "Year 2", "Stages 1 and 2", "Stage 3",
)

# Sample sizes as the brief prints them, per source id.
SOURCE_SAMPLES = {
    "bcg-ai-value-2025": ("n=1,250+",),
    "mckinsey-state-of-ai-2025": ("n=1,993",),
    "mit-cisr-ai-maturity": ("n=721", "n=152"),
    "pluralsight-2025": ("n=1,500",),
    "deloitte-2025": ("n=3,235",),
    "writer-workplace-intelligence": ("n=1,600",),
}

# Source ids page writers cite; they must not change.
CITED_SOURCE_IDS = (
    "bcg-ai-value-2025", "rewired-2024", "mckinsey-state-of-ai-2025", "mit-cisr-ai-maturity",
    "robert-half-2026", "pluralsight-2025", "gartner-2025", "deloitte-2025",
    "writer-workplace-intelligence", "google-cloud-assembly-line", "palantir-q4-2025", "pod-brief",
)

# role id -> (kind, first quarter min/max, steady state min/max, minimum, shareable across)
TIME = {
    "domain-owner": ("part-time", (20, 50), (15, 20), 20, 1),
    "workflow-designer": ("full-time", (100, 100), (100, 100), 100, 1),
    "ai-engineer": ("full-time", (100, 100), (100, 100), 100, 1),
    "data-engineer": ("full-time", (100, 100), (100, 100), 100, 3),
    "change-lead": ("part-time", (30, 50), (30, 50), 30, 1),
}

SCHEMA_LINE = re.compile(
    r"^# yaml-language-server: \$schema=(\.\./)+schemas/(?P<kind>[a-z-]+)\.schema\.json$")
KIND_BY_PATH = {
    "roles": "role", "diagnostics": "diagnostic", "pods": "pod", "templates": "template",
    "cycle.yaml": "cycle", "sources.yaml": "sources", "glossary.yaml": "glossary",
    "infrastructure.yaml": "infrastructure", "changelog.yaml": "changelog",
}


@pytest.fixture(scope="module")
def playbook() -> Playbook:
    """The real playbook."""
    return load_playbook(DATA)


def _finding_text(playbook: Playbook) -> list[str]:
    return [text for s in playbook.sources for f in s.findings for text in (f.figure, f.statement)]


def _sample_labels(source: m.Source) -> set[str]:
    return {f"n={s.n:,}{'+' if s.at_least else ''}" for s in source.samples}


def test_real_data_loads(playbook: Playbook) -> None:
    assert playbook.roles
    assert playbook.pods
    assert playbook.templates
    assert playbook.sources


def test_five_roles_in_order(playbook: Playbook) -> None:
    assert [r.id for r in playbook.roles] == list(TIME)
    assert [r.order for r in playbook.roles] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("role_id", list(TIME))
def test_time_commitment(playbook: Playbook, role_id: str) -> None:
    kind, first, steady, minimum, shareable = TIME[role_id]
    time = playbook.role(role_id).time
    assert time.kind == kind
    assert (time.first_quarter.min, time.first_quarter.max) == first
    assert (time.steady_state.min, time.steady_state.max) == steady
    assert time.minimum == minimum
    assert time.shareable_across == shareable


def test_project_manager_does_not_count_as_workflow_designer(playbook: Playbook) -> None:
    assert "Project Manager" in playbook.role("workflow-designer").not_covered_by


def test_every_activity_has_one_accountable_role(playbook: Playbook) -> None:
    role_ids = {r.id for r in playbook.roles}
    for _week, act in playbook.activities():
        assert [r.letter for r in act.raci].count("A") == 1, act.id
        assert {r.role for r in act.raci} <= role_ids, act.id
        assert len({r.role for r in act.raci}) == len(act.raci), act.id


def test_cycle_has_four_numbered_weeks(playbook: Playbook) -> None:
    assert [w.number for w in playbook.cycle.weeks] == [1, 2, 3, 4]


def test_cycle_rules_carry_the_source_numbers(playbook: Playbook) -> None:
    rules = {r.id: r for _w, act in playbook.activities() for r in act.rules}
    assert (rules["sample-review"].value, rules["sample-review"].max_value) == (20, 30)
    assert rules["sample-review"].unit == "samples"
    assert (rules["regression-watch"].value, rules["regression-watch"].unit) == (72, "hours")
    assert (rules["feedback-window"].value, rules["feedback-window"].unit) == (4, "weeks")


def test_cycle_results_cite_rewired(playbook: Playbook) -> None:
    figures = {playbook.finding(r.cited.source, r.cited.finding or "").figure
               for r in playbook.cycle.results}
    assert figures == {"+6pp", "−8%", "+14%", "approximately 50%"}


@pytest.mark.parametrize("figure", SOURCE_FIGURES)
def test_source_figure_is_a_finding(playbook: Playbook, figure: str) -> None:
    assert any(figure in text for text in _finding_text(playbook)), figure


@pytest.mark.parametrize("source_id", CITED_SOURCE_IDS)
def test_cited_source_ids_exist(playbook: Playbook, source_id: str) -> None:
    assert playbook.source(source_id).title


@pytest.mark.parametrize(("source_id", "labels"), list(SOURCE_SAMPLES.items()))
def test_sample_sizes(playbook: Playbook, source_id: str, labels: tuple[str, ...]) -> None:
    assert _sample_labels(playbook.source(source_id)) == set(labels)


def test_dates_of_sources(playbook: Playbook) -> None:
    bcg, rewired, palantir = (playbook.source(i) for i in
                              ("bcg-ai-value-2025", "rewired-2024", "palantir-q4-2025"))
    assert (bcg.year, bcg.month) == (2025, 9)
    assert (rewired.year, rewired.edition) == (2024, "2nd ed.")
    assert (palantir.year, palantir.quarter) == (2025, 4)
    assert playbook.source("writer-workplace-intelligence").year is None


def test_worked_example(playbook: Playbook) -> None:
    pod = playbook.pod("professional-services-revenue-cycle")
    assert pod.example
    assert pod.organisation.employees == 500
    held = {r.role: r for r in pod.roles}
    assert {k: v.allocation for k, v in held.items()} == {
        "domain-owner": 30, "workflow-designer": 100, "ai-engineer": 100,
        "data-engineer": 100, "change-lead": 20}
    assert held["workflow-designer"].training_investment == 10_000
    assert held["data-engineer"].shared_across == 2
    assert held["change-lead"].supplement_monthly_cost == 3_000
    econ = pod.economics
    assert econ is not None
    assert (econ.baseline_ftes, econ.loaded_cost_per_fte, econ.volume_per_year) == (2.5, 150_000, 400)
    assert (econ.minutes_saved_per_unit, econ.hourly_rate, econ.pod_cost) == (75, 300, 180_000)
    assert econ.source_payback_month == 14
    assert {(e.comparator, e.value) for e in pod.evaluation_metrics} == {(">", 90), (">", 95)}
    assert pod.targets[0].coverage_percent == 80
    assert set(pod.targets[1].inherits) == {"data-pipeline", "evaluation-harness"}


def test_only_the_worked_example_is_marked_example(playbook: Playbook) -> None:
    assert [p.id for p in playbook.pods if p.example] == ["professional-services-revenue-cycle"]


def _score(playbook: Playbook, review: m.Review) -> str:
    diagnostic = playbook.diagnostic(review.diagnostic)
    score = sum(s.weight for s in diagnostic.signals if review.signals[s.id])
    bands = sorted(diagnostic.verdicts, key=lambda band: band.min_score)
    return [b.verdict for b in bands if b.min_score <= score][-1]


@pytest.mark.parametrize(("pod_id", "verdict"), [
    ("professional-services-revenue-cycle", "healthy"),
    ("harbourline-customer-service", "healthy"),
    ("harbourline-procurement", "ghost-pod"),
])
def test_recorded_reviews_reach_sensible_verdicts(playbook: Playbook, pod_id: str, verdict: str) -> None:
    review = playbook.pod(pod_id).reviews[-1]
    assert _score(playbook, review) == verdict


def test_ghost_pod_bands(playbook: Playbook) -> None:
    diagnostic = playbook.diagnostic("ghost-pod")
    bands = {b.verdict: b.min_score for b in diagnostic.verdicts}
    assert bands == {"healthy": 0, "at-risk": 1, "ghost-pod": 2}
    weights = {s.id: s.weight for s in diagnostic.signals}
    assert weights["nothing-in-production"] >= bands["ghost-pod"]


@pytest.mark.parametrize("path", sorted(DATA.rglob("*.yaml")), ids=lambda p: p.relative_to(DATA).as_posix())
def test_file_starts_with_schema_line(path: Path) -> None:
    match = SCHEMA_LINE.match(path.read_text(encoding="utf-8").splitlines()[0])
    assert match is not None
    rel = path.relative_to(DATA)
    kind = "cycle-record" if rel.parts[0] == "pods" and len(rel.parts) == 3 else KIND_BY_PATH[rel.parts[0]]
    assert match["kind"] == kind
    assert match.group(0).count("../") == len(rel.parts)


needs_source = pytest.mark.skipif(not SOURCE_TEXT.is_file(), reason="source brief not available")


@needs_source
def test_listed_figures_are_in_the_source() -> None:
    text = SOURCE_TEXT.read_text(encoding="utf-8")
    missing = [f for f in SOURCE_FIGURES if f not in text]
    assert not missing


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9%$+−–-]+", text.lower().replace("’", "'"))


def _ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def _strings(value: object) -> list[str]:
    # A finding's figure is quoted exactly as published, so it is exempt.
    if isinstance(value, dict):
        return [s for k, v in value.items() if k != "figure" for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


@needs_source
def test_no_sentence_is_copied_from_the_source(playbook: Playbook) -> None:
    source = _ngrams(SOURCE_TEXT.read_text(encoding="utf-8"), 8)
    models = (*playbook.roles, playbook.cycle, *playbook.diagnostics, *playbook.pods,
              *playbook.templates, *playbook.sources, *playbook.glossary, *playbook.assets)
    copied = [text for model in models for text in _strings(model.model_dump())
              if _ngrams(text, 8) & source]
    assert not copied


def _page_exists(playbook: Playbook, url: str) -> bool:
    parts = url.strip("/").split("/")
    generated = {"pod-design": {r.id for r in playbook.roles},
                 "templates": {t.id for t in playbook.templates},
                 "pods": {p.id for p in playbook.pods}}
    if len(parts) == 2 and parts[1] in generated.get(parts[0], set()):
        return True
    base = ROOT / "docs" / "/".join(parts)
    return base.with_suffix(".md").is_file() or (base / "index.md").is_file()


def test_onboarding_paths_are_site_pages(playbook: Playbook) -> None:
    for role in playbook.roles:
        assert role.onboarding, role.id
        assert all(url.endswith("/") for url in role.onboarding), role.id
        missing = [url for url in role.onboarding if not _page_exists(playbook, url)]
        assert not missing, role.id
