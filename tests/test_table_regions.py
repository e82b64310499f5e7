"""Table regions: every table sits in a labelled box a keyboard can focus and scroll."""

from __future__ import annotations

from pathlib import Path

import markdown

from macros.render.table_regions import TableRegionsExtension
from tests.htmlparse import Element, parse

TABLE = "| Quarter | Goal |\n| --- | --- |\n| Q1 | Ship |\n"


def convert(text: str) -> Element:
    """`text` as HTML with the table-region extension (and `toc`, as the site uses), parsed."""
    return parse(markdown.markdown(
        text, extensions=["tables", TableRegionsExtension(), "toc"],
        extension_configs={"toc": {"permalink": True}}))


def test_a_table_is_wrapped_in_a_focusable_region_named_after_its_heading() -> None:
    html = convert("## Targets *by* quarter\n\nBefore.\n\n" + TABLE + "\nAfter.\n")
    region = html.find("table")
    boxes = [e for e in html.find_all("div") if region in e.children]
    assert len(boxes) == 1
    box = boxes[0]
    assert box.attrs["role"] == "region"
    assert box.attrs["tabindex"] == "0"
    assert box.attrs["aria-label"] == "Table: Targets by quarter"  # no permalink mark, no markup
    assert [p.text for p in html.find_all("p")] == ["Before.", "After."]  # text around stays


def test_without_a_heading_the_region_is_named_by_its_column_heads() -> None:
    box = convert(TABLE).find("div", role="region")
    assert box.attrs["aria-label"] == "Table: Quarter, Goal"


def test_each_table_gets_the_nearest_heading_before_it() -> None:
    html = convert("# One\n\n" + TABLE + "\n## Two\n\n" + TABLE)
    labels = [d.attrs["aria-label"] for d in html.find_all("div", role="region")]
    assert labels == ["Table: One", "Table: Two"]


def test_every_built_table_material_scrolls_is_in_a_labelled_focusable_region(
    built_site: Path,
) -> None:
    """Material puts each class-less table in a scrolling box of its own; ours must enclose it."""
    problems = []
    for page in sorted(built_site.rglob("*.html")):
        html = parse(page.read_text(encoding="utf-8"))
        boxed = {id(t) for d in html.find_all("div") if d.attrs.get("role") == "region"
                 and d.attrs.get("tabindex") == "0" and d.attrs.get("aria-label")
                 for t in d.find_all("table")}
        problems += [f"{page.relative_to(built_site)}: a table outside a labelled region"
                     for t in html.find_all("table") if "class" not in t.attrs and id(t) not in boxed]
    assert not problems, "\n".join(problems[:20])
