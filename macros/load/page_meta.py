"""Page front matter for `playbook check`: who owns each page and when it is due for review."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from macros.load.limits import MAX_PAGE_BYTES, size_text
from macros.load.messages import describe
from macros.load.yaml_reader import YamlDocument, read_yaml
from macros.model.errors import DataError, format_path
from macros.model.urls import page_url

Status = Literal["ok", "due", "overdue"]
REQUIRED = ("owner", "last_reviewed", "review_every", "audience", "tags")
_EVERY = re.compile(r"^([1-9][0-9]{0,2}) +(day|week|month|year)s?$")  # 1 to 999
_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")
_FUTURE_TOLERANCE = dt.timedelta(days=1)  # time zones: "today" where the editor is


@dataclass(frozen=True)
class PageReview:
    """When one page was last reviewed and when it is due again."""

    path: str
    title: str
    owner: str
    last_reviewed: dt.date
    due: dt.date
    status: Status

    @property
    def url(self) -> str:
        """The page's URL relative to the site root, e.g. `pod-design/`."""
        return page_url(self.path)


@dataclass(frozen=True)
class _Meta:
    """The validated review fields of one page."""

    title: str
    owner: str
    last_reviewed: dt.date
    due: dt.date
    line: int


def check_pages(
    docs_dir: Path, today: dt.date, grace_days: int
) -> tuple[list[DataError], list[DataError]]:
    """Errors (bad front matter, review overdue past the grace) and warnings (review due)."""
    errors: list[DataError] = []
    warnings: list[DataError] = []
    for shown, _rel, meta in _pages(docs_dir, errors, today):
        status = review_state(meta.due, today, grace_days)
        if status == "ok":
            continue
        late = (today - meta.due).days
        ago = f"{late} day{'' if late == 1 else 's'} ago"
        message = (f"review overdue: due on {meta.due.isoformat()}, {ago}, beyond the "
                   f"{grace_days}-day grace period") if status == "overdue" else (
            f"review due on {meta.due.isoformat()}" + (f" ({ago})" if late else ""))
        target = errors if status == "overdue" else warnings
        target.append(DataError(shown, meta.line, "last_reviewed", message,
                                "review the page with its owner, then set last_reviewed "
                                "to the date of the review"))
    return errors, warnings


def page_reviews(docs_dir: Path, today: dt.date, grace_days: int) -> list[PageReview]:
    """Review status of every page whose front matter is valid, in file order."""
    return [PageReview(rel, meta.title, meta.owner, meta.last_reviewed, meta.due,
                       review_state(meta.due, today, grace_days))
            for _shown, rel, meta in _pages(docs_dir, [], today)]


def review_state(due: dt.date, today: dt.date, grace_days: int) -> Status:
    """'ok' before `due`, 'due' from `due` to the end of the grace, 'overdue' after."""
    if today < due:
        return "ok"
    if today <= due + dt.timedelta(days=grace_days):
        return "due"
    return "overdue"



def add_interval(start: dt.date, every: str) -> dt.date | None:
    """`start` plus an interval like '6 months' or '90 days'; None when it cannot be read."""
    match = _EVERY.match(every.strip())
    if match is None:
        return None
    count, unit = int(match.group(1)), match.group(2)
    if unit in ("day", "week"):
        return start + dt.timedelta(days=count * (7 if unit == "week" else 1))
    months = start.month - 1 + count * (12 if unit == "year" else 1)
    year, month = start.year + months // 12, months % 12 + 1
    return dt.date(year, month, min(start.day, _month_length(year, month)))


def _month_length(year: int, month: int) -> int:
    # Month arithmetic by hand keeps this module free of date libraries.
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def _pages(
    docs_dir: Path, errors: list[DataError], today: dt.date
) -> Iterator[tuple[str, str, _Meta]]:
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if any(part.startswith(".") for part in Path(rel).parts):
            continue  # MkDocs skips dot files too
        shown = f"{docs_dir.name}/{rel}"
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            errors.append(DataError(shown, 1, "", f"the page holds {size_text(size)}, above the "
                                    f"limit of {size_text(MAX_PAGE_BYTES)} (MAX_PAGE_BYTES)",
                                    "split it into several pages"))
            continue
        meta = _page_meta(path.read_bytes(), shown, rel, errors, today)
        if meta is not None:
            yield shown, rel, meta


def _page_meta(
    raw: bytes, shown: str, rel: str, errors: list[DataError], today: dt.date
) -> _Meta | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        errors.append(DataError(shown, 1, "", "the page is not UTF-8 text",
                                "save it again as UTF-8 in your editor"))
        return None
    found = split_front_matter(text)
    if isinstance(found, DataError):
        errors.append(DataError(shown, found.line, found.field, found.message, found.hint))
        return None
    doc, body = found
    before = len(errors)
    errors.extend(DataError(shown, (p.line or 1) + 1, format_path(p.path) or "front matter",
                            p.message, p.hint) for p in doc.problems)
    if doc.data is not None and not isinstance(doc.data, dict):
        errors.append(DataError(shown, 2, "front matter", "the front matter must be a set of "
                                "'key: value' fields", "write one 'key: value' per line"))
    if len(errors) > before or not isinstance(doc.data, dict):
        return None
    return _validate(doc, body, shown, rel, errors, today)


def renders_macros(text: str) -> bool:
    """Whether the page's front matter turns macros on (`render_macros: true`)."""
    found = split_front_matter(text)
    # Compared with ==, as mkdocs-macros compares it: `render_macros: 1` turns macros on in the
    # build too, so such a page must meet the same Jinja checks (and is an error besides).
    return not isinstance(found, DataError) and isinstance(found[0].data, dict) and \
        found[0].data.get("render_macros") in (True,)


def split_front_matter(text: str) -> tuple[YamlDocument, str] | DataError:
    """The page's front matter read as YAML plus the body, or the problem with it."""
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return DataError("", 1, "front matter", "the page has no front matter",
                         "start the page with a '---' line, then owner, last_reviewed, "
                         "review_every, audience and tags, then another '---' line")
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        return DataError("", 1, "front matter", "the front matter is never closed",
                         "add a line holding only '---' after the last field")
    if end == 1:
        return DataError("", 1, "front matter", "the front matter is empty",
                         "add owner, last_reviewed, review_every, audience and tags")
    return read_yaml("\n".join(lines[1:end]) + "\n"), "\n".join(lines[end + 1:])


def _validate(
    doc: YamlDocument, body: str, shown: str, rel: str, errors: list[DataError], today: dt.date
) -> _Meta | None:
    data: dict[str, Any] = doc.data
    before = len(errors)

    def fail(key: str, message: str, hint: str) -> None:
        # A missing field is reported on the opening '---' line.
        line = (doc.line_of((key,)) or 1) + 1 if key in data else 1
        errors.append(DataError(shown, line, key, message, hint))

    for key in REQUIRED:
        if key not in data:
            fail(key, f"required field '{key}' is missing", _HINTS[key])
    _check_fields(data, fail, today)
    due = _due(data)
    if len(errors) > before or due is None:
        return None
    line = (doc.line_of(("last_reviewed",)) or 1) + 1
    return _Meta(_title(data, body, rel), data["owner"], data["last_reviewed"], due, line)


def _due(data: dict[str, Any]) -> dt.date | None:
    last, every = data.get("last_reviewed"), data.get("review_every")
    if isinstance(last, dt.date) and isinstance(every, str):
        return add_interval(last, every)
    return None


def _check_fields(data: dict[str, Any], fail: Callable[[str, str, str], None],
                  today: dt.date) -> None:
    owner, last, every = data.get("owner"), data.get("last_reviewed"), data.get("review_every")
    if "owner" in data and (not isinstance(owner, str) or not owner.strip()):
        fail("owner", "expected the name of a role or team", _HINTS["owner"])
    if "last_reviewed" in data and not isinstance(last, dt.date):
        fail("last_reviewed", f"expected a date, got {describe(last)}", _HINTS["last_reviewed"])
    elif isinstance(last, dt.date) and last > today + _FUTURE_TOLERANCE:
        fail("last_reviewed", f"{last.isoformat()} is in the future",
             "write the date the page was actually reviewed")
    if "review_every" in data and (not isinstance(every, str)
                                   or add_interval(dt.date(2000, 1, 1), every) is None):
        fail("review_every", f"expected an interval, got {describe(every)}",
             _HINTS["review_every"])
    for key in ("audience", "tags", "keywords"):  # keywords are optional
        if key in data and not _text_list(data[key]):
            fail(key, f"expected a list of words, got {describe(data[key])}", _HINTS[key])
    if "render_macros" in data and not isinstance(data["render_macros"], bool):
        fail("render_macros", f"expected true or false, got {describe(data['render_macros'])}",
             _HINTS["render_macros"])


def _text_list(value: object) -> bool:
    return (isinstance(value, list) and bool(value)
            and all(isinstance(item, str) and item.strip() for item in value))


def _title(data: dict[str, Any], body: str, rel: str) -> str:
    if isinstance(data.get("title"), str) and data["title"].strip():
        return str(data["title"]).strip()
    for line in body.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return rel


_HINTS = {
    "owner": "write the role or team that keeps the page current, e.g. 'owner: AI CoE'",
    "last_reviewed": "write the date of the last review without quotes, e.g. "
                     "'last_reviewed: 2025-06-30'",
    "review_every": "write a number and a unit: days, weeks, months or years, "
                    "e.g. 'review_every: 6 months'",
    "audience": "list who reads the page, e.g. 'audience: [staff, editors]'",
    "tags": "list a few search words, e.g. 'tags: [roles, staffing]'",
    "keywords": "list the words and phrases readers search with, e.g. "
                "'keywords: [time commitment, hours a week]'",
    "render_macros": "write 'render_macros: true' on a page that calls the page macros, "
                     "else leave the line out",
}
