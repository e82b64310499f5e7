"""Build test: the whole playbook on one page holds every chapter, numbered, with working links,
unique ids, and stays out of search and the sitemap."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from macros.load.loader import load_playbook
from macros.model.playbook import Playbook
from tests.conftest import ROOT
from tests.htmlparse import Element, parse

pytestmark = pytest.mark.build

PAGE = "whole-playbook/index.html"
HEADINGS = ("h2", "h3", "h4", "h5", "h6")


def whole(site: Path) -> Element:
    return parse((site / PAGE).read_text(encoding="utf-8"))


def article(site: Path, rel: str) -> Element:
    return parse((site / rel).read_text(encoding="utf-8")).find("article")


def numbered(root: Element) -> list[tuple[str, str, str]]:
    """(tag, number, text after the number) of each heading that carries a number, in order."""
    found = []
    for el in root.iter():
        if el.tag in HEADINGS:
            marks = el.find_all("span", cls="pb-number")
            if marks:
                found.append((el.tag, marks[0].text, _words(el, marks[0])))
    return found


def _words(el: Element, skip: Element) -> str:
    """The heading's text without its number and its permalink mark."""
    out = []
    for part in el.parts:
        if isinstance(part, str):
            out.append(part)
        elif part is not skip and "headerlink" not in part.classes:
            out.append(_words(part, skip))
    return " ".join(" ".join(out).split())


def test_every_in_page_link_lands_on_an_id_and_no_id_repeats(built_site: Path) -> None:
    html = whole(built_site)
    ids = Counter(e.attrs["id"] for e in html.iter() if e.attrs.get("id"))
    assert [i for i, n in ids.items() if n > 1] == []
    targets = [unquote(a.attrs["href"][1:]) for a in html.find_all("a")
               if a.attrs.get("href", "").startswith("#") and len(a.attrs["href"]) > 1]
    assert len(targets) > 300  # the contents, permalinks and the links between chapters
    assert sorted({t for t in targets if t not in ids}) == []
    # Every reference to an id (labels, descriptions, SVG markers) names one on this page.
    refs = [v for e in html.iter() for k, v in e.attrs.items()
            if k in ("for", "aria-labelledby", "aria-describedby", "list")]
    assert [r for r in refs if any(one not in ids for one in r.split())] == []


def test_links_between_chapters_stay_on_the_page(built_site: Path) -> None:
    """A chapter's link to another page of the book is an anchor here, never the other page."""
    html = whole(built_site)
    chapters = html.find_all("section", cls="pb-chapter")
    relative = [a.attrs["href"] for section in chapters for a in section.find_all("a")
                if a.attrs.get("href") and not urlsplit(a.attrs["href"]).scheme
                and not a.attrs["href"].startswith("#")]
    assert relative, "the registry links to each pod's page"
    # Left on the site: pod pages and briefings, the pod lists, downloads, left-out pages.
    allowed = ("../pods/", "../downloads/", "../tags/", "../whats-new/", "../maintain/",
               "../review-status/", "../feed.xml")
    assert [h for h in relative if not h.startswith(allowed) or h == "../pods/"] == []
    for href in relative:
        path = urlsplit(href).path
        target = (built_site / "whole-playbook" / unquote(path)).resolve()
        assert target.is_file() or (target / "index.html").is_file(), href


def test_headings_are_numbered_in_order_at_their_level(built_site: Path) -> None:
    heads = numbered(whole(built_site))
    assert len(heads) > 150
    previous: list[int] = []
    for tag, number, text in heads:
        parts = [int(p) for p in number.split(".")]
        assert len(parts) == int(tag[1]) - 1, f"{tag} {number} {text}: number and level differ"
        depth = len(parts)
        expected = (previous + [0] * depth)[:depth]
        expected[-1] += 1
        assert parts == expected, f"{number} {text} follows {previous}"
        assert text, f"{number}: no text after the number"
        previous = parts
    assert heads[0][1] == "1"


def test_chapters_follow_the_nav_with_roles_templates_and_registry(built_site: Path) -> None:
    playbook: Playbook = load_playbook(ROOT / "data")
    heads = numbered(whole(built_site))
    top = [text for tag, _, text in heads if tag == "h2"]
    second = [text for tag, _, text in heads if tag == "h3"]
    assert top[:3] == ["AI Delivery Pod Playbook", "Why the operating model is the constraint",
                       "Pod design: the five-role minimum"]
    assert {"Pod registry", "Related guidance", "Reference", "Template library"} <= set(top)
    assert {role.name for role in playbook.roles} <= set(second)
    assert {template.title for template in playbook.templates} <= set(second)
    assert {"Sources", "Glossary"} <= set(second)
    # Left out: pods' own pages, tags, what's new, the maintainers' pages, this page.
    for absent in ("Pages by tag", "What's new", "Review status", "Editing the playbook"):
        assert absent not in top + second
    for pod in playbook.pods:
        assert pod.name not in top + second


def test_each_chapter_is_the_text_of_its_own_page(built_site: Path) -> None:
    """One source: the paragraphs of a page and of its chapter are the same."""
    html = whole(built_site)
    sections = {numbered(s)[0][2]: s for s in html.find_all("section", cls="pb-chapter")}
    for rel, title in (("cycle/index.html", "The four-week operating cycle"),
                       ("pod-design/change-lead/index.html", "Change Lead / Adoption Owner"),
                       ("glossary/index.html", "Glossary")):
        page = article(built_site, rel)
        # Compared without spaces: a repeated glossary term loses its <abbr> on the long page.
        assert ["".join(p.text.split()) for p in page.find_all("p") if not _meta(p, page)] == \
            ["".join(p.text.split()) for p in sections[title].find_all("p")], rel


def _meta(p: Element, page: Element) -> bool:
    """A paragraph of the page's ownership note (the template adds it, not the page)."""
    return any(p in aside.iter() for aside in page.find_all("aside", cls="pb-page-meta"))


def test_the_page_says_what_it_leaves_out_and_how_to_print(built_site: Path) -> None:
    html = whole(built_site)
    left = html.find(id_="whole-left-out")
    assert left.text == "Not on this page"
    listed = {a.text for a in html.find_all("a") if a.attrs.get("href", "").startswith("../")}
    assert {"Pages by tag", "What's new", "Review status"} <= listed
    button = html.find("button", data_pb_print="")
    assert button.text == "Print or save as PDF"
    assert "registry" in html.find("article").text


def test_it_is_kept_out_of_search_and_the_sitemap_and_linked_from_home(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("whole-playbook")]
    assert [d for d in index["docs"] if d["location"].startswith("cycle/")], "pages stay indexed"
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/whole-playbook/" not in sitemap
    assert "/cycle/" in sitemap
    home = parse((built_site / "index.html").read_text(encoding="utf-8"))
    assert any(a.attrs.get("href") == "whole-playbook/" for a in home.find("article").find_all("a"))
    nav = home.find("nav", cls="md-nav--primary")
    assert any(a.attrs.get("href") == "whole-playbook/" for a in nav.find_all("a"))


def scripts(page: Element) -> list[str]:
    return [s.attrs["src"] for s in page.find_all("script") if "src" in s.attrs]


def test_it_loads_the_playbook_script_but_not_materials(built_site: Path) -> None:
    """Material's bundle is left off this page only (overrides/whole-playbook.html)."""
    page = whole(built_site)
    home = parse((built_site / "index.html").read_text(encoding="utf-8"))
    assert [s for s in scripts(home) if "/bundle." in s or s.startswith("assets/javascripts/bundle.")]
    assert not [s for s in scripts(page) if "bundle." in s]
    assert not page.find_all("script", id="__config")
    ours = [s for s in scripts(page) if "/playbook." in s]
    assert ours
    assert ours == [s.replace("assets/", "../assets/", 1) for s in scripts(home)
                             if "playbook." in s]


def test_its_search_form_opens_the_site_search_without_a_script(built_site: Path) -> None:
    """Enter in the header's search box goes to the home page with ?q=, which Material's
    search there opens with those words. Fails if Material changes the markup replaced."""
    form = whole(built_site).find("form", cls="md-search__form")
    assert form.attrs.get("action") == "../"
    assert form.attrs.get("method") == "get"
    assert form.find("input", cls="md-search__input").attrs.get("name") == "q"
    assert "Initializing search" not in whole(built_site).find("div", cls="md-search").text


def test_every_table_without_a_class_is_in_materials_scroll_box(built_site: Path) -> None:
    body = whole(built_site).find("article")
    boxed = [inner.children[0] for inner in body.find_all("div", cls="md-typeset__table")]
    bare = [t for t in body.find_all("table") if "class" not in t.attrs]
    assert len(bare) > 10
    assert all(t.tag == "table" for t in boxed)
    assert len(boxed) == len(bare)
    assert len(body.find_all("div", cls="md-typeset__scrollwrap")) == len(bare)
