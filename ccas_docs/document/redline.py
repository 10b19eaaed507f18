"""The redline of two document trees: one tree whose differences are revision marks.

Blocks are matched by their stable key (the numbering's id of the article, section, paragraph or
bullet they render, or the key a composer gave a generated clause), never by position: a block of
the same key present in both versions is *changed* (word by word), one present only in the later
version is *inserted*, one only in the earlier version *deleted*. Inside a changed paragraph, a
bullet or a heading the words are compared with :mod:`difflib` on word tokens, keeping each
word's emphasis. A table whose shape changed, or a signature block that changed, is deleted and
inserted whole.

Accepting every mark gives exactly the later tree's text; rejecting every mark, the earlier one's.
The result is an ordinary tree: writers render the marks (DOCX: ``w:ins`` / ``w:del``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from ccas_docs.document.tree import (
    Block,
    Cell,
    Heading,
    ListBlock,
    ListItem,
    PageBreak,
    Paragraph,
    Revision,
    Run,
    SignatureBlock,
    Table,
)

_TOKEN = re.compile(r"\s+|\S+")


@dataclass(frozen=True)
class Marks:
    """The two revisions a redline writes: what the later version inserted and what it deleted."""

    ins: Revision
    dele: Revision


# --- words ---------------------------------------------------------------------------------------


Piece = tuple[str, bool, bool, bool]  # text, bold, italic, superscript
Token = tuple[Piece, ...]  # a word (or a space) and the formats of its parts


def _tokens(runs: Sequence[Run]) -> list[Token]:
    """Word tokens; a word cut across runs (« 1 » and a superscript « er ») stays one word."""
    out: list[Token] = []
    glued = False  # the previous run ended inside a word
    for r in runs:
        for t in _TOKEN.findall(r.text):
            piece = (t, r.bold, r.italic, r.superscript)
            if glued and out and not t[0].isspace():
                out[-1] = (*out[-1], piece)
            else:
                out.append((piece,))
            glued = False
        glued = bool(r.text) and not r.text[-1].isspace()
    return out


def _text(token: Token) -> str:
    return "".join(p[0] for p in token)


def _coalesce(pieces: list[tuple[Token, Revision | None]]) -> tuple[Run, ...]:
    out: list[Run] = []
    for token, rev in pieces:
        for text, bold, italic, sup in token:
            if out and (out[-1].bold, out[-1].italic, out[-1].superscript, out[-1].revision) == (
                bold,
                italic,
                sup,
                rev,
            ):
                out[-1] = replace(out[-1], text=out[-1].text + text)
            else:
                out.append(Run(text, bold, italic, rev, sup))
    return tuple(out)


def diff_runs(before: Sequence[Run], after: Sequence[Run], marks: Marks) -> tuple[Run, ...]:
    """The words of ``after``, with the words ``before`` had and lost marked deleted, new ones inserted."""
    a, b = _tokens(before), _tokens(after)
    ops = [list(op) for op in SequenceMatcher(None, a, b, autojunk=False).get_opcodes()]
    # a lone word or space kept between two changes reads better as part of one change
    for k in range(1, len(ops) - 1):
        tag, i1, i2, _, _ = ops[k]
        words = [t for t in a[i1:i2] if _text(t).strip()]
        if tag == "equal" and len(words) <= 1 and "equal" not in (ops[k - 1][0], ops[k + 1][0]):
            ops[k][0] = "replace"
    groups: list[list] = []
    for op in ops:  # opcodes are contiguous: consecutive changes fuse into one
        if groups and groups[-1][0] != "equal" and op[0] != "equal":
            groups[-1] = ["replace", groups[-1][1], op[2], groups[-1][3], op[4]]
        else:
            groups.append(op)
    pieces: list[tuple[Token, Revision | None]] = []
    for tag, i1, i2, j1, j2 in groups:
        if tag == "equal":
            pieces.extend((t, None) for t in b[j1:j2])
            continue
        pieces.extend((t, marks.dele) for t in a[i1:i2])
        pieces.extend((t, marks.ins) for t in b[j1:j2])
    return _coalesce(pieces)


def _all(runs: Sequence[Run], rev: Revision) -> tuple[Run, ...]:
    return tuple(replace(r, revision=rev) for r in runs if r.text)


# --- whole blocks ------------------------------------------------------------------------------


def _mark_list(block: ListBlock, rev: Revision) -> ListBlock:
    items = tuple(
        replace(
            item,
            runs=_all(item.runs, rev),
            revision=rev,
            children=_mark_list(item.children, rev) if item.children else None,
        )
        for item in block.items
    )
    return replace(block, items=items)


def _mark_cell(cell: Cell, rev: Revision) -> Cell:
    parts = tuple(
        replace(p, runs=_all(p.runs, rev), revision=rev) if isinstance(p, Paragraph) else _mark_list(p, rev)
        for p in cell.content
    )
    return replace(cell, content=parts)


def mark(block: Block, rev: Revision) -> Block:
    """The whole block inserted (or deleted)."""
    if isinstance(block, Paragraph):
        return replace(block, runs=_all(block.runs, rev), revision=rev)
    if isinstance(block, Heading):
        return replace(block, marked=_all(block.shown, rev), revision=rev)
    if isinstance(block, ListBlock):
        return _mark_list(block, rev)
    if isinstance(block, Table):
        rows = tuple(tuple(_mark_cell(c, rev) for c in row) for row in block.rows)
        footer = tuple(tuple(_mark_cell(c, rev) for c in row) for row in block.footer)
        header = tuple(_mark_cell(c, rev) for c in block.header)
        return replace(block, header=header, rows=rows, footer=footer, revision=rev)
    if isinstance(block, SignatureBlock):
        return replace(block, revision=rev)
    return block


# --- matching ---------------------------------------------------------------------------------


def _own_key(block: Block) -> str:
    if isinstance(block, Heading):
        return block.key or block.anchor or f"titre:{block.text}"
    if isinstance(block, Paragraph):
        return block.key or f"paragraphe:{block.text}"
    if isinstance(block, ListBlock):
        return block.key or "liste:" + (block.items[0].key or block.items[0].text if block.items else "")
    if isinstance(block, Table):
        return block.key or "tableau:" + block.caption + "|".join(_cell_text(c) for c in block.header)
    if isinstance(block, SignatureBlock):
        return "signatures"
    return "?"


def _cell_text(cell: Cell) -> str:
    return " ".join(p.text if isinstance(p, Paragraph) else "…" for p in cell.content)


def keys(blocks: Sequence[Block]) -> list[str]:
    """One key per block, unique in the sequence; a page break is keyed by the block it precedes."""
    own = [_own_key(b) for b in blocks]
    out: list[str] = []
    seen: dict[str, int] = {}
    for i, block in enumerate(blocks):
        if isinstance(block, PageBreak):
            following = next((own[j] for j in range(i + 1, len(blocks)) if not isinstance(blocks[j], PageBreak)), "")
            key = f"saut:{following}"
        else:
            key = own[i]
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return out


def _align(a_keys: list[str], b_keys: list[str]):
    """(tag, a indices, b indices) with deletions before insertions in a replaced stretch."""
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a_keys, b_keys, autojunk=False).get_opcodes():
        if tag == "equal":
            yield from (("equal", i, j) for i, j in zip(range(i1, i2), range(j1, j2), strict=True))
        else:
            yield from (("delete", i, None) for i in range(i1, i2))
            yield from (("insert", None, j) for j in range(j1, j2))


def merge_blocks(before: Sequence[Block], after: Sequence[Block], marks: Marks) -> list[Block]:
    """The later blocks, with the earlier ones' differences as revision marks."""
    out: list[Block] = []
    for tag, i, j in _align(keys(before), keys(after)):
        if tag == "delete":
            out.append(mark(before[i], marks.dele))
        elif tag == "insert":
            out.append(mark(after[j], marks.ins))
        else:
            out.extend(_merge_pair(before[i], after[j], marks))
    return out


def _merge_pair(a: Block, b: Block, marks: Marks) -> list[Block]:
    if a == b:
        return [b]
    if isinstance(a, Paragraph) and isinstance(b, Paragraph):
        return [replace(b, runs=diff_runs(a.runs, b.runs, marks))]
    if isinstance(a, Heading) and isinstance(b, Heading) and a.level == b.level:
        if a.text == b.text:
            return [b]
        return [replace(b, marked=diff_runs(a.runs or (Run(a.text),), b.runs or (Run(b.text),), marks))]
    if isinstance(a, ListBlock) and isinstance(b, ListBlock) and a.ordered == b.ordered:
        return [_merge_lists(a, b, marks)]
    if isinstance(a, Table) and isinstance(b, Table) and a.row_keys and b.row_keys:
        merged = _merge_rows(a, b, marks)
        if merged is not None:
            return [merged]
    if isinstance(a, Table) and isinstance(b, Table) and _same_shape(a, b):
        merged = _merge_table(a, b, marks)
        if merged is not None:
            return [merged]
    if isinstance(a, PageBreak) and isinstance(b, PageBreak):
        return [b]
    return [mark(a, marks.dele), mark(b, marks.ins)]


def _item_key(item: ListItem) -> str:
    return item.key or f"puce:{item.text}"


def _merge_lists(a: ListBlock, b: ListBlock, marks: Marks) -> ListBlock:
    a_keys, b_keys = _unique([_item_key(i) for i in a.items]), _unique([_item_key(i) for i in b.items])
    items: list[ListItem] = []
    for tag, i, j in _align(a_keys, b_keys):
        if tag == "delete":
            items.extend(_mark_list(ListBlock((a.items[i],)), marks.dele).items)
        elif tag == "insert":
            items.extend(_mark_list(ListBlock((b.items[j],)), marks.ins).items)
        else:
            x, y = a.items[i], b.items[j]
            if x == y:
                items.append(y)
                continue
            if x.children and y.children and x.children.ordered == y.children.ordered:
                children: ListBlock | None = _merge_lists(x.children, y.children, marks)
            elif x.children and y.children:
                children = ListBlock(
                    _mark_list(x.children, marks.dele).items + _mark_list(y.children, marks.ins).items,
                    y.children.ordered,
                )
            elif x.children:
                children = _mark_list(x.children, marks.dele)
            elif y.children:
                children = _mark_list(y.children, marks.ins)
            else:
                children = None
            items.append(replace(y, runs=diff_runs(x.runs, y.runs, marks), children=children))
    return replace(b, items=tuple(items))


def _unique(keys_: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for k in keys_:
        seen[k] = seen.get(k, 0) + 1
        out.append(k if seen[k] == 1 else f"{k}#{seen[k]}")
    return out


def _shape(rows: Sequence[Sequence[Cell]]) -> list[list[tuple[int, tuple[str, ...]]]]:
    return [[(c.rowspan, tuple(type(p).__name__ for p in c.content)) for c in row] for row in rows]


def _same_shape(a: Table, b: Table) -> bool:
    return (
        a.widths == b.widths
        and _shape([a.header]) == _shape([b.header])
        and _shape(a.rows) == _shape(b.rows)
        and _shape(a.footer) == _shape(b.footer)
    )


def _merge_cell(x: Cell, y: Cell, marks: Marks) -> Cell | None:
    parts: list[Paragraph | ListBlock] = []
    for p, q in zip(x.content, y.content, strict=True):
        if isinstance(p, Paragraph) and isinstance(q, Paragraph):
            parts.append(q if p == q else replace(q, runs=diff_runs(p.runs, q.runs, marks)))
        elif isinstance(p, ListBlock) and isinstance(q, ListBlock) and p.ordered == q.ordered:
            parts.append(q if p == q else _merge_lists(p, q, marks))
        else:
            return None
    return replace(y, content=tuple(parts))


def _merge_table(a: Table, b: Table, marks: Marks) -> Table | None:
    def rows(xs: Sequence[Sequence[Cell]], ys: Sequence[Sequence[Cell]]) -> tuple[tuple[Cell, ...], ...] | None:
        out = []
        for x_row, y_row in zip(xs, ys, strict=True):
            cells = [_merge_cell(x, y, marks) for x, y in zip(x_row, y_row, strict=True)]
            if any(c is None for c in cells):
                return None
            out.append(tuple(c for c in cells if c is not None))
        return tuple(out)

    header, body, footer = rows([a.header], [b.header]), rows(a.rows, b.rows), rows(a.footer, b.footer)
    if header is None or body is None or footer is None or a.caption != b.caption:
        return None
    return replace(b, header=header[0] if header else (), rows=body, footer=footer)


def _merge_rows(a: Table, b: Table, marks: Marks) -> Table | None:
    """Rows matched by their keys: a row inserted or deleted whole, the others compared cell by cell."""
    simple = all(c.rowspan == 1 for row in (*a.rows, *b.rows) for c in row)
    if not simple or len(a.row_keys) != len(a.rows) or len(b.row_keys) != len(b.rows) or a.caption != b.caption:
        return None
    if a.widths != b.widths or _shape([a.header]) != _shape([b.header]) or a.footer != b.footer:
        return None
    header = _merge_table(replace(a, rows=(), footer=()), replace(b, rows=(), footer=()), marks)
    if header is None:
        return None
    rows: list[tuple[Cell, ...]] = []
    keys_: list[str] = []
    revisions: list[Revision | None] = []
    for tag, i, j in _align(list(a.row_keys), list(b.row_keys)):
        if tag == "delete":
            rows.append(tuple(_mark_cell(c, marks.dele) for c in a.rows[i]))
            keys_.append(a.row_keys[i])
            revisions.append(marks.dele)
        elif tag == "insert":
            rows.append(tuple(_mark_cell(c, marks.ins) for c in b.rows[j]))
            keys_.append(b.row_keys[j])
            revisions.append(marks.ins)
        else:
            x, y = a.rows[i], b.rows[j]
            if _shape([x]) != _shape([y]):
                return None
            cells = [_merge_cell(p, q, marks) for p, q in zip(x, y, strict=True)]
            if any(c is None for c in cells):
                return None
            rows.append(tuple(c for c in cells if c is not None))
            keys_.append(b.row_keys[j])
            revisions.append(None)
    return replace(b, header=header.header, rows=tuple(rows), row_keys=tuple(keys_), row_revisions=tuple(revisions))


# --- origins ---------------------------------------------------------------------------------


def _plain_list(block: ListBlock) -> ListBlock:
    items = tuple(
        replace(i, origin=None, children=_plain_list(i.children) if i.children else None) for i in block.items
    )
    return replace(block, items=items)


def _plain_cell(c: Cell) -> Cell:
    parts = tuple(replace(p, origin=None) if isinstance(p, Paragraph) else _plain_list(p) for p in c.content)
    return replace(c, content=parts)


def without_origins(blocks: Sequence[Block]) -> list[Block]:
    """The blocks without the origins ``import`` reads: a redline is read, never imported back."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph | Heading):
            out.append(replace(block, origin=None))
        elif isinstance(block, ListBlock):
            out.append(_plain_list(block))
        elif isinstance(block, Table):
            rows = tuple(tuple(_plain_cell(c) for c in row) for row in block.rows)
            footer = tuple(tuple(_plain_cell(c) for c in row) for row in block.footer)
            out.append(replace(block, header=tuple(_plain_cell(c) for c in block.header), rows=rows, footer=footer))
        else:
            out.append(block)
    return out
