"""Last commit per file from git, and no date at all where a shallow clone or archive would lie."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from macros.load.history import last_changes, shallow_boundary

OLD = dt.datetime(2020, 3, 1, 12, tzinfo=dt.UTC)
MIDDLE = dt.datetime(2021, 6, 15, 9, tzinfo=dt.UTC)
NEW = dt.datetime(2022, 9, 30, 18, tzinfo=dt.UTC)


def git(cwd: Path, *args: str, when: dt.datetime | None = None) -> str:
    """Run git in `cwd` with a fixed identity (and commit date); return its output."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when.isoformat()
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=True).stdout


def commit(repo: Path, files: dict[str, str], when: dt.datetime) -> None:
    """Write `files` under `repo` and commit them at `when`."""
    for rel, text in files.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text, encoding="utf-8")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", f"change {sorted(files)}", when=when)


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny repository: docs/a.md in 2020, docs/b.md in 2021, docs/a.md again and data/c.yaml
    in 2022."""
    repo = tmp_path_factory.mktemp("origin")
    git(repo, "init", "--quiet", "--initial-branch=main")
    commit(repo, {"docs/a.md": "a1", "docs/keep.md": "k"}, OLD)
    commit(repo, {"docs/b.md": "b1"}, MIDDLE)
    commit(repo, {"docs/a.md": "a2", "data/c.yaml": "c: 1\n"}, NEW)
    return repo


def clone(origin: Path, target: Path, *options: str) -> Path:
    """`git clone OPTIONS file://origin target` (a file:// URL, so --depth is honoured)."""
    git(origin.parent, "clone", "--quiet", *options, origin.as_uri(), str(target))
    return target


def test_full_history_dates_each_file_by_its_last_commit(origin: Path, tmp_path: Path) -> None:
    full = clone(origin, tmp_path / "full")
    assert shallow_boundary(full) == frozenset()
    assert last_changes(full, "docs", "data") == {
        "docs/a.md": NEW, "docs/b.md": MIDDLE, "docs/keep.md": OLD, "data/c.yaml": NEW}
    assert last_changes(full, "docs") == {"docs/a.md": NEW, "docs/b.md": MIDDLE,
                                          "docs/keep.md": OLD}


def test_depth_one_clone_dates_nothing(origin: Path, tmp_path: Path) -> None:
    """Git alone would date all four files to 2022, the clone's one commit."""
    shallow = clone(origin, tmp_path / "shallow", "--depth", "1")
    assert git(shallow, "rev-parse", "--is-shallow-repository").strip() == "true"
    assert len(shallow_boundary(shallow)) == 1
    assert git(shallow, "log", "--format=%ct", "--", "docs/keep.md").strip() == \
        str(int(NEW.timestamp())), "the clone would date the 2020 file to 2022"
    assert last_changes(shallow, "docs", "data") == {}


def test_deeper_shallow_clone_keeps_only_dates_it_can_prove(origin: Path, tmp_path: Path) -> None:
    """Cut after two commits: a.md and c.yaml changed in the newest one, b.md's commit is the cut
    (it would list keep.md as changed in 2021)."""
    shallow = clone(origin, tmp_path / "two", "--depth", "2")
    assert last_changes(shallow, "docs", "data") == {"docs/a.md": NEW, "data/c.yaml": NEW}


def test_archive_without_git_dates_nothing(origin: Path, tmp_path: Path) -> None:
    archive = tmp_path / "site.tar"
    git(origin, "archive", "--format=tar", "-o", str(archive), "HEAD")
    unpacked = tmp_path / "unpacked"
    unpacked.mkdir()
    subprocess.run(["tar", "-xf", str(archive), "-C", str(unpacked)], check=True)
    assert (unpacked / "docs" / "a.md").is_file()
    assert last_changes(unpacked, "docs", "data") == {}
