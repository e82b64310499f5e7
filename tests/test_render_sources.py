"""Sources renderers on the mini fixture: attributions, cite, stat, the list and back-links."""

from __future__ import annotations

import pytest

from macros.render import sources
from macros.render.docs_index import cited_sources
from tests.fixtures import assert_survives_markdown, mini_playbook, squash
from tests.htmlparse import parse

PB = mini_playbook()


@pytest.mark.parametrize(("source_id", "expected"), [
    ("bcg", "BCG, n=1,250+, Sep 2025"),
    ("mit-cisr", "MIT CISR, n=721 (2022 Future Ready Survey) + n=152 (2025 Real-Time Business Survey)"),
    ("rewired", "Lamarre, Smaje, Levin, Rewired, 2nd ed., 2024"),
    ("pluralsight", "Pluralsight, n=1,500, 2025"),
    ("palantir", "Palantir, Q4 2025"),
])
def test_attribution(source_id: str, expected: str) -> None:
    assert sources.attribution(PB.source(source_id)) == expected


def test_sample_text_full_adds_population() -> None:
    sample = PB.source("bcg").samples[0]
    assert sources.sample_text(sample) == "n=1,250+"
    assert sources.sample_text(sample, full=True) == "n=1,250+ enterprises"


def test_cite_links_to_source_anchor() -> None:
    html = sources.cite(PB, "bcg", None, "../../")
    assert "\n" not in html, "inline output has no line break"
    link = parse(html).find("a", cls="pb-cite")
    assert link.attrs["href"] == "../../sources/#src-bcg"
    assert link.text == "BCG, n=1,250+, Sep 2025"
    assert link.attrs["title"] == PB.source("bcg").title


def test_cite_appends_locator() -> None:
    link = parse(sources.cite(PB, "rewired", "Ch. 3", "")).find("a")
    assert link.text == "Lamarre, Smaje, Levin, Rewired, 2nd ed., 2024, Ch. 3"


def test_stat_shows_figure_then_attribution() -> None:
    html = sources.stat(PB, "pluralsight", "upskill-cost", "../")
    span = parse(html).find("span", cls="pb-stat")
    assert squash(span.text) == "$5,770 (Pluralsight, n=1,500, 2025)"
    assert span.find("a").attrs["href"] == "../sources/#src-pluralsight--upskill-cost"


def test_unknown_ids_raise_with_the_id() -> None:
    with pytest.raises(ValueError, match="nope"):
        sources.cite(PB, "nope", None, "")
    with pytest.raises(ValueError, match="nope"):
        sources.stat(PB, "bcg", "nope", "")


def test_cite_ref_links_finding_when_named() -> None:
    fact = PB.role("domain-owner").facts[0]
    link = parse(str(sources.cite_ref(PB, fact.cited, ""))).find("a")
    assert link.attrs["href"] == "sources/#src-bcg--hardly-any-value"


def test_cited_sources_named_in_calls() -> None:
    text = """{{ cite("bcg") }} and {{ stat('pluralsight', "hire-cost") }},
    {{ cite(source_id="rewired", locator="Ch. 3") }}; not a call: cite bcg, excite("x")"""
    assert cited_sources(PB, text) == {"bcg", "pluralsight", "rewired"}


def test_data_citations_map_generated_pages() -> None:
    pages = sources.data_citations(PB)
    assert pages["rewired"] == [("Domain Owner", "pod-design/domain-owner/"),
                                ("Decision log", "templates/decision-log/"),
                                ("Mini cycle", "cycle/")]
    assert pages["bcg"] == [("Domain Owner", "pod-design/domain-owner/"),
                            ("Value brief", "templates/value-brief/")]
    assert pages["pluralsight"] == [("Workflow Designer", "pod-design/workflow-designer/")]
    assert pages["palantir"] == [("Acme revenue pod", "pods/acme/")]
    assert "mit-cisr" not in pages


def test_macro_citations_follow_data_macros() -> None:
    text = '{{ role_card("workflow-designer") }} {{ cycle_results() }} {{ pod_economics("acme") }}'
    assert cited_sources(PB, text) == {"pluralsight", "rewired", "palantir"}


def test_sources_list_entries_and_backlinks() -> None:
    backlinks = sources.data_citations(PB)
    backlinks["bcg"] = [("Why pods", "why/"), *backlinks["bcg"]]
    html = sources.sources_list(PB, backlinks, "../")
    root = parse(assert_survives_markdown(html))
    entries = root.find_all("section", cls="pb-source")
    assert [e.attrs["id"] for e in entries] == ["src-" + s for s in
                                                ("bcg", "rewired", "mit-cisr", "palantir",
                                                 "pluralsight")]
    bcg = root.find(id_="src-bcg")
    assert bcg.find("dd", cls="pb-source__publisher").text == "BCG"
    assert bcg.find("dd", cls="pb-source__date").text == "Sep 2025"
    assert bcg.find("dd", cls="pb-source__samples").text == "n=1,250+ enterprises"
    finding = bcg.find("li", id_="src-bcg--hardly-any-value")
    assert finding.find("strong").text == "60%"
    links = [(a.text, a.attrs["href"]) for a in bcg.find("ul", cls="pb-source__pages").find_all("a")]
    assert links == [("Why pods", "../why/"), ("Domain Owner", "../pod-design/domain-owner/"),
                     ("Value brief", "../templates/value-brief/")]


def test_sources_list_shows_authors_samples_and_uncited() -> None:
    root = parse(sources.sources_list(PB, sources.data_citations(PB), ""))
    rewired = root.find(id_="src-rewired")
    assert rewired.find("dd", cls="pb-source__authors").text == "Lamarre, Smaje, Levin"
    assert rewired.find("dd", cls="pb-source__edition").text == "2nd ed."
    mit = root.find(id_="src-mit-cisr")
    assert mit.find("dd", cls="pb-source__samples").text == (
        "n=721 (2022 Future Ready Survey) + n=152 (2025 Real-Time Business Survey)")
    assert mit.find_all("p", cls="pb-source__backlinks--none")
    assert len(root.find(id_="src-pluralsight").find("ul", cls="pb-source__findings").find_all("li")) == 2
