"""The template's two list definitions (bullets and numbers) that the list styles point to."""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from docx_template.style_sheet import FONT

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


def add_numbering(document) -> None:
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(NUMBERING_XML):
        numbering.append(child)
