"""What differs between two versions of the convention, part by part, by stable id.

Each article, annex, section, block and bullet is compared with the part of the same id in the
other version: present only after (*insere*), only before (*supprime*), in both with another
content (*modifie*), or in both with another number (*renumerote*: an article or an annex moved
because another was inserted or removed before it). The billing parameters of each fiche and the
convention's own fields (duration, court…) are compared as well. The redline's word-level marks
are computed on the composed documents (``document/redline.py``); this is the model's view, for
summaries and checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ccas_docs.model.numbering import Numbering, number_project
from ccas_docs.model.project import Project

What = Literal["insere", "supprime", "modifie", "renumerote"]
LABELS: dict[str, str] = {"insere": "inséré", "supprime": "supprimé", "modifie": "modifié", "renumerote": "renuméroté"}
_FIELDS = ("titre", "reference", "lieu_signature", "date_signature", "date_effet", "duree_ans", "tribunal")


@dataclass(frozen=True)
class Difference:
    id: str
    kind: str  # article | annexe | section | bloc | puce | facturation | convention | parties
    what: What
    before: str = ""  # the number before, for a renumbering
    after: str = ""


def _at(root: Any, key: tuple[str | int, ...]) -> Any:
    for part in key:
        root = root[part] if isinstance(part, int) else getattr(root, part)
    return root


def _without_ids(data: Any) -> Any:
    """The content without ids: the consolidation pins derived ids, which says nothing of the text."""
    if isinstance(data, dict):
        return {k: _without_ids(v) for k, v in data.items() if k != "id"}
    if isinstance(data, list):
        return [_without_ids(v) for v in data]
    return data


def _contents(project: Project, numbering: Numbering) -> dict[str, tuple[str, Any]]:
    """Every addressable part: its kind and what it says (a title for containers, the data for blocks)."""
    conv = project.convention.model
    out: dict[str, tuple[str, Any]] = {}
    for article in conv.articles:
        out[article.id] = ("article", article.titre)
    for loaded in project.fiches:
        fiche = loaded.model
        out[fiche.id] = ("annexe", (fiche.titre, fiche.direction))
        out[f"{fiche.id}/facturation"] = ("facturation", fiche.facturation.model_dump())
        for section in fiche.sections:
            out[f"{fiche.id}/{section.id}"] = ("section", section.titre)
        for sub in fiche.sous_annexes:
            out[sub.id] = ("annexe", sub.titre)
    owners = {"": conv, **{f.model.id: f.model for f in project.fiches}}
    for (owner, key), full_id in numbering.by_path.items():
        part = _at(owners[owner], key)
        bullet = len(key) >= 2 and key[-2] in ("liste", "liste_numerotee", "items")
        out[full_id] = ("puce" if bullet else "bloc", _without_ids(part.model_dump()))
    for name in _FIELDS:
        out[f"convention/{name}"] = ("convention", getattr(conv, name))
    out["parties"] = ("parties", conv.parties.model_dump())
    return out


def diff_projects(before: Project, after: Project) -> list[Difference]:
    """The differences, in the order of the later version (then what was removed, in the earlier order)."""
    n_before, n_after = number_project(before), number_project(after)
    old, new = _contents(before, n_before), _contents(after, n_after)
    numbers_before = {**{k: t.number for k, t in n_before.articles.items()}, **_annex_numbers(n_before)}
    numbers_after = {**{k: t.number for k, t in n_after.articles.items()}, **_annex_numbers(n_after)}
    out: list[Difference] = []
    for full_id, (kind, content) in new.items():
        if full_id not in old:
            out.append(Difference(full_id, kind, "insere"))
            continue
        if old[full_id][1] != content:
            out.append(Difference(full_id, kind, "modifie"))
        was, now = numbers_before.get(full_id), numbers_after.get(full_id)
        if was is not None and now is not None and was != now:
            out.append(Difference(full_id, kind, "renumerote", was, now))
    out.extend(Difference(full_id, kind, "supprime") for full_id, (kind, _) in old.items() if full_id not in new)
    return out


def _annex_numbers(numbering: Numbering) -> dict[str, str]:
    return {k: t.number for k, t in numbering.annexes.items()}


def summary(differences: list[Difference]) -> str:
    """« 2 modifié(s), 1 inséré(s), 3 renuméroté(s) » (or « aucune différence »)."""
    counts = {what: sum(1 for d in differences if d.what == what) for what in LABELS}
    parts = [f"{n} {LABELS[what]}(s)" for what, n in counts.items() if n]
    return ", ".join(parts) or "aucune différence"
