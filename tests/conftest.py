"""Shared fixtures: the real site, built once per test session with `mkdocs build --strict`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def build_site(config: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run a strict MkDocs build of `config` into `site_dir` and return the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
         "-d", str(site_dir)],
        capture_output=True, text=True, check=False, cwd=config.parent)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real playbook, built strictly into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    result = build_site(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return site
