"""``check`` over every version: the original and the convention as amended by each avenant.

Each avenant is checked against the version it amends (its targets exist there, its dates fit the
convention), then each consolidated version is checked with every rule of :mod:`.rules`. A message
found in every version in force is printed once, as today; one that only some versions have says
the period it applies to (« du 1er janvier 2025 au 30 juin 2026, avant l'avenant n° 1 »). A problem
an avenant introduces is reported at the avenant's line.
"""

from __future__ import annotations

import datetime as dt

from ccas_docs.checks.rules import check_project, placeholders
from ccas_docs.common import fr
from ccas_docs.common.diagnostics import Diagnostic, Report
from ccas_docs.model.project import Project
from ccas_docs.versions.consolidate import Version, at_avenant, versions_of

Key = tuple[object, ...]


def _key(d: Diagnostic) -> Key:
    return (d.severity, d.location, d.message, d.code, d.hint)


def check_all(project: Project) -> Report:
    """Every rule on every version in force; raise :class:`UserError` when an avenant cannot apply."""
    versions = versions_of(project)
    spans = _spans(versions)
    found: dict[Key, tuple[Diagnostic, list[int]]] = {}
    for i, version in enumerate(versions):
        report, _ = check_project(version.project)
        previous = {k for k, (_, where) in found.items() if i - 1 in where}
        for d in report.diagnostics:
            if i and _key(d) not in previous and version.avenant is not None:
                d = at_avenant(d, version.avenant, version.project)
            found.setdefault(_key(d), (d, []))[1].append(i)
    out = Report()
    in_force = [i for i, span in enumerate(spans) if span is not None]
    for d, where in found.values():
        if d.is_error:
            out.add(d)
            continue
        shown = [i for i in where if spans[i] is not None]
        if not shown:
            continue  # a version never in force (an avenant taking effect the same day)
        if shown == in_force or len(versions) == 1:
            out.add(d)
        else:
            message = f"{d.message} ({_periods(versions, spans, shown)})"
            out.add(Diagnostic(d.severity, message, d.location, d.code, d.hint))
    for source in project.avenant_sources:
        out.extend(placeholders(source))
    return out


def _spans(versions: list[Version]) -> list[tuple[dt.date, dt.date] | None]:
    """The days each version is in force (``None``: never, replaced on the day it takes effect)."""
    spans: list[tuple[dt.date, dt.date] | None] = []
    for i, version in enumerate(versions):
        until = versions[i + 1].date - dt.timedelta(days=1) if i + 1 < len(versions) else version.end
        spans.append((version.date, until) if version.date <= until else None)
    return spans


def _periods(versions: list[Version], spans: list[tuple[dt.date, dt.date] | None], shown: list[int]) -> str:
    """« du 1er janvier 2025 au 30 juin 2026, avant l'avenant n° 1 » for each run of versions."""
    runs: list[list[int]] = []
    for i in shown:
        if runs and runs[-1][-1] + 1 == i:
            runs[-1].append(i)
        else:
            runs.append([i])
    parts = []
    for run in runs:
        first, last = spans[run[0]], spans[run[-1]]
        assert first is not None and last is not None
        text = f"du {fr.date(first[0])} au {fr.date(last[1])}"
        if run[-1] + 1 < len(versions):
            ending = versions[run[-1] + 1].avenant
            assert ending is not None
            text += f", avant l'{ending.label.lower()}"
        elif versions[run[0]].avenant is not None:
            text += f", depuis l'{versions[run[0]].label}"
        parts.append(text)
    return "en vigueur " + " et ".join(parts)
