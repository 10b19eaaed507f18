"""Compose the billing schedule (échéancier) over the convention's duration: a document and a workbook.

One row per year of the convention: the billing date, the reference year of the payroll charges,
the amount when those charges exist (flagged « estimation » when they are a forecast), and the
invoice already issued, if any; then the rate of every fiche for every year.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal

from ccas_docs.billing.schedule import ScheduleFiche, ScheduleRow
from ccas_docs.common import fr
from ccas_docs.compose.invoice import fiche_label
from ccas_docs.document.sheet import Column, Rate, Sheet, SheetValue, Spreadsheet
from ccas_docs.document.tree import Block, Document, Heading, Metadata, Table, cell, para
from ccas_docs.document.typeset import typeset_document
from ccas_docs.model.project import Project
from ccas_docs.registry.invoices import RegisterEntry

TITLE = "Échéancier de facturation"


def status(row: ScheduleRow, issued: Sequence[RegisterEntry] = ()) -> str:
    """« estimation », « réalisé », or why there is no amount yet; the issued documents after it."""
    if row.total is None:
        text = f"charges {row.reference_year} non disponibles"
    elif row.estimate:
        text = "estimation (charges prévisionnelles)"
    else:
        text = "calculé sur les charges réalisées"
    if issued:
        names = [("avoir" if e.type == "avoir" else "facture") + f" N° {e.numero}" for e in issued]
        text += " ; émis : " + ", ".join(names)
    return text


def _amount(row: ScheduleRow) -> str:
    if row.total is None:
        return "—"
    return fr.number(row.total) + (" (estimation)" if row.estimate else "")


def schedule_table(rows: Sequence[ScheduleRow], issued: Mapping[int, Sequence[RegisterEntry]]) -> Table:
    header = tuple(
        cell(h, bold=True)
        for h in (
            "Année facturée",
            "Date de facturation",
            "Charges de personnel de l'année",
            "Montant (€)",
            "Situation",
        )
    )
    body = tuple(
        (
            cell(str(row.year), role="center"),
            cell(fr.short_date(row.billing_date), role="center"),
            cell(str(row.reference_year), role="center"),
            cell(_amount(row), role="right"),
            cell(status(row, issued.get(row.year, ()))),
        )
        for row in rows
    )
    return Table(header, body, widths=(12, 16, 17, 22, 33), align=("center", "center", "center", "right", "left"))


def schedule_fiches(rows: Sequence[ScheduleRow]) -> list[ScheduleFiche]:
    """Every fiche of any year (in order of first appearance), with every service it was billed on."""
    found: dict[str, ScheduleFiche] = {}
    for row in rows:
        for f in row.fiches:
            known = found.get(f.id)
            services = (
                f.services if known is None else (*known.services, *(c for c in f.services if c not in known.services))
            )
            found[f.id] = replace(known or f, services=services)
    return list(found.values())


def rate_in(row: ScheduleRow, fiche_id: str) -> Decimal | None:
    """The rate of a fiche in the version in force for the year of ``row`` (``None``: no such fiche then)."""
    return next((f.rate for f in row.fiches if f.id == fiche_id), None)


def rates_table(project: Project, rows: Sequence[ScheduleRow], compact: bool = False) -> Table:
    """Every fiche's rate for every year; ``compact``: identifiers and codes only (for a terminal)."""
    org = {s.code: s.libelle for s in project.organisation.model.services}
    years = [row.year for row in rows]
    fiches = schedule_fiches(rows)
    titles = ("Annexe", "Services") if compact else ("Fiche annexe", "Services dont les charges servent de base")
    header = tuple(cell(h, bold=True) for h in (*titles, *(str(y) for y in years)))
    body = []
    for fiche in fiches:
        if compact:
            label, services = f"{fiche.annex_number} {fiche.id}", ", ".join(fiche.services)
        else:
            label = fiche_label(fiche.annex_number, fiche.title)
            services = ", ".join(f"{org.get(code, code)} ({code})" for code in fiche.services)
        body.append(
            (
                cell(label),
                cell(services),
                *(cell(_percent(rate_in(row, fiche.id)), role="right") for row in rows),
            )
        )
    share = 8 if len(years) <= 5 else 5
    rest = 100 - share * len(years)
    widths = (rest * 45 // 100, rest - rest * 45 // 100, *(share for _ in years))
    align: tuple = ("left", "left", *(("right" if compact else "center") for _ in years))
    return Table(header, tuple(body), widths=widths, align=align)


def _percent(rate: Decimal | None) -> str:
    return "—" if rate is None else fr.percent(rate)


def _rate(rate: Decimal | None) -> Rate | None:
    return None if rate is None else Rate(rate)


def summary_tables(
    project: Project, rows: Sequence[ScheduleRow], issued: Mapping[int, Sequence[RegisterEntry]]
) -> list[tuple[str, Table]]:
    """The schedule as a terminal shows it: the years, then the rates (compact)."""
    return [
        ("Factures annuelles", schedule_table(rows, issued)),
        ("Taux en vigueur par fiche annexe", rates_table(project, rows, compact=True)),
    ]


def compose_schedule(
    project: Project, rows: Sequence[ScheduleRow], issued: Mapping[int, Sequence[RegisterEntry]]
) -> Document:
    conv = project.convention.model
    first, last = (rows[0].year, rows[-1].year) if rows else (conv.date_effet.year, conv.date_effet.year)
    settings = conv.facturation
    body: list[Block] = [
        Heading(1, TITLE, "echeancier"),
        para(
            f"{conv.titre} (référence {conv.reference}), prise d'effet le {fr.date(conv.date_effet)}, pour "
            f"{fr.words(conv.duree_ans)} an{'s' if conv.duree_ans > 1 else ''} : une facture par an, de {first} à "
            f"{last}, émise à la date d'émission fixée par la convention et payable à "
            f"{settings.delai_paiement_jours} jours."
        ),
        Heading(3, "Factures annuelles"),
        schedule_table(rows, issued),
        para(
            "Le montant d'une année est le pourcentage de chaque fiche appliqué aux charges de personnel de "
            "l'année précédente, plus les frais réels remboursés de l'année. Calculé sur des charges "
            "prévisionnelles, il n'est qu'une estimation : la facture ne peut être émise que sur les charges "
            "réalisées.",
            role="small",
        ),
        Heading(3, "Taux en vigueur par fiche annexe"),
        rates_table(project, rows),
    ]
    return typeset_document(
        Document(
            name="echeancier",
            meta=Metadata(
                title=f"{TITLE} {first}-{last}",
                subject=settings.objet,
                author=conv.parties.ville.nom,
                date=conv.date_effet,
                keywords=("échéancier", "refacturation", "CCAS"),
            ),
            header=f"{conv.parties.ville.nom} – {TITLE}",
            footer=f"{TITLE} {first}-{last}",
            body=tuple(body),
        )
    )


def schedule_spreadsheet(
    project: Project, rows: Sequence[ScheduleRow], issued: Mapping[int, Sequence[RegisterEntry]]
) -> Spreadsheet:
    doc = compose_schedule(project, rows, issued)
    lines: list[tuple[SheetValue, ...]] = []
    for row in rows:
        lines.append(
            (
                row.year,
                row.billing_date,
                row.reference_year,
                row.payroll_file,
                row.subtotal_flat,
                row.subtotal_reimbursements,
                row.total,
                "estimation" if row.estimate else ("" if row.total is not None else None),
                ", ".join(e.numero for e in issued.get(row.year, ())) or None,
            )
        )
    schedule = Sheet(
        "Échéancier",
        (
            Column("Année facturée", 10),
            Column("Date de facturation", 14),
            Column("Charges de l'année", 12),
            Column("Fichier des charges", 34),
            Column("Prestations", 16),
            Column("Remboursements", 16),
            Column("Montant", 16),
            Column("Estimation", 12),
            Column("Documents émis", 30),
        ),
        tuple(lines),
    )
    fiches = schedule_fiches(rows)
    rates = Sheet(
        "Taux",
        (Column("Annexe", 8), Column("Fiche", 44), Column("Services", 40), *(Column(str(r.year), 9) for r in rows)),
        tuple(
            (f.annex_number, f.title, ", ".join(f.services), *(_rate(rate_in(r, f.id)) for r in rows)) for f in fiches
        ),
    )
    return Spreadsheet(doc.meta, (schedule, rates))
