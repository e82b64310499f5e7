"""The pod-page fast path on its own: skeleton Markdown, conversion, held blocks, restored HTML."""

from __future__ import annotations

from typing import Any

import markdown
import pytest
import yaml

from macros.mkdocs_adapter.fast_path import FastPath, fill_placeholders, skeleton_markdown
from macros.render.finished import FinishedBody, FinishedPage, Section, heading_text
from tests.conftest import ROOT
from tests.htmlparse import parse, unbalanced

# Text an editor might type into any field; none of it may become structure.
HOSTILE = ("First line\n## Not a heading\n# Not a title\n---\n"
           "</td></tr></table> <h2>not a heading either</h2>\nPBFINISHEDHTML1X <p>PBFINISHEDHTML2X</p>")


def site_markdown() -> markdown.Markdown:
    """A Markdown converter with the extensions and settings of the site's mkdocs.yml."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    settings: dict[str, Any] = {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        settings[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=settings)


def cell(text: str) -> str:
    """A table as a renderer would make it: the text autoescaped, its line breaks kept."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<table>\n<tr><td>{escaped}</td></tr>\n</table>"


def body(with_intro: bool = True) -> FinishedBody:
    return FinishedBody(
        intro='<h1 id="pod-title">Acme</h1>\n<p>summary</p>' if with_intro else "",
        sections=(Section("Profile", cell(HOSTILE)), Section("Quarter calendar", cell("plain")),
                  Section("Economics", f"<div>\n{cell(HOSTILE)}\n</div>")))


def run(fast: FastPath, src: str) -> str:
    """What MkDocs does with a finished page: skeleton, conversion, wait, restore."""
    assert fast.handles(src)
    html = site_markdown().convert(fast.skeleton(src))
    fast.converted(src)
    return fast.restore(src, html)


@pytest.mark.parametrize("compress", [True, False])
def test_restored_page_has_every_section_and_reads_the_hostile_text_literally(
        compress: bool) -> None:
    fast = FastPath({"pods/acme.md": FinishedPage("---\ntitle: Acme\n---\n", body)},
                    compress=compress)
    html = run(fast, "pods/acme.md")
    assert unbalanced(html) == []
    tree = parse(html)
    assert [h.text.rstrip("¶").strip() for h in tree.find_all("h2")] == [
        "Profile", "Quarter calendar", "Economics"]
    assert [h.text for h in tree.find_all("h1")] == ["Acme"]
    cells = [td.text for td in tree.find_all("td")]
    flat = " ".join(HOSTILE.split())
    assert cells == [flat, "plain", flat]
    assert "PBFINISHEDHTML" not in html.replace(cell(HOSTILE), "")  # no placeholder left over


def test_skeleton_holds_headings_and_placeholders_only() -> None:
    skeleton = skeleton_markdown(body())
    assert "<" not in skeleton
    assert "Not a heading" not in skeleton
    assert [line for line in skeleton.splitlines() if line.startswith("#")] == [
        "## Profile", "## Quarter calendar", "## Economics"]


def test_a_body_without_intro_has_no_intro_placeholder() -> None:
    fast = FastPath({"p.md": FinishedPage("", lambda: body(with_intro=False))})
    html = run(fast, "p.md")
    assert parse(html).find_all("h1") == []
    assert len(parse(html).find_all("h2")) == 3


def test_the_body_is_rendered_only_when_the_engine_reaches_the_page() -> None:
    calls: list[str] = []

    def late() -> FinishedBody:
        calls.append("rendered")
        return body()

    fast = FastPath({"p.md": FinishedPage("---\ntitle: P\n---\n", late)})
    assert fast.front_matter("p.md").startswith("---")
    assert calls == []
    run(fast, "p.md")
    assert calls == ["rendered"]
    assert not fast.handles("p.md")  # nothing of the page is held once it is restored


def test_other_pages_are_not_handled() -> None:
    assert not FastPath({"p.md": FinishedPage("", body)}).handles("index.md")


def test_a_lost_placeholder_fails_loudly() -> None:
    blocks = ["<h1>x</h1>", "<p>a</p>"]
    with pytest.raises(ValueError, match="lost or moved"):
        fill_placeholders("<p>PBFINISHEDHTML0X</p>\n<h2>Profile</h2>", blocks, "p.md")


@pytest.mark.parametrize("title", ["Profile", "## Costs", "<h2>x</h2> & y", "a*b_c*", "[link](x)"])
def test_heading_text_reads_literally(title: str) -> None:
    html = markdown.markdown(f"## {heading_text(title)}")
    tree = parse(html)
    assert [h.text for h in tree.find_all("h2")] == [title]
    assert unbalanced(html) == []
