"""The invoice's settings (``facturation:`` of convention.yaml): numbering, dates, mentions, the
budget coding of the receipt, the ordonnateur who certifies it and the service to contact.

Kept apart from :mod:`ccas_docs.model.types` (which re-exports :class:`InvoiceSettings`) so that
each module stays short; the classes follow the same rules (unknown keys refused, frozen).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

M57_ACCOUNT = r"^[0-9]{2,8}$"  # a compte of the M57 nomenclature, ex. « 70841 »
PLACEHOLDER_OR_DIGITS = r"^([0-9]{1,4}|(À|A) COMPL[EÉ]TER.*)$"


# an invoice number names its files (output/factures/2025/2025-CCAS-001.pdf) and its register cells
NOT_IN_A_FILE_NAME = '/\\|:*?"<>'
NUMBER_PATTERN_HINT = "écrire par exemple « {annee}-CCAS-{sequence:03d} » : seuls {annee} et {sequence} sont remplacés"


def number_pattern_problem(pattern: str, year: int = 2025, sequence: int = 1) -> str:
    """Why ``pattern`` cannot number the invoices (« » when it can): it does not format, it gives
    two documents of a year the same number (no ``{sequence}``), or a number that cannot name a file.
    Checked where convention.yaml is read, and again by the numbering for the actual sequence."""
    try:
        number = pattern.format(annee=year, sequence=sequence)
        if number == pattern.format(annee=year, sequence=sequence + 1):
            return "sans {sequence}, deux documents de l'année auraient le même numéro"
    except (KeyError, IndexError, ValueError, AttributeError, TypeError) as exc:  # « {annee[0]} »: TypeError
        return f"« {{{exc.args[0]}}} » inconnu" if isinstance(exc, KeyError) and exc.args else "accolades mal formées"
    bad = list(dict.fromkeys(c for c in number if c in NOT_IN_A_FILE_NAME or ord(c) < 32))
    if bad:
        shown = ", ".join(f"« {c} »" if ord(c) >= 32 else f"U+{ord(c):04X}" for c in bad)
        verb = "ne peut" if len(bad) == 1 else "ne peuvent"
        return f"il donnerait « {number} » : {shown} {verb} pas figurer dans un numéro, qui nomme aussi ses fichiers"
    return ""


def _number_pattern(value: str) -> str:
    why = number_pattern_problem(value)
    if why:
        raise PydanticCustomError(
            "numero-facture",
            "modèle de numéro de facture « {valeur} » invalide ({pourquoi})",
            {"valeur": value, "pourquoi": why},
        )
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class BudgetCoding(_Strict):
    """Where the city's accounts take the receipt: budget, chapitre and fonction (M57); the compte
    is each fiche's ``facturation.imputation``, which must belong to the chapitre."""

    budget: str = Field(default="Budget principal de la commune", description="budget qui encaisse la recette")
    chapitre: str = Field(
        default="70",
        pattern=r"^[0-9]{2,3}$",
        description="chapitre budgétaire de la recette, ex. « 70 » (produits des services, du domaine et ventes "
        "diverses)",
    )
    libelle_chapitre: str = Field(
        default="Produits des services, du domaine et ventes diverses", description="intitulé du chapitre"
    )
    fonction: Annotated[str, Field(pattern=PLACEHOLDER_OR_DIGITS)] = Field(
        description="fonction de la nomenclature fonctionnelle M57 (chiffres, ex. « 020 »), ou « À COMPLÉTER »"
    )


class Ordonnateur(_Strict):
    """Who issues the titre de recettes and certifies the état (CGCT L1617-5: nom, prénom, qualité)."""

    prenom: str
    nom: str
    qualite: str = Field(description="qualité de l'ordonnateur, ex. « Maire de Porto-Vecchio » ou « Adjoint délégué »")


class IssuingService(_Strict):
    """The service the debtor contacts about the invoice."""

    service: str
    telephone: str
    courriel: str


class InvoiceSettings(_Strict):
    numero: Annotated[str, AfterValidator(_number_pattern)] = Field(
        default="{annee}-CCAS-{sequence:03d}",
        description="modèle du numéro de facture : {annee} et {sequence} sont remplacés",
    )
    date_emission: str = Field(
        default="12-15", pattern=r"^[0-9][0-9]-[0-9][0-9]$", description="MM-JJ de l'année facturée"
    )
    delai_paiement_jours: int = Field(default=30, ge=0, le=365)
    mention_tva: str = "TVA non applicable – article 256 B du CGI"
    objet: str = Field(default="Refacturation des services mutualisés")
    imputation: BudgetCoding | None = Field(
        default=None, description="imputation budgétaire de la recette : budget, chapitre, fonction M57"
    )
    ordonnateur: Ordonnateur | None = Field(
        default=None, description="l'ordonnateur qui certifie l'état exact (nom, prénom, qualité)"
    )
    contact: IssuingService | None = Field(default=None, description="le service émetteur à contacter")


class PayrollExtractInfo(_Strict):
    """The sidecar of a payroll file (``data/charges-personnel/<année>.yaml``): the certified
    extract of the payroll software the bases come from, named and dated."""

    extrait: str = Field(
        min_length=1,
        description="intitulé de l'extrait de la paie, ex. « Extrait certifié de la paie – charges de personnel "
        "par service, exercice 2024 »",
    )
    edite_le: dt.date = Field(description="date d'édition de l'extrait (AAAA-MM-JJ)")
    certifie_par: str = Field(
        default="", description="qui a certifié l'extrait, ex. « la directrice des ressources humaines »"
    )
