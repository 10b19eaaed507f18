"""The date a build, a seal or an avenant writes into its files as their creation date.

In order: ``SOURCE_DATE_EPOCH`` if set (the reproducible-builds convention: seconds since
1970-01-01 UTC); else the date of the latest commit that touched the project's sources (its YAML
files and templates: ``git log -1 --format=%ct -- <sources>``); else today. Never the convention's
effective date, which is a term of the contract, not the day its file was made.

The date is a day (00:00 UTC): the same sources give the same files all day long, and, with
``SOURCE_DATE_EPOCH`` or a commit, always.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ccas_docs.common.diagnostics import fail
from ccas_docs.document.tree import Document

if TYPE_CHECKING:  # the model is imported by the jobs that load a project, not by this module's users
    from ccas_docs.model.project import Project

ENV = "SOURCE_DATE_EPOCH"


def build_date(root: Path, sources: Iterable[Path]) -> dt.date:
    """The creation date of the files built from ``sources`` (see the module's docstring)."""
    value = os.environ.get(ENV, "").strip()
    if value:
        return _epoch_day(value)
    committed = _commit_day(Path(root), list(sources))
    return committed or dt.datetime.now(dt.UTC).date()


def project_date(project: Project) -> dt.date:
    """:func:`build_date` of a project: its YAML files and its templates folder."""
    return build_date(project.root, [*project.input_files(), project.root / "templates"])


def dated(doc: Document, day: dt.date) -> Document:
    """``doc`` with ``day`` as the creation date its writers record."""
    return dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, date=day))


def pdf_creation_day(pdf: Path) -> dt.date | None:
    """The creation day a PDF records, e.g. a sealed file's, to rebuild it alike: its XMP
    ``xmp:CreateDate`` (a sealed PDF has no Info dictionary), else its ``/CreationDate``."""
    import pikepdf

    try:
        with pikepdf.open(pdf) as document:
            stamp = str(document.open_metadata().get("xmp:CreateDate", "")).replace("-", "")
            if not stamp:
                stamp = str(document.docinfo.get("/CreationDate", "")).removeprefix("D:")
    except (OSError, pikepdf.PdfError):
        return None
    try:
        return dt.date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8]))
    except ValueError:
        return None


def _epoch_day(value: str) -> dt.date:
    try:
        seconds = int(value)
        return dt.datetime.fromtimestamp(seconds, dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise fail(
            ENV,
            f"variable d'environnement {ENV} « {value[:40]} » invalide : un nombre entier de secondes "
            "depuis le 1er janvier 1970 est attendu",
            code="date",
            hint=f"par exemple {ENV}=$(git log -1 --format=%ct), ou retirer la variable",
        ) from None


def _commit_day(root: Path, sources: list[Path]) -> dt.date | None:
    """The day of the latest commit touching ``sources``; None outside a repository or without git."""
    paths = [str(p) for p in sources if p.exists()]
    if not paths:
        return None
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct", "--", *paths],
            capture_output=True,
            text=True,
            timeout=20,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = done.stdout.strip()
    if done.returncode != 0 or not stamp.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(stamp), dt.UTC).date()
