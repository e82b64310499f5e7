"""The kinds of data file: where each lives under `data/`, the model of one file, its schema name.

The loader reads by this table, `make schemas` writes one schema per row, the starters and the
edit links find files through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase

from pydantic import BaseModel

from macros.model import data as m


@dataclass(frozen=True)
class DataKind:
    """One kind of data file."""

    name: str  # how the loader groups the files, e.g. "roles"
    glob: str  # under data/; without '*' it names one required file
    model: type[BaseModel]  # the model of one file
    schema: str  # schemas/<schema>.schema.json

    def path(self, record_id: str) -> str:
        """The file (from the repository root) of the record with this id, for one-record kinds."""
        if self.glob.count("*") != 1:
            raise ValueError(f"data/{self.glob} does not hold one file per record")
        return "data/" + self.glob.replace("*", record_id)

    def holds(self, path: str) -> bool:
        """Whether `path` (from the repository root) is a file of this kind ('*' stays in a folder)."""
        parts, pattern = path.split("/"), f"data/{self.glob}".split("/")
        return len(parts) == len(pattern) and all(map(fnmatchcase, parts, pattern))


KINDS: tuple[DataKind, ...] = (
    DataKind("roles", "roles/*.yaml", m.RolesFile, "role"),
    DataKind("cycle", "cycle.yaml", m.CycleFile, "cycle"),
    DataKind("diagnostics", "diagnostics/*.yaml", m.DiagnosticFile, "diagnostic"),
    DataKind("pods", "pods/*.yaml", m.PodFile, "pod"),
    # data/pods/<pod id>/cycle-<NN>.yaml
    DataKind("cycles", "pods/*/*.yaml", m.CycleRecordFile, "cycle-record"),
    DataKind("templates", "templates/*.yaml", m.TemplateFile, "template"),
    DataKind("sources", "sources.yaml", m.SourcesFile, "sources"),
    DataKind("glossary", "glossary.yaml", m.GlossaryFile, "glossary"),
    DataKind("assets", "infrastructure.yaml", m.AssetsFile, "infrastructure"),
    DataKind("changelog", "changelog.yaml", m.ChangelogFile, "changelog"),
)


def kind(name: str) -> DataKind:
    """The kind called `name` (as the loader groups files)."""
    return next(k for k in KINDS if k.name == name)
