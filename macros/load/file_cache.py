"""Remember the data files that were valid last time, by their content, so `playbook check`
does not parse an unchanged file again.

Reading YAML is most of the check's time (about 1.2 of 2 s at 1,000 pods); an editor who
changed one file waits only for that file and the checks across files. An entry is the file's
model written as JSON, and it is used only for the very same bytes, with the very same code:
the key is a hash of the file's content, and the cache as a whole is keyed by a hash of the
loader's and the models' source. A hit is validated again by the model (from JSON, which
pydantic does much faster than YAML is parsed), and an entry is written only when reading it
back gives the model it came from, so the cache can change no verdict and no value. Files with
errors are never remembered: their messages are worked out afresh every time.

The cache is a plain JSON file under `.cache/` (ignored by git); nothing in it is ever run.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import TypeVar

import pydantic
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)

FILE_NAME = "check-cache.json"
# The code that decides what a file means: a change to any of it empties the cache.
_CODE = (Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent / "model")


def digest(raw: bytes) -> str:
    """The key of a file's content."""
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def code_version() -> str:
    """A hash of the loading and model code, pydantic's version and Python's."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{pydantic.VERSION} {sys.version}".encode())
    for folder in _CODE:
        for path in sorted(folder.glob("*.py")):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()


class FileCache:
    """The valid files of the last check: shown path → (content hash, model as JSON)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME
        self.version = code_version()
        self.entries = self._read()
        self.seen: dict[str, tuple[str, str]] = {}
        self.changed = False

    def _read(self) -> dict[str, tuple[str, str]]:
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(stored, dict) or stored.get("version") != self.version:
            return {}
        files = stored.get("files")
        if not isinstance(files, dict):
            return {}
        return {name: (entry[0], entry[1]) for name, entry in files.items()
                if isinstance(entry, list) and len(entry) == 2
                and all(isinstance(part, str) for part in entry)}

    def get(self, shown: str, key: str, model: type[M]) -> M | None:
        """The model of `shown` if its content is the one remembered, else None."""
        entry = self.entries.get(shown)
        if entry is None or entry[0] != key:
            return None
        try:
            valid = model.model_validate_json(entry[1])
        except ValidationError:
            return None  # the models changed in a way the code hash missed: read the file
        self.seen[shown] = entry
        return valid

    def put(self, shown: str, key: str, valid: BaseModel) -> None:
        """Remember a file that was valid, if its JSON reads back as the same model."""
        text = valid.model_dump_json(by_alias=True)
        try:
            same = type(valid).model_validate_json(text) == valid
        except ValidationError:
            same = False
        if same:
            self.seen[shown] = (key, text)
            self.changed = True

    def save(self) -> None:
        """Write what this run found valid, if anything differs from what was read."""
        if not self.changed and self.seen.keys() == self.entries.keys():
            return
        spare = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            spare.write_text(json.dumps({"version": self.version,
                                         "files": {k: list(v) for k, v in self.seen.items()}}),
                             encoding="utf-8")
            spare.replace(self.path)
        except OSError:  # a read-only checkout: the next check reads every file again
            with contextlib.suppress(OSError):
                spare.unlink(missing_ok=True)
