"""Consistency and drift rules over a loaded project. Each rule has a code, a location and a hint.

Codes (the README lists them with what to do about each):
  id-double, reference-inconnue, parametre-*, service-inconnu, direction-inconnue, annexe-double:
      errors: the documents cannot be generated.
  derive-taux: a percentage written in prose differs from the fiche's billing rate.
  direction-service: a fiche is billed on the payroll of another direction's service.
  service-double: the same service's payroll is the base of two fiches (billed twice).
  a-completer: a value still to fill in (« À COMPLÉTER »).
  signataire-double, a-valider, accord: the legal service's rules (:mod:`.legal`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ccas_docs.checks.legal import check_agreement, check_signatories, check_to_validate
from ccas_docs.common import fr
from ccas_docs.common.diagnostics import Diagnostic, Report, UserError, closest, error, warning
from ccas_docs.model.numbering import Numbering, number_project
from ccas_docs.model.parameters import convention_scope, fiche_scope
from ccas_docs.model.project import Project
from ccas_docs.model.prose import Scope, iter_prose, needs_render, render
from ccas_docs.model.types import PLACEHOLDER, is_placeholder
from ccas_docs.source.yamlsource import PathKey, SourceFile

_PERCENT_IN_PROSE = re.compile(r"([0-9]+(?:[.,][0-9]+)?)[\s\u00a0\u202f]*%")
_EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)  # a comment is never printed


def check_project(project: Project) -> tuple[Report, Numbering]:
    """Run every rule; the report holds all errors and warnings, sorted by location."""
    report = Report()
    numbering = number_project(project)
    report.extend(numbering.duplicates)
    known_ok = _check_organisation(project, report)
    if known_ok:
        _check_billing(project, report)
    _check_prose(project, numbering, report)
    _check_printed_as_is(project, report)
    check_signatories(project, report)
    check_to_validate(project, report)
    check_agreement(project, report)
    for source in project.sources:
        report.extend(placeholders(source))
    return report, numbering


def validated(project: Project) -> tuple[Report, Numbering]:
    """Like :func:`check_project`, raising :class:`UserError` when there is any error."""
    report, numbering = check_project(project)
    report.raise_if_errors()
    return report, numbering


def _check_organisation(project: Project, report: Report) -> bool:
    org, source = project.organisation.model, project.organisation.source
    ok = True
    directions = {d.id for d in org.directions}
    for kind, items, attr in (("direction", org.directions, "id"), ("service", org.services, "code")):
        seen: dict[str, int] = {}
        plural = "directions" if kind == "direction" else "services"
        for i, item in enumerate(items):
            value = getattr(item, attr)
            if value in seen:
                ok = False
                report.add(
                    error(
                        source.locate((plural, i, attr), value=True),
                        f"{kind} « {value} » déclaré{'e' if kind == 'direction' else ''} deux fois",
                        code="id-double",
                        hint="chaque code doit être unique",
                    )
                )
            seen[value] = i
    for i, service in enumerate(org.services):
        if service.direction not in directions:
            ok = False
            report.add(
                _unknown(
                    source,
                    ("services", i, "direction"),
                    "direction",
                    service.direction,
                    sorted(directions),
                    "direction-inconnue",
                )
            )
    for loaded in project.fiches:
        if loaded.model.direction not in directions:
            ok = False
            report.add(
                _unknown(
                    loaded.source,
                    ("direction",),
                    "direction",
                    loaded.model.direction,
                    sorted(directions),
                    "direction-inconnue",
                )
            )
    codes = {s.code for s in org.services}
    for loaded in project.fiches:
        for i, code in enumerate(loaded.model.facturation.services):
            if code not in codes:
                ok = False
                key = _billed_service_key(loaded.source, i)
                report.add(_unknown(loaded.source, key, "service", code, sorted(codes), "service-inconnu"))
    return ok


def _billed_service_key(source: SourceFile, i: int) -> PathKey:
    """Where the ``i``-th billed service code is written: ``services: COM`` or an item of a list."""
    written = source.data.get("facturation", {}).get("services")
    return ("facturation", "services") if isinstance(written, str) else ("facturation", "services", i)


def _unknown(source: SourceFile, key: PathKey, kind: str, value: str, known: list[str], code: str) -> Diagnostic:
    close = closest(value, known)
    message = f"{kind} « {value} » inconnu{'e' if kind == 'direction' else ''}"
    if close:
        message += f" : vouliez-vous dire « {close} » ?"
    return error(
        source.locate(key, value=True),
        message,
        code=code,
        hint=f"{kind}s déclaré{'e' if kind == 'direction' else ''}s dans services.yaml : " + ", ".join(known),
    )


def _check_accounts(project: Project, report: Report) -> None:
    """Every compte a fiche bills on belongs to the chapitre of ``facturation.imputation``."""
    coding = project.convention.model.facturation.imputation
    if coding is None:
        return
    for loaded in project.fiches:
        billing = loaded.model.facturation
        keys = [(("facturation", "imputation"), billing.imputation)] + [
            (("facturation", "remboursements", i, "imputation"), r.imputation)
            for i, r in enumerate(billing.remboursements)
        ]
        for key, account in keys:
            if not account.startswith(coding.chapitre):
                report.add(
                    error(
                        loaded.source.locate(key, value=True),
                        f"compte « {account} » hors du chapitre {coding.chapitre} de l'imputation de la recette "
                        "(convention.yaml, facturation.imputation.chapitre)",
                        code="imputation",
                        hint=f"un compte du chapitre {coding.chapitre} commence par « {coding.chapitre} », "
                        "ex. « 70841 »",
                    )
                )


def _check_billing(project: Project, report: Report) -> None:
    _check_accounts(project, report)
    org = project.organisation.model
    direction_of = {s.code: s.direction for s in org.services}
    labels = {d.id: f"{d.article}{'' if d.article.endswith(chr(39)) else ' '}{d.libelle}" for d in org.directions}
    billed_by: dict[str, list[str]] = {}
    for loaded in project.fiches:
        fiche, source = loaded.model, loaded.source
        for i, code in enumerate(fiche.facturation.services):
            billed_by.setdefault(code, []).append(fiche.id)
            if direction_of[code] != fiche.direction:
                report.add(
                    warning(
                        source.locate(_billed_service_key(source, i), value=True),
                        f"la fiche « {fiche.id} » est assurée par {labels[fiche.direction]} mais facturée sur "
                        f"les charges de personnel du service « {code} », qui relève de {labels[direction_of[code]]}",
                        code="direction-service",
                        hint="indiquer le ou les services de la direction qui assure la prestation "
                        f"({', '.join(s.code for s in org.services if s.direction == fiche.direction)})",
                    )
                )
    for loaded in project.fiches:
        fiche = loaded.model
        for i, code in enumerate(fiche.facturation.services):
            others = [f for f in billed_by[code] if f != fiche.id]
            if others:
                report.add(
                    warning(
                        loaded.source.locate(_billed_service_key(loaded.source, i), value=True),
                        f"les charges du service « {code} » servent aussi de base à la fiche « {others[0]} » : "
                        "elles seraient facturées deux fois",
                        code="service-double",
                        hint="chaque service ne doit servir de base qu'à une seule fiche",
                    )
                )


def _check_prose(project: Project, numbering: Numbering, report: Report) -> None:
    conv, org = project.convention, project.organisation.model
    scope = convention_scope(conv.model, numbering)
    _render_all(conv.source, iter_prose(conv.model.preambule, ("preambule",)), scope, None, report)
    for a, article in enumerate(conv.model.articles):
        _render_all(conv.source, iter_prose(article.contenu, ("articles", a, "contenu")), scope, None, report)
    for loaded in project.fiches:
        fiche, source = loaded.model, loaded.source
        fscope = fiche_scope(conv.model, fiche, org, numbering)
        for s, section in enumerate(fiche.sections):
            _render_all(
                source, iter_prose(section.contenu, ("sections", s, "contenu")), fscope, fiche.facturation.taux, report
            )
        for k, sub in enumerate(fiche.sous_annexes):
            _render_all(
                source, iter_prose(sub.contenu, ("sous_annexes", k, "contenu")), fscope, fiche.facturation.taux, report
            )


def _render_all(
    source: SourceFile,
    texts: Iterator[tuple[str, PathKey]],
    scope: Scope,
    rate: Decimal | None,
    report: Report,
) -> None:
    for text, key in texts:
        where = source.locate(key, value=True)
        try:
            render(text, scope, where, evaluate=False)
        except UserError as exc:
            report.extend(exc.diagnostics)
        if rate is None:
            continue
        for match in _PERCENT_IN_PROSE.finditer(_EXPRESSION.sub("", text)):
            written = Decimal(match.group(1).replace(",", "."))
            if written != rate:
                report.add(
                    warning(
                        where,
                        f"le texte mentionne « {match.group(0)} » alors que le taux de facturation de la fiche "
                        f"est {fr.percent(rate)}",
                        code="derive-taux",
                        hint="écrire {{ taux }} pour reprendre le taux de la fiche, ou corriger le taux",
                    )
                )


def _prose_keys(project: Project) -> dict[str, set[PathKey]]:
    """For each source file, the keys of the texts rendered as prose (parameters allowed there)."""
    conv = project.convention
    keys = {conv.source.path: {k for _, k in iter_prose(conv.model.preambule, ("preambule",))}}
    for a, article in enumerate(conv.model.articles):
        keys[conv.source.path] |= {k for _, k in iter_prose(article.contenu, ("articles", a, "contenu"))}
    for loaded in project.fiches:
        fiche = loaded.model
        found = keys.setdefault(loaded.source.path, set())
        for s, section in enumerate(fiche.sections):
            found |= {k for _, k in iter_prose(section.contenu, ("sections", s, "contenu"))}
        for k, sub in enumerate(fiche.sous_annexes):
            found |= {key for _, key in iter_prose(sub.contenu, ("sous_annexes", k, "contenu"))}
    return keys


def _check_printed_as_is(project: Project, report: Report) -> None:
    """« {{ … }} » anywhere but in prose (a title, ``lieu_signature``, a label) would be printed raw: refused."""
    prose = _prose_keys(project)

    def walk(source: SourceFile, node: Any, key: PathKey) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(source, v, (*key, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(source, v, (*key, i))
        elif isinstance(node, str) and needs_render(node) and key not in prose.get(source.path, set()):
            name = next((str(k) for k in reversed(key) if isinstance(k, str)), "")
            report.add(
                error(
                    source.locate(key, value=True),
                    f"« {{{{ … }}}} » n'est permis que dans les textes (paragraphes, intertitres, puces, tableaux) : "
                    f"« {name} » est imprimé tel quel",
                    code="parametre-hors-texte",
                    hint="écrire la valeur elle-même, sans paramètre",
                )
            )

    for source in project.sources:
        walk(source, source.data, ())


def placeholders(source: SourceFile) -> Iterator[Diagnostic]:
    def walk(node: Any, key: PathKey) -> Iterator[Diagnostic]:
        if isinstance(node, dict):
            for k, v in node.items():
                yield from walk(v, (*key, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                yield from walk(v, (*key, i))
        elif isinstance(node, str) and (is_placeholder(node) or PLACEHOLDER in node):
            what = " ".join(str(k) for k in key if isinstance(k, str)).replace("_", " ")
            start = node.upper().find(PLACEHOLDER)
            end = node.find(")", start)
            if end < 0:
                end = len(node)
            elif "(" in node[start:end]:  # « À COMPLÉTER (SIRET du CCAS) »: keep the closing parenthesis
                end += 1
            shown = node[start:end].rstrip()
            yield warning(
                source.locate(key, value=True),
                f"valeur à compléter : {what}",
                code="a-completer",
                hint=f"remplacer « {shown} » par la valeur réelle",
            )

    yield from walk(source.data, ())
