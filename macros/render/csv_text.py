"""The one CSV writer for every download: UTF-8 with a byte-order mark, formula cells neutralised.

Spreadsheets need the byte-order mark to read UTF-8 (Excel otherwise garbles any non-ASCII
text), and would run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a
formula. Following OWASP's advice on CSV injection, such a cell gets a leading `'`, which
spreadsheets show as text and hide; the csv module quotes any cell with a comma, quote or line
break. Cells are plain text: no HTML escapes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """The cell as a spreadsheet should show it: text that could start a formula gets a `'`."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(rows: Iterable[Sequence[str]]) -> bytes:
    """Rows as a CSV file: UTF-8 with a byte-order mark, CRLF line ends, every cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return (BOM + out.getvalue()).encode("utf-8")


def read_csv(data: bytes) -> list[list[str]]:
    """The rows of a CSV file written by `csv_bytes` (byte-order mark removed), for tests and tools."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
