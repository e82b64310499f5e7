"""Every page macro, declared once: name, arguments, a one-line doc, its renderer, the data it shows
and the kinds of data file it reads (which date the pages calling it).

The MkDocs adapter registers these, `playbook check` vets the calls in pages against them and the
architecture page lists them (`macro_reference`). Adding a macro is one entry here plus its
renderer.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from macros.load.macro_calls import Param
from macros.load.page_meta import PageReview
from macros.model import data_files
from macros.model.playbook import Playbook


class _Lazy:
    """A renderer module, imported when a macro first uses it."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> object:
        return getattr(importlib.import_module(f"macros.render.{self._name}"), attr)


if TYPE_CHECKING:
    from macros.render import (
        changelog,
        cycle,
        cycles,
        diagnostics,
        diagrams,
        economics,
        glossary,
        onboarding,
        pods,
        quarter,
        review_status,
        roles,
        scoping,
        sources,
    )
    from macros.render import templates as templates_render
else:  # `playbook check` reads only the specs: it need not import Jinja and every renderer
    (changelog, cycle, cycles, diagnostics, diagrams, economics, glossary, onboarding, pods, quarter,
     review_status, roles, scoping, sources, templates_render) = map(_Lazy, (
        "changelog", "cycle", "cycles", "diagnostics", "diagrams", "economics", "glossary", "onboarding",
        "pods", "quarter", "review_status", "roles", "scoping", "sources", "templates"))


class Docs(Protocol):
    """The hand-written pages, as the macros that list them need them (read when asked)."""

    def backlinks(self) -> Mapping[str, Sequence[tuple[str, str]]]:
        """Source id → (title, URL) of every page that cites it."""

    def titles(self) -> Mapping[str, str]:
        """Page URL → title, for hand-written and generated pages."""

    def reviews(self) -> list[PageReview]:
        """Review status of every hand-written page."""


@dataclass(frozen=True)
class Page:
    """What a macro gets besides its arguments: the data, the calling page's root, the date."""

    pb: Playbook
    root: str  # from the calling page back to the site root
    today: dt.date
    docs: Docs


@dataclass(frozen=True)
class MacroSpec:
    """One page macro. `render(page, *args)` returns its HTML; `shows(pb, *args)` the data it
    renders, so the sources page can tell which pages cite what; `reads` names the kinds of data
    file (`macros.model.data_files.KINDS`) its HTML comes from, NOTHING if none, so a page calling
    it dates from the latest change to those files too (the sitemap, "Last updated")."""

    name: str
    params: tuple[Param, ...]
    doc: str
    render: Callable[..., str]
    shows: Callable[..., tuple[object, ...]] | None = None
    reads: tuple[str, ...] = field(kw_only=True)  # required: NOTHING says none

    @property
    def usage(self) -> str:
        """How a page calls it, e.g. `role_card("role_id")`."""
        args = ", ".join(p.name if p.required else f"{p.name}=None" for p in self.params)
        return f"{self.name}({args})"


# What `reads` says for a macro whose HTML comes from no data file (the pages, the registry).
NOTHING: tuple[str, ...] = ()


def _arg(name: str, ids: str | None = None, required: bool = True) -> Param:
    return Param(name, ids, required)


_POD = (_arg("pod_id", "pod"),)


def _the_pod(pb: Playbook, pod_id: str) -> tuple[object, ...]:
    return (pb.pod(pod_id),)


MACROS: tuple[MacroSpec, ...] = (
    MacroSpec("cite", (_arg("source_id", "source"), _arg("locator", required=False)),
              "An inline attribution linking to the source on the sources page.",
              lambda p, source_id, locator=None: sources.cite(p.pb, source_id, locator, p.root),
              reads=("sources",)),
    MacroSpec("stat", (_arg("source_id", "source"), _arg("finding_id", "finding")),
              "A finding's figure followed by its attribution.",
              lambda p, source_id, finding_id: sources.stat(p.pb, source_id, finding_id, p.root),
              reads=("sources",)),
    MacroSpec("sources_list", (), "Every source with its findings and the pages that cite it.",
              lambda p: sources.sources_list(p.pb, p.docs.backlinks(), p.root),
              reads=("cycle", "pods", "roles", "sources", "templates")),
    MacroSpec("role_matrix", (), "The RACI matrix: a column per role, a row per cycle activity.",
              lambda p: roles.role_matrix(p.pb, p.root),
              reads=("cycle", "roles")),
    MacroSpec("role_card", (_arg("role_id", "role"),),
              "A role's card: purpose, staffing, time per phase and the sources behind them.",
              lambda p, role_id: roles.role_card(p.pb, role_id, p.root),
              lambda pb, role_id: (pb.role(role_id),),
              reads=("roles", "sources")),
    MacroSpec("role_links", (), "A list linking every role page, with each role's purpose.",
              lambda p: roles.role_links(p.pb, p.root),
              reads=("roles",)),
    MacroSpec("role_path_links", (), "Per role: links to its onboarding path and its role page.",
              lambda p: onboarding.role_path_links(p.pb, p.root),
              reads=("roles",)),
    MacroSpec("onboarding_paths", (), "Each role's reading path for new pod members.",
              lambda p: onboarding.onboarding_paths(p.pb, p.docs.titles(), p.root),
              reads=("pods", "roles", "templates")),
    MacroSpec("cycle_calendar", (),
              "The cycle as a grid: a column per week with its activities, owners, outputs, rules.",
              lambda p: cycle.cycle_calendar(p.pb, p.root),
              reads=("cycle", "roles", "templates")),
    MacroSpec("pod_diagram", (), "The pod as a picture: its roles around one domain, metric and cycle.",
              lambda p: diagrams.pod_diagram(p.pb),
              reads=("cycle", "roles")),
    MacroSpec("cycle_loop", (), "The cycle as a picture: each week arrowing to the next, on repeat.",
              lambda p: diagrams.cycle_loop(p.pb),
              reads=("cycle",)),
    MacroSpec("cycle_rules", (), "Every numbered rule of the cycle, with its week and activity.",
              lambda p: cycle.cycle_rules(p.pb, p.root),
              reads=("cycle",)),
    MacroSpec("cycle_results", (), "The published results of running the cycle, each with its source.",
              lambda p: cycle.cycle_results(p.pb, p.root),
              lambda pb: (pb.cycle.results,),
              reads=("cycle", "sources")),
    MacroSpec("cycle_flag_rules", (),
              "The flags raised on pods' cycle records: each rule, its threshold and its source.",
              lambda p: cycles.flag_rules(p.pb, p.root),
              lambda pb: (pb.cycle.flags,),
              reads=("cycle", "sources")),
    MacroSpec("cycle_examples", (),
              "Links to the pods whose recorded cycles illustrate the cycle, with their briefings.",
              lambda p: cycles.cycle_examples(p.pb, p.root, p.today),
              reads=("cycle", "cycles", "pods")),
    MacroSpec("diagnostic_checklist", (_arg("diagnostic_id", "diagnostic"),),
              "A printable checklist of a diagnostic's signals that scripts turn into a live score.",
              lambda p, diagnostic_id: diagnostics.diagnostic_checklist(p.pb, diagnostic_id,
                                                                        p.root),
              reads=("diagnostics",)),
    MacroSpec("signal_table", (_arg("diagnostic_id", "diagnostic"),),
              "Each signal of a diagnostic: why it matters, its threshold and what to do.",
              lambda p, diagnostic_id: diagnostics.signal_table(p.pb, diagnostic_id, p.root),
              reads=("diagnostics",)),
    MacroSpec("pod_directory", (), "A sortable table of every registered pod, linking to each pod's page.",
              lambda p: pods.pod_directory(p.pb, p.root, p.today),
              reads=("cycle", "cycles", "diagnostics", "pods", "roles")),
    MacroSpec("pod_profile", _POD, "A pod at a glance: staffing, scope, metric, targets, infrastructure.",
              lambda p, pod_id: pods.pod_profile(p.pb, pod_id, p.root),
              _the_pod,
              reads=("assets", "pods", "roles")),
    MacroSpec("pod_diagnosis", _POD, "Which signals a pod's data fires, the verdict, and its review trend.",
              lambda p, pod_id: diagnostics.pod_diagnosis(p.pb, pod_id, p.root, p.today),
              _the_pod,
              reads=("cycle", "cycles", "diagnostics", "pods", "roles")),
    MacroSpec("pod_composition", _POD, "A pod's staffing against the role guidance, as a chart and a table.",
              lambda p, pod_id: diagnostics.pod_composition(p.pb, pod_id, p.root, p.today),
              _the_pod,
              reads=("cycle", "pods", "roles", "sources")),
    MacroSpec("pod_quarter", _POD, "A pod's 13-week quarter as a timeline and a dated table.",
              lambda p, pod_id: quarter.pod_quarter(p.pb, pod_id, p.root, p.today),
              _the_pod,
              reads=("cycle", "diagnostics", "pods", "roles")),
    MacroSpec("pod_economics", _POD, "A pod's business case: each formula with its inputs and result.",
              lambda p, pod_id: economics.pod_economics(p.pb, pod_id, p.root),
              _the_pod,
              reads=("cycles", "pods", "sources")),
    MacroSpec("asset_table", (), "Each shared asset: what the first pod builds, who governs it.",
              lambda p: pods.asset_table(p.pb, p.root),
              reads=("assets",)),
    MacroSpec("inheritance_matrix", (), "Pods × shared assets: who built and who inherited each.",
              lambda p: pods.inheritance_matrix(p.pb, p.root),
              reads=("assets", "pods")),
    MacroSpec("inheritance_diagram", (),
              "Who built and who inherited each shared asset, grouped when there are many pods.",
              lambda p: diagrams.inheritance_diagram(p.pb),
              reads=("assets", "pods")),
    MacroSpec("template_index", (), "Every template with its keeper, timing and downloads.",
              lambda p: templates_render.template_index(p.pb, p.root),
              reads=("cycle", "roles", "sources", "templates")),
    MacroSpec("template_body", (_arg("template_id", "template"),),
              "One template: purpose, keeper, sections or columns, downloads.",
              lambda p, template_id: templates_render.template_body(p.pb, template_id, p.root),
              lambda pb, template_id: (pb.template(template_id),),
              reads=("cycle", "roles", "sources", "templates")),
    MacroSpec("glossary_list", (), "Every glossary term with its definition.",
              lambda p: glossary.glossary_list(p.pb, p.root),
              reads=("glossary",)),
    MacroSpec("changelog_list", (), "What's new, newest first, filterable by role.",
              lambda p: changelog.changelog_list(p.pb, p.root),
              reads=("changelog", "roles")),
    MacroSpec("scoping_worksheet", (),
              "The scoping worksheet: a form that works on paper and in the browser.",
              lambda p: scoping.scoping_worksheet(p.pb, p.root),
              reads=("pods",)),
    MacroSpec("review_status", (), "Every page with its owner and review date, overdue first.",
              lambda p: review_status.review_status(p.docs.reviews(), p.root),
              reads=NOTHING),
    MacroSpec("macro_reference", (), "This table: every page macro, its arguments and its use.",
              lambda p: macro_reference(),
              reads=NOTHING),
)


def by_name() -> dict[str, MacroSpec]:
    """The specs keyed by macro name."""
    return {spec.name: spec for spec in MACROS}


def data_read(names: Iterable[str]) -> tuple[data_files.DataKind, ...]:
    """The kinds of data file the macros called `names` read, in the loader's order (a name
    that is no macro reads nothing: `playbook check` reports it)."""
    specs = by_name()
    kinds = {kind for name in names if name in specs for kind in specs[name].reads}
    return tuple(k for k in data_files.KINDS if k.name in kinds)


def macro_reference() -> str:
    """A table of every page macro: how to call it, what it shows, the data files it reads and
    what its arguments name."""
    from macros.render.environment import render

    files = {kind.name: f"data/{kind.glob}" for kind in data_files.KINDS}
    return render("macro-reference.html", specs=sorted(MACROS, key=lambda s: s.name), files=files)
