"""The wording of a year billed in parts (pro rata temporis), shared by every view of the invoice."""

from __future__ import annotations

from ccas_docs.billing.ledger import Ledger, LedgerLine
from ccas_docs.billing.prorata import PRORATA_RULE
from ccas_docs.common import fr


def period_note(line: LedgerLine) -> str:
    """« du 1er janvier au 30 juin 2026 : 181 jours sur 365, convention initiale » for a part of the year."""
    if line.period is None:
        return ""
    start, end = line.period
    return (
        f"du {fr.date(start).removesuffix(f' {start.year}')} au {fr.date(end)} : {line.days} jours sur "
        f"{line.year_days}, {line.version}"
    )


def prorata_sentence(ledger: Ledger) -> str:
    """What the split lines mean: the versions in force and the rule (the same as the financial article)."""
    parts = [f"du {fr.date(start)} au {fr.date(end)}, {label}" for start, end, label in ledger.periods]
    return (
        f"Prorata temporis – versions de la convention en vigueur en {ledger.year} : {'; '.join(parts)}. {PRORATA_RULE}"
    )
