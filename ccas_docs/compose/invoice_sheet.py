"""Compose the invoice's tables (XLSX sheets and the CSV) from the ledger and the invoice header."""

from __future__ import annotations

from ccas_docs.billing.ledger import Ledger
from ccas_docs.common import fr
from ccas_docs.compose.invoice import (
    InvoiceHeader,
    amount_of,
    document_title,
    due_text,
    invoice_metadata,
    nature_label,
    period_note,
    previously_billed,
)
from ccas_docs.compose.invoice_parts import bases_sentence, coding_codes, coding_fields, line_source, titre_line
from ccas_docs.document.sheet import Column, Rate, Sheet, SheetValue, Spreadsheet
from ccas_docs.model.project import Project


def _lines_sheet(ledger: Ledger, codes: tuple[str, str, str]) -> Sheet:
    columns = (
        Column("Annexe", 8),
        Column("Fiche", 40),
        Column("Code service", 13),
        Column("Service", 40),
        Column(f"Charges de personnel {ledger.reference_year}", 20),
        Column("Taux", 8),
        Column("Montant", 15),
        Column("Compte", 9),
        Column("Chapitre", 9),
        Column("Fonction", 9),
        Column("Source", 34),
    )
    rows = tuple(
        (
            line.annex_number,
            line.fiche_title,
            line.service_code,
            line.service_label + (f" ({period_note(line)})" if line.period else ""),
            line.base,
            Rate(line.rate),
            line.amount,
            line.imputation,
            codes[1],
            codes[2],
            line_source(ledger, line.input_row),
        )
        for line in ledger.lines
    )
    total = ("Sous-total des prestations", None, None, None, None, None, ledger.subtotal_flat, None, None, None, None)
    return Sheet("Lignes", columns, rows, (total,), ("Contrôle : somme des lignes", (6,)))


def _reimbursements_sheet(ledger: Ledger, codes: tuple[str, str, str]) -> Sheet:
    columns = (
        Column("Annexe", 8),
        Column("Fiche", 40),
        Column("Nature", 40),
        Column("Date", 12),
        Column("Objet", 45),
        Column("Justificatif", 18),
        Column("Montant", 15),
        Column("Compte", 9),
        Column("Chapitre", 9),
        Column("Fonction", 9),
        Column("Source", 24),
    )
    rows = tuple(
        (
            r.annex_number,
            r.fiche_title,
            nature_label(r),
            r.date,
            r.libelle,
            r.justificatif,
            r.amount,
            r.imputation,
            codes[1],
            codes[2],
            str(r.input_row),
        )
        for r in ledger.reimbursements
    )
    total = (
        "Sous-total des remboursements",
        None,
        None,
        None,
        None,
        None,
        ledger.subtotal_reimbursements,
        None,
        None,
        None,
        None,
    )
    return Sheet("Remboursements", columns, rows, (total,), ("Contrôle : somme des lignes", (6,)))


def _summary_sheet(project: Project, ledger: Ledger, header: InvoiceHeader) -> Sheet:
    conv = project.convention.model
    amount = amount_of(ledger, header)
    rows: list[tuple[SheetValue, ...]] = [
        ("Document", document_title(header)),
        ("Émetteur", conv.parties.ville.nom),
        ("Débiteur", conv.parties.ccas.nom),
        ("Exercice", ledger.year),
        ("Date d'émission", header.issue_date),
    ]
    rows.append(("Titre n° – Bordereau n°", titre_line(header.kind == "avoir")))
    if header.kind != "avoir":
        rows.append(("Échéance", due_text(conv)))
    if header.corrects:
        rows.append(("Facture corrigée", header.corrects))
    rows += [
        (f"Prestations (charges de personnel {ledger.reference_year})", ledger.subtotal_flat),
        (f"Remboursement des frais réels {ledger.year}", ledger.subtotal_reimbursements),
    ]
    previous = previously_billed(ledger, header)
    if previous is not None:
        rows.append((f"Total recalculé de l'exercice {ledger.year}", ledger.total))
        rows.append(("Montant net déjà facturé", previous))
    label = {"facture": "Total", "complement": "Total du complément", "avoir": "Total de l'avoir"}[header.kind]
    budget, chapitre, fonction = coding_fields(conv)
    rows += [("Budget", budget), ("Chapitre", chapitre), ("Fonction (M57)", fonction)]
    rows.append(("Bases", bases_sentence(ledger)))
    totals = ((label, amount), ("En lettres", fr.amount_in_words(amount)))
    return Sheet("Récapitulatif", (Column("Rubrique", 44), Column("Valeur", 60)), tuple(rows), totals)


def invoice_spreadsheet(project: Project, ledger: Ledger, header: InvoiceHeader) -> Spreadsheet:
    """The workbook: « Lignes », « Remboursements » and « Récapitulatif » (with the total)."""
    conv = project.convention.model
    codes = coding_codes(conv)
    return Spreadsheet(
        meta=invoice_metadata(conv, document_title(header), header.issue_date),
        sheets=(
            _lines_sheet(ledger, codes),
            _reimbursements_sheet(ledger, codes),
            _summary_sheet(project, ledger, header),
        ),
    )


CSV_COLUMNS = (
    "type",
    "annexe",
    "fiche",
    "code",
    "libelle",
    "date",
    "base",
    "taux (%)",
    "montant",
    "budget",
    "chapitre",
    "fonction",
    "compte",
    "justificatif",
    "source",
)


def invoice_csv(project: Project, ledger: Ledger, header: InvoiceHeader) -> Sheet:
    """One row per ledger line (« prestation ») and per reimbursement (« remboursement »), then the total;
    each row with its full budget coding (budget, chapitre, fonction M57, compte)."""
    budget, chapter, function = coding_codes(project.convention.model)
    rows: list[tuple[SheetValue, ...]] = []
    for line in ledger.lines:
        rows.append(
            (
                "prestation",
                line.annex_number,
                line.fiche_id,
                line.service_code,
                line.service_label + (f" ({period_note(line)})" if line.period else ""),
                None,
                line.base,
                Rate(line.rate),
                line.amount,
                budget,
                chapter,
                function,
                line.imputation,
                None,
                line_source(ledger, line.input_row),
            )
        )
    for r in ledger.reimbursements:
        rows.append(
            (
                "remboursement",
                r.annex_number,
                r.fiche_id,
                r.nature,
                r.libelle,
                r.date,
                None,
                None,
                r.amount,
                budget,
                chapter,
                function,
                r.imputation,
                r.justificatif,
                str(r.input_row),
            )
        )
    amount = amount_of(ledger, header)
    total_label = {"facture": "total", "complement": "total complement", "avoir": "total avoir"}[header.kind]
    total: tuple[SheetValue, ...] = (
        total_label,
        None,
        None,
        header.number,
        None,
        header.issue_date,
        None,
        None,
        amount,
        *(None for _ in range(6)),
    )
    return Sheet(header.number, tuple(Column(c) for c in CSV_COLUMNS), tuple(rows), (total,))
