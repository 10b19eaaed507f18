"""Compose the yearly état de refacturation (the bases of the titre de recettes) from the ledger.

Three views of the same ledger and the same :class:`InvoiceHeader`, so that every output says the
same thing to the cent:

- :func:`compose_invoice`: the document tree (DOCX and PDF);
- :func:`invoice_spreadsheet` and :func:`invoice_csv`: the tables (XLSX and CSV), as typed values
  (:class:`Spreadsheet`, :class:`Sheet`): amounts stay :class:`~decimal.Decimal` until a writer
  puts them into a cell;
- :func:`compose_einvoice`: the structured invoice (:class:`EInvoice`) that the Factur-X writer
  serialises as CII XML.

Every figure comes from the ledger; every rate, service and wording of the bases comes from the
same billing parameters as the convention's cost clauses. Nothing here knows a file format.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from typing import Literal

from ccas_docs.billing.ledger import Ledger, ReimbursementLine
from ccas_docs.common import fr
from ccas_docs.compose.invoice_notes import correction_sentence
from ccas_docs.compose.invoice_parts import (
    bases_sentence,
    budget_table,
    certification,
    contact_lines,
    titre_line,
)
from ccas_docs.compose.periods import period_note, prorata_sentence
from ccas_docs.document.tree import (
    Block,
    Cell,
    Document,
    Heading,
    Metadata,
    Paragraph,
    Run,
    Table,
    cell,
    para,
)
from ccas_docs.document.typeset import typeset_document
from ccas_docs.model import clauses
from ccas_docs.model.project import Project
from ccas_docs.model.types import Convention, PartyInfo

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
    due_date: dt.date  # issue date + delay: never printed, the delay runs from the titre's reception
    corrects: str = ""  # for an avoir or a complement: the number of the invoice it corrects
    corrected_amount: Decimal | None = None  # for an avoir or a complement: its amount
    motif: str = ""  # a cancellation (« invoice --annule »): its reason, on the avoir and the re-issued invoice
    billed: Decimal | None = None  # for a cancellation's avoir: the net amount billed that it cancels
    replaces: str = ""  # for a re-issued invoice: the number of the cancelled one


def amount_of(ledger: Ledger, header: InvoiceHeader) -> Decimal:
    """The amount the document is for: the ledger's total, or the correction's amount."""
    return ledger.total if header.corrected_amount is None else header.corrected_amount


def previously_billed(ledger: Ledger, header: InvoiceHeader) -> Decimal | None:
    """For a correction: the net amount billed for the year before it (derived, never stored twice)."""
    if header.kind == "facture" or header.corrected_amount is None:
        return None
    if header.billed is not None:
        return header.billed
    if header.kind == "avoir":
        return ledger.total + header.corrected_amount
    return ledger.total - header.corrected_amount


# --- the document ----------------------------------------------------------------------------------


def _party_lines(p: PartyInfo) -> list[str]:
    return [p.nom, *p.adresse, f"SIRET : {p.siret}"]


def _parties_table(conv: Convention) -> Table:
    def block(title: str, p: PartyInfo, extra: list[str]) -> Cell:
        lines = _party_lines(p) + extra
        return Cell(
            (
                Paragraph((Run(title, bold=True),), "small"),
                Paragraph((Run(lines[0], bold=True),)),
                *(para(line) for line in lines[1:]),
            )
        )

    return Table(
        header=(),
        rows=((block("Émetteur", conv.parties.ville, contact_lines(conv)), block("Débiteur", conv.parties.ccas, [])),),
        widths=(50, 50),
        align=("left", "left"),
    )


def due_text(conv: Convention) -> str:
    """The échéance, from the titre's reception (never a date counted from the issue date)."""
    return f"à réception du titre, dans un délai de {conv.facturation.delai_paiement_jours} jours"


def _references_table(conv: Convention, ledger: Ledger, header: InvoiceHeader) -> Table:
    labels = ["Numéro", "Date d'émission", "Exercice", "Échéance"]
    values = [header.number, fr.short_date(header.issue_date), str(ledger.year), due_text(conv).capitalize()]
    if header.kind == "avoir":
        labels[3], values[3] = "Facture corrigée", header.corrects
    elif header.kind == "complement":
        labels.insert(3, "Facture complétée")
        values.insert(3, header.corrects)
    width = 100 // len(labels)
    widths = tuple([width] * (len(labels) - 1) + [100 - width * (len(labels) - 1)])
    return Table(
        header=tuple(cell(label, bold=True, role="center") for label in labels),
        rows=(tuple(cell(value, role="center") for value in values),),
        widths=widths,
        align=("center",) * len(labels),
    )


def fiche_label(annex_number: int, title: str) -> str:
    return f"Annexe {annex_number} – {title}"


def _flat_table(ledger: Ledger) -> Table:
    """One row per (fiche, service, part of the year); the fiche's cell spans its rows."""
    rows: list[tuple[Cell, ...]] = []
    for _, group in groupby(ledger.lines, key=lambda line: line.fiche_id):
        lines = list(group)
        for i, line in enumerate(lines):
            first = (cell(fiche_label(line.annex_number, line.fiche_title), rowspan=len(lines)),) if i == 0 else ()
            rows.append(
                (
                    *first,
                    cell(
                        f"{line.service_label} ({line.service_code})"
                        + (f" – {period_note(line)}" if line.period else "")
                    ),
                    cell(fr.number(line.base), role="right"),
                    cell(fr.percent(line.rate), role="center"),
                    cell(fr.number(line.amount), role="right"),
                    cell(line.imputation, role="center"),
                )
            )
    header = tuple(
        cell(h, bold=True)
        for h in (
            "Fiche annexe",
            "Service dont les charges servent de base",
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
            cell(fr.number(ledger.subtotal_flat), bold=True, role="right"),
            cell(""),
        ),
    )
    return Table(
        header,
        tuple(rows),
        widths=(26, 26, 15, 8, 14, 11),
        align=("left", "left", "right", "center", "right", "center"),
        footer=footer,
    )


def nature_label(r: ReimbursementLine) -> str:
    return r.nature_label[:1].upper() + r.nature_label[1:]


def _reimbursement_table(ledger: Ledger) -> Table:
    """One row per cost; the (fiche, nature) cell spans the costs of that nature."""
    rows: list[tuple[Cell, ...]] = []
    for _, group in groupby(ledger.reimbursements, key=lambda r: (r.annex_number, r.nature)):
        costs = list(group)
        for i, r in enumerate(costs):
            first = (cell(f"Annexe {r.annex_number} – {nature_label(r)}", rowspan=len(costs)),) if i == 0 else ()
            rows.append(
                (
                    *first,
                    cell(fr.short_date(r.date), role="center"),
                    cell(r.libelle),
                    cell(r.justificatif),
                    cell(fr.number(r.amount), role="right"),
                    cell(r.imputation, role="center"),
                )
            )
    header = tuple(
        cell(h, bold=True)
        for h in ("Fiche annexe et nature des frais", "Date", "Objet", "Justificatif", "Montant (€)", "Compte")
    )
    footer = (
        (
            cell("Sous-total des remboursements", bold=True),
            *(cell("") for _ in range(3)),
            cell(fr.number(ledger.subtotal_reimbursements), bold=True, role="right"),
            cell(""),
        ),
    )
    return Table(
        header,
        tuple(rows),
        widths=(24, 14, 23, 14, 14, 11),
        align=("left", "center", "left", "left", "right", "center"),
        footer=footer,
    )


def _summary_table(ledger: Ledger, header: InvoiceHeader) -> Table:
    """Subtotals, then (for a correction) what was billed already, then the amount of the document."""
    rows: list[tuple[Cell, ...]] = [
        (
            cell(f"Prestations : pourcentage des charges de personnel de l'année {ledger.reference_year}"),
            cell(fr.number(ledger.subtotal_flat), role="right"),
        ),
        (
            cell(f"Remboursement des frais réels de l'année {ledger.year}"),
            cell(fr.number(ledger.subtotal_reimbursements), role="right"),
        ),
    ]
    previous = previously_billed(ledger, header)
    amount = amount_of(ledger, header)
    if previous is None:
        label = f"Total de l'exercice {ledger.year}"
    else:
        rows.append(
            (
                cell(f"Total recalculé de l'exercice {ledger.year}", bold=True),
                cell(fr.number(ledger.total), bold=True, role="right"),
            )
        )
        rows.append(
            (
                cell(
                    f"Montant net déjà facturé pour l'exercice {ledger.year} (facture n° {header.corrects} "
                    "et ses éventuelles corrections)"
                ),
                cell(fr.number(previous), role="right"),
            )
        )
        label = "Montant de l'avoir" if header.kind == "avoir" else "Montant complémentaire"
    return Table(
        header=(cell("Récapitulatif", bold=True), cell("Montant (€)", bold=True)),
        rows=tuple(rows),
        widths=(76, 24),
        align=("left", "right"),
        footer=((cell(label, bold=True), cell(fr.number(amount), bold=True, role="right")),),
    )


def _deliberations(conv: Convention) -> str:
    return " et ".join(clauses.deliberation_text(p.deliberation) for p in (conv.parties.ville, conv.parties.ccas))


def payment_sentence(conv: Convention, header: InvoiceHeader) -> str:
    return f"Paiement {due_text(conv)}."


def appeal_sentence(conv: Convention) -> str:
    return (
        "Voies et délais de recours : dans un délai de deux mois à compter de la réception du présent titre, "
        f"le débiteur peut en contester le bien-fondé devant le {conv.tribunal} "
        "(article L. 1617-5 du code général des collectivités territoriales)."
    )


def _mentions(project: Project, ledger: Ledger, header: InvoiceHeader) -> list[Block]:
    conv = project.convention.model
    settings = conv.facturation
    pay = conv.parties.ville.paiement
    if header.kind == "avoir":
        payment = (
            f"Le montant du présent avoir vient en déduction des sommes dues par le débiteur au titre de "
            f"l'exercice {ledger.year}."
        )
    else:
        payment = payment_sentence(conv, header)
    out: list[Block] = [
        Heading(3, "Mentions"),
        para(settings.mention_tva),
        para(payment),
        para(
            "Règle de calcul : chaque montant est arrondi au centime le plus proche (la demi-unité au centime "
            "supérieur) ; le total est la somme des montants arrondis."
        ),
        para(appeal_sentence(conv)),
    ]
    if pay is not None and header.kind != "avoir":
        out.append(Heading(3, "Règlement"))
        out.append(para(f"Par virement au comptable assignataire : {pay.comptable}"))
        out.append(para(f"Titulaire du compte : {pay.titulaire}"))
        out.append(para(f"IBAN : {pay.iban} – BIC : {pay.bic}"))
        out.append(para(f"Référence à rappeler lors du paiement : {header.number}"))
    return out


def invoice_metadata(conv: Convention, title: str, date: dt.date) -> Metadata:
    return Metadata(
        title=title,
        subject=conv.facturation.objet,
        author=conv.parties.ville.nom,
        date=date,
        keywords=("état de refacturation", "titre de recettes", "CCAS"),
    )


def document_title(header: InvoiceHeader) -> str:
    return f"{TITLES[header.kind]} n° {header.number}"


def compose_invoice(project: Project, ledger: Ledger, header: InvoiceHeader) -> Document:
    """The état de refacturation of ``ledger.year``: parties, bases line by line, total, mentions."""
    conv = project.convention.model
    title = document_title(header)
    amount = amount_of(ledger, header)
    body: list[Block] = [
        _parties_table(conv),
        Heading(1, title, "titre"),
        _references_table(conv, ledger, header),
        para(titre_line(header.kind == "avoir"), role="center"),
        Heading(3, "Objet"),
        para(
            f"{conv.facturation.objet} au titre de l'année {ledger.year}, en application de la "
            f"{conv.titre[:1].lower()}{conv.titre[1:]} (référence {conv.reference}) et de ses fiches annexes 1 à "
            f"{len(project.fiches)}, approuvée par {_deliberations(conv)}."
        ),
    ]
    sentence = correction_sentence(ledger, header, amount)
    if sentence:
        body.append(para(sentence))
    body += [
        Heading(3, f"Prestations : pourcentage des charges de personnel de l'année {ledger.reference_year}"),
        _flat_table(ledger),
    ]
    body.append(para(bases_sentence(ledger), role="small"))
    if ledger.split:
        body.append(para(prorata_sentence(ledger), role="small"))
    if ledger.reimbursements:
        body += [Heading(3, f"Remboursement des frais réels de l'année {ledger.year}"), _reimbursement_table(ledger)]
    else:
        body.append(para(f"Aucun frais réel à rembourser pour l'année {ledger.year}."))
    body.append(_summary_table(ledger, header))
    body += [
        Heading(3, "Imputation budgétaire"),
        budget_table(conv, ledger, None if header.kind == "facture" else amount),
    ]
    label = {"facture": "Total à payer", "complement": "Montant complémentaire à payer", "avoir": "Montant de l'avoir"}
    body += [
        Paragraph((Run(f"{label[header.kind]} : ", bold=True), Run(fr.money(amount), bold=True)), "total"),
        para(
            f"Arrêté le présent {'avoir' if header.kind == 'avoir' else 'état'} à la somme de "
            f"{fr.amount_in_words(amount)}.",
        ),
    ]
    if ledger.estimate:
        body.append(para("Montants estimés : calculés sur des charges de personnel prévisionnelles.", role="small"))
    body += _mentions(project, ledger, header)
    body.append(certification(conv, header.issue_date))
    return typeset_document(
        Document(
            name=header.number,
            meta=invoice_metadata(conv, title, header.issue_date),
            header=f"{conv.parties.ville.nom} – {title}",
            footer=f"{TITLES[header.kind]} – exercice {ledger.year}",
            body=tuple(body),
        )
    )
