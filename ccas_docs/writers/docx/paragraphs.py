"""Paragraphs and runs as WordprocessingML: the one place where a ``w:p`` or a ``w:r`` is emitted.

Everything the body writer, the lists and the tables put on the page goes through
:func:`paragraph` and :func:`run`; a later mark on paragraphs or runs (a tracked change, a
bookmark) belongs here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from ccas_docs.document.tree import Revision, Run
from ccas_docs.writers.docx.revisions import mark_paragraph, wrap_run

_SPLIT = re.compile("(\n|\t|\u2011)")  # \u2011: Word's own non-breaking hyphen, drawn with the font's hyphen


def el(tag: str, parent: etree._Element | None = None, **attrs: str) -> etree._Element:
    """A ``w:`` element with ``w:`` attributes, appended to ``parent`` when given."""
    element = OxmlElement(tag) if parent is None else etree.SubElement(parent, qn(tag))
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def paragraph(
    style_id: str | None,
    runs: Iterable[Run] = (),
    *,
    keep: bool = False,
    page_break: bool = False,
    numbering: tuple[int, int] | None = None,
    bold: bool = False,
    revision: Revision | None = None,
) -> etree._Element:
    """A ``w:p`` in a named style (by id), with its runs; ``numbering`` is ``(ilvl, numId)``.

    ``revision``: the whole paragraph inserted or deleted (its mark); each run carries its own.
    """
    p = el("w:p")
    ppr = el("w:pPr", p)
    if style_id:
        el("w:pStyle", ppr, val=style_id)
    if keep:
        el("w:keepNext", ppr)
    if page_break:
        el("w:pageBreakBefore", ppr)
    if numbering is not None:
        num_pr = el("w:numPr", ppr)
        el("w:ilvl", num_pr, val=str(numbering[0]))
        el("w:numId", num_pr, val=str(numbering[1]))
    if not len(ppr):
        p.remove(ppr)
    for item in runs:
        run(p, item, bold)
    if revision is not None:
        mark_paragraph(p, revision)
    return p


def run(p: etree._Element, item: Run, bold: bool = False) -> None:
    """Append a ``w:r`` for ``item`` to ``p``: bold, italic, line breaks and tabs; nothing when empty."""
    if not item.text:
        return
    r = el("w:r", p)
    if item.bold or item.italic or bold or item.superscript:
        rpr = el("w:rPr", r)
        if item.bold or bold:
            el("w:b", rpr)
        if item.italic:
            el("w:i", rpr)
        if item.superscript:
            el("w:vertAlign", rpr, val="superscript")
    for part in _SPLIT.split(item.text):
        if part == "\n":
            el("w:br", r)
        elif part == "\t":
            el("w:tab", r)
        elif part == "\u2011":
            el("w:noBreakHyphen", r)
        elif part:
            t = el("w:t", r)
            t.text = part
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    if item.revision is not None:
        wrap_run(r, item.revision)


def text_of(p: etree._Element) -> str:
    """The plain text of a paragraph (or any element): its ``w:t`` joined."""
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def word_hyphens(root: etree._Element) -> None:
    """Every U+2011 of a ``w:t`` under ``root`` as Word's own ``w:noBreakHyphen`` (the text the template
    filled in: cover, header, footer), as :func:`run` writes the body's: drawn with the font's hyphen."""
    space = "{http://www.w3.org/XML/1998/namespace}space"
    for t in [t for t in root.iter(qn("w:t")) if t.text and "\u2011" in t.text]:
        parts = t.text.split("\u2011")
        t.text = parts[0]
        t.set(space, "preserve")
        at = t
        for part in parts[1:]:
            hyphen = etree.Element(qn("w:noBreakHyphen"))
            at.addnext(hyphen)
            at = hyphen
            if part:
                piece = etree.Element(qn("w:t"))
                piece.text = part
                piece.set(space, "preserve")
                at.addnext(piece)
                at = piece


_FURNITURE = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer",
)


def furniture(document) -> list[etree._Element]:  # type: ignore[no-untyped-def]
    """The root elements of a python-docx document's headers and footers."""
    return [
        rel.target_part.element
        for rel in document.part.rels.values()
        if rel.reltype in _FURNITURE and hasattr(rel.target_part, "element")
    ]
