"""Throwaway copies of the project: the real one with synthetic pods, and the plain baseline."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("mkdocs.yml", "docs", "data", "overrides")


def copy_project(dest: Path, pods: Sequence[Path] = (), *, source: Path = ROOT) -> Path:
    """Copy the project at `source` into `dest`, add the pod files `pods`; return the config path."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        if (source / name).is_dir():
            shutil.copytree(source / name, dest / name)
        else:
            shutil.copy2(source / name, dest / name)
    # The config names its hook as `macros/mkdocs_adapter/hooks.py` and the macros plugin imports the
    # local `macros` package, both relative to the config file. A copy, not a link: every build
    # of a run can measure the same code (see `snapshot`), even while someone edits the checkout.
    shutil.copytree(source / "macros", dest / "macros",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for path in pods:
        shutil.copy2(path, dest / "data" / "pods" / path.name)
        records = path.with_suffix("")  # the pod's cycle records, data/pods/<pod id>/
        if records.is_dir():
            shutil.copytree(records, dest / "data" / "pods" / path.stem)
    return dest / "mkdocs.yml"


def snapshot(source: Path, dest: Path) -> Path:
    """Copy the project once, so that every size of a run measures the same code and pages."""
    copy_project(dest, source=source)
    return dest


def read_config(config: Path) -> dict[str, Any]:
    """The YAML of `mkdocs.yml` as plain data (the project's config uses no custom tags)."""
    data: dict[str, Any] = yaml.safe_load(config.read_text(encoding="utf-8"))
    return data


def baseline_config(real: Path, dest: Path) -> Path:
    """Write the default baseline config into `dest`: the same site and theme, without macros,
    hooks, the hand-made nav (so Material lists every page) or navigation pruning; return its path."""
    config = _plain(real)
    config.pop("nav", None)
    theme = config["theme"]
    theme["features"] = [f for f in theme.get("features", []) if f != "navigation.prune"]
    return _write(config, dest)


def nav_baseline_config(real: Path, dest: Path, nav: Path) -> Path:
    """Write the same-navigation baseline config into `dest`: the same site, theme and features,
    without macros or hooks, with the site's own navigation as the build had it (`nav`, written
    by `bench.capture`: generated role and template pages in it, pods reached through the
    registry only); return its path."""
    config = _plain(real)
    config["nav"] = yaml.safe_load(nav.read_text(encoding="utf-8"))
    return _write(config, dest, "mkdocs-nav.yml")


def _plain(real: Path) -> dict[str, Any]:
    """The real config without macros, hooks or watched folders; pages from `docs/` beside it."""
    config = read_config(real)
    for key in ("hooks", "watch"):
        config.pop(key, None)
    config["plugins"] = ["search"]
    theme = config.setdefault("theme", {})
    if "custom_dir" in theme:
        theme["custom_dir"] = str((real.parent / theme["custom_dir"]).resolve())
    config["docs_dir"] = "docs"
    return config


def _write(config: dict[str, Any], dest: Path, name: str = "mkdocs.yml") -> Path:
    path = dest / name
    dest.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path
