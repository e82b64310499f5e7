"""Cycle renderers on the mini fixture: the calendar grid, the numbered rules and the results."""

from __future__ import annotations

from macros.render import cycle
from tests.fixtures import assert_survives_markdown, mini_playbook, squash
from tests.htmlparse import Element, parse

PB = mini_playbook()


def _calendar() -> Element:
    return parse(assert_survives_markdown(cycle.cycle_calendar(PB, "../")))


def _links(el: Element) -> list[str]:
    return [a.text for a in el.find_all("a")]


def test_rule_value() -> None:
    rules = {r.id: r for _, a in PB.activities() for r in a.rules}
    assert cycle.rule_value(rules["samples-per-review"]) == "20–30 samples"
    assert cycle.rule_value(rules["watch-window"]) == "72 hours"


def test_calendar_has_a_column_per_week() -> None:
    weeks = _calendar().find_all("section", cls="pb-week")
    assert [w.attrs["id"] for w in weeks] == ["week-1", "week-2", "week-3", "week-4"]
    assert weeks[0].find("h3").text == "Week 1 Review"
    assert [len(w.find_all("article")) for w in weeks] == [2, 1, 1, 1]


def test_calendar_owner_is_the_accountable_role() -> None:
    cal = _calendar()
    owners = {a.attrs["id"]: _links(a.find("dd", cls="pb-activity__owner"))
              for a in cal.find_all("article", cls="pb-activity")}
    assert owners == {"act-pull-metrics": ["Workflow Designer"],
                      "act-sample-review": ["Domain Owner"],
                      "act-build-fix": ["Data Engineer"],
                      "act-deploy-monitor": ["Workflow Designer"],
                      "act-owner-briefing": ["Domain Owner"]}
    briefing = cal.find("article", id_="act-owner-briefing")
    assert _links(briefing.find("dd", cls="pb-activity__responsible")) == ["Workflow Designer"]
    assert _links(briefing.find("dd", cls="pb-activity__consulted")) == ["Data Engineer"]
    assert not cal.find("article", id_="act-build-fix").find_all("dd", cls="pb-activity__informed")


def test_calendar_outputs_link_templates_and_rules_are_chips() -> None:
    cal = _calendar()
    deploy = cal.find("article", id_="act-deploy-monitor")
    out = deploy.find("dd", cls="pb-activity__outputs").find("a")
    assert (out.text, out.attrs["href"]) == ("Decision log", "../templates/decision-log/")
    chip = deploy.find("a", cls="pb-rule-chip")
    assert (chip.text, chip.attrs["href"]) == ("72 hours", "../cycle/#rule-watch-window")
    review = cal.find("article", id_="act-sample-review")
    assert review.find("a", cls="pb-rule-chip").text == "20–30 samples"


def test_rules_table_numbers_every_rule() -> None:
    rows = parse(assert_survives_markdown(cycle.cycle_rules(PB, ""))).find("tbody").find_all("tr")
    assert [r.attrs["id"] for r in rows] == ["rule-samples-per-review", "rule-watch-window"]
    cells = [[td.text for td in r.find_all("td")] for r in rows]
    assert [c[0] for c in cells] == ["1", "2"]
    assert [c[2] for c in cells] == ["20–30 samples", "72 hours"]
    assert [c[3] for c in cells] == ["Week 1: Review output samples", "Week 3: Deploy and monitor"]
    assert rows[1].find("a").attrs["href"] == "cycle/#act-deploy-monitor"


def test_results_carry_their_citation() -> None:
    items = parse(assert_survives_markdown(cycle.cycle_results(PB, "../"))).find_all("li")
    assert len(items) == len(PB.cycle.results) == 1
    link = items[0].find("a", cls="pb-cite")
    assert link.attrs["href"] == "../sources/#src-rewired"
    assert squash(items[0].text).endswith("(Lamarre, Smaje, Levin, Rewired, 2nd ed., 2024, Ch. 5)")
