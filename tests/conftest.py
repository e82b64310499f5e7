"""Shared fixtures: the real site, built once per test session with `mkdocs build --strict`."""

from __future__ import annotations

import os
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


class VendorError(Exception):
    """tests/vendor_npm.sh could not fetch a pinned npm file."""


def vendored(variable: str, package: str, file: str) -> Path:
    """A file of a pinned npm package (tests/npm-pins.txt): $VARIABLE when it is set (as
    `make test` sets it), else fetched once into `.cache/` by tests/vendor_npm.sh.

    Fails the test when $VARIABLE names no file; raises VendorError when fetching fails.
    """
    given = os.environ.get(variable)
    if given:
        if not Path(given).is_file():
            pytest.fail(f"{variable}={given} does not exist; run `make test`", pytrace=False)
        return Path(given)
    script = ROOT / "tests" / "vendor_npm.sh"
    done = subprocess.run(["sh", str(script), package, file], capture_output=True, text=True,
                          timeout=300, check=False)
    if done.returncode != 0:
        raise VendorError(f"{script} failed: {done.stderr.strip()}")
    return Path(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real playbook, built strictly into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    result = build_site(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return site
