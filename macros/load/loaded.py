"""One validated data file: its model, the file it came from, and the line of every value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from macros.load.yaml_reader import YamlDocument


@dataclass(frozen=True)
class Loaded:
    """A validated file: its model, where it came from, and its line map."""

    model: Any
    file: str
    doc: YamlDocument

    def line(self, *path: str | int) -> int:
        """Line of the value at `path` in this file (1 when unknown)."""
        return self.doc.line_of(tuple(path)) or 1
