"""Build tests: the whole site builds strictly; generated pages, downloads and links are there."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from macros.load.loader import load_playbook
from tests.conftest import ROOT, build_site
from tests.htmlparse import parse

pytestmark = pytest.mark.build


def html_pages(site: Path) -> list[Path]:
    """Every built HTML page except MkDocs' 404 page."""
    return [p for p in sorted(site.rglob("*.html")) if p.name != "404.html"]


def test_generated_pages_exist_for_all_data(built_site: Path) -> None:
    pb = load_playbook(ROOT / "data")
    for role in pb.roles:
        page = parse((built_site / "pod-design" / role.id / "index.html").read_text())
        assert role.name in page.find("h1").text
    for template in pb.templates:
        assert (built_site / "templates" / template.id / "index.html").is_file()
        assert (built_site / "downloads" / "templates" / f"{template.id}.md").stat().st_size > 0
    for pod in pb.pods:
        assert (built_site / "pods" / pod.id / "index.html").is_file()
    assert (built_site / "downloads" / "role-matrix.csv").stat().st_size > 0


def test_nothing_is_loaded_from_another_host(built_site: Path) -> None:
    offenders = []
    for path in html_pages(built_site):
        root = parse(path.read_text(encoding="utf-8"))
        for el in root.iter():
            for attr in ("src", "srcset") if el.tag != "link" else ("href",):
                value = el.attrs.get(attr, "")
                if el.tag == "link" and el.attrs.get("rel") not in {"stylesheet", "preload",
                                                                      "icon", "modulepreload"}:
                    continue
                if urlsplit(value).netloc:
                    offenders.append(f"{path.relative_to(built_site)}: <{el.tag} {attr}={value}>")
    assert not offenders, "\n".join(offenders)


def test_no_fragment_template_is_published(built_site: Path) -> None:
    # MkDocs copies every file of the theme's custom_dir that is not *.html into the site, so a
    # fragment named anything else (feed-atom.xml was) would be served as a raw Jinja template.
    fragments = sorted(p.name for p in (ROOT / "overrides" / "fragments").iterdir())
    assert fragments
    assert [name for name in fragments if not name.endswith(".html")] == []
    assert not (built_site / "fragments").exists()


def test_internal_links_resolve(built_site: Path) -> None:
    broken = []
    for path in html_pages(built_site):
        for href in re.findall(r'href="([^"#?]+)[^"]*"', path.read_text(encoding="utf-8")):
            if urlsplit(href).scheme or href.startswith(("mailto:", "//")):
                continue
            target = (path.parent / href).resolve()
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{path.relative_to(built_site)} -> {href}")
    assert not broken, "\n".join(sorted(set(broken))[:40])


def test_every_page_shows_owner_and_review_date(built_site: Path) -> None:
    missing = [str(p.relative_to(built_site)) for p in html_pages(built_site)
               if "pb-page-meta" not in p.read_text(encoding="utf-8")]
    assert not missing, missing


def test_bad_data_fails_the_build_with_the_checker_message(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("docs", "data", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "macros", project / "macros")
    pod = next((project / "data" / "pods").glob("*.yaml"))
    text = pod.read_text(encoding="utf-8")
    pod.write_text(re.sub(r"allocation: \d+", "allocation: 150", text, count=1), encoding="utf-8")
    result = build_site(project / "mkdocs.yml", tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert re.search(rf"data/pods/{pod.stem}\.yaml:\d+: pod\.roles\[\d\]\.allocation: 150 is above",
                     output), output


def page_text(site: Path, url: str) -> str:
    """The visible text of the main content of the page at `url`."""
    root = parse((site / url / "index.html").read_text(encoding="utf-8"))
    return root.find("article").text


def test_data_appears_where_it_belongs(built_site: Path) -> None:
    pb = load_playbook(ROOT / "data")
    expectations = {
        "pod-design": [role.name for role in pb.roles],
        "cycle": [w.title for w in pb.cycle.weeks] + [a.title for _, a in pb.activities()],
        "ghost-pod": [s.title for d in pb.diagnostics for s in d.signals],
        "templates": [t.title for t in pb.templates],
        "glossary": [t.term for t in pb.glossary],
        "scaling": [a.name for a in pb.assets],
        "pods": [p.name for p in pb.pods],
    }
    missing = [f"{url}/: {text!r}" for url, texts in expectations.items()
               for text in texts if " ".join(text.split()) not in page_text(built_site, url)]
    assert not missing, "\n".join(missing)


def test_every_source_is_listed_with_its_attribution(built_site: Path) -> None:
    pb = load_playbook(ROOT / "data")
    root = parse((built_site / "sources" / "index.html").read_text(encoding="utf-8"))
    for source in pb.sources:
        entry = root.find(id_=f"src-{source.id}")
        assert source.publisher.split("/")[0].strip() in entry.text or source.authors, source.id
        for sample in source.samples:
            assert f"{sample.n:,}" in root.text, f"{source.id}: n={sample.n:,} not shown"
        for finding in source.findings:
            assert " ".join(finding.figure.split()) in root.text, f"{source.id}: {finding.figure}"
