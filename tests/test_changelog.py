"""What's new: the changelog list, its role filter and its links, on the mini fixture."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from macros.model import data as m
from macros.render.changelog import changelog_list
from tests.fixtures import mini_playbook
from tests.htmlparse import parse

REPO = Path(__file__).resolve().parent.parent


def test_entries_are_newest_first_with_their_dates() -> None:
    pb = mini_playbook()
    html = parse(changelog_list(pb, "../"))
    entries = html.find_all("li", cls="changelog__entry")
    expected = sorted((c.date for c in pb.changes), reverse=True)
    assert [e.find("time").attrs["datetime"] for e in entries] == [d.isoformat() for d in expected]
    first = entries[0].find("time").text
    assert first == f"{expected[0].day} {expected[0]:%B} {expected[0].year}"


def test_each_entry_lists_and_links_its_roles() -> None:
    pb = mini_playbook()
    html = parse(changelog_list(pb, "../"))
    for entry, change in zip(html.find_all("li", cls="changelog__entry"),
                             sorted(pb.changes, key=lambda c: c.date, reverse=True), strict=True):
        assert entry.attrs["data-roles"].split() == list(change.roles)
        links = entry.find("p", cls="changelog__roles").find_all("a")
        assert [a.text for a in links] == [pb.role(r).name for r in change.roles]
        assert [a.attrs["href"] for a in links] == [f"../pod-design/{r}/" for r in change.roles]


def test_filter_offers_every_role_and_is_hidden_until_script_runs() -> None:
    pb = mini_playbook()
    html = parse(changelog_list(pb, ""))
    box = html.find("div", cls="changelog__filter")
    assert "hidden" in box.attrs, "without JavaScript the filter must not show"
    select = box.find("select")
    label = box.find("label")
    assert label.attrs["for"] == select.attrs["id"]
    values = [o.attrs["value"] for o in select.find_all("option")]
    assert values == ["", *(role.id for role in pb.roles)]


def test_an_entry_without_roles_concerns_every_role() -> None:
    pb = mini_playbook()
    change = m.Change(date=dt.date(2025, 7, 1), summary="Reworded the home page.")
    html = parse(changelog_list(replace(pb, changes=(change,)), ""))
    entry = html.find("li", cls="changelog__entry")
    assert entry.attrs["data-roles"] == ""
    assert "every role" in entry.find("p", cls="changelog__roles").text
    assert not entry.find_all("p", cls="changelog__pages")


def test_pages_link_from_the_site_root() -> None:
    pb = mini_playbook()
    with_pages = [c for c in pb.changes if c.pages]
    assert with_pages, "the mini fixture names a page in its changelog"
    html = parse(changelog_list(pb, "../../"))
    hrefs = [a.attrs["href"] for a in html.find_all("p", cls="changelog__pages")[0].find_all("a")]
    assert hrefs == [f"../../{p.lstrip('/')}" for p in with_pages[0].pages]


def test_data_text_is_escaped() -> None:
    html = changelog_list(mini_playbook(), "")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_empty_changelog() -> None:
    html = parse(changelog_list(replace(mini_playbook(), changes=()), ""))
    assert not html.find_all("li", cls="changelog__entry")
    assert html.find("div", cls="changelog").text


def test_filter_script_is_local_and_shipped() -> None:
    script = REPO / "docs" / "assets" / "javascripts" / "changelog-filter.js"
    text = script.read_text(encoding="utf-8")
    assert "[data-changelog-filter]" in text
    assert "http" not in text.replace("history", ""), "no requests to other hosts"
