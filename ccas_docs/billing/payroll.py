"""Payroll charges per service (``data/charges-personnel/<année>.csv`` or ``.xlsx``), read with :mod:`.table`."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ccas_docs.billing.cells import amount_problem, normalise, parse_year, short
from ccas_docs.billing.table import read_table
from ccas_docs.common.diagnostics import Location, Report, error

# --- payroll rows -----------------------------------------------------------------------------------

PAYROLL_COLUMNS = ("service", "annee", "montant")
PAYROLL_OPTIONAL = ("nature",)
EXECUTED = {"", "realise", "reel"}
FORECAST = {"previsionnel", "prevision", "estimation"}


@dataclass(frozen=True)
class PayrollRow:
    """The payroll charges of one service for one year, as read from ``location``."""

    service: str
    annee: int
    montant: Decimal
    previsionnel: bool
    location: Location
    cells: tuple[tuple[str, Location], ...] = field(default=(), compare=False, repr=False)

    def at(self, column: str) -> Location:
        """Where the value of ``column`` (« service », « annee », « montant », « nature ») was written."""
        return dict(self.cells).get(column, self.location)


def read_payroll(path: Path, shown: str) -> list[PayrollRow]:
    """Read a payroll file; raise :class:`UserError` listing every problem of the file."""
    report = Report()
    records = read_table(path, shown, PAYROLL_COLUMNS, PAYROLL_OPTIONAL, report)
    rows: list[PayrollRow] = []
    first_line: dict[str, int] = {}
    for record in records or []:
        service_cell, year_cell, amount_cell = record["service"], record["annee"], record["montant"]
        ok = True
        service = service_cell.text
        if not service:
            ok = False
            report.add(error(service_cell.location, "code de service manquant", code="service-manquant"))
        elif service in first_line:
            ok = False
            report.add(
                error(
                    service_cell.location,
                    f"service « {service} » en double : déjà présent ligne {first_line[service]}",
                    code="ligne-double",
                    hint="une seule ligne par service : additionner les montants ou supprimer l'une des deux lignes",
                )
            )
        else:
            first_line[service] = record.line
        year = parse_year(year_cell)
        if year is None:
            ok = False
            report.add(
                error(
                    year_cell.location,
                    "année manquante"
                    if year_cell.empty
                    else f"année « {short(year_cell.text)} » illisible : écrire l'année sur quatre chiffres, "
                    "par exemple « 2024 »",
                    code="annee",
                )
            )
        amount, problem = amount_problem(amount_cell)
        if problem:
            ok = False
            report.add(error(amount_cell.location, problem, code="montant"))
        forecast = False
        nature_cell = record.get("nature")
        if nature_cell is not None:
            nature = normalise(nature_cell.text)
            if nature in FORECAST:
                forecast = True
            elif nature not in EXECUTED:
                ok = False
                report.add(
                    error(
                        nature_cell.location,
                        f"nature « {short(nature_cell.text)} » inconnue : écrire « réalisé » ou « prévisionnel »",
                        code="nature",
                        hint="une colonne « nature » vide vaut « réalisé »",
                    )
                )
        if ok and amount is not None and year is not None:
            cells = tuple((name, cell.location) for name, cell in record.cells.items())
            rows.append(PayrollRow(service, year, amount, forecast, record.location, cells))
    report.raise_if_errors()
    return rows
