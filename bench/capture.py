"""Pre-render a site to plain Markdown: `python -m bench.capture CONFIG OUT_DOCS`.

Runs the real build up to the point where every page's Markdown is final (macros expanded,
generated pages added, glossary abbreviations appended) and writes each page, with its front
matter minus `render_macros`, and every other docs file into OUT_DOCS. The theme never renders.
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
from mkdocs.plugins import BasePlugin, event_priority


class Captured(Exception):  # noqa: N818 - not an error: it ends the build once pages are read
    """Raised after the last page's Markdown is captured, to skip rendering the theme."""


class CapturePlugin(BasePlugin):  # type: ignore[type-arg]
    """Writes what every other plugin and hook produced; runs after all of them."""

    def __init__(self, out: Path) -> None:
        super().__init__()
        self.out = out

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
        meta = {k: v for k, v in page.meta.items() if k != "render_macros"}
        front = f"---\n{yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)}---\n\n" if meta else ""
        target = self.out / page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(front + markdown, encoding="utf-8")
        return markdown

    @event_priority(-100)
    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        """Every page is captured by now; stop before the theme renders anything."""
        raise Captured


def _keep_finished_html_inline(config: Any) -> None:
    """Turn off the hook's shortcut that lets finished HTML skip Markdown (`macros.mkdocs_adapter.fast_path`).

    With it, the hook hands Markdown only placeholders and puts the HTML back after conversion;
    the baseline must get the page itself, HTML included, as a pre-rendered page would have it.
    """
    for hook in config["hooks"].values():
        if hasattr(hook, "split_finished"):
            hook.split_finished = lambda markdown: (markdown, [])


def capture(config_file: Path, out: Path) -> None:
    """Write the pre-rendered Markdown of the site configured by `config_file` into `out`."""
    with tempfile.TemporaryDirectory(prefix="capture-site-") as site:
        config = load_config(config_file=str(config_file), site_dir=site)
        _keep_finished_html_inline(config)
        config.plugins["bench-capture"] = CapturePlugin(out)
        try:
            build(config)
        except Captured:
            return
    raise RuntimeError("the build finished without reaching on_env; nothing was captured")


if __name__ == "__main__":
    capture(Path(sys.argv[1]), Path(sys.argv[2]))
