"""When each file last changed, from the repository's history (empty without git)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def last_changes(project: Path, *paths: str) -> dict[str, dt.datetime]:
    """Path from `project` → UTC time of the last commit that changed it, for files under `paths`.

    One `git log` over the whole history. Without git, outside a repository or in an archive the
    answer is empty and callers fall back to dates in the data; a shallow clone dates every file
    to its one commit.
    """
    command = ["git", "-C", str(project), "log", "--format=%x00%ct", "--name-only", "--relative",
               "--no-renames", "--", *(paths or ["."])]
    try:
        run = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    return _parse(run.stdout) if run.returncode == 0 else {}


def _parse(log: str) -> dict[str, dt.datetime]:
    """Newest commit first: a file's first appearance is its last change."""
    changes: dict[str, dt.datetime] = {}
    for block in log.split("\0")[1:]:
        stamp, *names = block.strip().splitlines()
        when = dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC)
        for name in names:
            if name.strip():
                changes.setdefault(name.strip(), when)
    return changes
