"""The page: A4, margins, the optional cover section, the body marker, the header and the footer.

The footer carries « page n / N » made of real PAGE and NUMPAGES fields.
"""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = Cm(2.5), Cm(2.5), Cm(2.3)
HEADER_DISTANCE, FOOTER_DISTANCE = Cm(1.2), Cm(1.1)
TEXT_WIDTH_TWIPS = round((PAGE_WIDTH - 2 * MARGIN_SIDE) / 635)


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


def lay_out_page(document) -> None:
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
