"""The whole check, shared by `playbook check` and the build: data files, pages, macro calls.

Both run this one function, so whatever one accepts the other accepts. Nothing stops at the
first error: a file with errors is left out and everything else is still checked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from macros.load.cross_checks import known_ids
from macros.load.file_cache import FileCache
from macros.load.limits import MAX_PROBLEMS_PER_FILE
from macros.load.loader import assemble, load_all
from macros.load.macro_calls import PageCalls, Signature, check_page_calls
from macros.load.page_jinja import check_page_templates
from macros.load.page_meta import check_pages
from macros.model.errors import DataError
from macros.model.playbook import Playbook


@dataclass(frozen=True)
class Verdict:
    """Every error and warning, sorted by file and line, and the playbook when the data is valid."""

    errors: tuple[DataError, ...]
    warnings: tuple[DataError, ...]
    playbook: Playbook | None


def check_project(data_dir: Path, docs_dir: Path | None, today: dt.date, grace_days: int,
                  macros: Iterable[Signature], extra: Collection[str] = (),
                  cache: FileCache | None = None) -> Verdict:
    """Check the data in `data_dir` and (unless None) the pages in `docs_dir`.

    `extra` names the variables mkdocs.yml sets under `extra:`, which pages may use; `cache`
    remembers the files found valid (it changes no verdict, only the time taken).
    """
    found = load_all(data_dir, today, cache)
    errors = list(found.errors)
    warnings: list[DataError] = []
    if docs_dir is not None:
        known = known_ids(found.files, found.incomplete)
        specs = list(macros)
        page_errors, warnings = check_pages(docs_dir, today, grace_days)
        errors += page_errors + check_page_calls(docs_dir, known, specs)
        errors += check_page_templates(docs_dir, {s.name for s in specs} | set(extra))
    playbook = None if errors else assemble(found.files)
    return Verdict(tuple(capped(errors)), tuple(capped(warnings)), playbook)


def check_docs(docs_dir: Path, playbook: Playbook, today: dt.date, grace_days: int,
               macros: Iterable[Signature], extra: Collection[str] = (),
               calls: PageCalls | None = None) -> list[DataError]:
    """The errors in the pages, checked against a playbook already loaded (the build's way);
    `calls` holds the pages' macro calls if the caller has read them (`page_calls`)."""
    from macros.load.macro_calls import playbook_ids

    specs = list(macros)
    errors, _warnings = check_pages(docs_dir, today, grace_days)
    errors += check_page_calls(docs_dir, playbook_ids(playbook), specs, calls)
    errors += check_page_templates(docs_dir, {s.name for s in specs} | set(extra))
    return capped(errors)


def capped(errors: Iterable[DataError]) -> list[DataError]:
    """The errors sorted by file and line, at most MAX_PROBLEMS_PER_FILE for any one file.

    A page or file with thousands of errors (one bad macro call pasted 20,000 times) would
    bury every other file's messages; past the limit a file gets one closing message instead.
    """
    kept: list[DataError] = []
    shown: dict[str, int] = {}
    for error in sorted(set(errors)):
        shown[error.file] = shown.get(error.file, 0) + 1
        if shown[error.file] <= MAX_PROBLEMS_PER_FILE:
            kept.append(error)
        elif shown[error.file] == MAX_PROBLEMS_PER_FILE + 1:
            kept.append(DataError(error.file, error.line, "", f"more than "
                                  f"{MAX_PROBLEMS_PER_FILE} problems (MAX_PROBLEMS_PER_FILE); the "
                                  "rest of this file's are not shown", "fix these first"))
    return kept
