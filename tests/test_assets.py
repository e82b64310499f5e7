"""The site's own CSS and JS: one hashed stylesheet, one print-only stylesheet, one deferred script."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from macros.render.assets import bundle, hashed
from tests.conftest import ROOT
from tests.htmlparse import parse

SOURCES = {"a.css": ".a{}", "print.css": "@media print{.b{}}", "c.css": ".c{}",
           "core.js": "var core;", "x.js": "core;"}


def _bundle(styles: list[str], scripts: list[str]):  # type: ignore[no-untyped-def]
    return bundle(styles, scripts, SOURCES.__getitem__)


def test_names_carry_the_content_hash() -> None:
    name = hashed("assets/x", "playbook", "css", b"body{}")
    assert name == f"assets/x/playbook.{hashlib.sha256(b'body{}').hexdigest()[:8]}.css"


def test_screen_and_print_styles_are_bundled_apart_in_order() -> None:
    built = _bundle(["a.css", "print.css", "c.css"], ["core.js", "x.js"])
    assert built.stylesheet is not None
    assert built.print_stylesheet is not None
    assert built.script is not None
    screen = built.files[built.stylesheet].decode()
    assert screen.index(".a{}") < screen.index(".c{}")
    assert "@media print" not in screen
    assert "@media print" in built.files[built.print_stylesheet].decode()
    script = built.files[built.script].decode()
    assert script.index("var core;") < script.index("core;\n")
    for path, content in built.files.items():
        assert hashlib.sha256(content).hexdigest()[:8] in path


def test_a_change_in_any_source_changes_the_name() -> None:
    before = _bundle(["a.css"], ["x.js"])
    after = bundle(["a.css"], ["x.js"], {"a.css": ".a{color:red}", "x.js": "core;"}.__getitem__)
    assert before.stylesheet != after.stylesheet
    assert before.script == after.script


def test_nothing_listed_means_no_bundle() -> None:
    built = _bundle(["a.css"], [])
    assert built.script is None
    assert built.print_stylesheet is None
    assert list(built.files) == [built.stylesheet]


@pytest.mark.build
def test_every_page_links_only_the_bundles(built_site: Path) -> None:
    own = re.compile(r"assets/(stylesheets|javascripts)/(?!main\.|palette\.|bundle\.)")
    pages = sorted(built_site.rglob("*.html"))
    for path in pages:
        root = parse(path.read_text(encoding="utf-8"))
        styles = [e.attrs for e in root.find_all("link", rel="stylesheet") if own.search(e.attrs["href"])]
        scripts = [e.attrs for e in root.find_all("script") if own.search(e.attrs.get("src", ""))]
        where = path.relative_to(built_site)
        assert [s.get("media") for s in styles] == [None, "print"], where
        assert len(scripts) == 1, where
        assert "defer" in scripts[0], where
    # The sources are not shipped separately, and nothing links print.js or the like.
    assert not list((built_site / "assets" / "javascripts").glob("checklist*.js"))
    assert not (built_site / "assets" / "stylesheets" / "print.css").exists()
    assert len(pages) > 40



@pytest.mark.build
def test_no_page_has_a_parser_blocking_script(built_site: Path) -> None:
    """Material's bundle is deferred too, and still runs before ours (deferred scripts keep order)."""
    for path in sorted(built_site.rglob("*.html")):
        root = parse(path.read_text(encoding="utf-8"))
        external = [e.attrs for e in root.find_all("script") if e.attrs.get("src")]
        where = path.relative_to(built_site)
        assert external, where
        assert all("defer" in s for s in external), where
        names = [s["src"].rsplit("/", 1)[1] for s in external]
        # The one-page playbook alone goes without Material's (overrides/whole-playbook.html).
        if where.as_posix() != "whole-playbook/index.html":
            assert names[0].startswith("bundle."), where
        assert names[-1].startswith("playbook."), where

def test_every_listed_source_exists_and_core_comes_first() -> None:
    import yaml

    config = yaml.safe_load(_section("extra_css") + _section("extra_javascript"))
    scripts = config["extra_javascript"]
    assert scripts[0] == "assets/javascripts/core.js"
    for src in [*config["extra_css"], *scripts]:
        assert (ROOT / "docs" / src).is_file(), src


def _section(name: str) -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    start = text.index(f"\n{name}:") + 1
    end = text.index("\n\n", start)
    return text[start:end] + "\n"
