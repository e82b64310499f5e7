"""The one parser of macro calls in pages, and the check of those calls against the macro specs.

The specs themselves (which macros exist and what their arguments name) are declared once, in
`macros/render/registry.py`, and passed in: loading never imports the renderers.
"""

from __future__ import annotations

import ast
import difflib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from macros.load.cross_checks import AnyId, Known
from macros.load.limits import MAX_PAGE_BYTES
from macros.load.page_meta import renders_macros
from macros.model.errors import DataError
from macros.model.playbook import Playbook

# `{{ name(arguments) }}`; `{% raw %}` blocks are skipped, as Jinja shows them as written.
_CALL = re.compile(r"\{\{\s*([A-Za-z_]\w*)\s*\((.*?)\)\s*\}\}", re.DOTALL)
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.DOTALL)


@dataclass(frozen=True)
class Param:
    """One argument of a page macro: its name and, if it names a record, which kind of id."""

    name: str
    ids: str | None = None  # "role", "pod", "source", "finding", ...; None for free text
    required: bool = True


class Signature(Protocol):
    """What checking a call needs to know of a macro: its name and its arguments."""

    @property
    def name(self) -> str:
        """The name pages call."""

    @property
    def params(self) -> tuple[Param, ...]:
        """The arguments, in order."""


@dataclass(frozen=True)
class MacroCall:
    """One `{{ name(...) }}` in a page; `args` and `kwargs` hold the values if they are literals."""

    name: str
    line: int
    args: tuple[object, ...] = ()
    kwargs: dict[str, object] = field(default_factory=dict)
    plain: bool = True  # False when an argument is not a literal (a variable, an expression)

    def bound(self, params: Sequence[Param]) -> list[tuple[Param, object]]:
        """Each argument given, with the parameter it fills (unknown ones left out)."""
        pairs = list(zip(params, self.args, strict=False))
        by_name = {p.name: p for p in params}
        pairs += [(by_name[k], v) for k, v in self.kwargs.items() if k in by_name]
        return pairs


def find_calls(text: str) -> Iterator[MacroCall]:
    """Every macro call in a page's Markdown, in order, with its line number."""
    hidden = _RAW.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    for match in _CALL.finditer(hidden):
        line = hidden.count("\n", 0, match.start()) + 1
        yield _parse(match.group(1), line, match.group(2))


def _parse(name: str, line: int, args: str) -> MacroCall:
    try:
        call = ast.parse(f"f({args})", mode="eval").body
        assert isinstance(call, ast.Call)
        values = tuple(ast.literal_eval(a) for a in call.args)
        named = {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg is not None}
    except (ValueError, SyntaxError, TypeError, AssertionError, RecursionError, MemoryError):
        return MacroCall(name, line, plain=False)
    return MacroCall(name, line, values, named)


PageCalls = Mapping[str, tuple[MacroCall, ...]]  # page (from docs/) → its macro calls


def page_calls(docs_dir: Path) -> dict[str, tuple[MacroCall, ...]]:
    """The macro calls of every page that renders macros (`render_macros: true`), by its path
    from `docs_dir`; other pages show '{{ }}' as written and are left out."""
    calls: dict[str, tuple[MacroCall, ...]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        text = _page_text(path, rel)
        if text is not None and renders_macros(text):
            calls[rel] = tuple(find_calls(text))
    return calls


def check_page_calls(docs_dir: Path, known: Known, specs: Iterable[Signature],
                     calls: PageCalls | None = None) -> list[DataError]:
    """Every unknown macro, wrong argument or unknown id in the macro calls of the pages that
    render macros; `known` holds the ids by kind, `calls` the pages' calls if already read."""
    by_name = {spec.name: spec for spec in specs}
    errors: list[DataError] = []
    for rel, found in (page_calls(docs_dir) if calls is None else calls).items():
        shown = f"{docs_dir.name}/{rel}"
        for call in found:
            field_name = f"{{{{ {call.name}(...) }}}}"
            errors.extend(DataError(shown, call.line, field_name, message, hint)
                          for message, hint in _check_call(known, by_name, call))
    return errors


def _page_text(path: Path, rel: str) -> str | None:
    """The page's text, or None for a page MkDocs skips or the front-matter check rejects."""
    if any(part.startswith(".") for part in Path(rel).parts):
        return None  # MkDocs skips dot files too
    if path.stat().st_size > MAX_PAGE_BYTES:
        return None  # reported by the front-matter check
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None  # reported by the front-matter check


def playbook_ids(pb: Playbook) -> Known:
    """The ids a macro call may name, by kind (a finding as 'source/finding'), from a playbook."""
    return {
        "source": frozenset(s.id for s in pb.sources),
        "finding": frozenset(f"{s.id}/{f.id}" for s in pb.sources for f in s.findings),
        "role": frozenset(r.id for r in pb.roles),
        "diagnostic": frozenset(d.id for d in pb.diagnostics),
        "pod": frozenset(p.id for p in pb.pods),
        "template": frozenset(t.id for t in pb.templates),
    }


def _check_call(ids: Known, known: dict[str, Signature],
                call: MacroCall) -> list[tuple[str, str]]:
    spec = known.get(call.name)
    if spec is None:
        close = difflib.get_close_matches(call.name, sorted(known), n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(sorted(known))}"
        return [(f"there is no macro called '{call.name}'", hint)]
    if not call.plain:
        return [("the arguments are not plain quoted ids",
                 'write the call like {{ role_card("domain-owner") }}')]
    problems = _check_arity(spec, call)
    return problems or _check_ids(ids, call.bound(spec.params))


def _check_arity(spec: Signature, call: MacroCall) -> list[tuple[str, str]]:
    usage = f"{spec.name}({', '.join(p.name for p in spec.params)})"
    names = [p.name for p in spec.params]
    unknown = sorted(set(call.kwargs) - set(names))
    if unknown:
        return [(f"'{spec.name}' has no argument called '{unknown[0]}'", f"write {usage}")]
    given = set(names[:len(call.args)]) | set(call.kwargs)
    missing = [p.name for p in spec.params if p.required and p.name not in given]
    if len(call.args) > len(names) or missing:
        what = f"'{missing[0]}' is missing" if missing else "there are too many arguments"
        return [(f"{what} in the call of '{spec.name}'", f"write {usage}")]
    return []


def _check_ids(ids: Known, bound: list[tuple[Param, object]]) -> list[tuple[str, str]]:
    problems = []
    for param, value in bound:
        if param.ids is None:
            continue
        choices = _choices(ids, param.ids, bound)
        if value not in choices:
            close = difflib.get_close_matches(str(value), sorted(choices), n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"check the {param.ids} ids in data/"
            problems.append((f"there is no {param.ids} with id '{value}'", hint))
    return problems


def _choices(ids: Known, kind: str, bound: list[tuple[Param, object]]) -> frozenset[str]:
    if kind != "finding" or isinstance(ids[kind], AnyId):
        return ids[kind]
    # A finding id is looked up in the source the call names.
    source = next((str(v) for p, v in bound if p.ids == "source"), "")
    return frozenset(f.split("/", 1)[1] for f in ids[kind] if f.startswith(f"{source}/"))
