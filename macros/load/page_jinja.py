"""The Jinja in pages that render macros, read (never run) as the build will read it.

A page with `render_macros: true` fails the build on a Jinja syntax error or an undefined name
(`on_error_fail` and `on_undefined: strict` in mkdocs.yml); `playbook check` reports both first,
with the line, so check and build agree.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

import jinja2
from jinja2 import meta

from macros.load.limits import MAX_PAGE_BYTES
from macros.load.page_meta import renders_macros, split_front_matter
from macros.model.errors import DataError

# What mkdocs-macros itself puts in every page's template context.
MKDOCS_MACROS_NAMES = frozenset({
    "config", "page", "navigation", "files", "environment", "plugin", "git", "extra",
    "macros", "filters", "filters_builtin", "context", "macros_info", "now", "fix_url",
})
_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")  # as in page_meta: the end of the front matter
_ENV = jinja2.Environment(autoescape=False)  # parsing only: nothing is ever rendered here
_HINT = "check the '{{ }}' and '{% %}' on this line; to show braces as text, wrap them in " \
        "{% raw %} ... {% endraw %}"


def check_page_templates(docs_dir: Path, names: Collection[str]) -> list[DataError]:
    """Jinja syntax errors and undefined names in the pages that render macros.

    `names` are the names the build defines besides mkdocs-macros' own: the page macros and
    the keys under `extra:` in mkdocs.yml.
    """
    errors: list[DataError] = []
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if any(part.startswith(".") for part in Path(rel).parts) or \
                path.stat().st_size > MAX_PAGE_BYTES:
            continue  # skipped by MkDocs, or reported by the front-matter check
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # reported by the front-matter check
        if renders_macros(text):
            errors.extend(_check(text, f"{docs_dir.name}/{rel}", names))
    return errors


def _check(text: str, shown: str, names: Collection[str]) -> list[DataError]:
    source, meta_names = _body_in_place(text)
    try:
        tree = _ENV.parse(source)
    except jinja2.TemplateSyntaxError as err:
        return [DataError(shown, err.lineno or 1, "jinja", f"the page's Jinja is not valid: "
                          f"{err.message}", _HINT)]
    except (RecursionError, MemoryError):
        return [DataError(shown, 1, "jinja", "the page's Jinja is nested too deeply", _HINT)]
    allowed = MKDOCS_MACROS_NAMES | set(_ENV.globals) | set(names) | meta_names
    return [DataError(shown, _line_of(source, name), "jinja", f"'{name}' is not defined when "
                      "the site is built", "use one of the page macros (see the table of "
                      "macros), or wrap the braces in {% raw %} ... {% endraw %}")
            for name in sorted(meta.find_undeclared_variables(tree) - allowed)]


def _body_in_place(text: str) -> tuple[str, set[str]]:
    """The page with its front matter blanked (so lines keep their numbers), and its keys."""
    found = split_front_matter(text)
    if isinstance(found, DataError):
        return text, set()
    keys = set(found[0].data) if isinstance(found[0].data, dict) else set()
    lines = text.splitlines()
    end = next(i for i in range(1, len(lines)) if _FENCE.match(lines[i]))
    return "\n" * (end + 1) + "\n".join(lines[end + 1:]), keys


def _line_of(source: str, name: str) -> int:
    match = re.search(rf"(\{{\{{|\{{%)[^}}]*\b{re.escape(name)}\b", source)
    return source.count("\n", 0, match.start()) + 1 if match else 1
