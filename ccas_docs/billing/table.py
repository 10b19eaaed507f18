"""The table reader shared by the billing inputs (payroll, costs) and the invoice register.

It accepts what French spreadsheets export (``;``, ``,`` or tab separator, decimal comma, thousands
separated by spaces, U+00A0 or U+202F, a ``€`` sign, UTF-8 with or without BOM, Windows-1252, XLSX)
and locates every value as ``file:line:col`` so that each problem can be reported precisely, all at
once.
"""

from __future__ import annotations

import codecs
import datetime as dt
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ccas_docs.billing.cells import EXCEL_SUFFIXES, Cell, CellValue, normalise, quoted, short
from ccas_docs.common.bounds import (
    CHARACTER_HINT,
    MAX_DATA_BYTES,
    MAX_XLSX_UNPACKED_BYTES,
    describe_character,
    first_bad_character,
    megabytes,
    position,
    read_bounded,
)
from ccas_docs.common.diagnostics import Location, Report, UserError, closest, error

# --- tabular input shared by the billing readers ------------------------------------------------


@dataclass(frozen=True)
class Record:
    """A data row: its cells by canonical column name (an absent cell is an empty one at line end)."""

    line: int
    location: Location
    cells: dict[str, Cell]

    def __getitem__(self, column: str) -> Cell:
        return self.cells[column]

    def get(self, column: str) -> Cell | None:
        return self.cells.get(column)


def read_table(
    path: Path,
    shown: str,
    required: Sequence[str],
    optional: Sequence[str] = (),
    report: Report | None = None,
) -> list[Record] | None:
    """Read a CSV or XLSX table whose header names the columns ``required`` (+ ``optional``).

    Problems are added to ``report`` (or raised at once if none is given). ``None`` means the table
    could not be read at all (missing file, unknown encoding, unusable header).
    """
    own = report is None
    report = report if report is not None else Report()
    try:
        rows, separator = _read_rows(path, shown)
    except UserError as exc:
        report.extend(exc.diagnostics)
        if own:
            report.raise_if_errors()
        return None
    records = _records(rows, shown, required, optional, report, separator)
    if own:
        report.raise_if_errors()
    return records


Row = tuple[int, list[Cell], int]  # line, cells, column just after the last cell


def _read_rows(path: Path, shown: str) -> tuple[list[Row], str | None]:
    """The rows of the file, and its separator (``None`` for a workbook)."""
    if path.suffix.lower() == ".xls":
        raise _fail(
            shown,
            "format « .xls » non pris en charge",
            hint="enregistrer le classeur au format « .xlsx » ou « CSV UTF-8 » depuis le tableur",
            code="format",
        )
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return _xlsx_rows(path, shown), None
    raw = read_bounded(path, shown, MAX_DATA_BYTES, "un fichier de données")
    text = decode(raw, shown)
    bad = first_bad_character(text)
    if bad is not None:
        line, col = position(text, bad)
        raise _fail(shown, f"{describe_character(text[bad])} dans le fichier", line, col, "caractere", CHARACTER_HINT)
    separator = sniff_separator(next((line for line in text.splitlines() if line.strip()), ""))
    return list(_csv_rows(text, shown, separator)), separator


def _fail(shown: str, message: str, line: int = 0, col: int = 0, code: str = "", hint: str = "") -> UserError:
    return UserError(error(Location(shown, line, col), message, code=code, hint=hint))


def decode(raw: bytes, shown: str) -> str:
    """UTF-8 (BOM allowed), UTF-16 with BOM, else Windows-1252 if it gives sensible text."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    hint = "enregistrer le fichier au format « CSV UTF-8 (délimité par des points-virgules) » depuis le tableur"
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        line, col = _position(raw.decode("cp1252", errors="replace"), exc.start)
        raise _fail(
            shown,
            f"encodage inconnu : l'octet 0x{raw[exc.start]:02x} n'est valide ni en UTF-8 ni en Windows-1252",
            line,
            col,
            code="encodage",
            hint=hint,
        ) from None
    for i, char in enumerate(text):
        if unicodedata.category(char) == "Cc" and char not in "\t\r\n":
            line, col = _position(text, i)
            raise _fail(
                shown,
                f"encodage inconnu : caractère de contrôle 0x{ord(char):02x} dans un fichier qui n'est pas en UTF-8",
                line,
                col,
                code="encodage",
                hint=hint,
            )
    return text


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def sniff_separator(header_line: str) -> str:
    """``;`` if the header has one (French exports), else a tab if it has one, else ``,``."""
    if ";" in header_line:
        return ";"
    if "\t" in header_line:
        return "\t"
    return ","


def _csv_rows(text: str, shown: str, sep: str) -> Iterator[Row]:
    """Split ``text`` into records of located cells (RFC 4180 quoting, any line ending)."""
    i, n = 0, len(text)
    line, col = 1, 1
    while i < n:
        start_line = line
        cells: list[Cell] = []
        while True:  # one field per turn
            field_line, field_col = line, col
            value: list[str] = []
            if i < n and text[i] == '"':
                quote_line, quote_col = line, col
                i += 1
                col += 1
                while True:
                    if i >= n:
                        raise _fail(shown, "guillemet ouvert et jamais fermé", quote_line, quote_col, code="csv")
                    c = text[i]
                    if c == '"':
                        if i + 1 < n and text[i + 1] == '"':
                            value.append('"')
                            i += 2
                            col += 2
                            continue
                        i += 1
                        col += 1
                        break
                    value.append(c)
                    i += 1
                    if c == "\n" or (c == "\r" and not (i < n and text[i] == "\n")):
                        line, col = line + 1, 1
                    else:
                        col += 1
            while i < n and text[i] not in (sep, "\r", "\n"):  # unquoted field, or text after a closing quote
                value.append(text[i])
                i += 1
                col += 1
            cells.append(Cell("".join(value), Location(shown, field_line, field_col)))
            if i < n and text[i] == sep:
                i += 1
                col += 1
                continue
            break
        end_col = col
        if i < n and text[i] == "\r":
            i += 1
        if i < n and text[i] == "\n":
            i += 1
        line, col = line + 1, 1
        yield start_line, cells, end_col


def _xlsx_rows(path: Path, shown: str) -> list[Row]:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    _check_workbook(path, shown)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise _fail(
            shown,
            "classeur Excel illisible",
            code="format",
            hint="enregistrer le classeur au format « .xlsx » ou « CSV UTF-8 » depuis le tableur",
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows: list[Row] = []
        for r, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [Cell(_xlsx_value(v), Location(shown, r, c)) for c, v in enumerate(values, start=1)]
            for cell in cells:
                bad = first_bad_character(cell.value) if isinstance(cell.value, str) else None
                if bad is not None:
                    char = describe_character(cell.value[bad])  # type: ignore[index]
                    raise _fail(shown, f"{char} dans la cellule", r, cell.location.col, "caractere", CHARACTER_HINT)
            while cells and cells[-1].empty:
                cells.pop()
            rows.append((r, cells, len(cells) + 1))
        return rows
    finally:
        workbook.close()


def _check_workbook(path: Path, shown: str) -> None:
    """A regular file of at most ``MAX_DATA_BYTES`` that unzips to at most ``MAX_XLSX_UNPACKED_BYTES``."""
    import zipfile

    if not path.is_file() or path.stat().st_size > MAX_DATA_BYTES:
        read_bounded(path, shown, MAX_DATA_BYTES, "un classeur")  # raises the precise message
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # openpyxl's reading then says « classeur Excel illisible »
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise _fail(
            shown,
            f"classeur trop volumineux une fois décompressé : plus de {megabytes(MAX_XLSX_UNPACKED_BYTES)}",
            code="taille",
            hint="un classeur de charges ou de frais tient en quelques milliers de lignes ; vérifier le fichier",
        )


def _xlsx_value(value: object) -> CellValue:
    if isinstance(value, bool):
        return str(value)
    if value is None or isinstance(value, str | int | float | Decimal | dt.date):
        return value
    return str(value)


def _records(
    rows: list[Row],
    shown: str,
    required: Sequence[str],
    optional: Sequence[str],
    report: Report,
    separator: str | None = None,
) -> list[Record] | None:
    rows = [row for row in rows if any(not c.empty for c in row[1])]
    if not rows:
        report.add(
            error(
                Location(shown, 1, 1),
                "le fichier est vide",
                code="vide",
                hint=f"la première ligne doit être l'en-tête « {';'.join(required)} »",
            )
        )
        return None
    header_line, header, _ = rows[0]
    known = [*required, *optional]
    expected = f"« {';'.join(required)} »" + (
        f" (colonne{'s' if len(optional) > 1 else ''} facultative{'s' if len(optional) > 1 else ''} : "
        + ", ".join(quoted(c) for c in optional)
        + ")"
        if optional
        else ""
    )
    columns: dict[str, int] = {}
    header_errors = Report()
    for index, cell in enumerate(header):
        name = normalise(cell.text)
        if not name:
            continue
        if name in known:
            if name in columns:
                header_errors.add(
                    error(
                        cell.location,
                        f"colonne « {cell.text} » en double",
                        code="colonne",
                        hint=f"colonnes attendues : {expected}",
                    )
                )
            else:
                columns[name] = index
            continue
        close = closest(name, [c for c in known if c not in columns])
        message = f"colonne « {cell.text} » inconnue"
        if close:
            message += f" : vouliez-vous dire « {close} » ?"
        header_errors.add(error(cell.location, message, code="colonne", hint=f"colonnes attendues : {expected}"))
    if not columns:
        shown_header = ";".join(c.text for c in header)
        report.add(
            error(
                Location(shown, header_line, 1),
                f"en-tête « {short(shown_header)} » non reconnu : la première ligne doit nommer les colonnes",
                code="colonne",
                hint=f"écrire en première ligne {expected}",
            )
        )
        return None
    report.extend(header_errors.diagnostics)
    missing = [c for c in required if c not in columns]
    for name in missing:
        report.add(
            error(
                Location(shown, header_line, 1),
                f"colonne « {name} » manquante",
                code="colonne",
                hint=f"l'en-tête attendu est {expected}",
            )
        )
    if missing:
        return None
    width = max(columns.values()) + 1
    records: list[Record] = []
    for line, cells, end_col in rows[1:]:
        extra = [c for c in cells[width:] if not c.empty]
        if extra and len(header) <= width:
            report.add(
                error(
                    extra[0].location,
                    f"valeur « {short(extra[0].text)} » en trop : la ligne a {len(cells)} valeurs "
                    f"pour {len(header)} colonnes",
                    code="colonne",
                    hint="dans un fichier séparé par des virgules, un montant à virgule décimale s'écrit entre "
                    'guillemets (« "1234,56" ») ou avec un point (« 1234.56 »)'
                    if separator == ","
                    else "supprimer la valeur en trop, ou nommer sa colonne dans l'en-tête",
                )
            )
        by_name: dict[str, Cell] = {}
        for name, index in columns.items():
            by_name[name] = cells[index] if index < len(cells) else Cell("", Location(shown, line, end_col))
        first = cells[0].location if cells else Location(shown, line, 1)
        records.append(Record(line, first, by_name))
    return records
