"""The files of an invoice: DOCX, PDF/A-3 with its Factur-X XML, XLSX and CSV, written into a folder."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ccas_docs.billing.ledger import Ledger
    from ccas_docs.compose.invoice import InvoiceHeader
    from ccas_docs.jobs.layouts import Layouts
    from ccas_docs.model.project import Project


def render_documents(
    project: Project,
    ledger: Ledger,
    header: InvoiceHeader,
    folder: Path,
    templates: Path,
    engine: str = "weasyprint",
    timeout: float = 120.0,
    layouts: Layouts | None = None,
    draft: bool = False,
    stem: str | None = None,
) -> list[tuple[str, float]]:
    """Write ``<number>.docx``, ``.pdf`` (Factur-X), ``.xlsx`` and ``.csv`` into ``folder``;
    return each file name with the seconds it took.

    With WeasyPrint, the PDF layout (the longest job) runs in a layout worker (:mod:`.layouts`)
    while this process writes the other files and loads the Factur-X library; the bytes are the
    same either way. ``draft``: a draft (« PROJET » on every page and in the DOCX header), written
    as ``<stem>.*`` (by default the number).
    """
    from ccas_docs.compose.einvoice import compose_einvoice
    from ccas_docs.compose.invoice import compose_invoice
    from ccas_docs.jobs.layouts import Layouts
    from ccas_docs.writers.facturx import check_xml, cii_xml, embed_facturx

    doc = compose_invoice(project, ledger, header)
    if draft:
        doc = replace(doc, meta=replace(doc.meta, draft=True))
    xml = cii_xml(compose_einvoice(project, ledger, header))
    stem = stem or header.number
    pdf_path = folder / f"{stem}.pdf"
    if engine == "weasyprint":
        from ccas_docs.writers.html import render_html

        own = layouts is None
        layouts = layouts or Layouts(templates, workers=1)
        try:
            pending = layouts.submit(render_html(doc, templates), doc.meta, variant="pdf/a-3b")
            side = _side_files(project, ledger, header, doc, folder, templates, stem)
            check_xml(xml)  # loads the Factur-X library (and checks the XML) while the layout goes on
            pdf, pdf_seconds = pending()
        finally:
            if own:
                layouts.close()
    else:
        from ccas_docs.writers.libreoffice import convert_docx_to_pdf

        side = _side_files(project, ledger, header, doc, folder, templates, stem)
        started = time.perf_counter()
        plain = folder / f".{stem}.libreoffice.pdf"
        convert_docx_to_pdf([(folder / f"{stem}.docx", plain)], timeout=timeout, date=doc.meta.date)
        pdf = plain.read_bytes()
        plain.unlink()
        pdf_seconds = time.perf_counter() - started
    started = time.perf_counter()
    pdf_path.write_bytes(embed_facturx(pdf, xml, doc.meta))
    pdf_seconds += time.perf_counter() - started
    return [
        (f"{stem}.docx", side["docx"]),
        (pdf_path.name, pdf_seconds),
        (f"{stem}.xlsx", side["xlsx"]),
        (f"{stem}.csv", side["csv"]),
    ]


def _side_files(
    project: Project, ledger: Ledger, header: InvoiceHeader, doc: Any, folder: Path, templates: Path, stem: str
) -> dict[str, float]:
    """The DOCX, XLSX and CSV files; the seconds each took (its writer's import included)."""
    from ccas_docs.compose.invoice_sheet import invoice_csv, invoice_spreadsheet

    seconds: dict[str, float] = {}
    started = time.perf_counter()
    from ccas_docs.writers.docx import write_docx

    template = templates / "facture.docx"
    write_docx(doc, folder / f"{stem}.docx", template if template.is_file() else templates / "convention.docx")
    seconds["docx"] = time.perf_counter() - started
    started = time.perf_counter()
    from ccas_docs.writers.xlsx import write_xlsx

    write_xlsx(invoice_spreadsheet(project, ledger, header), folder / f"{stem}.xlsx")
    seconds["xlsx"] = time.perf_counter() - started
    started = time.perf_counter()
    from ccas_docs.writers.csvfile import write_csv

    write_csv(invoice_csv(project, ledger, header), folder / f"{stem}.csv")
    seconds["csv"] = time.perf_counter() - started
    return seconds
