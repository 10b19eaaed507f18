"""The redline: the convention in force after, with every difference from before as a revision.

Both versions are composed exactly as ``build`` composes them; :mod:`ccas_docs.document.redline`
matches their blocks by stable id and marks what changed. Accepting every revision gives the text
of the consolidated convention after the change, rejecting every revision the text before.
"""

from __future__ import annotations

from dataclasses import replace

from ccas_docs.common.typography import typeset
from ccas_docs.compose.convention import compose_convention
from ccas_docs.document.redline import Marks, merge_blocks, without_origins
from ccas_docs.document.redline_cover import merge_cover
from ccas_docs.document.tree import Document, Revision
from ccas_docs.model.numbering import number_project
from ccas_docs.versions.consolidate import Version


def revision_author(before: Version, after: Version) -> str:
    """« Avenant n° 1 », or « Avenants n° 1 à 3 » when several avenants separate the versions."""
    new = [a for a in after.avenants if a not in before.avenants]
    if not new:
        return "Sans modification"
    if len(new) == 1:
        return new[0].label
    numbers = sorted(a.numero for a in new)
    return f"Avenants n\u00b0\u00a0{numbers[0]} à {numbers[-1]}"


def compose_redline(before: Version, after: Version, name: str, lines: tuple[str, str] = ("", "")) -> Document:
    """The convention of ``after`` with the differences from ``before`` as revisions dated ``after.date``.

    ``lines``: the consolidation lines of the two versions, as ``build`` (or ``build --at``) writes them.
    """
    old = compose_convention(before.project, number_project(before.project), lines[0])
    new = compose_convention(after.project, number_project(after.project), lines[1])
    author = revision_author(before, after)
    marks = Marks(Revision("ins", author, after.date), Revision("del", author, after.date))
    return replace(
        new,
        name=name,
        body=tuple(without_origins(merge_blocks(old.body, new.body, marks))),
        cover=merge_cover(old.cover, new.cover, marks),
        meta=replace(new.meta, subject=typeset(f"Modifications suivies : {author.lower()}")),
    )
