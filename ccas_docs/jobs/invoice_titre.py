"""``ccas-docs invoice --titre N --bordereau N``: record the numbers of the titre de recettes.

The état de refacturation is the titre's supporting document: it is issued first, then the
ordonnateur issues the titre in the accounting software, which numbers it and its bordereau. The
numbers are recorded in the register as a new line (:meth:`~ccas_docs.registry.invoices.Register.record_titre`);
the issued files, which print blank lines for them, are never rewritten.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ccas_docs.common.diagnostics import Location, UserError, error
from ccas_docs.registry.invoices import Register, register_path
from ccas_docs.registry.titres import TitreEntry


@dataclass(frozen=True)
class TitreResult:
    entry: TitreEntry
    already: bool  # the same numbers were recorded already: nothing written
    register: str


def record_titre(
    root: Path, document: str | None, year: int | None, titre: str, bordereau: str, day: dt.date | None = None
) -> TitreResult:
    """Record ``titre`` and ``bordereau`` for the issued document ``document`` (or, with ``year``,
    for the invoice in force of that billed year)."""
    register = Register(register_path(Path(root)))
    with register.locked():
        if document is None:
            assert year is not None
            invoice = register.find_invoice(year)
            if invoice is None:
                raise UserError(
                    error(
                        Location(register.shown),
                        f"aucune facture émise pour l'exercice {year} : le titre de recettes se rattache à un état "
                        "de refacturation émis",
                        code="titre",
                        hint=f"émettre d'abord la facture : « ccas-docs invoice --year {year} »",
                    )
                )
            document = invoice.numero
        entry, already = register.record_titre(document, titre, bordereau, day or dt.date.today())
    return TitreResult(entry, already, register.shown)
