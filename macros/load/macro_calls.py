"""Check the macro calls in pages before anything renders, so a typo gets a plain message."""

from __future__ import annotations

import ast
import difflib
import re
from collections.abc import Iterable
from pathlib import Path

from macros.model.errors import DataError
from macros.model.playbook import Playbook

# Every page macro, so `playbook check` can vet calls without importing the renderers
# (tests/test_page_calls.py keeps this in step with `page_macros.macro_table`).
MACROS = frozenset({
    "asset_table", "changelog_list", "cite", "cycle_calendar", "cycle_results", "cycle_rules",
    "diagnostic_checklist", "glossary_list", "inheritance_matrix", "onboarding_paths",
    "pod_composition", "pod_diagnosis", "pod_directory", "pod_economics", "pod_profile",
    "pod_quarter", "review_status", "role_card", "role_links", "role_matrix", "role_path_links",
    "scoping_worksheet", "signal_table", "sources_list", "stat", "template_body", "template_index",
})
CALL = re.compile(r"\{\{\s*([A-Za-z_]\w*)\s*\((.*?)\)\s*\}\}", re.DOTALL)
# Macro name → what each positional argument names.
ID_ARGS: dict[str, tuple[str, ...]] = {
    "cite": ("source",), "stat": ("source", "finding"), "role_card": ("role",),
    "diagnostic_checklist": ("diagnostic",), "signal_table": ("diagnostic",),
    "pod_profile": ("pod",), "pod_economics": ("pod",), "pod_composition": ("pod",),
    "pod_quarter": ("pod",), "pod_diagnosis": ("pod",), "template_body": ("template",),
}


def check_page_calls(docs_dir: Path, pb: Playbook, macros: Iterable[str]) -> list[DataError]:
    """Every unknown macro or unknown id in the macro calls of `docs_dir`'s pages."""
    known = sorted(macros)
    errors: list[DataError] = []
    for path in sorted(docs_dir.rglob("*.md")):
        shown = f"{docs_dir.name}/{path.relative_to(docs_dir).as_posix()}"
        text = path.read_text(encoding="utf-8")
        for match in CALL.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            errors.extend(_check_call(pb, known, shown, line, match.group(1), match.group(2)))
    return errors


def _check_call(pb: Playbook, known: list[str], shown: str, line: int, name: str,
                args: str) -> list[DataError]:
    field = f"{{{{ {name}(...) }}}}"
    if name not in known:
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(known)}"
        return [DataError(shown, line, field, f"there is no macro called '{name}'", hint)]
    try:
        values = ast.literal_eval(f"[{args}]") if args.strip() else []
    except (ValueError, SyntaxError):
        return [DataError(shown, line, field, "the arguments are not plain quoted ids",
                          'write the call like {{ role_card("domain-owner") }}')]
    return [DataError(shown, line, field, message, hint)
            for message, hint in _check_ids(pb, ID_ARGS.get(name, ()), values)]


def _check_ids(pb: Playbook, kinds: tuple[str, ...], values: list[object]) -> list[tuple[str, str]]:
    problems = []
    for kind, value in zip(kinds, values, strict=False):
        choices = _ids(pb, kind, values)
        if value not in choices:
            close = difflib.get_close_matches(str(value), choices, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"check the {kind} ids in data/"
            problems.append((f"there is no {kind} with id '{value}'", hint))
    return problems


def _ids(pb: Playbook, kind: str, values: list[object]) -> list[str]:
    if kind == "finding":
        source = str(values[0])
        known = {s.id: s for s in pb.sources}
        return [f.id for f in known[source].findings] if source in known else []
    ids = {"source": [s.id for s in pb.sources], "role": [r.id for r in pb.roles],
           "diagnostic": [d.id for d in pb.diagnostics], "pod": [p.id for p in pb.pods],
           "template": [t.id for t in pb.templates]}
    return ids[kind]
