"""The loaded playbook: every model, with lookups by id."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import Protocol, TypeVar

from macros.model import data as m


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_T = TypeVar("_T", bound=_HasId)


def _index(items: tuple[_T, ...]) -> Mapping[str, _T]:
    return MappingProxyType({item.id: item for item in items})


@dataclass(frozen=True)
class Playbook:
    """Everything in `data/`, validated; renderers read attributes, never raw dicts."""

    roles: tuple[m.Role, ...]
    cycle: m.CycleFile
    diagnostics: tuple[m.Diagnostic, ...]
    pods: tuple[m.Pod, ...]
    templates: tuple[m.Template, ...]
    sources: tuple[m.Source, ...]
    glossary: tuple[m.Term, ...]
    assets: tuple[m.Asset, ...]
    changes: tuple[m.Change, ...]
    cycles: tuple[m.CycleRecord, ...] = ()

    # Indexes by id, built on first lookup (a frozen dataclass still lets cached_property store).
    @cached_property
    def _roles(self) -> Mapping[str, m.Role]:
        return _index(self.roles)

    @cached_property
    def _diagnostics(self) -> Mapping[str, m.Diagnostic]:
        return _index(self.diagnostics)

    @cached_property
    def _pods(self) -> Mapping[str, m.Pod]:
        return _index(self.pods)

    @cached_property
    def _templates(self) -> Mapping[str, m.Template]:
        return _index(self.templates)

    @cached_property
    def _sources(self) -> Mapping[str, m.Source]:
        return _index(self.sources)

    @cached_property
    def _assets(self) -> Mapping[str, m.Asset]:
        return _index(self.assets)

    @cached_property
    def _cycles(self) -> Mapping[str, tuple[m.CycleRecord, ...]]:
        by_pod: dict[str, list[m.CycleRecord]] = {}
        for record in self.cycles:
            by_pod.setdefault(record.pod, []).append(record)
        return MappingProxyType(
            {pod: tuple(sorted(found, key=lambda r: r.number)) for pod, found in by_pod.items()})

    def role(self, role_id: str) -> m.Role:
        """The role with this id."""
        return self._roles[role_id]

    def diagnostic(self, diagnostic_id: str) -> m.Diagnostic:
        """The diagnostic with this id."""
        return self._diagnostics[diagnostic_id]

    def pod(self, pod_id: str) -> m.Pod:
        """The pod with this id."""
        return self._pods[pod_id]

    def pod_cycles(self, pod_id: str) -> tuple[m.CycleRecord, ...]:
        """The pod's cycle records, oldest first (empty when it has none)."""
        return self._cycles.get(pod_id, ())

    def template(self, template_id: str) -> m.Template:
        """The template with this id."""
        return self._templates[template_id]

    def source(self, source_id: str) -> m.Source:
        """The source with this id."""
        return self._sources[source_id]

    def asset(self, asset_id: str) -> m.Asset:
        """The infrastructure asset with this id."""
        return self._assets[asset_id]

    def finding(self, source_id: str, finding_id: str) -> m.Finding:
        """One finding of one source."""
        for finding in self.source(source_id).findings:
            if finding.id == finding_id:
                return finding
        raise KeyError(f"{source_id}/{finding_id}")

    def activities(self) -> tuple[tuple[m.Week, m.Activity], ...]:
        """Every cycle activity with its week, in calendar order."""
        return tuple((week, act) for week in self.cycle.weeks for act in week.activities)
