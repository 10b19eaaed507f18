"""``ccas-docs invoice``: from the payroll and costs files to the issued invoice and its register line.

The pipeline, for billed year N:

1. remove the staging folders an interrupted run left behind (:func:`~ccas_docs.registry.chain.clean_staging`);
2. load and check the convention, read ``data/charges-personnel/<N-1>.csv`` (or ``--charges``) and
   ``data/frais/<N>.csv`` (or ``--frais``), build the ledger (:mod:`.invoice_inputs`); refuse
   forecast (« prévisionnel ») payroll charges;
3. a draft (``--projet``) is written to ``output/factures/projet/<N>/`` with the « PROJET » mark,
   number « PROJET », nothing registered; otherwise refuse while the invoice would print a value
   « À COMPLÉTER » (:mod:`.invoice_blockers`);
4. under the register's exclusive lock (:meth:`~ccas_docs.registry.invoices.Register.locked`, held
   until the register line is written, so that concurrent commands are serialised): decide the
   number(s) (:mod:`ccas_docs.registry.invoice_plans`), write the documents into a locked staging
   folder, refuse to overwrite any file that is not the registered one, move them into
   ``output/factures/<N>/``, then append their register line(s) in one atomic write.

An error leaves the files and the register as they were. A process killed between the move and
the append leaves files identical to those the next run produces: it registers them. Regenerating
an issued invoice gives back its number, date and byte-identical files.

Test hook: when ``CCAS_DOCS_TEST_PAUSE_BEFORE_REGISTER`` is set (seconds), the command writes the
file named by ``CCAS_DOCS_TEST_PAUSE_MARKER`` (if set) then sleeps at that critical point, between
the move of the files and the register append, so that a test can ``kill -9`` it there.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ccas_docs.common.atomic import ensure_dir, os_errors, sha256_file
from ccas_docs.common.diagnostics import Diagnostic, UserError
from ccas_docs.jobs.invoice_inputs import Inputs, Written, ledger_json, load_inputs, refuse_forecast, shown_path
from ccas_docs.writers import check_pdf_engine

if TYPE_CHECKING:
    from ccas_docs.compose.invoice import InvoiceHeader
    from ccas_docs.jobs.invoice_docs import Planned
    from ccas_docs.jobs.layouts import Layouts
    from ccas_docs.registry.invoices import RegisterEntry

Correction = Literal["avoir", "complement"]
OUTPUT_DIR = "output/factures"
DRAFT_DIR = "output/factures/projet"
FORMATS = ("docx", "pdf", "xlsx", "csv")
PAUSE_ENV = "CCAS_DOCS_TEST_PAUSE_BEFORE_REGISTER"
PAUSE_MARKER_ENV = "CCAS_DOCS_TEST_PAUSE_MARKER"

__all__ = ["Inputs", "InvoiceResult", "Written", "issue_invoice", "ledger_json", "load_inputs", "refuse_forecast"]


@dataclass
class InvoiceResult:
    """What ``ccas-docs invoice`` did."""

    status: Literal["emise", "regeneree", "corrigee", "projet", "annulee"]
    year: int
    header: InvoiceHeader | None  # the (last) document written
    amount: Decimal
    files: list[Written] = field(default_factory=list)
    register: str = "data/registre-factures.csv"  # shown path of the register
    corrections: tuple[RegisterEntry, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()
    documents: list[tuple[InvoiceHeader, Decimal]] = field(default_factory=list)  # every document issued


def issue_invoice(
    root: Path,
    year: int | None,
    charges: Path | None = None,
    frais: Path | None = None,
    correction: Correction | None = None,
    engine: str = "weasyprint",
    date: dt.date | None = None,
    timeout: float = 120.0,
    today: dt.date | None = None,
    draft: bool = False,
    cancel: str | None = None,
    motif: str = "",
    without_costs: bool = False,
) -> InvoiceResult:
    """Issue (or regenerate) the invoice of ``year``, its credit note / complementary invoice, a
    draft (``draft``), or the cancellation of invoice ``cancel`` and its re-issue.

    ``date`` is the issue date of a correction or a cancellation (by default today, and never
    before the invoice it corrects); an invoice is always dated ``facturation.date_emission`` of
    its year.
    """
    check_pdf_engine(engine)
    from ccas_docs.jobs.layouts import Layouts
    from ccas_docs.registry.chain import clean_staging

    root = Path(root)
    clean_staging(root)
    # the layout worker starts now and imports WeasyPrint while the inputs are read and checked
    with Layouts(root / "templates", workers=1) if engine == "weasyprint" else contextlib.nullcontext() as layouts:
        if cancel is not None:
            year = _year_of(root, cancel, year)
        assert year is not None
        inputs = load_inputs(root, year, charges, frais, without_costs=without_costs)
        refuse_forecast(inputs)
        if draft:
            return _draft(root, inputs, engine, timeout, layouts)
        return _issue(root, inputs, correction, engine, date, timeout, today, layouts, cancel, motif)


def _year_of(root: Path, numero: str, year: int | None) -> int:
    """The billed year of the invoice to cancel (refused at once when the number is unknown)."""
    from ccas_docs.common.diagnostics import error
    from ccas_docs.registry.invoices import Register, register_path

    register = Register.load(register_path(root))
    register.chain.check_outputs(issued_on_disk(root))
    entry = register.find(numero)
    if entry is None:
        from ccas_docs.model.types import InvoiceSettings
        from ccas_docs.registry.invoice_plans import plan_cancellation

        plan_cancellation(register, InvoiceSettings(), numero, "-", dt.date.max, Decimal(0))  # raises
    assert entry is not None
    if year is not None and year != entry.annee:
        raise UserError(
            error(
                entry.location,
                f"la facture N° {numero} est celle de l'exercice {entry.annee}, pas {year}",
                code="annulation",
                hint=f"omettre --year, ou écrire --year {entry.annee}",
            )
        )
    return entry.annee


def _draft(root: Path, inputs: Inputs, engine: str, timeout: float, layouts: Layouts | None) -> InvoiceResult:
    """``--projet``: the invoice as it would be issued, marked « PROJET », numbered « PROJET »."""
    from ccas_docs.billing.schedule import billing_date
    from ccas_docs.compose.invoice import InvoiceHeader
    from ccas_docs.document.tree import DRAFT_MARK
    from ccas_docs.jobs.invoice_render import render_documents
    from ccas_docs.registry.chain import staging_dir

    project, ledger = inputs.project, inputs.ledger
    settings = project.convention.model.facturation
    day = billing_date(settings, ledger.year)
    header = InvoiceHeader(DRAFT_MARK, "facture", day, day + dt.timedelta(days=settings.delai_paiement_jours))
    folder = root / DRAFT_DIR / str(ledger.year)
    stem = f"projet-facture-{ledger.year}"
    written: list[Written] = []
    ensure_dir(root / "output")
    with os_errors(root / "output"), staging_dir(root / "output", ".facture-") as staging:
        timings = render_documents(
            project, ledger, header, staging, root / "templates", engine, timeout, layouts, draft=True, stem=stem
        )
        folder.mkdir(parents=True, exist_ok=True)
        for name, seconds in timings:
            target = folder / name
            same = target.is_file() and sha256_file(target) == sha256_file(staging / name)
            if not same:
                os.replace(staging / name, target)
            written.append(Written(target, seconds, unchanged=same))
    return InvoiceResult("projet", ledger.year, header, ledger.total, written, warnings=inputs.warnings)


def _issue(
    root: Path,
    inputs: Inputs,
    correction: Correction | None,
    engine: str,
    date: dt.date | None,
    timeout: float,
    today: dt.date | None,
    layouts: Layouts | None,
    cancel: str | None,
    motif: str,
) -> InvoiceResult:
    from ccas_docs.jobs.invoice_blockers import blocking_placeholders, missing_facts
    from ccas_docs.jobs.invoice_docs import plan_documents, printed_texts
    from ccas_docs.registry.invoices import Register, register_path

    project, ledger = inputs.project, inputs.ledger
    blockers = missing_facts(project, ledger, inputs.payroll_shown)
    blockers += blocking_placeholders(project, printed_texts(project, ledger))
    if blockers:
        problem = UserError(blockers)
        problem.note = "Rien n'a été émis ni enregistré."
        raise problem
    register = Register(register_path(root))
    with register.locked():
        register.chain.check_outputs(issued_on_disk(root))
        planned = plan_documents(register, project, ledger, correction, date, today, cancel, motif)
        if isinstance(planned, tuple):  # corrected already: nothing to issue
            return InvoiceResult(
                "corrigee", ledger.year, None, planned[0], register=register.shown, corrections=planned[1]
            )
        written = _write(root, inputs, planned, register, engine, timeout, layouts)
    last = planned[-1]
    if cancel is not None:
        status: Literal["emise", "regeneree", "annulee"] = "annulee"
    else:
        status = "regeneree" if last.reissue is not None else "emise"
    return InvoiceResult(
        status,
        ledger.year,
        last.header,
        last.amount,
        written,
        register.shown,
        warnings=inputs.warnings,
        documents=[(p.header, p.amount) for p in planned],
    )


def _write(
    root: Path,
    inputs: Inputs,
    planned: list[Planned],
    register: object,
    engine: str,
    timeout: float,
    layouts: Layouts | None,
) -> list[Written]:
    """Render every planned document, move the files into place, then append the register lines."""
    from ccas_docs.jobs.invoice_render import render_documents
    from ccas_docs.registry.chain import refuse_overwrite, staging_dir
    from ccas_docs.registry.invoices import Register

    assert isinstance(register, Register)
    project, ledger = inputs.project, inputs.ledger
    folder = root / OUTPUT_DIR / str(ledger.year)
    created = [d for d in (root / "output", root / OUTPUT_DIR, folder) if not d.exists()]
    installed: list[Path] = []
    written: list[Written] = []
    rows = []
    ensure_dir(root / "output")
    try:
        with os_errors(folder), staging_dir(root / "output", ".facture-") as staging:
            moves: list[tuple[Path, Path, float]] = []
            for plan in planned:
                timings = render_documents(
                    project, ledger, plan.header, staging, root / "templates", engine, timeout, layouts
                )
                names = [name for name, _ in timings]
                if plan.reissue is not None:
                    _check_unchanged(plan.reissue, staging, names, folder, root)
                for name, seconds in timings:
                    target = folder / name
                    shown = shown_path(target, root)
                    if plan.reissue is not None:
                        refuse_overwrite(target, plan.reissue.files.get(shown), shown, register.shown)
                    elif target.exists() and not _same(target, staging / name):
                        refuse_overwrite(target, None, shown, register.shown)
                    moves.append((staging / name, target, seconds))
                if plan.reissue is None:
                    rows.append(plan.row([folder / n for n in names], _sources(root, inputs)))
            if rows:  # announced before they are installed: a run killed in between is recognised
                register.chain.announce({shown_path(t, root): sha256_file(s) for s, t, _ in moves})
            folder.mkdir(parents=True, exist_ok=True)
            for source, target, seconds in moves:
                if target.is_file() and _same(target, source):
                    written.append(Written(target, seconds, unchanged=True))
                    continue
                os.replace(source, target)
                installed.append(target)
                written.append(Written(target, seconds))
            _pause_for_tests()
            if rows:
                register.record_many(rows, relative_to=root)
    except BaseException:
        for target in reversed(installed):
            with contextlib.suppress(OSError):
                target.unlink()
        for folder_created in reversed(created):
            with contextlib.suppress(OSError):
                folder_created.rmdir()
        raise
    return written


def issued_on_disk(root: Path) -> list[str]:
    """The issued documents on disk (``output/factures/<année>/*``), each of which must have its
    register entry: a register that lost its last entries, or was replaced with its head by an
    older copy, is caught by them."""
    base = Path(root) / OUTPUT_DIR
    years = sorted(p for p in base.glob("[0-9][0-9][0-9][0-9]") if p.is_dir()) if base.is_dir() else []
    return [shown_path(f, root) for y in years for f in sorted(y.iterdir()) if f.is_file() and f.name[0] != "."]


def _same(a: Path, b: Path) -> bool:
    return sha256_file(a) == sha256_file(b)


def _sources(root: Path, inputs: Inputs) -> list[Path]:
    """Every file the documents came from: YAML, templates, payroll and costs files."""
    templates = root / "templates"
    used = [p for p in sorted(templates.glob("*")) if p.is_file()] if templates.is_dir() else []
    return [*inputs.project.input_files(), *used, *inputs.data_files]


def _pause_for_tests() -> None:
    seconds = os.environ.get(PAUSE_ENV)
    if not seconds:
        return
    marker = os.environ.get(PAUSE_MARKER_ENV)
    if marker:
        Path(marker).write_text(str(os.getpid()), encoding="utf-8")
    time.sleep(float(seconds))


def _check_unchanged(entry: RegisterEntry, staging: Path, names: list[str], folder: Path, root: Path) -> None:
    """The regenerated files of an issued document must be those whose SHA-256 the register keeps."""
    from ccas_docs.common import fr
    from ccas_docs.common.diagnostics import error

    recorded = entry.files
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
                "corriger, émettre un avoir, une facture complémentaire, ou annuler la facture (--annule)",
            )
        )
