"""The sentence of an invoice that says what it corrects (credit note, complement, cancellation, re-issue)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ccas_docs.common import fr

if TYPE_CHECKING:
    from ccas_docs.billing.ledger import Ledger


def correction_sentence(ledger: Ledger, header: Any, amount: Decimal) -> str:
    """What a credit note, a complementary invoice, a cancellation or a re-issued invoice corrects
    (``header``: the :class:`~ccas_docs.compose.invoice.InvoiceHeader`)."""
    if header.motif and header.kind == "avoir":
        return (
            f"Le présent avoir annule en totalité, pour un montant de {fr.money(amount)}, l'état de refacturation "
            f"n° {header.corrects} de l'exercice {ledger.year}. Motif : {header.motif}. Un état de refacturation "
            "rectifié est émis sous un nouveau numéro."
        )
    if header.replaces:
        return (
            f"Le présent état annule et remplace l'état de refacturation n° {header.replaces}, annulé par avoir "
            f"(motif : {header.motif})."
        )
    if header.kind == "facture":
        return ""
    verb = "annule" if header.kind == "avoir" else "complète"
    return (
        f"Le présent document {verb}, pour un montant de {fr.money(amount)}, l'état de refacturation "
        f"n° {header.corrects} de l'exercice {ledger.year}, dont le total recalculé ci-dessous est "
        f"{fr.money(ledger.total)}."
    )
