"""Actual costs the CCAS pays back (``data/frais/<année>.csv``): postage, printing, on-call pay, works.

Same tolerant reading as the payroll file (see :mod:`.payroll`). Which fiche and nature a row may
use, and its year, are checked against the convention by :func:`~.ledger.build_ledger`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ccas_docs.billing.cells import Cell, amount_problem
from ccas_docs.billing.table import read_table
from ccas_docs.common.bounds import same_name_other_case
from ccas_docs.common.diagnostics import Diagnostic, Location, Report, error
from ccas_docs.model.project import Project

COSTS_COLUMNS = ("fiche", "nature", "date", "libelle", "montant")
COSTS_OPTIONAL = ("justificatif",)

_FRENCH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", re.ASCII)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)


@dataclass(frozen=True)
class CostRow:
    """One reimbursable cost, as read from ``location``."""

    fiche: str
    nature: str
    date: dt.date
    libelle: str
    montant: Decimal
    justificatif: str
    location: Location
    cells: tuple[tuple[str, Location], ...] = field(default=(), compare=False, repr=False)

    def at(self, column: str) -> Location:
        """Where the value of ``column`` (« fiche », « nature », « date »…) was written."""
        return dict(self.cells).get(column, self.location)


def parse_date(cell: Cell) -> dt.date | None:
    """``JJ/MM/AAAA`` or ``AAAA-MM-JJ`` (or an XLSX date cell); ``None`` if not a valid date."""
    value = cell.value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell.text
    try:
        if m := _FRENCH_DATE.match(text):
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if m := _ISO_DATE.match(text):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return None


def missing_costs(
    project: Project, path: Path, shown: str, explicit: bool = False, without_costs: bool = False
) -> list[Diagnostic]:
    """Why the costs file ``path`` (given with ``--frais`` if ``explicit``) cannot be read as « no costs ».

    Never silently zero: a file of another case (« 2025.CSV ») is named; a fiche that declares
    reimbursable costs needs the file, unless the user says there were none (``without_costs``,
    ``--sans-frais``), which an existing file contradicts.
    """
    if path.exists() or explicit:
        if not without_costs:
            return []  # read_costs reads it (or says why it cannot)
        return [
            error(
                Location(shown),
                "--sans-frais demandé, mais ce fichier des frais existe",
                code="frais",
                hint="retirer --sans-frais pour facturer ces frais, ou retirer le fichier s'il n'y en a pas eu",
            )
        ]
    other = same_name_other_case(path)
    if other is not None:
        wanted = Path(shown).with_name(other.name).as_posix()
        return [
            error(
                Location(shown),
                f"fichier des frais introuvable : vouliez-vous dire « {wanted} » ?",
                code="fichier-manquant",
                hint=f"renommer le fichier en « {path.name} »",
            )
        ]
    if without_costs:
        return []
    declaring = [f for f in project.fiches if f.model.facturation.remboursements]
    return [
        error(
            loaded.source.locate(("facturation", "remboursements")),
            f"la fiche « {loaded.model.id} » prévoit des remboursements de frais, mais le fichier des frais "
            f"« {shown} » est absent",
            code="frais-manquants",
            hint=f"ajouter « {shown} » (ou le donner avec --frais) ; s'il n'y a eu aucun frais cette année, "
            "relancer avec --sans-frais",
        )
        for loaded in declaring[:1]
    ]


def read_costs(path: Path, shown: str, missing_ok: bool = True) -> list[CostRow]:
    """Read a costs file; a missing file means no reimbursements (unless ``missing_ok`` is false).

    Raise :class:`~ccas_docs.diagnostics.UserError` listing every problem of the file.
    """
    if missing_ok and not path.exists():
        return []
    report = Report()
    records = read_table(path, shown, COSTS_COLUMNS, COSTS_OPTIONAL, report)
    rows: list[CostRow] = []
    seen: dict[tuple[object, ...], int] = {}
    for record in records or []:
        ok = True
        texts: dict[str, str] = {}
        for name in ("fiche", "nature", "libelle"):
            cell = record[name]
            texts[name] = cell.text
            if cell.empty:
                ok = False
                what = {"fiche": "identifiant de fiche", "nature": "nature de frais", "libelle": "libellé"}[name]
                report.add(error(cell.location, f"{what} manquant", code="frais"))
        date_cell = record["date"]
        day = parse_date(date_cell)
        if day is None:
            ok = False
            report.add(
                error(
                    date_cell.location,
                    "date manquante"
                    if date_cell.empty
                    else f"date « {date_cell.text} » invalide : écrire JJ/MM/AAAA, par exemple « 15/03/2025 »",
                    code="date",
                )
            )
        amount, problem = amount_problem(
            record["montant"], negative="un remboursement est positif ; pour corriger une ligne, la modifier"
        )
        if problem:
            ok = False
            report.add(error(record["montant"].location, problem, code="montant"))
        justificatif = record.get("justificatif")
        reference = justificatif.text if justificatif is not None else ""
        if not ok or amount is None or day is None:
            continue
        key = (texts["fiche"], texts["nature"], day, texts["libelle"], amount, reference)
        if key in seen:
            report.add(
                error(
                    record.location,
                    f"ligne identique à la ligne {seen[key]} : frais déclarés deux fois",
                    code="ligne-double",
                    hint="supprimer l'une des deux lignes ; deux frais distincts ont des justificatifs distincts",
                )
            )
            continue
        seen[key] = record.line
        cells = tuple((name, cell.location) for name, cell in record.cells.items())
        rows.append(
            CostRow(texts["fiche"], texts["nature"], day, texts["libelle"], amount, reference, record.location, cells)
        )
    report.raise_if_errors()
    return rows
