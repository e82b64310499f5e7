"""Rewriting rendered HTML: ids prefixed with what points at them, links re-pointed, headings
moved and numbered; everything else passes through untouched."""

from __future__ import annotations

from macros.render.html_rewrite import Landmarks, Numbering, Rules, rewrite
from tests.htmlparse import parse

PAGE = (
    '<h1 id="top">The <em>cycle</em>'
    '<a class="headerlink" href="#top" title="Permanent link">&para;</a></h1>\n'
    '<p>See <a href="#week-1">week 1</a>, <a href="../scaling/#reuse">reuse</a> and '
    '<a href="https://example.org/x">x</a>.</p>\n'
    '<h2 id="week-1">Week 1 &amp; 2</h2>\n'
    '<label for="amount">Amount</label><input id="amount" aria-describedby="hint note">\n'
    '<svg viewBox="0 0 10 10"><defs><linearGradient id="g"></linearGradient></defs>'
    '<path fill="url(#g)" marker-end="url( #arrow )"/></svg>\n'
    '<h3 id="detail">Detail</h3>\n'
    '<script type="application/json">{"a": "<h2 id=\\"x\\">"}</script>\n'
)


def test_without_rules_the_html_comes_back_byte_for_byte() -> None:
    tricky = PAGE + '<!-- a <h2> comment --><p title="a > b">x &lt;h2&gt; &#169; &copy</p><br/>'
    out = rewrite(tricky, Rules())
    assert out.html == tricky.replace("&copy<", "&copy;<")  # an unterminated entity is closed


def test_prefix_applies_to_every_id_and_everything_that_names_one() -> None:
    html = parse(rewrite(PAGE, Rules(prefix="ch-cycle")).html)
    ids = [e.attrs["id"] for e in html.iter() if "id" in e.attrs]
    assert ids == ["ch-cycle--top", "ch-cycle--week-1", "ch-cycle--amount", "ch-cycle--g",
                   "ch-cycle--detail"]
    assert html.find("label").attrs["for"] == "ch-cycle--amount"
    assert html.find("input").attrs["aria-describedby"] == "ch-cycle--hint ch-cycle--note"
    path = html.find("path")
    assert path.attrs["fill"] == "url(#ch-cycle--g)"
    assert path.attrs["marker-end"] == "url(#ch-cycle--arrow)"
    hrefs = [a.attrs["href"] for a in html.find_all("a")]
    assert hrefs == ["#ch-cycle--top", "#ch-cycle--week-1", "../scaling/#reuse",
                     "https://example.org/x"]


def test_scripts_comments_and_svg_names_are_kept_as_written() -> None:
    out = rewrite(PAGE, Rules(prefix="p")).html
    assert '{"a": "<h2 id=\\"x\\">"}' in out  # a script's text is not HTML
    assert "<linearGradient " in out
    assert "</linearGradient>" in out
    assert '<svg viewBox="0 0 10 10">' in out  # an unchanged tag keeps its exact text


def test_links_go_through_the_given_function_except_anchors_on_the_same_page() -> None:
    seen: list[str] = []

    def link(href: str) -> str:
        seen.append(href)
        return "/moved/" + href

    html = parse(rewrite(PAGE, Rules(prefix="p", link=link)).html)
    assert seen == ["../scaling/#reuse", "https://example.org/x"]
    assert [a.attrs["href"] for a in html.find_all("a")][1:] == [
        "#p--week-1", "/moved/../scaling/#reuse", "/moved/https://example.org/x"]


def test_headings_move_down_and_are_numbered_in_order() -> None:
    numbering = Numbering(first=2)
    out = rewrite(PAGE, Rules(shift=1, numbering=numbering))
    html = parse(out.html)
    assert [e.tag for e in html.iter() if e.tag.startswith("h") and e.tag[1:].isdigit()] == \
        ["h2", "h3", "h4"]
    assert [(h.level, h.number, h.text, h.id) for h in out.headings] == [
        (2, "1", "The cycle", "top"), (3, "1.1", "Week 1 & 2", "week-1"),
        (4, "1.1.1", "Detail", "detail")]
    assert html.find("h3").text == "1.1 Week 1 & 2"  # the number leads the heading's text
    # The numbering carries on into the next page.
    again = rewrite("<h1>Next</h1><h2>A</h2><h2>B</h2>", Rules(shift=1, numbering=numbering))
    assert [h.number for h in again.headings] == ["2", "2.1", "2.2"]


def test_numbers_restart_below_and_skip_levels_above_the_first() -> None:
    numbering = Numbering(first=2)
    assert [numbering.next(level) for level in (1, 2, 3, 4, 3, 4, 2, 4)] == \
        ["", "1", "1.1", "1.1.1", "1.2", "1.2.1", "2", "2.0.1"]


def test_headings_never_go_below_h6() -> None:
    out = rewrite("<h5>Deep</h5><h6>Deeper</h6>", Rules(shift=2))
    assert [h.level for h in out.headings] == [6, 6]
    assert [e.tag for e in parse(out.html).children] == ["h6", "h6"]


def test_a_landmark_name_seen_before_gets_the_part_it_is_in() -> None:
    landmarks = Landmarks()
    region = '<div role="region" aria-label="Duties"><table></table></div><p aria-label="x"></p>'
    first = parse(rewrite(region, Rules(landmarks=landmarks, part="Domain owner")).html)
    second = parse(rewrite(region, Rules(landmarks=landmarks, part="Change lead")).html)
    assert first.find("div").attrs["aria-label"] == "Duties"
    assert second.find("div").attrs["aria-label"] == "Duties (Change lead)"
    assert second.find("p").attrs["aria-label"] == "x"  # not a landmark: names may repeat


def test_changed_attribute_values_are_escaped() -> None:
    out = rewrite('<a href="a?b=1&amp;c=&quot;2&quot;">x</a>', Rules(link=lambda h: h + "&x"))
    assert out.html == '<a href="a?b=1&amp;c=&quot;2&quot;&amp;x">x</a>'


def test_a_term_keeps_its_tooltip_only_the_first_time_across_pages() -> None:
    terms: set[str] = set()
    first = rewrite('<p><abbr title="A team">pod</abbr> and <abbr title="x">AI</abbr></p>',
                    Rules(terms=terms))
    second = rewrite('<p>A <abbr title="A team">pod</abbr> &amp; <abbr title="y">KPI</abbr>.</p>',
                     Rules(terms=terms))
    assert [a.text for a in parse(first.html).find_all("abbr")] == ["pod", "AI"]
    assert [a.text for a in parse(second.html).find_all("abbr")] == ["KPI"]
    assert second.html == '<p>A pod &amp; <abbr title="y">KPI</abbr>.</p>'
    assert terms == {"pod", "AI", "KPI"}


def test_tables_without_a_class_get_the_scroll_box_material_gives_them() -> None:
    """As Material's script does on pages that load it: `div.md-typeset__scrollwrap >
    div.md-typeset__table > table` for a table with no class; a table with one is left alone."""
    page = ('<table><tr><td><table class="inner"><tr><td>x</td></tr></table></td></tr></table>'
            '<p>between</p><table class="pb-raci-table"><tr><td>y</td></tr></table>'
            '<table id="t"><tr><td>z</td></tr></table>')
    html = parse(rewrite(page, Rules(wrap_tables=True)).html)
    boxes = html.find_all("div", cls="md-typeset__scrollwrap")
    assert len(boxes) == 2
    for box in boxes:
        (inner,) = box.children
        assert inner.tag == "div"
        assert inner.attrs["class"] == "md-typeset__table"
        (table,) = inner.children
        assert table.tag == "table"
        assert "class" not in table.attrs
    assert boxes[1].find("table").attrs["id"] == "t"
    assert [t.attrs.get("class") for t in html.find_all("table")] == [
        None, "inner", "pb-raci-table", None]
    assert not boxes[0].find_all("p")  # each box closes right after its own table
    assert rewrite(page, Rules()).html == page  # only on request
