"""The checker's list of page macros matches the macros the build registers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from macros.load.macro_calls import MACROS
from macros.mkdocs_adapter.page_macros import macro_table
from tests.fixtures import mini_playbook


def test_checker_knows_every_registered_macro(tmp_path: Path) -> None:
    table = macro_table(mini_playbook(), tmp_path, dt.date(2026, 1, 1), 30, lambda: "")
    assert set(table) == MACROS
