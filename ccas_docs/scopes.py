"""The parameters prose may name, per scope (the convention's body, or one fiche)."""

from __future__ import annotations

from . import clauses, fr
from .model import Convention, Fiche, Organisation
from .numbering import Numbering
from .text import Scope


def convention_params(conv: Convention) -> dict[str, str]:
    ville, ccas = conv.parties.ville, conv.parties.ccas
    return {
        "ville": ville.designation,
        "ccas": ccas.designation,
        "ville_nom": ville.nom,
        "ccas_nom": ccas.nom,
        "duree": f"{fr.words(conv.duree_ans)} ({conv.duree_ans}) an{'s' if conv.duree_ans > 1 else ''}",
        "date_effet": fr.date(conv.date_effet),
        "tribunal": conv.tribunal,
        "lieu": conv.lieu_signature,
        "delai_paiement": f"{conv.facturation.delai_paiement_jours} jours",
    }


def convention_scope(conv: Convention, numbering: Numbering) -> Scope:
    return Scope(convention_params(conv), numbering)


def fiche_scope(conv: Convention, fiche: Fiche, org: Organisation, numbering: Numbering) -> Scope:
    billing = fiche.facturation
    params = convention_params(conv)
    params.update(
        {
            "taux": fr.percent(billing.taux),
            "base": clauses.base_phrase(billing, org),
            "annee_reference": clauses.reference_year(billing),
            "fiche": fiche.titre,
        }
    )
    return Scope(params, numbering)
