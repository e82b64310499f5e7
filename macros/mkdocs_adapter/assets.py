"""Replace the site's own CSS and JS listed in mkdocs.yml by hashed bundles (see render.assets)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.structure.files import File, Files

from macros.render.assets import Bundles, bundle


def apply(config: Any) -> Bundles:
    """Bundle `extra_css` and `extra_javascript`; point the config at the bundles.

    Pages then link one stylesheet and one deferred script; the print stylesheet's path goes
    to `config.extra.print_stylesheet` for `overrides/main.html`, which links it for print only.
    """
    docs = Path(config["docs_dir"])
    styles = [str(s) for s in config["extra_css"]]
    scripts = [str(s) for s in config["extra_javascript"]]
    built = bundle(styles, scripts, lambda src: (docs / src).read_text(encoding="utf-8"))
    config["extra_css"] = [built.stylesheet] if built.stylesheet else []
    config["extra_javascript"] = []
    if built.script:
        script = ExtraScriptValue(built.script)
        script.defer = True
        config["extra_javascript"] = [script]
    config["extra"]["print_stylesheet"] = built.print_stylesheet
    return built


def swap_files(files: Files, config: Any, built: Bundles) -> None:
    """Add the bundles to the site and leave the separate source files out of it."""
    for src in built.sources:
        source = files.get_file_from_path(src)
        if source is not None:
            files.remove(source)
    for path, content in built.files.items():
        files.append(File.generated(config, path, content=content))
