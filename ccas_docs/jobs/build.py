"""``ccas-docs build``: the convention and every fiche as DOCX, HTML and PDF, built incrementally.

Outputs are first written into a staging folder inside the output directory, then moved into
place together: a build that fails leaves the previous outputs exactly as they were. A manifest
records the fingerprint of every input (YAML, templates, tool version, PDF engine,
``SOURCE_DATE_EPOCH``); when it has not changed and the outputs are those the manifest recorded, nothing is rebuilt.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ccas_docs import __version__
from ccas_docs.common.atomic import ensure_dir, os_errors, sha256_file, write_text
from ccas_docs.document.tree import Document
from ccas_docs.jobs.build_date import ENV as ENV_DATE
from ccas_docs.jobs.build_date import dated, project_date

if TYPE_CHECKING:
    from ccas_docs.jobs.layouts import Layouts, Result
from ccas_docs.common.diagnostics import UserError
from ccas_docs.common.interrupt import deferred_interrupts
from ccas_docs.registry.issued import clean_staging, staging_dir
from ccas_docs.writers import check_pdf_engine

MANIFEST = ".ccas-docs-build.json"
FORMATS = ("docx", "html", "pdf")


@dataclass(frozen=True)
class Built:
    path: Path
    seconds: float
    skipped: bool = False


Progress = Callable[[Built], None]


_NOT_INPUTS = {"output", "tests", "benchmarks", "docs", "data", "build", "dist", "node_modules", "__pycache__"}


def _input_files(root: Path, output: Path) -> list[Path]:
    """The project's YAML files (wherever convention.yaml may point) and its templates."""
    output = output.resolve()
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in _NOT_INPUTS
            and not d.endswith(".egg-info")
            and (here / d).resolve() != output
        )
        in_templates = here.relative_to(root).parts[:1] == ("templates",)
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")) or (in_templates and not name.startswith(".")):
                found.append(here / name)
    return found


def fingerprint(root: Path, output: Path, extra: Iterable[str]) -> str:
    """SHA-256 over every input: YAML files, templates, this package's code, and ``extra`` strings."""
    digest = hashlib.sha256()
    for item in extra:
        digest.update(item.encode() + b"\0")
    package = Path(__file__).resolve().parents[1]  # the whole ccas_docs package
    code = sorted(package.rglob("*.py"))
    for path in [*_input_files(root, output), *code]:
        label = path.relative_to(package if path in code else root).as_posix()
        digest.update(label.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _up_to_date(output: Path, print_: str) -> list[str] | None:
    try:
        manifest = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if manifest.get("fingerprint") != print_:
        return None
    files: dict[str, str] = manifest.get("files", {})
    for rel, sha in files.items():
        path = output / rel
        if not path.is_file() or sha256_file(path) != sha:
            return None
    return sorted(files)


def build(
    root: Path,
    output: Path,
    engine: str = "weasyprint",
    force: bool = False,
    progress: Progress | None = None,
    timeout: float = 120.0,
    on_start: Callable[[int], None] | None = None,
    at: dt.date | None = None,
) -> list[Built]:
    """Build every document; return what was written (or found up to date).

    ``at``: build the consolidated convention in force on that date, in ``output/consolidee-<date>``.
    """
    check_pdf_engine(engine)
    root, output = Path(root), Path(output)
    if at is not None:
        output = output / f"consolidee-{at.isoformat()}"
    clean_staging(output, (".build-*", ".facture-*"))  # left behind by an interrupted run
    epoch = os.environ.get(ENV_DATE, "")  # another SOURCE_DATE_EPOCH, other files
    stamp = fingerprint(root, output, [__version__, engine, *FORMATS, at.isoformat() if at else "", epoch])
    if not force:
        current = _up_to_date(output, stamp)
        if current is not None:
            done = [Built(output / rel, 0.0, skipped=True) for rel in current]
            if on_start:
                on_start(len(done))
            for item in done:
                if progress:
                    progress(item)
            return done

    from ccas_docs.checks.rules import validated
    from ccas_docs.compose.convention import compose_all, consolidation_line
    from ccas_docs.jobs.layouts import Layouts
    from ccas_docs.jobs.provenance import provenance, stamped
    from ccas_docs.model.project import load_project
    from ccas_docs.versions.consolidate import consolidate, versions_of

    templates = root / "templates"
    # the layout workers start now, and import WeasyPrint while this process loads and composes
    with Layouts(templates) if engine == "weasyprint" else contextlib.nullcontext() as layouts:
        project = load_project(root)
        # build writes drafts (« PROJET » on every page and in the DOCX header); the version to
        # sign is made by ``seal``, into signatures/, never here
        versions_of(project)  # a wrong avenant is an error of the project, even for the original text
        version = consolidate(project, at)
        _, numbering = validated(version.project)
        line = consolidation_line(at, version.avenants) if at is not None else ""
        owners = [None, *(f.model.id for f in version.project.fiches)]  # compose_all: the convention, then each fiche
        day = project_date(project)  # the files' creation date: the build's, not the convention's
        documents = [
            dated(as_draft(stamped(d, provenance(version.project, owner))), day)
            for d, owner in zip(compose_all(version.project, numbering, line), owners, strict=True)
        ]
        if on_start:
            on_start(len(documents) * len(FORMATS))
        ensure_dir(output)
        return _stage_and_install(documents, output, stamp, templates, layouts, timeout, progress)


def as_draft(doc: Document) -> Document:
    return dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, draft=True))


def _stage_and_install(
    documents: list[Document],
    output: Path,
    stamp: str,
    templates: Path,
    layouts: Layouts | None,
    timeout: float,
    progress: Progress | None,
) -> list[Built]:
    """Write everything into a staging folder, then move it into place; remove what is stale."""
    # a staging folder locked by this process: another command's cleanup leaves it alone
    with os_errors(output), staging_dir(output, ".build-") as staging:
        staged = _write_all(documents, staging, templates, layouts, timeout, progress, output)
        with deferred_interrupts():  # a Ctrl-C waits for the last rename
            for rel in staged:
                target = output / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging / rel, target)
            _remove_stale(output, set(staged))
            manifest = {"fingerprint": stamp, "files": {rel: sha256_file(output / rel) for rel in staged}}
            write_text(output / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return [Built(output / rel, 0.0) for rel in staged]


def _remove_stale(output: Path, produced: set[str]) -> None:
    """Delete what the previous build wrote and this one no longer produces (a removed fiche).

    Only files listed in the previous manifest are touched: nothing else in the output folder.
    """
    try:
        previous = json.loads((output / MANIFEST).read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError):
        return
    for rel in previous:
        if rel not in produced and ".." not in Path(rel).parts:
            (output / rel).unlink(missing_ok=True)


def _relative_name(name: str) -> str:
    return name if name == "convention" else f"annexes/{name}"


def _write_all(
    documents: list[Document],
    staging: Path,
    templates: Path,
    layouts: Layouts | None,
    timeout: float,
    progress: Progress | None,
    output: Path,
) -> list[str]:
    """DOCX and HTML here; PDFs by the layout workers (WeasyPrint) or by one LibreOffice call."""
    from ccas_docs.writers.docx import write_docx
    from ccas_docs.writers.html import render_html

    staged: list[str] = []

    def done(rel: str, started: float) -> None:
        staged.append(rel)
        if progress:
            progress(Built(output / rel, time.perf_counter() - started))

    stems = [_relative_name(doc.name) for doc in documents]
    htmls: list[str] = []
    for doc, stem in zip(documents, stems, strict=True):
        (staging / stem).parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        htmls.append(render_html(doc, templates))
        (staging / f"{stem}.html").write_text(htmls[-1], encoding="utf-8")
        done(f"{stem}.html", started)
    pdfs: list[tuple[str, Result]] = []
    if layouts is not None:
        # the longest layouts first (greedy scheduling): the workers then finish together;
        # meanwhile this process writes the Word files
        for i in sorted(range(len(documents)), key=lambda i: -len(htmls[i])):
            pdfs.append((f"{stems[i]}.pdf", layouts.submit(htmls[i], documents[i].meta)))
    template_docx = templates / "convention.docx"
    for doc, stem in zip(documents, stems, strict=True):
        started = time.perf_counter()
        write_docx(doc, staging / f"{stem}.docx", template_docx)
        done(f"{stem}.docx", started)
    conversions = [] if layouts is not None else [(staging / f"{s}.docx", staging / f"{s}.pdf") for s in stems]
    for rel, result in pdfs:
        data, seconds = result()
        (staging / rel).write_bytes(data)
        done(rel, time.perf_counter() - seconds)
    if conversions:
        from ccas_docs.writers.libreoffice import convert_docx_to_pdf

        started = time.perf_counter()
        convert_docx_to_pdf(conversions, timeout=timeout, date=documents[0].meta.date)
        for _, pdf in conversions:
            done(pdf.relative_to(staging).as_posix(), started)
    return staged


__all__ = ["build", "Built", "UserError"]
