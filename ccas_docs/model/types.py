"""The typed model of the convention: parties, articles, annex fiches, billing parameters.

Every class forbids unknown keys so that a typo is reported (with « vouliez-vous dire … ? ») rather
than silently ignored. Field names are the French keys the YAML files use. Percentages are written
as a French user writes them (``5 %``) and stored exactly as :class:`~decimal.Decimal` percent.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Annotated, Any, Literal

# pydantic looks for plugins in the entry points of every installed distribution the first time a
# model is built (≈ 50 ms of ``check``); this tool uses none. An explicit setting is respected.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from ccas_docs.model.invoicing import M57_ACCOUNT, InvoiceSettings
from ccas_docs.model.values import Percent, ReferenceYear

PLACEHOLDER = "À COMPLÉTER"
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

Id = Annotated[
    str,
    Field(pattern=ID_PATTERN, description="identifiant stable : minuscules, chiffres et tirets (ex. « rh »)"),
]


def is_placeholder(value: object) -> bool:
    return isinstance(value, str) and value.strip().upper().startswith(PLACEHOLDER)


def _text_item(value: Any) -> Any:
    return {"texte": value} if isinstance(value, str) else value


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- prose --------------------------------------------------------------------------------------


class ListItem(Strict):
    """A bullet, possibly with nested bullets. Written as a plain string when it has neither."""

    id: Id | None = None
    texte: str
    items: list[Annotated[ListItem, BeforeValidator(_text_item, json_schema_input_type=str | ListItem)]] = Field(
        default_factory=list
    )


Bullet = Annotated[ListItem, BeforeValidator(_text_item, json_schema_input_type=str | ListItem)]
Party = Literal["ccas", "commune"]


class UseCase(Strict):
    usage: str = Field(description="cas d'usage (nature de l'intervention)")
    charge: Party = Field(description="partie qui a la responsabilité et la charge : « ccas » ou « commune »")


class Premises(Strict):
    locaux: str = Field(description="locaux concernés")
    cas: list[UseCase] = Field(min_length=1)


class ResponsibilityTable(Strict):
    """One domain of the services techniques responsibility tables."""

    domaine: str
    lignes: list[Premises] = Field(min_length=1)


class ProcessCase(Strict):
    """The intervention process when the responsibility lies with one party."""

    charge: Party
    contenu: list[Block] = Field(min_length=1)


class Block(Strict):
    """One block of prose: exactly one of its content keys is set."""

    id: Id | None = None
    paragraphe: str | None = None
    intertitre: str | None = None
    niveau: Literal[1, 2] | None = Field(
        default=None,
        description="niveau de l'intertitre : 1 (par défaut) ou 2 pour un intertitre placé sous l'intertitre de "
        "niveau 1 qui le précède (« Les matériels » sous « Les postes de travail »)",
    )
    liste: list[Bullet] | None = None
    liste_numerotee: list[Bullet] | None = None
    responsabilites: ResponsibilityTable | None = None
    processus: list[ProcessCase] | None = None
    tableau_financier: bool | None = Field(
        default=None, description="insère le tableau des modalités financières généré depuis les fiches"
    )
    liste_annexes: bool | None = Field(
        default=None, description="insère la liste numérotée des fiches annexes, générée depuis les fiches"
    )

    @property
    def kind(self) -> str:
        for name in CONTENT_KEYS:
            if getattr(self, name) is not None:
                return name
        raise AssertionError("validated block without content")  # pragma: no cover

    @model_validator(mode="after")
    def _exactly_one(self) -> Block:
        present = [k for k in CONTENT_KEYS if getattr(self, k) is not None]
        if len(present) != 1:
            raise PydanticCustomError(
                "bloc",
                "un bloc contient exactement une des clés {keys} (trouvé : {found})",
                {"keys": ", ".join(CONTENT_KEYS), "found": ", ".join(present) or "aucune"},
            )
        if self.niveau is not None and self.intertitre is None:
            raise PydanticCustomError("bloc", "« niveau » ne s'applique qu'à un intertitre")
        return self


CONTENT_KEYS = (
    "paragraphe",
    "intertitre",
    "liste",
    "liste_numerotee",
    "responsabilites",
    "processus",
    "tableau_financier",
    "liste_annexes",
)


class Section(Strict):
    """A numbered section of a fiche (« 1/ Contenu de la prestation assurée »); its number is generated."""

    id: Id
    titre: str
    contenu: list[Block] = Field(min_length=1)


class Article(Strict):
    id: Id
    titre: str
    a_valider: Literal["service juridique"] | None = Field(
        default=None, description="rédaction proposée, à valider : `check` le signale tant que la clé reste"
    )
    contenu: list[Block] = Field(min_length=1)


# --- billing --------------------------------------------------------------------------------------

_SOURCE = "citation exacte du document source qui fonde la phrase générée"


class Reimbursement(Strict):
    """Actual costs the CCAS pays back on top of the flat rate (postage, printing, on-call pay…)."""

    nature: Id = Field(description="code de la nature de frais, repris dans data/frais/<année>.csv")
    libelle: str = Field(description="ce que rembourse le CCAS, ex. « les frais d'affranchissement du courrier »")
    imputation: str = Field(pattern=M57_ACCOUNT, description="compte M57 d'imputation de la recette, ex. « 70878 »")
    source: str | None = Field(default=None, description=_SOURCE)


class OffInvoice(Strict):
    """A cost the CCAS bears by another mechanism than the invoice (the subvention d'équilibre)."""

    nature: Id
    libelle: str = Field(description="la dépense, ex. « les dépenses exécutées par la DST … en année N »")
    mecanisme: Literal["subvention-equilibre"] = Field(description="répercutée sur la subvention d'équilibre N+1")
    source: str | None = Field(default=None, description=_SOURCE)


class Billing(Strict):
    """What the city bills for a fiche: ``taux`` of the payroll of ``services`` in year N-``annee_reference``."""

    taux: Percent
    services: Annotated[list[str], BeforeValidator(_one_or_many, json_schema_input_type=str | list[str])] = Field(
        min_length=1, description="codes des services dont la masse salariale sert de base (voir services.yaml)"
    )
    annee_reference: ReferenceYear = 1
    imputation: str = Field(pattern=M57_ACCOUNT, description="compte M57 d'imputation de la recette, ex. « 70841 »")
    remboursements: list[Reimbursement] = Field(default_factory=list)
    hors_facture: list[OffInvoice] = Field(default_factory=list, description="charges du CCAS non facturées")
    source: str | None = Field(default=None, description=_SOURCE)


class SubAnnex(Strict):
    """An annex of a fiche (the numérique fiche's application platform)."""

    id: Id
    titre: str
    contenu: list[Block] = Field(min_length=1)


class Fiche(Strict):
    """An annex fiche: what a direction of the city does for the CCAS and what it costs."""

    id: Id
    titre: str = Field(description="intitulé de la fiche, ex. « Fonction ressources humaines »")
    direction: Id = Field(description="direction de la ville qui assure la prestation (voir services.yaml)")
    sections: list[Section] = Field(min_length=1)
    facturation: Billing
    sous_annexes: list[SubAnnex] = Field(default_factory=list)


# --- organisation ------------------------------------------------------------------------------

Article_ = Literal["le", "la", "l'", "les"]


class Direction(Strict):
    id: Id
    libelle: str
    article: Article_ = Field(description="article défini : « le », « la », « l' » ou « les »")


class Service(Strict):
    code: str = Field(pattern=r"^[A-Z0-9][A-Z0-9-]*$", description="code stable, repris dans les fichiers de paie")
    libelle: str
    article: Article_
    direction: Id


class Organisation(Strict):
    """The city's directions and the services whose payroll is a billing base."""

    directions: list[Direction] = Field(min_length=1)
    services: list[Service] = Field(min_length=1)


# --- convention -------------------------------------------------------------------------------

PlaceholderText = Annotated[str, Field(pattern=r"^(À|A) COMPL[EÉ]TER")]
MaybeDate = dt.date | PlaceholderText


class Deliberation(Strict):
    organe: str
    numero: str
    date: MaybeDate


class Delegation(Strict):
    """The act by which the representative signs for the mayor or the president (CASF L123-6)."""

    acte: str = Field(description="ex. « délibération du conseil d'administration du CCAS », « arrêté du maire »")
    numero: str
    date: MaybeDate


def _civility(value: str) -> str:
    """« Madame » or « Monsieur » (or still « À COMPLÉTER »): the contract agrees its words with it."""
    if value in ("Madame", "Monsieur") or is_placeholder(value):
        return value
    raise PydanticCustomError(
        "civilite", "civilité « {valeur} » invalide : écrire « Madame » ou « Monsieur »", {"valeur": value}
    )


Civility = Annotated[str, AfterValidator(_civility), Field(examples=["Madame", "Monsieur"])]


class Signatory(Strict):
    civilite: Civility = Field(description="« Madame » ou « Monsieur » : le contrat accorde « habilité », « Autorisé »")
    nom: str
    qualite: str
    delegation: Delegation | None = Field(default=None, description="signature par délégation, avec sa référence")


class Payment(Strict):
    titulaire: str
    iban: str
    bic: str
    comptable: str


class PartyInfo(Strict):
    nom: str
    designation: str = Field(description="nom court dans le texte, ex. « la Ville »")
    adresse: list[str] = Field(min_length=1)
    siret: str
    representant: Signatory
    deliberation: Deliberation
    paiement: Payment | None = None


class Parties(Strict):
    ville: PartyInfo
    ccas: PartyInfo


class Convention(Strict):
    titre: str
    reference: str = Field(description="référence de la convention, reprise sur les factures")
    parties: Parties
    lieu_signature: str
    date_signature: MaybeDate
    date_effet: dt.date
    duree_ans: int = Field(ge=1, le=20)
    tribunal: str = Field(description="juridiction compétente, ex. « tribunal administratif de Bastia »")
    preambule: list[Block] = Field(default_factory=list, description="visas et exposé préalable")
    organisation: str = Field(default="services.yaml", description="fichier des directions et services")
    articles: list[Article] = Field(min_length=1)
    annexes: list[str] = Field(min_length=1, description="fichiers des fiches annexes, dans l'ordre")
    facturation: InvoiceSettings = Field(default_factory=InvoiceSettings)
    avenants: list[str] = Field(default_factory=list, description="fichiers des avenants, dans l'ordre")


ProcessCase.model_rebuild()
