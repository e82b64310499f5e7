"""MkDocs hooks: add generated pages and downloads, nav entries and glossary tooltips."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

import macros

macros._forget_changed_modules()  # `mkdocs serve` re-imports this file on every rebuild

from macros.load.history import last_changes  # noqa: E402
from macros.mkdocs_adapter import calendars  # noqa: E402  (after the refresh above, on purpose)
from macros.mkdocs_adapter.fast_path import pack, restore_finished, split_finished, unpack  # noqa: E402
from macros.mkdocs_adapter.playbook_cache import build_date, playbook_for  # noqa: E402
from macros.model import urls  # noqa: E402
from macros.model.errors import PlaybookDataError  # noqa: E402
from macros.render import glossary  # noqa: E402
from macros.render.generate import Generated, deferred_body, generate  # noqa: E402

_state: dict[str, Any] = {}


def on_config(config: Any) -> Any:
    """Load the data (failing the build on any error) and add generated pages to the nav."""
    pb = playbook_for(config)
    _state["playbook"], _state["today"] = pb, build_date()
    generated = generate(pb, _state["today"])
    _state["generated"] = generated
    project = Path(config["config_file_path"]).resolve().parent
    _state["changes"] = last_changes(project, "data", "docs")
    _state["docs"] = Path(config["docs_dir"]).resolve().relative_to(project).as_posix()
    _state["calendars"] = calendars.start(pb, _state["changes"])
    _state["abbreviations"] = glossary.abbreviations(pb)
    _extend_nav(config["nav"], generated)
    return config


def _extend_nav(nav: list[Any], generated: Generated) -> None:
    for entry in nav or []:
        if not isinstance(entry, dict):
            continue
        for title, children in entry.items():
            if title in generated.nav and isinstance(children, list):
                # Material prints nav titles unescaped (nav, header, footer, <h1>): escape them here.
                children.extend({html.escape(name, quote=False): src}
                                for name, src in generated.nav[title])


def on_files(files: Files, config: Any) -> Files:
    """Check the pages as `playbook check` does, then add the generated pages (nothing is
    written to docs/)."""
    from macros.load.project_check import check_docs
    from macros.render.registry import MACROS

    pb = playbook_for(config)
    grace = int(config["extra"].get("review_grace_days", 30))
    errors = check_docs(Path(config["docs_dir"]), pb, build_date(), grace, MACROS)
    if errors:
        raise Abort("\n" + PlaybookDataError(errors).report())
    generated: Generated = _state["generated"]
    for src, markdown in generated.pages.items():
        files.append(File.generated(config, src, content=markdown))
    generated.pages.clear()  # the files hold the Markdown now
    for src, payload in generated.downloads.items():
        if not src.endswith(".md"):  # a generated .md would become a page; see on_post_build
            files.append(File.generated(config, src, content=payload))
    return files


def on_post_build(config: Any) -> None:
    """Write the blank templates and pod calendars as plain files next to the built pages."""
    generated: Generated = _state["generated"]
    site = Path(config["site_dir"])
    downloads = {**generated.downloads, **_state["calendars"].result()}
    for src, payload in downloads.items():
        if not src.endswith((".md", ".ics")):
            continue
        target = site / src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(payload)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """Append glossary abbreviations; let finished HTML of generated pages skip Markdown.

    Also dates the page for the sitemap, which MkDocs writes before it renders any page.
    """
    page.update_date = _last_change(page) or page.update_date
    generated: Generated = _state["generated"]
    pod_id = generated.deferred.get(page.file.src_uri)
    if pod_id is not None:
        markdown = deferred_body(_state["playbook"], page.file.src_uri, pod_id, _state["today"])
    if page.file.src_uri in generated.finished:
        # Tooltips apply to Markdown text only, never inside HTML: nothing to add here.
        markdown, _state.setdefault("blocks", {})[page.file.src_uri] = split_finished(markdown)
        return markdown
    return f"{markdown}\n\n{_state['abbreviations']}\n"


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    """Keep a finished page's HTML aside, compressed, until its template is rendered.

    MkDocs converts every page before it renders any, so all pages' HTML sits in memory at
    once; with thousands of pods that is most of the build's memory.
    """
    blocks = _state.get("blocks", {}).pop(page.file.src_uri, None)
    if page.file.generated_by:
        page.markdown = ""  # not needed once converted
        page.file.content_string = ""
    if blocks is not None:
        _state.setdefault("packed", {})[page.file.src_uri] = pack(blocks)
    return html


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """Put the finished HTML back just before the page's template is rendered."""
    packed = _state.get("packed", {}).pop(page.file.src_uri, None)
    if packed is not None:
        page.content = restore_finished(page.content, unpack(packed))
    return context


def _last_change(page: Any) -> str | None:
    """The sitemap's `lastmod`: the last commit to the page's source (or the data file it is
    built from), else its `last_reviewed` date; None leaves MkDocs' build date."""
    src = page.file.src_uri
    generated: Generated = _state["generated"]
    source = generated.edit_paths.get(src) if page.file.generated_by else f"{_state['docs']}/{src}"
    changed = _state["changes"].get(source) if source else None
    if changed is not None:
        return str(changed.date().isoformat())
    reviewed = page.meta.get("last_reviewed")
    return str(reviewed) if reviewed else None


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Drop a generated page's HTML once written: nothing reads it after this."""
    if page.file.generated_by:
        page.content = ""
    return output


def on_pre_page(page: Any, config: Any, files: Files) -> Any:
    """Point "edit this page" on a generated page at the data file it is built from, or nowhere."""
    if not page.file.generated_by:
        return page
    generated: Generated = _state["generated"]
    path = generated.edit_paths.get(page.file.src_uri)
    repo, edit_uri = config.get("repo_url"), config.get("edit_uri")
    page.edit_url = (f"{repo.rstrip('/')}/{urls.edit_path(edit_uri, path)}"
                     if path and repo and edit_uri else None)
    return page
