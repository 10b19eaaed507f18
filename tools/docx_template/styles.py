"""The named styles of :mod:`.style_sheet` written into the template's styles part."""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from docx_template.page import TEXT_WIDTH_TWIPS
from docx_template.style_sheet import (
    BUILTIN,
    DOC_DEFAULTS_XML,
    PARAGRAPH_STYLES,
    RULE,
    SIGNATURE_TABLE_STYLE_XML,
    TABLE_STYLE_XML,
)


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
    if opts.get("no_hyphens"):
        ppr.append(parse_xml(f"<w:suppressAutoHyphens {nsdecls('w')}/>"))
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


def add_styles(document) -> None:
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
