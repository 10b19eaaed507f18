"""What makes a set of avenants coherent before any is applied: numbers, dates, overlapping changes."""

from __future__ import annotations

import datetime as dt

from ccas_docs.common import fr
from ccas_docs.common.diagnostics import Report, UserError, error
from ccas_docs.model.project import Project
from ccas_docs.source.yamlsource import SourceFile
from ccas_docs.versions.avenant import Avenant, Change


def change_key(change: Change) -> tuple[str, ...] | None:
    """What a change sets, when two avenants could set the same thing (a parameter, a field)."""
    d = change.detail
    if change.kind == "parametre":
        return ("parametre", d.fiche, d.champ)
    if change.kind == "convention":
        return ("convention", d.champ)
    if change.kind == "partie":
        return ("partie", d.partie, d.champ)
    if change.kind in ("remplacer", "remplacer_mots", "supprimer"):
        return ("texte", d.cible)
    return None


def _describe(key: tuple[str, ...]) -> str:
    if key[0] == "parametre":
        return f"le paramètre « {key[2]} » de la fiche « {key[1]} »"
    if key[0] == "convention":
        return f"le champ « {key[1]} » de la convention"
    if key[0] == "partie":
        return f"le champ « {key[2]} » de la partie « {key[1]} »"
    return f"l'élément « {key[1]} »"


def check_order(project: Project, avenants: list[Avenant], sources: dict[str, SourceFile]) -> None:
    """Two avenants with the same number; two avenants setting the same thing on the same date."""
    report = Report()
    by_number: dict[int, Avenant] = {}
    for avenant in avenants:
        source = sources[avenant.path]
        first = by_number.setdefault(avenant.numero, avenant)
        if first is not avenant:
            report.add(
                error(
                    source.locate(("numero",), value=True),
                    f"deux avenants portent le n° {avenant.numero} : celui-ci et {first.path}",
                    code="avenant-double",
                    hint="numéroter les avenants dans l'ordre de leur adoption (1, 2, 3…)",
                )
            )
    seen: dict[tuple[object, ...], tuple[Avenant, Change]] = {}
    for avenant in sorted(avenants, key=lambda a: (a.date_effet, a.numero)):
        for change in avenant.modifications:
            key = change_key(change)
            if key is None:
                continue
            other = seen.setdefault((avenant.date_effet, *key), (avenant, change))
            if other[0] is not avenant:
                report.add(
                    error(
                        change.location,
                        f"{_describe(key)} est déjà modifié par l'{other[0].label.lower()} ({other[1].location}) "
                        f"à la même date d'effet ({fr.date(avenant.date_effet)}) : l'ordre des deux est indéterminé",
                        code="avenants-simultanes",
                        hint="regrouper ces modifications dans un seul avenant, ou changer une des dates d'effet",
                    )
                )
    report.raise_if_errors()


def check_dates(start: dt.date, end: dt.date, avenant: Avenant, source: SourceFile) -> None:
    """The effective date lies within the convention (``start``…``end``, as amended so far) and follows
    the signature."""
    report = Report()
    where = source.locate(("date_effet",), value=True)
    if not start <= avenant.date_effet <= end:
        report.add(
            error(
                where,
                f"date d'effet {fr.date(avenant.date_effet)} hors de la période de la convention "
                f"(du {fr.date(start)} au {fr.date(end)})",
                code="date-effet",
                hint="une date d'effet est comprise dans la durée de la convention ; pour la prolonger, "
                "modifier « duree_ans » par un avenant qui prend effet avant son terme",
            )
        )
    signed = avenant.date_signature
    if isinstance(signed, dt.date) and avenant.date_effet < signed and not avenant.retroactif:
        report.add(
            error(
                where,
                f"date d'effet {fr.date(avenant.date_effet)} antérieure à la signature ({fr.date(signed)}) : "
                "un avenant rétroactif doit le dire",
                code="retroactif",
                hint="ajouter « retroactif: true » si l'effet rétroactif est voulu, sinon reporter la date d'effet",
            )
        )
    if report.errors:
        raise UserError(report.errors)
