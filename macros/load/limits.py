"""Every size limit `playbook check` and the build enforce, in one place.

Each limit is far above what real data needs (the largest shipped value is in brackets) and
low enough that no input can make the check or the build run long or use much memory.
Messages quote the limit by name, so an editor who meets one can find it here.
"""

from __future__ import annotations

# Bytes in one data file (largest shipped: data/sources.yaml, 16 KB).
MAX_FILE_BYTES = 512 * 1024
# Bytes in all data files together (1,000 pods with six cycle records each take about 29 MB,
# and `playbook check` then peaks near 150 MB; the limit leaves room for about 2,000).
MAX_DATA_BYTES = 64 * 1024 * 1024
# Bytes in one page under docs/ (largest shipped: about 8 KB).
MAX_PAGE_BYTES = 512 * 1024
# Characters in one text value (largest shipped: about 420).
MAX_TEXT_CHARS = 5_000
# Levels of nested lists and groups of fields (deepest shipped: 7, in data/cycle.yaml).
MAX_DEPTH = 20
# Problems reported for one file before the rest of it is skipped.
MAX_PROBLEMS_PER_FILE = 50


def size_text(count: int) -> str:
    """A byte count the way an editor reads it: '512 KB', '32 MB'."""
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):g} MB"
    return f"{count / 1024:g} KB"
