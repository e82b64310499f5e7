"""The one-page playbook from a small nav: which pages it holds, how links and ids come out."""

from __future__ import annotations

from collections import Counter

from macros.render.whole_playbook import (
    NavEntry,
    Source,
    anchor,
    combine,
    left_out,
    plan,
    relink,
)
from tests.htmlparse import Element, parse

NAV = (
    NavEntry("Start here", None, (NavEntry("Home", "index.md"), NavEntry("Paths", "paths.md"))),
    NavEntry("Cycle", "cycle.md"),
    NavEntry("Roles", None, (NavEntry("Roles", "roles/index.md"),
                             NavEntry("Owner", "roles/owner.md"))),
    NavEntry("Guidance", None, (NavEntry("One", "guidance/one.md"),)),
    NavEntry("Reference", None, (NavEntry("Tags", "tags.md"),
                                 NavEntry("Whole", "whole-playbook.md"))),
    NavEntry("Maintaining", None, (NavEntry("Editing", "maintain/editing.md"),)),
)


def test_plan_follows_the_nav_and_nests_section_pages_under_their_index() -> None:
    book = plan(NAV)
    assert [(c.title, c.url, c.depth, c.anchor) for c in book.chapters] == [
        ("Start here", "", 1, "ch-home"),
        ("Paths", "paths/", 2, "ch-paths"),
        ("Cycle", "cycle/", 1, "ch-cycle"),
        ("Roles", "roles/", 1, "ch-roles"),
        ("Owner", "roles/owner/", 2, "ch-roles-owner"),
        ("Guidance", None, 1, "part-guidance"),  # a section without an index page: a heading
        ("One", "guidance/one/", 2, "ch-guidance-one"),
    ]
    # Nothing of Reference is left, so it gets no heading; the page itself is not a chapter.
    assert [(o.title, o.url) for o in book.omitted] == [("Tags", "tags/"),
                                                        ("Editing", "maintain/editing/")]
    assert all(o.reason for o in book.omitted)


def test_left_out_takes_whole_folders_and_single_pages() -> None:
    assert left_out("maintain/hosting.md")
    assert left_out("tags.md")
    assert left_out("maintainers.md") is None
    assert left_out("cycle.md") is None


def test_two_pages_never_share_an_anchor() -> None:
    nav = (NavEntry("A", "a-b.md"), NavEntry("B", None, (NavEntry("x", "a/b.md"),)))
    anchors = [c.anchor for c in plan(nav).chapters]
    assert anchor("a-b/") == anchor("a/b/")
    assert len(set(anchors)) == len(anchors)


CHAPTERS = {"": "ch-home", "cycle/": "ch-cycle", "roles/owner/": "ch-roles-owner"}


def on(page: str, href: str) -> str:
    """Where `relink` sends `href`, written on `page`, with the chapters of `CHAPTERS`."""
    return relink(href, page=page, chapters=CHAPTERS)


def test_relink_points_pages_in_the_book_at_their_chapter() -> None:
    assert on("roles/owner/", "../../cycle/") == "#ch-cycle"
    assert on("roles/owner/", "../../cycle/#act-review") == "#ch-cycle--act-review"
    assert on("cycle/", "../") == "#ch-home"
    assert on("", "./") == "#ch-home"
    assert on("", "cycle/index.html#x") == "#ch-cycle--x"
    assert on("cycle/", "../roles/owner/") == "#ch-roles-owner"
    assert on("", "whole-playbook/") == "#"  # a link to this page itself: its top


def test_relink_rebases_everything_else_to_the_real_file() -> None:
    # The one-page playbook lives at whole-playbook/, one folder below the root.
    assert on("roles/owner/", "../../pods/acme/#cycles") == "../pods/acme/#cycles"
    assert on("cycle/", "../downloads/templates/log.csv") == "../downloads/templates/log.csv"
    assert on("", "downloads/pods/acme.ics") == "../downloads/pods/acme.ics"
    assert on("cycle/", "../cycle/?view=print") == "../cycle/?view=print"
    for kept in ("https://example.org/a/", "mailto:coe@example.org", "#already", "/abs/"):
        assert on("cycle/", kept) == kept


def page(title: str, body: str) -> str:
    return f'<h1 id="{title.lower()}">{title}</h1>{body}'


SOURCES = {
    "": Source("Home", page("Home", '<p><a href="cycle/#rules">rules</a></p><h2 id="why">Why</h2>')),
    "paths/": Source("Paths", page("Paths", '<a href="../maintain/editing/">edit</a>')),
    "cycle/": Source("Cycle", page("Cycle", '<h2 id="rules">Rules</h2><h3 id="x">X</h3>'
                                            '<a href="#rules">up</a>')),
    "roles/": Source("Roles", page("Roles", '<h2 id="why">Why</h2>'
                                            '<div role="region" aria-label="Duties"></div>')),
    "roles/owner/": Source("Owner", '<h2 id="why">Why</h2><a href="../../">home</a>'
                                    '<div role="region" aria-label="Duties"></div>'),
    "guidance/one/": Source("One", page("One", '<h2 id="why">Why</h2>')),
}
INTRO = '<h1 id="whole">Whole</h1><p><a href="../cycle/">the cycle</a></p>'


def built() -> Element:
    return parse(combine(plan(NAV), SOURCES, INTRO))


def test_combined_page_has_unique_ids_and_every_anchor_link_lands_on_one() -> None:
    html = built()
    ids = Counter(e.attrs["id"] for e in html.iter() if "id" in e.attrs)
    assert [i for i, n in ids.items() if n > 1] == []
    anchors = [a.attrs["href"][1:] for a in html.find_all("a") if a.attrs["href"].startswith("#")]
    assert len(anchors) > 10
    assert [a for a in anchors if a not in ids] == []
    hrefs = {a.text: a.attrs["href"] for a in html.find_all("a")}
    assert hrefs["rules"] == "#ch-cycle--rules"
    assert hrefs["the cycle"] == "#ch-cycle"  # the intro's own links reach the chapters too
    assert hrefs["edit"] == "../maintain/editing/"
    assert hrefs["home"] == "#ch-home"


def test_headings_are_numbered_in_order_under_their_chapters() -> None:
    html = built()
    chapters = html.find_all("section", cls="pb-chapter")
    heads = [(e.tag, e.text) for section in chapters for e in section.iter()
             if e.tag in ("h2", "h3", "h4", "h5")]
    assert heads == [
        ("h2", "1 Home"), ("h3", "1.1 Why"), ("h3", "1.2 Paths"),
        ("h2", "2 Cycle"), ("h3", "2.1 Rules"), ("h4", "2.1.1 X"),
        ("h2", "3 Roles"), ("h3", "3.1 Why"), ("h3", "3.2 Owner"), ("h4", "3.2.1 Why"),
        ("h2", "4 Guidance"), ("h3", "4.1 One"), ("h4", "4.1.1 Why"),
    ]
    assert len(chapters) == 6  # each page of the book starts a section (a new sheet in print)


def test_contents_lists_chapters_and_their_sections_with_working_links() -> None:
    html = built()
    contents = html.find("nav", cls="pb-whole-contents")
    entries = [(a.text, a.attrs["href"]) for a in contents.find_all("a")]
    assert [text for text, _ in entries] == [
        "1 Home", "1.1 Why", "1.2 Paths", "2 Cycle", "2.1 Rules", "3 Roles", "3.1 Why",
        "3.2 Owner", "4 Guidance", "4.1 One"]
    assert entries[3][1] == "#ch-cycle--cycle"
    assert entries[8][1] == "#part-guidance"
    top = contents.find("ol")
    assert len([li for li in top.children if li.tag == "li"]) == 4  # sections nest below


def test_left_out_pages_are_listed_with_links_to_the_site() -> None:
    top = built().children
    heading = next(i for i, e in enumerate(top) if e.attrs.get("id") == "whole-left-out")
    listing = next(e for e in top[heading:] if e.tag == "ul")
    assert [(a.text, a.attrs["href"]) for a in listing.find_all("a")] == [
        ("Tags", "../tags/"), ("Editing", "../maintain/editing/")]
    assert "for the editors" in listing.text  # each says why


def test_repeated_region_names_get_their_chapter() -> None:
    names = [e.attrs["aria-label"] for e in built().find_all(role="region")]
    assert names == ["Duties", "Duties (Owner)"]
