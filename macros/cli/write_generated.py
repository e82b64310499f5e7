"""`playbook generate --out DIR`: every generated page, download and nav entry, written as files.

The same `generate(playbook, today)` the build uses, with no engine: to inspect what the data
produces, to diff it between two commits, or to feed another engine.

Layout of DIR: `pages/<src>` each generated page as Markdown with its front matter (pod pages
whole, their finished HTML inline), `downloads/...` every download (templates, CSVs, pod
calendars), `nav.yml` the entries each nav section gets.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml

from macros.load.history import last_changes
from macros.model import urls
from macros.model.playbook import Playbook
from macros.render.generate import generate, pod_calendars

NAV = "nav.yml"
PAGES = "pages"
DOWNLOADS = urls.DOWNLOADS  # every download's path starts with it


class OutError(Exception):
    """The output folder cannot be used; the message says why and what to do."""


def write_generated(pb: Playbook, project: Path, out: Path, today: dt.date) -> list[Path]:
    """Write everything generated from `pb` into `out`; return the files written."""
    _prepare(out)
    generated = generate(pb, today)
    files = {out / PAGES / src: text.encode("utf-8")
             for src, text in generated.all_pages().items()}
    downloads = {**generated.downloads, **pod_calendars(pb, last_changes(project, "data", "macros"))}
    files.update({out / path: payload for path, payload in downloads.items()})
    nav = {section: [{title: src} for title, src in entries]
           for section, entries in generated.nav.items()}
    files[out / NAV] = yaml.safe_dump(nav, sort_keys=False, allow_unicode=True).encode("utf-8")
    for path, payload in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(payload)
    return sorted(files)


def _prepare(out: Path) -> None:
    """An empty folder, or one this command wrote before (its earlier output is removed)."""
    if not out.exists():
        return
    if not out.is_dir():
        raise OutError(f"{out} is a file; give a folder")
    entries = {p.name for p in out.iterdir()}
    if not entries:
        return
    if NAV not in entries or not entries <= {NAV, PAGES, DOWNLOADS}:
        raise OutError(f"{out} is not empty and was not written by `playbook generate`; "
                       "give a new or empty folder")
    for name in (PAGES, DOWNLOADS):
        shutil.rmtree(out / name, ignore_errors=True)
