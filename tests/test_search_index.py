"""The search index: front-matter keywords feed it, pods and pod lists have short summaries."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from macros.compute import diagnosis
from macros.load.loader import load_playbook
from macros.model.playbook import Playbook
from macros.render import pods
from macros.render.search_summaries import search_entries
from tests.htmlparse import parse

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def pb() -> Playbook:
    return load_playbook(ROOT / "data")


@pytest.fixture(scope="module")
def index(built_site: Path) -> dict[str, object]:
    return dict(json.loads((built_site / "search" / "search_index.json").read_text("utf-8")))


def test_every_pod_has_one_summary_naming_its_facts(pb: Playbook) -> None:
    entries = {e.location: e for e in search_entries(pb, TODAY)}
    check = pods.primary_diagnostic(pb)
    assert check is not None
    for pod in pb.pods:
        entry = entries[f"pods/{pod.id}/"]
        text = parse(entry.text).text
        owner = pods.domain_owner(pod)
        verdict = diagnosis.evaluate(pb, pod, check, TODAY)
        assert entry.title == pod.name
        for fact in (pod.organisation.name, pod.domain, pod.stage, verdict.band.label,
                     owner.holder if owner else "none"):
            assert fact in text, (pod.id, fact, text)
        assert entry.boost < 1  # a pod never outranks the page explaining its verdict


def test_summary_text_is_escaped(pb: Playbook) -> None:
    pod = pb.pods[0].model_copy(update={"domain": "<script>alert(1)</script>"})
    hostile = dataclasses.replace(pb, pods=(pod, *pb.pods[1:]))
    entry = next(e for e in search_entries(hostile, TODAY) if e.location == f"pods/{pod.id}/")
    assert "<script>" not in entry.text
    assert "<script>alert(1)</script>" in parse(entry.text).text


def test_summary_title_is_escaped(pb: Playbook) -> None:
    pod = pb.pods[0].model_copy(update={"name": 'Pod <img src="x" onerror="alert(1)">'})
    hostile = dataclasses.replace(pb, pods=(pod, *pb.pods[1:]))
    entry = next(e for e in search_entries(hostile, TODAY) if e.location == f"pods/{pod.id}/")
    assert "<img" not in entry.title
    assert parse(entry.title).text == pod.name


def test_the_built_index_holds_summaries_not_whole_pod_pages(
    index: dict[str, object], pb: Playbook
) -> None:
    docs = list(index["docs"])  # type: ignore[call-overload]
    locations = [d["location"] for d in docs]
    for pod in pb.pods:
        assert locations.count(f"pods/{pod.id}/") == 1
        assert not [loc for loc in locations if loc.startswith(f"pods/{pod.id}/#")]
    assert "pods/by-stage/production/" in locations
    assert "pods/browse/" in locations
    assert not [d for d in docs if "PBFINISHED" in d["text"]], "a placeholder was indexed"


def test_front_matter_keywords_reach_the_index_with_their_boost(index: dict[str, object]) -> None:
    config = index["config"]
    assert config["fields"]["keywords"]["boost"] >= config["fields"]["text"]["boost"]  # type: ignore[index]
    docs = {d["location"]: d for d in index["docs"]}  # type: ignore[attr-defined]
    front = (ROOT / "docs" / "maintain" / "hosting.md").read_text("utf-8")
    assert "single sign-on" in front
    assert "single sign-on" in docs["maintain/hosting/"]["keywords"]
    assert "roll back" in docs["templates/rollback-procedure/"]["keywords"]  # from data/templates
    assert "keywords" not in docs["maintain/hosting/#step-by-step"]


def test_search_runs_through_the_question_worker(built_site: Path) -> None:
    html = (built_site / "index.html").read_text("utf-8")
    config = json.loads(parse(html).find("script", id_="__config").text)
    worker, _, material = config["search"].partition("?material=")
    assert worker.endswith("assets/javascripts/workers/questions.js")
    assert (built_site / "assets" / "javascripts" / "workers" / material).is_file()
    assert (built_site / "assets" / "javascripts" / "workers" / "questions.js").is_file()
