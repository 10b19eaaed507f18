"""The redline of a document's cover: its lines compared one by one, word by word when changed.

The cover's lines are rendered by the DOCX template (not by the body writer), so a changed line
is carried as a :class:`~ccas_docs.document.tree.CoverMark` that the writer applies to the line's
paragraph of the template.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from ccas_docs.document.redline import Marks, diff_runs
from ccas_docs.document.tree import Cover, CoverMark, Run


def _merge_lines(part: str, a: Sequence[str], b: Sequence[str], marks: Marks) -> tuple[list[str], list[CoverMark]]:
    texts: list[str] = []
    out: list[CoverMark] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, list(a), list(b), autojunk=False).get_opcodes():
        if tag == "equal":
            texts.extend(b[j1:j2])
        elif tag == "replace" and i2 - i1 == j2 - j1:
            for x, y in zip(a[i1:i2], b[j1:j2], strict=True):
                out.append(CoverMark(part, len(texts), diff_runs((Run(x),), (Run(y),), marks)))  # type: ignore[arg-type]
                texts.append(y)
        else:
            for x in a[i1:i2]:
                out.append(CoverMark(part, len(texts), (Run(x, revision=marks.dele),), marks.dele))  # type: ignore[arg-type]
                texts.append(x)
            for y in b[j1:j2]:
                out.append(CoverMark(part, len(texts), (Run(y, revision=marks.ins),), marks.ins))  # type: ignore[arg-type]
                texts.append(y)
    return texts, out


def merge_cover(a: Cover | None, b: Cover | None, marks: Marks) -> Cover | None:
    """The later cover with its changed, inserted and deleted lines marked (a cover is kept or not whole)."""
    if a is None or b is None or a == b:
        return b
    title, title_marks = _merge_lines("title", [a.title], [b.title], marks)
    subtitle, subtitle_marks = _merge_lines("subtitle", a.subtitle, b.subtitle, marks)
    lines, line_marks = _merge_lines("lines", a.lines, b.lines, marks)
    return Cover(
        title=b.title if len(title) != 1 else title[0],
        subtitle=tuple(subtitle),
        lines=tuple(lines),
        marks=tuple(title_marks + subtitle_marks + line_marks),
    )
