"""Test helper: a DOCX paragraph's text as Word shows it.

python-docx's ``Paragraph.text`` reads Word's non-breaking hyphen (``w:noBreakHyphen``, the tree's
U+2011 in « Porto‑Vecchio ») as a plain « - »; these helpers read it back as U+2011, so a test
compares the DOCX with the very characters the tree, the HTML and the PDF carry.
"""

from __future__ import annotations

from docx.oxml.ns import qn

_SPECIAL = {qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "\u2011"}


def element_text(element) -> str:
    """The text of a ``w:p`` (or any element): ``w:t``, tabs, breaks and non-breaking hyphens."""
    return "".join(
        node.text or "" if node.tag == qn("w:t") else _SPECIAL[node.tag] for node in element.iter(qn("w:t"), *_SPECIAL)
    )


def word_text(paragraph) -> str:
    """A python-docx paragraph's text, its non-breaking hyphens as U+2011."""
    return element_text(paragraph._p)


def cell_text(cell) -> str:
    """A python-docx table cell's text, its paragraphs joined by line breaks (as ``cell.text``)."""
    return "\n".join(word_text(p) for p in cell.paragraphs)
