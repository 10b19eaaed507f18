"""The ``titre`` lines of the invoices' register: the numbers the accounting software gave the titre
de recettes of an issued document and its bordereau, recorded after the issue.

A line ``<numéro>-titre;titre;<année>;<date>;<total>;<numéro>;;;Titre n° N – Bordereau n° N;;;``
(the chain's columns after it): ``corrige`` names the document, ``objet`` holds the two numbers in
the words printed on the documents.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ccas_docs.common.diagnostics import Diagnostic, Location, error
from ccas_docs.registry.chain import Entry

TITRE = "titre"
TITRE_SUFFIX = "-titre"
# a titre's or bordereau's number; « \Z », not « $ », which also matches before a final newline
NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/._-]{0,29}\Z")
_OBJET = re.compile(r"^Titre n° (?P<titre>\S+) – Bordereau n° (?P<bordereau>\S+)$")


@dataclass(frozen=True)
class TitreEntry:
    """The titre de recettes and bordereau numbers recorded for the issued document ``document``."""

    document: str
    titre: str
    bordereau: str
    date: dt.date  # the day they were recorded
    location: Location = field(default=Location("data/registre-factures.csv"), compare=False)


def titre_objet(titre: str, bordereau: str) -> str:
    """« Titre n° 123 – Bordereau n° 45 », as the documents print it."""
    return f"Titre n° {titre} – Bordereau n° {bordereau}"


def parse_titre(entry: Entry, problems: list[Diagnostic]) -> TitreEntry | None:
    """A verified ``titre`` line; a problem of its values goes to ``problems``."""
    match = _OBJET.match(entry["objet"])
    try:
        day: dt.date | None = dt.date.fromisoformat(entry["date"])
    except ValueError:
        day = None
    if match is None or day is None or not entry["corrige"]:
        problems.append(
            error(
                entry.location,
                f"ligne de titre de recettes illisible : « {entry['objet']} » ({entry['date']})",
                code="registre",
                hint="le registre ne se modifie pas à la main : « ccas-docs invoice --titre N --bordereau N » l'écrit",
            )
        )
        return None
    return TitreEntry(entry["corrige"], match["titre"], match["bordereau"], day, entry.location)
