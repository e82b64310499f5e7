"""No built page counts days backwards: every "N days" and "day N" on the site is positive."""

from __future__ import annotations

import re
from pathlib import Path

from tests.htmlparse import parse

# "-49 days ago", "in -3 days", "Day -2", "− 5 days": a minus sign before a count of days.
NEGATIVE_DAYS = re.compile(r"[-\u2212]\s?\d+\s+days?\b|\bday\s+[-\u2212]\s?\d+", re.IGNORECASE)


def page_texts(site: Path) -> dict[str, str]:
    """The visible text of every built page, by path."""
    return {path.relative_to(site).as_posix(): parse(path.read_text(encoding="utf-8")).text
            for path in sorted(site.rglob("*.html"))}


def test_no_page_says_minus_n_days(built_site: Path) -> None:
    texts = page_texts(built_site)
    assert any("days ago" in text for text in texts.values()), "no page counts days at all"
    found = {page: NEGATIVE_DAYS.findall(text) for page, text in texts.items()}
    assert not {page: hits for page, hits in found.items() if hits}


def test_the_pattern_finds_what_it_must() -> None:
    assert NEGATIVE_DAYS.findall("last sample review 2026-11-23 (22 samples), -49 days ago")
    assert not NEGATIVE_DAYS.findall("2026-11-23, 49 days ago; launched 2026-02-02")
