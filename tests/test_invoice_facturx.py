"""The Factur-X invoice: the XML re-extracted from the issued PDF, valid, and saying what the PDF says."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import facturx
import pytest
from click.testing import CliRunner
from completed import french_iban
from lxml import etree
from shipped import copy_shipped

from ccas_docs.billing.costs import read_costs
from ccas_docs.billing.extract import read_extract
from ccas_docs.billing.ledger import Ledger, build_ledger, default_costs_path, default_payroll_path
from ccas_docs.billing.payroll import read_payroll
from ccas_docs.cli.main import main
from ccas_docs.common import fr
from ccas_docs.compose.einvoice import compose_einvoice
from ccas_docs.compose.invoice import InvoiceHeader
from ccas_docs.model.project import Project, load_project
from ccas_docs.writers.facturx import cii_xml, normalise_facturx_pdf

ROOT = Path(__file__).resolve().parents[1]
NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}
YEAR = 2025


def copy_project(target: Path) -> Path:
    return copy_shipped(target, completed=True)  # issuing refuses « À COMPLÉTER »


def ledger_of(project: Project, root: Path) -> Ledger:
    payroll_path = default_payroll_path(root, YEAR)
    shown = payroll_path.relative_to(root).as_posix()
    costs_path = default_costs_path(root, YEAR)
    ledger = build_ledger(
        project,
        YEAR,
        read_payroll(payroll_path, shown),
        read_costs(costs_path, costs_path.relative_to(root).as_posix()),
        shown,
    )
    return dataclasses.replace(ledger, payroll_extract=read_extract(payroll_path, shown))


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Project, Ledger, Path]:
    root = copy_project(tmp_path_factory.mktemp("facturx") / "projet")
    result = CliRunner().invoke(main, ["invoice", "--year", str(YEAR), str(root)])
    assert result.exit_code == 0, result.output
    (pdf,) = (root / "output" / "factures" / str(YEAR)).glob("*.pdf")
    project = load_project(root)
    return root, project, ledger_of(project, root), pdf


def text(tree: etree._Element, path: str) -> str:
    (found,) = tree.xpath(path, namespaces=NS)
    return found.text if isinstance(found, etree._Element) else str(found)


def test_xml_extracted_from_the_pdf_is_valid_and_agrees(issued: tuple[Path, Project, Ledger, Path]) -> None:
    from pypdf import PdfReader

    _, project, ledger, pdf = issued
    data = pdf.read_bytes()
    name, xml = facturx.get_facturx_xml_from_pdf(data, check_xsd=True)
    assert name == "factur-x.xml" and xml, "no valid Factur-X XML in the PDF"
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931") is True
    assert facturx.get_level(etree.fromstring(xml)) == "en16931"
    tree = etree.fromstring(xml)
    summation = "//ram:SpecifiedTradeSettlementHeaderMonetarySummation"
    grand_total = Decimal(text(tree, f"{summation}/ram:GrandTotalAmount"))
    assert grand_total == ledger.total == Decimal("121938.52")
    assert Decimal(text(tree, f"{summation}/ram:DuePayableAmount")) == ledger.total
    assert Decimal(text(tree, f"{summation}/ram:LineTotalAmount")) == ledger.total
    assert Decimal(text(tree, f"{summation}/ram:TaxTotalAmount")) == 0
    pdf_text = re.sub(r"[\s\u00a0\u202f]+", " ", "\n".join(p.extract_text() for p in PdfReader(pdf).pages))
    assert re.sub(r"[\u202f]", " ", fr.money(grand_total)) in pdf_text
    items = tree.xpath("//ram:IncludedSupplyChainTradeLineItem", namespaces=NS)
    assert len(items) == len(ledger.lines) + len(ledger.reimbursements)
    amounts = [Decimal(i.xpath(".//ram:LineTotalAmount", namespaces=NS)[0].text) for i in items]
    assert amounts == [line.amount for line in ledger.lines] + [r.amount for r in ledger.reimbursements]
    for item in items:
        assert item.xpath(".//ram:BilledQuantity", namespaces=NS)[0].text == "1"
        assert item.xpath(".//ram:CategoryCode", namespaces=NS)[0].text == "O"

    conv = project.convention.model
    assert text(tree, "//rsm:ExchangedDocument/ram:TypeCode") == "380"
    assert text(tree, "//rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString") == "20251215"
    assert text(tree, "//ram:InvoiceCurrencyCode") == "EUR"
    seller = "//ram:SellerTradeParty"
    assert text(tree, f"{seller}/ram:Name") == conv.parties.ville.nom
    assert text(tree, f"{seller}/ram:SpecifiedLegalOrganization/ram:ID") == conv.parties.ville.siret
    assert text(tree, f"{seller}/ram:SpecifiedLegalOrganization/ram:ID/@schemeID") == "0009"
    assert text(tree, "//ram:BuyerTradeParty/ram:Name") == conv.parties.ccas.nom
    tax = "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax"
    assert text(tree, f"{tax}/ram:CategoryCode") == "O"
    assert text(tree, f"{tax}/ram:ExemptionReason") == conv.facturation.mention_tva
    # the delay runs from the titre's reception (unknown at issue): the terms say so (BT-20) and no due
    # date (BT-9) counted from the issue date is announced
    assert not tree.xpath("//ram:DueDateDateTime", namespaces=NS)
    terms = f"Paiement à réception du titre, dans un délai de {conv.facturation.delai_paiement_jours} jours."
    assert text(tree, "//ram:SpecifiedTradePaymentTerms/ram:Description") == terms
    # the IBAN is known: the payment account is announced
    assert text(tree, "//ram:PayeePartyCreditorFinancialAccount/ram:IBANID") == french_iban()


def test_pdf_is_a_factur_x_pdf_a_3(issued: tuple[Path, Project, Ledger, Path]) -> None:
    import pikepdf

    _, _, _, pdf = issued
    with pikepdf.open(pdf) as doc:
        meta = doc.open_metadata()
        assert meta["pdfaid:part"] == "3"
        xmp = str(meta)
        assert "<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>" in xmp
        assert "<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>" in xmp
        (spec,) = list(doc.Root.AF)
        assert spec.AFRelationship == pikepdf.Name.Alternative
        assert str(doc.docinfo.CreationDate) == "D:20251215000000Z"
        assert meta["xmp:CreateDate"] == "2025-12-15T00:00:00Z"
        assert meta["pdf:Producer"] == str(doc.docinfo.Producer)


def test_embedding_is_reproducible(issued: tuple[Path, Project, Ledger, Path]) -> None:
    _, _, _, pdf = issued
    data = pdf.read_bytes()
    assert normalise_facturx_pdf(data, dt.date(2025, 12, 15)) == data


def header(kind: str = "facture", corrected: Decimal | None = None) -> InvoiceHeader:
    return InvoiceHeader(
        "2026-CCAS-001" if kind != "facture" else "2025-CCAS-001",
        kind,  # type: ignore[arg-type]
        dt.date(2026, 1, 15) if kind != "facture" else dt.date(2025, 12, 15),
        dt.date(2026, 2, 14) if kind != "facture" else dt.date(2026, 1, 14),
        "2025-CCAS-001" if kind != "facture" else "",
        corrected,
    )


def test_known_iban_is_announced(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "projet")
    conv = root / "convention.yaml"
    conv.write_text(
        conv.read_text("utf-8").replace(f"iban: {french_iban()}", "iban: FR76 3000 1000 6400 0000 0000 123"),
        "utf-8",
    )
    project = load_project(root)
    xml = cii_xml(compose_einvoice(project, ledger_of(project, root), header()))
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    tree = etree.fromstring(xml)
    assert text(tree, "//ram:PayeePartyCreditorFinancialAccount/ram:IBANID") == "FR7630001000640000000000123"
    assert text(tree, "//ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode") == "30"


def test_credit_note_is_type_381_with_its_amount() -> None:
    project = load_project(ROOT)
    ledger = ledger_of(project, ROOT)
    xml = cii_xml(compose_einvoice(project, ledger, header("avoir", Decimal("617.28"))))
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    tree = etree.fromstring(xml)
    assert text(tree, "//rsm:ExchangedDocument/ram:TypeCode") == "381"
    assert Decimal(text(tree, "//ram:GrandTotalAmount")) == Decimal("617.28")
    assert text(tree, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID") == "2025-CCAS-001"
    assert len(tree.xpath("//ram:IncludedSupplyChainTradeLineItem", namespaces=NS)) == 1


def test_same_bytes_with_or_without_the_forked_layout(
    issued: tuple[Path, Project, Ledger, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PDF laid out in a forked process (several cores) or here (one core): the same files."""
    from ccas_docs.jobs.invoice_render import render_documents

    root, project, ledger, pdf = issued
    head = InvoiceHeader(pdf.stem, "facture", dt.date(2025, 12, 15), dt.date(2026, 1, 14))
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    (tmp_path / "seul").mkdir()
    names = [name for name, _ in render_documents(project, ledger, head, tmp_path / "seul", root / "templates")]
    assert names == [f"{pdf.stem}.{ext}" for ext in ("docx", "pdf", "xlsx", "csv")]
    for name in names:
        assert (tmp_path / "seul" / name).read_bytes() == (pdf.parent / name).read_bytes(), name
