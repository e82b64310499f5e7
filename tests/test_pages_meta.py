"""Page front matter: due and overdue reviews, malformed front matter, the review-status table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from macros.load.page_meta import PageReview, add_interval, check_pages, page_reviews
from macros.render.review_status import review_status
from tests.htmlparse import parse

TODAY = dt.date(2025, 6, 30)
GRACE = 30


def page(docs: Path, rel: str, front: str, body: str = "# A page\n\nText.\n") -> Path:
    """Write `docs/rel` with `front` as its front matter."""
    path = docs / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    return path


def front(last: dt.date | str, every: str = "90 days", **extra: str) -> str:
    """Valid front matter reviewed on `last`, plus any extra `key: value` lines."""
    lines = [
        "owner: AI CoE",
        f"last_reviewed: {last.isoformat() if isinstance(last, dt.date) else last}",
        f"review_every: {every}",
        "audience: [staff, editors]",
        "tags: [roles]",
        *(f"{key}: {value}" for key, value in extra.items()),
    ]
    return "\n".join(lines) + "\n"


def messages(found: list[object]) -> list[str]:
    return [str(item) for item in found]


def test_a_recently_reviewed_page_is_clean(tmp_path: Path) -> None:
    page(tmp_path, "why.md", front(TODAY - dt.timedelta(days=10)))
    assert check_pages(tmp_path, TODAY, GRACE) == ([], [])


def test_due_on_the_review_date_is_a_warning(tmp_path: Path) -> None:
    page(tmp_path, "cycle.md", front(TODAY - dt.timedelta(days=90)))
    page(tmp_path, "early.md", front(TODAY - dt.timedelta(days=89)))
    errors, warnings = check_pages(tmp_path, TODAY, GRACE)
    assert errors == []
    assert len(warnings) == 1
    warning = warnings[0]
    assert (warning.file, warning.line, warning.field) == (f"{tmp_path.name}/cycle.md", 3,
                                                           "last_reviewed")
    assert TODAY.isoformat() in warning.message


def test_within_the_grace_period_is_still_a_warning(tmp_path: Path) -> None:
    page(tmp_path, "a.md", front(TODAY - dt.timedelta(days=90 + GRACE)))
    errors, warnings = check_pages(tmp_path, TODAY, GRACE)
    assert errors == []
    assert len(warnings) == 1


def test_past_the_grace_period_is_an_error(tmp_path: Path) -> None:
    page(tmp_path, "guidance/old.md", front(TODAY - dt.timedelta(days=90 + GRACE + 1)))
    errors, warnings = check_pages(tmp_path, TODAY, GRACE)
    assert warnings == []
    assert len(errors) == 1
    error = errors[0]
    assert (error.file, error.line, error.field) == (f"{tmp_path.name}/guidance/old.md", 3,
                                                     "last_reviewed")
    due = TODAY - dt.timedelta(days=GRACE + 1)
    assert due.isoformat() in error.message
    assert f"{GRACE + 1} days" in error.message
    assert str(error).startswith(f"{tmp_path.name}/guidance/old.md:3: last_reviewed: ")


@pytest.mark.parametrize(("start", "every", "due"), [
    (dt.date(2025, 1, 15), "6 months", dt.date(2025, 7, 15)),
    (dt.date(2024, 8, 31), "6 months", dt.date(2025, 2, 28)),
    (dt.date(2024, 2, 29), "1 year", dt.date(2025, 2, 28)),
    (dt.date(2024, 11, 30), "3 months", dt.date(2025, 2, 28)),
    (dt.date(2025, 1, 1), "2 weeks", dt.date(2025, 1, 15)),
    (dt.date(2025, 1, 1), "1 day", dt.date(2025, 1, 2)),
    (dt.date(2025, 1, 1), "2 years", dt.date(2027, 1, 1)),
])
def test_review_intervals(start: dt.date, every: str, due: dt.date) -> None:
    assert add_interval(start, every) == due


def test_months_decide_when_a_page_is_due(tmp_path: Path) -> None:
    page(tmp_path, "a.md", front(dt.date(2024, 12, 31), "6 months"))  # due 2025-06-30
    page(tmp_path, "b.md", front(dt.date(2025, 1, 1), "6 months"))  # due 2025-07-01
    _errors, warnings = check_pages(tmp_path, TODAY, GRACE)
    assert [w.file.rsplit("/", 1)[1] for w in warnings] == ["a.md"]


@pytest.mark.parametrize(("text", "line", "field", "words"), [
    ("# No front matter\n", 1, "front matter", "no front matter"),
    ("---\nowner: AI CoE\n\n# Never closed\n", 1, "front matter", "never closed"),
    ("---\n---\n# Empty\n", 1, "front matter", "empty"),
    ("---\nowner: AI CoE\nowner: Other\nlast_reviewed: 2025-06-01\n---\n", 3, "owner",
     "duplicate key"),
    ("---\nowner: [unclosed\n---\n", 3, "front matter", "not valid YAML"),
    ("---\nowner: AI CoE\n\tlast_reviewed: 2025-06-01\n---\n", 3, "front matter", "tab"),
    ("---\n- a list\n---\n", 2, "front matter", "key: value"),
])
def test_malformed_front_matter_names_file_and_line(
        tmp_path: Path, text: str, line: int, field: str, words: str) -> None:
    (tmp_path / "bad.md").write_text(text, encoding="utf-8")
    errors, warnings = check_pages(tmp_path, TODAY, GRACE)
    assert warnings == []
    assert errors, "malformed front matter is an error"
    first = errors[0]
    assert (first.file, first.line, first.field) == (f"{tmp_path.name}/bad.md", line, field)
    assert words in first.message


@pytest.mark.parametrize(("override", "field", "line"), [
    ({"last_reviewed": '"2025-06-01"'}, "last_reviewed", 3),
    ({"last_reviewed": "2025-02-30"}, "last_reviewed", 3),
    ({"last_reviewed": "2025-06-01 10:00"}, "last_reviewed", 3),
    ({"last_reviewed": (TODAY + dt.timedelta(days=5)).isoformat()}, "last_reviewed", 3),
    ({"review_every": "6"}, "review_every", 4),
    ({"review_every": "fortnightly"}, "review_every", 4),
    ({"review_every": "6 moons"}, "review_every", 4),
    ({"owner": '""'}, "owner", 2),
    ({"audience": "[]"}, "audience", 5),
    ({"audience": "staff"}, "audience", 5),
    ({"tags": "[no]"}, "tags[0]", 6),
    ({"keywords": "time commitment"}, "keywords", 7),
    ({"keywords": "[]"}, "keywords", 7),
])
def test_bad_values_are_errors(tmp_path: Path, override: dict[str, str], field: str,
                               line: int) -> None:
    values = {"owner": "AI CoE", "last_reviewed": "2025-06-01", "review_every": "6 months",
              "audience": "[staff]", "tags": "[roles]", **override}
    page(tmp_path, "bad.md", "".join(f"{key}: {value}\n" for key, value in values.items()))
    errors, _warnings = check_pages(tmp_path, TODAY, GRACE)
    assert [(e.file, e.line, e.field) for e in errors] == [(f"{tmp_path.name}/bad.md", line,
                                                            field)]
    assert errors[0].hint


@pytest.mark.parametrize("missing", ["owner", "last_reviewed", "review_every", "audience", "tags"])
def test_each_required_field_is_checked(tmp_path: Path, missing: str) -> None:
    lines = [line for line in front(TODAY).splitlines(keepends=True)
             if not line.startswith(f"{missing}:")]
    page(tmp_path, "a.md", "".join(lines))
    errors, _warnings = check_pages(tmp_path, TODAY, GRACE)
    assert [(e.line, e.field) for e in errors] == [(1, missing)]
    assert f"'{missing}' is missing" in errors[0].message


def test_other_keys_and_dot_folders_are_left_alone(tmp_path: Path) -> None:
    page(tmp_path, "a.md", front(TODAY, title="Start here", render_macros="true"))
    (tmp_path / ".drafts").mkdir()
    (tmp_path / ".drafts" / "scratch.md").write_text("no front matter\n", encoding="utf-8")
    assert check_pages(tmp_path, TODAY, GRACE) == ([], [])


def test_page_reviews_list_every_valid_page(tmp_path: Path) -> None:
    page(tmp_path, "index.md", front(TODAY - dt.timedelta(days=10), title="Start here"))
    page(tmp_path, "pod-design/index.md", front(TODAY - dt.timedelta(days=95)),
         body="# Pod design\n")
    page(tmp_path, "cycle.md", front(TODAY - dt.timedelta(days=200)), body="No heading.\n")
    (tmp_path / "broken.md").write_text("no front matter\n", encoding="utf-8")
    reviews = {r.path: r for r in page_reviews(tmp_path, TODAY, GRACE)}
    assert set(reviews) == {"index.md", "pod-design/index.md", "cycle.md"}
    assert reviews["index.md"].title == "Start here"
    assert reviews["index.md"].status == "ok"
    assert reviews["index.md"].url == ""
    design = reviews["pod-design/index.md"]
    assert (design.title, design.status, design.url) == ("Pod design", "due", "pod-design/")
    assert design.due == TODAY - dt.timedelta(days=5)
    assert design.owner == "AI CoE"
    assert (reviews["cycle.md"].status, reviews["cycle.md"].title) == ("overdue", "cycle.md")


def review(path: str, status: str, due: dt.date, title: str | None = None) -> PageReview:
    return PageReview(path, title or path, "AI CoE", due - dt.timedelta(days=90), due,
                      status)  # type: ignore[arg-type]  # status: str, not the Literal


def test_review_status_lists_overdue_first_then_due_then_by_date() -> None:
    reviews = [
        review("a.md", "ok", dt.date(2025, 9, 1)),
        review("b/index.md", "due", dt.date(2025, 6, 20)),
        review("c.md", "overdue", dt.date(2025, 3, 1)),
        review("d.md", "ok", dt.date(2025, 7, 1)),
        review("e.md", "overdue", dt.date(2025, 1, 1)),
    ]
    html = parse(review_status(reviews, "../"))
    rows = html.find("tbody").find_all("tr")
    assert [row.attrs["data-status"] for row in rows] == ["overdue", "overdue", "due", "ok", "ok"]
    assert [row.find("a").text for row in rows] == ["e.md", "c.md", "b/index.md", "d.md", "a.md"]
    assert [row.find("a").attrs["href"] for row in rows][:3] == ["../e/", "../c/", "../b/"]
    due_cells = [row.find_all("time")[1].attrs["datetime"] for row in rows]
    assert due_cells[0] == "2025-01-01"
    headers = [th.text for th in html.find("thead").find_all("th")]
    assert headers == ["Page", "Owner", "Last reviewed", "Next review due", "Status"]
    summary = html.find("p", cls="review-status__summary").find_all("strong")
    assert [s.text for s in summary] == ["2", "1", "2"]


def test_review_status_escapes_page_text() -> None:
    html = review_status([review("x.md", "ok", TODAY, title="<script>alert(1)</script>")], "")
    assert "<script>" not in html
    assert parse(html).find("a").text == "<script>alert(1)</script>"


def test_review_status_without_pages() -> None:
    html = parse(review_status([], ""))
    assert not html.find_all("table")
    assert html.find("div", cls="review-status").text


def test_due_message_counts_days(tmp_path: Path) -> None:
    page(tmp_path, "a.md", front(TODAY - dt.timedelta(days=91)))
    _errors, warnings = check_pages(tmp_path, TODAY, GRACE)
    assert "(1 day ago)" in warnings[0].message
