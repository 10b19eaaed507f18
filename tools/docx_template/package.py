"""The package around the styles: what python-docx's default template carries and a legal one must not,
the font table, the settings and the core properties.
"""

from __future__ import annotations

import datetime as dt

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from docx_template.style_sheet import FONT, TABLE_FONT

APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>ccas-docs</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def _font_entry(name: str) -> str:
    """A font table entry: a serif (« roman »), so that Word substitutes a serif where it is missing."""
    return (
        f'<w:font {nsdecls("w")} w:name="{name}"><w:charset w:val="00"/><w:family w:val="roman"/>'
        '<w:pitch w:val="variable"/></w:font>'
    )


def clean_package(document) -> None:
    """Drop what python-docx's default template carries and a legal template must not."""
    part = document.part
    for rId, rel in list(part.rels.items()):
        if rel.reltype in (RT.CUSTOM_XML, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"):
            part.rels.pop(rId)
    package = part.package
    for rId, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rId)
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_XML.encode("utf-8")

    settings = document.settings.element
    for tag in ("w:rsids", "w:savePreviewPicture", "w:attachedTemplate"):
        for el in settings.findall(qn(tag)):
            settings.remove(el)
    tab_stop = settings.find(qn("w:defaultTabStop"))
    tab_stop.set(qn("w:val"), "709")
    # French hyphenation of justified text (the styles of headings, cover and signatures suppress
    # it): at most two hyphenated lines in a row, a zone of 0.635 cm (Word's default), no word in
    # capitals (« À COMPLÉTER ») cut; LibreOffice reads the same settings
    for xml in (
        f"<w:doNotHyphenateCaps {nsdecls('w')}/>",
        f'<w:hyphenationZone {nsdecls("w")} w:val="360"/>',
        f'<w:consecutiveHyphenLimit {nsdecls("w")} w:val="2"/>',
        f"<w:autoHyphenation {nsdecls('w')}/>",
    ):
        tab_stop.addnext(parse_xml(xml))
    settings.find(qn("w:themeFontLang")).attrib.clear()
    settings.find(qn("w:themeFontLang")).set(qn("w:val"), "fr-FR")
    settings.find(qn("w:decimalSymbol")).set(qn("w:val"), ",")
    settings.find(qn("w:listSeparator")).set(qn("w:val"), ";")

    font_table = part.part_related_by(RT.FONT_TABLE)
    root = parse_xml(font_table.blob)
    present = {font.get(qn("w:name")) for font in root.findall(qn("w:font"))}
    for position, name in enumerate(n for n in dict.fromkeys((FONT, TABLE_FONT)) if n not in present):
        root.insert(position, parse_xml(_font_entry(name)))
    font_table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_core_properties(document) -> None:
    core = document.core_properties
    when = dt.datetime(2025, 1, 1)
    core.title = "Modèle de la convention de mutualisation"
    core.subject = "Modèle Word des documents produits par ccas-docs"
    core.author = "ccas-docs"
    core.last_modified_by = "ccas-docs"
    core.comments = ""
    core.keywords = ""
    core.category = ""
    core.language = "fr-FR"
    core.created = core.modified = core.last_printed = when
    core.revision = 1
