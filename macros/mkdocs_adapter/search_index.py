"""Front-matter keywords and page summaries, added to Material's search index once it is written.

Material indexes a page's title, text and tags. Readers ask in their own words, so a page's
`keywords` go into a `keywords` field that `mkdocs.yml` declares with its boost; pages kept out
of the full-text index (pods, pod lists) get a short summary entry.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from macros.render.search_summaries import SearchEntry

INDEX = Path("search") / "search_index.json"


def page_terms(meta: Mapping[str, Any]) -> str:
    """The words a page adds to the `keywords` field (its front matter `keywords`)."""
    keywords = meta.get("keywords") or []
    return " ".join(str(k) for k in keywords) if isinstance(keywords, list) else ""


def enrich(site_dir: Path, terms: dict[str, str], entries: Iterable[SearchEntry]) -> None:
    """Add `terms` (page URL → words) to each page's own entry, and append `entries`."""
    path = site_dir / INDEX
    if not path.is_file():  # the search plugin is off
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        words = terms.get(doc["location"])
        if words:
            doc["keywords"] = words
    index["docs"] += [{"location": e.location, "title": e.title, "text": e.text,
                       "keywords": e.keywords, "boost": e.boost} for e in entries]
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
