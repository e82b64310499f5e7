"""Data errors that name the file, the line and the field, and say how to fix them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataError:
    """One problem in one data file."""

    file: str
    line: int
    field: str
    message: str
    hint: str

    def __str__(self) -> str:
        field = self.field or "(file)"
        return f"{self.file}:{self.line}: {field}: {self.message}; {self.hint}"


class PlaybookDataError(Exception):
    """Raised with every data error found, so an editor sees them all at once."""

    def __init__(self, errors: Iterable[DataError]) -> None:
        self.errors = tuple(sorted(set(errors)))
        super().__init__(self.report())

    def report(self) -> str:
        """All errors, one per line, followed by a count."""
        lines = [str(error) for error in self.errors]
        noun = "error" if len(lines) == 1 else "errors"
        lines.append(f"{len(self.errors)} {noun} in the playbook; nothing was built. "
                     "Fix them and run `make check` to confirm.")
        return "\n".join(lines)


def format_path(path: tuple[str | int, ...]) -> str:
    """Render a field path as `pod.roles[2].allocation`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
