"""Every page macro declares the kinds of data file it reads, and reads no other."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from macros.load.loader import load_playbook
from macros.model import data_files
from macros.model.playbook import Playbook
from macros.render.docs_index import DocsIndex
from macros.render.registry import (
    MACROS,
    NOTHING,
    MacroSpec,
    Page,
    by_name,
    data_read,
    macro_reference,
)
from tests.conftest import ROOT
from tests.htmlparse import parse

PB = load_playbook(ROOT / "data")
TODAY = dt.date(2026, 12, 1)
KIND_NAMES = {k.name for k in data_files.KINDS}
# The Playbook field each kind of data file fills (macros/load/loader.py, assemble).
FIELD_KIND = {f.name: f.name for f in dataclasses.fields(Playbook)} | {"changes": "changelog"}


class _Traced(Playbook):
    """The playbook, noting which of its fields (hence which kinds of data file) are read."""

    def __getattribute__(self, name: str) -> Any:
        if name in FIELD_KIND:
            object.__getattribute__(self, "seen").add(FIELD_KIND[name])
        return object.__getattribute__(self, name)


def _traced() -> _Traced:
    pb = _Traced(**{f.name: getattr(PB, f.name) for f in dataclasses.fields(Playbook)})
    object.__setattr__(pb, "seen", set())
    return pb


def _ids(kind: str | None) -> list[str]:
    return {"role": [r.id for r in PB.roles], "pod": [p.id for p in PB.pods],
            "diagnostic": [d.id for d in PB.diagnostics], "template": [t.id for t in PB.templates],
            "source": [s.id for s in PB.sources]}[str(kind)]


def _calls(spec: MacroSpec) -> Iterator[tuple[object, ...]]:
    """Every call of the macro the real data allows (each id it may name)."""
    required = [p for p in spec.params if p.required]
    if not required:
        yield ()
    elif [p.ids for p in required] == ["source", "finding"]:
        yield from ((s.id, f.id) for s in PB.sources for f in s.findings)
    else:
        assert len(required) == 1, f"{spec.name}: add its arguments here"
        yield from ((i,) for i in _ids(required[0].ids))


def test_every_field_of_the_playbook_comes_from_a_kind_of_data_file() -> None:
    assert set(FIELD_KIND.values()) == KIND_NAMES


@pytest.mark.parametrize("spec", MACROS, ids=lambda s: s.name)
def test_a_macro_declares_known_kinds_of_data_file(spec: MacroSpec) -> None:
    assert isinstance(spec.reads, tuple)
    assert set(spec.reads) <= KIND_NAMES, f"{spec.name}: unknown kinds in reads"
    assert len(set(spec.reads)) == len(spec.reads)


@pytest.mark.parametrize("spec", MACROS, ids=lambda s: s.name)
def test_a_macro_reads_only_the_data_it_declares(spec: MacroSpec) -> None:
    seen: set[str] = set()
    for args in _calls(spec):
        pb = _traced()
        spec.render(Page(pb, "../", TODAY, DocsIndex(pb, ROOT / "docs", TODAY, 30)), *args)
        seen |= object.__getattribute__(pb, "seen")
    assert seen <= set(spec.reads), f"{spec.name} reads {sorted(seen - set(spec.reads))} too"


def test_a_macro_must_say_what_it_reads_even_when_nothing() -> None:
    with pytest.raises(TypeError, match="reads"):
        MacroSpec("x", (), "doc", lambda p: "")  # type: ignore[call-arg]
    assert by_name()["macro_reference"].reads is NOTHING
    assert by_name()["glossary_list"].reads == ("glossary",)


def test_the_data_read_by_a_page_s_calls_maps_to_files_under_data() -> None:
    kinds = data_read(["glossary_list", "cite", "no_such_macro", "macro_reference"])
    assert [k.name for k in kinds] == ["sources", "glossary"]  # the loader's order
    glossary = data_files.kind("glossary")
    assert glossary.holds("data/glossary.yaml")
    assert not glossary.holds("docs/glossary.yaml")
    pods, cycles = data_files.kind("pods"), data_files.kind("cycles")
    assert pods.holds("data/pods/harbourline.yaml")
    assert not pods.holds("data/pods/harbourline/cycle-01.yaml")
    assert cycles.holds("data/pods/harbourline/cycle-01.yaml")
    assert data_read([]) == ()


def test_the_macro_reference_names_the_files_each_macro_reads() -> None:
    table = parse(macro_reference()).find("table")
    heads = [th.text for th in table.find("thead").find_all("th")]
    column = heads.index("Data files it reads") - 1  # the first column is a row header
    rows = {row.find("code").text.split("(")[0]: row.find_all("td")[column]
            for row in table.find("tbody").find_all("tr")}
    assert [c.text for c in rows["glossary_list"].find_all("code")] == ["data/glossary.yaml"]
    assert "data/pods/*/*.yaml" in [c.text for c in rows["cycle_examples"].find_all("code")]
    assert rows["macro_reference"].text == "none"
