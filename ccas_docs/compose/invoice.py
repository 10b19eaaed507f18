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
import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from typing import Literal

from ccas_docs.billing.ledger import Ledger, LedgerLine, ReimbursementLine
from ccas_docs.common import fr
from ccas_docs.document.tree import (
    Block,
    Cell,
    Document,
    Heading,
    Metadata,
    Paragraph,
    Run,
    Signature,
    SignatureBlock,
    Table,
    cell,
    para,
)
from ccas_docs.model import clauses
from ccas_docs.model.project import Project
from ccas_docs.model.types import Convention, PartyInfo, is_placeholder

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
        align=("left", "left"),
    )


def _references_table(ledger: Ledger, header: InvoiceHeader) -> Table:
    labels = ["Numéro", "Date d'émission", "Exercice", "Échéance"]
    values = [header.number, fr.short_date(header.issue_date), str(ledger.year), fr.short_date(header.due_date)]
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
    """One row per (fiche, service); the fiche's cell spans its services."""
    rows: list[tuple[Cell, ...]] = []
    for _, group in groupby(ledger.lines, key=lambda line: line.annex_number):
        lines = list(group)
        for i, line in enumerate(lines):
            first = (cell(fiche_label(line.annex_number, line.fiche_title), rowspan=len(lines)),) if i == 0 else ()
            rows.append(
                (
                    *first,
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


def _nature(r: ReimbursementLine) -> str:
    return r.nature_label[:1].upper() + r.nature_label[1:]


def _reimbursement_table(ledger: Ledger) -> Table:
    """One row per cost; the (fiche, nature) cell spans the costs of that nature."""
    rows: list[tuple[Cell, ...]] = []
    for _, group in groupby(ledger.reimbursements, key=lambda r: (r.annex_number, r.nature)):
        costs = list(group)
        for i, r in enumerate(costs):
            first = (cell(f"Annexe {r.annex_number} – {_nature(r)}", rowspan=len(costs)),) if i == 0 else ()
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
    return (
        f"Paiement à {conv.facturation.delai_paiement_jours} jours à compter de la réception du titre, "
        f"soit au plus tard le {fr.date(header.due_date)}."
    )


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


def _metadata(conv: Convention, title: str, date: dt.date) -> Metadata:
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
        _references_table(ledger, header),
        Heading(3, "Objet"),
        para(
            f"{conv.facturation.objet} au titre de l'année {ledger.year}, en application de la "
            f"{conv.titre[:1].lower()}{conv.titre[1:]} (référence {conv.reference}) et de ses fiches annexes 1 à "
            f"{len(project.fiches)}, approuvée par {_deliberations(conv)}."
        ),
    ]
    if header.motif and header.kind == "avoir":
        body.append(
            para(
                f"Le présent avoir annule en totalité, pour un montant de {fr.money(amount)}, l'état de "
                f"refacturation n° {header.corrects} de l'exercice {ledger.year}. Motif : {header.motif}. "
                "Un état de refacturation rectifié est émis sous un nouveau numéro."
            )
        )
    elif header.replaces:
        body.append(
            para(
                f"Le présent état annule et remplace l'état de refacturation n° {header.replaces}, annulé par avoir "
                f"(motif : {header.motif})."
            )
        )
    elif header.kind != "facture":
        verb = "annule" if header.kind == "avoir" else "complète"
        body.append(
            para(
                f"Le présent document {verb}, pour un montant de {fr.money(amount)}, l'état de refacturation "
                f"n° {header.corrects} de l'exercice {ledger.year}, dont le total recalculé ci-dessous est "
                f"{fr.money(ledger.total)}."
            )
        )
    body += [
        Heading(3, f"Prestations : pourcentage des charges de personnel de l'année {ledger.reference_year}"),
        _flat_table(ledger),
    ]
    if ledger.reimbursements:
        body += [Heading(3, f"Remboursement des frais réels de l'année {ledger.year}"), _reimbursement_table(ledger)]
    else:
        body.append(para(f"Aucun frais réel à rembourser pour l'année {ledger.year}."))
    body.append(_summary_table(ledger, header))
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
    rep = conv.parties.ville.representant
    body.append(
        SignatureBlock(
            place_date=f"Fait à {conv.lieu_signature}, le {fr.date(header.issue_date)}.",
            signatures=(
                Signature(
                    f"Pour la {conv.parties.ville.nom}, l'ordonnateur", (rep.qualite, f"{rep.civilite} {rep.nom}")
                ),
            ),
        )
    )
    return Document(
        name=header.number,
        meta=_metadata(conv, title, header.issue_date),
        header=f"{conv.parties.ville.nom} – {title}",
        footer=f"{TITLES[header.kind]} – exercice {ledger.year}",
        body=tuple(body),
    )


# --- tables: XLSX and CSV --------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    """A rate in percent (``Decimal("5")`` is 5 %), so that writers can tell it from an amount."""

    percent: Decimal


# A cell value: text, an integer, an amount in euros (Decimal), a rate, a date, or nothing.
SheetValue = str | int | Decimal | Rate | dt.date | None


@dataclass(frozen=True)
class Column:
    title: str
    width: int = 12  # in characters


@dataclass(frozen=True)
class Sheet:
    """A table: a header row, data rows, then total rows (bold).

    ``check`` asks the spreadsheet writer for a row of formulas summing the data rows of the given
    columns (0-based), labelled ``check[0]``: a cross-check the reader can see recalculated, while
    the total rows hold the very values printed on the document.
    """

    name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[SheetValue, ...], ...]
    totals: tuple[tuple[SheetValue, ...], ...] = ()
    check: tuple[str, tuple[int, ...]] | None = None


@dataclass(frozen=True)
class Spreadsheet:
    meta: Metadata
    sheets: tuple[Sheet, ...]


def _lines_sheet(ledger: Ledger) -> Sheet:
    columns = (
        Column("Annexe", 8),
        Column("Fiche", 40),
        Column("Code service", 13),
        Column("Service", 40),
        Column(f"Charges de personnel {ledger.reference_year}", 20),
        Column("Taux", 8),
        Column("Montant", 15),
        Column("Compte", 9),
        Column("Source", 34),
    )
    rows = tuple(
        (
            line.annex_number,
            line.fiche_title,
            line.service_code,
            line.service_label,
            line.base,
            Rate(line.rate),
            line.amount,
            line.imputation,
            str(line.input_row),
        )
        for line in ledger.lines
    )
    total = ("Sous-total des prestations", None, None, None, None, None, ledger.subtotal_flat, None, None)
    return Sheet("Lignes", columns, rows, (total,), ("Contrôle : somme des lignes", (6,)))


def _reimbursements_sheet(ledger: Ledger) -> Sheet:
    columns = (
        Column("Annexe", 8),
        Column("Fiche", 40),
        Column("Nature", 40),
        Column("Date", 12),
        Column("Objet", 45),
        Column("Justificatif", 18),
        Column("Montant", 15),
        Column("Compte", 9),
        Column("Source", 24),
    )
    rows = tuple(
        (
            r.annex_number,
            r.fiche_title,
            _nature(r),
            r.date,
            r.libelle,
            r.justificatif,
            r.amount,
            r.imputation,
            str(r.input_row),
        )
        for r in ledger.reimbursements
    )
    total = ("Sous-total des remboursements", None, None, None, None, None, ledger.subtotal_reimbursements, None, None)
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
    if header.kind != "avoir":
        rows.append(("Échéance", header.due_date))
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
    totals = ((label, amount), ("En lettres", fr.amount_in_words(amount)))
    return Sheet("Récapitulatif", (Column("Rubrique", 44), Column("Valeur", 60)), tuple(rows), totals)


def invoice_spreadsheet(project: Project, ledger: Ledger, header: InvoiceHeader) -> Spreadsheet:
    """The workbook: « Lignes », « Remboursements » and « Récapitulatif » (with the total)."""
    conv = project.convention.model
    return Spreadsheet(
        meta=_metadata(conv, document_title(header), header.issue_date),
        sheets=(_lines_sheet(ledger), _reimbursements_sheet(ledger), _summary_sheet(project, ledger, header)),
    )


CSV_COLUMNS = (
    "type",
    "annexe",
    "fiche",
    "code",
    "libelle",
    "date",
    "base",
    "taux",
    "montant",
    "compte",
    "justificatif",
    "source",
)


def invoice_csv(ledger: Ledger, header: InvoiceHeader) -> Sheet:
    """One row per ledger line (« prestation ») and per reimbursement (« remboursement »), then the total."""
    rows: list[tuple[SheetValue, ...]] = []
    for line in ledger.lines:
        rows.append(
            (
                "prestation",
                line.annex_number,
                line.fiche_id,
                line.service_code,
                line.service_label,
                None,
                line.base,
                Rate(line.rate),
                line.amount,
                line.imputation,
                None,
                str(line.input_row),
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
        None,
        None,
        None,
    )
    return Sheet(header.number, tuple(Column(c) for c in CSV_COLUMNS), tuple(rows), (total,))


# --- the structured invoice (Factur-X) -------------------------------------------------------------


@dataclass(frozen=True)
class EParty:
    name: str
    legal_id: str  # SIRET
    address_lines: tuple[str, ...]
    postcode: str
    city: str
    country: str = "FR"


@dataclass(frozen=True)
class ELine:
    name: str
    description: str
    note: str
    amount: Decimal


@dataclass(frozen=True)
class EInvoice:
    """An invoice as EN 16931 sees it: everything already worded and computed."""

    number: str
    type_code: str  # UNTDID 1001: 380 invoice, 381 credit note
    issue_date: dt.date
    notes: tuple[str, ...]
    seller: EParty
    buyer: EParty
    contract_reference: str
    lines: tuple[ELine, ...]
    period: tuple[dt.date, dt.date]
    vat_exemption_reason: str
    due_date: dt.date | None
    payment_terms: str
    iban: str | None  # None when not known (placeholder)
    bic: str | None
    payee_account_name: str | None
    total: Decimal
    preceding_invoice: str = ""
    currency: str = "EUR"


_POSTCODE_CITY = re.compile(r"^\s*(\d{5})\s+(.+?)\s*$")


def _eparty(p: PartyInfo) -> EParty:
    lines = list(p.adresse)
    postcode, city = "", ""
    if lines and (m := _POSTCODE_CITY.match(lines[-1])):
        postcode, city = m.group(1), m.group(2)
        lines.pop()
    return EParty(p.nom, p.siret, tuple(lines), postcode, city)


def _line_description(line: LedgerLine) -> str:
    return (
        f"{fr.percent(line.rate)} des charges de personnel {line.reference_year} du service {line.service_code} "
        f"({fr.money(line.base)})"
    )


def compose_einvoice(project: Project, ledger: Ledger, header: InvoiceHeader) -> EInvoice:
    conv = project.convention.model
    amount = amount_of(ledger, header)
    if header.kind == "facture":
        lines = [
            ELine(
                name=f"{fiche_label(line.annex_number, line.fiche_title)} : {line.service_label} ({line.service_code})",
                description=_line_description(line),
                note=f"Compte {line.imputation}",
                amount=line.amount,
            )
            for line in ledger.lines
        ] + [
            ELine(
                name=f"Annexe {r.annex_number} – {_nature(r)} : {r.libelle}",
                description=f"Frais du {fr.short_date(r.date)}"
                + (f", justificatif {r.justificatif}" if r.justificatif else ""),
                note=f"Compte {r.imputation}",
                amount=r.amount,
            )
            for r in ledger.reimbursements
        ]
    else:
        what = "Avoir sur" if header.kind == "avoir" else "Complément à"
        if header.motif:
            what = "Annulation de"
        lines = [
            ELine(
                name=f"{what} l'état de refacturation n° {header.corrects} – exercice {ledger.year}",
                description=f"Motif : {header.motif}"
                if header.motif
                else f"Total recalculé de l'exercice {ledger.year} : {fr.money(ledger.total)}",
                note="",
                amount=amount,
            )
        ]
    pay = conv.parties.ville.paiement
    known = pay is not None and not is_placeholder(pay.iban)
    iban = re.sub(r"\s+", "", pay.iban) if known and pay is not None else None
    bic = pay.bic if known and pay is not None and not is_placeholder(pay.bic) else None
    return EInvoice(
        number=header.number,
        type_code="381" if header.kind == "avoir" else "380",
        issue_date=header.issue_date,
        notes=(
            f"{conv.facturation.objet} – exercice {ledger.year}",
            conv.facturation.mention_tva,
            appeal_sentence(conv),
        ),
        seller=_eparty(conv.parties.ville),
        buyer=_eparty(conv.parties.ccas),
        contract_reference=conv.reference,
        lines=tuple(lines),
        period=(dt.date(ledger.year, 1, 1), dt.date(ledger.year, 12, 31)),
        vat_exemption_reason=conv.facturation.mention_tva,
        due_date=None if header.kind == "avoir" else header.due_date,
        payment_terms="" if header.kind == "avoir" else payment_sentence(conv, header),
        iban=iban,
        bic=bic,
        payee_account_name=pay.titulaire if known and pay is not None and not is_placeholder(pay.titulaire) else None,
        total=amount,
        preceding_invoice=header.corrects or header.replaces,
    )
