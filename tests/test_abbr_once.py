"""Glossary tooltips: a term is marked once per page, on its first use in body text."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import markdown

from macros.load.loader import load_playbook
from macros.render.abbr_once import AbbrOnceExtension
from tests.htmlparse import Element, parse

ROOT = Path(__file__).resolve().parents[1]
DEFS = "\n\n*[pod]: A small standing team\n\n*[AI]: Artificial intelligence\n"


def convert(text: str) -> Element:
    """`text` with the definitions above, as HTML, parsed."""
    return parse(markdown.markdown(text + DEFS, extensions=["abbr", AbbrOnceExtension(), "toc"]))


def test_first_use_in_body_text_is_marked_and_repeats_are_not() -> None:
    html = convert("An AI pod is a pod.\n\nEvery pod has AI in it.\n")
    assert [a.text for a in html.find_all("abbr")] == ["AI", "pod"]
    assert html.find_all("p")[1].text == "Every pod has AI in it."  # the words stay


def test_headings_are_never_marked_and_do_not_use_up_the_first_mark() -> None:
    html = convert("# The AI pod\n\n## What a pod does\n\nA pod ships AI.\n")
    assert not [a for h in html.find_all() if h.tag in {"h1", "h2"} for a in h.find_all("abbr")]
    assert sorted(a.text for a in html.find("p").find_all("abbr")) == ["AI", "pod"]


def test_built_pages_mark_each_glossary_term_at_most_once_never_in_headings(
    built_site: Path,
) -> None:
    terms = {t.term for t in load_playbook(ROOT / "data").glossary}
    problems = []
    for page in sorted(built_site.rglob("*.html")):
        article = parse(page.read_text("utf-8")).find_all("article")
        marked = [a for art in article for a in art.find_all("abbr") if a.text in terms]
        repeated = [term for term, n in Counter(a.text for a in marked).items() if n > 1]
        in_heading = [a.text for art in article for h in art.find_all()
                      if h.tag in {"h1", "h2", "h3", "h4", "h5", "h6"} for a in h.find_all("abbr")]
        if repeated or in_heading:
            problems.append(f"{page.relative_to(built_site)}: repeated {repeated}, "
                            f"in headings {in_heading}")
    assert not problems, "\n".join(problems)
