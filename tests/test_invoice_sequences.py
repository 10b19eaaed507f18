"""``ccas-docs invoice`` in the orders and with the inputs the shipped data never has.

- invoices and corrections issued across two calendar years, in the order of real life;
- what a credit note and a complementary invoice say was « déjà facturé » after earlier corrections;
- payroll and cost files exported with tabs as separators;
- a decimal rate (5,5 %) on every invoice file.

Each test works on its own copy of the project and reads the files the command wrote (python-docx,
pypdf, openpyxl, the CSV) and the register, as the finances department would.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from completed import write_payroll_extract
from test_build_what_users_see import norm
from test_invoice_documents import SHIPPED_TOTAL, copy_project, invoke, pdf_text, register_rows

from ccas_docs.common import fr

PAYROLL_2024 = "data/charges-personnel/2024.csv"
PAYROLL_2025 = "data/charges-personnel/2025.csv"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "projet")


def ledger(root: Path, year: int, *args: str) -> dict:
    result = invoke("invoice", "--year", str(year), "--format", "json", *args, str(root))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def issue(root: Path, year: int, *args: str) -> str:
    """Issue a document; return its number as the command prints it."""
    result = invoke("invoice", "--year", str(year), *args, str(root))
    assert result.exit_code == 0, result.output
    last = result.stderr.strip().splitlines()[-1]
    assert " N° " in last, result.stderr
    return last.split(" N° ", 1)[1].split(" ", 1)[0]


def set_payroll(root: Path, service: str, amount: str) -> None:
    path = root / PAYROLL_2024
    lines = path.read_text(encoding="utf-8").splitlines()
    (index,) = [i for i, line in enumerate(lines) if line.startswith(f"{service};")]
    lines[index] = f"{service};2024;{amount}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def realised_payroll_2025(root: Path) -> None:
    """The shipped 2025 payroll is a forecast (column « nature »): make it the realised export."""
    path = root / PAYROLL_2025
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8")), delimiter=";"))
    assert rows[0][:3] == ["service", "annee", "montant"], "update the test: the shipped 2025 payroll changed"
    path.write_text("\n".join(";".join(row[:3]) for row in rows) + "\n", encoding="utf-8")
    write_payroll_extract(root, 2025)


def invoice_docx(root: Path, year: int, number: str) -> docx.document.Document:
    return docx.Document(str(root / "output" / "factures" / str(year) / f"{number}.docx"))


def docx_words(document: docx.document.Document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return norm("\n".join(parts))


def summary(document: docx.document.Document) -> dict[str, str]:
    """The « Récapitulatif » table: label → amount as printed."""
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == "Récapitulatif"]
    return {norm(r.cells[0].text): norm(r.cells[1].text) for r in table.rows[1:]}


def shown(amount: Decimal) -> str:
    return norm(fr.number(amount))


# --- numbering: the series is that of the year of issue -------------------------------------------


def test_complement_issued_in_the_next_year_takes_that_years_first_number(root: Path) -> None:
    """2025 invoice (December 2025), then its complement in February 2026, then the 2026 invoice."""
    first = issue(root, 2025)
    set_payroll(root, "DRH", "700000,00")
    complement = issue(root, 2025, "--complement", "--date", "10/02/2026")
    realised_payroll_2025(root)
    second = issue(root, 2026, "--sans-frais")
    assert (first, complement, second) == ("2025-CCAS-001", "2026-CCAS-001", "2026-CCAS-002")

    rows = register_rows(root)
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("2025-CCAS-001", "facture", "2025", "2025-12-15"),
        ("2026-CCAS-001", "facture", "2025", "2026-02-10"),
        ("2026-CCAS-002", "facture", "2026", "2026-12-15"),
    ]
    # each document prints its own number, date and exercice
    for number, year, day in (
        (first, 2025, "15/12/2025"),
        (complement, 2025, "10/02/2026"),
        (second, 2026, "15/12/2026"),
    ):
        document = invoice_docx(root, year, number)
        header = next(t for t in document.tables if t.rows[0].cells[0].text == "Numéro")
        values = dict(zip([c.text for c in header.rows[0].cells], [c.text for c in header.rows[1].cells], strict=True))
        assert (values["Numéro"], values["Date d’émission"], values["Exercice"]) == (number, day, str(year))
        assert f"n° {number}" in docx_words(document)
    # regenerating the 2025 invoice after all that gives its number back, and issues nothing
    again = invoke("invoice", "--year", "2025", str(root))
    assert again.exit_code == 0 and "Rien à émettre" in again.stderr
    assert len(register_rows(root)) == 3


# --- what corrections say was billed already ------------------------------------------------------


def test_corrections_show_the_net_amount_already_billed(root: Path) -> None:
    """Invoice, then a credit note, then a complementary invoice: each states the net billed before it."""
    invoice = issue(root, 2025)
    set_payroll(root, "DRH", "600000,00")
    lower = Decimal(ledger(root, 2025)["total"])
    avoir = issue(root, 2025, "--avoir", "--date", "15/01/2026")
    set_payroll(root, "DRH", "650000,00")
    higher = Decimal(ledger(root, 2025)["total"])
    complement = issue(root, 2025, "--complement", "--date", "16/03/2026")
    assert lower < higher < SHIPPED_TOTAL or lower < SHIPPED_TOTAL < higher

    credit = SHIPPED_TOTAL - lower
    table = summary(invoice_docx(root, 2025, avoir))
    already = f"Montant net déjà facturé pour l'exercice 2025 (facture n° {invoice} et ses éventuelles corrections)"
    assert table[already] == shown(SHIPPED_TOTAL)
    assert table["Total recalculé de l'exercice 2025"] == shown(lower)
    assert table["Montant de l'avoir"] == shown(credit)

    table = summary(invoice_docx(root, 2025, complement))
    assert table[already] == shown(lower)  # the invoice minus the credit note, not the invoice alone
    assert table["Total recalculé de l'exercice 2025"] == shown(higher)
    assert table["Montant complémentaire"] == shown(higher - lower)
    words = docx_words(invoice_docx(root, 2025, complement))
    assert norm(fr.amount_in_words(higher - lower)) in words

    # the workbook says the same
    book = openpyxl.load_workbook(root / "output" / "factures" / "2025" / f"{complement}.xlsx")
    cells = {row[0]: row[1] for row in book["Récapitulatif"].iter_rows(values_only=True)}
    assert Decimal(str(cells["Montant net déjà facturé"])) == lower
    # and the register nets to the last computation
    totals = [Decimal(r[4].replace(",", ".")) for r in register_rows(root)]
    assert sum(totals) == higher


# --- tab-separated exports ------------------------------------------------------------------------


def _as_tabs(path: Path) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8")), delimiter=";"))
    path.write_text("\n".join("\t".join(row) for row in rows) + "\n", encoding="utf-8")


def test_tab_separated_payroll_and_costs_give_the_same_amounts_to_the_cent(root: Path, tmp_path: Path) -> None:
    expected = ledger(root, 2025)
    payroll = tmp_path / "paie.tsv"
    payroll.write_text((root / PAYROLL_2024).read_text(encoding="utf-8"), encoding="utf-8")
    _as_tabs(payroll)
    costs = tmp_path / "frais.txt"
    text = (root / "data/frais/2025.csv").read_text(encoding="utf-8")
    # a comma inside a label: with tabs, it is text, not a separator
    text = text.replace("Impression des plaquettes du plan canicule", "Impression des plaquettes, plan canicule")
    costs.write_text(text, encoding="utf-8")
    _as_tabs(costs)
    assert "\t" in payroll.read_text(encoding="utf-8") and ";" not in payroll.read_text(encoding="utf-8")

    got = ledger(root, 2025, "--charges", str(payroll), "--frais", str(costs))
    assert got["total"] == expected["total"] == str(SHIPPED_TOTAL)
    assert [(line["service"], line["base"], line["montant"]) for line in got["lignes"]] == [
        (line["service"], line["base"], line["montant"]) for line in expected["lignes"]
    ]
    assert [(r["date"], r["montant"]) for r in got["remboursements"]] == [
        (r["date"], r["montant"]) for r in expected["remboursements"]
    ]
    assert "Impression des plaquettes, plan canicule" in [r["libelle"] for r in got["remboursements"]]
    # the shipped file itself, rewritten with tabs, is read the same way by the default path
    _as_tabs(root / PAYROLL_2024)
    assert ledger(root, 2025)["lignes"] == expected["lignes"]


# --- a decimal rate on the invoice ----------------------------------------------------------------


def test_decimal_rate_on_every_invoice_file(root: Path) -> None:
    fiche = root / "annexes" / "dga.yaml"
    text = fiche.read_text(encoding="utf-8")
    assert text.count("taux: 1 %") == 1, "update the test: the shipped DGA rate changed"
    fiche.write_text(text.replace("taux: 1 %", "taux: 5,5 %"), encoding="utf-8")
    data = ledger(root, 2025)
    (line,) = [line for line in data["lignes"] if line["fiche"] == "dga"]
    base = Decimal(line["base"])
    amount = (base * Decimal("0.055")).quantize(Decimal("0.01"))
    assert (line["taux"], Decimal(line["montant"])) == ("5.5", amount)

    number = issue(root, 2025)
    folder = root / "output" / "factures" / "2025"
    document = docx.Document(str(folder / f"{number}.docx"))
    (row,) = [
        [norm(c.text) for c in r.cells]
        for t in document.tables
        for r in t.rows
        if r.cells[0].text.startswith("Annexe 1 ")
    ]
    assert row[3:5] == ["5,5 %", shown(amount)], row
    pdf = norm(pdf_text(folder / f"{number}.pdf"))
    assert f"{shown(base)} 5,5 % {shown(amount)}" in pdf
    (csv_line,) = [
        r
        for r in csv.DictReader(io.StringIO((folder / f"{number}.csv").read_text("utf-8-sig")), delimiter=";")
        if r["fiche"] == "dga"
    ]
    assert (csv_line["taux (%)"], csv_line["montant"]) == ("5,5", fr.number(amount).replace("\u202f", ""))
    book = openpyxl.load_workbook(folder / f"{number}.xlsx")
    (xlsx_row,) = [r for r in book["Lignes"].iter_rows(values_only=True) if r[2] == "COM" and r[0] == 1]
    assert Decimal(str(xlsx_row[5])) == Decimal("0.055")
