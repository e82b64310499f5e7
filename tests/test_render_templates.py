"""Template renderers on the mini fixture: index, body, page and the blank downloads."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.render import templates as tr
from macros.render.csv_text import read_csv
from tests.fixtures import assert_survives_markdown, mini_playbook, split_front_matter, to_html
from tests.htmlparse import parse

PB = mini_playbook()


def test_index_lists_templates_alphabetically() -> None:
    rows = parse(assert_survives_markdown(tr.template_index(PB, "../"))).find("tbody").find_all("tr")
    assert [r.attrs["id"] for r in rows] == ["template-decision-log", "template-value-brief"]
    first = rows[0]
    assert first.find("th").find("a").attrs["href"] == "../templates/decision-log/"
    assert first.find("span", cls="pb-chip").text == "Table"
    assert first.find("td", cls="pb-templates__owner").text == "Workflow Designer"
    assert first.find("td", cls="pb-templates__when").text == "Week 3: Deploy and monitor"
    downloads = [a.attrs["href"] for a in first.find("td", cls="pb-templates__downloads")
                 .find_all("a")]
    assert downloads == ["../downloads/templates/decision-log.md",
                         "../downloads/templates/decision-log.csv"]
    assert len(rows[1].find("td", cls="pb-templates__downloads").find_all("a")) == 1


def test_body_of_a_table_template() -> None:
    body = parse(assert_survives_markdown(tr.template_body(PB, "decision-log", "../../")))
    rows = body.find("table", cls="pb-template__columns").find("tbody").find_all("tr")
    assert [r.find("th").text for r in rows] == ["Date", "Change", "Rationale"]
    assert rows[0].find_all("td")[1].text == "2025-03-03"
    assert body.find("dd", cls="pb-template__kind").text == "Table"
    assert body.find("dd", cls="pb-template__sources").find("a").attrs["href"] == (
        "../../sources/#src-rewired")


def test_body_of_a_document_template() -> None:
    body = parse(assert_survives_markdown(tr.template_body(PB, "value-brief", "")))
    sections = body.find_all("section", cls="pb-template__section")
    assert [s.find("h2").text for s in sections] == ["Results to date", "Next candidate"]
    assert sections[0].find("dt").text == "KPI delta"
    assert sections[0].find("span", cls="pb-template__example").text == "Example: -8% handle time"
    assert body.find("dd", cls="pb-template__owner").find("a").attrs["href"] == (
        "pod-design/domain-owner/")
    assert body.find("dd", cls="pb-template__when").text == "Week 4: Brief the owner"


def test_unknown_template() -> None:
    with pytest.raises(ValueError, match="no template with id 'nope'"):
        tr.template_body(PB, "nope", "")


def test_template_page_front_matter_and_downloads() -> None:
    page = tr.template_page(PB, PB.template("decision-log"), "../../", dt.date(2025, 6, 15))
    meta, body = split_front_matter(page)
    assert meta["title"] == "Decision log"
    assert meta["last_reviewed"] == dt.date(2025, 6, 15)
    assert meta["audience"] == ["workflow-designer"]
    html = parse(to_html(body))
    links = html.find("p", cls="pb-template__downloads").find_all("a")
    assert [a.attrs["href"] for a in links] == ["../../downloads/templates/decision-log.md",
                                                "../../downloads/templates/decision-log.csv"]


def test_markdown_download_of_a_table_template() -> None:
    text = tr.template_markdown(PB.template("decision-log"), "Workflow Designer")
    lines = text.split("\n")
    assert lines[0] == "# Decision log"
    assert "| Date | Change | Rationale |" in lines
    assert "| --- | --- | --- |" in lines
    html = parse(to_html(text))
    assert [th.text for th in html.find("table").find_all("th")] == ["Date", "Change", "Rationale"]
    assert "Kept by: Workflow Designer" in text


def test_markdown_download_of_a_document_template() -> None:
    html = parse(to_html(tr.template_markdown(PB.template("value-brief"))))
    assert [h.text for h in html.find_all("h2")] == ["Results to date", "Next candidate"]
    assert html.find("li").find("strong").text == "KPI delta"


def test_csv_download() -> None:
    table = tr.template_csv(PB.template("decision-log"))
    assert table is not None
    assert read_csv(table) == [["Date", "Change", "Rationale"]]
    assert tr.template_csv(PB.template("value-brief")) is None
