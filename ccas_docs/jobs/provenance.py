"""What a built DOCX records about the sources it came from, and whether a version is sealed.

``build`` writes these as custom properties of every DOCX (:mod:`ccas_docs.document.markers` names
them); ``import`` compares them with the YAML files it would change.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ccas_docs import __version__
from ccas_docs.document.markers import PROP_FILE, PROP_SOURCES, PROP_TOOL, PROP_VERSION, SEALED_ID

if TYPE_CHECKING:
    from ccas_docs.document.tree import Document
    from ccas_docs.model.project import Project

REGISTER = "signatures/registre.csv"  # the register of sealed and signed versions (seal, sign)
SEALED = "scellement"
DRAFT = "projet"


def source_hashes(project: Project, paths: list[str] | None = None) -> dict[str, str]:
    """``{YAML file as shown: SHA-256}`` for ``paths`` (by default every file the model was read from)."""
    out: dict[str, str] = {}
    for source in [*project.sources, *project.avenant_sources]:
        if paths is None or source.path in paths:
            out[source.path] = hashlib.sha256((project.root / source.path).read_bytes()).hexdigest()
    return dict(sorted(out.items()))


def document_sources(project: Project, fiche: str | None) -> list[str] | None:
    """The files a document's text comes from: all of them for the convention; for one annex fiche,
    convention.yaml (parties, parameters, annex order), the services and the fiche itself."""
    if fiche is None:
        return None
    own = [f.source.path for f in project.fiches if f.model.id == fiche]
    return [project.convention.source.path, project.organisation.source.path, *own]


def sources_digest(hashes: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for path, sha in sorted(hashes.items()):
        digest.update(f"{path}\0{sha}\n".encode())
    return digest.hexdigest()


def sealed_version(root: Path) -> str | None:
    """The last version ``seal`` registered in ``signatures/registre.csv``, or None.

    Reads only the register's committed format (a CSV with ``version`` and ``operation`` columns,
    separated by « ; » as the register mechanism writes it, or by « , »), without verifying its
    chain (``seal`` and ``verify`` do).
    """
    path = Path(root) / REGISTER
    try:
        text = path.read_text(encoding="utf-8-sig")
        delimiter = ";" if ";" in text.partition("\n")[0] else ","
        rows = [
            r
            for r in csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
            if r.get("operation") == SEALED and r.get("version")
        ]
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    return rows[-1]["version"] if rows else None


def document_version(properties: dict[str, str]) -> str | None:
    """The sealed version id a DOCX's custom properties name (None for a draft of ``build``)."""
    value = properties.get(PROP_VERSION, "")
    return value if SEALED_ID.match(value) else None


def version_label(root: Path) -> str:
    sealed = sealed_version(root)
    return DRAFT if sealed is None else f"{DRAFT} après {sealed}"


def provenance(project: Project, fiche: str | None = None, version: str | None = None) -> tuple[tuple[str, str], ...]:
    """The custom properties of a document: of the whole convention, or of one annex ``fiche``.

    ``version``: the id of the version ``seal`` freezes (else « projet », or « projet après <id> »).
    """
    hashes = source_hashes(project, document_sources(project, fiche))
    return (
        (PROP_TOOL, f"ccas-docs {__version__}"),
        (PROP_SOURCES, sources_digest(hashes)),
        (PROP_VERSION, version or version_label(project.root)),
        *((PROP_FILE + path, sha[:16]) for path, sha in hashes.items()),
    )


def stamped(doc: Document, properties: tuple[tuple[str, str], ...]) -> Document:
    return replace(doc, meta=replace(doc.meta, properties=properties))
