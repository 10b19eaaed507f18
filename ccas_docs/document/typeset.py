"""Apply French typography to every text of a document tree, once, before any writer sees it.

Every composer ends with :func:`typeset_document`: the same function
(:func:`ccas_docs.common.typography.typeset`) on every run, heading, cell, cover line, signature,
header and footer, so DOCX, HTML and PDF print the same characters, and two versions compared
(redline, diff) or a reviewed DOCX matched against the YAML (import) are compared in the same
form. A paragraph is typeset as a whole (a rule may look across its runs), then cut back into its
runs; « 1er » becomes « 1 » and a superscript « er » run. The origins of a paragraph (where its
characters come from in the YAML) follow the characters: a copied character keeps its place in the
scalar, a character the typography adds (a no-break space) points nowhere.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from typing import Literal

from ccas_docs.common.typography import SUPERSCRIPT, typeset, typeset_map
from ccas_docs.document.markers import Origin, Span
from ccas_docs.document.tree import (
    Block,
    Cell,
    Cover,
    CoverMark,
    Document,
    Heading,
    ListBlock,
    ListItem,
    Paragraph,
    Run,
    Signature,
    SignatureBlock,
    Table,
)


def typeset_runs(runs: tuple[Run, ...]) -> tuple[tuple[Run, ...], tuple[int, ...]]:
    """The runs typeset as one text and cut back (superscripts apart), with the character map."""
    text = "".join(r.text for r in runs)
    shown, where = typeset_map(text)
    raised = [False] * len(shown)
    for match in SUPERSCRIPT.finditer(shown):
        raised[match.start(1) : match.end(1)] = [True] * (match.end(1) - match.start(1))
    owner = [k for k, r in enumerate(runs) for _ in r.text]
    current = next((owner[w] for w in where if w >= 0), 0)  # what is produced first joins the first run
    groups: list[list] = []  # [(run, raised), start, end]: one output run per stretch
    for i, w in enumerate(where):
        if w >= 0:
            current = owner[w]
        key = (current, raised[i])
        if groups and groups[-1][0] == key:
            groups[-1][2] = i + 1
        else:
            groups.append([key, i, i + 1])
    if not groups:
        return (runs[0],) if runs else (), where
    return tuple(replace(runs[k], text=shown[s:e], superscript=up) for (k, up), s, e in groups), where


def _spans(spans: tuple[Span, ...], where: tuple[int, ...]) -> tuple[Span, ...]:
    """``spans`` over the text before typography, moved onto the typeset text."""
    # the copied characters keep their order: their source indices increase along the typeset text
    copied = [(i, w) for i, w in enumerate(where) if w >= 0]
    sources = [w for _, w in copied]
    out: list[Span] = []
    for span in spans:
        lo, hi = bisect_left(sources, span.start), bisect_left(sources, span.end)
        if span.fact:
            if lo < hi:
                out.append(replace(span, start=copied[lo][0], end=copied[hi - 1][0] + 1))
            elif span.start == span.end:  # an empty span keeps its place
                at = copied[lo][0] if lo < len(copied) else len(where)
                out.append(replace(span, start=at, end=at))
            continue
        stretch: list[int] = []  # [start, end, src_start, src_end] of the stretch being extended
        for i, w in copied[lo:hi]:  # a copied run of characters: one span per stretch that maps one to one
            src = span.src_start + w - span.start
            if stretch and stretch[1] == i and stretch[3] == src:
                stretch[1], stretch[3] = i + 1, src + 1
                continue
            if stretch:
                out.append(Span(stretch[0], stretch[1], src_start=stretch[2], src_end=stretch[3]))
                stretch = [i, i + 1, src, src + 1]
            elif out and not out[-1].fact and (out[-1].end, out[-1].src_end) == (i, src):  # the previous span's
                last = out.pop()
                stretch = [last.start, i + 1, last.src_start, src + 1]
            else:
                stretch = [i, i + 1, src, src + 1]
        if stretch:
            out.append(Span(stretch[0], stretch[1], src_start=stretch[2], src_end=stretch[3]))
    # a character the typography produced inside a generated part belongs to it
    for k, span in enumerate(out):
        after = out[k + 1] if k + 1 < len(out) else None
        same = span.fact and after is not None and after.fact == span.fact and after.start > span.end
        if same and all(where[i] < 0 for i in range(span.end, after.start)):  # type: ignore[union-attr]
            out[k] = replace(span, end=after.start)  # type: ignore[union-attr]
    return tuple(sorted(out, key=lambda s: (s.start, s.end)))


def _origin(origin: Origin | None, where: tuple[int, ...]) -> Origin | None:
    if origin is None or not origin.spans:
        return origin
    return replace(origin, spans=_spans(origin.spans, where))


def _paragraph(p: Paragraph) -> Paragraph:
    runs, where = typeset_runs(p.runs)
    return replace(p, runs=runs, origin=_origin(p.origin, where))


def _heading(h: Heading) -> Heading:
    runs, where = typeset_runs((Run(h.text),))
    text = "".join(r.text for r in runs)
    marked = typeset_runs(h.marked)[0] if h.marked else ()
    return replace(h, text=text, runs=runs if len(runs) > 1 else (), marked=marked, origin=_origin(h.origin, where))


def _list(block: ListBlock) -> ListBlock:
    return replace(block, items=tuple(_item(i) for i in block.items))


def _item(item: ListItem) -> ListItem:
    runs, where = typeset_runs(item.runs)
    children = _list(item.children) if item.children is not None else None
    return replace(item, runs=runs, children=children, origin=_origin(item.origin, where))


def _cell(cell: Cell) -> Cell:
    parts = tuple(_paragraph(p) if isinstance(p, Paragraph) else _list(p) for p in cell.content)
    return replace(cell, content=parts)


def _row(row: tuple[Cell, ...]) -> tuple[Cell, ...]:
    return tuple(_cell(c) for c in row)


def typeset_block(block: Block) -> Block:
    if isinstance(block, Heading):
        return _heading(block)
    if isinstance(block, Paragraph):
        return _paragraph(block)
    if isinstance(block, ListBlock):
        return _list(block)
    if isinstance(block, Table):
        return replace(
            block,
            caption=typeset(block.caption),
            header=_row(block.header),
            rows=tuple(_row(r) for r in block.rows),
            footer=tuple(_row(r) for r in block.footer),
        )
    if isinstance(block, SignatureBlock):
        signatures = tuple(
            Signature(typeset(s.heading), tuple(typeset(line) for line in s.lines), s.field) for s in block.signatures
        )
        return replace(block, place_date=typeset(block.place_date), signatures=signatures)
    return block


def _cover(cover: Cover) -> Cover:
    """The cover's lines typeset; a line with a raised « er » carried as runs (a :class:`CoverMark`)."""
    marks = [replace(m, runs=typeset_runs(m.runs)[0]) for m in cover.marks]
    title, subtitle, lines = typeset(cover.title), tuple(map(typeset, cover.subtitle)), tuple(map(typeset, cover.lines))
    marked = {(m.part, m.index) for m in marks}
    parts: tuple[tuple[Literal["title", "subtitle", "lines"], tuple[str, ...]], ...] = (
        ("title", (title,)),
        ("subtitle", subtitle),
        ("lines", lines),
    )
    for part, texts in parts:
        for index, text in enumerate(texts):
            runs = typeset_runs((Run(text),))[0]
            if len(runs) > 1 and (part, index) not in marked:
                marks.append(CoverMark(part, index, runs))
    return Cover(title, subtitle, lines, tuple(marks))


def typeset_document(doc: Document) -> Document:
    """``doc`` with every text set in French typography (idempotent)."""
    meta = replace(doc.meta, title=typeset(doc.meta.title), subject=typeset(doc.meta.subject))
    return replace(
        doc,
        meta=meta,
        header=typeset(doc.header),
        footer=typeset(doc.footer),
        body=tuple(typeset_block(b) for b in doc.body),
        cover=_cover(doc.cover) if doc.cover is not None else None,
    )
