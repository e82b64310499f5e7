"""CSV downloads open safely in spreadsheets: BOM, no formulas, no HTML escapes, text intact."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pytest

from macros.render import roles
from macros.render import templates as tr
from macros.render.csv_text import csv_bytes, read_csv, safe_cell
from tests.fixtures import mini_playbook

PB = mini_playbook()
FORMULA = '=HYPERLINK("http://example.invalid","x")'


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", FORMULA])
def test_formula_starts_get_a_quote(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["", "Role", "a=b", "Week 1: Pull", "'quoted", "Ünïcode — ok"])
def test_plain_text_is_unchanged(text: str) -> None:
    assert safe_cell(text) == text


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
