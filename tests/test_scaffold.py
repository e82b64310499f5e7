"""`playbook new`: each starter loads cleanly in a copy of the real data; mistakes are refused."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from macros.cli.main import main
from macros.cli.scaffold import ScaffoldError, new_file
from macros.load.loader import load_playbook
from macros.load.yaml_reader import read_yaml

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2025, 7, 1)
ROLE_IDS = {"domain-owner", "workflow-designer", "ai-engineer", "data-engineer", "change-lead"}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the real `data/` (the starters must fit the real roles)."""
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    return target


def test_new_pod_loads_and_uses_every_real_role(data_dir: Path) -> None:
    path = new_file("pod", "claims-intake", data_dir, today=TODAY)
    assert path == data_dir / "pods" / "claims-intake.yaml"
    pod = load_playbook(data_dir).pod("claims-intake")
    assert {held.role for held in pod.roles} == ROLE_IDS
    assert pod.launch_date == TODAY
    real_roles = {role.id: role for role in load_playbook(data_dir).roles}
    for held in pod.roles:
        assert held.allocation >= real_roles[held.role].time.minimum, held.role


def test_new_template_loads_with_a_real_owner(data_dir: Path) -> None:
    path = new_file("template", "risk-register", data_dir, today=TODAY)
    assert path == data_dir / "templates" / "risk-register.yaml"
    playbook = load_playbook(data_dir)
    template = playbook.template("risk-register")
    assert template.owner in ROLE_IDS
    assert template.sections


def test_new_source_is_appended_and_keeps_the_file(data_dir: Path) -> None:
    sources = data_dir / "sources.yaml"
    before = sources.read_text(encoding="utf-8")
    count = len(load_playbook(data_dir).sources)
    assert new_file("source", "acme-survey-2025", data_dir, today=TODAY) == sources
    after = sources.read_text(encoding="utf-8")
    assert after.startswith(before), "existing entries and comments must stay as they were"
    playbook = load_playbook(data_dir)
    assert len(playbook.sources) == count + 1
    assert playbook.sources[-1].id == "acme-survey-2025"
    assert playbook.source("acme-survey-2025").findings


@pytest.mark.parametrize(("kind", "relative", "schema"), [
    ("pod", "pods/new-one.yaml", "../../schemas/pod.schema.json"),
    ("template", "templates/new-one.yaml", "../../schemas/template.schema.json"),
])
def test_starter_names_its_schema_and_explains_itself(
        data_dir: Path, kind: str, relative: str, schema: str) -> None:
    new_file(kind, "new-one", data_dir, today=TODAY)  # type: ignore[arg-type]  # kind: parametrized str, not the Literal
    lines = (data_dir / relative).read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"# yaml-language-server: $schema={schema}"
    assert (REPO / "schemas" / Path(schema).name).is_file()
    comments = [line for line in lines if line.lstrip().startswith("#")]
    assert len(comments) >= 5, "a starter explains its fields in comments"
    assert not read_yaml("\n".join(lines)).problems


@pytest.mark.parametrize("kind", ["pod", "template"])
def test_refuses_to_overwrite(data_dir: Path, kind: str) -> None:
    path = new_file(kind, "taken", data_dir, today=TODAY)  # type: ignore[arg-type]  # kind: parametrized str, not the Literal
    path.write_text(path.read_text(encoding="utf-8") + "# my edits\n", encoding="utf-8")
    edited = path.read_bytes()
    with pytest.raises(ScaffoldError, match="already exists"):
        new_file(kind, "taken", data_dir, today=TODAY)  # type: ignore[arg-type]  # kind: parametrized str, not the Literal
    assert path.read_bytes() == edited


def test_refuses_a_source_id_that_exists(data_dir: Path) -> None:
    existing = load_playbook(data_dir).sources[0].id
    sources = data_dir / "sources.yaml"
    before = sources.read_bytes()
    with pytest.raises(ScaffoldError, match=f"'{existing}' already exists"):
        new_file("source", existing, data_dir, today=TODAY)
    assert sources.read_bytes() == before


@pytest.mark.parametrize("ident", [
    "", "Claims", "claims intake", "claims_intake", "-claims", "claims-", "claims--intake",
    "claims/intake", "../escape", "a" * 65, "yes", "no", "123", "0123",
])
@pytest.mark.parametrize("kind", ["pod", "template", "source"])
def test_refuses_a_bad_id(data_dir: Path, kind: str, ident: str) -> None:
    before = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    with pytest.raises(ScaffoldError, match="id"):
        new_file(kind, ident, data_dir, today=TODAY)  # type: ignore[arg-type]  # kind: parametrized str, not the Literal
    after = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    assert after == before, "nothing is written for a refused id"


def test_playbook_new_then_check_passes(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = data_dir.parent
    assert main(["--root", str(root), "new", "pod", "claims-intake"]) == 0
    assert main(["--root", str(root), "new", "template", "risk-register"]) == 0
    assert main(["--root", str(root), "new", "source", "acme-survey-2025"]) == 0
    assert main(["--root", str(root), "check", "--no-pages"]) == 0, capsys.readouterr().out
    assert main(["--root", str(root), "new", "pod", "claims-intake"]) == 1
    assert "already exists" in capsys.readouterr().err
