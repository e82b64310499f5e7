"""Consistent numbers: where a committed review and the automatic diagnosis differ, say why."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from macros.compute.diagnosis import evaluate, review_trend, score_gap
from macros.load.loader import load_playbook
from macros.render import diagnostics
from tests.htmlparse import parse

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 12, 1)


def test_every_gap_is_explained_by_the_signals_it_names() -> None:
    pb = load_playbook(ROOT / "data")
    explained = 0
    for pod in pb.pods:
        for diagnostic in pb.diagnostics:
            found, trend = evaluate(pb, pod, diagnostic, TODAY), review_trend(pod, diagnostic)
            gap = score_gap(found, trend)
            if not trend or trend[-1].score == found.score:
                assert gap is None
                continue
            assert gap is not None
            ticked_only = sum(r.signal.weight for r in gap.unanswerable + gap.cleared)
            fired_only = sum(r.signal.weight for r in gap.data_only)
            # The named signals account for the whole difference, nothing more or less.
            assert gap.review.score - gap.automatic == ticked_only - fired_only, pod.id
            assert all(r.status in ("unknown", "manual") for r in gap.unanswerable)
            explained += 1
    assert explained >= 1, "the data has a pod whose review and diagnosis differ (procurement)"


def test_the_pod_page_says_why_next_to_the_two_scores() -> None:
    pb = load_playbook(ROOT / "data")
    for pod in pb.pods:
        diagnostic = pb.diagnostics[0]
        gap = score_gap(evaluate(pb, pod, diagnostic, TODAY), review_trend(pod, diagnostic))
        html = parse(diagnostics.pod_diagnosis(pb, pod.id, "../../", TODAY))
        notes = html.find_all("p", cls="pod-diagnosis__gap")
        if gap is None:
            assert not notes, pod.id
            continue
        text = notes[0].text
        assert f"scores {gap.review.score}, this diagnosis {gap.automatic}" in text
        for result in gap.unanswerable + gap.cleared + gap.data_only:
            assert result.signal.title in text


def test_no_list_of_sources_names_a_source_twice(built_site: Path) -> None:
    problems = []
    for page in ("pods/harbourline-procurement", "pod-design/domain-owner",
                 "pod-design/data-engineer", "worked-example"):
        html = parse((built_site / page / "index.html").read_text("utf-8"))
        for cell in html.find_all("td") + html.find_all("p", cls="pb-role-sources"):
            names = [a.text for a in cell.find_all("a") if "sources/" in a.attrs.get("href", "")]
            if len(names) != len(set(names)):
                problems.append(f"{page}: {cell.text[:100]}")
    assert not problems, "\n".join(problems)
