"""The sealed version's identity in the PDF's XMP packet, declared as PDF/A requires.

PDF/A allows properties outside the predefined schemas only when the packet describes them in a
``pdfaExtension`` schema; both are added here, in a namespace of this tool. The packet is edited as
XML (lxml, already a dependency of pikepdf) and serialised the same way every time.
"""

from __future__ import annotations

import pikepdf
from lxml import etree

NS = "https://ns.ccas-docs.invalid/scellement/1.0/"
PREFIX = "ccas"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
EXT = "http://www.aiim.org/pdfa/ns/extension/"
SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PROPERTY = "http://www.aiim.org/pdfa/ns/property#"

DESCRIPTIONS = {
    "version": "identifiant de la version scellée (convention-originale, avenant-001…)",
    "empreinteSources": "SHA-256 des sources (YAML, modèles) dont la version est issue",
    "outil": "outil et version qui ont scellé le document",
}


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _extension_schema(rdf: etree._Element) -> None:
    desc = etree.SubElement(
        rdf, _q(RDF, "Description"), {_q(RDF, "about"): ""}, nsmap={"pdfaExtension": EXT, "pdfaSchema": SCHEMA}
    )
    bag = etree.SubElement(etree.SubElement(desc, _q(EXT, "schemas")), _q(RDF, "Bag"))
    item = etree.SubElement(bag, _q(RDF, "li"), {_q(RDF, "parseType"): "Resource"})
    etree.SubElement(item, _q(SCHEMA, "schema")).text = "ccas-docs : version scellée"
    etree.SubElement(item, _q(SCHEMA, "namespaceURI")).text = NS
    etree.SubElement(item, _q(SCHEMA, "prefix")).text = PREFIX
    seq = etree.SubElement(etree.SubElement(item, _q(SCHEMA, "property")), _q(RDF, "Seq"))
    for name, text in DESCRIPTIONS.items():
        resource = {_q(RDF, "parseType"): "Resource"}
        prop = etree.SubElement(seq, _q(RDF, "li"), resource, nsmap={"pdfaProperty": PROPERTY})
        etree.SubElement(prop, _q(PROPERTY, "name")).text = name
        etree.SubElement(prop, _q(PROPERTY, "valueType")).text = "Text"
        etree.SubElement(prop, _q(PROPERTY, "category")).text = "external"
        etree.SubElement(prop, _q(PROPERTY, "description")).text = text


def set_properties(pdf: pikepdf.Pdf, values: dict[str, str]) -> None:
    """Add ``values`` (names of :data:`DESCRIPTIONS`) to the PDF's XMP packet, with their declaration."""
    unknown = set(values) - set(DESCRIPTIONS)
    if unknown:
        raise ValueError(f"undeclared XMP properties: {sorted(unknown)}")
    packet = pdf.Root.Metadata.read_bytes()
    root = etree.fromstring(packet)
    rdf = root if root.tag == _q(RDF, "RDF") else root.find(_q(RDF, "RDF"))
    assert rdf is not None, "XMP packet without rdf:RDF"
    desc = etree.SubElement(rdf, _q(RDF, "Description"), {_q(RDF, "about"): ""}, nsmap={PREFIX: NS})
    for name, value in values.items():
        etree.SubElement(desc, _q(NS, name)).text = value
    _extension_schema(rdf)
    body = etree.tostring(root, encoding="utf-8")
    xml = b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' + body + b'\n<?xpacket end="r"?>'
    stream = pikepdf.Stream(pdf, xml)
    stream.Type = pikepdf.Name.Metadata
    stream.Subtype = pikepdf.Name.XML
    pdf.Root.Metadata = pdf.make_indirect(stream)


def read_properties(pdf: pikepdf.Pdf) -> dict[str, str]:
    """This tool's properties found in the XMP packet (empty when the PDF was not sealed by it)."""
    meta = pdf.Root.get("/Metadata")
    if meta is None:
        return {}
    try:
        root = etree.fromstring(meta.read_bytes())
    except etree.XMLSyntaxError:
        return {}
    return {el.tag.split("}", 1)[1]: el.text or "" for el in root.iter() if el.tag.startswith(f"{{{NS}}}")}
