"""The loaded playbook: every model, with lookups by id."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from macros.model import data as m


def _index(items: tuple[Any, ...]) -> MappingProxyType[str, Any]:
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
    _by_id: dict[str, MappingProxyType[str, Any]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for name in ("roles", "diagnostics", "pods", "templates", "sources", "assets"):
            self._by_id[name] = _index(getattr(self, name))
        by_pod: dict[str, list[m.CycleRecord]] = {}
        for record in self.cycles:
            by_pod.setdefault(record.pod, []).append(record)
        self._by_id["cycles"] = MappingProxyType(
            {pod: tuple(sorted(found, key=lambda r: r.number)) for pod, found in by_pod.items()})

    def role(self, role_id: str) -> m.Role:
        """The role with this id."""
        return self._by_id["roles"][role_id]  # type: ignore[no-any-return]

    def diagnostic(self, diagnostic_id: str) -> m.Diagnostic:
        """The diagnostic with this id."""
        return self._by_id["diagnostics"][diagnostic_id]  # type: ignore[no-any-return]

    def pod(self, pod_id: str) -> m.Pod:
        """The pod with this id."""
        return self._by_id["pods"][pod_id]  # type: ignore[no-any-return]

    def pod_cycles(self, pod_id: str) -> tuple[m.CycleRecord, ...]:
        """The pod's cycle records, oldest first (empty when it has none)."""
        return self._by_id["cycles"].get(pod_id, ())  # type: ignore[no-any-return]

    def template(self, template_id: str) -> m.Template:
        """The template with this id."""
        return self._by_id["templates"][template_id]  # type: ignore[no-any-return]

    def source(self, source_id: str) -> m.Source:
        """The source with this id."""
        return self._by_id["sources"][source_id]  # type: ignore[no-any-return]

    def asset(self, asset_id: str) -> m.Asset:
        """The infrastructure asset with this id."""
        return self._by_id["assets"][asset_id]  # type: ignore[no-any-return]

    def finding(self, source_id: str, finding_id: str) -> m.Finding:
        """One finding of one source."""
        for finding in self.source(source_id).findings:
            if finding.id == finding_id:
                return finding
        raise KeyError(f"{source_id}/{finding_id}")

    def activities(self) -> tuple[tuple[m.Week, m.Activity], ...]:
        """Every cycle activity with its week, in calendar order."""
        return tuple((week, act) for week in self.cycle.weeks for act in week.activities)
