"""DOCX writer: a document tree onto the named styles of ``templates/convention.docx``.

The template owns the page furniture (A4, margins, fonts, header, footer with « page n / N »
fields, the cover page) and every style; the legal service restyles it in Word without touching
code. The writer:

1. renders the template with docxtpl (sandboxed, strict, auto-escaping Jinja): the cover
   (``couverture.titre``, ``couverture.sous_titres``, ``couverture.lignes``, or ``couverture`` false
   when the document has no cover), the header (``entete``), the footer (``pied``) and the
   document properties ``titre``, ``objet``, ``auteur``;
2. replaces the marker paragraph ``{{ corps }}`` with the body, built as WordprocessingML
   elements that only reference the template's named styles (no subdocument: subdocuments and
   loops are known to lose headers, footers and their page fields);
3. sets the core properties from the tree's metadata and writes a ZIP with fixed timestamps,
   entry order and compression, so that the same tree gives byte-identical files.

It computes nothing and decides no wording. A style the body needs and the template lacks is a
user error naming the style and the template, never a silent fallback.

The modules, one concern each: :mod:`.template` (loading, tags, marker, properties),
:mod:`.body` (blocks), :mod:`.styles` (named styles and missing-style errors), :mod:`.lists`
(numbering), :mod:`.tables` (tables and signatures), :mod:`.paragraphs` (every ``w:p`` and ``w:r``).
"""

from __future__ import annotations

import io
from pathlib import Path

from ccas_docs.common.atomic import write_bytes
from ccas_docs.common.diagnostics import UserError
from ccas_docs.document.tree import Document
from ccas_docs.writers.docx.body import BodyWriter
from ccas_docs.writers.docx.markers import add_markers, add_package_parts
from ccas_docs.writers.docx.paragraphs import furniture, word_hyphens
from ccas_docs.writers.docx.revisions import apply_cover_marks, number_revisions
from ccas_docs.writers.docx.styles import (
    AFTER_TABLE_STYLE,
    BULLET_STYLES,
    CAPTION_STYLE,
    CELL_BULLET_STYLES,
    CELL_NUMBER_STYLES,
    CELL_STYLES,
    HEADING_STYLES,
    NUMBER_STYLES,
    ROLE_STYLES,
    SIGNATURE_HEADING_STYLE,
    SIGNATURE_LINE_STYLE,
    SIGNATURE_PLACE_STYLE,
    SIGNATURE_ROOM_STYLE,
    SIGNATURE_TABLE_STYLE,
    TABLE_STYLE,
)
from ccas_docs.writers.docx.template import (
    MARKER,
    load_template,
    render_template,
    replace_marker,
    set_core_properties,
    set_language,
)
from ccas_docs.writers.reproducible import normalise_zip


def write_docx(doc: Document, target: Path, template: Path) -> None:
    """Write ``doc`` as a DOCX file at ``target`` (atomically), laid out by ``template``."""
    write_bytes(Path(target), render_docx(doc, Path(template)))


def render_docx(doc: Document, template: Path) -> bytes:
    """The DOCX file's bytes: the same tree and template always give the same bytes."""
    template = Path(template)
    tpl = load_template(template)
    render_template(tpl, doc, template)
    document = tpl.docx
    apply_cover_marks(document.element.body, doc.cover)
    for part in (document.element.body, *furniture(document)):  # the text the template filled in
        word_hyphens(part)
    writer = BodyWriter(document, template)
    body = writer.blocks(doc.body)
    writer.check()
    markers = add_markers(body, doc)
    replace_marker(document, body, template)
    number_revisions(document.element.body)
    set_language(document, doc.meta.language)
    set_core_properties(document, doc)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(add_package_parts(buffer.getvalue(), doc.meta.properties, markers))


__all__ = [
    "write_docx",
    "render_docx",
    "UserError",
    "MARKER",
    "AFTER_TABLE_STYLE",
    "BULLET_STYLES",
    "CAPTION_STYLE",
    "CELL_BULLET_STYLES",
    "CELL_NUMBER_STYLES",
    "CELL_STYLES",
    "HEADING_STYLES",
    "NUMBER_STYLES",
    "ROLE_STYLES",
    "SIGNATURE_HEADING_STYLE",
    "SIGNATURE_LINE_STYLE",
    "SIGNATURE_PLACE_STYLE",
    "SIGNATURE_ROOM_STYLE",
    "SIGNATURE_TABLE_STYLE",
    "TABLE_STYLE",
]
