"""Which documents an ``invoice`` command issues, decided with the register held locked.

One document (the invoice of the year, regenerated or new; a credit note; a complementary
invoice), or two for a cancellation (the credit note for the whole amount, then the re-issued
invoice), each with its header (number, dates, what it corrects) and its register row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ccas_docs.billing.ledger import Ledger
    from ccas_docs.compose.invoice import InvoiceHeader
    from ccas_docs.model.project import Project
    from ccas_docs.registry.invoices import Register, RegisterEntry


@dataclass(frozen=True)
class Planned:
    header: InvoiceHeader
    type: Literal["facture", "avoir"]
    amount: Decimal  # positive
    objet: str
    year: int  # the billed year (exercice)
    reissue: RegisterEntry | None = None  # already issued: regenerate that very document
    corrige: str = ""
    remplace: str = ""
    motif: str = ""

    def row(self, files: Sequence[Path], sources: Sequence[Path]) -> dict[str, object]:
        """The register row of the document (see :meth:`Register.record_many`)."""
        return {
            "numero": self.header.number,
            "type": self.type,
            "annee": self.year,
            "date": self.header.issue_date,
            "total": -self.amount if self.type == "avoir" else self.amount,
            "files": files,
            "objet": self.objet,
            "corrige": self.corrige,
            "remplace": self.remplace,
            "motif": self.motif,
            "sources": sources,
        }


def printed_texts(project: Project, ledger: Ledger) -> list[str]:
    """What an invoice of ``ledger`` prints: its document's words, header and footer, and its XML."""
    from ccas_docs.compose.einvoice import compose_einvoice
    from ccas_docs.compose.invoice import InvoiceHeader, compose_invoice
    from ccas_docs.document.tree import plain_text
    from ccas_docs.writers.facturx import cii_xml

    day = dt.date(ledger.year, 12, 31)
    header = InvoiceHeader("-", "facture", day, day)
    doc = compose_invoice(project, ledger, header)
    xml = cii_xml(compose_einvoice(project, ledger, header))
    return [*plain_text(doc), doc.header, doc.footer, xml.decode("utf-8") if isinstance(xml, bytes) else str(xml)]


def plan_documents(
    register: Register,
    project: Project,
    ledger: Ledger,
    correction: Literal["avoir", "complement"] | None,
    date: dt.date | None,
    today: dt.date | None,
    cancel: str | None,
    motif: str,
) -> list[Planned] | tuple[Decimal, tuple[RegisterEntry, ...]]:
    """The documents to issue; ``(net amount, corrections)`` when the year is corrected already."""
    from ccas_docs.compose.invoice import InvoiceHeader
    from ccas_docs.registry.invoice_plans import plan_avoir, plan_cancellation, plan_complement, plan_invoice

    conv = project.convention
    settings = conv.model.facturation
    where = conv.source.locate(("facturation", "numero"), value=True)
    delay = dt.timedelta(days=settings.delai_paiement_jours)
    year = ledger.year
    if cancel is not None:
        issued = date or max(today or dt.date.today(), *(e.date for e in register.for_year(year)))
        c = plan_cancellation(register, settings, cancel, motif, issued, ledger.total, where)
        amount = c.avoir.amount
        avoir = InvoiceHeader(c.avoir.numero, "avoir", c.date, c.date + delay, cancel, amount, c.motif, amount)
        again = InvoiceHeader(c.numero, "facture", c.date, c.date + delay, motif=c.motif, replaces=cancel)
        return [
            Planned(avoir, "avoir", c.avoir.amount, c.avoir.objet, corrige=cancel, motif=c.motif, year=year),
            Planned(again, "facture", ledger.total, c.objet, remplace=cancel, motif=c.motif, year=year),
        ]
    if correction is None:
        plan = plan_invoice(register, settings, year, ledger.total, where)
        if plan.status == "corrigee":
            return register.net_total(year), plan.corrections
        reissue = register.find(plan.numero) if plan.status == "existante" else None
        header = InvoiceHeader(plan.numero, "facture", plan.date, plan.date + delay)
        if reissue is not None and reissue.remplace:
            header = InvoiceHeader(
                plan.numero, "facture", plan.date, plan.date + delay, motif=reissue.motif, replaces=reissue.remplace
            )
        return [Planned(header, "facture", ledger.total, plan.objet, year, reissue)]
    original = register.find_invoice(year)
    corrections = register.corrections(year)
    last = corrections[-1] if corrections else None
    wanted = "avoir" if correction == "avoir" else "facture"
    if original is not None and last is not None and last.type == wanted and register.net_total(year) == ledger.total:
        # already issued: regenerate that very document
        header = InvoiceHeader(last.numero, correction, last.date, last.date + delay, original.numero, abs(last.total))
        return [Planned(header, wanted, abs(last.total), last.objet, year, last, corrige=original.numero)]
    issued = date or max(today or dt.date.today(), original.date if original else dt.date.min)
    planner = plan_avoir if correction == "avoir" else plan_complement
    cplan = planner(register, settings, year, ledger.total, issued, where)
    header = InvoiceHeader(cplan.numero, correction, cplan.date, cplan.date + delay, cplan.corrects, cplan.amount)
    return [Planned(header, cplan.type, cplan.amount, cplan.objet, corrige=cplan.corrects, year=year)]
