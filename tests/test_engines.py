"""Build test: ProperDocs (the maintained MkDocs 1.6 fork) builds the same site as MkDocs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.compare_sites import differences, site_pages
from tests.conftest import ROOT

pytestmark = pytest.mark.build


def test_properdocs_builds_the_same_pages_with_the_same_content(
        built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "properdocs-site"
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
         "-d", str(site)], capture_output=True, text=True, check=False, cwd=ROOT)
    assert result.returncode == 0, f"properdocs build failed:\n{result.stdout}\n{result.stderr}"
    ours, theirs = site_pages(built_site), site_pages(site)
    assert len(ours) > 40
    assert sum(bool(text) for text in ours.values()) > 40  # the pages have main content
    assert differences(ours, theirs) == []
