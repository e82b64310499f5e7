"""Last updated: every hand-written page shows its last commit beside its last review date."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from macros.model.urls import page_url
from tests.htmlparse import parse

ROOT = Path(__file__).resolve().parents[1]


def committed(rel: str) -> str:
    """The UTC date of the last commit to docs/<rel> (`git log -1`): '' without git history."""
    try:
        run = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct", "--",
                              f"docs/{rel}"], capture_output=True, text=True, check=False)
    except OSError:
        return ""
    stamp = run.stdout.strip() if run.returncode == 0 else ""
    return dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC).date().isoformat() if stamp else ""


def meta_times(built_site: Path, rel: str) -> dict[str, str]:
    """'Last reviewed' / 'Last updated' → the date each <time> in the page's ownership note shows."""
    html = parse((built_site / page_url(rel) / "index.html").read_text("utf-8"))
    aside = next(a for a in html.find_all("aside") if "pb-page-meta" in a.classes)
    text, times = aside.text, aside.find_all("time")
    labels = [label for label in ("Last reviewed", "Last updated") if label in text]
    return {label: t.attrs["datetime"] for label, t in zip(labels, times, strict=True)}


def test_hand_written_pages_show_the_last_commit_or_leave_it_out(built_site: Path) -> None:
    pages = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md"))
    problems = []
    for rel in pages:
        shown, expected = meta_times(built_site, rel), committed(rel)
        if "Last reviewed" not in shown:
            problems.append(f"{rel}: no 'Last reviewed'")
        if shown.get("Last updated", "") != expected:
            # Without history (an archive, or a file not committed yet) the line is left out.
            problems.append(f"{rel}: Last updated {shown.get('Last updated')!r}, git says "
                            f"{expected or 'nothing'}")
    assert len(pages) >= 20
    assert not problems, "\n".join(problems)
