"""Every link the site generates resolves: pages, files, anchors, the sitemap and edit links."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from tests.conftest import ROOT
from tests.htmlparse import Element, parse

pytestmark = pytest.mark.build

CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])
REPO = CONFIG["repo_url"].rstrip("/")
LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src",
           "iframe": "src", "form": "action"}


def pages(site: Path) -> list[Path]:
    """Every built HTML page."""
    return sorted(site.rglob("*.html"))


@cache
def _parsed(path: Path) -> Element:
    return parse(path.read_text(encoding="utf-8"))


def _ids(path: Path) -> set[str]:
    root = _parsed(path)
    return {e.attrs[a] for e in root.iter() for a in ("id", "name") if e.attrs.get(a)}


def links(root: Element) -> Iterator[tuple[str, str]]:
    """(tag, target) of every element that links somewhere."""
    for el in root.iter():
        attr = LINKING.get(el.tag)
        if attr and el.attrs.get(attr) is not None:
            yield el.tag, el.attrs[attr]


def _target(site: Path, page: Path, path: str) -> Path | None:
    """The built file a URL path points at from `page` (absolute paths from the site root), or None."""
    folder = site if path.startswith("/") else page.parent
    base = page if not path else (folder / unquote(path.lstrip("/"))).resolve()
    for candidate in (base, base / "index.html"):
        if candidate.is_file():
            return candidate
    return None


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    broken, checked = [], 0
    for page in pages(built_site):
        for tag, url in links(_parsed(page)):
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:")):
                continue
            checked += 1
            target = _target(built_site, page, parts.path)
            where = f"{page.relative_to(built_site)}: <{tag}> {url}"
            if target is None:
                broken.append(f"{where} (no such file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _ids(target):
                broken.append(f"{where} (no such anchor)")
    assert checked > 1000
    assert not broken, "\n".join(sorted(set(broken))[:60])


def _repo_path(edit_url: str) -> str:
    """The repository path an edit link opens: '<repo>/edit/<branch>/<path>' → '<path>'."""
    assert edit_url.startswith(REPO + "/edit/"), edit_url
    return edit_url.removeprefix(REPO + "/edit/").split("/", 1)[1]


def test_every_edit_link_opens_a_file_that_exists(built_site: Path) -> None:
    missing, seen = [], 0
    for page in pages(built_site):
        for link in _parsed(page).find_all("a", rel="edit"):
            seen += 1
            path = _repo_path(link.attrs["href"])
            if not (ROOT / path).is_file():
                missing.append(f"{page.relative_to(built_site)} -> {path}")
    assert seen > 40
    assert not missing, "\n".join(missing)


def test_generated_pages_edit_their_own_data_file(built_site: Path) -> None:
    expected = {"pod-design/domain-owner/index.html": "data/roles/domain-owner.yaml",
                "templates/decision-log/index.html": "data/templates/decision-log.yaml",
                "pods/harbourline-procurement/index.html": "data/pods/harbourline-procurement.yaml",
                "cycle/index.html": "docs/cycle.md"}
    for page, path in expected.items():
        assert _repo_path(_parsed(built_site / page).find("a", rel="edit").attrs["href"]) == path


def test_listing_pages_built_from_many_files_have_no_edit_link(built_site: Path) -> None:
    listings = [built_site / "pods" / "browse" / "index.html",
                *sorted((built_site / "pods" / "by-stage").rglob("index.html"))]
    assert len(listings) > 1
    for page in listings:
        assert not _parsed(page).find_all("a", rel="edit"), page


def test_every_sitemap_entry_is_a_built_page(built_site: Path) -> None:
    sitemap = parse((built_site / "sitemap.xml").read_text(encoding="utf-8"))
    locs = [loc.text for loc in sitemap.find_all("loc")]
    site_url = CONFIG["site_url"]
    assert len(locs) > 40
    missing = [loc for loc in locs if not loc.startswith(site_url)
               or _target(built_site, built_site / "index.html", "/" + loc.removeprefix(site_url)) is None]
    assert not missing, missing


def _git_date(path: str) -> str:
    import subprocess

    run = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cs", "--", path],
                         capture_output=True, text=True, check=True)
    return run.stdout.strip()


def test_sitemap_lastmod_is_the_last_change_of_each_page(built_site: Path) -> None:
    sitemap = parse((built_site / "sitemap.xml").read_text(encoding="utf-8"))
    lastmod = {u.find("loc").text.removeprefix(CONFIG["site_url"]): u.find("lastmod").text
               for u in sitemap.find_all("url")}
    pod = ("data/pods/harbourline-procurement.yaml", "data/pods/harbourline-procurement")
    expected = {"": ("docs/index.md",), "cycle/": ("docs/cycle.md",),
                "maintain/hosting/": ("docs/maintain/hosting.md",),
                # A pod's page and briefing show its cycle records: the latest of file and folder.
                "pods/harbourline-procurement/": pod, "pods/harbourline-procurement/briefing/": pod,
                "pod-design/domain-owner/": ("data/roles/domain-owner.yaml",)}
    for loc, sources in expected.items():
        dates = [d for d in map(_git_date, sources) if d]
        if dates:  # committed: the date of its last commit
            assert lastmod[loc] == max(dates), loc
    assert len(set(lastmod.values())) > 1  # not the build date on every page


def test_robots_txt_keeps_every_crawler_out(built_site: Path) -> None:
    lines = [line.strip() for line in (built_site / "robots.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines == ["User-agent: *", "Disallow: /"]
