"""A hand-written page showing data dates from its data too: a copy of the project in a temporary
git repository, where only data/glossary.yaml changes after the first commit, is built for real."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.htmlparse import parse
from tests.test_history import commit, git

FIRST = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
GLOSSARY_EDIT = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
BUILT_ON = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
NO_MACRO = "guidance/center-of-excellence.md"  # calls no macro (it does not render them)
OTHER_MACROS = "cycle.md"  # calls macros, none of which shows the glossary


def _copy_project(target: Path) -> None:
    """The project's files as in the working tree (tracked, or new and not ignored)."""
    listed = git(ROOT, "ls-files", "--cached", "--others", "--exclude-standard", "-z")
    for rel in filter(None, listed.split("\0")):
        if (ROOT / rel).is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, target / rel)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The copy, committed at FIRST; data/glossary.yaml edited and committed at GLOSSARY_EDIT."""
    repo = tmp_path_factory.mktemp("repo")
    _copy_project(repo)
    git(repo, "init", "--quiet", "--initial-branch=main")
    commit(repo, {}, FIRST)
    text = (repo / "data/glossary.yaml").read_text(encoding="utf-8")
    commit(repo, {"data/glossary.yaml": text + "# edited after the first commit\n"}, GLOSSARY_EDIT)
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(BUILT_ON.timestamp())),
           "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                          cwd=repo, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return out


def _lastmod(site: Path, src: str) -> str:
    url = "https://playbook.example.internal/" + src.removesuffix(".md") + "/"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    found = re.search(rf"<loc>{re.escape(url)}</loc>\s*<lastmod>([\d-]+)</lastmod>", sitemap)
    assert found, f"{url} is not in the sitemap"
    return found.group(1)


def _last_updated(site: Path, src: str) -> str:
    page = parse((site / src.removesuffix(".md") / "index.html").read_text(encoding="utf-8"))
    meta = page.find("aside", "pb-page-meta")
    assert "Last updated" in meta.text, src
    return meta.find_all("time")[-1].attrs["datetime"]


def test_a_data_edit_dates_the_page_that_shows_that_data(site: Path) -> None:
    assert _lastmod(site, "glossary.md") == GLOSSARY_EDIT.date().isoformat()
    assert _last_updated(site, "glossary.md") == GLOSSARY_EDIT.date().isoformat()


@pytest.mark.parametrize("src", [NO_MACRO, OTHER_MACROS])
def test_pages_not_showing_that_data_keep_their_own_date(site: Path, src: str) -> None:
    assert _lastmod(site, src) == FIRST.date().isoformat()
    assert _last_updated(site, src) == FIRST.date().isoformat()
