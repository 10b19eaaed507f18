"""The billing schedule over the convention's duration: when each year is billed, on what, for how much.

A year's amount is known once the payroll charges of its reference year exist (an estimate when
they are a forecast, « prévisionnel »); until then it is ``None``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ccas_docs.billing.costs import read_costs
from ccas_docs.billing.ledger import build_ledger, convention_years, default_costs_path, default_payroll_path
from ccas_docs.billing.payroll import read_payroll
from ccas_docs.common.diagnostics import Location, Report, UserError, error
from ccas_docs.model.project import Project
from ccas_docs.model.types import InvoiceSettings
from ccas_docs.versions.consolidate import consolidate, versions_of


@dataclass(frozen=True)
class ScheduleFiche:
    annex_number: int
    id: str
    title: str
    rate: Decimal  # percent
    services: tuple[str, ...]


@dataclass(frozen=True)
class ScheduleRow:
    year: int
    billing_date: dt.date
    reference_year: int
    fiches: tuple[ScheduleFiche, ...]
    total: Decimal | None  # None while the payroll charges of the reference year are not known
    estimate: bool  # the total uses forecast (« prévisionnel ») payroll charges
    payroll_file: str | None = None  # the file the total was computed from, relative to the project
    subtotal_flat: Decimal | None = None
    subtotal_reimbursements: Decimal | None = None


def billing_date(settings: InvoiceSettings, year: int, where: Location | None = None) -> dt.date:
    """The invoice date of ``year``: ``facturation.date_emission`` (« MM-JJ ») of that year."""
    month, day = (int(part) for part in settings.date_emission.split("-"))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise UserError(
            error(
                where or Location("convention.yaml"),
                f"date d'émission « {settings.date_emission} » impossible en {year}",
                code="date-emission",
                hint="écrire le mois puis le jour d'une date qui existe chaque année, par exemple « 12-15 »",
            )
        ) from None


def build_schedule(project: Project, root: Path) -> list[ScheduleRow]:
    """One row per year of the convention (as amended), with the fiches and rates of the version in force
    on its billing date; raise :class:`UserError` listing the problems of every input."""
    root = Path(root)
    conv = project.convention
    where = conv.source.locate(("facturation", "date_emission"), value=True)
    report = Report()
    rows: list[ScheduleRow] = []
    for year in convention_years(project):
        day = billing_date(conv.model.facturation, year, where)
        # the fiches and rates of the version in force on the billing date
        in_force = consolidate(project, min(day, versions_of(project)[-1].end)).project
        offset = max((f.model.facturation.annee_reference for f in in_force.fiches), default=1)
        fiches = tuple(
            ScheduleFiche(a, f.model.id, f.model.titre, f.model.facturation.taux, tuple(f.model.facturation.services))
            for a, f in enumerate(in_force.fiches, start=1)
        )
        payroll_path = default_payroll_path(root, year)
        row = ScheduleRow(year, day, year - offset, fiches, None, False)
        if payroll_path.exists():
            shown = _shown(payroll_path, root)
            costs_path = default_costs_path(root, year)
            try:
                payroll = read_payroll(payroll_path, shown)
                costs = read_costs(costs_path, _shown(costs_path, root))
                ledger = build_ledger(project, year, payroll, costs, shown)
            except UserError as exc:
                report.extend(exc.diagnostics)
            else:
                row = ScheduleRow(
                    year,
                    day,
                    ledger.reference_year,
                    fiches,
                    ledger.total,
                    ledger.estimate,
                    shown,
                    ledger.subtotal_flat,
                    ledger.subtotal_reimbursements,
                )
        rows.append(row)
    report.raise_if_errors()
    return rows


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
