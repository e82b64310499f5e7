"""Pre-render a site to plain Markdown: `python -m bench.capture CONFIG OUT_DOCS OUT_NAV`.

Runs the real build up to the point where every page's Markdown is final (macros expanded,
generated pages added, glossary abbreviations appended) and writes each page, with its front
matter minus `render_macros`, and every other docs file into OUT_DOCS; the site's navigation,
generated entries included, goes to OUT_NAV as YAML. The theme never renders.

A pod page is written whole, its finished HTML inline (`FinishedPage.markdown()`), as a
pre-rendered page would have it: not the headings-only skeleton the build's fast path gives
Markdown.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority

from macros.mkdocs_adapter.playbook_cache import build_date, playbook_for
from macros.render.generate import Generated, generate


class Captured(Exception):  # noqa: N818 - not an error: it ends the build once pages are read
    """Raised after the last page's Markdown is captured, to skip rendering the theme."""


class CapturePlugin(BasePlugin):  # type: ignore[type-arg]  # a plugin without config options
    """Writes what every other plugin and hook produced; runs after all of them."""

    def __init__(self, out: Path, nav: Path) -> None:
        super().__init__()
        self.out = out
        self.nav = nav
        self.generated = Generated()

    @event_priority(-100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Write the navigation as the hooks left it; generate the pages to write whole."""
        self.nav.write_text(yaml.safe_dump(config.nav, sort_keys=False, allow_unicode=True),
                            encoding="utf-8")
        self.generated = generate(playbook_for(config), build_date())
        return config

    @event_priority(-100)
    def on_files(self, files: Any, config: Any) -> Any:
        """Copy static docs files and generated downloads as they are."""
        docs = Path(config["docs_dir"]).resolve()
        for file in files:
            if file.is_documentation_page():
                continue
            target = self.out / file.src_uri
            if file.generated_by:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(file.content_bytes)
            elif file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(docs):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(file.abs_src_path, target)
        return files

    @event_priority(-100)
    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        """Write the page's final Markdown, with its front matter minus `render_macros`."""
        finished = self.generated.finished.pop(page.file.src_uri, None)
        if finished is not None:
            markdown = finished.body().markdown()
        meta = {k: v for k, v in page.meta.items() if k != "render_macros"}
        front = f"---\n{yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)}---\n\n" if meta else ""
        target = self.out / page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(front + markdown, encoding="utf-8")
        return ""  # nothing is converted: the build stops before the theme

    @event_priority(-100)
    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        """Every page is captured by now; stop before the theme renders anything."""
        raise Captured


def capture(config_file: Path, out: Path, nav: Path) -> None:
    """Write the pre-rendered Markdown of the site configured by `config_file` into `out`,
    its navigation into `nav`."""
    with tempfile.TemporaryDirectory(prefix="capture-site-") as site:
        config = load_config(config_file=str(config_file), site_dir=site)
        config.plugins["bench-capture"] = CapturePlugin(out, nav)
        try:
            build(config)
        except Captured:
            return
    raise RuntimeError("the build finished without reaching on_env; nothing was captured")


if __name__ == "__main__":
    capture(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
