"""Glossary renderers on the mini fixture: abbreviation lines and the definition list."""

from __future__ import annotations

from macros.render import glossary
from tests.fixtures import assert_survives_markdown, mini_playbook, to_html
from tests.htmlparse import parse

PB = mini_playbook()


def test_term_slug() -> None:
    assert glossary.term_slug("P&L") == "p-l"
    assert glossary.term_slug("ghost pod") == "ghost-pod"
    assert glossary.term_slug("CoE") == "coe"


def test_abbreviations_one_block_per_term() -> None:
    # Blank lines between definitions keep Python-Markdown's block parsing linear.
    lines = glossary.abbreviations(PB).strip().split("\n\n")
    assert [line.split("]:")[0] for line in lines] == [f"*[{t.term}" for t in PB.glossary]
    assert lines[0] == "*[CoE]: AI Center of Excellence — The team that governs shared infrastructure."
    assert lines[2] == "*[ghost pod]: A pod that exists on paper but ships nothing."


def test_abbreviations_become_tooltips() -> None:
    page = "The CoE reports the P&L and a KPI for each ghost pod.\n" + glossary.abbreviations(PB)
    abbrs = {a.text: a.attrs["title"] for a in parse(to_html(page)).find_all("abbr")}
    assert abbrs["CoE"] == "AI Center of Excellence — The team that governs shared infrastructure."
    assert abbrs["KPI"] == 'Key performance indicator — A number the business tracks, e.g. "cost per claim".'
    assert abbrs["ghost pod"] == PB.glossary[2].definition
    assert abbrs["P&L"].startswith("Profit and loss — The statement")


def test_glossary_list_is_alphabetical_with_anchors() -> None:
    root = parse(assert_survives_markdown(glossary.glossary_list(PB, "")))
    terms = root.find_all("dt")
    assert [t.find("dfn").text for t in terms] == ["CoE", "ghost pod", "KPI", "P&L"]
    assert [t.attrs["id"] for t in terms] == ["term-coe", "term-ghost-pod", "term-kpi", "term-p-l"]
    assert terms[0].find("span", cls="pb-glossary__expansion").text == "(AI Center of Excellence)"
    assert not terms[1].find_all("span")
    assert root.find_all("dd")[1].text == "A pod that exists on paper but ships nothing."
