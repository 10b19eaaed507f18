"""Read the tracked changes of a DOCX body: which marked paragraph each revision changes, and how.

The body is read as a stream of characters and paragraph marks, each kept, inserted (``w:ins``,
``w:moveTo``) or deleted (``w:del``, ``w:moveFrom``), whatever wraps the runs (hyperlinks, content
controls, smart tags). Two views come out of it: the *original* paragraphs (every revision
rejected), which must be the paragraphs ``build`` wrote and marked, and the *accepted* ones (every
revision accepted). Each accepted paragraph is traced back to the original paragraphs its kept
characters come from: one of them — a changed paragraph; none — an inserted one, placed after the
original paragraph before it; two marked ones — a revision across two blocks, refused. An
original paragraph that no accepted paragraph continues was deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml import etree

from ccas_docs.document.markers import is_marker

KEEP, INS, DEL = "keep", "ins", "del"
_INSERTED = {qn("w:ins"): INS, qn("w:moveTo"): INS, qn("w:del"): DEL, qn("w:moveFrom"): DEL}
_TRANSPARENT = {
    qn(t)
    for t in ("w:hyperlink", "w:smartTag", "w:sdt", "w:sdtContent", "w:customXml", "w:fldSimple", "w:bdo", "w:dir")
}


@dataclass(frozen=True)
class Rev:
    """Who made a revision, and when (as the DOCX says)."""

    kind: str
    author: str
    date: str


@dataclass
class _Char:
    ch: str
    status: str
    rev: Rev | None
    para: int = -1  # the original paragraph (index) of a kept or deleted character


@dataclass
class _Physical:
    container: int
    style: str
    chars: list[_Char] = field(default_factory=list)
    mark: str = KEEP
    mark_rev: Rev | None = None
    markers: list[str] = field(default_factory=list)
    comments: list[tuple[str, str, int]] = field(default_factory=list)  # (start|end, id, char index)
    orig: int = -1  # the original paragraph it is part of


@dataclass
class Original:
    """A paragraph as ``build`` wrote it (every revision rejected)."""

    index: int
    text: str = ""
    markers: list[str] = field(default_factory=list)
    revs: list[Rev] = field(default_factory=list)
    first: int = -1  # first physical paragraph


@dataclass
class Accepted:
    """A paragraph once every revision is accepted, traced back to the originals it continues."""

    text: str
    style: str
    sources: list[int]  # original paragraphs whose kept characters it holds, in order
    owner: int  # the original it continues (-1: a new paragraph)
    anchor: int  # for a new paragraph: the original paragraph just before it (-1: none)
    revs: list[Rev]


@dataclass
class Body:
    originals: list[Original]
    accepted: list[Accepted]
    comment_spans: dict[str, tuple[int, str]]  # comment id → (original paragraph, commented words)

    def marked(self) -> dict[str, Original]:
        return {m: o for o in self.originals for m in o.markers}


def _rev(element: etree._Element, kind: str) -> Rev:
    return Rev(kind, element.get(qn("w:author"), ""), element.get(qn("w:date"), ""))


def _walk(node: etree._Element, status: str, rev: Rev | None, p: _Physical) -> None:
    for child in node:
        tag = child.tag
        if tag == qn("w:pPr"):
            style = child.find(qn("w:pStyle"))
            if style is not None:
                p.style = style.get(qn("w:val"), "")
            rpr = child.find(qn("w:rPr"))
            if rpr is not None:
                for mark_tag, kind in _INSERTED.items():
                    found = rpr.find(mark_tag)
                    if found is not None:
                        p.mark, p.mark_rev = kind, _rev(found, kind)
        elif tag in _INSERTED:
            kind = _INSERTED[tag]
            _walk(child, kind, _rev(child, kind), p)
        elif tag == qn("w:r"):
            for part in child:
                if part.tag in (qn("w:t"), qn("w:delText")):
                    p.chars.extend(_Char(ch, status, rev) for ch in part.text or "")
                elif part.tag == qn("w:tab"):
                    p.chars.append(_Char("\t", status, rev))
                elif part.tag == qn("w:br") and part.get(qn("w:type"), "textWrapping") == "textWrapping":
                    p.chars.append(_Char("\n", status, rev))
                elif part.tag == qn("w:noBreakHyphen"):
                    p.chars.append(_Char("\u2011", status, rev))
        elif tag == qn("w:bookmarkStart"):
            name = child.get(qn("w:name"), "")
            if is_marker(name):
                p.markers.append(name)
        elif tag in (qn("w:commentRangeStart"), qn("w:commentRangeEnd")):
            which = "start" if tag == qn("w:commentRangeStart") else "end"
            p.comments.append((which, child.get(qn("w:id"), ""), len(p.chars)))
        elif tag in _TRANSPARENT:
            _walk(child, status, rev, p)


def read_body(document: etree._Element) -> Body:
    """The original and accepted paragraphs of ``word/document.xml``."""
    body = document.find(qn("w:body"))
    containers: dict[int, int] = {}
    physical: list[_Physical] = []
    for element in body.iter(qn("w:p")) if body is not None else ():
        parent = element.getparent()
        container = containers.setdefault(id(parent), len(containers))
        p = _Physical(container, "")
        _walk(element, KEEP, None, p)
        physical.append(p)
    originals = _originals(physical)
    accepted = _accepted(physical)
    return Body(originals, accepted, _comment_spans(physical))


def _originals(physical: list[_Physical]) -> list[Original]:
    out: list[Original] = []
    current: Original | None = None
    for i, p in enumerate(physical):
        if current is not None and physical[current.first].container != p.container:
            current = None
        if current is None:
            current = Original(len(out), first=i)
            out.append(current)
        current.markers.extend(p.markers)
        p.orig = current.index
        for c in p.chars:
            if c.status != INS:
                c.para = current.index
                current.text += c.ch
            if c.rev is not None and c.rev not in current.revs:
                current.revs.append(c.rev)
        if p.mark_rev is not None and p.mark_rev not in current.revs:
            current.revs.append(p.mark_rev)
        if p.mark != INS:
            current = None
    return out


def _accepted(physical: list[_Physical]) -> list[Accepted]:
    out: list[Accepted] = []
    chars: list[_Char] = []
    revs: list[Rev] = []
    last_original = -1
    start_anchor = -1
    container = -1
    for p in physical:
        if p.container != container:
            chars, revs, container, last_original = [], [], p.container, -1
            start_anchor = -1
        if not chars and not revs:
            start_anchor = last_original
        for c in p.chars:
            if c.status != DEL:
                chars.append(c)
            if c.rev is not None and c.rev not in revs:
                revs.append(c.rev)
            if c.para >= 0:
                last_original = c.para
        if p.mark_rev is not None and p.mark_rev not in revs:
            revs.append(p.mark_rev)
        owner_by_mark = -1
        if p.mark != INS:
            # this physical paragraph's mark closes an original paragraph (kept or deleted mark)
            owner_by_mark = p.orig
            last_original = max(last_original, owner_by_mark)
        if p.mark == DEL:
            continue
        sources: list[int] = []
        for c in chars:
            if c.status == KEEP and c.para not in sources:
                sources.append(c.para)
        owner = sources[0] if sources else owner_by_mark
        anchor = start_anchor if owner < 0 else -1
        out.append(Accepted("".join(c.ch for c in chars), p.style, sources, owner, anchor, list(revs)))
        chars, revs = [], []
    return out


def _comment_spans(physical: list[_Physical]) -> dict[str, tuple[int, str]]:
    starts: dict[str, tuple[int, int]] = {}
    spans: dict[str, tuple[int, str]] = {}
    for i, p in enumerate(physical):
        for which, ident, at in p.comments:
            if which == "start":
                starts[ident] = (i, at)
            elif ident in starts:
                (si, sat), words = starts.pop(ident), []
                for j in range(si, i + 1):
                    lo = sat if j == si else 0
                    hi = at if j == i else len(physical[j].chars)
                    words.extend(c.ch for c in physical[j].chars[lo:hi] if c.status != DEL)
                spans[ident] = (physical[si].orig, "".join(words).strip())
    return spans
