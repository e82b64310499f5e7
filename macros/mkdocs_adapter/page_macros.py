"""The macros pages call, each a one-line wrapper that adds the page's root and the date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from macros.load import page_meta as pages
from macros.mkdocs_adapter.playbook_cache import build_date, playbook_for, root_for
from macros.model import urls
from macros.model.playbook import Playbook
from macros.render import (
    changelog,
    cycle,
    diagnostics,
    economics,
    glossary,
    onboarding,
    pods,
    quarter,
    review_status,
    roles,
    scoping,
    sources,
)
from macros.render import templates as templates_render


def register(env: Any) -> None:
    """Register every page macro on the mkdocs-macros environment."""
    pb = playbook_for(env.conf)
    grace = int(env.conf["extra"].get("review_grace_days", 30))
    table = macro_table(pb, Path(env.conf["docs_dir"]), build_date(), grace,
                        lambda: root_for(env.page.url))
    for name, func in table.items():
        env.macro(func, name)


def macro_table(pb: Playbook, docs_dir: Path, today: date, grace: int,
                root: Callable[[], str]) -> dict[str, Callable[..., str]]:
    """Macro name → function, for the current page's `root` (called at render time)."""
    table = _with_root(pb, root)
    table.update({
        "pod_directory": lambda: pods.pod_directory(pb, root(), today),
        "pod_diagnosis": lambda pod_id: diagnostics.pod_diagnosis(pb, pod_id, root(), today),
        "pod_composition": lambda pod_id: diagnostics.pod_composition(pb, pod_id, root(), today),
        "pod_quarter": lambda pod_id: quarter.pod_quarter(pb, pod_id, root(), today),
        "sources_list": lambda: sources.sources_list(pb, _backlinks(pb, docs_dir), root()),
        "role_path_links": lambda: onboarding.role_path_links(pb, root()),
        "onboarding_paths": lambda: onboarding.onboarding_paths(pb, _titles(pb, docs_dir), root()),
        "review_status": lambda: review_status.review_status(
            pages.page_reviews(docs_dir, today, grace), root()),
    })
    return table


def _with_root(pb: Playbook, root: Callable[[], str]) -> dict[str, Callable[..., str]]:
    """Macros whose renderer takes (playbook, *args, root)."""
    plain: dict[str, Callable[..., str]] = {
        "cite": lambda source_id, locator=None: sources.cite(pb, source_id, locator, root()),
        "stat": lambda source_id, finding_id: sources.stat(pb, source_id, finding_id, root()),
        "role_matrix": lambda: roles.role_matrix(pb, root()),
        "role_card": lambda role_id: roles.role_card(pb, role_id, root()),
        "role_links": lambda: roles.role_links(pb, root()),
        "cycle_calendar": lambda: cycle.cycle_calendar(pb, root()),
        "cycle_rules": lambda: cycle.cycle_rules(pb, root()),
        "cycle_results": lambda: cycle.cycle_results(pb, root()),
        "asset_table": lambda: pods.asset_table(pb, root()),
        "inheritance_matrix": lambda: pods.inheritance_matrix(pb, root()),
        "diagnostic_checklist": lambda d: diagnostics.diagnostic_checklist(pb, d, root()),
        "signal_table": lambda d: diagnostics.signal_table(pb, d, root()),
        "pod_profile": lambda pod_id: pods.pod_profile(pb, pod_id, root()),
        "pod_economics": lambda pod_id: economics.pod_economics(pb, pod_id, root()),
        "template_index": lambda: templates_render.template_index(pb, root()),
        "template_body": lambda t: templates_render.template_body(pb, t, root()),
        "glossary_list": lambda: glossary.glossary_list(pb, root()),
        "changelog_list": lambda: changelog.changelog_list(pb, root()),
        "scoping_worksheet": lambda: scoping.scoping_worksheet(pb, root()),
    }
    return plain


def _backlinks(pb: Playbook, docs_dir: Path) -> dict[str, list[tuple[str, str]]]:
    """Pages citing each source: hand-written pages by their macro calls, generated ones by data."""
    links: dict[str, list[tuple[str, str]]] = {
        key: list(value) for key, value in sources.data_citations(pb).items()}
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        src = path.relative_to(docs_dir).as_posix()
        for source_id in sorted(sources.find_citations(text) | sources.macro_citations(pb, text)):
            links.setdefault(source_id, []).append((_title(text, src), urls.page_url(src)))
    return links


def _titles(pb: Playbook, docs_dir: Path) -> dict[str, str]:
    """Page URL → title for hand-written pages (front matter) and generated ones (data)."""
    titles = {urls.page_url(p.relative_to(docs_dir).as_posix()): _title(p.read_text(encoding="utf-8"), "")
              for p in docs_dir.rglob("*.md")}
    titles.update({url: title for title, url, _ in urls.data_pages(pb)})
    return {url: title for url, title in titles.items() if title}


def _title(text: str, src: str) -> str:
    for line in text.splitlines()[1:20]:
        if line.startswith("title:"):
            return line.removeprefix("title:").strip().strip("\"'")
    return src
