"""Role renderers on the mini fixture: RACI matrix and CSV, cards, links and role pages."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.render import roles
from macros.render.csv_text import read_csv
from tests.fixtures import (
    assert_survives_markdown,
    mini_playbook,
    split_front_matter,
    squash,
    to_html,
)
from tests.htmlparse import Element, parse

PB = mini_playbook()
# Fixture RACI, read off tests/fixtures/mini/cycle.yaml by hand (activities in calendar order).
EXPECTED = {
    "domain-owner": ["I", "A", "", "", "A"],
    "workflow-designer": ["A", "C", "R", "A", "R"],
    "data-engineer": ["R", "", "A", "R", "C"],
}
NAMES = {"R": "Responsible", "A": "Accountable", "C": "Consulted", "I": "Informed"}


def _matrix() -> Element:
    return parse(assert_survives_markdown(roles.role_matrix(PB, "../")))


def test_matrix_has_a_column_per_role_and_a_row_group_per_week() -> None:
    table = _matrix().find("table", cls="pb-raci-table")
    heads = table.find("thead").find_all("th", scope="col")
    assert [h.text for h in heads[1:]] == [PB.role(r).name for r in EXPECTED]
    assert heads[1].find("a").attrs["href"] == "../pod-design/domain-owner/"
    groups = table.find_all("tbody")
    weeks = [g.find("th", cls="pb-week-head") for g in groups]
    assert [w.text for w in weeks] == ["Week 1: Review", "Week 2: Build", "Week 3: Deploy",
                                       "Week 4: Brief"]
    assert {w.attrs["scope"] for w in weeks} == {"rowgroup"}
    assert {w.attrs["colspan"] for w in weeks} == {str(len(EXPECTED) + 1)}
    # Each week's group holds its own activities, one row each.
    assert [len(g.find_all("th", cls="pb-activity-head")) for g in groups] == [2, 1, 1, 1]
    second = groups[0].find_all("th", cls="pb-activity-head")[1]
    assert second.text == "Review output samples"
    assert second.attrs["scope"] == "row"
    assert second.find("a").attrs["href"] == "../cycle/#act-sample-review"


def test_matrix_cells_hold_raci_letters_with_names() -> None:
    rows = [tr for tr in _matrix().find_all("tr") if tr.find_all("td")]
    assert len(rows) == 5
    for number, row in enumerate(rows):
        assert "pb-sticky" in row.find("th").classes
        cells = row.find_all("td")
        letters = [column[number] for column in EXPECTED.values()]
        assert [c.find("abbr").text if letter else c.text
                for c, letter in zip(cells, letters, strict=True)] == letters
        for cell, letter in zip(cells, letters, strict=True):
            if letter:
                # One tooltip per cell, on the letter: Material mounts one per [title].
                assert "title" not in cell.attrs
                assert cell.find("abbr").attrs["title"] == NAMES[letter]
                # Screen readers read the name, not the letter alone (no aria-label on <abbr>).
                assert "aria-label" not in cell.find("abbr").attrs
                assert cell.find("span", cls="pod-sr-only").text == f"({NAMES[letter]})"


def test_matrix_scrolls_and_has_legend_and_download() -> None:
    root = _matrix()
    wrapper = root.find("div", cls="pb-scroll")
    assert wrapper.attrs["tabindex"] == "0"
    assert wrapper.attrs["role"] == "region"
    legend = root.find("dl", cls="pb-legend")
    assert [d.find("strong").text for d in legend.find_all("dd")] == list(NAMES.values())
    assert root.find("p", cls="pb-download").find("a").attrs["href"] == "../downloads/role-matrix.csv"


def test_matrix_csv_matches_the_table() -> None:
    rows = read_csv(roles.role_matrix_csv(PB))
    assert rows[0] == ["Role", "Week 1: Pull the metrics", "Week 1: Review output samples",
                       "Week 2: Build the fix", "Week 3: Deploy and monitor",
                       "Week 4: Brief the owner"]
    assert rows[1:] == [[PB.role(r).name, *letters] for r, letters in EXPECTED.items()]


@pytest.mark.parametrize(("role_id", "staffing", "times"), [
    ("domain-owner", "Part-time", ["30–50%", "15–20%", "20%"]),
    ("workflow-designer", "Full-time", ["100%", "100%", "100%"]),
    ("data-engineer", "Full-time, or shared across up to 3 pods", ["50–100%", "34–50%", "34%"]),
])
def test_role_card_time_and_staffing(role_id: str, staffing: str, times: list[str]) -> None:
    card = parse(assert_survives_markdown(roles.role_card(PB, role_id, "")))
    assert card.find("span", cls="pb-role-card__staffing").text == staffing
    assert [td.text for td in card.find("table").find_all("td")] == times
    assert card.find("div").attrs["id"] == f"role-{role_id}"


def test_role_card_cites_its_figures() -> None:
    card = parse(roles.role_card(PB, "domain-owner", "../"))
    cite = card.find("p", cls="pb-role-card__sources").find("a")
    assert cite.attrs["href"] == "../sources/#src-rewired"
    assert cite.text.endswith(", Ch. 4")
    fact = card.find("ul", cls="pb-role-card__facts").find("li")
    assert fact.find("a").attrs["href"] == "../sources/#src-bcg--hardly-any-value"


def test_role_card_unknown_role() -> None:
    with pytest.raises(ValueError, match="no role with id 'nobody'"):
        roles.role_card(PB, "nobody", "")


def test_role_links_in_order() -> None:
    links = parse(roles.role_links(PB, "")).find_all("a")
    assert [(a.text, a.attrs["href"]) for a in links] == [
        ("Domain Owner", "pod-design/domain-owner/"),
        ("Workflow Designer", "pod-design/workflow-designer/"),
        ("Data Engineer", "pod-design/data-engineer/")]


def _page(role_id: str) -> tuple[dict[str, object], Element, str]:
    meta, body = split_front_matter(
        roles.role_page(PB, PB.role(role_id), "../../", dt.date(2025, 6, 15)))
    return meta, parse(to_html(body)), body


def test_role_page_front_matter() -> None:
    meta, _, _ = _page("domain-owner")
    assert meta["title"] == "Domain Owner"
    assert meta["owner"] == "AI Center of Excellence"
    assert meta["last_reviewed"] == dt.date(2025, 6, 15)
    assert meta["search"] == {"boost": 2}
    assert meta["audience"] == ["domain-owner"]


def test_role_page_sections() -> None:
    _, html, body = _page("domain-owner")
    assert "<pre>" not in to_html(body)
    headings = [h.text for h in html.find_all("h2")]
    assert headings == ["Who holds the role", "What they do", "What they are not",
                        "Time commitment", "Why the role gets cut or goes missing",
                        "Hiring and training economics", "How the role evolves",
                        "Duties in the cycle", "Templates this role keeps", "Onboarding path"]
    assert [td.text for td in html.find("table", cls="pb-role-time").find_all("td")] == [
        "30–50%", "15–20%", "20%"]


def test_role_page_duties_from_cycle() -> None:
    _, html, _ = _page("domain-owner")
    rows = html.find("table", cls="pb-role-duties").find("tbody").find_all("tr")
    assert [[td.text for td in r.find_all("td")] for r in rows] == [
        ["Week 1: Review", "Pull the metrics", "Informed"],
        ["Week 1: Review", "Review output samples", "Accountable"],
        ["Week 4: Brief", "Brief the owner", "Accountable"]]


def test_role_page_templates_and_onboarding() -> None:
    _, html, _ = _page("domain-owner")
    kept = html.find("ul", cls="pb-role-templates").find("a")
    assert (kept.text, kept.attrs["href"]) == ("Value brief", "../../templates/value-brief/")
    path = [(a.text, a.attrs["href"]) for a in html.find("div", cls="pb-role-onboarding")
            .find("ol").find_all("a")]
    assert path == [("Scoping", "../../scoping/"), ("Cycle", "../../cycle/"),
                    ("Value brief", "../../templates/value-brief/")]


def test_role_page_economics_facts_cite() -> None:
    _, html, _ = _page("workflow-designer")
    fact = html.find("ul", cls="pb-role-facts").find("li")
    assert squash(fact.text) == ("Internal upskilling costs far less than an external hire. "
                                 "(Pluralsight, n=1,500, 2025)")
    assert fact.find("a").attrs["href"] == "../../sources/#src-pluralsight--upskill-cost"


def test_role_page_skips_empty_sections() -> None:
    _, html, _ = _page("data-engineer")
    headings = {h.text for h in html.find_all("h2")}
    assert "Hiring and training economics" not in headings
    assert "How the role evolves" not in headings
    assert "Templates this role keeps" not in headings
    onboarding = html.find("div", cls="pb-role-onboarding")
    assert not onboarding.find_all("ol")
    assert onboarding.find("a").attrs["href"] == "../../onboarding/#data-engineer"
