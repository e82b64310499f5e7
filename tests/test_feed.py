"""The Atom feed of What's new: valid against RFC 4287's required elements, linked from pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from macros.load.loader import load_playbook
from macros.model import data as m
from macros.render.feed import feed_entries
from tests.htmlparse import parse

ROOT = Path(__file__).resolve().parents[1]
ATOM = "{http://www.w3.org/2005/Atom}"


def rfc3339(text: str | None) -> dt.datetime:
    """Parse an Atom date construct (RFC 3339, with a zone); fail on anything else."""
    assert text, "empty date"
    assert text.endswith("Z") or text[-6] in "+-", f"no time zone: {text!r}"
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def absolute(iri: str | None) -> str:
    assert iri, "empty IRI"
    parts = urlsplit(iri)
    assert parts.scheme, f"not absolute: {iri!r}"
    assert parts.netloc, f"not absolute: {iri!r}"
    return iri


@pytest.fixture(scope="module")
def feed(built_site: Path) -> ET.Element:
    return ET.parse(built_site / "feed.xml").getroot()


def test_the_feed_has_every_required_element(feed: ET.Element) -> None:
    assert feed.tag == f"{ATOM}feed"
    absolute(feed.findtext(f"{ATOM}id"))
    assert (feed.findtext(f"{ATOM}title") or "").strip()
    updated = rfc3339(feed.findtext(f"{ATOM}updated"))
    assert (feed.findtext(f"{ATOM}author/{ATOM}name") or "").strip()  # so entries need none
    assert [link.get("rel") for link in feed.findall(f"{ATOM}link")].count("self") == 1
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    ids = [absolute(e.findtext(f"{ATOM}id")) for e in entries]
    assert len(set(ids)) == len(ids), "entry ids must be unique"
    for entry in entries:
        assert (entry.findtext(f"{ATOM}title") or "").strip()
        assert rfc3339(entry.findtext(f"{ATOM}updated")) <= updated
        links = [link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "alternate"]
        assert links
        absolute(links[0].get("href"))
        assert (entry.findtext(f"{ATOM}summary") or "").strip()


def test_the_feed_holds_every_change_newest_first(feed: ET.Element) -> None:
    changes = load_playbook(ROOT / "data").changes
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(changes)
    dates = [rfc3339(e.findtext(f"{ATOM}updated")).date() for e in entries]
    assert dates == sorted((c.date for c in changes), reverse=True)
    assert " ".join(changes[0].summary.split()) in [e.findtext(f"{ATOM}summary") for e in entries]


@pytest.mark.parametrize("page", ["cycle/index.html", "whats-new/index.html", "index.html"])
def test_pages_point_feed_readers_at_the_feed(built_site: Path, page: str) -> None:
    html = parse((built_site / page).read_text("utf-8"))
    links = [link for link in html.find_all("link")
             if link.attrs.get("rel") == "alternate"
             and link.attrs.get("type") == "application/atom+xml"]
    assert len(links) == 1
    assert urljoin(f"/{page}", links[0].attrs["href"]) == "/feed.xml"
    assert (built_site / "feed.xml").is_file()


def test_whats_new_links_to_the_feed(built_site: Path) -> None:
    html = parse((built_site / "whats-new" / "index.html").read_text("utf-8"))
    hrefs = [a.attrs.get("href") for a in html.find("article").find_all("a")]
    assert "../feed.xml" in hrefs


def test_an_entry_keeps_its_id_when_a_change_is_added_on_the_same_day() -> None:
    pb = load_playbook(ROOT / "data")
    day = dt.date(2030, 1, 7)
    first = m.Change(date=day, summary="First change of the day.")
    before = dataclasses.replace(pb, changes=(first, *pb.changes))
    later = m.Change(date=day, summary="Second change of the day, written above the first.")
    after = dataclasses.replace(pb, changes=(later, first, *pb.changes))
    ids_before = {e.summary: e.id for e in feed_entries(before, "https://x.example/")}
    ids_after = {e.summary: e.id for e in feed_entries(after, "https://x.example/")}
    assert all(ids_after[summary] == ident for summary, ident in ids_before.items())
    assert ids_after[later.summary] not in ids_before.values()
