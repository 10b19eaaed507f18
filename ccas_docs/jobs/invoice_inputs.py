"""The inputs of an invoice: the checked project, the payroll and costs files, and the ledger."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccas_docs.common.diagnostics import Diagnostic, UserError, error

# The model and the billing modules (pydantic) are imported inside the functions: ``issue_invoice``
# starts its layout worker first, which then imports WeasyPrint while this process imports them.
if TYPE_CHECKING:
    from ccas_docs.billing.ledger import Ledger
    from ccas_docs.billing.payroll import PayrollRow
    from ccas_docs.model.project import Project


@dataclass(frozen=True)
class Inputs:
    project: Project
    ledger: Ledger
    payroll: list[PayrollRow]
    payroll_shown: str
    warnings: tuple[Diagnostic, ...] = ()  # the convention's warnings (« ccas-docs check »)
    data_files: tuple[Path, ...] = ()  # the payroll and costs files read


@dataclass(frozen=True)
class Written:
    path: Path
    seconds: float
    unchanged: bool = False  # an identical file was already in place


def shown_path(path: Path, root: Path) -> str:
    """A path as messages show it: relative to the project when inside it, else as given."""
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)


def load_inputs(
    root: Path,
    year: int,
    charges: Path | None = None,
    frais: Path | None = None,
    check: bool = True,
    without_costs: bool = False,
) -> Inputs:
    """Load the project, check it, read the inputs of ``year`` and compute its ledger."""
    from ccas_docs.billing.costs import missing_costs, read_costs
    from ccas_docs.billing.extract import extract_path, read_extract
    from ccas_docs.billing.ledger import build_ledger, check_year, default_costs_path, default_payroll_path
    from ccas_docs.billing.payroll import read_payroll
    from ccas_docs.checks.rules import validated
    from ccas_docs.model.project import load_project

    root = Path(root)
    project = load_project(root)
    warnings: tuple[Diagnostic, ...] = ()
    if check:
        report, _ = validated(project)
        warnings = tuple(report.warnings)
    check_year(project, year)
    payroll_path = Path(charges) if charges is not None else default_payroll_path(root, year)
    payroll_shown = shown_path(payroll_path, root)
    costs_path = Path(frais) if frais is not None else default_costs_path(root, year)
    problems: list[UserError] = []
    absent = missing_costs(project, costs_path, shown_path(costs_path, root), frais is not None, without_costs)
    if absent:  # never silently zero: a fiche that declares costs needs its costs file, or --sans-frais
        problems.append(UserError(absent))
    payroll: list[PayrollRow] = []
    costs = []
    try:
        payroll = read_payroll(payroll_path, payroll_shown)
    except UserError as exc:
        problems.append(exc)
    try:
        costs = read_costs(costs_path, shown_path(costs_path, root), missing_ok=frais is None)
    except UserError as exc:
        problems.append(exc)
    if problems:
        raise UserError([d for exc in problems for d in exc.diagnostics])
    ledger = build_ledger(project, year, payroll, costs, payroll_shown)
    extract = read_extract(payroll_path, payroll_shown)
    ledger = dataclasses.replace(ledger, payroll_extract=extract)
    files = (payroll_path, costs_path) + ((extract_path(payroll_path),) if extract is not None else ())
    return Inputs(project, ledger, payroll, payroll_shown, warnings, files)


def ledger_json(
    root: Path, year: int, charges: Path | None = None, frais: Path | None = None, without_costs: bool = False
) -> dict[str, Any]:
    """The ledger of ``year`` as JSON data (``--format json``): nothing is written, nothing recorded."""
    from ccas_docs.writers.ledgerjson import ledger_as_json

    return ledger_as_json(load_inputs(root, year, charges, frais, without_costs=without_costs).ledger)


def refuse_forecast(inputs: Inputs) -> None:
    """An invoice bills executed amounts: point at the first forecast (« prévisionnel ») payroll row."""
    ledger = inputs.ledger
    used = {line.service_code for line in ledger.lines}
    forecast = sorted(
        (row for row in inputs.payroll if row.previsionnel and row.service in used), key=lambda r: r.location.line
    )
    if not forecast:
        return
    first = forecast[0]
    others = len(forecast) - 1
    raise UserError(
        error(
            first.at("nature"),
            f"charges de personnel {ledger.reference_year} prévisionnelles (service « {first.service} »"
            + (f" et {others} autre{'s' if others > 1 else ''} ligne{'s' if others > 1 else ''}" if others else "")
            + f") : la facture {ledger.year} ne peut porter que sur des montants réalisés",
            code="charges-previsionnelles",
            hint=f"remplacer ce fichier par l'export de paie réalisé de {ledger.reference_year} (colonne « nature » "
            "vide ou « réalisé ») ; le montant estimé figure dans l'échéancier : « ccas-docs schedule »",
        )
    )
