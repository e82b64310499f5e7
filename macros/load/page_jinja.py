"""The Jinja in pages that render macros, read (never run) as the build will read it.

A page with `render_macros: true` fails the build on a Jinja syntax error or an undefined name
(`on_error_fail` and `on_undefined: strict` in mkdocs.yml); `playbook check` reports both first,
with the line, so check and build agree. It also holds pages to a small, safe subset of Jinja
(macro calls with quoted values, a few plain values): mkdocs-macros is not sandboxed, so any
other expression could reach Python objects on the machine that builds the site. The build
runs this check before it renders any page.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

import jinja2
from jinja2 import nodes

from macros.load.limits import MAX_PAGE_BYTES
from macros.load.page_meta import renders_macros, split_front_matter
from macros.model.errors import DataError

# What mkdocs-macros itself puts in every page's template context.
MKDOCS_MACROS_NAMES = frozenset({
    "config", "page", "navigation", "files", "environment", "plugin", "git", "extra",
    "macros", "filters", "filters_builtin", "context", "macros_info", "now", "fix_url",
})
_LONG_NUMBER = re.compile(r"[0-9_]{4000,}")
_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")  # as in page_meta: the end of the front matter
# The values of mkdocs.yml a page may print, e.g. `{{ config.repo_url }}` for a link.
CONFIG_VALUES = frozenset({"repo_url", "site_url", "site_name", "edit_uri"})
_ALLOWED_HINT = ("a page may only call the page macros with quoted values, e.g. "
                 "{{ role_card(\"domain-owner\") }}, and print {{ config.repo_url }}; ask a "
                 "maintainer for a macro if you need more")
_STATEMENTS = {"Assign": "set", "AssignBlock": "set", "FromImport": "from", "CallBlock": "call",
               "FilterBlock": "filter", "ExprStmt": "do", "Scope": "with"}
# Names Jinja itself defines inside {% for %} and {% macro %} blocks.
_BLOCK_NAMES = frozenset({"loop", "caller", "varargs", "kwargs"})
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
    except ValueError:  # Jinja's lexer turns digits into an int: Python refuses > 4,300 digits
        found = _LONG_NUMBER.search(source)
        line = source.count("\n", 0, found.start()) + 1 if found else 1
        return [DataError(shown, line, "jinja", "the page's Jinja holds a number thousands of "
                          "digits long, which cannot be read", _HINT)]
    errors = [DataError(shown, node.lineno or 1, "jinja", f"this Jinja is not allowed in a "
                        f"page ({what})", _ALLOWED_HINT) for node, what in _outside_policy(tree)]
    called = {node.node.name for node in tree.find_all(nodes.Call)
              if isinstance(node.node, nodes.Name)}  # unknown macros: see macro_calls
    allowed = MKDOCS_MACROS_NAMES | set(_ENV.globals) | set(names) | meta_names | called
    lines = {n.name: n.lineno for n in reversed(list(tree.find_all(nodes.Name)))}
    errors += [DataError(shown, lines.get(name) or 1, "jinja", f"'{name}' is not defined when "
                         "the site is built", "use one of the page macros (see the table of "
                         "macros), or wrap the braces in {% raw %} ... {% endraw %}")
               for name in sorted(_undeclared(tree) - allowed)]
    return errors


def _undeclared(tree: nodes.Template) -> set[str]:
    """The names the page reads but never sets, from the syntax tree alone.

    Not `jinja2.meta.find_undeclared_variables`: that runs Jinja's code generator, which
    evaluates constant expressions, so `{{ "x" * 1000000000 }}` would build a 1 GB string.
    """
    read = {n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"}
    set_here = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    return read - set_here - _BLOCK_NAMES


def _outside_policy(tree: nodes.Template) -> list[tuple[nodes.Node, str]]:
    """Everything but text, `{{ macro("literal", ...) }}`, `{{ config.repo_url }}` and names.

    Pages run Jinja with Python objects in reach (mkdocs-macros is not sandboxed), so a page
    may only call the page macros with literal arguments and print a few plain values.
    """
    found: list[tuple[nodes.Node, str]] = []
    for statement in tree.body:
        if not isinstance(statement, nodes.Output):
            word = _STATEMENTS.get(type(statement).__name__, type(statement).__name__.lower())
            found.append((statement, f"a '{{% {word} %}}' block"))
            continue
        found += [(node, what) for node in statement.nodes
                  if (what := _why_not(node)) is not None]
    return found


def _why_not(node: nodes.Node) -> str | None:
    if isinstance(node, nodes.Name) and node.name in MKDOCS_MACROS_NAMES:
        # `{{ config }}`, `{{ git }}`, `{{ environment }}` would publish the build's own
        # settings, the last committer's e-mail address, the build machine's system.
        return f"'{node.name}' on its own, which prints the build's own data"
    if isinstance(node, nodes.TemplateData | nodes.Name):
        return None
    if isinstance(node, nodes.Getattr):
        if isinstance(node.node, nodes.Name) and node.node.name == "config" and \
                node.attr in CONFIG_VALUES:
            return None
        return "an attribute other than " + ", ".join(f"config.{a}" for a in sorted(CONFIG_VALUES))
    if isinstance(node, nodes.Call):
        plain = isinstance(node.node, nodes.Name) and node.dyn_args is None and \
            node.dyn_kwargs is None and all(_literal(a) for a in node.args) and \
            all(_literal(k.value) for k in node.kwargs)
        return None if plain else "a call whose arguments are not plain quoted values"
    return f"an expression ({type(node).__name__})"


def _literal(node: nodes.Node) -> bool:
    if isinstance(node, nodes.Const):
        return True
    if isinstance(node, nodes.List | nodes.Tuple):
        return all(_literal(item) for item in node.items)
    return False


def _body_in_place(text: str) -> tuple[str, set[str]]:
    """The page with its front matter blanked (so lines keep their numbers), and its keys."""
    found = split_front_matter(text)
    if isinstance(found, DataError):
        return text, set()
    keys = set(found[0].data) if isinstance(found[0].data, dict) else set()
    lines = text.splitlines()
    end = next(i for i in range(1, len(lines)) if _FENCE.match(lines[i]))
    return "\n" * (end + 1) + "\n".join(lines[end + 1:]), keys
