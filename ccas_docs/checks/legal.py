"""Rules a legal service applies before signing: who signs for each party, and what is still to validate.

Codes (the README lists them):
  signataire-double: error: both parties would be represented by the same person. The mayor presides
      the CCAS's board (CASF L123-6): « Maire » for the Ville and « Président(e) » for the CCAS is one
      person contracting with himself, unless one of them signs by delegation.
  a-valider: warning: an article drafted for the legal service to validate (``a_valider``).
  accord: warning: a representative's quality still reads « Vice-président(e) » once the civility
      says who signs: the contract prints it as written.
"""

from __future__ import annotations

import re

from ccas_docs.common.diagnostics import Report, error, warning
from ccas_docs.model import clauses
from ccas_docs.model.project import Project
from ccas_docs.model.types import Signatory, is_placeholder

_MAYOR = re.compile(r"^\s*maire\b", re.IGNORECASE)  # « Maire de Porto-Vecchio », not « Adjoint au maire »
_PRESIDENT = re.compile(r"^\s*pr[ée]sident", re.IGNORECASE)  # not « Vice-président(e) »
_DELEGATION_HINT = (
    "faire signer le C.C.A.S. par son vice-président(e) autorisé(e) par le conseil d'administration, "
    "ou la Ville par un adjoint au maire titulaire d'une délégation, et renseigner « representant.delegation » "
    "(acte, numero, date)"
)


def _same_name(a: Signatory, b: Signatory) -> bool:
    if is_placeholder(a.nom) or is_placeholder(b.nom):
        return False
    return " ".join(a.nom.casefold().split()) == " ".join(b.nom.casefold().split())


def check_signatories(project: Project, report: Report) -> None:
    """``signataire-double``: the same person on both sides, or the mayor facing the CCAS's president."""
    conv, source = project.convention.model, project.convention.source
    ville, ccas = conv.parties.ville.representant, conv.parties.ccas.representant
    if _same_name(ville, ccas):
        report.add(
            error(
                source.locate(("parties", "ccas", "representant", "nom"), value=True),
                f"« {ccas.nom} » représenterait les deux parties : une personne ne contracte pas avec elle-même",
                code="signataire-double",
                hint=_DELEGATION_HINT,
            )
        )
    elif (
        _MAYOR.match(ville.qualite)
        and _PRESIDENT.match(ccas.qualite)
        and ville.delegation is None
        and ccas.delegation is None
    ):
        report.add(
            error(
                source.locate(("parties", "ccas", "representant", "qualite"), value=True),
                f"« {ville.qualite} » et « {ccas.qualite} » sont une seule personne : le maire préside le conseil "
                "d'administration du C.C.A.S. (article L. 123-6 du code de l'action sociale et des familles)",
                code="signataire-double",
                hint=_DELEGATION_HINT,
            )
        )


def check_to_validate(project: Project, report: Report) -> None:
    """``a-valider``: each article drafted for the legal service, at its ``a_valider`` key."""
    conv, source = project.convention.model, project.convention.source
    for a, article in enumerate(conv.articles):
        if article.a_valider is None:
            continue
        report.add(
            warning(
                source.locate(("articles", a, "a_valider"), value=True),
                f"article « {article.titre} » ({article.id}) à valider par le {article.a_valider}",
                code="a-valider",
                hint="faire relire la rédaction par le service juridique, puis retirer « a_valider »",
            )
        )


_EITHER = re.compile(r"\(e\)")


def check_agreement(project: Project, report: Report) -> None:
    """``accord``: « Vice-président(e) » next to « Madame » or « Monsieur », with the agreed form to write."""
    conv, source = project.convention.model, project.convention.source
    for party in ("ville", "ccas"):
        rep = getattr(conv.parties, party).representant
        ending = clauses.agreed(rep.civilite)
        if ending is None or not _EITHER.search(rep.qualite):
            continue
        agreed = _EITHER.sub(ending, rep.qualite)
        report.add(
            warning(
                source.locate(("parties", party, "representant", "qualite"), value=True),
                f"qualité « {rep.qualite} » à accorder avec « {rep.civilite} » : « {agreed} »",
                code="accord",
                hint="le contrat imprime la qualité telle qu'elle est écrite ici",
            )
        )
