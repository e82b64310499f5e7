"""Tags that work: each page shows its front-matter tags, each linking to its list on tags/."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from tests.htmlparse import parse


def test_every_tag_on_a_page_links_to_its_list_of_pages(built_site: Path) -> None:
    listing = parse((built_site / "tags" / "index.html").read_text("utf-8"))
    ids = {el.attrs.get("id") for el in listing.iter()}
    checked, problems = 0, []
    for page in ("cycle", "pod-design", "templates/pod-charter", "pods/harbourline-procurement"):
        html = parse((built_site / page / "index.html").read_text("utf-8"))
        nav = html.find("nav", cls="md-tags")
        assert nav.attrs.get("aria-label"), f"{page}: the tag list has no accessible name"
        for link in nav.find_all("a"):
            target = urlsplit(urljoin(f"/{page}/", link.attrs["href"]))
            checked += 1
            if target.path != "/tags/" or target.fragment not in ids:
                problems.append(f"{page}: tag {link.text!r} links to {link.attrs['href']}")
    assert checked >= 8
    assert not problems, "\n".join(problems)


def test_the_tag_list_names_the_pages_of_a_tag(built_site: Path) -> None:
    listing = (built_site / "tags" / "index.html").read_text("utf-8")
    html = parse(listing)
    headings = [h for h in html.find_all("h2") if h.attrs.get("id") == "tag:templates"]
    assert headings, "no list for the 'templates' tag"
    names = [a.text for a in html.find_all("a")]
    for title in ("Pod charter", "Rollback procedure", "Template library"):
        assert title in names, title
