"""Compose the yearly état de refacturation (the bases of the titre de recettes) as a document tree.

Every figure comes from the ledger; every rate, service and wording of the bases comes from the
same billing parameters and sentence functions as the convention's cost clauses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .. import fr
from ..model import Convention, PartyInfo
from ..project import Project
from .tree import Block, Cell, Document, Heading, Metadata, Paragraph, Run, Table, cell, para

Kind = Literal["facture", "avoir", "complement"]

TITLES: dict[str, str] = {
    "facture": "État de refacturation",
    "complement": "État de refacturation complémentaire",
    "avoir": "Avoir",
}


@dataclass(frozen=True)
class InvoiceHeader:
    """What identifies an issued document: its number, kind, dates and what it corrects."""

    number: str
    kind: Kind
    issue_date: dt.date
    due_date: dt.date
    corrects: str = ""  # for an avoir or a complement: the number of the invoice it corrects
    corrected_amount: Decimal | None = None  # for an avoir or a complement: its amount


def _party_lines(p: PartyInfo) -> list[str]:
    return [p.nom, *p.adresse, f"SIRET : {p.siret}"]


def _parties_table(conv: Convention) -> Table:
    def block(title: str, p: PartyInfo) -> Cell:
        lines = _party_lines(p)
        return Cell(
            (
                Paragraph((Run(title, bold=True),), "small"),
                Paragraph((Run(lines[0], bold=True),)),
                *(para(line) for line in lines[1:]),
            )
        )

    return Table(
        header=(),
        rows=((block("Émetteur", conv.parties.ville), block("Débiteur", conv.parties.ccas)),),
        widths=(50, 50),
    )


def _flat_table(ledger) -> Table:  # type: ignore[no-untyped-def]
    rows = []
    for line in ledger.lines:
        rows.append(
            (
                cell(f"Annexe {line.annex_number}", role="center"),
                cell(line.fiche_title),
                cell(f"{line.service_label} ({line.service_code})"),
                cell(fr.number(line.base), role="right"),
                cell(fr.percent(line.rate), role="center"),
                cell(fr.number(line.amount), role="right"),
                cell(line.imputation, role="center"),
            )
        )
    header = tuple(
        cell(h, bold=True)
        for h in (
            "Annexe",
            "Fonction",
            "Service dont la masse salariale sert de base",
            f"Charges de personnel {ledger.reference_year} (€)",
            "Taux",
            "Montant (€)",
            "Compte",
        )
    )
    footer = (
        (
            cell("Sous-total des prestations", bold=True),
            cell(""),
            cell(""),
            cell(""),
            cell(""),
            cell(fr.number(ledger.subtotal_flat), bold=True, role="right"),
            cell(""),
        ),
    )
    return Table(
        header,
        tuple(rows),
        widths=(9, 21, 24, 15, 7, 14, 10),
        align=("center", "left", "left", "right", "center", "right", "center"),
        footer=footer,
    )


def _reimbursement_table(ledger) -> Table:  # type: ignore[no-untyped-def]
    rows = []
    for r in ledger.reimbursements:
        rows.append(
            (
                cell(f"Annexe {r.annex_number}", role="center"),
                cell(r.nature_label[:1].upper() + r.nature_label[1:]),
                cell(fr.short_date(r.date), role="center"),
                cell(r.libelle),
                cell(r.justificatif),
                cell(fr.number(r.amount), role="right"),
                cell(r.imputation, role="center"),
            )
        )
    header = tuple(
        cell(h, bold=True) for h in ("Annexe", "Nature", "Date", "Libellé", "Justificatif", "Montant (€)", "Compte")
    )
    footer = (
        (
            cell("Sous-total des remboursements", bold=True),
            *(cell("") for _ in range(4)),
            cell(fr.number(ledger.subtotal_reimbursements), bold=True, role="right"),
            cell(""),
        ),
    )
    return Table(
        header,
        tuple(rows),
        widths=(9, 18, 11, 24, 14, 14, 10),
        align=("center", "left", "center", "left", "left", "right", "center"),
        footer=footer,
    )


def _deliberations(conv: Convention) -> str:
    parts = []
    for p in (conv.parties.ville, conv.parties.ccas):
        d = p.deliberation
        when = d.date if isinstance(d.date, str) else fr.date(d.date)
        parts.append(f"délibération du {d.organe[:1].lower()}{d.organe[1:]} n° {d.numero} du {when}")
    return " et ".join(parts)


def _mentions(project: Project, header: InvoiceHeader) -> list[Block]:
    conv = project.convention.model
    settings = conv.facturation
    pay = conv.parties.ville.paiement
    out: list[Block] = [
        Heading(3, "Mentions"),
        para(settings.mention_tva),
        para(
            f"Paiement à {settings.delai_paiement_jours} jours à compter de la réception du titre, "
            f"soit au plus tard le {fr.date(header.due_date)}."
        ),
        para(
            "Règle de calcul : chaque montant est arrondi au centime le plus proche (la demi-unité au centime "
            "supérieur) ; le total est la somme des montants arrondis."
        ),
        para(
            "Voies et délais de recours : dans un délai de deux mois à compter de la réception du présent titre, "
            f"le débiteur peut en contester le bien-fondé devant le {conv.tribunal} "
            "(article L. 1617-5 du code général des collectivités territoriales)."
        ),
    ]
    if pay is not None:
        out.append(Heading(3, "Règlement"))
        out.append(para(f"Comptable assignataire : {pay.comptable}"))
        out.append(para(f"Titulaire du compte : {pay.titulaire}"))
        out.append(para(f"IBAN : {pay.iban} – BIC : {pay.bic}"))
    return out


def _metadata(conv: Convention, title: str, date: dt.date) -> Metadata:
    return Metadata(
        title=title,
        subject=conv.facturation.objet,
        author=conv.parties.ville.nom,
        date=date,
        keywords=("état de refacturation", "titre de recettes", "CCAS"),
    )


def compose_invoice(project: Project, ledger, header: InvoiceHeader) -> Document:  # type: ignore[no-untyped-def]
    """The état de refacturation of ``ledger.year``: parties, bases line by line, total, mentions."""
    conv = project.convention.model
    title = f"{TITLES[header.kind]} n° {header.number}"
    body: list[Block] = [
        _parties_table(conv),
        Heading(1, title, "titre"),
        para(
            f"Exercice {ledger.year} – émis à {conv.lieu_signature} le {fr.date(header.issue_date)}",
            role="center",
        ),
        Heading(3, "Objet"),
        para(
            f"{conv.facturation.objet} au titre de l'année {ledger.year}, en application de la "
            f"{conv.titre[:1].lower()}{conv.titre[1:]} (référence {conv.reference}) et de ses fiches annexes 1 à "
            f"{len(project.fiches)}, approuvée par {_deliberations(conv)}."
        ),
    ]
    if header.kind != "avoir":
        body += [
            Heading(3, f"Prestations : pourcentage des charges de personnel de l'année {ledger.reference_year}"),
            _flat_table(ledger),
        ]
        if ledger.reimbursements:
            body += [
                Heading(3, f"Remboursement des frais réels de l'année {ledger.year}"),
                _reimbursement_table(ledger),
            ]
        else:
            body.append(para(f"Aucun frais réel à rembourser pour l'année {ledger.year}."))
    amount = ledger.total if header.corrected_amount is None else header.corrected_amount
    if header.kind != "facture":
        verb = "annule" if header.kind == "avoir" else "complète"
        body.append(
            para(
                f"Le présent document {verb}, pour un montant de {fr.money(amount)}, l'état de refacturation "
                f"n° {header.corrects} de l'exercice {ledger.year}, dont le total recalculé est "
                f"{fr.money(ledger.total)}."
            )
        )
    label = "Montant de l'avoir" if header.kind == "avoir" else "Total à payer"
    body += [
        Paragraph((Run(f"{label} : ", bold=True), Run(fr.money(amount), bold=True)), "total"),
        para(f"Arrêté le présent état à la somme de {fr.amount_in_words(amount)}.", role="total"),
    ]
    if getattr(ledger, "estimate", False):
        body.append(para("Montants estimés : calculés sur des charges de personnel prévisionnelles.", role="small"))
    body += _mentions(project, header)
    return Document(
        name=f"{'avoir' if header.kind == 'avoir' else 'facture'}-{header.number}",
        meta=_metadata(conv, title, header.issue_date),
        header=f"{conv.parties.ville.nom} – {title}",
        footer=f"{TITLES[header.kind]} {ledger.year}",
        body=tuple(body),
    )
