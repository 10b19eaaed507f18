"""PDF writer, WeasyPrint engine: the HTML of :mod:`.html` → PDF/A-2b (or PDF/A-3b), reproducibly.

WeasyPrint is imported inside the functions: its import alone costs about half a second, which
commands that write no PDF must not pay.

Accessibility: the PDF is tagged (WeasyPrint's ``pdf_tags``: a structure tree of headings,
paragraphs, lists and tables, ``/MarkInfo /Marked true``, ``/Lang``), still declared PDF/A-2b.

Reproducibility: the same HTML and metadata give byte-identical PDFs. WeasyPrint writes the
dates it is given (``meta.date`` at 00:00 UTC), the file identifier is derived from the metadata,
and ``SOURCE_DATE_EPOCH`` (read by fontTools when it subsets the embedded fonts) is set to the
same instant for the duration of the call, then restored.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ccas_docs.common import atomic
from ccas_docs.common.diagnostics import fail
from ccas_docs.document.tree import Document, Metadata
from ccas_docs.writers.html import render_html

VARIANTS = ("pdf/a-2b", "pdf/a-3b")
_ENV_LOCK = threading.Lock()


@dataclass(frozen=True)
class PdfAttachment:
    """A file embedded in the PDF (PDF/A-3 only), e.g. the Factur-X XML; its MIME type is guessed from the name."""

    name: str
    data: bytes
    description: str = ""
    relationship: str = "Data"  # Source, Data, Alternative, Supplement, Unspecified (ISO 32000-2, 7.11.3)


def html_to_pdf(
    html: str,
    base_url: Path,
    meta: Metadata,
    variant: str = "pdf/a-2b",
    attachments: list[PdfAttachment] | None = None,
) -> bytes:
    """Render ``html`` to PDF bytes. ``base_url`` resolves relative links (images of the templates)."""
    if variant not in VARIANTS:
        raise fail(
            "pdf",
            f"variante PDF « {variant} » non prise en charge",
            code="pdf",
            hint="choisir " + " ou ".join(f"« {v} »" for v in VARIANTS),
        )
    if attachments and variant != "pdf/a-3b":
        raise fail(
            "pdf",
            "des pièces jointes ne peuvent être incorporées que dans un PDF/A-3",
            code="pdf",
            hint="utiliser la variante « pdf/a-3b »",
        )
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango missing
        missing = "bibliothèque système Pango absente" if isinstance(exc, OSError) else "module Python absent"
        raise fail(
            "pdf",
            f"WeasyPrint est indisponible : {missing}",
            code="pdf",
            hint="installer WeasyPrint et Pango, ou utiliser --pdf-engine libreoffice",
        ) from None

    when = dt.datetime.combine(meta.date, dt.time(0, 0), tzinfo=dt.UTC)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    embedded = [
        weasyprint.Attachment(
            string=a.data,
            name=a.name,
            description=a.description or None,
            created=when,
            modified=when,
            relationship=a.relationship,
        )
        for a in attachments or []
    ]
    with _source_date_epoch(int(when.timestamp())):
        document = weasyprint.HTML(string=html, base_url=str(base_url)).render()
        # The PDF's metadata are the tree's, whatever the (restylable) template put in <head>.
        md = document.metadata
        md.title = meta.title
        md.authors = [meta.author]
        md.description = meta.subject
        md.keywords = list(meta.keywords)
        md.lang = meta.language
        md.created = md.modified = stamp
        md.generator = None
        return document.write_pdf(
            pdf_variant=variant,
            pdf_identifier=_identifier(meta),
            attachments=embedded or None,
            pdf_tags=True,  # a tagged PDF (structure tree, /MarkInfo): readable by assistive technologies
        )


def write_pdf(doc: Document, target: Path, templates_dir: Path, variant: str = "pdf/a-2b") -> None:
    """Render ``doc`` through the HTML template and write the PDF atomically."""
    html = render_html(doc, templates_dir)
    atomic.write_bytes(target, html_to_pdf(html, templates_dir, doc.meta, variant))


def _identifier(meta: Metadata) -> bytes:
    """The permanent part of the PDF's /ID: the same document keeps the same identifier."""
    key = "\n".join((meta.title, meta.subject, meta.author, meta.date.isoformat()))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32].encode("ascii")


@contextlib.contextmanager
def _source_date_epoch(seconds: int) -> Iterator[None]:
    """Set ``SOURCE_DATE_EPOCH`` for the duration of the block, then restore the environment."""
    with _ENV_LOCK:
        previous = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = str(seconds)
        try:
            yield
        finally:
            if previous is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            else:
                os.environ["SOURCE_DATE_EPOCH"] = previous
