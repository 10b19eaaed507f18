"""Billing in force: which parameters apply to which days of the billed year.

A year is billed with the version of the convention in force on each of its days. When an avenant
changes a fiche's rate, billed services, reference year or account during the year, that fiche's
flat amount is split by days, *pro rata temporis* (365 or 366 days): each part is
``base × taux × jours / jours de l'année``, rounded half up to the cent on its own. A fiche whose
billing does not change is billed on one line, as before. A reimbursed cost follows the version in
force on its date (its fiche and nature must exist then).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

from ccas_docs.model.clauses import PRORATA_RULE
from ccas_docs.model.project import Loaded, Project
from ccas_docs.model.types import Billing, Fiche
from ccas_docs.versions.consolidate import Version, periods

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
__all__ = ["PRORATA_RULE", "Period", "Segment", "fiche_segments", "prorated", "version_at", "year_periods"]


@dataclass(frozen=True)
class Period:
    """Part of the billed year during which one version of the convention is in force."""

    start: dt.date
    end: dt.date
    version: Version

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        """« convention initiale » or « avenant n° 1 »."""
        return self.version.label


@dataclass(frozen=True)
class Segment:
    """Days of the year during which a fiche is billed with the same parameters."""

    start: dt.date
    end: dt.date
    version: Version  # the version in force at ``start`` (the one that set these parameters)
    loaded: Loaded[Fiche]
    annex_number: int
    whole_year: bool

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def billing(self) -> Billing:
        return self.loaded.model.facturation


def year_days(year: int) -> int:
    return 366 if dt.date(year, 12, 31).timetuple().tm_yday == 366 else 365


def year_periods(project: Project, year: int) -> list[Period]:
    return [Period(start, end, version) for start, end, version in periods(project, year)]


def _flat_key(billing: Billing) -> tuple[object, ...]:
    """What the flat amount depends on (the reimbursed natures do not change it)."""
    return (billing.taux, tuple(billing.services), billing.annee_reference, billing.imputation)


def fiche_segments(parts: list[Period]) -> list[list[Segment]]:
    """Per fiche (in order of first appearance), its runs of days with unchanged billing."""
    first, last = parts[0].start, parts[-1].end
    by_fiche: dict[str, list[Segment]] = {}
    for part in parts:
        for number, loaded in enumerate(part.version.project.fiches, start=1):
            runs = by_fiche.setdefault(loaded.model.id, [])
            previous = runs[-1] if runs else None
            if (
                previous is not None
                and previous.end + dt.timedelta(days=1) == part.start
                and _flat_key(previous.billing) == _flat_key(loaded.model.facturation)
            ):
                runs[-1] = Segment(previous.start, part.end, previous.version, loaded, number, False)
            else:
                runs.append(Segment(part.start, part.end, part.version, loaded, number, False))
    out = []
    for runs in by_fiche.values():
        if len(runs) == 1 and runs[0].start == first and runs[0].end == last:
            runs = [Segment(first, last, runs[0].version, runs[0].loaded, runs[0].annex_number, True)]
        out.append(runs)
    return out


def prorated(base: Decimal, rate: Decimal, days: int, of_days: int) -> Decimal:
    """``base × rate / 100 × days / of_days`` rounded half up to the cent (exact until the rounding)."""
    with localcontext() as ctx:
        ctx.prec = 60
        return (base * rate * days / (HUNDRED * of_days)).quantize(CENT, rounding=ROUND_HALF_UP)


def version_at(parts: list[Period], day: dt.date) -> Period:
    """The part of the year containing ``day`` (the first or last part for a day outside the year)."""
    for part in parts:
        if part.start <= day <= part.end:
            return part
    return parts[0] if day < parts[0].start else parts[-1]
