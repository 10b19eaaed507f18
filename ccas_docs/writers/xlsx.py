"""XLSX writer (openpyxl): a :class:`~ccas_docs.compose.invoice.Spreadsheet` → one workbook, reproducibly.

Cells are real numbers and dates, formatted for a French reader: amounts ``#,##0.00 "€"`` (shown
« 1 234,56 € » by a spreadsheet in a French locale), rates as percentages (the rate divided by 100,
format ``0 %``), dates ``jj/mm/aaaa``. A :class:`~decimal.Decimal` becomes a float only here, at the
cell; the total rows hold the composer's values (the document's totals, to the cent), and an
optional « contrôle » row holds ``SUM`` formulas that the spreadsheet recalculates.

Reproducibility: the workbook's creation and modification dates are the document's date, and the
ZIP is rewritten with fixed timestamps, entry order and compression (openpyxl stamps the current
time in both).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from pathlib import Path

from ccas_docs.common.atomic import write_bytes
from ccas_docs.common.spreadsheet import neutralise
from ccas_docs.document.sheet import Rate, Sheet, SheetValue, Spreadsheet
from ccas_docs.writers.reproducible import normalise_zip

MONEY_FORMAT = '#,##0.00 "€"'
DATE_FORMAT = "DD/MM/YYYY"
INTEGER_FORMAT = "0"
_MAX_SHEET_NAME = 31  # Excel's limit


def rate_format(rate: Decimal) -> str:
    """``0 %`` for 5 %, ``0.0 %`` for 5,5 %, ``0.00 %`` for 5,25 % (the rate's own decimals, at most 4)."""
    decimals = min(max(-rate.normalize().as_tuple().exponent, 0), 4)  # type: ignore[operator]
    return "0 %" if decimals == 0 else f"0.{'0' * decimals} %"


def write_xlsx(book: Spreadsheet, target: Path) -> None:
    """Write the workbook atomically at ``target``."""
    write_bytes(Path(target), render_xlsx(book))


def render_xlsx(book: Spreadsheet) -> bytes:
    """The workbook's bytes: the same spreadsheet always gives the same bytes."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in book.sheets:
        _fill(workbook.create_sheet(_sheet_name(sheet.name)), sheet)
    when = dt.datetime.combine(book.meta.date, dt.time(0, 0))
    props = workbook.properties
    props.title = book.meta.title
    props.subject = book.meta.subject
    props.creator = book.meta.author
    props.lastModifiedBy = book.meta.author
    props.keywords = ", ".join(book.meta.keywords)
    props.language = book.meta.language
    props.created = props.modified = when
    buffer = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook() would set the modification date to now
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return normalise_zip(buffer.getvalue())


def _sheet_name(name: str) -> str:
    for char in "[]:*?/\\":
        name = name.replace(char, "-")
    return name[:_MAX_SHEET_NAME]


def _fill(ws, sheet: Sheet) -> None:  # type: ignore[no-untyped-def]
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="E4E4E4")
    total_fill = PatternFill("solid", fgColor="F2F2F2")
    rule = Border(top=Side(style="thin", color="808080"))

    for c, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=1, column=c, value=neutralise(column.title))
        cell.data_type = "s"
        cell.font = bold
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(c)].width = column.width
    ws.freeze_panes = "A2"

    row = 1
    for values in sheet.rows:
        row += 1
        _put_row(ws, row, values)
    last_data_row = row
    if sheet.rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{last_data_row}"
    first_total = True
    for values in sheet.totals:
        row += 1
        _put_row(ws, row, values)
        for c in range(1, len(sheet.columns) + 1):
            cell = ws.cell(row=row, column=c)
            cell.font = bold
            cell.fill = total_fill
            if first_total:
                cell.border = rule
        first_total = False
    if sheet.check is not None and sheet.rows:
        label, columns = sheet.check
        row += 1
        ws.cell(row=row, column=1, value=label).font = Font(italic=True)
        for index in columns:
            letter = get_column_letter(index + 1)
            cell = ws.cell(row=row, column=index + 1, value=f"=SUM({letter}2:{letter}{last_data_row})")
            cell.number_format = MONEY_FORMAT
            cell.font = Font(italic=True)


def _put_row(ws, row: int, values: tuple[SheetValue, ...]) -> None:  # type: ignore[no-untyped-def]
    for c, value in enumerate(values, start=1):
        if value is None:
            continue
        cell = ws.cell(row=row, column=c)
        if isinstance(value, Rate):
            cell.value = float(value.percent / 100)
            cell.number_format = rate_format(value.percent)
        elif isinstance(value, Decimal):
            cell.value = float(value)
            cell.number_format = MONEY_FORMAT
        elif isinstance(value, dt.date):
            cell.value = value
            cell.number_format = DATE_FORMAT
        elif isinstance(value, bool):  # pragma: no cover - no boolean cells today
            cell.value = "oui" if value else "non"
        elif isinstance(value, int):
            cell.value = value
            cell.number_format = INTEGER_FORMAT
        else:
            cell.value = neutralise(value)  # text, never a formula (a label typed « =… » in a data file)
            cell.data_type = "s"
