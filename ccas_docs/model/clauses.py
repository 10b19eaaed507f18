"""Sentences generated from billing parameters: the single source of the cost clauses' wording.

The contract's « Coût à prendre en charge » clause, the financial article's table and the invoice
lines all call these functions on the same :class:`~ccas_docs.model.Billing` object.
"""

from __future__ import annotations

from dataclasses import dataclass

from ccas_docs.common import fr
from ccas_docs.model.types import Billing, Delegation, Deliberation, Direction, Fiche, Organisation, Service

COST_SECTION_TITLE = "Coût à prendre en charge par le CCAS"
# the rule of a year billed in parts: stated under the financial table and on the invoice
PRORATA_RULE = (
    "Lorsqu'un avenant modifie en cours d'année le taux, les services servant de base ou l'année de "
    "référence d'une fiche, le montant de cette fiche est réparti au prorata du nombre de jours de chaque "
    "période (l'année comptant 365 ou 366 jours) : chaque période est facturée avec les paramètres "
    "alors en vigueur et son montant est arrondi au centime, la demi-unité étant arrondie au centime supérieur."
)


def services_of(billing: Billing, org: Organisation) -> list[Service]:
    by_code = {s.code: s for s in org.services}
    return [by_code[c] for c in billing.services]


def direction_of(service: Service, org: Organisation) -> Direction:
    return next(d for d in org.directions if d.id == service.direction)


def base_label(billing: Billing, org: Organisation) -> str:
    """What the payroll base is, in a noun phrase: « service communication », « Direction … (…) »."""
    services = services_of(billing, org)
    if len(services) == 1:
        return services[0].libelle
    direction = direction_of(services[0], org)
    return f"{direction.libelle} ({', '.join(s.libelle for s in services)})"


def base_phrase(billing: Billing, org: Organisation) -> str:
    """The same, after « des charges de personnel »: « du service communication »."""
    services = services_of(billing, org)
    if len(services) == 1:
        return fr.de(services[0].article, services[0].libelle)
    direction = direction_of(services[0], org)
    return f"{fr.de(direction.article, direction.libelle)} ({', '.join(s.libelle for s in services)})"


def reference_year(billing: Billing) -> str:
    return f"N-{billing.annee_reference}"


def cost_sentence(billing: Billing, org: Organisation) -> str:
    return (
        "Les prestations de la ville seront facturées en fin d'année sur la base d'un pourcentage fixé à "
        f"{fr.percent(billing.taux)} des charges de personnel {base_phrase(billing, org)} "
        f"de l'année {reference_year(billing)}."
    )


def reimbursement_sentences(billing: Billing) -> list[str]:
    return [f"Le C.C.A.S. rembourse à la ville {r.libelle}." for r in billing.remboursements]


# how each ``hors_facture`` mechanism is worded: the source's own words (fiche technique, process table)
OFF_INVOICE = {
    "subvention-equilibre": "ne sont pas facturées : elles sont répercutées en année N+1 sur le budget du C.C.A.S. "
    "lors du calcul de la subvention d'équilibre",
}


def off_invoice_sentences(billing: Billing) -> list[str]:
    return [f"{h.libelle[:1].upper()}{h.libelle[1:]} {OFF_INVOICE[h.mecanisme]}." for h in billing.hors_facture]


@dataclass(frozen=True)
class CostSentence:
    """One generated sentence of a cost clause, the key of its paragraph and the YAML field that backs it."""

    text: str
    key: str  # « cout », « cout/<nature> », « cout/hors-facture/<nature> »
    field: tuple[str | int, ...]  # the YAML path of the ``source`` quote backing the sentence
    source: str | None


def cost_sentences(fiche: Fiche, org: Organisation) -> list[CostSentence]:
    """The generated « Coût à prendre en charge par le CCAS » section, sentence by sentence."""
    billing = fiche.facturation
    out = [CostSentence(cost_sentence(billing, org), "cout", ("facturation", "source"), billing.source)]
    for i, (r, text) in enumerate(zip(billing.remboursements, reimbursement_sentences(billing), strict=True)):
        out.append(CostSentence(text, f"cout/{r.nature}", ("facturation", "remboursements", i, "source"), r.source))
    for i, (h, text) in enumerate(zip(billing.hors_facture, off_invoice_sentences(billing), strict=True)):
        key, field = f"cout/hors-facture/{h.nature}", ("facturation", "hors_facture", i, "source")
        out.append(CostSentence(text, key, field, h.source))
    return out


def cost_clause(fiche: Fiche, org: Organisation) -> list[str]:
    """The paragraphs of the generated « Coût à prendre en charge par le CCAS » section."""
    return [s.text for s in cost_sentences(fiche, org)]


def deliberation_text(d: Deliberation) -> str:
    """« délibération du conseil municipal n° 2025-042 du 3 mars 2025 » (contract and invoice alike)."""
    when = d.date if isinstance(d.date, str) else fr.date(d.date)
    return f"délibération du {d.organe[:1].lower()}{d.organe[1:]} n° {d.numero} du {when}"


def delegation_text(d: Delegation) -> str:
    """« par délégation, en vertu de la délibération du conseil d'administration du CCAS n° … du … »."""
    when = d.date if isinstance(d.date, str) else fr.date(d.date)
    article = "l'" if d.acte[:1].lower() in "aâeéèêiîoôuy" else "la "
    return f"par délégation, en vertu de {article}{d.acte} n° {d.numero} du {when}"


def delegation_is_deliberation(d: Delegation, deliberation: Deliberation) -> bool:
    """Whether the act of delegation is the deliberation itself (one act approves the convention and
    lets the vice-president sign it): the contract then cites it once, not twice in a row."""
    same_organ = d.acte.lower() == f"délibération du {deliberation.organe.lower()}"
    return same_organ and d.numero.strip() == deliberation.numero.strip() and d.date == deliberation.date


AGREEMENT = {"Madame": "e", "Monsieur": ""}  # the ending a civility gives « habilité », « Vice-président »


def agreed(civilite: str) -> str | None:
    """The ending that agrees with a signatory's civility (« e », « »), None while it is not one of them."""
    return AGREEMENT.get(civilite.strip())
