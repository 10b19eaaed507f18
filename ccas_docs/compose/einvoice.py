"""Compose the structured invoice (EN 16931, serialised as Factur-X CII XML) from the ledger."""

from __future__ import annotations

import datetime as dt
import re

from ccas_docs.billing.ledger import Ledger, LedgerLine
from ccas_docs.common import fr
from ccas_docs.compose.invoice import (
    InvoiceHeader,
    amount_of,
    appeal_sentence,
    fiche_label,
    nature_label,
    payment_sentence,
    period_note,
)
from ccas_docs.document.einvoice import EInvoice, ELine, EParty
from ccas_docs.model.project import Project
from ccas_docs.model.types import PartyInfo, is_placeholder

_POSTCODE_CITY = re.compile(r"^\s*([0-9]{5})\s+(.+?)\s*$")


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
        f"({fr.money(line.base)})" + (f", {period_note(line)}" if line.period else "")
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
                name=f"Annexe {r.annex_number} – {nature_label(r)} : {r.libelle}",
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
        due_date=None,  # the delay runs from the titre's reception: no date is known at issue (BT-20 says it)
        payment_terms="" if header.kind == "avoir" else payment_sentence(conv, header),
        iban=iban,
        bic=bic,
        payee_account_name=pay.titulaire if known and pay is not None and not is_placeholder(pay.titulaire) else None,
        total=amount,
        preceding_invoice=header.corrects or header.replaces,
    )
