"""CSV writer: a :class:`~ccas_docs.compose.invoice.Sheet` → a French spreadsheet's CSV.

``;`` separator, decimal comma, no thousands separator (so that every spreadsheet reads the
amounts back as numbers), dates ``JJ/MM/AAAA``, UTF-8 with a BOM (so that Excel reads the
accents), a header row, the data rows, then the total rows. Rates are written in percent
(``5`` for 5 %), amounts with their two decimals (``1234,50``). A text that a spreadsheet would read
as a formula is prefixed with « ' » (:mod:`ccas_docs.common.spreadsheet`); amounts stay numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

from ccas_docs.common.atomic import write_bytes
from ccas_docs.common.spreadsheet import neutralise
from ccas_docs.document.sheet import Rate, Sheet, SheetValue

SEPARATOR = ";"


def decimal_comma(value: Decimal) -> str:
    return format(value, "f").replace(".", ",")


def cell_text(value: SheetValue) -> str:
    if value is None:
        return ""
    if isinstance(value, Rate):
        return decimal_comma(value.percent.normalize())
    if isinstance(value, Decimal):
        return decimal_comma(value.quantize(Decimal("0.01")))
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return neutralise(str(value))


def render_csv(sheet: Sheet) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=SEPARATOR, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(c.title) for c in sheet.columns])
    for row in (*sheet.rows, *sheet.totals):
        writer.writerow([cell_text(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def write_csv(sheet: Sheet, target: Path) -> None:
    """Write the sheet atomically at ``target``."""
    write_bytes(Path(target), render_csv(sheet))
