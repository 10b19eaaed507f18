"""The parameters prose may name, per scope (the convention's body, or one fiche).

Values are computed on first use: most texts name none, and formatting a date or a number in
words loads Babel or num2words, which ``check`` should not pay for when no text asks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from ccas_docs.common import fr
from ccas_docs.model import clauses
from ccas_docs.model.numbering import Numbering
from ccas_docs.model.prose import Scope
from ccas_docs.model.types import Billing, Convention, Fiche, Organisation


class LazyParams(Mapping[str, str]):
    """A read-only mapping whose values are computed once, when first read."""

    def __init__(self, makers: dict[str, Callable[[], str]]):
        self._makers = makers
        self._values: dict[str, str] = {}

    def __getitem__(self, name: str) -> str:
        if name not in self._values:
            self._values[name] = self._makers[name]()
        return self._values[name]

    def __contains__(self, name: object) -> bool:
        return name in self._makers  # without computing the value, as Mapping's default would

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)


def _convention_makers(conv: Convention) -> dict[str, Callable[[], str]]:
    ville, ccas = conv.parties.ville, conv.parties.ccas
    years = conv.duree_ans
    return {
        "ville": lambda: ville.designation,
        "ccas": lambda: ccas.designation,
        "ville_nom": lambda: ville.nom,
        "ccas_nom": lambda: ccas.nom,
        "duree": lambda: f"{fr.words(years)} ({years}) an{'s' if years > 1 else ''}",
        "date_effet": lambda: fr.date(conv.date_effet),
        "tribunal": lambda: conv.tribunal,
        "lieu": lambda: conv.lieu_signature,
        "delai_paiement": lambda: f"{conv.facturation.delai_paiement_jours} jours",
    }


def _base(billing: Billing, org: Organisation) -> str:
    """The billed services, in words; their codes while one is unknown (``check`` reports it)."""
    try:
        return clauses.base_phrase(billing, org)
    except (KeyError, StopIteration):
        return ", ".join(billing.services)


def convention_params(conv: Convention) -> Mapping[str, str]:
    return LazyParams(_convention_makers(conv))


def convention_scope(conv: Convention, numbering: Numbering) -> Scope:
    return Scope(convention_params(conv), numbering)


def fiche_scope(conv: Convention, fiche: Fiche, org: Organisation, numbering: Numbering) -> Scope:
    billing = fiche.facturation
    makers = _convention_makers(conv)
    makers.update(
        {
            "taux": lambda: fr.percent(billing.taux),
            "base": lambda: _base(billing, org),
            "annee_reference": lambda: clauses.reference_year(billing),
            "fiche": lambda: fiche.titre,
        }
    )
    return Scope(LazyParams(makers), numbering)
