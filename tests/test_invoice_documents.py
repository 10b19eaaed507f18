"""``ccas-docs invoice`` on the shipped data for 2025: every file, what it says, and the register.

The project is copied into a temporary folder (convention, services, annexes, templates, data);
the invoice is issued once per module and read back from the DOCX (python-docx), the PDF (pypdf),
the XLSX (openpyxl) and the CSV. The expected figures come from the ledger (``--format json``) and
from the French formatting functions, never typed twice; the shipped total is checked once.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from shipped import copy_shipped
from wordtext import cell_text, word_text

from ccas_docs.cli.main import main
from ccas_docs.common import fr
from ccas_docs.common.typography import typeset
from ccas_docs.model.project import load_project
from ccas_docs.registry.chain import CHAIN_COLUMNS
from ccas_docs.registry.invoices import COLUMNS

YEAR = 2025
SHIPPED_TOTAL = Decimal("121938.52")
REGISTER = "data/registre-factures.csv"
REGISTER_COLUMNS = (*COLUMNS, *CHAIN_COLUMNS)


def copy_project(target: Path) -> Path:
    return copy_shipped(target, completed=True)  # issuing refuses « À COMPLÉTER »


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"Python exception instead of a message: {result.exception!r}") from result.exception
    return result


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def flat(text: str) -> str:
    """Whitespace as one plain space (PDF and DOCX extraction differ on no-break spaces and line ends)."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = [word_text(p) for p in document.paragraphs]  # Word's non-breaking hyphens as U+2011
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell_text(c) for c in row.cells)
    return "\n".join(parts)


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def register_rows(root: Path) -> list[list[str]]:
    text = (root / REGISTER).read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))[1:]


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, Result]:
    """A project copy with the 2025 invoice issued, the ledger as JSON and the command's result."""
    root = copy_project(tmp_path_factory.mktemp("facture") / "projet")
    ledger = json.loads(invoke("invoice", "--year", str(YEAR), "--format", "json", str(root)).stdout)
    result = invoke("invoice", "--year", str(YEAR), str(root))
    assert result.exit_code == 0, result.output
    return root, ledger, result


def number_of(root: Path) -> str:
    return register_rows(root)[0][0]


def files_of(root: Path, number: str) -> dict[str, Path]:
    folder = root / "output" / "factures" / str(YEAR)
    return {ext: folder / f"{number}.{ext}" for ext in ("docx", "pdf", "xlsx", "csv")}


def test_files_written_and_recorded(issued: tuple[Path, dict, Result]) -> None:
    root, ledger, result = issued
    assert Decimal(ledger["total"]) == SHIPPED_TOTAL
    rows = register_rows(root)
    assert len(rows) == 1
    row = dict(zip(REGISTER_COLUMNS, rows[0], strict=True))
    number, kind, year, day, total = (row[c] for c in ("numero", "type", "annee", "date", "total"))
    names, digests = row["fichiers"], row["sha256"]
    assert (kind, year, day, total) == ("facture", "2025", "2025-12-15", "121938,52")
    files = files_of(root, number)
    for path in files.values():
        assert path.is_file() and path.stat().st_size > 0
    assert names.split("|") == [p.relative_to(root).as_posix() for p in files.values()]
    assert digests.split("|") == [sha(p) for p in files.values()]
    # one line per file, with its time, like « ccas-docs build »
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    for line, path in zip(lines, files.values(), strict=True):
        assert re.fullmatch(rf"\[\d/4\] .*{re.escape(path.name)}  \d+,\d\d s", line), line
    assert fr.money(SHIPPED_TOTAL) in result.stderr


def test_docx_says_everything(issued: tuple[Path, dict, Result]) -> None:
    root, ledger, _ = issued
    project = load_project(root)
    conv = project.convention.model
    number = number_of(root)
    text = docx_text(files_of(root, number)["docx"])
    for line in ledger["lignes"]:
        # each fact as the documents print it (French typography: ’, « – », « FIN‑AP »)
        assert typeset(line["intitule_fiche"]) in text
        assert typeset(f"{line['libelle_service']} ({line['service']})") in text
        assert fr.number(Decimal(line["base"])) in text
        assert fr.percent(Decimal(line["taux"])) in text
        assert fr.number(Decimal(line["montant"])) in text
    for r in ledger["remboursements"]:
        assert typeset(r["libelle"]) in text
        assert fr.number(Decimal(r["montant"])) in text
    total = Decimal(ledger["total"])
    assert fr.money(total) == "121\u202f938,52\u202f€"
    assert fr.money(total) in text
    words = fr.amount_in_words(total)
    assert words == "cent vingt et un mille neuf cent trente-huit euros et cinquante-deux centimes"
    assert words in text
    assert f"SIRET\u00a0: {conv.parties.ville.siret}" in text
    assert f"SIRET\u00a0: {conv.parties.ccas.siret}" in text
    assert f"n°\u00a0{number}" in text
    # the delay runs from the titre's reception, never a date counted from the issue date
    assert "Paiement à réception du titre, dans un délai de 30 jours." in text
    assert "au plus tard" not in text
    assert typeset(conv.facturation.mention_tva) in text
    assert typeset(f"devant le {conv.tribunal}") in text and "Voies et délais de recours" in text


def test_pdf_says_the_same_total(issued: tuple[Path, dict, Result]) -> None:
    root, ledger, _ = issued
    number = number_of(root)
    text = flat(pdf_text(files_of(root, number)["pdf"]))
    assert flat(fr.money(Decimal(ledger["total"]))) in text
    assert f"n° {number}" in text
    assert "cent vingt et un mille neuf cent trente-huit euros" in text


def test_xlsx_cells_are_numbers_and_sum_to_the_ledger(issued: tuple[Path, dict, Result]) -> None:
    from openpyxl import load_workbook

    root, ledger, _ = issued
    book = load_workbook(files_of(root, number_of(root))["xlsx"])
    assert book.sheetnames[:2] == ["Lignes", "Remboursements"]
    lines = book["Lignes"]
    header = [c.value for c in lines[1]]
    assert header[:8] == [
        "Annexe",
        "Fiche",
        "Code service",
        "Service",
        "Charges de personnel 2024",
        "Taux",
        "Montant",
        "Compte",
    ]
    data = [row for row in lines.iter_rows(min_row=2, values_only=True) if isinstance(row[0], int)]
    assert len(data) == len(ledger["lignes"])
    for row, line in zip(data, ledger["lignes"], strict=True):
        assert isinstance(row[4], float | int) and isinstance(row[5], float | int) and isinstance(row[6], float | int)
        assert Decimal(str(row[4])).quantize(Decimal("0.01")) == Decimal(line["base"])
        assert Decimal(str(row[5] * 100)).quantize(Decimal("0.0001")) == Decimal(line["taux"])
        assert Decimal(str(row[6])).quantize(Decimal("0.01")) == Decimal(line["montant"])
        assert row[7] == line["imputation"]
    assert lines.cell(row=2, column=7).number_format == '#,##0.00 "€"'
    costs = [row for row in book["Remboursements"].iter_rows(min_row=2, values_only=True) if isinstance(row[0], int)]
    assert len(costs) == len(ledger["remboursements"])
    amounts = [Decimal(str(r[6])) for r in data] + [Decimal(str(r[6])) for r in costs]
    assert sum(amounts).quantize(Decimal("0.01")) == Decimal(ledger["total"])
    summary = {row[0]: row[1] for row in book["Récapitulatif"].iter_rows(values_only=True)}
    assert Decimal(str(summary["Total"])).quantize(Decimal("0.01")) == Decimal(ledger["total"])
    # a formula cross-check next to the value
    check = [row for row in lines.iter_rows(values_only=True) if row[0] == "Contrôle : somme des lignes"]
    assert check and str(check[0][6]).startswith("=SUM(")


def test_csv_parses_with_semicolons_and_decimal_commas(issued: tuple[Path, dict, Result]) -> None:
    root, ledger, _ = issued
    raw = files_of(root, number_of(root))["csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    flat_rows = [r for r in rows if r["type"] == "prestation"]
    costs = [r for r in rows if r["type"] == "remboursement"]
    totals = [r for r in rows if r["type"] == "total"]
    assert len(flat_rows) == len(ledger["lignes"]) and len(costs) == len(ledger["remboursements"])
    assert len(totals) == 1
    for row in rows:
        assert "." not in row["montant"] and re.fullmatch(r"-?\d+,\d\d", row["montant"])

    def amount(text: str) -> Decimal:
        return Decimal(text.replace(",", "."))

    assert sum(amount(r["montant"]) for r in flat_rows + costs) == amount(totals[0]["montant"])
    assert amount(totals[0]["montant"]) == Decimal(ledger["total"])
    assert [amount(r["base"]) for r in flat_rows] == [Decimal(line["base"]) for line in ledger["lignes"]]


def test_rerun_regenerates_the_same_invoice(issued: tuple[Path, dict, Result]) -> None:
    root, _, _ = issued
    number = number_of(root)
    before = {ext: sha(p) for ext, p in files_of(root, number).items()}
    register = (root / REGISTER).read_bytes()
    result = invoke("invoice", "--year", str(YEAR), str(root))
    assert result.exit_code == 0, result.output
    assert number_of(root) == number
    assert len(register_rows(root)) == 1
    assert (root / REGISTER).read_bytes() == register
    assert {ext: sha(p) for ext, p in files_of(root, number).items()} == before
    assert "déjà émise" in result.stderr


def test_changed_payroll_is_refused_then_credited(issued: tuple[Path, dict, Result], tmp_path: Path) -> None:
    root = tmp_path / "projet"
    shutil.copytree(issued[0], root)
    number = number_of(root)
    files = files_of(root, number)
    before = {ext: sha(p) for ext, p in files.items()}
    register = (root / REGISTER).read_bytes()
    payroll = root / "data/charges-personnel/2024.csv"
    text = payroll.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("DRH;"))
    payroll.write_text(text.replace(old, "DRH;2024;600000,00"), encoding="utf-8")

    refused = invoke("invoice", "--year", str(YEAR), str(root))
    assert refused.exit_code == 1
    assert f"{REGISTER}:2:1: erreur: la facture N° {number}" in refused.stderr
    assert "jamais modifiée" in refused.stderr
    assert "émettre un avoir" in refused.stderr and "--avoir" in refused.stderr
    assert {ext: sha(p) for ext, p in files.items()} == before
    assert (root / REGISTER).read_bytes() == register

    new_total = Decimal(
        json.loads(invoke("invoice", "--year", str(YEAR), "--format", "json", str(root)).stdout)["total"]
    )
    credit = SHIPPED_TOTAL - new_total
    assert credit > 0
    result = invoke("invoice", "--year", str(YEAR), "--avoir", "--date", "15/01/2026", str(root))
    assert result.exit_code == 0, result.output
    rows = register_rows(root)
    assert len(rows) == 2
    avoir, kind, year, day, total = rows[1][:5]
    assert (kind, year, day) == ("avoir", "2025", "2026-01-15")
    assert Decimal(total.replace(",", ".")) == -credit
    assert avoir != number and avoir.startswith("2026-")
    avoir_files = files_of(root, avoir)
    text = docx_text(avoir_files["docx"])
    assert f"Avoir n°\u00a0{avoir}" in text
    assert f"n°\u00a0{number}" in text
    assert fr.money(credit) in text and fr.amount_in_words(credit) in text
    assert {ext: sha(p) for ext, p in files.items()} == before  # the invoice itself is untouched
    # now the net amount billed is the computed one: nothing more to issue
    again = invoke("invoice", "--year", str(YEAR), str(root))
    assert again.exit_code == 0 and "Rien à émettre" in again.stderr
    assert len(register_rows(root)) == 2


def test_higher_payroll_needs_a_complementary_invoice(issued: tuple[Path, dict, Result], tmp_path: Path) -> None:
    root = tmp_path / "projet"
    shutil.copytree(issued[0], root)
    number = number_of(root)
    payroll = root / "data/charges-personnel/2024.csv"
    text = payroll.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("DRH;"))
    payroll.write_text(text.replace(old, "DRH;2024;700000,00"), encoding="utf-8")

    refused = invoke("invoice", "--year", str(YEAR), str(root))
    assert refused.exit_code == 1 and "--complement" in refused.stderr
    wrong_kind = invoke("invoice", "--year", str(YEAR), "--avoir", "--date", "15/01/2026", str(root))
    assert wrong_kind.exit_code == 1 and "un avoir ne sert qu'à annuler un montant" in wrong_kind.stderr
    assert len(register_rows(root)) == 1

    result = invoke("invoice", "--year", str(YEAR), "--complement", "--date", "20/01/2026", str(root))
    assert result.exit_code == 0, result.output
    rows = register_rows(root)
    assert len(rows) == 2
    complement, kind, _, day, total = rows[1][:5]
    new_total = SHIPPED_TOTAL + Decimal(total.replace(",", "."))
    assert (kind, day) == ("facture", "2026-01-20") and Decimal(total.replace(",", ".")) > 0
    text = docx_text(files_of(root, complement)["docx"])
    assert f"État de refacturation complémentaire n°\u00a0{complement}" in text
    assert fr.money(new_total) in text and f"n°\u00a0{number}" in text
    csv_rows = list(
        csv.DictReader(io.StringIO(files_of(root, complement)["csv"].read_text("utf-8-sig")), delimiter=";")
    )
    assert csv_rows[-1]["montant"] == total


def test_json_prints_the_ledger_and_writes_nothing(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "projet")
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    result = invoke("invoice", "--year", str(YEAR), "--format", "json", str(root))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total"] == "121938.52" and isinstance(data["total"], str)
    assert all(isinstance(line["montant"], str) and isinstance(line["taux"], str) for line in data["lignes"])
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before
    assert not (root / REGISTER).exists() and not (root / "output").exists()


def test_charges_as_xlsx_give_the_same_ledger(tmp_path: Path) -> None:
    from openpyxl import Workbook

    root = copy_project(tmp_path / "projet")
    rows = list(csv.reader(io.StringIO((root / "data/charges-personnel/2024.csv").read_text("utf-8")), delimiter=";"))
    book = Workbook()
    sheet = book.active
    sheet.append(rows[0])
    for service, year, amount in rows[1:]:
        sheet.append([service, int(year), float(amount.replace("\u202f", "").replace(" ", "").replace(",", "."))])
    book.save(tmp_path / "paie.xlsx")
    result = invoke(
        "invoice", "--year", str(YEAR), "--format", "json", "--charges", str(tmp_path / "paie.xlsx"), str(root)
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == "121938.52"


def test_usage_errors(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "projet")
    both = invoke("invoice", "--year", str(YEAR), "--avoir", "--complement", str(root))
    assert both.exit_code == 2
    json_avoir = invoke("invoice", "--year", str(YEAR), "--format", "json", "--avoir", str(root))
    assert json_avoir.exit_code == 2
    assert not (root / "output").exists()
