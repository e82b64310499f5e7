"""Remember the data files that were valid last time, by their content, so `playbook check`
does not parse an unchanged file again.

Reading YAML is most of the check's time (about 1.2 of 2 s at 1,000 pods); an editor who
changed one file waits only for that file and the checks across files. An entry is the file's
model written as JSON, and it is used only for the very same bytes, with the very same code:
the key is a hash of the file's content, and the cache as a whole is keyed by a hash of the
loader's and the models' source. A file the file system reports untouched (same size, times and
inode, as git's index judges) is not even read. A hit is validated again by the model (from JSON, which
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
import time
from pathlib import Path
from typing import TypeVar

import pydantic
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)
# A remembered file: the hash of its content, its model as JSON, its file-system signature.
Entry = tuple[str, str, str]

FILE_NAME = "check-cache.json"
# A file changed less than this before a run may change again within the same tick of the
# file system's clock, unseen by its times: its content is hashed instead (see `signature`).
_RACY_NS = 2_000_000_000
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
    """The valid files of the last check: shown path → `Entry` (content hash, model as JSON,
    file-system signature)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME
        self.version = code_version()
        self.started_ns = time.time_ns()
        self.entries = self._read()
        self.seen: dict[str, Entry] = {}
        self.changed = False

    def signature(self, st: os.stat_result) -> str:
        """What the file system says of a file (size, times, inode), to skip reading a file that
        was not touched; "" for a file changed too close to this run to tell a later change
        apart (as git treats a "racily clean" file: its content is hashed instead).

        Any write to a file sets its change time (`st_ctime_ns`), which no tool can set back.
        """
        if max(st.st_mtime_ns, st.st_ctime_ns) >= self.started_ns - _RACY_NS:
            return ""
        return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"

    def by_signature(self, shown: str, signature: str, model: type[M]) -> M | None:
        """The model of `shown` if the file is untouched since it was remembered, else None."""
        entry = self.entries.get(shown)
        if not signature or entry is None or entry[2] != signature:
            return None
        return self._use(shown, entry, model)

    def _read(self) -> dict[str, Entry]:
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(stored, dict) or stored.get("version") != self.version:
            return {}
        files = stored.get("files")
        if not isinstance(files, dict):
            return {}
        return {name: (entry[0], entry[1], entry[2]) for name, entry in files.items()
                if isinstance(entry, list) and len(entry) == 3
                and all(isinstance(part, str) for part in entry)}

    def get(self, shown: str, key: str, model: type[M], signature: str = "") -> M | None:
        """The model of `shown` if its content is the one remembered, else None."""
        entry = self.entries.get(shown)
        if entry is None or entry[0] != key:
            return None
        if entry[2] != signature:
            entry, self.changed = (key, entry[1], signature), True
        return self._use(shown, entry, model)

    def _use(self, shown: str, entry: Entry, model: type[M]) -> M | None:
        try:
            valid = model.model_validate_json(entry[1])
        except ValidationError:
            return None  # the models changed in a way the code hash missed: read the file
        self.seen[shown] = entry
        return valid

    def put(self, shown: str, key: str, valid: BaseModel, signature: str = "") -> None:
        """Remember a file that was valid, if its JSON reads back as the same model."""
        text = valid.model_dump_json(by_alias=True)
        try:
            same = type(valid).model_validate_json(text) == valid
        except ValidationError:
            same = False
        if same:
            self.seen[shown] = (key, text, signature)
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
