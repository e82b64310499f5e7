"""Questions readers ask, typed into Material's search box: the right page first, or near it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page

from tests.browser.support import page_path
from tests.browser.test_search import open_search

pytestmark = pytest.mark.browser

# SEARCH_QUESTIONS=<file> measures another question set (e.g. questions held back from tuning).
QUESTIONS = Path(os.environ.get("SEARCH_QUESTIONS") or Path(__file__).with_name(
    "search_questions.yaml"))
FIRST_RIGHT_AT_LEAST = 0.90
TOP = 3

# Truthy once the result list answers the query now in the box: Material writes a count, or
# "No matching documents", into the meta line when its worker replies, and a prompt when empty.
RESULTS_FOR = """(query) => {
  const input = document.querySelector("[data-md-component=search-query]");
  const meta = document.querySelector(".md-search-result__meta");
  return input && input.value === query && meta
    && /matching/i.test(meta.textContent) === (query !== "");
}"""

# Distinct result pages in rank order (Material may list sections of one page apart).
RESULT_PAGES = """(top) => [...new Set([...document.querySelectorAll(
    ".md-search-result__list > .md-search-result__item > a.md-search-result__link")]
  .map(a => new URL(a.href).pathname))].slice(0, top)"""


@dataclass(frozen=True)
class Question:
    """One question and the pages that answer it."""

    q: str
    who: str
    want: tuple[str, ...]


def load_questions() -> list[Question]:
    """The question set from `search_questions.yaml`."""
    entries = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))["questions"]
    return [Question(e["q"], e["who"], tuple(e["want"])) for e in entries]


def ask(page: Page, query: str) -> list[str]:
    """Type `query` into the open search box; the paths of the top result pages."""
    box = page.locator("[data-md-component=search-query]")
    for text in ("", query):  # clear first, so the previous query's results cannot count
        box.fill(text)
        box.press("End")  # Material searches on key events, which `fill` does not send
        page.wait_for_function(RESULTS_FOR, arg=text, polling=20, timeout=5_000)
    return list(page.evaluate(RESULT_PAGES, TOP))


def test_the_question_set_is_well_formed() -> None:
    """At least 40 questions, from all three audiences, none repeated."""
    questions = load_questions()
    assert len(questions) >= 40
    assert len({q.q.casefold() for q in questions}) == len(questions)
    assert {"staff", "editor"} <= {q.who for q in questions}
    assert len({q.who for q in questions} - {"staff", "editor"}) == 5  # every pod role


def test_questions_find_their_page(page: Page, base_url: str, all_pages: list[str]) -> None:
    """First result right for at least 90% of the questions; right page in the top three for all."""
    root = page_path(base_url)
    questions = load_questions()
    unknown = [f"{q.q!r}: {w}" for q in questions for w in q.want if w not in all_pages]
    assert not unknown, f"{QUESTIONS}: pages that the site does not have: {unknown}"
    open_search(page, base_url)
    first_right, missed, report = 0, [], []
    for question in questions:
        got = [path.removeprefix(root) for path in ask(page, question.q)]
        first_right += bool(got) and got[0] in question.want
        mark = "first" if got and got[0] in question.want else (
            "top3" if set(got) & set(question.want) else "MISS")
        report.append(f"{mark:5} [{question.who}] {question.q!r} -> {got} (want {question.want})")
        if mark == "MISS":
            missed.append(report[-1])
    rate = first_right / len(questions)
    print("\n".join(report) + f"\nfirst result right: {first_right}/{len(questions)} ({rate:.0%})")
    assert not missed, "right page not in the top three:\n" + "\n".join(missed)
    assert rate >= FIRST_RIGHT_AT_LEAST, (
        f"first result right for {first_right}/{len(questions)} ({rate:.0%}), "
        f"below {FIRST_RIGHT_AT_LEAST:.0%}:\n" + "\n".join(r for r in report if r[:5] != "first"))
