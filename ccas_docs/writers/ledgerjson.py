"""The ledger as JSON, for tools and for ``ccas-docs invoice --format json``.

Amounts, bases and rates are strings (``"1234.56"``, ``"5"``) so that no JSON reader turns them into
binary floats; keys are French like the rest of the command line's JSON output.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ccas_docs.billing.ledger import CENT, Ledger
from ccas_docs.common import fr


def decimal_text(value: Decimal) -> str:
    """A rate as written: ``Decimal("5")`` → ``"5"``, ``Decimal("5.50")`` → ``"5.5"``."""
    return format(value.normalize(), "f")


def amount_text(value: Decimal) -> str:
    """An amount with its two decimals: ``"1234.50"``."""
    return str(value.quantize(CENT))


def ledger_as_json(ledger: Ledger) -> dict[str, Any]:
    return {
        "annee": ledger.year,
        "annee_reference": ledger.reference_year,
        "estimation": ledger.estimate,
        "periodes": [
            {"du": start.isoformat(), "au": end.isoformat(), "jours": (end - start).days + 1, "version": label}
            for start, end, label in ledger.periods
        ],
        "prorata": ledger.split,
        "lignes": [
            {
                "annexe": line.annex_number,
                "fiche": line.fiche_id,
                "intitule_fiche": line.fiche_title,
                "service": line.service_code,
                "libelle_service": line.service_label,
                "base": amount_text(line.base),
                "taux": decimal_text(line.rate),
                "montant": amount_text(line.amount),
                "annee_reference": line.reference_year,
                "imputation": line.imputation,
                "estimation": line.estimate,
                "parametre": str(line.parameter),
                "source": str(line.input_row),
                "periode": None
                if line.period is None
                else {
                    "du": line.period[0].isoformat(),
                    "au": line.period[1].isoformat(),
                    "jours": line.days,
                    "jours_annee": line.year_days,
                },
                "version": line.version,
            }
            for line in ledger.lines
        ],
        "remboursements": [
            {
                "annexe": r.annex_number,
                "fiche": r.fiche_id,
                "intitule_fiche": r.fiche_title,
                "nature": r.nature,
                "libelle_nature": r.nature_label,
                "date": r.date.isoformat(),
                "libelle": r.libelle,
                "montant": amount_text(r.amount),
                "justificatif": r.justificatif,
                "imputation": r.imputation,
                "source": str(r.input_row),
            }
            for r in ledger.reimbursements
        ],
        "sous_total_forfaitaire": amount_text(ledger.subtotal_flat),
        "sous_total_remboursements": amount_text(ledger.subtotal_reimbursements),
        "total": amount_text(ledger.total),
        "total_en_lettres": fr.amount_in_words(ledger.total),
    }
