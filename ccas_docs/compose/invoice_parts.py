"""The parts of the état de refacturation a comptable public checks before taking it in charge.

- :func:`titre_line`: « Titre de recettes n° … – Bordereau n° … », blank lines for the numbers the
  accounting software gives the titre and its bordereau (the état is the titre's supporting
  document, issued before the titre is numbered: the numbers are then recorded in the register,
  never written into an issued file);
- :func:`budget_table`: the full budget coding (budget, chapitre, fonction M57, compte) with the
  amount taken on each compte;
- :func:`bases_sentence`: the certified payroll extract the bases come from, named and dated;
- :func:`contact_lines`: the issuing service the debtor contacts;
- :func:`certification`: « Certifié exact » by the ordonnateur, with his name, first name and
  quality (CGCT L1617-5) and the room for his signature.

Every value comes from ``facturation:`` of convention.yaml, the fiches and the ledger; a value not
configured yet prints « À COMPLÉTER », which stops the invoice from being issued.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from ccas_docs.common import fr
from ccas_docs.document.tree import Signature, SignatureBlock, Table, cell
from ccas_docs.model.types import PLACEHOLDER

if TYPE_CHECKING:
    from ccas_docs.billing.ledger import Ledger
    from ccas_docs.common.diagnostics import Location
    from ccas_docs.model.types import Convention

BLANK = "…" * 8  # a dotted line to complete by hand

ORDONNATEUR_TODO = f"{PLACEHOLDER} (ordonnateur : prénom, nom et qualité)"
EXTRACT_TODO = f"{PLACEHOLDER} (intitulé et date d'édition de l'extrait de la paie)"
CODING_TODO = f"{PLACEHOLDER} (imputation budgétaire : budget, chapitre, fonction)"
CONTACT_TODO = f"{PLACEHOLDER} (service émetteur : téléphone et courriel)"


def titre_line(credit_note: bool = False) -> str:
    """« Titre de recettes n° … – Bordereau n° … » with dotted lines to complete by hand: the numbers
    are given by the accounting software once the état is issued, and recorded in the register
    (``invoice --titre N --bordereau N``), never written into an issued file. A credit note reduces
    or cancels a titre."""
    what = "Réduction ou annulation de titre n°" if credit_note else "Titre de recettes n°"
    return f"{what} {BLANK} – Bordereau n° {BLANK}"


def coding_fields(conv: Convention) -> tuple[str, str, str]:
    """(budget, chapitre, fonction) of the receipt, « À COMPLÉTER » when not configured."""
    coding = conv.facturation.imputation
    if coding is None:
        return CODING_TODO, CODING_TODO, CODING_TODO
    chapitre = f"{coding.chapitre} – {coding.libelle_chapitre}" if coding.libelle_chapitre else coding.chapitre
    return coding.budget, chapitre, coding.fonction


def coding_codes(conv: Convention) -> tuple[str, str, str]:
    """(budget, chapitre, fonction) as codes for a spreadsheet's columns, « À COMPLÉTER » when not configured."""
    coding = conv.facturation.imputation
    if coding is None:
        return CODING_TODO, CODING_TODO, CODING_TODO
    return coding.budget, coding.chapitre, coding.fonction


def line_source(ledger: Ledger, row: Location) -> str:
    """Where a base comes from: the certified payroll extract and its line (the file's, when not named)."""
    extract = ledger.payroll_extract
    if extract is None:
        return str(row)
    return f"{extract.name}, édité le {fr.short_date(extract.edited)}, ligne {row.line}"


def amounts_by_account(ledger: Ledger) -> list[tuple[str, Decimal]]:
    """The amount taken on each compte, in the order the comptes first appear."""
    totals: dict[str, Decimal] = {}
    for account, amount in [(line.imputation, line.amount) for line in ledger.lines] + [
        (r.imputation, r.amount) for r in ledger.reimbursements
    ]:
        totals[account] = totals.get(account, Decimal("0.00")) + amount
    return list(totals.items())


def budget_table(conv: Convention, ledger: Ledger, correction: Decimal | None = None) -> Table:
    """Budget, chapitre, fonction and compte of the receipt, one row per compte with its amount; for a
    correction (credit note, complement) of ``correction`` €, one row naming every compte."""
    budget, chapitre, fonction = coding_fields(conv)
    accounts = amounts_by_account(ledger)
    if correction is not None:
        accounts = [(", ".join(a for a, _ in accounts), correction)]
    total = ledger.total if correction is None else correction
    rows = tuple(
        (
            cell(budget),
            cell(chapitre),
            cell(fonction, role="center"),
            cell(account, role="center"),
            cell(fr.number(amount), role="right"),
        )
        for account, amount in accounts
    )
    header = tuple(cell(h, bold=True) for h in ("Budget", "Chapitre", "Fonction (M57)", "Compte", "Montant (€)"))
    return Table(
        header,
        rows,
        widths=(23, 31, 18, 11, 17),
        align=("left", "left", "center", "center", "right"),
        footer=(
            (
                cell("Total", bold=True),
                cell(""),
                cell(""),
                cell(""),
                cell(fr.number(total), bold=True, role="right"),
            ),
        ),
    )


def bases_sentence(ledger: Ledger) -> str:
    """Where the payroll bases come from: the certified extract, named and dated."""
    extract = ledger.payroll_extract
    if extract is None:
        source = EXTRACT_TODO
    else:
        source = f"« {extract.name} », édité le {fr.date(extract.edited)}"
        if extract.certified_by:
            source += f" et certifié par {extract.certified_by}"
    return (
        f"Bases : charges de personnel de l'année {ledger.reference_year} par service, selon l'extrait certifié "
        f"de la paie {source}."
    )


def contact_lines(conv: Convention) -> list[str]:
    """The issuing service, its phone and e-mail, for the Émetteur block."""
    contact = conv.facturation.contact
    if contact is None:
        return [f"Service : {CONTACT_TODO}"]
    return [f"Service : {contact.service}", f"Tél. : {contact.telephone}", f"Courriel : {contact.courriel}"]


def ordonnateur_lines(conv: Convention) -> tuple[str, ...]:
    """« Prénom Nom » then the quality, as CGCT L1617-5 requires them on a titre."""
    who = conv.facturation.ordonnateur
    if who is None:
        return (ORDONNATEUR_TODO,)
    return (f"{who.prenom} {who.nom}", who.qualite)


def certification(conv: Convention, day: dt.date) -> SignatureBlock:
    """« Certifié exact » by the ordonnateur, with his name, quality and the room for his signature."""
    return SignatureBlock(
        place_date=f"Certifié exact, à {conv.lieu_signature}, le {fr.date(day)}.",
        signatures=(Signature("L'ordonnateur", ordonnateur_lines(conv)),),
    )
