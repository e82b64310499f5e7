"""The nginx configuration's script hashes allow the templates' inline scripts and nothing a
page's own content holds: a `<script>` written into a Markdown page stays refused by the CSP."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.cli.hosting import content_span, script_hash, site_script_hashes, template_scripts

PAGE = """<html><head><script>var scope = 1</script>
<script id="__config" type="application/json">{"a": 1}</script>
<script src="bundle.js"></script></head><body>
<article class="md-content__inner md-typeset"><h1>Cycle</h1>
<article class="pb-week"><h2>Week 1</h2></article>
<script>alert("from the page")</script>
<script type="module">import "x"</script>
</article>
<script>var target = 2</script></body></html>"""


def test_scripts_outside_the_content_are_hashed_and_the_contents_are_not() -> None:
    assert template_scripts(PAGE) == ["var scope = 1", "var target = 2"]


def test_the_content_ends_at_its_own_closing_tag_past_nested_articles() -> None:
    start, end = content_span(PAGE)
    assert PAGE[start:end].startswith('<article class="md-content__inner')
    assert PAGE[start:end].endswith("</article>")
    assert "var target" in PAGE[end:]
    assert "from the page" in PAGE[start:end]


def test_a_page_without_a_content_article_keeps_every_script() -> None:
    assert template_scripts("<script>a()</script><p>x</p><script>b()</script>") == ["a()", "b()"]


@pytest.mark.build
def test_a_script_added_to_a_built_pages_content_gets_no_hash(built_site: Path,
                                                              tmp_path: Path) -> None:
    page = (built_site / "cycle" / "index.html").read_text(encoding="utf-8")
    start, end = content_span(page)
    assert start < end
    assert template_scripts(page), "Material writes inline scripts outside the content"
    injected = page[:end - len("</article>")] + "<script>steal()</script>" + page[end - len("</article>"):]
    (tmp_path / "index.html").write_text(injected, encoding="utf-8")
    hashes = site_script_hashes(tmp_path)
    assert script_hash("steal()") not in hashes
    assert {script_hash(body) for body in template_scripts(page)} == set(hashes)
