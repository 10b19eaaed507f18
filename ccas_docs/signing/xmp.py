"""The sealed version's identity in the PDF's XMP packet, in schemas PDF/A predefines.

- ``dc:identifier``: the version id (``convention-originale``, ``avenant-001``…);
- ``dc:source``: ``sha256:<hash of every source>``, the work the document is derived from;
- ``xmp:CreatorTool``: the tool and its version.

Predefined schemas need no ``pdfaExtension`` declaration, and pyHanko, which rewrites the packet
when it signs (producer, modification date), keeps them with their usual prefixes. The packet is
edited as XML (lxml, a dependency of pikepdf) and serialised the same way every time.
"""

from __future__ import annotations

import pikepdf
from lxml import etree

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
XMP = "http://ns.adobe.com/xap/1.0/"
SOURCE_PREFIX = "sha256:"

# our name -> (namespace, property)
PROPERTIES = {
    "version": (DC, "identifier"),
    "empreinteSources": (DC, "source"),
    "outil": (XMP, "CreatorTool"),
}


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def set_properties(pdf: pikepdf.Pdf, values: dict[str, str]) -> None:
    """Add ``values`` (names of :data:`PROPERTIES`) to the PDF's XMP packet."""
    unknown = set(values) - set(PROPERTIES)
    if unknown:
        raise ValueError(f"unknown XMP properties: {sorted(unknown)}")
    root = etree.fromstring(pdf.Root.Metadata.read_bytes())
    rdf = root if root.tag == _q(RDF, "RDF") else root.find(_q(RDF, "RDF"))
    assert rdf is not None, "XMP packet without rdf:RDF"
    for el in list(rdf.iter(*(_q(ns, name) for ns, name in PROPERTIES.values()))):
        el.getparent().remove(el)  # a property given twice would make the packet ambiguous
    desc = etree.SubElement(rdf, _q(RDF, "Description"), {_q(RDF, "about"): ""}, nsmap={"dc": DC, "xmp": XMP})
    for name, value in values.items():
        ns, prop = PROPERTIES[name]
        text = SOURCE_PREFIX + value if name == "empreinteSources" else value
        etree.SubElement(desc, _q(ns, prop)).text = text
    body = etree.tostring(root, encoding="utf-8")
    xml = b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' + body + b'\n<?xpacket end="r"?>'
    stream = pikepdf.Stream(pdf, xml)
    stream.Type = pikepdf.Name.Metadata
    stream.Subtype = pikepdf.Name.XML
    pdf.Root.Metadata = pdf.make_indirect(stream)


def read_properties(pdf: pikepdf.Pdf) -> dict[str, str]:
    """The properties of :data:`PROPERTIES` found in the XMP packet (attribute or element form)."""
    meta = pdf.Root.get("/Metadata")
    if meta is None:
        return {}
    try:
        root = etree.fromstring(meta.read_bytes())
    except etree.XMLSyntaxError:
        return {}
    found: dict[str, str] = {}
    for name, (ns, prop) in PROPERTIES.items():
        tag = _q(ns, prop)
        for el in root.iter(_q(RDF, "Description")):
            if tag in el.attrib:
                found[name] = el.attrib[tag]
        for el in root.iter(tag):
            found[name] = "".join(el.itertext()).strip()
    if "empreinteSources" in found:
        found["empreinteSources"] = found["empreinteSources"].removeprefix(SOURCE_PREFIX)
    return found
