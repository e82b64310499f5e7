"""One build of the site as MkDocs sees it: generated pages, nav, downloads and the fast path.

`hooks.py` forwards MkDocs' events to one `SiteBuild`; everything a build holds between two
events lives on that object (MkDocs loads the hooks file afresh for every build, so `mkdocs
serve` gets a new object on each rebuild).
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from macros.load.history import last_changes
from macros.load.macro_calls import page_calls
from macros.load.project_check import check_docs
from macros.mkdocs_adapter import assets, search_index, whole_playbook
from macros.mkdocs_adapter.calendars import Calendars
from macros.mkdocs_adapter.fast_path import FastPath
from macros.mkdocs_adapter.playbook_cache import build_date, playbook_for
from macros.model import urls
from macros.model.data_files import DataKind
from macros.model.errors import PlaybookDataError
from macros.render import feed, glossary
from macros.render.assets import Bundles
from macros.render.generate import Generated, generate
from macros.render.registry import MACROS, data_read
from macros.render.search_summaries import SearchEntry, search_entries


class SiteBuild:
    """The state of one build, fed by MkDocs' events in the order MkDocs sends them."""

    def __init__(self) -> None:
        self._generated = Generated()
        self._fast = FastPath({})
        self._calendars: Calendars | None = None
        self._abbreviations = ""
        self._changes: dict[str, dt.datetime] = {}  # data and docs file → its last commit
        self._docs = "docs"  # the docs folder, from the project root
        self._reads: dict[str, tuple[DataKind, ...]] = {}  # page → data its macro calls read
        self._summaries: list[SearchEntry] = []  # search entries of pages not indexed in full
        self._search_terms: dict[str, str] = {}  # page URL → its front-matter keywords
        self._assets: Bundles | None = None  # the site's own CSS and JS, bundled
        self._nav: Navigation | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load the data (failing the build on any error) and add generated pages to the nav."""
        pb = playbook_for(config)
        self._generated = generate(pb, build_date())
        self._fast = FastPath(self._generated.finished)
        project = Path(config.config_file_path).resolve().parent
        self._changes = last_changes(project, "data", "docs", "macros")  # macros: calendars
        self._docs = Path(config.docs_dir).resolve().relative_to(project).as_posix()
        self._calendars = Calendars.start(pb, project / "data", self._changes)
        self._abbreviations = glossary.abbreviations(pb)
        self._summaries = search_entries(pb, build_date())
        if config.site_url:  # an Atom feed needs absolute addresses
            self._generated.downloads[feed.FEED] = feed.changelog_feed(
                pb, config.site_url, config.site_name, build_date())
        self._assets = assets.apply(config)
        _extend_nav(config.nav, self._generated)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Check the pages as `playbook check` does, then add the generated pages (nothing is
        written to docs/)."""
        grace = int(config.extra.get("review_grace_days", 30))
        calls = page_calls(Path(config.docs_dir))
        errors = check_docs(Path(config.docs_dir), playbook_for(config), build_date(), grace,
                            MACROS, set(config.extra), calls)
        if errors:
            raise Abort("\n" + PlaybookDataError(errors).report())
        self._reads = {src: data_read(c.name for c in found) for src, found in calls.items()}
        if self._assets is not None:
            assets.swap_files(files, config, self._assets)
        generated = self._generated
        for src, markdown in generated.pages.items():
            files.append(File.generated(config, src, content=markdown))
        generated.pages.clear()  # the files hold the Markdown now
        for src, page in generated.finished.items():
            files.append(File.generated(config, src, content=page.front_matter))
        for src, payload in generated.downloads.items():
            if not src.endswith(".md"):  # a generated .md would become a page; see on_post_build
                files.append(File.generated(config, src, content=payload))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Keep the navigation: the one-page playbook takes its chapters in nav order."""
        self._nav = nav
        return nav

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """Point "edit this page" on a generated page at the data file it is built from, or
        nowhere."""
        if not page.file.generated_by:
            return page
        path = self._generated.edit_paths.get(page.file.src_uri)
        repo, edit_uri = config.repo_url, config.edit_uri
        page.edit_url = (f"{repo.rstrip('/')}/{urls.edit_path(edit_uri, path)}"
                         if path and repo and edit_uri else None)
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        """Append glossary abbreviations; give a finished page's skeleton in place of its body.

        Also dates the page for the sitemap, which MkDocs writes before it renders any page.
        """
        page.update_date = self._last_change(page) or page.update_date
        if not page.file.generated_by:
            # "Last updated" beside "Last reviewed", as the sitemap dates the page: the last
            # commit to its file or to the data its macros show; without git history, no line.
            committed = self._committed(page.file.src_uri)
            page.meta["last_updated"] = committed.date().isoformat() if committed else None
        if self._fast.handles(page.file.src_uri):
            # Tooltips apply to Markdown text only, never inside HTML: nothing to add here.
            return self._fast.skeleton(page.file.src_uri)
        return f"{markdown}\n\n{self._abbreviations}\n"

    def _last_change(self, page: Page) -> str | None:
        """The sitemap's `lastmod`: the last commit to the page's source or to the data files
        it shows (a generated page's data, the files a hand-written page's macros read), else
        its `last_reviewed` date or the latest date in a pod's records; None leaves MkDocs'."""
        src = page.file.src_uri
        changed = (self._generated.last_change(src, self._changes) if page.file.generated_by
                   else self._committed(src))
        if changed is not None:
            return changed.date().isoformat()
        reviewed = page.meta.get("last_reviewed")
        recorded = self._generated.recorded.get(src) if page.file.generated_by else None
        dates = [str(d) for d in (reviewed, recorded) if d]
        return max(dates, default=None)

    def _committed(self, src: str) -> dt.datetime | None:
        """The last commit to a hand-written page's file or to a data file its macros read."""
        own = self._changes.get(f"{self._docs}/{src}")
        kinds = self._reads.get(src, ())
        shown = [when for path, when in self._changes.items() if any(k.holds(path) for k in kinds)]
        return max([d for d in (own, *shown) if d is not None], default=None)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        """Release a generated page's Markdown; hold a finished page's HTML until it renders."""
        if page.file.generated_by:
            page.markdown = ""  # not needed once converted
            page.file.content_string = ""
        if self._fast.handles(page.file.src_uri):
            self._fast.converted(page.file.src_uri)
        return html

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Every page is HTML now and none is written yet: fill the one-page playbook."""
        whole = files.get_file_from_path(urls.WHOLE_PLAYBOOK_SRC)
        if whole is not None and whole.page is not None and self._nav is not None:
            whole_playbook.fill(whole.page, self._nav)
        return env

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        """Note the page's search keywords; put a finished page's HTML in before it renders."""
        terms = search_index.page_terms(page.meta)
        if terms:
            self._search_terms[page.url] = terms
        if self._fast.handles(page.file.src_uri) and page.content is not None:
            page.content = self._fast.restore(page.file.src_uri, page.content)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Drop a generated page's HTML once written: nothing reads it after this."""
        if page.file.generated_by:
            page.content = ""
        return output

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the blank templates and pod calendars next to the pages; enrich the search index."""
        calendars = self._calendars.result() if self._calendars is not None else {}
        site = Path(config.site_dir)
        search_index.enrich(site, self._search_terms, self._summaries)
        for src, payload in {**self._generated.downloads, **calendars}.items():
            if not src.endswith((".md", ".ics")):
                continue
            target = site / src
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(payload)


def _extend_nav(nav: list[object] | None, generated: Generated) -> None:
    for entry in nav or []:
        if not isinstance(entry, dict):
            continue
        for title, children in entry.items():
            if title in generated.nav and isinstance(children, list):
                # Material prints nav titles unescaped (nav, header, footer, <h1>): escape them.
                children.extend({html.escape(name, quote=False): src}
                                for name, src in generated.nav[title])
