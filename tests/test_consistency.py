"""Facts that contradict each other across fields and files are errors, with FILE:LINE and a fix."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from macros.load.loader import load_playbook
from macros.model.errors import PlaybookDataError
from tests.test_loader import MINI, assert_one, line_of, replace

ACME, BETA = "data/pods/acme.yaml", "data/pods/beta.yaml"
TODAY = dt.date(2026, 11, 18)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A writable copy of the mini fixture, in a folder called data/."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target


def errors_at(data: Path, today: dt.date = TODAY) -> list[str]:
    """The error lines for `data` as of the build date `today`."""
    with pytest.raises(PlaybookDataError) as info:
        load_playbook(data, today)
    return [str(error) for error in info.value.errors]


def assert_has(errors: list[str], prefix: str, *words: str) -> str:
    """Exactly one error starts with `prefix` and holds every word."""
    found = [e for e in errors if e.startswith(prefix) and all(w in e for w in words)]
    assert len(found) == 1, f"expected one error at {prefix!r} with {words}, got {errors}"
    return found[0]


def test_the_mini_fixture_is_consistent(data: Path) -> None:
    assert load_playbook(data, TODAY).pods


def test_inherited_from_itself(data: Path) -> None:
    replace(data / "pods" / "beta.yaml", "from_pod: acme", "from_pod: beta")
    assert_one(errors_at(data), f"{BETA}:{line_of(data / 'pods' / 'beta.yaml', 'from_pod')}:"
               " pod.infrastructure[0].from_pod:", "this pod itself")


def test_inherited_from_a_pod_that_did_not_build_it(data: Path) -> None:
    replace(data / "pods" / "acme.yaml", "    - asset: ingestion-pipeline\n      status: built",
            "    - asset: ingestion-pipeline\n      status: inherited\n      from_pod: beta")
    errors = errors_at(data)
    assert_one(errors, f"{BETA}:", "'acme' did not build", "inherited it too")
    assert_one(errors, f"{ACME}:", "'beta' did not build", "inherited it too")


def test_inherited_from_a_pod_that_does_not_list_the_asset(data: Path) -> None:
    pod = data / "pods" / "beta.yaml"
    replace(pod, "asset: ingestion-pipeline", "asset: ci-pipeline")
    text = (data / "infrastructure.yaml").read_text(encoding="utf-8")
    (data / "infrastructure.yaml").write_text(text.replace(
        "assets:\n", "assets:\n  - id: ci-pipeline\n    name: CI pipeline\n"
        "    description: Builds and tests.\n", 1), encoding="utf-8")
    assert_one(errors_at(data), f"{BETA}:", "'acme' did not build", "does not list it")


def test_inherited_from_a_pod_that_launched_later(data: Path) -> None:
    replace(data / "pods" / "acme.yaml", "  launch_date: 2025-01-06", "  launch_date: 2025-02-06")
    replace(data / "pods" / "beta.yaml", "  launch_date: 2025-01-06",
            "  launch_date: 2025-01-06\n  as_of: 2025-01-20")
    assert_one(errors_at(data), f"{BETA}:", "launched on 2025-02-06", "after this pod's as_of")


def test_built_and_from_pod_together(data: Path) -> None:
    replace(data / "pods" / "acme.yaml", "    - asset: eval-harness\n      status: built",
            "    - asset: eval-harness\n      status: built\n      from_pod: beta")
    assert_one(errors_at(data), f"{ACME}:", "marked built")


def test_launch_after_as_of(data: Path) -> None:
    pod = data / "pods" / "acme.yaml"
    replace(pod, "  launch_date: 2025-01-06", "  launch_date: 2025-01-06\n  as_of: 2025-01-01")
    errors = errors_at(data)
    assert_one(errors, f"{ACME}:{line_of(pod, 'launch_date')}: pod.launch_date:",
               "after the pod's as_of date 2025-01-01")


@pytest.mark.parametrize("kind", ["sample review", "review"])
def test_reviews_after_as_of_as_in_the_shipped_customer_service_pod(data: Path, kind: str) -> None:
    pod = data / "pods" / "acme.yaml"
    replace(pod, "  launch_date: 2025-01-06", "  launch_date: 2025-01-06\n  as_of: 2025-04-20")
    errors = errors_at(data)
    expected = "pod.sample_reviews[1].date" if kind == "sample review" else "pod.reviews[0].date"
    assert_has(errors, f"{ACME}:", expected, "after the pod's as_of date 2025-04-20")


def test_review_before_launch(data: Path) -> None:
    replace(data / "pods" / "acme.yaml", "{date: 2025-04-07, samples: 25}",
            "{date: 2024-12-30, samples: 25}")
    assert_one(errors_at(data), f"{ACME}:", "pod.sample_reviews[0].date", "before the launch")


def test_nothing_in_the_future_of_the_build_date(data: Path) -> None:
    errors = errors_at(data, dt.date(2025, 5, 1))
    assert_has(errors, f"{ACME}:", "pod.sample_reviews[1].date", "in the future")
    assert_has(errors, f"{ACME}:", "pod.reviews[0].date", "in the future")


def test_a_planned_launch_is_allowed_for_a_forming_pod(data: Path) -> None:
    replace(data / "pods" / "beta.yaml", "  launch_date: 2025-01-06", "  launch_date: 2027-03-01")
    assert load_playbook(data, TODAY).pods
    replace(data / "pods" / "beta.yaml", "  stage: forming", "  stage: building")
    assert_one(errors_at(data), f"{BETA}:", "pod.launch_date", "stage: forming")


def test_production_stage_needs_a_production_date(data: Path) -> None:
    replace(data / "pods" / "acme.yaml", "  first_production_date: 2025-03-03\n", "")
    replace(data / "pods" / "acme.yaml", "    - {date: 2025-04-07, samples: 25}\n", "")
    assert_one(errors_at(data), f"{ACME}:", "pod.stage", "no first_production_date")


def test_forming_stage_with_a_production_date(data: Path) -> None:
    replace(data / "pods" / "beta.yaml", "  launch_date: 2025-01-06",
            "  launch_date: 2025-01-06\n  first_production_date: 2025-02-03")
    assert_one(errors_at(data), f"{BETA}:", "pod.stage", "reached production")


def test_a_cycle_record_after_the_pods_as_of(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parent.parent / "data", data)
    record = data / "pods" / "harbourline-procurement" / "cycle-04.yaml"
    text = record.read_text(encoding="utf-8")
    first = text.split("    date: ", 1)[1][:10]
    record.write_text(text.replace(f"    date: {first}", "    date: 2026-11-30", 1), encoding="utf-8")
    errors = errors_at(data, dt.date(2026, 12, 1))
    assert_has(errors, "data/pods/harbourline-procurement/cycle-04.yaml:", "cycle.review.date",
               "2026-11-30 is after the pod's as_of date")
