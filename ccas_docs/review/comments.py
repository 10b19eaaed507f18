"""The comments of a reviewed DOCX (``word/comments.xml``): author, date, text."""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn
from lxml import etree

from ccas_docs.document.markers import MAP_NAMESPACE


@dataclass(frozen=True)
class Comment:
    id: str
    author: str
    date: str
    text: str


def read_comments(part: etree._Element | None) -> list[Comment]:
    if part is None:
        return []
    out = []
    for c in part.iter(qn("w:comment")):
        paragraphs = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in c.iter(qn("w:p"))]
        text = "\n".join(p for p in paragraphs if p.strip())
        out.append(Comment(c.get(qn("w:id"), ""), c.get(qn("w:author"), ""), c.get(qn("w:date"), ""), text))
    return out


_CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}property"


def read_properties(part: etree._Element | None) -> dict[str, str]:
    """The custom document properties (name → text)."""
    if part is None:
        return {}
    return {p.get("name", ""): "".join(p.itertext()) for p in part.iter(_CUSTOM)}


def read_marker_table(parts: list[etree._Element]) -> list[tuple[str, str]] | None:
    """The table bookmark name → stable id that ``build`` stored, or None when there is none."""
    for root in parts:
        if root.tag == f"{{{MAP_NAMESPACE}}}reperes":
            return [(r.get("nom", ""), r.get("id", "")) for r in root.iter(f"{{{MAP_NAMESPACE}}}repere")]
    return None
