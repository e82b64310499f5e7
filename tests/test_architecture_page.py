"""The maintainers' map is a page of the site, in the nav, with the macro table from the registry."""

from __future__ import annotations

from pathlib import Path

from macros.render.registry import MACROS
from tests.htmlparse import parse


def test_architecture_page_lists_every_macro(built_site: Path) -> None:
    page = parse((built_site / "maintain" / "architecture" / "index.html").read_text(encoding="utf-8"))
    table = page.find("div", cls="pb-macro-reference").find("table")
    calls = [row.find("code").text for row in table.find("tbody").find_all("tr")]
    assert sorted(call.split("(")[0] for call in calls) == sorted(spec.name for spec in MACROS)


def test_architecture_page_is_in_the_maintainers_nav(built_site: Path) -> None:
    home = parse((built_site / "index.html").read_text(encoding="utf-8"))
    hrefs = {a.attrs.get("href", "") for a in home.find_all("a")}
    assert "maintain/architecture/" in hrefs
