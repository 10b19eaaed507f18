"""The template's look as data: fonts, colours, and every named style the DOCX writer uses.

The font is Times New Roman, which every Windows Word has; the PDF engines print it with Liberation
Serif (Debian's fonts-liberation2), metric-compatible: the same widths, so the same line and page
breaks. Both have the narrow no-break space (U+202F) of French typography (« 5 % », « 1 234,56 € »),
which Calibri's free twin Carlito and Cambria's twin Caladea lack.

Justified text is hyphenated (Word's automatic hyphenation, set in the settings part, see
:mod:`.package`); headings, tables (ragged), the cover, the signature block, the header and
the footer are not (``no_hyphens``).
"""

from __future__ import annotations

from docx.oxml.ns import nsdecls
from docx.shared import RGBColor

FONT = "Times New Roman"
TABLE_FONT = FONT  # Times is narrow enough for table columns
ACCENT = RGBColor(0x1F, 0x2A, 0x44)  # headings: a very dark blue, close to black
MUTED = RGBColor(0x59, 0x59, 0x59)  # header and footer
RULE = "7F7F7F"  # borders

# name: (style id, based on, options); every name here is looked up by the writer
PARAGRAPH_STYLES: dict[str, tuple[str, str | None, dict]] = {
    # 6 pt after each paragraph, none before: the same spacing in Word and in LibreOffice (which
    # do not combine « before » and « after » the same way)
    "Normal": ("Normal", None, {"size": 12, "align": "justify", "before": 0, "after": 6, "line": 1.1}),
    "Heading 1": (
        "Heading1",
        "Normal",
        {
            "size": 15,
            "bold": True,
            "color": ACCENT,
            "align": "left",
            "before": 0,
            "after": 14,
            "keep": True,
            "no_hyphens": True,
            "outline": 0,
            "rule": "bottom",
        },
    ),
    "Heading 2": (
        "Heading2",
        "Normal",
        {
            "size": 13,
            "bold": True,
            "color": ACCENT,
            "align": "left",
            "before": 14,
            "after": 6,
            "keep": True,
            "no_hyphens": True,
            "outline": 1,
        },
    ),
    "Heading 3": (
        "Heading3",
        "Normal",
        {
            "size": 12,
            "bold": True,
            "italic": True,
            "color": ACCENT,
            "align": "left",
            "before": 10,
            "after": 4,
            "keep": True,
            "no_hyphens": True,
            "outline": 2,
        },
    ),
    "Heading 4": (  # an intertitre under an intertitre (« Les matériels » under « Les postes de travail »)
        "Heading4",
        "Normal",
        {
            "size": 10.5,
            "bold": False,
            "italic": True,
            "color": ACCENT,
            "align": "left",
            "before": 6,
            "after": 3,
            "keep": True,
            "outline": 3,
        },
    ),
    "Header": (
        "Header",
        "Normal",
        {"before": 0, "size": 9, "color": MUTED, "align": "center", "after": 0, "rule": "bottom", "no_hyphens": True},
    ),
    "Footer": (
        "Footer",
        "Normal",
        {
            "before": 0,
            "size": 9,
            "color": MUTED,
            "align": "left",
            "after": 0,
            "rule": "top",
            "right_tab": True,
            "no_hyphens": True,
        },
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
        {"size": 11, "italic": True, "align": "left", "before": 6, "after": 4, "keep": True, "no_hyphens": True},
    ),
    "Centré": ("Centre", "Normal", {"align": "center"}),
    "Droite": ("Droite", "Normal", {"align": "right"}),
    "Petit": ("Petit", "Normal", {"size": 10, "after": 3}),
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
            "no_hyphens": True,
        },
    ),
    "Couverture Sous-titre": (
        "CouvertureSoustitre",
        "Normal",
        {"before": 0, "size": 14, "color": ACCENT, "align": "center", "after": 6, "no_hyphens": True},
    ),
    "Couverture Lignes": (
        "CouvertureLignes",
        "Normal",
        {"before": 0, "size": 12, "align": "center", "after": 4, "no_hyphens": True},
    ),
    "Tableau Texte": (
        "TableauTexte",
        "Normal",
        {"size": 10.5, "font": TABLE_FONT, "align": "left", "before": 2, "after": 2, "line": 1.0, "no_hyphens": True},
    ),
    "Tableau Centré": ("TableauCentre", "Tableau Texte", {"align": "center"}),
    "Tableau Droite": ("TableauDroite", "Tableau Texte", {"align": "right"}),
    "Tableau Puce": ("TableauPuce", "Tableau Texte", {"numbering": (1, 0)}),
    "Tableau Puce 2": ("TableauPuce2", "Tableau Texte", {"numbering": (1, 1)}),
    "Tableau Numéro": ("TableauNumero", "Tableau Texte", {"numbering": (2, 0)}),
    "Tableau Numéro 2": ("TableauNumero2", "Tableau Texte", {"numbering": (2, 1)}),
    "Après Tableau": ("ApresTableau", "Normal", {"before": 0, "size": 6, "after": 0, "line": 1.0}),
    "Signature Lieu": ("SignatureLieu", "Normal", {"before": 12, "after": 24, "keep": True, "no_hyphens": True}),
    "Signature Titre": (
        "SignatureTitre",
        "Normal",
        {"before": 0, "bold": True, "align": "center", "after": 4, "keep": True, "no_hyphens": True},
    ),
    "Signature": (
        "Signature",
        "Normal",
        {"before": 0, "align": "center", "after": 0, "keep": True, "no_hyphens": True},
    ),
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
    "Heading 4",
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
