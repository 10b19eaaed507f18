"""The redline of a document's cover: its lines compared one by one, word by word when changed.

The cover's lines are rendered by the DOCX template (not by the body writer), so a changed line
is carried as a :class:`~ccas_docs.document.tree.CoverMark` that the writer applies to the line's
paragraph of the template.
"""

from __future__ import annotations

from dataclasses import replace
from difflib import SequenceMatcher
from typing import Literal

from ccas_docs.document.redline import Marks, diff_runs
from ccas_docs.document.tree import Cover, CoverMark, Revision, Run

Part = Literal["title", "subtitle", "lines"]


def _merge_lines(part: Part, a: Cover, b: Cover, marks: Marks) -> tuple[list[str], list[CoverMark]]:
    """The lines of ``part``; each line's runs (a raised « er », word revisions) come from its cover."""
    before = [a.title] if part == "title" else list(getattr(a, part))
    after = [b.title] if part == "title" else list(getattr(b, part))
    texts: list[str] = []
    out: list[CoverMark] = []

    def whole(cover: Cover, index: int, rev: Revision) -> tuple[Run, ...]:
        return tuple(replace(r, revision=rev) for r in cover.runs_of(part, index))

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            for j in range(j1, j2):
                runs = b.runs_of(part, j)
                if len(runs) > 1:  # kept as the later cover sets it
                    out.append(CoverMark(part, len(texts), runs))
                texts.append(after[j])
        elif tag == "replace" and i2 - i1 == j2 - j1:
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                out.append(CoverMark(part, len(texts), diff_runs(a.runs_of(part, i), b.runs_of(part, j), marks)))
                texts.append(after[j])
        else:
            for i in range(i1, i2):
                out.append(CoverMark(part, len(texts), whole(a, i, marks.dele), marks.dele))
                texts.append(before[i])
            for j in range(j1, j2):
                out.append(CoverMark(part, len(texts), whole(b, j, marks.ins), marks.ins))
                texts.append(after[j])
    return texts, out


def merge_cover(a: Cover | None, b: Cover | None, marks: Marks) -> Cover | None:
    """The later cover with its changed, inserted and deleted lines marked (a cover is kept or not whole)."""
    if a is None or b is None or a == b:
        return b
    title, title_marks = _merge_lines("title", a, b, marks)
    subtitle, subtitle_marks = _merge_lines("subtitle", a, b, marks)
    lines, line_marks = _merge_lines("lines", a, b, marks)
    return Cover(
        title=b.title if len(title) != 1 else title[0],
        subtitle=tuple(subtitle),
        lines=tuple(lines),
        marks=tuple(title_marks + subtitle_marks + line_marks),
    )
