"""`playbook new cycle POD` writes the next record, dated from the calendar, that passes the check."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from macros.cli.main import main
from macros.cli.new_cycle import new_cycle
from macros.cli.scaffold import ScaffoldError
from macros.compute import quarter
from macros.load.loader import load_playbook
from macros.model.errors import PlaybookDataError

DATA = Path(__file__).resolve().parent.parent / "data"
TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


def test_next_record_follows_the_last(data: Path) -> None:
    pod_id = "harbourline-procurement"  # its as_of lies after the end of its last record
    before = load_playbook(data)
    last = before.pod_cycles(pod_id)[-1]
    path = new_cycle(pod_id, data, TODAY)
    assert path.name == f"cycle-{last.number + 1:02d}.yaml"
    after = load_playbook(data)  # raises if the new file does not pass the check
    record = after.pod_cycles(pod_id)[-1]
    assert record.number == last.number + 1
    launch = after.pod(pod_id).launch_date
    assert launch is not None
    first, final = quarter.working_week(after, launch, record.number, 1)
    assert first <= record.review.date <= final
    assert record.review.adoption == last.review.adoption
    assert record.review.kpi == last.review.kpi
    assert record.deploy is None
    assert record.briefing is None


def test_no_record_after_as_of(data: Path) -> None:
    pod_id = "harbourline-customer-service"  # its as_of lies inside its last recorded cycle
    with pytest.raises(ScaffoldError, match="after the pod's as_of date"):
        new_cycle(pod_id, data, TODAY)
    assert not (data / "pods" / pod_id / "cycle-10.yaml").exists()


def test_first_record_is_the_running_cycle(data: Path) -> None:
    pod_id = "professional-services-revenue-cycle"
    pb = load_playbook(data)
    pod = pb.pod(pod_id)
    assert pod.launch_date is not None
    assert pb.pod_cycles(pod_id) == ()
    path = new_cycle(pod_id, data, TODAY)
    running = quarter.cycle_on(pb.cycle, pod.launch_date, pod.as_of or TODAY)
    assert path.name == f"cycle-{running:02d}.yaml"
    load_playbook(data)


def test_the_command_and_the_check(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = data.parent
    assert main(["--root", str(root), "new", "cycle", "harbourline-procurement"]) == 0
    assert "wrote " in capsys.readouterr().out
    assert main(["--root", str(root), "check", "--no-pages"]) == 0


@pytest.mark.parametrize(("pod_id", "words"), [
    ("no-such-pod", "there is no pod 'no-such-pod'"),
    ("Bad_Id", "is not a valid id"),
])
def test_refusals(data: Path, pod_id: str, words: str) -> None:
    with pytest.raises(ScaffoldError, match=words):
        new_cycle(pod_id, data, TODAY)


def test_a_pod_without_launch_date(data: Path) -> None:
    path = data / "pods" / "harbourline-procurement.yaml"
    kept = [line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.startswith(("  launch_date:", "  as_of:"))]
    path.write_text("".join(kept), encoding="utf-8")
    with pytest.raises(ScaffoldError, match="no launch date"):
        new_cycle("harbourline-procurement", data, TODAY)


def test_evaluation_metrics_carry_over(data: Path) -> None:
    """The pod's own metrics start from last cycle's values; one never recorded stays a note."""
    pod_id = "harbourline-customer-service"
    edits = {
        data / "pods" / f"{pod_id}.yaml": [
            ("  as_of: 2026-10-05", "  as_of: 2026-10-12"),  # the first day of cycle 10
            ('      value: 3\n      unit: "%"\n',
             '      value: 3\n      unit: "%"\n'
             '    - name: Reply accuracy\n      comparator: ">="\n      value: 90\n      unit: "%"\n'
             '    - name: Tone score\n      comparator: ">="\n      value: 4\n      unit: " of 5"\n')],
        data / "pods" / pod_id / "cycle-09.yaml": [
            ("    samples_reviewed: 25\n",
             "    evaluation:\n      - metric: Reply accuracy\n        value: 92.5\n"
             "    samples_reviewed: 25\n")],
    }
    for path, pairs in edits.items():
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, old
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    path = new_cycle(pod_id, data, TODAY)
    assert path.name == "cycle-10.yaml"
    record = load_playbook(data).pod_cycles(pod_id)[-1]
    assert [(e.metric, e.value) for e in record.review.evaluation] == [("Reply accuracy", 92.5)]
    assert '# - metric: "Tone score"' in path.read_text(encoding="utf-8")


def test_a_cycle_shorter_than_its_deploy_week(data: Path) -> None:
    """Week 3 is the deploy week, so a two-week cycle is refused with its line, not a crash."""
    path = data / "cycle.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "length_weeks: 4", "length_weeks: 2"), encoding="utf-8")
    with pytest.raises(ScaffoldError, match=r"data/cycle\.yaml does not load"):
        new_cycle("harbourline-procurement", data, TODAY)
    errors: list[str] = []
    try:
        load_playbook(data)
    except PlaybookDataError as err:
        errors = [str(e) for e in err.errors]
    assert any(e.startswith("data/cycle.yaml:") and "length_weeks: 2 is below the minimum of 3" in e
               for e in errors), errors
