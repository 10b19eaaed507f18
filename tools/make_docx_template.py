"""Build ``templates/convention.docx``, the Word template of the DOCX writer.

Run ``python tools/make_docx_template.py [target]``: the output is byte-identical from one run
to the next. The template owns everything that is page furniture or typography, so that the legal
service can restyle the documents in Word without touching code:

* A4 pages, margins, a running header (``{{ entete }}``) and a footer (``{{ pied }}`` and
  « page n / N » made of real PAGE and NUMPAGES fields);
* an optional cover page in its own section, without header or footer
  (``{%p if couverture %}`` … ``{{ couverture.titre }}``, ``couverture.sous_titres``,
  ``couverture.lignes`` … ``{%p endif %}``);
* the marker paragraph ``{{ corps }}`` that the writer replaces with the document's body;
* the named styles the body uses (see :data:`PARAGRAPH_STYLES` and :data:`TABLE_STYLES`) and the
  two list definitions (bullets and numbers) the list styles point to.

The font is DejaVu Serif: it has the narrow no-break space (U+202F) used by French typography
(« 5 % », « 1 234,56 € »), and the font table declares it a serif (``roman``) so that Word falls
back to a serif where it is not installed.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ccas_docs.writers.reproducible import normalise_zip  # noqa: E402

FONT = "DejaVu Serif"
TABLE_FONT = "DejaVu Serif Condensed"  # the same face, narrower: table columns are narrow
ACCENT = RGBColor(0x1F, 0x2A, 0x44)  # headings: a very dark blue, close to black
MUTED = RGBColor(0x59, 0x59, 0x59)  # header and footer
RULE = "7F7F7F"  # borders

PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = Cm(2.5), Cm(2.5), Cm(2.3)
HEADER_DISTANCE, FOOTER_DISTANCE = Cm(1.2), Cm(1.1)
TEXT_WIDTH_TWIPS = round((PAGE_WIDTH - 2 * MARGIN_SIDE) / 635)

# name: (style id, based on, options); every name here is looked up by the writer
PARAGRAPH_STYLES: dict[str, tuple[str, str | None, dict]] = {
    # 6 pt after each paragraph, none before: the same spacing in Word and in LibreOffice (which
    # do not combine « before » and « after » the same way)
    "Normal": ("Normal", None, {"size": 11, "align": "justify", "before": 0, "after": 6, "line": 1.1}),
    "Heading 1": (
        "Heading1",
        "Normal",
        {
            "size": 14,
            "bold": True,
            "color": ACCENT,
            "align": "left",
            "before": 0,
            "after": 14,
            "keep": True,
            "outline": 0,
            "rule": "bottom",
        },
    ),
    "Heading 2": (
        "Heading2",
        "Normal",
        {
            "size": 12,
            "bold": True,
            "color": ACCENT,
            "align": "left",
            "before": 14,
            "after": 6,
            "keep": True,
            "outline": 1,
        },
    ),
    "Heading 3": (
        "Heading3",
        "Normal",
        {
            "size": 11,
            "bold": True,
            "italic": True,
            "color": ACCENT,
            "align": "left",
            "before": 10,
            "after": 4,
            "keep": True,
            "outline": 2,
        },
    ),
    "Header": (
        "Header",
        "Normal",
        {"before": 0, "size": 8.5, "color": MUTED, "align": "center", "after": 0, "rule": "bottom"},
    ),
    "Footer": (
        "Footer",
        "Normal",
        {"before": 0, "size": 8.5, "color": MUTED, "align": "left", "after": 0, "rule": "top", "right_tab": True},
    ),
    "List Bullet": ("ListBullet", "Normal", {"align": "left", "before": 0, "after": 3, "numbering": (1, 0)}),
    "List Bullet 2": ("ListBullet2", "Normal", {"align": "left", "before": 0, "after": 2, "numbering": (1, 1)}),
    "List Bullet 3": ("ListBullet3", "Normal", {"align": "left", "before": 0, "after": 2, "numbering": (1, 2)}),
    "List Number": ("ListNumber", "Normal", {"align": "left", "before": 0, "after": 3, "numbering": (2, 0)}),
    "List Number 2": ("ListNumber2", "Normal", {"align": "left", "before": 0, "after": 2, "numbering": (2, 1)}),
    "List Number 3": ("ListNumber3", "Normal", {"align": "left", "before": 0, "after": 2, "numbering": (2, 2)}),
    "Caption": (
        "Caption",
        "Normal",
        {"size": 10, "italic": True, "align": "left", "before": 6, "after": 4, "keep": True},
    ),
    "Centré": ("Centre", "Normal", {"align": "center"}),
    "Droite": ("Droite", "Normal", {"align": "right"}),
    "Petit": ("Petit", "Normal", {"size": 9, "after": 3}),
    "Total": ("Total", "Normal", {"bold": True, "align": "right", "before": 3}),
    "Couverture Titre": (
        "CouvertureTitre",
        "Normal",
        {
            "size": 22,
            "bold": True,
            "color": ACCENT,
            "align": "center",
            "before": 130,
            "after": 24,
            "line": 1.0,
            "rule": "bottom",
        },
    ),
    "Couverture Sous-titre": (
        "CouvertureSoustitre",
        "Normal",
        {"before": 0, "size": 14, "color": ACCENT, "align": "center", "after": 6},
    ),
    "Couverture Lignes": ("CouvertureLignes", "Normal", {"before": 0, "size": 11, "align": "center", "after": 4}),
    "Tableau Texte": (
        "TableauTexte",
        "Normal",
        {"size": 9.5, "font": TABLE_FONT, "align": "left", "before": 2, "after": 2, "line": 1.0},
    ),
    "Tableau Centré": ("TableauCentre", "Tableau Texte", {"align": "center"}),
    "Tableau Droite": ("TableauDroite", "Tableau Texte", {"align": "right"}),
    "Tableau Puce": ("TableauPuce", "Tableau Texte", {"numbering": (1, 0)}),
    "Tableau Puce 2": ("TableauPuce2", "Tableau Texte", {"numbering": (1, 1)}),
    "Tableau Numéro": ("TableauNumero", "Tableau Texte", {"numbering": (2, 0)}),
    "Tableau Numéro 2": ("TableauNumero2", "Tableau Texte", {"numbering": (2, 1)}),
    "Après Tableau": ("ApresTableau", "Normal", {"before": 0, "size": 6, "after": 0, "line": 1.0}),
    "Signature Lieu": ("SignatureLieu", "Normal", {"before": 12, "after": 24, "keep": True}),
    "Signature Titre": (
        "SignatureTitre",
        "Normal",
        {"before": 0, "bold": True, "align": "center", "after": 4, "keep": True},
    ),
    "Signature": ("Signature", "Normal", {"before": 0, "align": "center", "after": 0, "keep": True}),
    "Signature Espace": ("SignatureEspace", "Normal", {"align": "center", "before": 84, "after": 0}),
}

TABLE_STYLES = {
    "Tableau Convention": "TableauConvention",  # ruled table, grey header row
    "Tableau Signatures": "TableauSignatures",  # borderless, for the signature page
}

BUILTIN = {
    "Normal",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Header",
    "Footer",
    "Caption",
    "List Bullet",
    "List Bullet 2",
    "List Bullet 3",
    "List Number",
    "List Number 2",
    "List Number 3",
}

# bullets: numId 1; numbers: numId 2 (the writer gives each numbered list its own w:num)
NUMBERING_XML = f"""
<w:numbering {nsdecls("w")}>
  <w:abstractNum w:abstractNumId="1">
    <w:nsid w:val="4C495331"/>
    <w:multiLevelType w:val="hybridMultilevel"/>
    <w:tmpl w:val="50554345"/>
    {
    "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="{c}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{567 * (i + 1)}" w:hanging="284"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/></w:rPr></w:lvl>'
        for i, c in enumerate("•–◦•–◦•–◦")
    )
}
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="2">
    <w:nsid w:val="4C495332"/>
    <w:multiLevelType w:val="hybridMultilevel"/>
    <w:tmpl w:val="4E554D31"/>
    {
    "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%{i + 1}{sep}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{567 * (i + 1)}" w:hanging="397"/></w:pPr></w:lvl>'
        for i, (fmt, sep) in enumerate([("decimal", "."), ("lowerLetter", ")"), ("lowerRoman", ".")] * 3)
    )
}
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>
"""


def _borders(tag: str, sides: tuple[str, ...], val: str = "single", size: int = 4, space: int = 0) -> str:
    inner = "".join(f'<w:{s} w:val="{val}" w:sz="{size}" w:space="{space}" w:color="{RULE}"/>' for s in sides)
    return f"<w:{tag}>{inner}</w:{tag}>"


TABLE_STYLE_XML = f"""
<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="TableauConvention">
  <w:name w:val="Tableau Convention"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0"/><w:jc w:val="left"/></w:pPr>
  <w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>
  <w:tblPr>
    {_borders("tblBorders", ("top", "left", "bottom", "right", "insideH", "insideV"))}
    <w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>
      <w:bottom w:w="40" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:bCs/></w:rPr>
    <w:tblPr/>
    <w:trPr><w:tblHeader/></w:trPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="E7E9EE"/><w:vAlign w:val="center"/></w:tcPr>
  </w:tblStylePr>
  <w:tblStylePr w:type="lastRow">
    <w:rPr><w:b/><w:bCs/></w:rPr>
    <w:tblPr/>
    <w:tcPr>{_borders("tcBorders", ("top",), val="double", size=4)}</w:tcPr>
  </w:tblStylePr>
</w:style>
"""

SIGNATURE_TABLE_STYLE_XML = f"""
<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="TableauSignatures">
  <w:name w:val="Tableau Signatures"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="59"/>
  <w:tblPr>
    <w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/>
      <w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>
    <w:tblCellMar><w:left w:w="113" w:type="dxa"/><w:right w:w="113" w:type="dxa"/></w:tblCellMar>
  </w:tblPr>
</w:style>
"""

DOC_DEFAULTS_XML = f"""
<w:docDefaults {nsdecls("w")}>
  <w:rPrDefault><w:rPr>
    <w:rFonts w:ascii="{FONT}" w:eastAsia="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>
    <w:sz w:val="22"/><w:szCs w:val="22"/>
    <w:lang w:val="fr-FR" w:eastAsia="fr-FR" w:bidi="ar-SA"/>
  </w:rPr></w:rPrDefault>
  <w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>
</w:docDefaults>
"""

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


def _clean_package(document) -> None:
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
    settings.find(qn("w:defaultTabStop")).set(qn("w:val"), "709")
    settings.find(qn("w:themeFontLang")).attrib.clear()
    settings.find(qn("w:themeFontLang")).set(qn("w:val"), "fr-FR")
    settings.find(qn("w:decimalSymbol")).set(qn("w:val"), ",")
    settings.find(qn("w:listSeparator")).set(qn("w:val"), ";")

    font_table = part.part_related_by(RT.FONT_TABLE)
    root = parse_xml(font_table.blob)
    for position, name in enumerate((FONT, TABLE_FONT)):
        root.insert(position, parse_xml(_font_entry(name)))
    font_table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _set_font(rpr_holder, opts: dict) -> None:
    font = rpr_holder.font
    if "font" in opts:
        font.name = opts["font"]
        rfonts = rpr_holder.element.rPr.find(qn("w:rFonts"))
        rfonts.set(qn("w:cs"), opts["font"])
        rfonts.set(qn("w:eastAsia"), opts["font"])
    if "size" in opts:
        font.size = Pt(opts["size"])
    if "bold" in opts:
        font.bold = opts["bold"]
    if "italic" in opts:
        font.italic = opts["italic"]
    if "color" in opts:
        font.color.rgb = opts["color"]


def _paragraph_style(styles, name: str, style_id: str, based_on: str | None, opts: dict) -> None:
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH, builtin=name in BUILTIN)
    style.style_id = style_id
    if name == "Normal":
        style.element.set(qn("w:default"), "1")
    if based_on:
        style.base_style = styles[based_on]
    style.quick_style = True
    _set_font(style, opts)
    pf = style.paragraph_format
    align = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }
    if "align" in opts:
        pf.alignment = align[opts["align"]]
    if "before" in opts:
        pf.space_before = Pt(opts["before"])
    if "after" in opts:
        pf.space_after = Pt(opts["after"])
    if "line" in opts:
        pf.line_spacing = opts["line"]
    if name == "Normal":
        pf.widow_control = True
    if opts.get("keep"):
        pf.keep_with_next = True
        pf.keep_together = True
    if name.startswith("Heading"):
        style.next_paragraph_style = styles["Normal"]
    ppr = style.element.get_or_add_pPr()
    if "numbering" in opts:
        num_id, level = opts["numbering"]
        ppr.insert(
            0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
        )
        _reorder(ppr)
    if "rule" in opts:
        side = opts["rule"]
        ppr.append(
            parse_xml(
                f'<w:pBdr {nsdecls("w")}><w:{side} w:val="single" w:sz="4" w:space="4" w:color="{RULE}"/></w:pBdr>'
            )
        )
        _reorder(ppr)
    if opts.get("right_tab"):
        ppr.append(parse_xml(f'<w:tabs {nsdecls("w")}><w:tab w:val="right" w:pos="{TEXT_WIDTH_TWIPS}"/></w:tabs>'))
        _reorder(ppr)
    if "outline" in opts:
        ppr.append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{opts["outline"]}"/>'))
        _reorder(ppr)


PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]


def _reorder(ppr) -> None:
    """Put a w:pPr's children in schema order (Word refuses them out of order)."""
    rank = {qn(f"w:{t}"): i for i, t in enumerate(PPR_ORDER)}
    children = sorted(ppr, key=lambda el: rank.get(el.tag, len(rank)))
    for child in children:
        ppr.append(child)


def _styles(document) -> None:
    styles_el = document.styles.element
    for style in styles_el.findall(qn("w:style")):
        styles_el.remove(style)
    old = styles_el.find(qn("w:docDefaults"))
    styles_el.replace(old, parse_xml(DOC_DEFAULTS_XML))
    # the three defaults every WordprocessingML document has
    styles_el.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
            '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>'
            "</w:style>"
        )
    )
    styles_el.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="table" w:default="1" w:styleId="TableNormal">'
            '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
            '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
            '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
            "</w:tblCellMar></w:tblPr></w:style>"
        )
    )
    styles_el.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="numbering" w:default="1" w:styleId="NoList">'
            '<w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
        )
    )
    styles = document.styles
    for name, (style_id, based_on, opts) in PARAGRAPH_STYLES.items():
        _paragraph_style(styles, name, style_id, based_on, opts)
    styles_el.append(parse_xml(TABLE_STYLE_XML))
    styles_el.append(parse_xml(SIGNATURE_TABLE_STYLE_XML))


def _numbering(document) -> None:
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(NUMBERING_XML):
        numbering.append(child)


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """A complex field (« PAGE », « NUMPAGES ») with a cached value, as Word writes it."""
    p = paragraph._p
    for xml in (
        '<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {{ns}}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
        '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {{ns}}><w:t>{placeholder}</w:t></w:r>",
        '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        p.append(parse_xml(xml.replace("{ns}", nsdecls("w"))))


def _body(document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)

    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN_SIDE
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.header_distance, section.footer_distance = HEADER_DISTANCE, FOOTER_DISTANCE
    section.gutter = 0
    sect_pr = section._sectPr
    for attr in list(sect_pr.attrib):
        del sect_pr.attrib[attr]  # the rsids of python-docx's own template

    # the cover: its own section, without header nor footer, removed when there is no cover
    cover_sect_pr = parse_xml(sect_pr.xml)

    def add(text: str, style: str | None = None):
        return document.add_paragraph(text, style)

    add("{%p if couverture %}")
    add("{{ couverture.titre }}", "Couverture Titre")
    add("{%p for ligne in couverture.sous_titres %}")
    add("{{ ligne }}", "Couverture Sous-titre")
    add("{%p endfor %}")
    spacer = add("", "Couverture Lignes")
    spacer.paragraph_format.space_before = Pt(190)
    add("{%p for ligne in couverture.lignes %}")
    add("{{ ligne }}", "Couverture Lignes")
    add("{%p endfor %}")
    end_of_cover = add("", "Couverture Lignes")
    end_of_cover._p.get_or_add_pPr().append(cover_sect_pr)
    add("{%p endif %}")
    add("{{ corps }}")

    header = section.header
    header.is_linked_to_previous = False
    hp = header.paragraphs[0]
    hp.style = document.styles["Header"]
    hp.text = "{{ entete }}"

    footer = section.footer
    footer.is_linked_to_previous = False
    fp = footer.paragraphs[0]
    fp.style = document.styles["Footer"]
    fp.add_run("{{ pied }}")
    fp.add_run("\tpage ")
    _field(fp, "PAGE", "1")
    fp._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> / </w:t></w:r>'))
    _field(fp, "NUMPAGES", "1")


def _core(document) -> None:
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


def build() -> bytes:
    document = Document()
    _clean_package(document)
    _styles(document)
    _numbering(document)
    _body(document)
    _core(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else ROOT / "templates" / "convention.docx"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(build())
    print(f"{target} écrit")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
