"""The avenant file (``avenants/NNN-slug.yaml``): typed, strict, every change keeping its location.

An avenant lists its changes in order; each item of ``modifications`` has exactly one key naming
its kind (``parametre``, ``remplacer``, ``inserer``…). The models check the *shape* of the file;
whether a target id exists, or whether the amended convention is still valid, depends on the
version being amended and is checked by :mod:`ccas_docs.versions.consolidate`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import ConfigDict, Field, PrivateAttr, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from ccas_docs.common.diagnostics import Location, Report, UserError, error
from ccas_docs.model.project import Project, translate_errors
from ccas_docs.model.types import Deliberation, Id, MaybeDate, Strict
from ccas_docs.source.yamlsource import SourceFile

BILLING_FIELDS = ("taux", "services", "annee_reference", "imputation", "remboursements")
# convention.yaml fields that other change kinds address (or that no avenant may change)
NOT_A_CONVENTION_FIELD = ("articles", "annexes", "avenants", "preambule", "parties", "organisation", "date_effet")

FullId = str  # the full id of ccas_docs.model.numbering: « duree », « rh/prestation/… »


class Deliberations(Strict):
    """The two deliberations approving the avenant (each « À COMPLÉTER » until known)."""

    ville: Deliberation
    ccas: Deliberation


class ParameterChange(Strict):
    """Set a billing parameter of a fiche: its rate, billed services, reference year, account, costs."""

    fiche: Id
    champ: Literal["taux", "services", "annee_reference", "imputation", "remboursements"]
    valeur: Any = Field(description="nouvelle valeur, écrite comme dans la fiche (ex. « 2 % », [DRH])")

    @model_validator(mode="after")
    def _has_value(self) -> ParameterChange:
        if self.valeur is None:
            raise PydanticCustomError("valeur", "valeur vide : écrire la nouvelle valeur du paramètre")
        return self


class ConventionChange(Strict):
    """Set a field of convention.yaml (``duree_ans``, ``tribunal``, ``facturation.delai_paiement_jours``…)."""

    champ: str = Field(pattern=r"^[a-z_]+(\.[a-z_]+)*$", description="champ de convention.yaml, chemin pointé")
    valeur: Any

    @model_validator(mode="after")
    def _allowed(self) -> ConventionChange:
        root = self.champ.split(".")[0]
        if root in NOT_A_CONVENTION_FIELD:
            raise PydanticCustomError(
                "champ",
                "le champ « {champ} » ne se modifie pas par « convention » : {how}",
                {"champ": self.champ, "how": _HOW.get(root, "ce champ ne peut pas être modifié par avenant")},
            )
        return self


_HOW = {
    "articles": "utiliser remplacer, inserer, completer ou supprimer",
    "preambule": "utiliser remplacer, inserer, completer ou supprimer",
    "annexes": "utiliser ajouter_annexe ou retirer_annexe",
    "parties": "utiliser « partie »",
}


class PartyChange(Strict):
    """Set a field of a party: ``representant.nom``, ``adresse``, ``siret``…"""

    partie: Literal["ville", "ccas"]
    champ: str = Field(pattern=r"^[a-z_]+(\.[a-z_]+)*$", description="chemin pointé dans parties.<partie>")
    valeur: Any


class Replace(Strict):
    """Replace an article, a section, a block or a bullet by another of the same kind."""

    cible: FullId
    par: Any = Field(description="le nouvel élément, de même nature que la cible (article, section, bloc, puce)")


class ReplaceWords(Strict):
    """Replace words that occur exactly once in a paragraph or a bullet."""

    cible: FullId
    mots: str = Field(min_length=1)
    par: str


class Insert(Strict):
    """Insert an element before or after a sibling (an article, a section, a block or a bullet)."""

    apres: FullId | None = None
    avant: FullId | None = None
    element: Any

    @model_validator(mode="after")
    def _one_anchor(self) -> Insert:
        if (self.apres is None) == (self.avant is None):
            raise PydanticCustomError("ancre", "écrire soit « apres: <id> », soit « avant: <id> » (un seul des deux)")
        return self

    @property
    def anchor(self) -> FullId:
        return self.apres if self.apres is not None else str(self.avant)


class Complete(Strict):
    """Append a block at the end of an article or a section (« est complété par un alinéa »)."""

    cible: FullId
    element: Any


class Delete(Strict):
    cible: FullId


class AddAnnex(Strict):
    """Add a whole annex fiche, given as a file of the project or inline."""

    fichier: str | None = None
    fiche: dict[str, Any] | None = Field(default=None, description="la fiche, écrite comme un fichier d'annexe")
    apres: Id | None = Field(default=None, description="id de la fiche après laquelle l'insérer (sinon en dernier)")

    @model_validator(mode="after")
    def _one_source(self) -> AddAnnex:
        if (self.fichier is None) == (self.fiche is None):
            raise PydanticCustomError("annexe", "écrire soit « fichier: annexes/x.yaml », soit « fiche: … » (un seul)")
        return self


class RemoveAnnex(Strict):
    fiche: Id


CHANGE_KINDS = (
    "parametre",
    "convention",
    "partie",
    "remplacer",
    "remplacer_mots",
    "inserer",
    "completer",
    "supprimer",
    "ajouter_annexe",
    "retirer_annexe",
)


class Change(Strict):
    """One item of ``modifications``: exactly one of its keys is set."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1, "maxProperties": 1})

    parametre: ParameterChange | None = None
    convention: ConventionChange | None = None
    partie: PartyChange | None = None
    remplacer: Replace | None = None
    remplacer_mots: ReplaceWords | None = None
    inserer: Insert | None = None
    completer: Complete | None = None
    supprimer: Delete | None = None
    ajouter_annexe: AddAnnex | None = None
    retirer_annexe: RemoveAnnex | None = None

    _location: Location = PrivateAttr(default=Location(""))
    _index: int = PrivateAttr(default=0)

    @model_validator(mode="after")
    def _exactly_one(self) -> Change:
        present = [k for k in CHANGE_KINDS if getattr(self, k) is not None]
        if len(present) != 1:
            raise PydanticCustomError(
                "modification",
                "une modification contient exactement une des clés {keys} (trouvé : {found})",
                {"keys": ", ".join(CHANGE_KINDS), "found": ", ".join(present) or "aucune"},
            )
        return self

    @property
    def kind(self) -> str:
        return next(k for k in CHANGE_KINDS if getattr(self, k) is not None)

    @property
    def detail(self) -> Any:
        """The change itself: a :class:`ParameterChange`, a :class:`Replace`…"""
        return getattr(self, self.kind)

    @property
    def location(self) -> Location:
        """Where the change is written (its item of ``modifications``)."""
        return self._location

    @property
    def index(self) -> int:
        """Its position in ``modifications`` (0-based)."""
        return self._index


class Avenant(Strict):
    """An amendment of the convention, approved by both assemblies, signed on its own."""

    numero: int = Field(ge=1, description="numéro de l'avenant (1, 2…)")
    titre: str
    objet: str = Field(description="l'objet de l'avenant, en une phrase")
    deliberations: Deliberations
    date_signature: MaybeDate
    date_effet: dt.date
    retroactif: bool = Field(default=False, description="obligatoire (true) quand la date d'effet précède la signature")
    modifications: list[Change] = Field(min_length=1)

    _path: str = PrivateAttr(default="")

    @property
    def path(self) -> str:
        """The file, relative to the project (« avenants/001-facturation-dga.yaml »)."""
        return self._path

    @property
    def label(self) -> str:
        """« Avenant n° 1 » (the author of its revisions, the name in messages)."""
        return f"Avenant n\u00b0\u00a0{self.numero}"


def parse_avenant(source: SourceFile) -> Avenant:
    """Validate one avenant file; raise :class:`UserError` listing every problem, located."""
    if not isinstance(source.data, dict):
        raise UserError(error(source.locate(()), "le fichier doit contenir des clés « clé: valeur »", code="type"))
    try:
        avenant = Avenant.model_validate(source.data)
    except ValidationError as exc:
        raise UserError(translate_errors(exc, source, Avenant)) from None
    avenant._path = source.path
    for i, change in enumerate(avenant.modifications):
        change._location = source.locate(("modifications", i))
        change._index = i
    return avenant


def load_avenants(project: Project) -> list[Avenant]:
    """Every avenant of ``project.avenant_sources``, in the order listed (all errors at once)."""
    report = Report()
    avenants: list[Avenant] = []
    for source in project.avenant_sources:
        try:
            avenants.append(parse_avenant(source))
        except UserError as exc:
            report.extend(exc.diagnostics)
    report.raise_if_errors()
    return avenants
