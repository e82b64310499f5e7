"""When each file last changed, from the repository's history (empty without git)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def last_changes(project: Path, *paths: str) -> dict[str, dt.datetime]:
    """Path from `project` → UTC time of the last commit that changed it, for files under `paths`.

    One `git log` over the whole history. Without git, outside a repository or in an archive the
    answer is empty and callers fall back to dates in the data. A shallow clone's oldest commits
    list every file they hold as changed there, so a file whose newest commit is one of them is
    left out rather than dated wrongly (`git clone --depth 1` leaves out every file).
    """
    command = ["log", "--format=%x00%ct %H", "--name-only", "--relative", "--no-renames", "--",
               *(paths or ["."])]
    log = _git(project, command)
    return _parse(log, shallow_boundary(project)) if log is not None else {}


def shallow_boundary(project: Path) -> frozenset[str]:
    """The commits where a shallow clone's history is cut off (none in a full clone)."""
    answer = _git(project, ["rev-parse", "--is-shallow-repository", "--git-path", "shallow"])
    lines = (answer or "").splitlines()
    if len(lines) != 2 or lines[0].strip() != "true":
        return frozenset()
    listed = project / lines[1].strip()  # relative to `project` unless git gives it absolute
    try:
        return frozenset(listed.read_text(encoding="ascii").split())
    except OSError:
        return frozenset()


def _git(project: Path, args: list[str]) -> str | None:
    """Standard output of `git -C project ARGS`, or None when git fails or is missing."""
    try:
        run = subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=True,
                             check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return run.stdout if run.returncode == 0 else None


def _parse(log: str, boundary: frozenset[str] = frozenset()) -> dict[str, dt.datetime]:
    """Newest commit first: a file's first appearance is its last change, unless that commit
    is a shallow clone's boundary (which lists files it never changed)."""
    changes: dict[str, dt.datetime | None] = {}
    for block in log.split("\0")[1:]:
        head, *names = block.strip().splitlines()
        stamp, _, commit = head.partition(" ")
        when = None if commit in boundary else dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC)
        for name in names:
            if name.strip():
                changes.setdefault(name.strip(), when)
    return {name: when for name, when in changes.items() if when is not None}
