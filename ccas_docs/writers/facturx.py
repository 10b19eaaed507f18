"""Factur-X writer: an :class:`~ccas_docs.compose.invoice.EInvoice` → CII XML (profile EN 16931),
embedded in the invoice's PDF/A-3 with the ``factur-x`` library.

- :func:`cii_xml` serialises the structured invoice with lxml (UN/CEFACT CII D16B as Factur-X
  1.0 restricts it) and :func:`check_xml` validates it against the official XSD shipped with the
  ``factur-x`` library. Placeholders (« À COMPLÉTER … ») are valid strings for the XSD and are kept
  as they are, except the IBAN, which is left out until it is known.
- :func:`embed_facturx` attaches the XML (``factur-x.xml``, relationship « Alternative ») to a
  PDF/A-3 with :func:`facturx.generate_from_binary`, which also writes the Factur-X XMP extension.
  That function stamps the current time (document information, XMP, embedded file's
  ``/ModDate``) and gives the XMP a producer that disagrees with the document information:
  :func:`normalise_facturx_pdf` sets every date to the document's date, makes the XMP and the
  document information agree, and derives ``/ID`` from the content, so that the same invoice always
  gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from lxml import etree

from ccas_docs.common.diagnostics import fail
from ccas_docs.document.einvoice import EInvoice, EParty
from ccas_docs.document.tree import Metadata
from ccas_docs.writers.reproducible import save_with_content_id

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}
GUIDELINE = "urn:cen.eu:en16931:2017"
LEVEL = "en16931"
FLAVOR = "factur-x"
XML_NAME = "factur-x.xml"
LEGAL_ID_SCHEME = "0009"  # ISO 6523 ICD 0009: SIRET (0002 is the SIREN)
VAT_CATEGORY = "O"  # UNTDID 5305: services outside the scope of VAT
VAT_EXEMPTION_CODE = "VATEX-EU-O"
CREDIT_TRANSFER = "30"  # UNTDID 4461
UNIT = "C62"  # UN/ECE rec. 20: one (unit)


def _amount(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def _date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


class _Builder:
    def __init__(self) -> None:
        self.root = etree.Element(f"{{{NS['rsm']}}}CrossIndustryInvoice", nsmap=NS)

    @staticmethod
    def el(parent: etree._Element, name: str, text: str | None = None, **attrs: str) -> etree._Element:
        prefix, local = name.split(":")
        element = etree.SubElement(parent, f"{{{NS[prefix]}}}{local}", attrs)
        if text is not None:
            element.text = text
        return element

    def date(self, parent: etree._Element, name: str, day: dt.date, prefix: str = "udt") -> None:
        holder = self.el(parent, name)
        self.el(holder, f"{prefix}:DateTimeString", _date(day), format="102")


def _party(b: _Builder, parent: etree._Element, name: str, party: EParty) -> None:
    node = b.el(parent, name)
    b.el(node, "ram:Name", party.name)
    legal = b.el(node, "ram:SpecifiedLegalOrganization")
    b.el(legal, "ram:ID", party.legal_id, schemeID=LEGAL_ID_SCHEME)
    address = b.el(node, "ram:PostalTradeAddress")
    if party.postcode:
        b.el(address, "ram:PostcodeCode", party.postcode)
    for tag, line in zip(("ram:LineOne", "ram:LineTwo", "ram:LineThree"), party.address_lines, strict=False):
        b.el(address, tag, line)
    if party.city:
        b.el(address, "ram:CityName", party.city)
    b.el(address, "ram:CountryID", party.country)


def cii_xml(invoice: EInvoice) -> bytes:
    """The Cross Industry Invoice XML (UTF-8, with declaration) of ``invoice``."""
    b = _Builder()
    root = b.root
    context = b.el(root, "rsm:ExchangedDocumentContext")
    b.el(b.el(context, "ram:GuidelineSpecifiedDocumentContextParameter"), "ram:ID", GUIDELINE)

    document = b.el(root, "rsm:ExchangedDocument")
    b.el(document, "ram:ID", invoice.number)
    b.el(document, "ram:TypeCode", invoice.type_code)
    b.date(document, "ram:IssueDateTime", invoice.issue_date)
    for note in invoice.notes:
        b.el(b.el(document, "ram:IncludedNote"), "ram:Content", note)

    transaction = b.el(root, "rsm:SupplyChainTradeTransaction")
    currency = invoice.currency
    for n, line in enumerate(invoice.lines, start=1):
        item = b.el(transaction, "ram:IncludedSupplyChainTradeLineItem")
        doc_line = b.el(item, "ram:AssociatedDocumentLineDocument")
        b.el(doc_line, "ram:LineID", str(n))
        if line.note:
            b.el(b.el(doc_line, "ram:IncludedNote"), "ram:Content", line.note)
        product = b.el(item, "ram:SpecifiedTradeProduct")
        b.el(product, "ram:Name", line.name)
        if line.description:
            b.el(product, "ram:Description", line.description)
        agreement = b.el(item, "ram:SpecifiedLineTradeAgreement")
        b.el(b.el(agreement, "ram:NetPriceProductTradePrice"), "ram:ChargeAmount", _amount(line.amount))
        b.el(b.el(item, "ram:SpecifiedLineTradeDelivery"), "ram:BilledQuantity", "1", unitCode=UNIT)
        settlement = b.el(item, "ram:SpecifiedLineTradeSettlement")
        tax = b.el(settlement, "ram:ApplicableTradeTax")
        b.el(tax, "ram:TypeCode", "VAT")
        b.el(tax, "ram:CategoryCode", VAT_CATEGORY)
        summation = b.el(settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation")
        b.el(summation, "ram:LineTotalAmount", _amount(line.amount))

    agreement = b.el(transaction, "ram:ApplicableHeaderTradeAgreement")
    _party(b, agreement, "ram:SellerTradeParty", invoice.seller)
    _party(b, agreement, "ram:BuyerTradeParty", invoice.buyer)
    if invoice.contract_reference:
        b.el(b.el(agreement, "ram:ContractReferencedDocument"), "ram:IssuerAssignedID", invoice.contract_reference)

    b.el(transaction, "ram:ApplicableHeaderTradeDelivery")

    settlement = b.el(transaction, "ram:ApplicableHeaderTradeSettlement")
    b.el(settlement, "ram:PaymentReference", invoice.number)
    b.el(settlement, "ram:InvoiceCurrencyCode", currency)
    if invoice.iban:
        means = b.el(settlement, "ram:SpecifiedTradeSettlementPaymentMeans")
        b.el(means, "ram:TypeCode", CREDIT_TRANSFER)
        account = b.el(means, "ram:PayeePartyCreditorFinancialAccount")
        b.el(account, "ram:IBANID", invoice.iban)
        if invoice.payee_account_name:
            b.el(account, "ram:AccountName", invoice.payee_account_name)
        if invoice.bic:
            b.el(b.el(means, "ram:PayeeSpecifiedCreditorFinancialInstitution"), "ram:BICID", invoice.bic)
    line_total = sum((line.amount for line in invoice.lines), Decimal("0.00"))
    tax = b.el(settlement, "ram:ApplicableTradeTax")
    b.el(tax, "ram:CalculatedAmount", "0.00")
    b.el(tax, "ram:TypeCode", "VAT")
    b.el(tax, "ram:ExemptionReason", invoice.vat_exemption_reason)
    b.el(tax, "ram:BasisAmount", _amount(line_total))
    b.el(tax, "ram:CategoryCode", VAT_CATEGORY)
    b.el(tax, "ram:ExemptionReasonCode", VAT_EXEMPTION_CODE)
    period = b.el(settlement, "ram:BillingSpecifiedPeriod")
    b.date(period, "ram:StartDateTime", invoice.period[0])
    b.date(period, "ram:EndDateTime", invoice.period[1])
    if invoice.payment_terms or invoice.due_date:
        terms = b.el(settlement, "ram:SpecifiedTradePaymentTerms")
        if invoice.payment_terms:
            b.el(terms, "ram:Description", invoice.payment_terms)
        if invoice.due_date:
            b.date(terms, "ram:DueDateDateTime", invoice.due_date)
    totals = b.el(settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    b.el(totals, "ram:LineTotalAmount", _amount(line_total))
    b.el(totals, "ram:TaxBasisTotalAmount", _amount(line_total))
    b.el(totals, "ram:TaxTotalAmount", "0.00", currencyID=currency)
    b.el(totals, "ram:GrandTotalAmount", _amount(invoice.total))
    b.el(totals, "ram:DuePayableAmount", _amount(invoice.total))
    if invoice.preceding_invoice:
        b.el(b.el(settlement, "ram:InvoiceReferencedDocument"), "ram:IssuerAssignedID", invoice.preceding_invoice)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def check_xml(xml: bytes) -> None:
    """Validate against the Factur-X EN 16931 XSD; a failure is reported, never a traceback."""
    import facturx

    try:
        facturx.xml_check_xsd(xml, flavor=FLAVOR, level=LEVEL)
    except Exception as exc:  # the library raises a bare Exception with the XSD's message
        raise fail(
            "factur-x",
            f"le XML Factur-X généré n'est pas conforme au schéma XSD EN 16931 : {exc}",
            code="factur-x",
            hint="signaler ce message : les données de la convention ont produit une facture structurée invalide",
        ) from None


def embed_facturx(pdf: bytes, xml: bytes, meta: Metadata) -> bytes:
    """The PDF/A-3 ``pdf`` with ``xml`` embedded as its Factur-X invoice, reproducibly."""
    import facturx

    check_xml(xml)
    data = facturx.generate_from_binary(
        pdf,
        xml,
        flavor=FLAVOR,
        level=LEVEL,
        check_xsd=False,  # done above, with a French message
        pdf_metadata={
            "author": meta.author,
            "keywords": ", ".join(meta.keywords),
            "title": meta.title,
            "subject": meta.subject,
        },
        lang=meta.language,
        afrelationship="alternative",
    )
    return normalise_facturx_pdf(data, meta.date)


def normalise_facturx_pdf(data: bytes, day: dt.date) -> bytes:
    """Fixed dates (document information, XMP, embedded files), XMP agreeing with the document
    information, and ``/ID`` derived from the content."""
    import pikepdf

    stamp = dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC)
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    pdf_date = stamp.strftime("D:%Y%m%d%H%M%SZ")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = pdf.docinfo
        info[pikepdf.Name.CreationDate] = info[pikepdf.Name.ModDate] = pdf_date
        producer = str(info.get(pikepdf.Name.Producer, "")) or "ccas-docs"
        info[pikepdf.Name.Producer] = producer
        keywords = str(info.get(pikepdf.Name.Keywords, ""))
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            xmp["xmp:CreateDate"] = xmp["xmp:ModifyDate"] = iso
            xmp["pdf:Producer"] = producer
            if keywords:
                xmp["pdf:Keywords"] = keywords
        for spec in _embedded_file_specs(pdf):
            ef = spec.get(pikepdf.Name.EF)
            if ef is None:
                continue
            for key in (pikepdf.Name.F, pikepdf.Name.UF):
                stream = ef.get(key)
                if isinstance(stream, pikepdf.Stream):
                    params = stream.get(pikepdf.Name.Params)
                    if isinstance(params, pikepdf.Dictionary):
                        params[pikepdf.Name.ModDate] = pdf_date
                        if pikepdf.Name.CreationDate in params:
                            params[pikepdf.Name.CreationDate] = pdf_date
        return save_with_content_id(pdf)


def _embedded_file_specs(pdf):  # type: ignore[no-untyped-def]
    import pikepdf

    names = pdf.Root.get(pikepdf.Name.Names)
    tree = names.get(pikepdf.Name.EmbeddedFiles) if names is not None else None
    array = tree.get(pikepdf.Name.Names) if tree is not None else None
    if array is None:
        return []
    return [array[i] for i in range(1, len(array), 2)]
