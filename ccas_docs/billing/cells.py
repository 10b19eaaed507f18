"""One cell of a table the user gave (its text, value and position) and the French reading of its values."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ccas_docs.common.bounds import MAX_AMOUNT_DIGITS, ascii_digits
from ccas_docs.common.diagnostics import Location

CENT = Decimal("0.01")
LARGEST = Decimal(10) ** MAX_AMOUNT_DIGITS
SPACES = " \u00a0\u202f\u2009"
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
CellValue = str | int | float | Decimal | dt.date | dt.datetime | None


@dataclass(frozen=True)
class Cell:
    """One value of a table and where it was written (``value`` is raw: XLSX cells may be numbers)."""

    value: CellValue
    location: Location

    @property
    def text(self) -> str:
        if self.value is None:
            return ""
        if isinstance(self.value, dt.datetime):
            return self.value.date().isoformat()
        if isinstance(self.value, dt.date):
            return self.value.isoformat()
        if isinstance(self.value, float):
            return repr(self.value)
        return str(self.value).strip()

    @property
    def empty(self) -> bool:
        return self.text == ""


def normalise(text: str) -> str:
    """Case- and accent-insensitive key: « Année » → « annee », «  Montant » → « montant »."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("\ufeff", "").strip().strip('"').split()).casefold()


def quoted(text: str) -> str:
    return f"« {text} »"


def short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "…"


# --- values ---------------------------------------------------------------------------------------

_SP = f"[{SPACES}]"
_AMOUNT_FORMS = (
    (re.compile(r"^\d+(?:[.,]\d+)?$", re.ASCII), None),
    (re.compile(rf"^\d{{1,3}}(?:{_SP}\d{{3}})+(?:[.,]\d+)?$", re.ASCII), None),
    (re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$", re.ASCII), "."),
    (re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$", re.ASCII), ","),
)


def parse_amount(value: CellValue) -> Decimal | None:
    """A euro amount as a spreadsheet writes it, or ``None`` if it is not one.

    ``1 234 567,89``, ``1 234,56 €``, ``1234.56``, ``1.234,56``, ``-12,5``; an XLSX number as is.
    The result may have more than two decimals or be negative: callers decide what to accept.
    """
    if isinstance(value, bool) or value is None or isinstance(value, dt.date):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        exact = Decimal(repr(value))
        if abs(exact) >= LARGEST:
            return exact
        rounded = exact.quantize(CENT)
        # a spreadsheet formula leaves binary noise (612345.6700000001): keep the cents it meant
        return rounded if abs(exact - rounded) < Decimal("0.000001") else exact
    text = str(value).strip()
    for symbol in ("€", "EUR", "eur"):
        text = text.replace(symbol, "")
    text = text.strip(SPACES)
    sign = 1
    if text[:1] in ("-", "−", "+"):
        sign = -1 if text[0] != "+" else 1
        text = text[1:].lstrip(SPACES)
    for pattern, thousands in _AMOUNT_FORMS:
        if pattern.match(text):
            if thousands:
                text = text.replace(thousands, "")
            for space in SPACES:
                text = text.replace(space, "")
            try:
                return sign * Decimal(text.replace(",", "."))
            except InvalidOperation:  # pragma: no cover - the patterns only let digits through
                return None
    return None


def cents(amount: Decimal) -> bool:
    """Whether ``amount`` is a whole number of cents."""
    return amount == amount.quantize(CENT)


def amount_problem(
    cell: Cell,
    negative: str | None = "des charges de personnel ne sont jamais négatives",
    what: str = "montant",
) -> tuple[Decimal | None, str]:
    """Parse an amount cell: ``(value, "")`` or ``(None, French message)``.

    ``negative`` explains why a negative amount is refused; ``None`` accepts negative amounts.
    """
    if cell.empty:
        return None, f"{what} manquant"
    amount = parse_amount(cell.value)
    if amount is None:
        digits = "" if ascii_digits(cell.text) else " avec les chiffres 0 à 9"
        return None, f"{what} « {short(cell.text)} » illisible : écrire un nombre{digits}, par exemple « 1 234,56 »"
    if abs(amount) >= LARGEST:
        return None, (
            f"{what} « {short(cell.text)} » trop grand : au plus {MAX_AMOUNT_DIGITS} chiffres avant la virgule"
        )
    if not cents(amount):
        return None, f"{what} « {short(cell.text)} » : deux décimales au plus (les centimes)"
    if amount < 0 and negative is not None:
        return None, f"{what} « {short(cell.text)} » négatif : {negative}"
    return amount.quantize(CENT), ""


def parse_year(cell: Cell) -> int | None:
    value = cell.value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1900 <= value <= 2200 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and 1900 <= value <= 2200 else None
    text = cell.text
    return int(text) if re.fullmatch(r"(19|20|21)[0-9][0-9]", text) else None
