"""Checks across files: unique ids, references that resolve, rules between fields."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import PurePosixPath
from typing import Any

from macros.load.consistency import pod_consistency
from macros.load.cycle_checks import check_cycles
from macros.load.loaded import AnyFile, LoadedFiles
from macros.model.errors import DataError
from macros.model.urls import RESERVED_POD_IDS, build_date

Path = tuple[str | int, ...]
Known = dict[str, frozenset[str]]
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # the shape of an id (macros.model.data.Id)


def check_references(loaded: LoadedFiles, incomplete: Collection[str] = (),
                     today: dt.date | None = None) -> list[DataError]:
    """Every cross-file problem in the loaded (valid) files.

    `incomplete` names the kinds (e.g. "pods") with a file left out for its own errors: an id
    of such a kind may be in that file, so references to it are not reported as missing.
    `today` is the build date: no pod fact may lie after it.
    """
    known = known_ids(loaded, incomplete)
    errors: list[DataError] = []
    for check in (_file_ids, _unique_ids, _role_refs, _cycle_rules, _template_refs,
                  _pod_refs, _citations, _diagnostic_rules, _time_ranges):
        errors.extend(check(loaded, known))
    errors.extend(check_cycles(loaded, known["pod"]))
    errors.extend(pod_consistency(loaded["pods"], loaded.get("cycles", []), today or build_date()))
    return errors


class AnyId(frozenset[str]):
    """The ids of a kind whose files did not all load: any id might exist, so none is missing."""

    def __contains__(self, item: object) -> bool:
        return True


# Which kind of file holds each kind of id.
_ID_FILES = {"role": "roles", "template": "templates", "pod": "pods", "asset": "assets",
             "source": "sources", "finding": "sources", "diagnostic": "diagnostics",
             "signal": "diagnostics"}


def known_ids(loaded: LoadedFiles, incomplete: Collection[str] = ()) -> Known:
    """Every id by kind ("role", "pod", "signal" as "diagnostic/signal", ...) in the loaded files."""
    sources = loaded["sources"][0].model.sources if loaded["sources"] else ()
    diagnostics = {item.model.diagnostic.id: item.model.diagnostic
                   for item in loaded["diagnostics"]}
    ids: dict[str, set[str]] = {
        "role": {item.model.role.id for item in loaded["roles"]},
        "template": {item.model.template.id for item in loaded["templates"]},
        "pod": {item.model.pod.id for item in loaded["pods"]},
        "asset": {a.id for item in loaded["assets"] for a in item.model.assets},
        "source": {s.id for s in sources},
        "finding": {f"{s.id}/{f.id}" for s in sources for f in s.findings},
        "diagnostic": set(diagnostics),
        "signal": {f"{d.id}/{s.id}" for d in diagnostics.values() for s in d.signals},
    }
    return {kind: AnyId() if _ID_FILES[kind] in incomplete else frozenset(found)
            for kind, found in ids.items()}


def _error(item: AnyFile, path: Path, message: str, hint: str) -> DataError:
    from macros.model.errors import format_path

    return DataError(item.file, item.line(*path), format_path(path), message, hint)


def _dangling(item: AnyFile, path: Path, kind: str, value: str, known: Collection[str]) -> DataError:
    import difflib

    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else (
        f"use one of: {', '.join(sorted(known))}" if len(known) <= 12 else
        f"check the spelling against the {kind} ids in data/")
    return _error(item, path, f"there is no {kind} with id '{value}'", hint)


def _file_ids(loaded: LoadedFiles, known: Any) -> Iterator[DataError]:
    files: list[tuple[str, Sequence[AnyFile]]] = [
        ("role", loaded["roles"]), ("pod", loaded["pods"]), ("template", loaded["templates"]),
        ("diagnostic", loaded["diagnostics"])]
    for key, items in files:
        for item in items:
            model_id = getattr(item.model, key).id
            stem = PurePosixPath(item.file).stem
            if model_id != stem:
                other = f" or set the id to '{stem}'" if _ID.match(stem) else ""
                yield _error(item, (key, "id"), f"the id '{model_id}' does not match the file "
                             f"name '{stem}.yaml'", f"rename the file to '{model_id}.yaml'{other}")


def _duplicates(item: AnyFile, entries: Iterable[tuple[Path, str]], kind: str) -> Iterator[DataError]:
    seen: dict[str, Path] = {}
    for path, value in entries:
        if value in seen:
            first = item.line(*seen[value])
            yield _error(item, path, f"duplicate {kind} id '{value}' (first used on line {first})",
                         "give each one its own id")
        else:
            seen[value] = path


def _unique_ids(loaded: LoadedFiles, known: Any) -> Iterator[DataError]:
    for item in loaded["sources"]:
        yield from _duplicates(item, ((("sources", i, "id"), s.id)
                                      for i, s in enumerate(item.model.sources)), "source")
        for i, source in enumerate(item.model.sources):
            yield from _duplicates(item, ((("sources", i, "findings", j, "id"), f.id)
                                          for j, f in enumerate(source.findings)), "finding")
    for assets_file in loaded["assets"]:
        yield from _duplicates(assets_file, ((("assets", i, "id"), a.id)
                                      for i, a in enumerate(assets_file.model.assets)), "asset")
    for cycle_file in loaded["cycle"]:
        acts = [(("weeks", w, "activities", a, "id"), act.id)
                for w, week in enumerate(cycle_file.model.weeks)
                for a, act in enumerate(week.activities)]
        yield from _duplicates(cycle_file, acts, "activity")
        rules = [(("weeks", w, "activities", a, "rules", r, "id"), rule.id)
                 for w, week in enumerate(cycle_file.model.weeks)
                 for a, act in enumerate(week.activities)
                 for r, rule in enumerate(act.rules)]
        yield from _duplicates(cycle_file, rules, "rule")
    for diag_file in loaded["diagnostics"]:
        yield from _duplicates(diag_file, ((("diagnostic", "signals", i, "id"), s.id)
                                      for i, s in enumerate(diag_file.model.diagnostic.signals)), "signal")
    for terms_file in loaded["glossary"]:
        yield from _duplicates(terms_file, ((("terms", i, "term"), t.term)
                                      for i, t in enumerate(terms_file.model.terms)), "glossary term")
        for i, term in enumerate(terms_file.model.terms):
            if "]" in term.term or "[" in term.term:
                yield _error(terms_file, ("terms", i, "term"), "a term cannot contain '[' or ']'",
                             "write the term without brackets (it becomes a tooltip)")


def _role_refs(loaded: LoadedFiles, known: Known) -> Iterator[DataError]:
    for item in loaded["cycle"]:
        for w, week in enumerate(item.model.weeks):
            for a, act in enumerate(week.activities):
                for r, raci in enumerate(act.raci):
                    if raci.role not in known["role"]:
                        path = ("weeks", w, "activities", a, "raci", r, "role")
                        yield _dangling(item, path, "role", raci.role, known["role"])
    for log_file in loaded["changelog"]:
        for c, change in enumerate(log_file.model.changes):
            for r, role in enumerate(change.roles):
                if role not in known["role"]:
                    yield _dangling(log_file, ("changes", c, "roles", r), "role", role, known["role"])


def _cycle_rules(loaded: LoadedFiles, known: Known) -> Iterator[DataError]:
    for item in loaded["cycle"]:
        cycle = item.model
        numbers = [week.number for week in cycle.weeks]
        if numbers != list(range(1, cycle.length_weeks + 1)):
            yield _error(item, ("weeks",), f"weeks are numbered {numbers}",
                         f"number the weeks 1 to {cycle.length_weeks}, in order")
        for w, week in enumerate(cycle.weeks):
            for a, act in enumerate(week.activities):
                base: Path = ("weeks", w, "activities", a)
                accountable = [r.role for r in act.raci if r.letter == "A"]
                if len(accountable) != 1:
                    yield _error(item, (*base, "raci"), f"activity '{act.id}' has "
                                 f"{len(accountable)} accountable roles (letter A)",
                                 "give exactly one role the letter A; others R, C or I")
                for o, out in enumerate(act.outputs):
                    if out not in known["template"]:
                        yield _dangling(item, (*base, "outputs", o), "template", out,
                                        known["template"])
                for r, rule in enumerate(act.rules):
                    if rule.max_value is not None and rule.max_value < rule.value:
                        yield _error(item, (*base, "rules", r, "max_value"),
                                     f"max_value {rule.max_value} is below value {rule.value}",
                                     "make max_value at least value, or remove it")


def _template_refs(loaded: LoadedFiles, known: Known) -> Iterator[DataError]:
    for item in loaded["templates"]:
        template = item.model.template
        if template.owner not in known["role"]:
            yield _dangling(item, ("template", "owner"), "role", template.owner, known["role"])
        if not template.sections and not template.columns:
            yield _error(item, ("template",), "the template has neither sections nor columns",
                         "add 'sections:' for a document or 'columns:' for a table")


def _pod_refs(loaded: LoadedFiles, known: Known) -> Iterator[DataError]:
    for item in loaded["pods"]:
        pod = item.model.pod
        if pod.id in RESERVED_POD_IDS:
            yield _error(item, ("pod", "id"), f"the id '{pod.id}' is reserved for a page of the "
                         "pod registry", "choose another id and rename the file to match")
        seen: set[str] = set()
        for r, held in enumerate(pod.roles):
            if held.role not in known["role"]:
                yield _dangling(item, ("pod", "roles", r, "role"), "role", held.role, known["role"])
            elif held.role in seen:
                yield _error(item, ("pod", "roles", r, "role"), f"role '{held.role}' is listed twice",
                             "list each role once")
            seen.add(held.role)
        for t, target in enumerate(pod.targets):
            for i, asset in enumerate(target.inherits):
                if asset not in known["asset"]:
                    yield _dangling(item, ("pod", "targets", t, "inherits", i), "asset", asset,
                                    known["asset"])
        for i, held_asset in enumerate(pod.infrastructure):
            if held_asset.asset not in known["asset"]:
                yield _dangling(item, ("pod", "infrastructure", i, "asset"), "asset",
                                held_asset.asset, known["asset"])
            if held_asset.from_pod is not None and held_asset.from_pod not in known["pod"]:
                yield _dangling(item, ("pod", "infrastructure", i, "from_pod"), "pod",
                                held_asset.from_pod, known["pod"])
        yield from _pod_reviews(item, pod, known)


def _pod_reviews(item: AnyFile, pod: Any, known: Known) -> Iterator[DataError]:
    for r, review in enumerate(pod.reviews):
        if review.diagnostic not in known["diagnostic"]:
            yield _dangling(item, ("pod", "reviews", r, "diagnostic"), "diagnostic",
                            review.diagnostic, known["diagnostic"])
            continue
        if isinstance(known["signal"], AnyId):
            continue
        expected = {s.split("/", 1)[1] for s in known["signal"]
                    if s.startswith(review.diagnostic + "/")}
        for name in sorted(set(review.signals) - expected):
            yield _dangling(item, ("pod", "reviews", r, "signals", name), "signal", name, expected)
        missing = sorted(expected - set(review.signals))
        if missing:
            yield _error(item, ("pod", "reviews", r, "signals"),
                         f"no answer for signal(s): {', '.join(missing)}",
                         "answer every signal with true or false")


def _citations(loaded: LoadedFiles, known: Known) -> Iterator[DataError]:
    for what in ("roles", "cycle", "templates", "pods"):
        for item in loaded[what]:
            for path, cite in _citations_of(item):
                if cite["source"] not in known["source"]:
                    yield _dangling(item, (*path, "source"), "source", cite["source"],
                                    known["source"])
                elif cite.get("finding") and (
                        f"{cite['source']}/{cite['finding']}" not in known["finding"]):
                    findings = {f.split("/", 1)[1] for f in known["finding"]
                                if f.startswith(cite["source"] + "/")}
                    yield _dangling(item, (*path, "finding"), "finding", cite["finding"], findings)


def _citations_of(item: AnyFile) -> Iterator[tuple[Path, dict[str, Any]]]:
    # A pod cites only through its economics; skipping the full walk keeps big registries fast.
    pod = getattr(item.model, "pod", None)
    if pod is not None:
        if pod.economics is not None and pod.economics.cited is not None:
            yield ("pod", "economics", "cited"), pod.economics.cited.model_dump()
        return
    yield from _walk_citations(item.model.model_dump(), ())


def _walk_citations(value: Any, path: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    if isinstance(value, dict):
        if set(value) == {"source", "finding", "locator"}:
            yield path, value
            return
        for key, child in value.items():
            yield from _walk_citations(child, (*path, key))
    elif isinstance(value, list | tuple):
        for i, child in enumerate(value):
            yield from _walk_citations(child, (*path, i))


def _diagnostic_rules(loaded: LoadedFiles, known: Any) -> Iterator[DataError]:
    for item in loaded["diagnostics"]:
        diagnostic = item.model.diagnostic
        scores = [band.min_score for band in diagnostic.verdicts]
        if 0 not in scores:
            yield _error(item, ("diagnostic", "verdicts"), "no verdict starts at score 0",
                         "add a verdict with 'min_score: 0' (usually healthy)")
        if len(set(scores)) != len(scores):
            yield _error(item, ("diagnostic", "verdicts"), "two verdicts share a min_score",
                         "give each verdict its own min_score")


def _time_ranges(loaded: LoadedFiles, known: Any) -> Iterator[DataError]:
    for item in loaded["roles"]:
        time = item.model.role.time
        for phase in ("first_quarter", "steady_state"):
            span = getattr(time, phase)
            if span.min > span.max:
                yield _error(item, ("role", "time", phase, "min"),
                             f"min {span.min} is above max {span.max}", "swap the two values")
