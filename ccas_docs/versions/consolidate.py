"""The convention in force at a date: the original plus the avenants in effect by then.

Avenants apply in effective-date order (then by number), whatever their order in convention.yaml.
Each :class:`Version` holds an ordinary :class:`~ccas_docs.model.project.Project`, so that every rule,
composer, writer and the billing work on it unchanged. Consolidation is pure: it reads no file (the
avenants and the annex files they add were read by :func:`~ccas_docs.model.project.load_project`)
and never mutates the project it is given.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from ccas_docs.common import fr
from ccas_docs.common.diagnostics import Diagnostic, Location, Report, UserError, error
from ccas_docs.model.numbering import number_project
from ccas_docs.model.project import Loaded, Project, translate_errors
from ccas_docs.model.types import Convention, Fiche
from ccas_docs.source.yamlsource import SourceFile
from ccas_docs.versions.apply import ChangeError, Context, apply_change
from ccas_docs.versions.avenant import Avenant, load_avenants
from ccas_docs.versions.rules import check_dates, check_order
from ccas_docs.versions.state import State, bulletize
from ccas_docs.versions.tree import Node, from_source, to_source


@dataclass(frozen=True)
class Version:
    """The convention as amended by ``avenants`` (in effective-date order), in force from ``date``."""

    project: Project = field(repr=False)
    avenants: tuple[Avenant, ...]
    date: dt.date

    @property
    def avenant(self) -> Avenant | None:
        """The avenant that made this version (``None`` for the original)."""
        return self.avenants[-1] if self.avenants else None

    @property
    def end(self) -> dt.date:
        """The last day of the convention as this version states it (``date_effet`` + ``duree_ans``)."""
        return convention_end(self.project.convention.model)

    @property
    def label(self) -> str:
        """« convention initiale » or « avenant n° 2 » (the avenant that made it)."""
        return "convention initiale" if self.avenant is None else self.avenant.label.lower()


def convention_end(conv: Convention) -> dt.date:
    start = conv.date_effet
    try:
        after = start.replace(year=start.year + conv.duree_ans)
    except ValueError:  # 29 February
        after = dt.date(start.year + conv.duree_ans, 3, 1)
    return after - dt.timedelta(days=1)


# --- public API ----------------------------------------------------------------------------------


def versions_of(project: Project) -> list[Version]:
    """The original, then the version after each avenant, in effective-date order."""
    key = (id(project), tuple(id(s) for s in project.avenant_sources), len(project.fiches))
    cached = _CACHE.get(key)
    if cached is not None and cached[0]() is project:
        return list(cached[1])
    versions = _history(project)
    _CACHE[key] = (weakref.ref(project), tuple(versions))
    return versions


def consolidate(project: Project, at: dt.date | None) -> Version:
    """The version in force on ``at`` (``None``: the original, whatever the avenants)."""
    if at is None:
        return Version(project, (), project.convention.model.date_effet)
    versions = versions_of(project)
    in_force = [v for v in versions if v.date <= at]
    if not in_force or at > in_force[-1].end:
        raise outside_period(versions, at)
    return in_force[-1]


def periods(project: Project, year: int) -> list[tuple[dt.date, dt.date, Version]]:
    """The parts of ``year`` (first and last day) and the version in force during each.

    ``year`` must be one of the convention's years (:func:`years_of`), or :class:`UserError`. As
    the original convention bills whole years, a first or last year that the convention covers
    only in part is billed whole: the first part starts on 1 January, the last ends on 31 December.
    """
    versions = versions_of(project)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if year not in years_of(project):
        raise outside_period(versions, first if year < versions[0].date.year else last, year)
    out: list[tuple[dt.date, dt.date, Version]] = []
    for i, version in enumerate(versions):
        until = versions[i + 1].date - dt.timedelta(days=1) if i + 1 < len(versions) else last
        start, end = max(version.date, first), min(until, last)
        if start <= end:
            out.append((first if not out else start, end, version))
    if not out:  # pragma: no cover - a year of the convention always has a version
        raise outside_period(versions, first, year)
    return out


def years_of(project: Project) -> range:
    """The years billed under the convention as amended: from its start to its end (an avenant may extend it)."""
    versions = versions_of(project)
    return range(versions[0].date.year, versions[-1].end.year + 1)


def outside_period(versions: list[Version], day: dt.date, year: int | None = None) -> UserError:
    """The error for a date (or a year) outside the convention's period, as amended."""
    original = versions[0].project.convention
    before = day < versions[0].date
    # the period ends as the latest version states it, even for a day before the start
    last = versions[-1] if before else [v for v in versions if v.date <= day][-1]
    conv = last.project.convention
    where = original.source.locate(("date_effet",), value=True) if before else conv.source.locate(("duree_ans",), True)
    span = f"du {fr.date(versions[0].date)} au {fr.date(last.end)}"
    what = f"l'année {year} n'est pas entièrement couverte par" if year else f"le {fr.date(day)} est hors de"
    return UserError(
        error(
            where,
            f"{what} la convention : elle s'applique {span}"
            + ("" if last.avenant is None else f" (durée fixée par l'{last.label})"),
            code="hors-convention",
            hint="choisir une date de la période de la convention, ou la prolonger par avenant",
        )
    )


# --- consolidation -------------------------------------------------------------------------------

_CACHE: dict[tuple[Any, ...], tuple[weakref.ref[Project], tuple[Version, ...]]] = {}


def _history(project: Project) -> list[Version]:
    avenants = load_avenants(project)
    sources = {s.path: s for s in project.avenant_sources}
    check_order(project, avenants, sources)
    versions = [Version(project, (), project.convention.model.date_effet)]
    if not avenants:
        return versions
    state = initial_state(project)
    validated: dict[int, tuple[Node, Loaded[Any]]] = {}  # a file's data → its model, while unchanged
    for avenant in sorted(avenants, key=lambda a: (a.date_effet, a.numero)):
        previous = versions[-1]
        check_dates(previous.project.convention.model.date_effet, previous.end, avenant, sources[avenant.path])
        state = state.copy()
        ctx = Context(state, sources[avenant.path], avenant, project.avenant_annexes)
        report = Report()
        for change in avenant.modifications:
            try:
                apply_change(ctx, change)
            except ChangeError as exc:
                report.add(exc.diagnostic)
        report.raise_if_errors()
        _list_included(project, state, (*previous.avenants, avenant))
        amended = _rebuild(project, state, avenant, validated)
        versions.append(Version(amended, (*previous.avenants, avenant), avenant.date_effet))
    return versions


def initial_state(project: Project) -> State:
    """The located data of the original, with every derived id pinned (see :mod:`.apply`)."""
    state = State(
        from_source(project.convention.source), [(f.source.path, from_source(f.source)) for f in project.fiches]
    )
    files = {project.convention.source.path: 0} | {f.source.path: k for k, f in enumerate(project.fiches, start=1)}
    for node in number_project(project).nodes.values():
        if node.declared or node.file not in files:
            continue
        target = state.tree(files[node.file]).get(node.key)
        assert target is not None, node
        if node.kind == "puce":
            bulletize(target)
        if isinstance(target.value, dict):
            own = node.full_id.rsplit("/", 1)[-1]
            target.value = {"id": Node(own, target.at, target.at), **target.value}
    return state


def _list_included(project: Project, state: State, included: tuple[Avenant, ...]) -> None:
    """A version's ``avenants:`` lists the avenants it includes, in effective-date order."""
    source = project.convention.source
    listed = {name: i for i, name in enumerate(project.convention.model.avenants)}
    where = source.locate(("avenants",))
    items = []
    for avenant in included:
        at = source.locate(("avenants", listed[avenant.path]), value=True) if avenant.path in listed else where
        items.append(Node(avenant.path, at, at))
    root = state.convention
    if id(root) not in state.owned:  # the last step of an avenant: a shallow copy is enough
        root = state.convention = Node(dict(root.value), root.at, root.value_at)
    root.value["avenants"] = Node(items, where)


def _rebuild(
    project: Project, state: State, avenant: Avenant, validated: dict[int, tuple[Node, Loaded[Any]]]
) -> Project:
    """Validate the amended data into an ordinary project; errors are reported at the avenant.

    A file the avenant did not change is the same data as in the previous version: its model is reused.
    """
    report = Report()

    def load(node: Node, path: str, cls: type[BaseModel]) -> Loaded[Any] | None:
        if id(node) in validated:
            return validated[id(node)][1]
        loaded = _validate(to_source(node, path), cls, report, avenant, project)
        if loaded is not None:
            validated[id(node)] = (node, loaded)  # the node is kept alive: its id stays its own
        return loaded

    convention = load(state.convention, project.convention.source.path, Convention)
    fiches: list[Loaded[Fiche]] = []
    for path, node in state.fiches:
        loaded = load(node, path, Fiche)
        if loaded is not None:
            fiches.append(loaded)
    report.raise_if_errors()
    assert convention is not None
    return Project(
        project.root, convention, project.organisation, fiches, project.avenant_sources, project.avenant_annexes
    )


def _validate(
    source: SourceFile, cls: type[BaseModel], report: Report, avenant: Avenant, project: Project
) -> Loaded[Any] | None:
    try:
        return Loaded(cls.model_validate(source.data), source)
    except ValidationError as exc:
        report.extend(at_avenant(d, avenant, project) for d in translate_errors(exc, source, cls))
        return None


def at_avenant(d: Diagnostic, avenant: Avenant, project: Project) -> Diagnostic:
    """A problem the avenant causes in a text it did not write: reported at the change responsible."""
    if d.location.path == avenant.path:
        return d
    message = f"après l'{avenant.label.lower()} : {d.message} ({d.location})"
    return Diagnostic(d.severity, message, culprit(avenant, project, d.location.path), d.code, d.hint)


def culprit(avenant: Avenant, project: Project, path: str) -> Location:
    """The change of ``avenant`` that touches the fiche written in ``path`` (else its first change)."""
    fiche = next((f.model.id for f in project.fiches if f.source.path == path), None)
    for change in avenant.modifications:
        detail = change.detail
        target = getattr(detail, "fiche", None) or getattr(detail, "cible", None) or getattr(detail, "anchor", "")
        if fiche is not None and isinstance(target, str) and (target == fiche or target.startswith(fiche + "/")):
            return change.location
    return avenant.modifications[0].location
