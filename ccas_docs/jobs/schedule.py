"""``ccas-docs schedule``: the schedule of the convention's invoices (``output/echeancier.xlsx`` and ``.pdf``)."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ccas_docs.common.atomic import ensure_dir, os_errors, sha256_file
from ccas_docs.jobs.invoice import Written, issued_on_disk


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
    register.chain.check_outputs(issued_on_disk(root))
    issued = {row.year: register.for_year(row.year) for row in rows}
    doc = compose_schedule(project, rows, issued)
    output = root / "output"
    created = not output.exists()
    ensure_dir(output)
    with os_errors(output):
        staging = Path(tempfile.mkdtemp(prefix=".echeancier-", dir=output))
    try:
        timings = []
        started = time.perf_counter()
        write_xlsx(schedule_spreadsheet(project, rows, issued), staging / "echeancier.xlsx")
        timings.append(("echeancier.xlsx", time.perf_counter() - started))
        started = time.perf_counter()
        templates = root / "templates"
        pdf = html_to_pdf(render_html(doc, templates), templates, doc.meta)
        with os_errors(output):
            (staging / "echeancier.pdf").write_bytes(pdf)
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
