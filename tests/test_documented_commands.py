"""Every `python -m MODULE` the docs, the Makefile and the nginx template tell people to run
names a module that exists (the hosting recipe once named `macros.hosting` after it moved)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

COMMAND = re.compile(r"python3? -m ([A-Za-z_][\w.]*)")


def _documents() -> list[Path]:
    return [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "Makefile",
            *sorted((ROOT / "docs").rglob("*.md")), *sorted((ROOT / "hosting").iterdir())]


def _commands() -> list[tuple[str, str]]:
    found = []
    for path in _documents():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found += [(f"{path.relative_to(ROOT)}:{number}", m) for m in COMMAND.findall(line)]
    return found


def test_the_hosting_recipe_names_its_command() -> None:
    assert any(where.startswith("docs/maintain/hosting.md") for where, _ in _commands())


@pytest.mark.parametrize(("where", "module"), _commands(), ids=lambda v: v)
def test_each_documented_module_exists(where: str, module: str) -> None:
    assert importlib.util.find_spec(module) is not None, f"{where}: no module {module}"
