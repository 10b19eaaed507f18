"""``ccas-docs schedule``: every year of the convention, its date, its rates and its amount when known."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from shipped import copy_shipped

from ccas_docs.billing.ledger import convention_years
from ccas_docs.cli.main import main
from ccas_docs.common import fr
from ccas_docs.model.project import load_project
from ccas_docs.registry.invoices import Register, register_path


def copy_project(target: Path) -> Path:
    return copy_shipped(target)


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"Python exception: {result.exception!r}") from result.exception
    return result


@pytest.fixture(scope="module")
def scheduled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result, Decimal]:
    import json

    root = copy_project(tmp_path_factory.mktemp("echeancier") / "projet")
    # an invoice already recorded for 2025 (the register alone: no need to render its files here)
    Register.load(register_path(root)).record(
        "2025-CCAS-001", "facture", 2025, dt.date(2025, 12, 15), Decimal("121938.52"), objet="test"
    )
    total = Decimal(json.loads(invoke("invoice", "--year", "2025", "--format", "json", str(root)).stdout)["total"])
    result = invoke("schedule", str(root))
    assert result.exit_code == 0, result.output
    return root, result, total


def sheet_rows(root: Path) -> dict[int, tuple]:
    from openpyxl import load_workbook

    book = load_workbook(root / "output" / "echeancier.xlsx")
    sheet = book["Échéancier"]
    return {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True) if isinstance(row[0], int)}


def test_every_year_listed(scheduled: tuple[Path, Result, Decimal]) -> None:
    root, result, _ = scheduled
    years = list(convention_years(load_project(root)))
    assert years == [2025, 2026, 2027]
    rows = sheet_rows(root)
    assert sorted(rows) == years
    for year in years:
        assert re.search(rf"^\s+{year}\s+15/12/{year}\s+{year - 1}\s", result.stdout, re.M), result.stdout
        assert rows[year][1] == dt.datetime(year, 12, 15)
        assert rows[year][2] == year - 1


def test_2025_amount_is_the_invoice_total(scheduled: tuple[Path, Result, Decimal]) -> None:
    root, result, total = scheduled
    row = sheet_rows(root)[2025]
    assert Decimal(str(row[6])).quantize(Decimal("0.01")) == total == Decimal("121938.52")
    assert row[7] in (None, "")
    assert row[8] == "2025-CCAS-001"
    assert fr.number(total) in result.stdout
    assert "facture N° 2025-CCAS-001" in result.stdout


def test_2026_is_an_estimate(scheduled: tuple[Path, Result, Decimal]) -> None:
    root, result, _ = scheduled
    row = sheet_rows(root)[2026]
    assert isinstance(row[6], float | int) and row[6] > 0
    assert row[7] == "estimation"
    line = next(line for line in result.stdout.splitlines() if re.match(r"\s+2026\s", line))
    assert "estimation" in line


def test_2027_has_no_amount(scheduled: tuple[Path, Result, Decimal]) -> None:
    root, result, _ = scheduled
    row = sheet_rows(root)[2027]
    assert row[6] is None and row[7] is None
    line = next(line for line in result.stdout.splitlines() if re.match(r"\s+2027\s", line))
    assert "—" in line and "charges 2026 non disponibles" in line


def test_rates_per_fiche_and_year(scheduled: tuple[Path, Result, Decimal]) -> None:
    from openpyxl import load_workbook

    root, result, _ = scheduled
    project = load_project(root)
    sheet = load_workbook(root / "output" / "echeancier.xlsx")["Taux"]
    rows = [row for row in sheet.iter_rows(min_row=2, values_only=True) if isinstance(row[0], int)]
    assert len(rows) == len(project.fiches)
    for row, loaded in zip(rows, project.fiches, strict=True):
        rate = loaded.model.facturation.taux
        assert all(Decimal(str(v * 100)).quantize(Decimal("0.0001")) == rate for v in row[3:6])
        assert re.search(rf"\b{loaded.model.id}\b.*{re.escape(fr.percent(rate))}", result.stdout)


def test_pdf_written_and_says_the_same(scheduled: tuple[Path, Result, Decimal]) -> None:
    from pypdf import PdfReader

    root, _, total = scheduled
    pdf = root / "output" / "echeancier.pdf"
    text = re.sub(r"[\s\u202f\u00a0]+", " ", "\n".join(p.extract_text() for p in PdfReader(pdf).pages))
    assert "Échéancier de facturation" in text
    assert fr.number(total).replace("\u202f", " ") in text
    assert "estimation" in text
    for year in (2025, 2026, 2027):
        assert f"15/12/{year}" in text


def test_rerun_is_reproducible(scheduled: tuple[Path, Result, Decimal]) -> None:
    root, _, _ = scheduled
    before = {p.name: p.read_bytes() for p in (root / "output").glob("echeancier.*")}
    again = invoke("schedule", str(root))
    assert again.exit_code == 0
    assert {p.name: p.read_bytes() for p in (root / "output").glob("echeancier.*")} == before
    assert again.stderr.count("à jour") == 2
