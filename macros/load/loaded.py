"""One validated data file: its model, the file it came from, and the line of every value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypedDict, TypeVar

from pydantic import BaseModel

from macros.load.yaml_reader import YamlDocument
from macros.model import data as m

M = TypeVar("M", bound=BaseModel, covariant=True)


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A validated file: its model, where it came from, and its line map."""

    model: M
    file: str
    doc: YamlDocument

    def line(self, *path: str | int) -> int:
        """Line of the value at `path` in this file (1 when unknown)."""
        return self.doc.line_of(tuple(path)) or 1


class LoadedFiles(TypedDict):
    """The valid files of each kind (the names of `macros.model.data_files.KINDS`)."""

    roles: list[Loaded[m.RolesFile]]
    cycle: list[Loaded[m.CycleFile]]
    diagnostics: list[Loaded[m.DiagnosticFile]]
    pods: list[Loaded[m.PodFile]]
    cycles: list[Loaded[m.CycleRecordFile]]
    templates: list[Loaded[m.TemplateFile]]
    sources: list[Loaded[m.SourcesFile]]
    glossary: list[Loaded[m.GlossaryFile]]
    assets: list[Loaded[m.AssetsFile]]
    changelog: list[Loaded[m.ChangelogFile]]


# A validated file of any kind, for code that needs only its name and lines.
AnyFile = Loaded[BaseModel]
