"""The one CSV writer for every download: UTF-8 with a byte-order mark, formula cells neutralised.

Spreadsheets need the byte-order mark to read UTF-8 (Excel otherwise garbles any non-ASCII
text), and would run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a
formula. Following OWASP's advice on CSV injection, such a cell gets a leading `'`, which
spreadsheets show as text. Cells are plain text: no HTML escapes.

The file is written with `,`, but a spreadsheet whose list separator is `;` (most of continental
Europe) or a tab reads it with that instead. Such a reader starts a new cell after every `;` or
tab and a new row after every line break, wherever they stand, and sees the double quotes around
our cells only at the start of a cell of its own (the second column's opening quote follows a
`,`, which it does not split on). So `x;=1+1` would reach it as a cell `=1+1`, quoted or not.
Every place where such a reader can start a cell is therefore guarded too: after a `;`, tab,
carriage return or line feed inside a cell (past any `"` there, which such a reader may take as
an opening quote), a formula character gets the same `'`. Commas need nothing: only a `,` reader
splits on them, and it honours our quotes. Ordinary text is left alone: `Data engineer, ML`,
`a; b` and `Cost: -5%` are unchanged; only a cell that starts with a formula character, or has
one straight after a `;`, tab or line break, shows an added `'`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Where a reader splitting on `;` or tab starts a cell inside one of ours: after a `;`, tab or
# line break, past any quotes, in front of a formula character.
_INNER_START = re.compile(r'(?<=[;\t\r\n])("*)(?=[=+\-@\t\r])')
# A cell the writer quotes (it holds a comma, quote or line break) and that ends in a `;`, tab or
# line break: such a reader would take our closing quote as an opening one and run the cell on
# through the next row. A trailing space keeps that quote from starting its cell.
_QUOTED = re.compile(r'[,"\r\n]')
_OPEN_END = re.compile(r'[;\t\r\n]"*\Z')


def safe_cell(text: str) -> str:
    """The cell as a spreadsheet should show it, whichever of `,`, `;` or tab it splits on:
    a formula character that could start a cell gets a `'` in front."""
    text = _INNER_START.sub(r"\1'", text)
    if _QUOTED.search(text) and _OPEN_END.search(text):
        text += " "
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(rows: Iterable[Sequence[str]]) -> bytes:
    """Rows as a CSV file: UTF-8 with a byte-order mark, CRLF line ends, every cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return (BOM + out.getvalue()).encode("utf-8")


def read_csv(data: bytes, delimiter: str = ",") -> list[list[str]]:
    """The rows of a CSV file written by `csv_bytes` (byte-order mark removed), for tests and
    tools; `delimiter` reads it as a spreadsheet set to another list separator would."""
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
