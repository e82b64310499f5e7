"""MkDocs-facing helpers shared by the macros module and the build hook; kept thin."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from macros.load.loader import load_playbook
from macros.model.errors import PlaybookDataError
from macros.model.playbook import Playbook
from macros.model.urls import build_date

if TYPE_CHECKING:  # only for the types: `playbook check` and the benchmark never import MkDocs
    from mkdocs.config.defaults import MkDocsConfig

__all__ = ["build_date", "data_dir", "playbook_for"]

_cache: dict[Path, tuple[tuple[tuple[str, float, int], ...], Playbook]] = {}


def data_dir(config: MkDocsConfig) -> Path:
    """The `data/` folder next to `mkdocs.yml`."""
    return Path(config["config_file_path"]).resolve().parent / "data"


def _fingerprint(folder: Path) -> tuple[tuple[str, float, int], ...]:
    return tuple(sorted((str(p), p.stat().st_mtime, p.stat().st_size)
                        for p in folder.rglob("*.yaml")))


def playbook_for(config: MkDocsConfig) -> Playbook:
    """Load the playbook once per change of `data/`; report data errors without a traceback."""
    folder = data_dir(config)
    stamp = _fingerprint(folder)
    cached = _cache.get(folder)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    from mkdocs.exceptions import Abort  # here, so `playbook check` never imports MkDocs

    try:
        playbook = load_playbook(folder)
    except PlaybookDataError as err:
        raise Abort("\n" + err.report()) from None
    _cache[folder] = (stamp, playbook)
    return playbook
