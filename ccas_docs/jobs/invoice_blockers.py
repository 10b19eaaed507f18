"""What stops an invoice from being issued: a value « À COMPLÉTER » that the invoice would print.

``ccas-docs check`` reports every placeholder of the convention as a warning; an invoice (and
its Factur-X XML) may only be issued once none of those it prints is left. Each blocking value is
named with its ``file:line:col``; drafts (``invoice --projet``) are never blocked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccas_docs.common.diagnostics import Diagnostic, Location, error
from ccas_docs.common.typography import plain
from ccas_docs.model.types import PLACEHOLDER

if TYPE_CHECKING:
    from ccas_docs.billing.ledger import Ledger
    from ccas_docs.model.project import Project
    from ccas_docs.source.yamlsource import PathKey, SourceFile

_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def _flat(text: str) -> str:
    """The text as a user writes it (the documents print it typeset: ’, no-break spaces and hyphens)."""
    return _SPACES.sub(" ", plain(text)).strip().casefold()


def _fragment(node: str) -> str:
    """« À COMPLÉTER (SIRET du CCAS) » out of the value (the words up to the closing parenthesis)."""
    start = node.upper().find(PLACEHOLDER)
    end = node.find(")", start)
    if end < 0:
        end = len(node)
    elif "(" in node[start:end]:
        end += 1
    return node[start:end].rstrip()


def _placeholders(source: SourceFile) -> Iterator[tuple[PathKey, str]]:
    def walk(node: Any, key: PathKey) -> Iterator[tuple[PathKey, str]]:
        if isinstance(node, dict):
            for k, v in node.items():
                yield from walk(v, (*key, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                yield from walk(v, (*key, i))
        elif isinstance(node, str) and PLACEHOLDER in node.upper():
            yield key, node

    yield from walk(source.data, ())


def blocking_placeholders(project: Project, printed: Iterable[str]) -> list[Diagnostic]:
    """One error per « À COMPLÉTER » value of the project that appears in ``printed`` (the texts of
    the documents to issue: every paragraph, header and footer, and the Factur-X XML)."""
    text = _flat(" ".join(printed))
    if PLACEHOLDER.casefold() not in text:
        return []
    hint = (
        "remplacer la valeur dans le fichier indiqué, puis relancer ; en attendant, « ccas-docs invoice --projet » "
        "écrit un projet de facture (sans numéro, rien n'est enregistré)"
    )
    found: list[Diagnostic] = []
    sources = [*project.sources, *project.avenant_sources]
    for source in sources:
        for key, node in _placeholders(source):
            fragment = _fragment(node)
            if _flat(fragment) in text:
                what = " ".join(str(k) for k in key if isinstance(k, str)).replace("_", " ")
                found.append(
                    error(
                        source.locate(key, value=True),
                        f"valeur à compléter imprimée sur la facture : {what} (« {fragment} »)",
                        code="a-completer",
                        hint="" if found else hint,
                    )
                )
    if not found:  # printed through a template or a parameter: say so at least
        found.append(
            error(
                Location(project.convention.source.path),
                f"la facture imprime encore « {PLACEHOLDER} »",
                code="a-completer",
                hint=hint,
            )
        )
    return found


def missing_facts(project: Project, ledger: Ledger, payroll_shown: str) -> list[Diagnostic]:
    """What a comptable public needs on the invoice and the YAML or the data do not say at all:
    the certified payroll extract the bases come from, the budget coding, the ordonnateur, the contact."""
    from ccas_docs.billing.extract import extract_path

    found: list[Diagnostic] = []
    if ledger.payroll_extract is None:
        sidecar = extract_path(Path(payroll_shown)).as_posix()
        found.append(
            error(
                Location(payroll_shown),
                f"les charges de personnel {ledger.reference_year} ne disent pas de quel extrait certifié de la paie "
                "elles viennent : la facture doit le nommer et le dater",
                code="extrait-paie",
                hint=f"créer {sidecar} avec « extrait: <intitulé de l'extrait> » et « edite_le: AAAA-MM-JJ »",
            )
        )
    conv = project.convention
    settings = conv.model.facturation
    where = conv.source.locate(("facturation",))
    for key, value, example in (
        ("imputation", settings.imputation, "budget, chapitre, fonction"),
        ("ordonnateur", settings.ordonnateur, "prenom, nom, qualite"),
        ("contact", settings.contact, "service, telephone, courriel"),
    ):
        if value is None:
            found.append(
                error(
                    where,
                    f"facturation : « {key} » manquant, la facture ne peut pas être émise sans lui",
                    code="facturation-incomplete",
                    hint=f"ajouter « {key}: » sous « facturation: » ({example})",
                )
            )
    return found
