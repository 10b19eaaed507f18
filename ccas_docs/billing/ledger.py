"""The billing ledger of year N: what the city bills the CCAS, line by line, in Decimal only.

For every annex fiche and every service of its ``facturation.services``, a flat line of ``taux`` % of
that service's payroll charges of year N-1; then the reimbursements of actual costs of year N. Each
line points back to the fiche parameter (the ``taux`` in the YAML) and to the input row (the payroll
or costs file line) it was computed from, so that the invoice is auditable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path

from ccas_docs.billing.costs import CostRow
from ccas_docs.billing.extract import PayrollExtract
from ccas_docs.billing.payroll import PayrollRow
from ccas_docs.billing.prorata import Period, Segment, fiche_segments, prorated, version_at, year_days, year_periods
from ccas_docs.common import fr
from ccas_docs.common.diagnostics import Diagnostic, Location, Report, UserError, closest, error
from ccas_docs.model.project import Project
from ccas_docs.model.types import Fiche
from ccas_docs.versions.consolidate import versions_of, years_of

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
PAYROLL_DIR = "data/charges-personnel"
COSTS_DIR = "data/frais"


@dataclass(frozen=True)
class LedgerLine:
    """``rate`` % of ``base`` (payroll of ``service_code`` in ``reference_year``), for one fiche."""

    annex_number: int
    fiche_id: str
    fiche_title: str
    service_code: str
    service_label: str
    base: Decimal
    rate: Decimal  # in percent: Decimal("5") is 5 %
    amount: Decimal
    reference_year: int
    imputation: str
    estimate: bool  # the base is a forecast (« prévisionnel »)
    parameter: Location  # where the fiche's taux is written
    input_row: Location  # the payroll row the base comes from
    # a part of the year (pro rata temporis), when the fiche's billing changes during the year
    period: tuple[dt.date, dt.date] | None = None
    days: int = 0  # days of the part (0: the whole year)
    year_days: int = 0  # 365 or 366 (0: the whole year)
    version: str = ""  # the parameters' origin: « convention initiale », « avenant n° 1 »


@dataclass(frozen=True)
class ReimbursementLine:
    """An actual cost of year N paid back by the CCAS."""

    annex_number: int
    fiche_id: str
    fiche_title: str
    nature: str
    nature_label: str  # the fiche's wording: « les frais d'affranchissement du courrier »
    date: dt.date
    libelle: str
    amount: Decimal
    justificatif: str
    imputation: str
    input_row: Location


@dataclass(frozen=True)
class Ledger:
    year: int
    reference_year: int
    lines: tuple[LedgerLine, ...]
    reimbursements: tuple[ReimbursementLine, ...]
    subtotal_flat: Decimal
    subtotal_reimbursements: Decimal
    total: Decimal
    estimate: bool  # at least one base is a forecast: the amounts are an estimate, not an invoice
    periods: tuple[tuple[dt.date, dt.date, str], ...] = ()  # the versions in force: first, last day, label
    payroll_extract: PayrollExtract | None = None  # the certified payroll extract the bases come from

    @property
    def split(self) -> bool:
        """Some fiche is billed on several parts of the year (an avenant changed it during the year)."""
        return any(line.period is not None for line in self.lines)


def line_amount(base: Decimal, rate: Decimal) -> Decimal:
    """``base × rate / 100`` rounded half up to the cent (the rounding is per line)."""
    with localcontext() as ctx:
        ctx.prec = 60
        return (base * rate / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def convention_years(project: Project) -> range:
    """The years billed under the convention: from the year it takes effect, for ``duree_ans`` years
    (as the avenants in force may have changed it)."""
    return years_of(project)


def check_year(project: Project, year: int) -> None:
    """Refuse a year outside the convention's duration, pointing at the parameter that bounds it."""
    years = convention_years(project)
    if year in years:
        return
    last = versions_of(project)[-1].project
    conv, source = last.convention.model, (project if year < years.start else last).convention.source
    key = ("date_effet",) if year < years.start else ("duree_ans",)
    raise UserError(
        error(
            source.locate(key, value=True),
            f"année {year} hors de la durée de la convention : elle couvre les années {years.start} à "
            f"{years.stop - 1} (effet au {fr.date(conv.date_effet)}, pour {conv.duree_ans} an"
            f"{'s' if conv.duree_ans > 1 else ''})",
            code="annee-hors-convention",
            hint=f"choisir une année de {years.start} à {years.stop - 1}, ou prolonger la convention par avenant",
        )
    )


def default_payroll_path(root: Path, year: int) -> Path:
    """``data/charges-personnel/<N-1>.csv``, or the ``.xlsx`` of that year if only it exists."""
    csv = Path(root) / PAYROLL_DIR / f"{year - 1}.csv"
    xlsx = csv.with_suffix(".xlsx")
    return xlsx if not csv.exists() and xlsx.exists() else csv


def default_costs_path(root: Path, year: int) -> Path:
    """``data/frais/<N>.csv``."""
    return Path(root) / COSTS_DIR / f"{year}.csv"


def build_ledger(
    project: Project,
    year: int,
    payroll: list[PayrollRow],
    costs: list[CostRow],
    payroll_shown: str,
) -> Ledger:
    """Compute the ledger of ``year`` with the parameters in force on each day (:mod:`.prorata`).

    Raise :class:`UserError` listing every problem of the inputs.
    """
    check_year(project, year)
    report = Report()
    org = project.organisation.model
    labels = {s.code: s.libelle for s in org.services}
    parts = year_periods(project, year)
    segments = fiche_segments(parts)
    reference_year = _reference_years(parts, year)
    by_code = _payroll_rows(payroll, labels, reference_year, year, report)
    _check_billed_services(segments, labels, by_code, payroll, payroll_shown, reference_year, report)
    reimbursements = _reimbursements(parts, costs, year, report)
    report.raise_if_errors()

    lines: list[LedgerLine] = []
    n_days = year_days(year)
    for runs in segments:
        for seg in runs:
            billing, fiche = seg.billing, seg.loaded.model
            parameter = seg.loaded.source.locate(("facturation", "taux"), value=True)
            for code in billing.services:
                row = by_code[code]
                whole = seg.whole_year
                lines.append(
                    LedgerLine(
                        annex_number=seg.annex_number,
                        fiche_id=fiche.id,
                        fiche_title=fiche.titre,
                        service_code=code,
                        service_label=labels[code],
                        base=row.montant,
                        rate=billing.taux,
                        amount=line_amount(row.montant, billing.taux)
                        if whole
                        else prorated(row.montant, billing.taux, seg.days, n_days),
                        reference_year=reference_year,
                        imputation=billing.imputation,
                        estimate=row.previsionnel,
                        parameter=parameter,
                        input_row=row.location,
                        period=None if whole else (seg.start, seg.end),
                        days=0 if whole else seg.days,
                        year_days=0 if whole else n_days,
                        version=seg.version.label,
                    )
                )
    subtotal_flat = sum((line.amount for line in lines), Decimal("0.00"))
    subtotal_reimbursements = sum((r.amount for r in reimbursements), Decimal("0.00"))
    return Ledger(
        year=year,
        reference_year=reference_year,
        lines=tuple(lines),
        reimbursements=reimbursements,
        subtotal_flat=subtotal_flat,
        subtotal_reimbursements=subtotal_reimbursements,
        total=subtotal_flat + subtotal_reimbursements,
        estimate=any(line.estimate for line in lines),
        periods=tuple((p.start, p.end, p.label) for p in parts),
    )


def _payroll_rows(
    payroll: list[PayrollRow], labels: dict[str, str], reference_year: int, year: int, report: Report
) -> dict[str, PayrollRow]:
    """Payroll rows by service code: known services, right year."""
    known_codes = list(labels)
    by_code: dict[str, PayrollRow] = {}
    for row in payroll:
        if row.service not in labels:
            close = closest(row.service, known_codes)
            report.add(
                error(
                    row.at("service"),
                    f"service « {row.service} » inconnu" + (f" : vouliez-vous dire « {close} » ?" if close else ""),
                    code="service-inconnu",
                    hint="services déclarés dans services.yaml : " + ", ".join(known_codes),
                )
            )
        if row.annee != reference_year:
            report.add(
                error(
                    row.at("annee"),
                    f"ligne pour {row.annee} : ce fichier doit contenir les charges de l'année {reference_year} "
                    f"(N-{year - reference_year})",
                    code="annee-charges",
                    hint=f"la facture {year} se calcule sur les charges de personnel de {reference_year} : "
                    f"vérifier l'export de paie ou le fichier choisi",
                )
            )
        by_code.setdefault(row.service, row)
    return by_code


def _check_billed_services(
    segments: list[list[Segment]],
    labels: dict[str, str],
    by_code: dict[str, PayrollRow],
    payroll: list[PayrollRow],
    payroll_shown: str,
    reference_year: int,
    report: Report,
) -> None:
    """Every billed service (of every version in force during the year) is in the payroll file."""
    needed_by: dict[str, list[str]] = {}
    for runs in segments:
        for seg in runs:
            source = seg.loaded.source
            for i, code in enumerate(seg.billing.services):
                if code not in labels:
                    key = ("facturation", "services", i)
                    if isinstance(source.data.get("facturation", {}).get("services"), str):
                        key = ("facturation", "services")
                    report.add(
                        error(
                            source.locate(key, value=True),
                            f"service « {code} » inconnu : il n'est pas déclaré dans services.yaml",
                            code="service-inconnu",
                        )
                    )
                else:
                    who = f"« {seg.loaded.model.id} » (annexe {seg.annex_number})"
                    if who not in needed_by.setdefault(code, []):
                        needed_by[code].append(who)
    end_line = max((r.location.line for r in payroll), default=1) + 1
    for code, fiches in needed_by.items():
        if code not in by_code:
            report.add(
                error(
                    Location(payroll_shown, end_line, 1),
                    f"service « {code} » absent du fichier des charges de personnel {reference_year}",
                    code="service-absent",
                    hint=(
                        f"les fiches {fr.join(fiches)} sont facturées"
                        if len(fiches) > 1
                        else f"la fiche {fiches[0]} est facturée"
                    )
                    + " sur ce service : "
                    + f"ajouter la ligne « {code};{reference_year};montant »",
                )
            )


def _reimbursements(
    parts: list[Period], costs: list[CostRow], year: int, report: Report
) -> tuple[ReimbursementLine, ...]:
    """Actual costs of year N: known fiche and declared nature in the version in force on their date."""
    found: list[tuple[tuple[int, int, dt.date, int], ReimbursementLine]] = []
    for cost in costs:
        project = version_at(parts, cost.date).version.project
        fiche_ids = [f.model.id for f in project.fiches]
        if cost.fiche not in fiche_ids:
            close = closest(cost.fiche, fiche_ids)
            report.add(
                error(
                    cost.at("fiche"),
                    f"fiche « {cost.fiche} » inconnue" + (f" : vouliez-vous dire « {close} » ?" if close else ""),
                    code="fiche-inconnue",
                    hint="fiches de la convention : " + ", ".join(fiche_ids),
                )
            )
            continue
        a = fiche_ids.index(cost.fiche)
        fiche = project.fiches[a].model
        natures = [r.nature for r in fiche.facturation.remboursements]
        if cost.nature not in natures:
            report.add(_undeclared_nature(cost, fiche, project.fiches[a].source.path))
            continue
        if cost.date.year != year:
            report.add(
                error(
                    cost.at("date"),
                    f"frais daté du {fr.short_date(cost.date)} : seuls les frais de l'année {year} sont "
                    f"remboursés sur la facture {year}",
                    code="date-frais",
                    hint=f"déclarer ces frais dans data/frais/{cost.date.year}.csv, ou corriger la date",
                )
            )
            continue
        n = natures.index(cost.nature)
        declared = fiche.facturation.remboursements[n]
        line = ReimbursementLine(
            annex_number=a + 1,
            fiche_id=fiche.id,
            fiche_title=fiche.titre,
            nature=cost.nature,
            nature_label=declared.libelle,
            date=cost.date,
            libelle=cost.libelle,
            amount=cost.montant,
            justificatif=cost.justificatif,
            imputation=declared.imputation,
            input_row=cost.location,
        )
        found.append(((a, n, cost.date, cost.location.line), line))
    return tuple(line for _, line in sorted(found, key=lambda item: item[0]))


def _reference_years(parts: list[Period], year: int) -> int:
    """The one payroll year of the invoice: N-``annee_reference``, the same for every fiche of every version
    in force during the year, since the model admits « N-1 » only (:data:`ccas_docs.model.values.ReferenceYear`)."""
    return year - parts[0].version.project.fiches[0].model.facturation.annee_reference


def _undeclared_nature(cost: CostRow, fiche: Fiche, fiche_path: str) -> Diagnostic:
    natures = [r.nature for r in fiche.facturation.remboursements]
    if not natures:
        message = f"la fiche « {fiche.id} » ne prévoit aucun remboursement de frais (nature « {cost.nature} »)"
        hint = f"ajouter la nature dans « facturation.remboursements » de {fiche_path}, ou corriger la ligne"
    else:
        close = closest(cost.nature, natures)
        allowed = fr.join([f"« {n} »" for n in natures])
        message = f"nature « {cost.nature} » non prévue par la fiche « {fiche.id} » (natures prévues : {allowed})"
        hint = (
            f"vouliez-vous dire « {close} » ?"
            if close
            else f"ajouter la nature dans « facturation.remboursements » de {fiche_path}, ou corriger la ligne"
        )
    return error(cost.at("nature"), message, code="nature-frais", hint=hint)
