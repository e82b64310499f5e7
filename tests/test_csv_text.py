"""CSV downloads open safely in spreadsheets: BOM, no formulas, no HTML escapes, text intact."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.render import roles
from macros.render import templates as tr
from macros.render.csv_text import csv_bytes, read_csv, safe_cell
from tests.fixtures import mini_playbook

PB = mini_playbook()
FORMULA = '=HYPERLINK("http://example.invalid","x")'


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", FORMULA])
def test_formula_starts_get_a_quote(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["", "Role", "a=b", "Week 1: Pull", "'quoted", "Ünïcode — ok",
                                  "Data engineer, ML", "a; b", "Cost: -5%", "up 5%; down -5%",
                                  "x,=1", 'say "hi"', "first line\nsecond line", "a\tb"])
def test_plain_text_is_unchanged(text: str) -> None:
    assert safe_cell(text) == text


SEPARATORS = (",", ";", "\t")  # what a spreadsheet may split on: a `,` file, a `;` or tab locale
STARTS = ("=", "+", "-", "@", "\t", "\r")


def _unsafe(data: bytes) -> list[tuple[str, str]]:
    """(separator, cell) for every cell that a reader splitting on a separator sees as a formula."""
    return [(sep, cell) for sep in SEPARATORS for row in read_csv(data, sep) for cell in row
            if cell.startswith(STARTS)]


@pytest.mark.parametrize("text", ["x;=1+1", "x\t=1+1", 'x;"=1+1', 'x;""=1+1', "x;\t=1",
                                  "note\n=1+1", "note\r\n@SUM(A1)", "a, b;-2+3", "a;", "a,b;",
                                  'a "b";', "text\n", "x;\r=1"])
@pytest.mark.parametrize("column", [0, 1, 2])
def test_no_separator_starts_a_formula_inside_a_cell(text: str, column: int) -> None:
    row = ["a", "b", "c"]
    row[column] = text
    data = csv_bytes([["one", "two", "three"], row, ["d", "e", "f"]])
    assert not _unsafe(data)
    assert read_csv(data)[1][column].replace("'", "").rstrip(" ") == text.replace("'", "")


def test_inner_formula_starts_get_a_quote_and_nothing_else_changes() -> None:
    assert safe_cell("x;=1+1") == "x;'=1+1"
    assert safe_cell('x;"=1') == "x;\"'=1"
    assert safe_cell("a\n-b") == "a\n'-b"
    assert safe_cell("a,b;") == "a,b; "  # quoted, so the closing quote must not open a cell


_CELL = st.text(alphabet=["=", "+", "-", "@", "\t", "\r", "\n", ";", ",", '"', "'", " ", "a", "5"],
                max_size=12)


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=1, max_size=4), min_size=1, max_size=4))
def test_any_cells_are_safe_under_every_separator(rows: list[list[str]]) -> None:
    data = csv_bytes(rows)
    assert not _unsafe(data)
    # Read as written (`,`), each cell is the text with its guards and nothing else changed.
    assert read_csv(data) == [[safe_cell(cell) for cell in row] for row in rows]
    for row, read in zip(rows, read_csv(data), strict=True):
        for cell, shown in zip(row, read, strict=True):
            assert shown.replace("'", "").rstrip(" ") == cell.replace("'", "").rstrip(" ")


def test_file_starts_with_a_bom_and_round_trips() -> None:
    rows = [["Name", "Note"], ["Zoë", 'says "hi", twice\nthen stops'], ["x", "=2*3"]]
    data = csv_bytes(rows)
    assert data.startswith(b"\xef\xbb\xbf")
    assert read_csv(data) == [rows[0], rows[1], ["x", "'=2*3"]]


def test_lines_end_in_crlf() -> None:
    assert csv_bytes([["a"], ["b"]]).endswith(b"a\r\nb\r\n")


def test_a_formula_role_name_is_neutralised_in_the_matrix() -> None:
    role = PB.roles[0].model_copy(update={"name": FORMULA})
    pb = dataclasses.replace(PB, roles=(role, *PB.roles[1:]))
    data = roles.role_matrix_csv(pb)
    names = [row[0] for row in read_csv(data)[1:]]
    assert names[0] == "'" + FORMULA
    # A reader that does not know about the BOM still sees no cell starting with '='.
    plain = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert not any(cell.startswith("=") for row in plain for cell in row)


def test_template_header_has_no_html_escapes() -> None:
    template = PB.template("decision-log")
    column = template.columns[0].model_copy(update={"name": "Cost <in £> & notes"})
    changed = template.model_copy(update={"columns": (column, *template.columns[1:])})
    table = tr.template_csv(changed)
    assert table is not None
    assert read_csv(table)[0][0] == "Cost <in £> & notes"
    assert b"&lt;" not in table
    assert b"&amp;" not in table


@pytest.mark.build
def test_every_built_csv_is_safe(built_site: Path) -> None:
    files = sorted(built_site.rglob("*.csv"))
    assert len(files) > 1
    for path in files:
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), path
        cells = [cell for row in read_csv(data) for cell in row]
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))], path
        assert not [c for c in cells if "&lt;" in c or "&amp;" in c or "&gt;" in c], path
