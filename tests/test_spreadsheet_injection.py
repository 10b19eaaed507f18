"""Nothing a user typed becomes a spreadsheet formula: CSV and XLSX text cells are neutralised.

Unit level (every formula start, numbers untouched) and end to end: a costs label
« =cmd|' /C calc'!A0 » reaches the invoice's CSV and XLSX as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from ccas_docs.common.spreadsheet import neutralise
from ccas_docs.document.sheet import Column, Sheet, Spreadsheet
from ccas_docs.document.tree import Metadata
from ccas_docs.writers.csvfile import render_csv
from ccas_docs.writers.xlsx import render_xlsx
from tests.shipped import copy_shipped

ATTACKS = ["=cmd|' /C calc'!A0", "+SUM(A1)", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", ATTACKS)
def test_every_formula_start_is_neutralised(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Affranchissement", "'déjà protégé", "1 245,60", "", "é=1"])
def test_other_texts_are_unchanged(text: str) -> None:
    assert neutralise(text) == text


def _sheet() -> Spreadsheet:
    rows = tuple((text, Decimal("-12.50"), 3, dt.date(2025, 3, 31)) for text in ATTACKS)
    sheet = Sheet("Frais", (Column("=Libellé"), Column("Montant"), Column("N"), Column("Date")), rows)
    return Spreadsheet(Metadata("t", "s", "a", dt.date(2025, 12, 15)), (sheet,))


def test_csv_text_cells_are_neutralised_and_negative_amounts_stay_numbers() -> None:
    book = _sheet()
    table = list(csv.reader(io.StringIO(render_csv(book.sheets[0]).decode("utf-8-sig")), delimiter=";"))
    assert table[0][0] == "'=Libellé"
    assert [row[0] for row in table[1:]] == ["'" + t for t in ATTACKS]
    assert {row[1] for row in table[1:]} == {"-12,50"}  # a number, not the text « '-12,50 »


def test_xlsx_text_cells_are_text_and_neutralised_numbers_stay_numbers() -> None:
    sheet = load_workbook(io.BytesIO(render_xlsx(_sheet()))).worksheets[0]
    assert sheet.cell(1, 1).value == "'=Libellé"
    for r, text in enumerate(ATTACKS, start=2):
        cell = sheet.cell(r, 1)
        assert cell.data_type == "s" and cell.value == "'" + text
        amount = sheet.cell(r, 2)
        assert amount.data_type == "n" and amount.value == -12.5


def test_a_costs_label_reaches_the_invoice_files_as_text(tmp_path: Path) -> None:
    from ccas_docs.cli.main import main

    root = copy_shipped(tmp_path / "projet", completed=True)
    costs = root / "data/frais/2025.csv"
    costs.write_text(
        costs.read_text(encoding="utf-8").replace(
            "Affranchissement du courrier – 1er trimestre 2025", "=cmd|' /C calc'!A0"
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["invoice", str(root), "--year", "2025"])
    assert result.exit_code == 0, result.output
    folder = root / "output/factures/2025"
    text = (folder / "2025-CCAS-001.csv").read_text(encoding="utf-8-sig")
    assert "'=cmd|' /C calc'!A0" in text and ";=cmd" not in text
    book = load_workbook(folder / "2025-CCAS-001.xlsx")
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    attack = [c for c in cells if isinstance(c.value, str) and "cmd|" in c.value]
    assert attack and all(c.value.startswith("'=") and c.data_type == "s" for c in attack)
