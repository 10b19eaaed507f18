"""Tracked changes as native Word revisions (ECMA-376 part 1, §17.13.5), from the tree's marks.

The tree says what was inserted or deleted (:class:`~ccas_docs.document.tree.Revision`); this
module only writes it:

- a run inserted: ``<w:ins w:id w:author w:date><w:r>…</w:r></w:ins>``; deleted: ``<w:del …>`` around
  the run, its ``w:t`` becoming ``w:delText``. The run keeps the ``w:rPr`` it would have had, so the
  revision has the formatting of the text it replaces or adds;
- a whole paragraph inserted or deleted also marks its paragraph mark,
  ``<w:pPr><w:rPr><w:ins …/></w:rPr></w:pPr>``, so that accepting the deletion removes the paragraph
  instead of leaving it empty;
- a table row inserted or deleted: ``<w:trPr><w:ins …/></w:trPr>``.

Ids are given once the whole part is written (:func:`number_revisions`), in document order and
after the bookmarks' ids, so that every ``w:id`` of the part is unique and a rebuild gives the
same bytes. python-docx has no revision API: these are plain ``oxml`` elements.
"""

from __future__ import annotations

import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from ccas_docs.document.tree import Cover, Revision

_TAGS = {"ins": "w:ins", "del": "w:del"}
# children of w:pPr that come after w:rPr in the schema's sequence
_AFTER_RPR = (qn("w:sectPr"), qn("w:pPrChange"))


def _mark(tag: str, revision: Revision) -> etree._Element:
    element = OxmlElement(tag)
    element.set(qn("w:id"), "0")  # numbered by number_revisions()
    element.set(qn("w:author"), revision.author)
    element.set(qn("w:date"), f"{revision.date.isoformat()}T00:00:00Z")
    return element


def wrap_run(r: etree._Element, revision: Revision) -> etree._Element:
    """Put the run ``r`` (already in its paragraph) inside a ``w:ins`` or ``w:del``."""
    wrapper = _mark(_TAGS[revision.kind], revision)
    r.addprevious(wrapper)
    wrapper.append(r)
    if revision.kind == "del":
        for t in r.findall(qn("w:t")):
            t.tag = qn("w:delText")
    return wrapper


def mark_paragraph(p: etree._Element, revision: Revision) -> None:
    """Mark the paragraph mark of ``p`` inserted or deleted."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    rpr = ppr.find(qn("w:rPr"))
    if rpr is not None and (rpr.find(qn("w:ins")) is not None or rpr.find(qn("w:del")) is not None):
        return  # already marked
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        later = next((c for c in ppr if c.tag in _AFTER_RPR), None)
        if later is not None:
            later.addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.append(_mark(_TAGS[revision.kind], revision))


def mark_row(tr: etree._Element, revision: Revision) -> None:
    """Mark a table row inserted or deleted (``w:trPr`` ends with ``w:ins`` / ``w:del``)."""
    tr_pr = tr.find(qn("w:trPr"))
    if tr_pr is None:
        tr_pr = OxmlElement("w:trPr")
        tr.insert(0, tr_pr)
    if tr_pr.find(qn("w:ins")) is not None or tr_pr.find(qn("w:del")) is not None:
        return
    tr_pr.append(_mark(_TAGS[revision.kind], revision))


def mark_all(element: etree._Element, revision: Revision) -> None:
    """Every run, paragraph mark and row inside ``element`` (a table, a paragraph) inserted or deleted."""
    rows = [element] if element.tag == qn("w:tr") else list(element.iter(qn("w:tr")))
    for tr in rows:
        mark_row(tr, revision)
    paragraphs = [element] if element.tag == qn("w:p") else list(element.iter(qn("w:p")))
    for p in paragraphs:
        for r in p.findall(qn("w:r")):
            wrap_run(r, revision)
        mark_paragraph(p, revision)


_REVISION_TAGS = (qn("w:ins"), qn("w:del"))
_ANNOTATION_TAGS = (qn("w:bookmarkStart"), qn("w:bookmarkEnd"), qn("w:commentRangeStart"), qn("w:comment"))


def number_revisions(root: etree._Element) -> int:
    """Give every revision of the part a unique ``w:id``, after the other annotations' ids; their count."""
    taken = [int(e.get(qn("w:id"), "0")) for e in root.iter(*_ANNOTATION_TAGS) if e.get(qn("w:id"), "").isdigit()]
    next_id = max(taken, default=0) + 1
    count = 0
    for element in root.iter(*_REVISION_TAGS):
        element.set(qn("w:id"), str(next_id))
        next_id += 1
        count += 1
    return count


# --- the cover: its lines are rendered by the template, then given their marks -------------------


def cover_sentinel(part: str, index: int) -> str:
    """What the template renders in place of a revised cover line, replaced by :func:`apply_cover_marks`."""
    return f"@@ccas-docs:revision:{part}:{index}@@"


def cover_context(cover: Cover) -> dict[str, object]:
    """The template's ``couverture`` variables, a sentinel standing for each revised line."""
    parts: dict[str, list[str]] = {"title": [cover.title], "subtitle": list(cover.subtitle), "lines": list(cover.lines)}
    for m in cover.marks:
        parts[m.part][m.index] = cover_sentinel(m.part, m.index)
    return {"titre": parts["title"][0], "sous_titres": parts["subtitle"], "lignes": parts["lines"]}


def apply_cover_marks(root: etree._Element, cover: Cover | None) -> None:
    """Replace each sentinel paragraph's text by the line's marked runs, in the template run's format."""
    if cover is None or not cover.marks:
        return
    wanted = {cover_sentinel(m.part, m.index): m for m in cover.marks}
    for p in root.iter(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        m = wanted.get(text.strip())
        if m is None:
            continue
        runs = list(p.iter(qn("w:r")))  # a content control or a hyperlink of the template may hold them
        template_rpr = runs[0].find(qn("w:rPr")) if runs else None
        for r in runs:
            r.getparent().remove(r)
        for item in m.runs:
            if not item.text:
                continue
            r = etree.SubElement(p, qn("w:r"))
            rpr = copy.deepcopy(template_rpr) if template_rpr is not None else None
            if item.bold or item.italic or item.superscript:
                rpr = rpr if rpr is not None else OxmlElement("w:rPr")
                # python-docx's w:rPr puts each element where the schema orders it (rFonts, b, i, …)
                if item.bold:
                    rpr.get_or_add_b()
                if item.italic:
                    rpr.get_or_add_i()
                if item.superscript:
                    rpr.get_or_add_vertAlign().set(qn("w:val"), "superscript")
            if rpr is not None:
                r.append(rpr)
            t = etree.SubElement(r, qn("w:t"))
            t.text = item.text
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            if item.revision is not None:
                wrap_run(r, item.revision)
        if m.revision is not None:
            mark_paragraph(p, m.revision)
