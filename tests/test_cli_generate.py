"""`playbook generate --out DIR`: the generated pages, downloads and nav, written for inspection."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml

from macros.cli.main import main
from macros.load.loader import load_playbook
from macros.model import urls
from macros.model.urls import build_date
from macros.render.generate import generate
from tests.conftest import ROOT
from tests.htmlparse import parse, unbalanced


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    assert main(["--root", str(ROOT), "generate", "--out", str(folder)]) == 0
    return folder


def test_every_generated_page_is_written_with_its_front_matter(out: Path) -> None:
    pb = load_playbook(ROOT / "data")
    expected = set(generate(pb, build_date()).page_srcs())
    written = {p.relative_to(out / "pages").as_posix() for p in (out / "pages").rglob("*.md")}
    assert written == expected
    for pod in pb.pods:
        text = (out / "pages" / urls.pod_src(pod.id)).read_text(encoding="utf-8")
        head, body = text.removeprefix("---\n").split("\n---\n", 1)
        assert yaml.safe_load(head)["title"] == pod.name
        html = markdown.markdown(body, extensions=["toc", "tables", "md_in_html"])
        assert unbalanced(html) == []
        assert [h.text for h in parse(html).find_all("h1")] == [pod.name]
        assert "Profile" in [h.text for h in parse(html).find_all("h2")]


def test_downloads_and_calendars_are_written(out: Path) -> None:
    pb = load_playbook(ROOT / "data")
    assert (out / urls.ROLE_MATRIX_CSV).stat().st_size > 0
    for pod in pb.pods:
        if pod.launch_date is not None:
            assert (out / urls.pod_calendar(pod.id)).read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_nav_lists_the_generated_entries_by_section(out: Path) -> None:
    pb = load_playbook(ROOT / "data")
    nav = yaml.safe_load((out / "nav.yml").read_text(encoding="utf-8"))
    roles = [next(iter(entry.items())) for entry in nav["Pod design"]]
    assert roles == [(role.name, urls.role_src(role.id)) for role in pb.roles]


def test_a_folder_of_other_files_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["--root", str(ROOT), "generate", "--out", str(tmp_path)]) == 1
    assert "not empty" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_running_again_replaces_the_earlier_output(tmp_path: Path) -> None:
    assert main(["--root", str(ROOT), "generate", "--out", str(tmp_path)]) == 0
    stale = tmp_path / "pages" / "pods" / "removed-pod.md"
    stale.write_text("old", encoding="utf-8")
    assert main(["--root", str(ROOT), "generate", "--out", str(tmp_path)]) == 0
    assert not stale.exists()
