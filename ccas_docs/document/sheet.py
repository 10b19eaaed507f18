"""Tables as typed values (XLSX and CSV): amounts stay Decimal until a writer puts them in a cell."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ccas_docs.document.tree import Metadata


@dataclass(frozen=True)
class Rate:
    """A rate in percent (``Decimal("5")`` is 5 %), so that writers can tell it from an amount."""

    percent: Decimal


# A cell value: text, an integer, an amount in euros (Decimal), a rate, a date, or nothing.
SheetValue = str | int | Decimal | Rate | dt.date | None


@dataclass(frozen=True)
class Column:
    title: str
    width: int = 12  # in characters


@dataclass(frozen=True)
class Sheet:
    """A table: a header row, data rows, then total rows (bold).

    ``check`` asks the spreadsheet writer for a row of formulas summing the data rows of the given
    columns (0-based), labelled ``check[0]``: a cross-check the reader can see recalculated, while
    the total rows hold the very values printed on the document.
    """

    name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[SheetValue, ...], ...]
    totals: tuple[tuple[SheetValue, ...], ...] = ()
    check: tuple[str, tuple[int, ...]] | None = None


@dataclass(frozen=True)
class Spreadsheet:
    meta: Metadata
    sheets: tuple[Sheet, ...]
