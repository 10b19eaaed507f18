"""Block markers in the DOCX: a bookmark around every paragraph whose origin the tree gives.

Runs after the body is written: the marked nodes of the tree (:func:`~ccas_docs.document.tree.iter_marked`)
and the body's ``w:p`` come in the same reading order, so each node is matched to the next paragraph
with its very text (paragraphs the tree does not mark — spacers, empty cells — are skipped). Then the
package gets its custom properties (the sources' fingerprint, the version) and a custom XML part with
the table bookmark name → stable id (see :mod:`ccas_docs.document.markers`).
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape, quoteattr

from docx.oxml.ns import qn
from lxml import etree

from ccas_docs.common.diagnostics import fail
from ccas_docs.document.markers import MAP_NAMESPACE, bookmark_name
from ccas_docs.document.tree import Document, iter_marked
from ccas_docs.writers.docx.paragraphs import el

FIRST_ID = 100_000  # above the headings' anchor bookmarks
CUSTOM_PART = "docProps/custom.xml"
MAP_PART = "customXml/item-ccas-docs.xml"
MAP_PROPS = "customXml/itemProps-ccas-docs.xml"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_DATASTORE = "{6C3A1C1E-2D4B-4C55-9D2A-CCA5D0C50001}"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def paragraph_text(p: etree._Element) -> str:
    """A paragraph's text as the tree wrote it: ``w:t``, tabs, line breaks and non-breaking hyphens."""
    out = []
    special = {qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:noBreakHyphen"): "\u2011"}
    for node in p.iter(qn("w:t"), *special):
        out.append(node.text or "" if node.tag == qn("w:t") else special[node.tag])
    return "".join(out)


def add_markers(body: list[etree._Element], doc: Document) -> list[tuple[str, str]]:
    """Bookmark every marked node's paragraph; return the table ``(name, id)`` in order."""
    paragraphs = [p for element in body for p in element.iter(qn("w:p"))]
    names: dict[str, str] = {}
    table: list[tuple[str, str]] = []
    at = 0
    for node in iter_marked(doc.body):
        origin = node.origin
        assert origin is not None
        text = node.text
        while at < len(paragraphs) and paragraph_text(paragraphs[at]) != text:
            at += 1
        if at == len(paragraphs):
            raise AssertionError(f"marked paragraph not written: {origin.id!r}")  # a writer bug
        name = bookmark_name(origin.id, origin.is_generated)
        if name in names:
            if names[name] == origin.id:
                raise AssertionError(f"two paragraphs marked {origin.id!r}")
            raise fail(doc.name, f"deux identifiants donnent le même repère « {name} » : {names[name]}, {origin.id}")
        names[name] = origin.id
        ident = str(FIRST_ID + len(table))
        p = paragraphs[at]
        start = el("w:bookmarkStart", id=ident, name=name)
        ppr = p.find(qn("w:pPr"))
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        el("w:bookmarkEnd", p, id=ident)
        table.append((name, origin.id))
        at += 1
    return table


def add_package_parts(data: bytes, properties: tuple[tuple[str, str], ...], table: list[tuple[str, str]]) -> bytes:
    """The DOCX with its custom properties and the custom XML part of the markers' table."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        contents = {name: source.read(name) for name in source.namelist()}
    props = "".join(
        f'<property fmtid="{_FMTID}" pid="{i}" name={quoteattr(name)}><vt:lpwstr>{escape(value)}</vt:lpwstr></property>'
        for i, (name, value) in enumerate(properties, start=2)
    )
    contents[CUSTOM_PART] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
        f' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{props}</Properties>'
    ).encode()
    rows = "".join(f"<repere nom={quoteattr(name)} id={quoteattr(ident)}/>" for name, ident in table)
    contents[MAP_PART] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<reperes xmlns="{MAP_NAMESPACE}">{rows}</reperes>'
    ).encode()
    contents[MAP_PROPS] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        '<ds:datastoreItem xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"'
        f' ds:itemID="{_DATASTORE}"><ds:schemaRefs><ds:schemaRef ds:uri="{MAP_NAMESPACE}"/></ds:schemaRefs>'
        "</ds:datastoreItem>"
    ).encode()
    item_rels = "customXml/_rels/item-ccas-docs.xml.rels"
    contents[item_rels] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/customXmlProps" Target="itemProps-ccas-docs.xml"/></Relationships>'
    ).encode()
    types = contents["[Content_Types].xml"].decode()
    overrides = (
        '<Override PartName="/docProps/custom.xml"'
        ' ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
        f'<Override PartName="/{MAP_PROPS}"'
        ' ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/>'
    )
    if 'Extension="xml"' not in types:
        overrides += '<Default Extension="xml" ContentType="application/xml"/>'
    contents["[Content_Types].xml"] = types.replace("</Types>", overrides + "</Types>").encode()
    contents["_rels/.rels"] = _add_rel(contents["_rels/.rels"], f"{_REL}/custom-properties", CUSTOM_PART)
    doc_rels = "word/_rels/document.xml.rels"
    contents[doc_rels] = _add_rel(contents[doc_rels], f"{_REL}/customXml", "../" + MAP_PART)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in contents.items():
            target.writestr(name, content)
    return out.getvalue()


def _add_rel(xml: bytes, kind: str, target: str) -> bytes:
    text = xml.decode()
    ident = "rIdCcasDocs1"
    return text.replace(
        "</Relationships>", f'<Relationship Id="{ident}" Type="{kind}" Target="{target}"/></Relationships>'
    ).encode()
