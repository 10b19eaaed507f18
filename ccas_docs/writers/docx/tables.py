"""Tables and the signature block: fixed column widths, repeated header row, rows that never split.

Column widths are shares of the width between the template's margins. Every row is ``cantSplit``;
the header row repeats on each page (``tblHeader``) and keeps with the first row below it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx.oxml.ns import qn
from lxml import etree

from ccas_docs.common.diagnostics import fail
from ccas_docs.document.tree import Cell, Paragraph, Run, SignatureBlock, Table
from ccas_docs.writers.docx.lists import Lists
from ccas_docs.writers.docx.paragraphs import el, paragraph
from ccas_docs.writers.docx.revisions import mark_all
from ccas_docs.writers.docx.styles import (
    CAPTION_STYLE,
    CELL_STYLES,
    ROLE_STYLES,
    SIGNATURE_HEADING_STYLE,
    SIGNATURE_LINE_STYLE,
    SIGNATURE_PLACE_STYLE,
    SIGNATURE_ROOM_STYLE,
    SIGNATURE_TABLE_STYLE,
    TABLE_STYLE,
    TemplateStyles,
)

_TWIPS_PER_EMU = 1 / 635


class Tables:
    """Writes table and signature blocks with the template's table and cell styles."""

    def __init__(self, document, template: Path, styles: TemplateStyles, lists: Lists):
        self.document, self.template, self.styles, self.lists = document, template, styles, lists
        self._text_width: int | None = None

    @property
    def text_width(self) -> int:
        """The width between the margins, in twentieths of a point, read from the template."""
        if self._text_width is None:
            section = self.document.sections[-1]
            if section.page_width is None or section.left_margin is None or section.right_margin is None:
                raise fail(
                    self.template,
                    f"le modèle « {self.template.name} » ne définit pas la taille de la page ou ses marges",
                    code="modele",
                    hint="Mise en page › Marges et Taille dans Word",
                )
            width = section.page_width - section.left_margin - section.right_margin
            self._text_width = round(width * _TWIPS_PER_EMU)
        return self._text_width

    def widths(self, relative: Sequence[int], count: int) -> list[int]:
        relative = list(relative) if len(relative) == count else [1] * count
        total = sum(relative) or 1
        widths = [self.text_width * w // total for w in relative]
        widths[-1] += self.text_width - sum(widths)
        return widths

    def table(self, table: Table, page_break: bool) -> list[etree._Element]:
        style = self.styles.style
        out: list[etree._Element] = []
        if table.caption:
            out.append(paragraph(style(CAPTION_STYLE), (Run(table.caption),), keep=True, page_break=page_break))
        elif page_break:
            out.append(paragraph(style("Normal"), page_break=True))
        columns = len(table.widths) or max((len(r) for r in (table.header, *table.rows)), default=1)
        widths = self.widths(table.widths, columns)
        tbl = self.table_element(style(TABLE_STYLE, "table"), widths, bool(table.header), bool(table.footer))
        align = list(table.align) + ["left"] * (columns - len(table.align))
        spans = [0] * columns
        if table.header:
            self.row(tbl, table.header, widths, align, spans, header=True)
        for index, row in enumerate(table.rows):
            self.row(tbl, row, widths, align, spans)
            revision = table.row_revisions[index] if index < len(table.row_revisions) else None
            if revision is not None:  # a row inserted or deleted: its mark, and every paragraph of it
                mark_all(tbl[-1], revision)
        for row in table.footer:
            self.row(tbl, row, widths, align, spans, bold=True)
        out.append(tbl)
        if table.revision is not None:  # the whole table inserted or deleted: its rows, caption, empty cells
            for element in out:
                mark_all(element, table.revision)
        return out

    def table_element(self, style_id: str, widths: list[int], header: bool, footer: bool) -> etree._Element:
        tbl = el("w:tbl")
        pr = el("w:tblPr", tbl)
        el("w:tblStyle", pr, val=style_id)
        el("w:tblW", pr, w=str(sum(widths)), type="dxa")
        el("w:tblLayout", pr, type="fixed")
        look = 0x0020 * header | 0x0040 * footer | 0x0200 | 0x0400
        el(
            "w:tblLook",
            pr,
            val=f"{look:04X}",
            firstRow=str(int(header)),
            lastRow=str(int(footer)),
            firstColumn="0",
            lastColumn="0",
            noHBand="1",
            noVBand="1",
        )
        grid = el("w:tblGrid", tbl)
        for width in widths:
            el("w:gridCol", grid, w=str(width))
        return tbl

    def row(
        self,
        tbl: etree._Element,
        cells: Sequence[Cell],
        widths: list[int],
        align: list[str],
        spans: list[int],
        header: bool = False,
        bold: bool = False,
    ) -> None:
        tr = el("w:tr", tbl)
        tr_pr = el("w:trPr", tr)
        el("w:cantSplit", tr_pr)
        if header:
            el("w:tblHeader", tr_pr)
        remaining = iter(cells)
        for col, width in enumerate(widths):
            tc = el("w:tc", tr)
            tc_pr = el("w:tcPr", tc)
            el("w:tcW", tc_pr, w=str(width), type="dxa")
            cell_style = self.styles.style(CELL_STYLES.get(align[col], CELL_STYLES["left"]))
            if spans[col]:
                spans[col] -= 1
                el("w:vMerge", tc_pr)
                tc.append(paragraph(cell_style))
                continue
            cell = next(remaining, None)
            if cell is not None and cell.rowspan > 1:
                el("w:vMerge", tc_pr, val="restart")
                spans[col] = cell.rowspan - 1
            parts = self.cell_content(cell, cell_style, bold, header) if cell is not None else []
            for part in parts or [paragraph(cell_style)]:
                tc.append(part)
        if any(spans):  # a merged cell goes on below: the row keeps with the next one (never split)
            keep_with_next(tr)

    def cell_content(self, cell: Cell, cell_style: str, bold: bool, header: bool) -> list[etree._Element]:
        """A cell's paragraphs and lists; a header row's paragraphs keep with the first row below.

        A paragraph's own « keep with next » is dropped in a cell: the row never splits anyway, and
        Word would keep the whole row with the next one, gluing the table to the following page.
        """
        out: list[etree._Element] = []
        for part in cell.content:
            if isinstance(part, Paragraph):
                if part.role == "body":
                    style = cell_style
                elif part.role in ("center", "right"):
                    style = self.styles.style(CELL_STYLES[part.role])
                else:
                    style = self.styles.style(ROLE_STYLES[part.role])
                keep = header
                out.append(paragraph(style, part.runs, keep=keep, bold=bold, revision=part.revision))
            else:
                out.extend(self.lists.list(part, 0, in_cell=True))
        return out

    def signatures(self, block: SignatureBlock, page_break: bool) -> list[etree._Element]:
        style = self.styles.style
        out = [paragraph(style(SIGNATURE_PLACE_STYLE), (Run(block.place_date),), page_break=page_break)]
        heading, line, room = (
            style(SIGNATURE_HEADING_STYLE),
            style(SIGNATURE_LINE_STYLE),
            style(SIGNATURE_ROOM_STYLE),
        )
        widths = self.widths((50, 50), 2)
        tbl = self.table_element(style(SIGNATURE_TABLE_STYLE, "table"), widths, False, False)
        signatures = list(block.signatures)
        for start in range(0, len(signatures), 2):
            tr = el("w:tr", tbl)
            el("w:cantSplit", el("w:trPr", tr))
            for col, width in enumerate(widths):
                tc = el("w:tc", tr)
                el("w:tcW", el("w:tcPr", tc), w=str(width), type="dxa")
                if start + col >= len(signatures):
                    tc.append(paragraph(line))
                    continue
                signature = signatures[start + col]
                tc.append(paragraph(heading, (Run(signature.heading, bold=True),)))
                for text in signature.lines:
                    tc.append(paragraph(line, (Run(text),)))
                tc.append(paragraph(room))
        out.append(tbl)
        if block.revision is not None:
            for element in out:
                mark_all(element, block.revision)
        return out


def keep_with_next(tr: etree._Element) -> None:
    """Every paragraph of the row keeps with the next: Word keeps the row on the page of the next row."""
    for p in tr.iter(qn("w:p")):
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            ppr = el("w:pPr")
            p.insert(0, ppr)
        if ppr.find(qn("w:keepNext")) is None:
            keep = el("w:keepNext")
            style = ppr.find(qn("w:pStyle"))
            if style is not None:
                style.addnext(keep)
            else:
                ppr.insert(0, keep)
