"""Writers: turn a format-neutral document tree into files (HTML, PDF, DOCX, XLSX, CSV, Factur-X).

Takes document trees; gives bytes on disk. Writers compute nothing and decide no wording.
"""

from __future__ import annotations

PDF_ENGINES = ("weasyprint", "libreoffice")  # HTML laid out by WeasyPrint, or the DOCX converted by LibreOffice


def check_pdf_engine(engine: str) -> None:
    """A French error for an engine that is not one of :data:`PDF_ENGINES`."""
    if engine not in PDF_ENGINES:
        from ccas_docs.common.diagnostics import fail

        raise fail("--pdf-engine", f"moteur PDF « {engine} » inconnu : choisir {' ou '.join(PDF_ENGINES)}")
