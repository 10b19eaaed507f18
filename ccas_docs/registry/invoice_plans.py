"""Numbering and correction rules of the invoices' register (:mod:`ccas_docs.registry.invoices`).

- Numbers follow ``facturation.numero`` of convention.yaml (``{annee}`` and ``{sequence}``). The
  sequence is continuous per calendar year of issue, over invoices and credit notes together, as
  French invoicing rules require a chronological, gapless series: an invoice for year N is issued in
  year N (``date_emission``); a credit note issued in N+1 takes the next number of N+1's series.
- An issued invoice is never modified. Regenerating it with the same total gives back its number
  and date (the documents are reproducible); a different total is refused with the way out: a credit
  note (``--avoir``) when the new total is lower, a complementary invoice (``--complement``) when it
  is higher; whatever else was wrong (a SIRET, an address), a cancellation (``--annule``): a credit
  note for the whole amount billed, then the corrected invoice under the next number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from ccas_docs.billing.schedule import billing_date
from ccas_docs.common import fr
from ccas_docs.common.diagnostics import Diagnostic, Location, UserError, error
from ccas_docs.model.invoicing import NUMBER_PATTERN_HINT, number_pattern_problem
from ccas_docs.model.types import InvoiceSettings

if TYPE_CHECKING:  # invoices.py imports this module at its end
    from ccas_docs.registry.invoices import Register, RegisterEntry

Kind = Literal["facture", "avoir"]


@dataclass(frozen=True)
class InvoicePlan:
    """What to do for the invoice of a year.

    ``status``:
      - ``nouvelle``: not issued yet; write the documents, then :meth:`Register.record` them;
      - ``existante``: already issued with this very total; regenerate the documents with the same
        number and date (nothing to record);
      - ``corrigee``: already issued and corrected (credit note or complementary invoice) to this
        total: nothing to issue; do not rewrite the original invoice's documents.
    """

    status: Literal["nouvelle", "existante", "corrigee"]
    numero: str
    annee: int
    date: dt.date
    total: Decimal
    objet: str
    corrections: tuple[RegisterEntry, ...] = ()


@dataclass(frozen=True)
class CorrectionPlan:
    """A credit note (``avoir``) or a complementary invoice (``facture``) correcting a year's invoice."""

    type: Kind
    numero: str
    annee: int  # the billed year it corrects
    date: dt.date
    amount: Decimal  # positive: the amount cancelled (avoir) or billed on top (complement)
    corrects: str  # number of the original invoice
    previous_total: Decimal  # net amount billed for the year before this correction
    new_total: Decimal  # net amount after it (the ledger's total)
    objet: str

    @property
    def register_total(self) -> Decimal:
        """The signed amount for the register: negative for an avoir."""
        return -self.amount if self.type == "avoir" else self.amount


def format_number(settings: InvoiceSettings, year: int, sequence: int, where: Location | None = None) -> str:
    """The number ``sequence`` of year ``year``'s series; refused (:class:`UserError`) when the pattern
    cannot be filled, or gives the same number to two documents (no ``{sequence}``, an empty pattern,
    a sequence rounded away), or a number that cannot name a file."""
    why = number_pattern_problem(settings.numero, year, sequence)
    if not why:
        return settings.numero.format(annee=year, sequence=sequence)
    raise UserError(
        error(
            where or Location("convention.yaml"),
            f"modèle de numéro de facture « {settings.numero} » invalide ({why})",
            code="numero-facture",
            hint=NUMBER_PATTERN_HINT,
        )
    )


def next_number(
    register: Register, settings: InvoiceSettings, year: int, where: Location | None = None, offset: int = 0
) -> str:
    """The next number of calendar year ``year``'s series (invoices and credit notes together);
    ``offset`` 1 gives the one after it (two documents issued together)."""
    sequence = len(register.issued_in(year)) + 1 + offset
    numero = format_number(settings, year, sequence, where)
    clash = register.find(numero)
    if clash is not None:
        raise UserError(
            error(
                clash.location,
                f"le numéro suivant de {year}, « {numero} », est déjà utilisé : le registre a été modifié à la main "
                "ou le modèle de numéro a changé",
                code="numero-facture",
                hint="rétablir le registre depuis l'historique git : chaque année, les numéros se suivent sans trou",
            )
        )
    return numero


def plan_invoice(
    register: Register, settings: InvoiceSettings, year: int, total: Decimal, where: Location | None = None
) -> InvoicePlan:
    """Decide the number of the invoice of ``year`` for ``total`` (see :class:`InvoicePlan`).

    Raise :class:`UserError` when an invoice was already issued for the year with another amount:
    it is never modified; the message gives the command for the credit note or complementary invoice.
    """
    objet = f"{settings.objet} – année {year}"
    original = register.find_invoice(year)
    if original is None:
        day = billing_date(settings, year)
        return InvoicePlan("nouvelle", next_number(register, settings, day.year, where), year, day, total, objet)
    corrections = tuple(register.corrections(year))
    if not corrections and original.total == total:
        return InvoicePlan("existante", original.numero, year, original.date, total, original.objet or objet)
    net = register.net_total(year)
    if corrections and net == total:
        return InvoicePlan("corrigee", original.numero, year, original.date, total, original.objet, corrections)
    raise UserError(_already_issued(original, corrections, net, total, year))


def _already_issued(
    original: RegisterEntry, corrections: tuple[RegisterEntry, ...], net: Decimal, total: Decimal, year: int
) -> list[Diagnostic]:
    issued = (
        f"la facture N° {original.numero} du {fr.date(original.date)} a déjà été émise pour {fr.money(original.total)}"
    )
    if corrections:
        names = [
            ("l'avoir" if c.type == "avoir" else "la facture complémentaire") + f" N° {c.numero}" for c in corrections
        ]
        issued += f" (montant net après {fr.join(names)} : {fr.money(net)})"
    difference = abs(total - net)
    message = f"{issued} ; le calcul donne maintenant {fr.money(total)} : une facture émise n'est jamais modifiée"
    if total < net:
        hint = (
            f"pour annuler la différence de {fr.money(difference)}, émettre un avoir : "
            f"« ccas-docs invoice --year {year} --avoir » ; il est enregistré au registre avec son propre numéro"
        )
    else:
        hint = (
            f"le nouveau total dépasse de {fr.money(difference)} le montant facturé : un avoir ne sert qu'à annuler "
            f"un montant ; émettre une facture complémentaire : « ccas-docs invoice --year {year} --complement »"
        )
    return [error(original.location, message, code="facture-emise", hint=hint)]


def plan_avoir(
    register: Register,
    settings: InvoiceSettings,
    year: int,
    total: Decimal,
    issued: dt.date,
    where: Location | None = None,
) -> CorrectionPlan:
    """The credit note that brings the net amount billed for ``year`` down to ``total``."""
    return _plan_correction(register, settings, year, total, issued, "avoir", where)


def plan_complement(
    register: Register,
    settings: InvoiceSettings,
    year: int,
    total: Decimal,
    issued: dt.date,
    where: Location | None = None,
) -> CorrectionPlan:
    """The complementary invoice that brings the net amount billed for ``year`` up to ``total``."""
    return _plan_correction(register, settings, year, total, issued, "facture", where)


def _plan_correction(
    register: Register,
    settings: InvoiceSettings,
    year: int,
    total: Decimal,
    issued: dt.date,
    kind: Kind,
    where: Location | None,
) -> CorrectionPlan:
    what = "un avoir" if kind == "avoir" else "une facture complémentaire"
    original = register.find_invoice(year)
    if original is None:
        raise UserError(
            error(
                Location(register.shown),
                f"aucune facture n'a été émise pour {year} : rien à corriger par {what}",
                code="correction",
                hint=f"émettre la facture : « ccas-docs invoice --year {year} »",
            )
        )
    net = register.net_total(year)
    if total == net:
        raise UserError(
            error(
                original.location,
                f"le montant facturé pour {year} est déjà {fr.money(net)}, le total du calcul : rien à corriger",
                code="correction",
            )
        )
    if kind == "avoir" and total > net:
        raise UserError(
            error(
                original.location,
                f"le calcul ({fr.money(total)}) dépasse le montant facturé pour {year} ({fr.money(net)}) : "
                "un avoir ne sert qu'à annuler un montant",
                code="correction",
                hint=f"émettre une facture complémentaire : « ccas-docs invoice --year {year} --complement »",
            )
        )
    if kind == "facture" and total < net:
        raise UserError(
            error(
                original.location,
                f"le calcul ({fr.money(total)}) est inférieur au montant facturé pour {year} ({fr.money(net)}) : "
                "une facture complémentaire ne peut qu'ajouter un montant",
                code="correction",
                hint=f"émettre un avoir : « ccas-docs invoice --year {year} --avoir »",
            )
        )
    if issued < original.date:
        raise UserError(
            error(
                original.location,
                f"{what} ne peut pas être daté{'' if kind == 'avoir' else 'e'} du {fr.date(issued)}, avant la facture "
                f"N° {original.numero} "
                f"du {fr.date(original.date)}",
                code="correction",
            )
        )
    numero = next_number(register, settings, issued.year, where)
    if kind == "avoir":
        objet = f"Avoir sur la facture N° {original.numero} – {settings.objet}, année {year}"
    else:
        objet = f"Facture complémentaire à la facture N° {original.numero} – {settings.objet}, année {year}"
    return CorrectionPlan(
        type=kind,
        numero=numero,
        annee=year,
        date=issued,
        amount=abs(total - net),
        corrects=original.numero,
        previous_total=net,
        new_total=total,
        objet=objet,
    )


@dataclass(frozen=True)
class CancellationPlan:
    """``invoice --annule``: a credit note for the whole amount billed, then the corrected invoice."""

    avoir: CorrectionPlan  # amount: the net amount billed for the year (invoice and its corrections)
    cancelled: RegisterEntry
    numero: str  # of the re-issued invoice
    date: dt.date  # of both
    motif: str
    objet: str  # of the re-issued invoice


def plan_cancellation(
    register: Register,
    settings: InvoiceSettings,
    numero: str,
    motif: str,
    issued: dt.date,
    total: Decimal,
    where: Location | None = None,
) -> CancellationPlan:
    """Cancel issued invoice ``numero`` for ``motif`` and re-issue it for ``total`` (the ledger's).

    Refused (:class:`UserError`, nothing written) for a number not in the register, a credit note,
    a complementary invoice (cancel the invoice it completes) or an invoice already cancelled.
    """
    entry = register.find(numero)
    shown = Location(register.shown)
    hint = "« ccas-docs schedule » ou le registre listent les numéros émis"
    if entry is None:
        invoices = [e.numero for e in register.entries if e.type == "facture"]
        known = f" ; factures enregistrées : {fr.join(invoices)}" if invoices else " ; aucune facture n'est enregistrée"
        raise UserError(
            error(
                shown, f"aucun document N° {numero} au registre : rien à annuler{known}", code="annulation", hint=hint
            )
        )
    if entry.type == "avoir":
        raise UserError(
            error(
                entry.location,
                f"le N° {numero} est un avoir : seule une facture s'annule",
                code="annulation",
                hint=f"annuler la facture qu'il corrige : « ccas-docs invoice --annule {entry.corrige} --motif … »"
                if entry.corrige
                else hint,
            )
        )
    if entry.corrige:
        raise UserError(
            error(
                entry.location,
                f"le N° {numero} est une facture complémentaire de la facture N° {entry.corrige} : "
                "annuler la facture d'origine, l'avoir reprend tout le montant facturé pour l'année",
                code="annulation",
                hint=f"« ccas-docs invoice --annule {entry.corrige} --motif … »",
            )
        )
    cancellation = register.cancellation_of(numero)
    if cancellation is not None:
        again = register.find_invoice(entry.annee)
        raise UserError(
            error(
                entry.location,
                f"la facture N° {numero} est déjà annulée par l'avoir N° {cancellation.numero} du "
                f"{fr.date(cancellation.date)}",
                code="annulation",
                hint=f"la facture en vigueur pour {entry.annee} est la N° {again.numero} : l'annuler à son tour si "
                "besoin"
                if again is not None
                else "",
            )
        )
    if not motif.strip():
        raise UserError(
            error(shown, "une annulation demande son motif : --motif « … »", code="annulation")
        )  # pragma: no cover - the command line requires it
    year = entry.annee
    last = max((e.date for e in register.for_year(year)), default=entry.date)
    if issued < last:
        raise UserError(
            error(
                entry.location,
                f"l'annulation ne peut pas être datée du {fr.date(issued)}, avant le dernier document émis pour "
                f"{year} ({fr.date(last)})",
                code="annulation",
            )
        )
    net = register.net_total(year)
    avoir = CorrectionPlan(
        type="avoir",
        numero=next_number(register, settings, issued.year, where),
        annee=year,
        date=issued,
        amount=net,
        corrects=numero,
        previous_total=net,
        new_total=Decimal("0.00"),
        objet=f"Avoir d'annulation de la facture N° {numero} – {settings.objet}, année {year}",
    )
    return CancellationPlan(
        avoir=avoir,
        cancelled=entry,
        numero=next_number(register, settings, issued.year, where, offset=1),
        date=issued,
        motif=motif.strip(),
        objet=f"{settings.objet} – année {year} (remplace la facture N° {numero})",
    )
