"""Pod renderers: directory, profile, infrastructure tables, generated pod and index pages."""

from __future__ import annotations

import datetime as dt

import markdown
import yaml

from macros.compute import diagnosis as dx
from macros.model import urls
from macros.model.playbook import Playbook
from macros.render import pods
from macros.render.finished import FinishedPage
from tests.fixtures import mini_playbook
from tests.fixtures.pods_b import with_pod
from tests.htmlparse import Element, parse

TODAY = dt.date(2025, 6, 1)
# The Markdown extensions of mkdocs.yml that change how raw HTML is treated.
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
              "toc", "pymdownx.details", "pymdownx.superfences"]


def pb_() -> Playbook:
    return mini_playbook()


def split_page(generated: str | FinishedPage) -> tuple[dict[str, object], str]:
    """Front matter (parsed) and body of a generated page, as Markdown."""
    page = generated if isinstance(generated, str) else generated.markdown()
    assert page.startswith("---\n")
    head, body = page[4:].split("\n---\n", 1)
    meta = yaml.safe_load(head)
    assert isinstance(meta, dict)
    return meta, body


def to_html(body: str) -> Element:
    """The page body as Python-Markdown renders it for the site."""
    return parse(markdown.markdown(body, extensions=EXTENSIONS))


def body_rows(table: Element) -> list[Element]:
    return table.find("tbody").find_all("tr")


# ---------------------------------------------------------------- directory

def test_directory_has_a_row_per_pod_sorted_by_name() -> None:
    pb = pb_()
    root = parse(pods.pod_directory(pb, "../", TODAY))
    table = root.find("div", cls="pod-directory").find("table")
    assert "data-sortable" in table.attrs
    rows = body_rows(table)
    names = sorted((p.name for p in pb.pods), key=str.casefold)
    assert [r.find("th").text for r in rows] == names
    hrefs = [r.find("th").find("a").attrs["href"] for r in rows]
    assert hrefs == [f"../pods/{p.id}/" for p in sorted(pb.pods, key=lambda p: p.name.casefold())]


def test_directory_columns_come_from_the_data() -> None:
    pb = pb_()
    beta = pb.pod("beta")
    assert beta.launch_date is not None
    root = parse(pods.pod_directory(pb, "", TODAY))
    row = root.find("tr", id_="pod-beta")
    cells = [c.text for c in row.children]
    owner = next(r.holder for r in beta.roles if r.role == "domain-owner")
    days = (TODAY - beta.launch_date).days
    # The verdict comes right after the pod, so it stays in view when the table scrolls.
    assert cells[2] == beta.stage
    assert cells[3] == beta.organisation.name
    assert cells[4] == beta.domain
    assert cells[5] == owner
    assert cells[6] == str(days)
    assert row.children[6].attrs["data-sort-value"] == str(days)
    expected = dx.evaluate(pb, beta, pb.diagnostic("ghost-pod"), TODAY)
    verdict = row.children[1].find("span", cls="pod-verdict")
    assert verdict.attrs["data-verdict"] == expected.band.verdict
    assert verdict.text == expected.band.label
    assert cells[7] == "—"  # beta records no KPI


def test_directory_marks_pods_without_launch() -> None:
    pb = pb_()
    pb = with_pod(pb, pb.pod("beta").model_copy(update={"launch_date": None}))
    row = parse(pods.pod_directory(pb, "", TODAY)).find("tr", id_="pod-beta")
    assert row.children[6].attrs["data-sort-value"] == ""
    assert row.children[6].text == "not launched"


# ---------------------------------------------------------------- profile

def test_profile_lists_every_role_with_holder_and_allocation() -> None:
    pb = pb_()
    acme = pb.pod("acme")
    root = parse(pods.pod_profile(pb, "acme", "../../"))
    rows = body_rows(root.find("div", cls="pod-profile__roles").find("table"))
    assert len(rows) == len(acme.roles)
    by_role = {r.attrs["data-role"]: r for r in rows}
    for held in acme.roles:
        row = by_role[held.role]
        assert row.find("a").attrs["href"] == f"../../pod-design/{held.role}/"
        assert row.children[1].text == held.holder
        assert row.children[2].text.startswith(f"{held.allocation}%")
    shared = next(r for r in acme.roles if r.shared_across > 1)
    assert f"shared across {shared.shared_across} pods" in by_role[shared.role].text
    assert f"${shared.supplement_monthly_cost:,}" in by_role[shared.role].text


def test_profile_domain_targets_metrics_infrastructure() -> None:
    pb = pb_()
    acme = pb.pod("acme")
    root = parse(pods.pod_profile(pb, "acme", ""))
    scope = root.find("ul", cls="pod-profile__scope").find_all("li")
    assert [li.text for li in scope] == list(acme.domain_scope)
    targets = body_rows(root.find("div", cls="pod-profile__targets").find("table"))
    assert [r.find("th").text for r in targets] == [f"Q{t.quarter}" for t in acme.targets]
    inherited = [pb.asset(a).name for a in acme.targets[1].inherits]
    assert targets[1].children[-1].text == ", ".join(inherited)
    evaluation = root.find("p", cls="pod-profile__evaluation").text
    for metric in acme.evaluation_metrics:
        assert f"{metric.name} {metric.comparator} {metric.value:g}{metric.unit}" in evaluation
    infra = body_rows(root.find("div", cls="pod-profile__infrastructure").find("table"))
    assert [r.attrs["data-asset"] for r in infra] == [a.asset for a in acme.infrastructure]


def test_profile_links_the_pod_an_asset_came_from() -> None:
    root = parse(pods.pod_profile(pb_(), "beta", "../../"))
    cell = root.find("tr", data_asset="ingestion-pipeline").children[1]
    assert cell.text.startswith("Inherited from")
    assert cell.find("a").attrs["href"] == "../../pods/acme/"


# ---------------------------------------------------------------- infrastructure

def test_inheritance_matrix_cells() -> None:
    pb = pb_()
    root = parse(pods.inheritance_matrix(pb, "../"))
    table = root.find("div", cls="pod-inheritance").find("table")
    header = [th.text for th in table.find("thead").find_all("th")]
    assert header == ["Pod", *(a.name for a in pb.assets)]
    rows = {r.find("th").text: r for r in body_rows(table)}
    acme, beta = rows[pb.pod("acme").name], rows[pb.pod("beta").name]
    column = {a.id: i + 1 for i, a in enumerate(pb.assets)}
    assert acme.children[column["ingestion-pipeline"]].attrs["data-status"] == "built"
    inherited = beta.children[column["ingestion-pipeline"]]
    assert inherited.attrs["data-status"] == "inherited"
    assert inherited.find("a").attrs["href"] == "../pods/acme/"
    assert beta.children[column["eval-harness"]].attrs["data-status"] == "none"


def test_inheritance_matrix_skips_pods_without_infrastructure() -> None:
    pb = pb_()
    pb = with_pod(pb, pb.pod("beta").model_copy(update={"infrastructure": ()}))
    rows = body_rows(parse(pods.inheritance_matrix(pb, "")).find("table"))
    assert [r.find("th").text for r in rows] == [pb.pod("acme").name]


def test_asset_table() -> None:
    pb = pb_()
    rows = body_rows(parse(pods.asset_table(pb, "")).find("div", cls="pod-assets").find("table"))
    assert [r.attrs["id"] for r in rows] == [f"asset-{a.id}" for a in pb.assets]
    for row, asset in zip(rows, pb.assets, strict=True):
        assert [c.text for c in row.children] == [
            asset.name, asset.first_pod_builds, asset.next_pod_inherits, asset.governed_by]


# ---------------------------------------------------------------- pod page

def test_pod_page_front_matter() -> None:
    pb = pb_()
    acme = pb.pod("acme")
    meta, _ = split_page(pods.pod_page(pb, acme, "../../", TODAY))
    for key in ("title", "owner", "last_reviewed", "review_every", "audience", "tags"):
        assert key in meta
    assert meta["title"] == acme.name
    assert meta["last_reviewed"] == max(r.date for r in acme.reviews)
    assert isinstance(meta["audience"], list)
    assert acme.stage in meta["tags"]  # type: ignore[operator]  # parsed YAML is object


def test_pod_page_sections_render_as_html_not_code() -> None:
    pb = pb_()
    _, body = split_page(pods.pod_page(pb, pb.pod("acme"), "../../", TODAY))
    html = to_html(body)
    assert [h.text for h in html.find_all("h2")] == [
        "Profile", "Automatic diagnosis", "Composition check", "Quarter calendar", "Economics"]
    assert html.find_all("h1")[0].text == pb.pod("acme").name
    assert not html.find_all("pre")
    assert not html.find_all("code")
    assert html.find("div", cls="pod-quarter__weeks").find("table")
    assert html.find("div", cls="pod-economics__formulas").find("table")
    ics = [a for a in html.find_all("a") if a.attrs.get("href", "").endswith(".ics")]
    assert [a.attrs["href"] for a in ics] == ["../../downloads/pods/acme.ics"]


def test_pod_page_without_economics_has_no_economics_section() -> None:
    pb = pb_()
    _, body = split_page(pods.pod_page(pb, pb.pod("beta"), "../../", TODAY))
    headings = [h.text for h in to_html(body).find_all("h2")]
    assert "Economics" not in headings
    assert "Composition check" in headings


def test_pod_page_does_not_list_other_pods() -> None:
    pb = pb_()
    page = pods.pod_page(pb, pb.pod("acme"), "../../", TODAY)
    assert "pod-directory" not in page
    assert "pods/beta/" not in page
    assert pb.pod("beta").name not in page


def test_pod_page_links_its_index_pages() -> None:
    pb = pb_()
    acme = pb.pod("acme")
    _, body = split_page(pods.pod_page(pb, acme, "../../", TODAY))
    hrefs = {a.attrs["href"] for a in to_html(body).find_all("a")}
    pages = pods.pod_index_pages(pb, TODAY)
    stage_page = f"pods/by-stage/{acme.stage}.md"
    assert stage_page in pages
    assert f"../../{stage_page.removesuffix('.md')}/" in hrefs


# ---------------------------------------------------------------- index pages

def test_index_pages_group_pods_by_stage_and_sector() -> None:
    pb = pb_()
    pages = pods.pod_index_pages(pb, TODAY)
    stages = {p.stage for p in pb.pods}
    for stage in stages:
        meta, body = split_page(pages[f"pods/by-stage/{stage}.md"])
        assert "owner" in meta
        html = to_html(body)
        rows = body_rows(html.find("div", cls="pod-directory").find("table"))
        assert {r.attrs["id"] for r in rows} == {f"pod-{p.id}" for p in pb.pods
                                                 if p.stage == stage}
        # The page is at pods/by-stage/<stage>/, three folders below the site root.
        assert rows[0].find("a").attrs["href"].startswith("../../../pods/")
    sectors = {urls.slug(p.organisation.sector) for p in pb.pods}
    assert {k for k in pages if k.startswith("pods/by-sector/")} == {
        f"pods/by-sector/{s}.md" for s in sectors}


def test_browse_page_links_every_index_page() -> None:
    pages = pods.pod_index_pages(pb_(), TODAY)
    _, body = split_page(pages["pods/browse.md"])
    hrefs = {a.attrs["href"] for a in to_html(body).find_all("a")}
    expected = {"../../" + k.removesuffix(".md") + "/" for k in pages if k != "pods/browse.md"}
    assert hrefs == expected


def test_tables_have_no_class_so_the_theme_styles_them() -> None:
    # Material styles only `table:not([class])`; our classes sit on the wrapping <div>.
    pb = pb_()
    outputs = [pods.pod_profile(pb, "acme", ""),
               pods.inheritance_matrix(pb, ""), pods.asset_table(pb, ""),
               pods.pod_page(pb, pb.pod("acme"), "../../", TODAY)]
    tables = [t for html in outputs for t in parse(html).find_all("table")]
    assert len(tables) >= 9
    assert all("class" not in t.attrs for t in tables)


def test_the_registry_scrolls_in_a_labelled_focusable_region_with_the_verdict_second() -> None:
    # The registry is wider than a phone: it scrolls inside a region keyboards can reach, and
    # the verdict, its most important column, comes right after the pod's name.
    region = parse(pods.pod_directory(pb_(), "", TODAY)).find("div", cls="pod-directory")
    assert (region.attrs["role"], region.attrs["tabindex"]) == ("region", "0")
    assert region.attrs["aria-label"]
    headers = [th.text for th in region.find("thead").find_all("th")]
    assert headers[:2] == ["Pod", "Verdict"]
