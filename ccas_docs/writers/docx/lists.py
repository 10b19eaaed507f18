"""Bulleted and numbered lists: the template's list styles, their ``w:num`` and the restarts.

A list style points to a ``w:num`` of the template's numbering part (directly or through the style
it is based on). Every numbered list gets a new ``w:num`` over the same definition with a
``w:startOverride``, so that each list counts from 1 again.
"""

from __future__ import annotations

from pathlib import Path

from docx.oxml.ns import qn
from lxml import etree

from ccas_docs.common.diagnostics import fail
from ccas_docs.document.tree import ListBlock
from ccas_docs.writers.docx.paragraphs import el, paragraph
from ccas_docs.writers.docx.styles import (
    BULLET_STYLES,
    CELL_BULLET_STYLES,
    CELL_NUMBER_STYLES,
    NUMBER_STYLES,
    TemplateStyles,
)


class Lists:
    """Writes list blocks with the template's list styles and numbering definitions."""

    def __init__(self, document, template: Path, styles: TemplateStyles):
        self.document, self.template, self.styles = document, template, styles
        self._numbering = None
        self._list_nums: dict[str, tuple[int, str]] = {}
        self._next_num = 0

    def list(
        self, block: ListBlock, level: int, page_break: bool = False, in_cell: bool = False
    ) -> list[etree._Element]:
        """The paragraphs of a list and of its nested lists, one numbering per numbered list."""
        if in_cell:
            names = CELL_NUMBER_STYLES if block.ordered else CELL_BULLET_STYLES
        else:
            names = NUMBER_STYLES if block.ordered else BULLET_STYLES
        name = names[min(level, len(names) - 1)]
        style_id = self.styles.style(name)
        ilvl, num_id = min(level, 8), 0
        if style_id:
            num_id, abstract = self.list_numbering(name)
            if block.ordered:
                num_id = self.restarted_num(abstract, ilvl)
        out: list[etree._Element] = []
        for item in block.items:
            numbering = (ilvl, num_id)
            out.append(
                paragraph(style_id, item.runs, numbering=numbering, page_break=page_break, revision=item.revision)
            )
            page_break = False
            if item.children is not None:
                out.extend(self.list(item.children, level + 1, in_cell=in_cell))
        return out

    def list_numbering(self, style_name: str) -> tuple[int, str]:
        """The ``w:numId`` a list style points to, and that numbering's ``w:abstractNumId``."""
        if style_name in self._list_nums:
            return self._list_nums[style_name]
        num_id = self._style_num_id(self.styles.style(style_name))
        numbering = self.numbering_root()
        abstract = None
        if num_id is not None and numbering is not None:
            num = numbering.find(f"{qn('w:num')}[@{qn('w:numId')}='{num_id.get(qn('w:val'))}']")
            if num is not None:
                abstract = num.find(qn("w:abstractNumId"))
        if num_id is None or abstract is None:
            raise fail(
                self.template,
                f"dans le modèle « {self.template.name} », le style « {style_name} » n'est associé à aucune liste"
                " à puces ou numérotée",
                code="modele-style",
                hint="dans Word, appliquer au style une liste (Format › Numérotation) ou régénérer le modèle",
            )
        result = (int(num_id.get(qn("w:val"))), abstract.get(qn("w:val")))
        self._list_nums[style_name] = result
        return result

    def _style_num_id(self, style_id: str):
        """The ``w:numId`` element of a style, or of the style it is based on (as Word resolves it)."""
        styles = self.document.styles.element
        for _ in range(10):
            style = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
            if style is None:
                return None
            num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
            based_on = style.find(qn("w:basedOn"))
            if num_id is not None or based_on is None:
                return num_id
            style_id = based_on.get(qn("w:val"), "")
        return None

    def numbering_root(self):
        """The template's ``w:numbering`` element, or None when it has no numbering part."""
        if self._numbering is None:
            try:
                self._numbering = self.document.part.numbering_part.element
            except (KeyError, NotImplementedError):
                return None
            ids = [int(n.get(qn("w:numId"))) for n in self._numbering.findall(qn("w:num"))]
            self._next_num = max(ids, default=0) + 1
        return self._numbering

    def restarted_num(self, abstract_id: str, level: int) -> int:
        """A new ``w:num`` over the same definition whose counter starts again at 1."""
        numbering = self.numbering_root()
        num_id = self._next_num
        self._next_num += 1
        num = el("w:num", numId=str(num_id))
        el("w:abstractNumId", num, val=abstract_id)
        override = el("w:lvlOverride", num, ilvl=str(level))
        el("w:startOverride", override, val="1")
        cleanup = numbering.find(qn("w:numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(num)
        else:
            numbering.append(num)
        return num_id
