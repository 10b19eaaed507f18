"""``ccas-docs invoice``: from the payroll and costs files to the issued invoice and its register line.

The pipeline, for billed year N:

1. load and check the convention (:func:`~ccas_docs.checks.validated`), refuse a year outside its
   duration;
2. read ``data/charges-personnel/<N-1>.csv`` (or ``--charges``, CSV or XLSX) and
   ``data/frais/<N>.csv`` (or ``--frais``), build the ledger (every problem of every input
   reported at once, with ``file:line:col``);
3. refuse forecast (« prévisionnel ») payroll charges: an invoice bills executed amounts;
4. decide the number with the register (:func:`~ccas_docs.billing.register.plan_invoice`, or
   ``plan_avoir`` / ``plan_complement`` for a correction);
5. compose the état de refacturation, write DOCX, PDF (PDF/A-3b carrying the Factur-X XML), XLSX
   and CSV into a staging folder, then move them into ``output/factures/<N>/`` and record the
   document in ``data/registre-factures.csv`` with the SHA-256 of its files. Any error leaves the
   previous files and the register exactly as they were.

Regenerating an invoice already issued with the same total gives back its number and date; the
regenerated files must be byte-identical to those recorded (an issued document is never modified).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ccas_docs.common import fr
from ccas_docs.common.atomic import sha256_file
from ccas_docs.common.diagnostics import Diagnostic, UserError, error
from ccas_docs.writers import check_pdf_engine

# The model and the billing modules (pydantic) are imported inside the functions: ``issue_invoice``
# starts its layout worker first, which then imports WeasyPrint while this process imports them.
if TYPE_CHECKING:
    from ccas_docs.billing.ledger import Ledger
    from ccas_docs.billing.payroll import PayrollRow
    from ccas_docs.compose.invoice import InvoiceHeader
    from ccas_docs.jobs.layouts import Layouts
    from ccas_docs.model.project import Project
    from ccas_docs.registry.invoices import CorrectionPlan, RegisterEntry

Correction = Literal["avoir", "complement"]
OUTPUT_DIR = "output/factures"
FORMATS = ("docx", "pdf", "xlsx", "csv")


@dataclass(frozen=True)
class Inputs:
    project: Project
    ledger: Ledger
    payroll: list[PayrollRow]
    payroll_shown: str
    warnings: tuple[Diagnostic, ...] = ()  # the convention's warnings (« ccas-docs check »)


@dataclass(frozen=True)
class Written:
    path: Path
    seconds: float
    unchanged: bool = False  # an identical file was already in place


@dataclass
class InvoiceResult:
    """What ``ccas-docs invoice`` did."""

    status: Literal["emise", "regeneree", "corrigee"]
    year: int
    header: InvoiceHeader | None
    amount: Decimal
    files: list[Written] = field(default_factory=list)
    register: str = "data/registre-factures.csv"  # shown path of the register (billing.register)
    corrections: tuple[RegisterEntry, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()


Progress = Callable[[Written], None]


# --- inputs --------------------------------------------------------------------------------------


def shown_path(path: Path, root: Path) -> str:
    """A path as messages show it: relative to the project when inside it, else as given."""
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)


def load_inputs(
    root: Path,
    year: int,
    charges: Path | None = None,
    frais: Path | None = None,
    check: bool = True,
) -> Inputs:
    """Load the project, check it, read the inputs of ``year`` and compute its ledger."""
    from ccas_docs.billing.costs import read_costs
    from ccas_docs.billing.ledger import build_ledger, check_year, default_costs_path, default_payroll_path
    from ccas_docs.billing.payroll import read_payroll
    from ccas_docs.checks.rules import validated
    from ccas_docs.model.project import load_project

    root = Path(root)
    project = load_project(root)
    warnings: tuple[Diagnostic, ...] = ()
    if check:
        report, _ = validated(project)
        warnings = tuple(report.warnings)
    check_year(project, year)
    payroll_path = Path(charges) if charges is not None else default_payroll_path(root, year)
    payroll_shown = shown_path(payroll_path, root)
    costs_path = Path(frais) if frais is not None else default_costs_path(root, year)
    problems: list[UserError] = []
    payroll: list[PayrollRow] = []
    costs = []
    try:
        payroll = read_payroll(payroll_path, payroll_shown)
    except UserError as exc:
        problems.append(exc)
    try:
        costs = read_costs(costs_path, shown_path(costs_path, root), missing_ok=frais is None)
    except UserError as exc:
        problems.append(exc)
    if problems:
        raise UserError([d for exc in problems for d in exc.diagnostics])
    ledger = build_ledger(project, year, payroll, costs, payroll_shown)
    return Inputs(project, ledger, payroll, payroll_shown, warnings)


def ledger_json(root: Path, year: int, charges: Path | None = None, frais: Path | None = None) -> dict[str, Any]:
    """The ledger of ``year`` as JSON data (``--format json``): nothing is written, nothing recorded."""
    from ccas_docs.writers.ledgerjson import ledger_as_json

    return ledger_as_json(load_inputs(root, year, charges, frais).ledger)


def refuse_forecast(inputs: Inputs) -> None:
    """An invoice bills executed amounts: point at the first forecast (« prévisionnel ») payroll row."""
    ledger = inputs.ledger
    used = {line.service_code for line in ledger.lines}
    forecast = sorted(
        (row for row in inputs.payroll if row.previsionnel and row.service in used), key=lambda r: r.location.line
    )
    if not forecast:
        return
    first = forecast[0]
    others = len(forecast) - 1
    raise UserError(
        error(
            first.at("nature"),
            f"charges de personnel {ledger.reference_year} prévisionnelles (service « {first.service} »"
            + (f" et {others} autre{'s' if others > 1 else ''} ligne{'s' if others > 1 else ''}" if others else "")
            + f") : la facture {ledger.year} ne peut porter que sur des montants réalisés",
            code="charges-previsionnelles",
            hint=f"remplacer ce fichier par l'export de paie réalisé de {ledger.reference_year} (colonne « nature » "
            "vide ou « réalisé ») ; le montant estimé figure dans l'échéancier : « ccas-docs schedule »",
        )
    )


# --- the pipeline ----------------------------------------------------------------------------------


def issue_invoice(
    root: Path,
    year: int,
    charges: Path | None = None,
    frais: Path | None = None,
    correction: Correction | None = None,
    engine: str = "weasyprint",
    date: dt.date | None = None,
    timeout: float = 120.0,
    today: dt.date | None = None,
) -> InvoiceResult:
    """Issue (or regenerate) the invoice of ``year``, or its credit note / complementary invoice.

    ``date`` is the issue date of a correction (by default today, and never before the invoice it
    corrects); an invoice is always dated ``facturation.date_emission`` of its year.
    """
    check_pdf_engine(engine)
    from ccas_docs.jobs.layouts import Layouts

    root = Path(root)
    # the layout worker starts now and imports WeasyPrint while the inputs are read and checked
    with Layouts(root / "templates", workers=1) if engine == "weasyprint" else contextlib.nullcontext() as layouts:
        return _issue(root, year, charges, frais, correction, engine, date, timeout, today, layouts)


def _issue(
    root: Path,
    year: int,
    charges: Path | None,
    frais: Path | None,
    correction: Correction | None,
    engine: str,
    date: dt.date | None,
    timeout: float,
    today: dt.date | None,
    layouts: Layouts | None,
) -> InvoiceResult:
    from ccas_docs.compose.invoice import InvoiceHeader
    from ccas_docs.registry.invoices import Register, plan_avoir, plan_complement, plan_invoice, register_path

    inputs = load_inputs(root, year, charges, frais)
    refuse_forecast(inputs)
    project, ledger = inputs.project, inputs.ledger
    conv = project.convention
    settings = conv.model.facturation
    where = conv.source.locate(("facturation", "numero"), value=True)
    register = Register.load(register_path(root))
    delay = dt.timedelta(days=settings.delai_paiement_jours)

    reissue: RegisterEntry | None = None
    if correction is None:
        plan = plan_invoice(register, settings, year, ledger.total, where)
        if plan.status == "corrigee":
            return InvoiceResult(
                "corrigee",
                year,
                None,
                register.net_total(year),
                register=register.shown,
                corrections=plan.corrections,
                warnings=inputs.warnings,
            )
        header = InvoiceHeader(plan.numero, "facture", plan.date, plan.date + delay)
        if plan.status == "existante":
            reissue = register.find(plan.numero)
        amount, objet = ledger.total, plan.objet
        kind: Literal["facture", "avoir"] = "facture"
    else:
        original = register.find_invoice(year)
        corrections = register.corrections(year)
        last = corrections[-1] if corrections else None
        wanted = "avoir" if correction == "avoir" else "facture"
        if (
            original is not None
            and last is not None
            and last.type == wanted
            and register.net_total(year) == ledger.total
        ):
            # already issued: regenerate that very document
            reissue = last
            header = InvoiceHeader(
                last.numero, correction, last.date, last.date + delay, original.numero, abs(last.total)
            )
            amount, objet, kind = abs(last.total), last.objet, wanted
        else:
            issued = date or max(today or dt.date.today(), original.date if original else dt.date.min)
            planner = plan_avoir if correction == "avoir" else plan_complement
            cplan: CorrectionPlan = planner(register, settings, year, ledger.total, issued, where)
            header = InvoiceHeader(
                cplan.numero, correction, cplan.date, cplan.date + delay, cplan.corrects, cplan.amount
            )
            amount, objet, kind = cplan.amount, cplan.objet, cplan.type

    folder = root / OUTPUT_DIR / str(year)
    output_root = root / "output"
    created = [d for d in (output_root, root / OUTPUT_DIR, folder) if not d.exists()]
    output_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".facture-", dir=output_root))
    installed: list[tuple[Path, Path | None]] = []
    try:
        timings = render_documents(project, ledger, header, staging, root / "templates", engine, timeout, layouts)
        names = [name for name, _ in timings]
        if reissue is not None:
            _check_unchanged(reissue, staging, names, folder, root)
        written: list[Written] = []
        folder.mkdir(parents=True, exist_ok=True)
        for name, seconds in timings:
            target = folder / name
            if target.is_file() and sha256_file(target) == sha256_file(staging / name):
                written.append(Written(target, seconds, unchanged=True))
                continue
            backup = None
            if target.exists():
                backup = staging / f".ancien-{name}"
                os.replace(target, backup)
            installed.append((target, backup))
            os.replace(staging / name, target)
            written.append(Written(target, seconds))
        if reissue is None:
            register.record(
                header.number,
                kind,
                year,
                header.issue_date,
                -amount if kind == "avoir" else amount,
                files=[folder / name for name in names],
                objet=objet,
                relative_to=root,
            )
    except BaseException:
        _rollback(installed)
        shutil.rmtree(staging, ignore_errors=True)
        for folder_created in reversed(created):
            with contextlib.suppress(OSError):
                folder_created.rmdir()
        raise
    shutil.rmtree(staging, ignore_errors=True)
    status: Literal["emise", "regeneree"] = "regeneree" if reissue is not None else "emise"
    return InvoiceResult(status, year, header, amount, written, register.shown, warnings=inputs.warnings)


def render_documents(
    project: Project,
    ledger: Ledger,
    header: InvoiceHeader,
    folder: Path,
    templates: Path,
    engine: str = "weasyprint",
    timeout: float = 120.0,
    layouts: Layouts | None = None,
) -> list[tuple[str, float]]:
    """Write ``<number>.docx``, ``.pdf`` (Factur-X), ``.xlsx`` and ``.csv`` into ``folder``;
    return each file name with the seconds it took.

    With WeasyPrint, the PDF layout (the longest job) runs in a layout worker (:mod:`.layouts`)
    while this process writes the other files and loads the Factur-X library; the bytes are the
    same either way.
    """
    from ccas_docs.compose.einvoice import compose_einvoice
    from ccas_docs.compose.invoice import compose_invoice
    from ccas_docs.jobs.layouts import Layouts
    from ccas_docs.writers.facturx import check_xml, cii_xml, embed_facturx

    doc = compose_invoice(project, ledger, header)
    xml = cii_xml(compose_einvoice(project, ledger, header))
    stem = header.number
    pdf_path = folder / f"{stem}.pdf"
    if engine == "weasyprint":
        from ccas_docs.writers.html import render_html

        own = layouts is None
        layouts = layouts or Layouts(templates, workers=1)
        try:
            pending = layouts.submit(render_html(doc, templates), doc.meta, variant="pdf/a-3b")
            side = _side_files(project, ledger, header, doc, folder, templates)
            check_xml(xml)  # loads the Factur-X library (and checks the XML) while the layout goes on
            pdf, pdf_seconds = pending()
        finally:
            if own:
                layouts.close()
    else:
        from ccas_docs.writers.libreoffice import convert_docx_to_pdf

        side = _side_files(project, ledger, header, doc, folder, templates)
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
    project: Project, ledger: Ledger, header: InvoiceHeader, doc: Any, folder: Path, templates: Path
) -> dict[str, float]:
    """The DOCX, XLSX and CSV files; the seconds each took (its writer's import included)."""
    from ccas_docs.compose.invoice_sheet import invoice_csv, invoice_spreadsheet

    stem = header.number
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

    write_csv(invoice_csv(ledger, header), folder / f"{stem}.csv")
    seconds["csv"] = time.perf_counter() - started
    return seconds


# --- the schedule ----------------------------------------------------------------------------------


@dataclass
class ScheduleResult:
    rows: list[Any]  # ScheduleRow
    tables: list[tuple[str, Any]]  # (title, Table): the schedule as a terminal shows it
    files: list[Written]


def write_schedule(root: Path) -> ScheduleResult:
    """``output/echeancier.xlsx`` and ``output/echeancier.pdf``, written together or not at all."""
    from ccas_docs.billing.schedule import build_schedule
    from ccas_docs.checks.rules import validated
    from ccas_docs.compose.schedule import compose_schedule, schedule_spreadsheet, summary_tables
    from ccas_docs.model.project import load_project
    from ccas_docs.registry.invoices import Register, register_path
    from ccas_docs.writers.html import render_html
    from ccas_docs.writers.pdf import html_to_pdf
    from ccas_docs.writers.xlsx import write_xlsx

    root = Path(root)
    project = load_project(root)
    validated(project)
    rows = build_schedule(project, root)
    register = Register.load(register_path(root))
    issued = {row.year: register.for_year(row.year) for row in rows}
    doc = compose_schedule(project, rows, issued)
    output = root / "output"
    created = not output.exists()
    output.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".echeancier-", dir=output))
    try:
        timings = []
        started = time.perf_counter()
        write_xlsx(schedule_spreadsheet(project, rows, issued), staging / "echeancier.xlsx")
        timings.append(("echeancier.xlsx", time.perf_counter() - started))
        started = time.perf_counter()
        templates = root / "templates"
        (staging / "echeancier.pdf").write_bytes(html_to_pdf(render_html(doc, templates), templates, doc.meta))
        timings.append(("echeancier.pdf", time.perf_counter() - started))
        written = []
        for name, seconds in timings:
            target = output / name
            if target.is_file() and sha256_file(target) == sha256_file(staging / name):
                written.append(Written(target, seconds, unchanged=True))
            else:
                os.replace(staging / name, target)
                written.append(Written(target, seconds))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if created:
            with contextlib.suppress(OSError):
                output.rmdir()
        raise
    shutil.rmtree(staging, ignore_errors=True)
    return ScheduleResult(rows, summary_tables(project, rows, issued), written)


# --- helpers ---------------------------------------------------------------------------------------


def _check_unchanged(entry: RegisterEntry, staging: Path, names: list[str], folder: Path, root: Path) -> None:
    """The regenerated files of an issued document must be those whose SHA-256 the register keeps."""
    recorded = dict(zip(entry.fichiers, entry.sha256, strict=False))
    changed = []
    for name in names:
        rel = shown_path(folder / name, root)
        expected = recorded.get(rel)
        if expected is not None and expected != sha256_file(staging / name):
            changed.append(rel)
    if changed:
        what = "l'avoir" if entry.type == "avoir" else "la facture"
        raise UserError(
            error(
                entry.location,
                f"{what} N° {entry.numero} du {fr.date(entry.date)} est déjà émis{'' if entry.type == 'avoir' else 'e'}"
                f" et ses documents régénérés diffèrent de ceux enregistrés ({', '.join(changed)}) : un document émis "
                "n'est jamais modifié",
                code="facture-emise",
                hint="le texte de la convention, un modèle, le moteur PDF (--pdf-engine) ou la version de ccas-docs "
                "a changé depuis l'émission : conserver les fichiers émis (leur SHA-256 est au registre) ; pour "
                "changer le montant, émettre un avoir ou une facture complémentaire",
            )
        )


def _rollback(installed: list[tuple[Path, Path | None]]) -> None:
    for target, backup in reversed(installed):
        try:
            if backup is not None and backup.exists():
                os.replace(backup, target)
            elif backup is None:
                target.unlink(missing_ok=True)
        except OSError:  # pragma: no cover - best effort: the original error is the one to report
            pass
