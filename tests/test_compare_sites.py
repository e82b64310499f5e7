"""The site comparison: main content of a page, and the differences between two builds."""

from __future__ import annotations

from pathlib import Path

from bench.compare_sites import article_text, differences, site_pages

PAGE = ("<html><nav>Menu <a>Home</a></nav><article><h1>Title</h1><p>One  <b>two</b>\n"
        "three</p><article>inner</article></article><footer>Foot</footer></html>")


def test_article_text_is_the_main_content_only() -> None:
    assert article_text(PAGE) == "Title One two three inner"
    assert article_text("<p>no article</p>") == ""


def test_differences_name_missing_pages_and_changed_words() -> None:
    before = {"a.html": "one two three four", "gone.html": "x", "same.html": "s"}
    after = {"a.html": "one two 3 four", "new.html": "y", "same.html": "s"}
    found = differences(before, after)
    assert "only before: gone.html" in found
    assert "only after:  new.html" in found
    changed = [line for line in found if line.startswith("changed a.html")]
    assert len(changed) == 1
    assert "[-three-]" in changed[0]
    assert "[+3+]" in changed[0]
    assert not [line for line in found if "same.html" in line]


def test_site_pages_reads_every_page(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "sub" / "index.html").write_text("<article>Sub</article>", encoding="utf-8")
    assert site_pages(tmp_path) == {"index.html": "Title One two three inner",
                                    "sub/index.html": "Sub"}
