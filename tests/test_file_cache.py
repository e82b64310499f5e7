"""The check's cache of valid files: it saves parsing and changes no verdict and no value."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest

from macros.load import loader
from macros.load.file_cache import FILE_NAME, FileCache
from macros.load.project_check import check_project
from macros.render.registry import MACROS

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 30)
POD = "data/pods/harbourline-customer-service.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the real data and pages."""
    for name in ("data", "docs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the loader parsed as YAML, in order (the cache's hits are not among them)."""
    seen: list[str] = []
    real = loader.read_yaml

    def counting(text: str) -> object:
        seen.append(text)
        return real(text)

    monkeypatch.setattr(loader, "read_yaml", counting)
    return seen


def later(folder: Path) -> FileCache:
    """The cache as a check run ten seconds from now opens it: every file's times are then old
    enough to be trusted (files written within two seconds of a run are hashed instead)."""
    cache = FileCache(folder)
    cache.started_ns += 10_000_000_000
    return cache


def run(project: Path, cache: FileCache | None):  # type: ignore[no-untyped-def]
    """Check the project (data and pages) the way `playbook check` does; save the cache."""
    verdict = check_project(project / "data", project / "docs", TODAY, 30, MACROS, (), cache)
    if cache is not None:
        cache.save()
    return verdict


def test_an_unchanged_file_is_not_parsed_again_and_the_playbook_is_the_same(
        project: Path, parses: list[str]) -> None:
    folder = project / ".cache"
    first = run(project, FileCache(folder))
    files = len(parses)
    assert first.playbook is not None
    assert files > 20
    parses.clear()
    second = run(project, FileCache(folder))
    assert parses == []  # every file came from the cache
    assert second.errors == first.errors == ()
    assert second.playbook == first.playbook == run(project, None).playbook


def test_a_changed_file_is_read_again_and_its_error_reported(project: Path, parses: list[str]) -> None:
    folder = project / ".cache"
    run(project, FileCache(folder))
    pod = project / POD
    pod.write_text(pod.read_text(encoding="utf-8").replace("launch_date:", "launch_dat:", 1),
                   encoding="utf-8")
    parses.clear()
    verdict = run(project, FileCache(folder))
    assert len(parses) == 1
    assert "launch_dat:" in parses[0]
    assert [e.file for e in verdict.errors if "launch_dat" in e.message] == [POD]
    assert verdict.errors == run(project, None).errors
    parses.clear()
    again = run(project, FileCache(folder))  # a file with errors is never remembered
    assert len(parses) == 1
    assert again.errors == verdict.errors


def test_a_file_changed_back_and_forth_gives_each_content_its_own_value(project: Path) -> None:
    folder = project / ".cache"
    pod = project / POD
    before = pod.read_text(encoding="utf-8")
    after = before.replace("Harbourline", "Harbourlyne")
    assert after != before
    for text in (before, after, before, after):
        pod.write_text(text, encoding="utf-8")
        verdict = run(project, FileCache(folder))
        assert verdict.playbook is not None
        names = {p.organisation.name for p in verdict.playbook.pods}
        assert ("Harbourlyne" in str(names)) == (text is after)


def test_a_damaged_or_foreign_cache_is_ignored(project: Path, parses: list[str]) -> None:
    folder = project / ".cache"
    expected = run(project, None)
    files = len(parses)
    for damage in ("not json at all", json.dumps({"version": "other", "files": {}}),
                   json.dumps([1, 2]), ""):
        folder.mkdir(exist_ok=True)
        (folder / FILE_NAME).write_text(damage, encoding="utf-8")
        parses.clear()
        assert run(project, FileCache(folder)) == expected
        assert len(parses) == files


def test_an_entry_that_no_longer_validates_is_read_from_the_file(project: Path, parses: list[str]) -> None:
    folder = project / ".cache"
    run(project, FileCache(folder))
    stored = json.loads((folder / FILE_NAME).read_text(encoding="utf-8"))
    key, _model, _signature = stored["files"][POD]
    stored["files"][POD] = [key, json.dumps({"pod": {"id": 7}}), ""]  # as if the model had changed
    (folder / FILE_NAME).write_text(json.dumps(stored), encoding="utf-8")
    parses.clear()
    verdict = run(project, FileCache(folder))
    assert verdict.errors == ()
    assert len(parses) == 1


def test_an_entry_for_other_content_is_not_used(project: Path, parses: list[str]) -> None:
    """The content hash is the key: an entry written for other bytes never stands in for a file."""
    folder = project / ".cache"
    run(project, FileCache(folder))
    stored = json.loads((folder / FILE_NAME).read_text(encoding="utf-8"))
    other = "data/pods/harbourline-procurement.yaml"
    stored["files"][POD] = [stored["files"][other][0], *stored["files"][POD][1:]]
    (folder / FILE_NAME).write_text(json.dumps(stored), encoding="utf-8")
    parses.clear()
    run(project, FileCache(folder))
    assert len(parses) == 1


def test_a_read_only_cache_folder_does_not_stop_the_check(project: Path) -> None:
    blocker = project / "blocked"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    verdict = run(project, FileCache(blocker / "playbook"))
    assert verdict.errors == ()


def test_the_data_files_are_listed_as_pathlib_would_list_them(tmp_path: Path) -> None:
    """The loader lists files by string for speed, in the order (and with the hidden files)
    `sorted(Path.glob)` gives, which decides the order of the pods and of every message."""
    data = tmp_path / "data"
    for rel in ("pods/a-b.yaml", "pods/a.yaml", "pods/a/cycle-01.yaml", "pods/a/cycle-10.yaml",
                "pods/a/cycle-02.yaml", "pods/.hidden.yaml", "pods/Z.yaml", "pods/a-b/cycle-01.yaml",
                "pods/notes.txt"):
        (data / rel).parent.mkdir(parents=True, exist_ok=True)
        (data / rel).write_text("x: 1\n", encoding="utf-8")
    for pattern in ("pods/*.yaml", "pods/*/*.yaml"):
        assert loader._paths(data, pattern, []) == sorted(data.glob(pattern))
        assert [loader._display(data, p) for p in loader._paths(data, pattern, [])] == [
            f"data/{p.relative_to(data).as_posix()}" for p in sorted(data.glob(pattern))]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The data files whose bytes were read, by name."""
    seen: list[str] = []
    real = Path.read_bytes

    def counting(path: Path) -> bytes:
        if path.suffix == ".yaml":
            seen.append(path.name)
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", counting)
    return seen


def test_an_untouched_file_is_not_even_read(project: Path, reads: list[str]) -> None:
    folder = project / ".cache"
    first = run(project, later(folder))  # remembers every file with its size, times and inode
    assert len(reads) > 20
    reads.clear()
    second = run(project, later(folder))
    assert reads == []
    assert second == first


def test_a_file_changed_under_its_old_times_is_still_read(project: Path, reads: list[str]) -> None:
    """An editor's tool that keeps the size and puts the old modification time back (cp -p,
    rsync -t) still changes the file's change time, which the check compares too."""
    folder = project / ".cache"
    run(project, later(folder))
    pod = project / POD
    before = pod.stat()
    text = pod.read_text(encoding="utf-8")
    pod.write_text(text.replace("Harbourline", "Harbourlyne"), encoding="utf-8")
    os.utime(pod, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert pod.stat().st_size == before.st_size
    assert pod.stat().st_mtime_ns == before.st_mtime_ns
    reads.clear()
    verdict = run(project, later(folder))
    assert reads == [pod.name]
    assert verdict.playbook is not None
    assert any("Harbourlyne" in p.organisation.name for p in verdict.playbook.pods)


def test_a_file_changed_just_before_a_run_is_hashed_not_trusted(project: Path,
                                                                reads: list[str]) -> None:
    folder = project / ".cache"
    run(project, FileCache(folder))  # every file was just copied: none is trusted by its times
    reads.clear()
    run(project, FileCache(folder))
    assert len(reads) > 20  # read and hashed (not parsed: the content is the same)


def test_an_untouched_file_gets_the_right_lines_in_a_message_caused_elsewhere(
        project: Path, reads: list[str]) -> None:
    """A role renamed in its own file leaves the untouched cycle and pod files pointing at it:
    their messages need their lines, read only then."""
    folder = project / ".cache"
    run(project, later(folder))
    role = project / "data/roles/change-lead.yaml"
    role.write_text(role.read_text(encoding="utf-8").replace("id: change-lead", "id: change-owner"),
                    encoding="utf-8")
    reads.clear()
    verdict = run(project, later(folder))
    assert "cycle.yaml" in reads  # read for its lines only, after it was not read to load it
    dangling = [e for e in verdict.errors if e.file == "data/cycle.yaml"]
    assert dangling
    assert all(e.line > 1 for e in dangling)
    assert verdict.errors == run(project, None).errors
