"""The document's body: each block of the tree as WordprocessingML on the template's named styles.

Headings, paragraphs and page breaks are written here; lists, tables and signatures are handed to
:mod:`~ccas_docs.writers.docx.lists` and :mod:`~ccas_docs.writers.docx.tables`, and every paragraph
and run is emitted by :mod:`~ccas_docs.writers.docx.paragraphs`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from docx.oxml.ns import qn
from lxml import etree

from ccas_docs.document.tree import Block, Heading, ListBlock, PageBreak, Paragraph, SignatureBlock, Table
from ccas_docs.writers.docx.lists import Lists
from ccas_docs.writers.docx.paragraphs import el, paragraph
from ccas_docs.writers.docx.styles import AFTER_TABLE_STYLE, HEADING_STYLES, ROLE_STYLES, TemplateStyles
from ccas_docs.writers.docx.tables import Tables


class BodyWriter:
    """Maps body blocks onto the template's named styles and list definitions."""

    def __init__(self, document, template: Path):
        self.document, self.template = document, template
        self.styles = TemplateStyles(document, template)
        self.lists = Lists(document, template, self.styles)
        self.tables = Tables(document, template, self.styles, self.lists)
        self._bookmarks: set[str] = set()

    def style(self, name: str, kind: str = "paragraph") -> str:
        """The id of a named style (a missing one is reported by :meth:`check`)."""
        return self.styles.style(name, kind)

    def check(self) -> None:
        """Every style the body needs and the template lacks, reported at once."""
        self.styles.check()

    def bookmark(self, anchor: str) -> str | None:
        """A unique bookmark name Word accepts for ``anchor``, or None (empty or already used)."""
        name = re.sub(r"[^A-Za-z0-9_]", "_", anchor)
        if not name:
            return None
        if not name[0].isalpha():
            name = f"b_{name}"
        name = name[:40]
        if name in self._bookmarks:
            return None
        self._bookmarks.add(name)
        return name

    # blocks

    def blocks(self, blocks: Sequence[Block]) -> list[etree._Element]:
        out: list[etree._Element] = []
        pending_break = False
        for index, block in enumerate(blocks):
            if isinstance(block, PageBreak):
                pending_break = bool(out)  # never a break before the first block
                continue
            out.extend(self.block(block, pending_break))
            pending_break = False
            if isinstance(block, Table | SignatureBlock) and not _followed_by_break(blocks, index):
                out.append(paragraph(self.style(AFTER_TABLE_STYLE), revision=block.revision))
        return out

    def block(self, block: Block, page_break: bool) -> list[etree._Element]:
        if isinstance(block, Heading):
            return [self.heading(block, page_break)]
        if isinstance(block, Paragraph):
            return [self.paragraph(block, ROLE_STYLES[block.role], page_break)]
        if isinstance(block, ListBlock):
            return self.lists.list(block, 0, page_break)
        if isinstance(block, Table):
            return self.tables.table(block, page_break)
        if isinstance(block, SignatureBlock):
            return self.tables.signatures(block, page_break)
        raise TypeError(f"unknown block {type(block).__name__}")

    def heading(self, heading: Heading, page_break: bool) -> etree._Element:
        runs = heading.shown
        style = self.style(HEADING_STYLES[heading.level])
        p = paragraph(style, runs, page_break=page_break, revision=heading.revision)
        name = self.bookmark(heading.anchor) if heading.anchor else None
        if name:
            ident = str(len(self._bookmarks))
            start = el("w:bookmarkStart", id=ident, name=name)
            ppr = p.find(qn("w:pPr"))  # absent when the heading style is missing (reported by check())
            if ppr is not None:
                ppr.addnext(start)
            else:
                p.insert(0, start)
            el("w:bookmarkEnd", p, id=ident)
        return p

    def paragraph(self, block: Paragraph, style_name: str, page_break: bool = False) -> etree._Element:
        return paragraph(
            self.style(style_name),
            block.runs,
            keep=block.keep_with_next,
            page_break=page_break,
            revision=block.revision,
        )


def _followed_by_break(blocks: Sequence[Block], index: int) -> bool:
    """Whether a page break comes next (and some block after it): no spacer before a new page.

    In a redline, a deleted block is followed by what followed it before the change, so the
    inserted blocks after it are skipped (and the deleted ones after an inserted block).
    """
    rest = list(blocks[index + 1 :])
    own = getattr(blocks[index], "revision", None)
    while own is not None and rest and _revision_kind(rest[0]) not in (None, own.kind):
        rest.pop(0)
    return bool(rest) and isinstance(rest[0], PageBreak) and any(not isinstance(b, PageBreak) for b in rest)


def _revision_kind(block: Block) -> str | None:
    revision = getattr(block, "revision", None)
    return revision.kind if revision is not None else None
