"""``ccas-docs avenant N``: the avenant itself as DOCX, HTML and PDF/A, in ``output/avenants/``.

The avenant is composed against the version it amends (its numbers) and the version it makes
(the new text it quotes); the three files are written into a staging folder and moved into place
together, so that a failure leaves the previous files as they were.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ccas_docs.common.atomic import ensure_dir
from ccas_docs.jobs.build_date import dated, project_date
from ccas_docs.model.project import load_project
from ccas_docs.writers import check_pdf_engine


@dataclass(frozen=True)
class AvenantFiles:
    paths: tuple[Path, ...]
    label: str


def avenant(root: Path, output: Path, numero: int, engine: str = "weasyprint", timeout: float = 120.0) -> AvenantFiles:
    """Write ``avenant-NNN.docx``, ``.html`` and ``.pdf`` into ``output/avenants``."""
    from ccas_docs.checks.rules import validated
    from ccas_docs.compose.avenant import compose_avenant
    from ccas_docs.jobs.redline import avenant_versions
    from ccas_docs.writers.docx import write_docx
    from ccas_docs.writers.html import write_html

    check_pdf_engine(engine)
    root, output = Path(root), Path(output)
    project = load_project(root)
    validated(project)
    before, after = avenant_versions(project, numero)
    assert after.avenant is not None
    doc = dated(compose_avenant(after.avenant, before, after), project_date(project))  # the build's date
    templates = root / "templates"
    folder = output / "avenants"
    ensure_dir(folder)
    staging = Path(tempfile.mkdtemp(prefix=".avenant-", dir=folder))
    try:
        stem = staging / doc.name
        write_docx(doc, stem.with_suffix(".docx"), templates / "convention.docx")
        write_html(doc, stem.with_suffix(".html"), templates)
        if engine == "weasyprint":
            from ccas_docs.writers.pdf import write_pdf

            write_pdf(doc, stem.with_suffix(".pdf"), templates)
        else:
            from ccas_docs.writers.libreoffice import convert_docx_to_pdf

            convert_docx_to_pdf(
                [(stem.with_suffix(".docx"), stem.with_suffix(".pdf"))], timeout=timeout, date=doc.meta.date
            )
        paths = []
        for suffix in (".docx", ".html", ".pdf"):
            target = folder / f"{doc.name}{suffix}"
            os.replace(stem.with_suffix(suffix), target)
            paths.append(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return AvenantFiles(tuple(paths), after.avenant.label)


__all__ = ["avenant", "AvenantFiles"]
