"""``ccas-docs redline``: the convention with an avenant's changes (or a period's) as Word revisions.

The two versions are the one before and the one after the avenant (or those in force at the two
dates); the DOCX is written atomically as ``output/redline-avenant-001.docx`` (or
``output/redline-2025-01-01-2026-06-30.docx``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ccas_docs.common.diagnostics import Location, UserError, error
from ccas_docs.compose.convention import consolidation_line
from ccas_docs.model.project import Project, load_project
from ccas_docs.versions.consolidate import Version, consolidate, versions_of


@dataclass(frozen=True)
class Redline:
    path: Path
    before: Version
    after: Version
    revisions: int
    summary: str  # what differs, part by part (« 1 modifié(s) »)


def checked(version: Version, original: Project | None = None) -> Version:
    """``version`` if every rule of ``check`` holds on it; else its errors, at the avenant's lines.

    The commands that compose an amended version (``avenant``, ``redline``, ``seal --avenant``)
    refuse what ``check`` refuses, with the same messages, rather than meet it while composing.
    ``original``: a project already validated, not checked twice.
    """
    from ccas_docs.checks.rules import check_project
    from ccas_docs.versions.consolidate import at_avenant

    if version.project is original:
        return version
    report, _ = check_project(version.project)
    errors = report.errors
    if errors:
        if version.avenant is not None:
            errors = [at_avenant(d, version.avenant, version.project) for d in errors]
        raise UserError(errors)
    return version


def avenant_versions(project: Project, numero: int) -> tuple[Version, Version]:
    """The version an avenant amends and the one it makes, each valid (or :class:`UserError`)."""
    versions = versions_of(project)
    for i, version in enumerate(versions):
        if version.avenant is not None and version.avenant.numero == numero:
            return checked(versions[i - 1], project), checked(version, project)
    known = ", ".join(str(v.avenant.numero) for v in versions if v.avenant is not None) or "aucun"
    raise UserError(
        error(
            project.convention.source.locate(("avenants",)),
            f"avenant n\u00b0\u00a0{numero} inconnu (avenants de la convention : {known})",
            code="avenant-inconnu",
            hint="les avenants sont listés sous « avenants: » dans convention.yaml",
        )
    )


def period_versions(project: Project, start: dt.date, end: dt.date) -> tuple[Version, Version]:
    if end < start:
        raise UserError(
            error(
                Location("--to"),
                f"la date de fin ({end.isoformat()}) précède la date de début ({start.isoformat()})",
                code="periode",
            )
        )
    return checked(consolidate(project, start), project), checked(consolidate(project, end), project)


def redline(
    root: Path,
    output: Path,
    avenant: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Redline:
    """Write the redline DOCX of an avenant (or between two dates); return what was written."""
    from ccas_docs.checks.rules import validated
    from ccas_docs.common.atomic import ensure_dir, write_bytes
    from ccas_docs.compose.redline import compose_redline
    from ccas_docs.writers.docx import render_docx

    root, output = Path(root), Path(output)
    project = load_project(root)
    validated(project)
    if avenant is not None:
        before, after = avenant_versions(project, avenant)
        name = f"redline-avenant-{avenant:03d}"
        lines = (version_line(before), version_line(after))
    else:
        assert start is not None and end is not None
        before, after = period_versions(project, start, end)
        name = f"redline-{start.isoformat()}-{end.isoformat()}"
        lines = (consolidation_line(start, before.avenants), consolidation_line(end, after.avenants))
    doc = compose_redline(before, after, name, lines)
    data = render_docx(doc, root / "templates" / "convention.docx")
    ensure_dir(output)
    target = output / f"{name}.docx"
    write_bytes(target, data)
    from ccas_docs.versions.diff import diff_projects, summary

    return Redline(target, before, after, data_revisions(data), summary(diff_projects(before.project, after.project)))


def version_line(version: Version) -> str:
    """The line ``build --at`` writes for a version on its first day (none for the original: plain ``build``)."""
    return consolidation_line(version.date, version.avenants) if version.avenants else ""


def data_revisions(data: bytes) -> int:
    """How many revisions the DOCX holds (for the command's summary)."""
    import io
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    return xml.count(b"<w:ins ") + xml.count(b"<w:del ")


__all__ = ["redline", "Redline", "avenant_versions", "period_versions"]
