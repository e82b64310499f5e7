"""MkDocs hooks: forward each MkDocs event to this build's `SiteBuild` (site_build.py).

MkDocs loads this file afresh for every build (`mkdocs serve` too), so each build gets its own
`SiteBuild`; nothing else is kept here.
"""

from __future__ import annotations

import macros

macros._forget_changed_modules()  # `mkdocs serve` re-imports this file on every rebuild

from macros.mkdocs_adapter.site_build import SiteBuild  # noqa: E402  (after the refresh above)

_build = SiteBuild()

on_config = _build.on_config
on_files = _build.on_files
on_nav = _build.on_nav
on_pre_page = _build.on_pre_page
on_page_markdown = _build.on_page_markdown
on_page_content = _build.on_page_content
on_env = _build.on_env
on_page_context = _build.on_page_context
on_post_page = _build.on_post_page
on_post_build = _build.on_post_build
