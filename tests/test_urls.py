"""The URL scheme: pages land where MkDocs puts them, links reach them, nothing else spells a path."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path

import pytest
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from macros.model import urls
from macros.render.generate import generate
from tests.fixtures import mini_playbook

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2025, 6, 1)


def _mkdocs_url(src: str) -> str:
    """The URL MkDocs itself gives the file `src` with directory URLs."""
    return File(src, "docs", "site", use_directory_urls=True).url


@pytest.mark.parametrize("src", ["index.md", "cycle.md", "pod-design/index.md",
                                 "pod-design/domain-owner.md", "pods/by-stage/forming.md",
                                 "maintain/editing.md"])
def test_page_url_is_the_url_mkdocs_gives(src: str) -> None:
    assert urls.page_url(src) == _mkdocs_url(src).removeprefix("./")


def test_every_generated_page_has_the_url_mkdocs_gives() -> None:
    generated = generate(mini_playbook(), TODAY)
    assert generated.page_srcs(), "the fixture generates pages"
    for src in generated.page_srcs():
        assert urls.page_url(src) == _mkdocs_url(src)


@pytest.mark.parametrize(("here", "there"), [
    ("", "pod-design/domain-owner/"), ("cycle/", "sources/#src-bcg"),
    ("pods/acme/", "pods/by-stage/forming/"), ("pods/by-sector/retail/", "pods/"),
    ("pod-design/domain-owner/", "downloads/role-matrix.csv"),
])
def test_link_reaches_the_same_place_as_mkdocs_relative_url(here: str, there: str) -> None:
    href = urls.link(here, there)
    assert posixpath.normpath(posixpath.join("/", here, href)) == posixpath.normpath("/" + there)
    ours = posixpath.normpath(posixpath.join("/", here, href))
    theirs = posixpath.normpath(posixpath.join("/", here, get_relative_url(there, here or ".")))
    assert ours == theirs


def test_data_pages_are_the_generated_record_pages() -> None:
    pb = mini_playbook()
    generated = {urls.page_url(src) for src in generate(pb, TODAY).page_srcs()}
    found = {url for _, url, _ in urls.data_pages(pb)}
    assert found <= generated
    assert len(found) == len(pb.roles) + len(pb.templates) + len(pb.pods)


def test_registry_pages_take_only_reserved_pod_ids() -> None:
    pb = mini_playbook()
    pod_pages = {urls.pod_src(p.id) for p in pb.pods}
    others = [src for src in generate(pb, TODAY).page_srcs()
              if src.startswith(f"{urls.PODS}/") and src not in pod_pages]
    assert others, "the fixture has index pages"
    for src in others:
        first = src.removeprefix(f"{urls.PODS}/").split("/")[0].removesuffix(".md")
        assert first in urls.RESERVED_POD_IDS


@pytest.mark.parametrize(("text", "expected"), [
    ("cycle/", "cycle/"), ("/cycle/", "cycle/"), ("cycle.md", "cycle/"), (" cycle ", "cycle/"),
    ("pod-design/index.md", "pod-design/"), ("index.md", ""), ("", ""),
    ("cycle.md#week-1", "cycle/#week-1"), ("cycle#week-1", "cycle/#week-1"),
    ("downloads/role-matrix.csv", "downloads/role-matrix.csv"),
])
def test_named_page(text: str, expected: str) -> None:
    assert urls.named_page(text) == expected


def test_each_record_page_is_edited_through_its_data_file() -> None:
    pb = mini_playbook()
    edits = generate(pb, TODAY).edit_paths
    for _, url, record in urls.data_pages(pb):
        src = url.removesuffix("/") + ".md"
        assert (REPO / "tests" / "fixtures" / "mini" / edits[src].removeprefix("data/")).is_file()
        assert edits[src].endswith(f"/{record.id}.yaml")
    assert set(edits) == {url.removesuffix("/") + ".md" for _, url, _ in urls.data_pages(pb)}


def test_edit_path_sits_beside_the_docs_folder() -> None:
    assert urls.edit_path("edit/main/docs/", "data/pods/acme.yaml") == "edit/main/data/pods/acme.yaml"
    assert urls.edit_path("blob/trunk/site/docs", "data/pods/acme.yaml") == (
        "blob/trunk/site/data/pods/acme.yaml")


def test_downloads_are_the_files_the_build_writes() -> None:
    pb = mini_playbook()
    downloads = set(generate(pb, TODAY).downloads)
    assert urls.ROLE_MATRIX_CSV in downloads
    for template in pb.templates:
        assert urls.template_markdown(template.id) in downloads
        assert (urls.template_csv(template.id) in downloads) == bool(template.columns)


def test_slug() -> None:
    assert urls.slug("Professional services") == "professional-services"
    assert urls.slug("R&D / Labs") == "r-d-labs"
    assert urls.slug("!!!") == "other"


# A fragment or renderer that writes a location itself, instead of asking the scheme.
_SPELLED = re.compile(r"pod-design/|[\"'}/]pods/|templates/|downloads/|cycle/#|sources/#|"
                      r"onboarding/#|\.\./")


def test_nothing_else_spells_a_location() -> None:
    places = [*(REPO / "overrides" / "fragments").glob("*.html"),
              *(REPO / "overrides" / "partials").glob("*.html"),
              *(REPO / "macros" / "load").glob("*.py"),
              *(REPO / "macros" / "compute").glob("*.py"),
              *(REPO / "macros" / "render").glob("*.py"),
              *(REPO / "macros" / "mkdocs_adapter").glob("*.py")]
    spelled = [f"{path.name}:{number}: {line.strip()}"
               for path in places
               for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
               if _SPELLED.search(line) and "data/" not in line and '"""' not in line]
    assert spelled == []
