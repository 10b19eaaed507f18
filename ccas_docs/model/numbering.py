"""Generated numbers and stable ids.

Numbers (article 5, annexe 3, annexe 3.1, section « 2/ ») are computed from order, never typed.
Ids are declared in the YAML or derived from content (never from a number), so that an avenant
can address any article, fiche, section, paragraph or bullet and renumbering breaks nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from ccas_docs.common.diagnostics import Diagnostic, Location, error
from ccas_docs.model.project import Project
from ccas_docs.model.types import Block, ListItem
from ccas_docs.source.yamlsource import PathKey, SourceFile


@dataclass(frozen=True)
class Target:
    """Something a cross-reference can point at."""

    kind: str  # "article" | "annexe"
    id: str
    number: str
    title: str


def slug(text: str, words: int = 6) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())
    parts = [p for p in parts if p not in {"de", "la", "le", "les", "des", "du", "l", "d", "a", "et"}] or parts
    return "-".join(parts[:words]) or "vide"


@dataclass
class Node:
    """An addressable part of the convention, with its full id and where it was written."""

    full_id: str
    kind: str
    location: Location
    declared: bool
    file: str = ""  # the source file it is written in
    key: PathKey = ()  # its path in that file (for the consolidation of avenants)


@dataclass
class Numbering:
    articles: dict[str, Target] = field(default_factory=dict)
    annexes: dict[str, Target] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)
    duplicates: list[Diagnostic] = field(default_factory=list)
    # the full id of each block and bullet by (owner, path in the model): owner "" for the
    # convention, the fiche id for a fiche; composers key their tree blocks with it (for diffs)
    by_path: dict[tuple[str, PathKey], str] = field(default_factory=dict)

    def id_at(self, owner: str, key: PathKey) -> str:
        return self.by_path.get((owner, tuple(key)), "")

    def section_number(self, index: int) -> str:
        return f"{index + 1}/"


def number_project(project: Project) -> Numbering:
    """Number articles, annexes and sub-annexes; index every id, reporting declared duplicates."""
    n = Numbering()
    conv = project.convention
    _index_blocks(n, "preambule", conv.model.preambule, conv.source, ("preambule",), "")
    for i, article in enumerate(conv.model.articles):
        where = conv.source.locate(("articles", i, "id"), value=True)
        _declare(n, article.id, "article", where, key=(conv.source.path, ("articles", i)))
        n.articles.setdefault(article.id, Target("article", article.id, str(i + 1), article.titre))
        _index_blocks(n, article.id, article.contenu, conv.source, ("articles", i, "contenu"), "")
    for a, loaded in enumerate(project.fiches):
        fiche, source = loaded.model, loaded.source
        _declare(n, fiche.id, "annexe", source.locate(("id",), value=True), key=(source.path, ()))
        n.annexes.setdefault(fiche.id, Target("annexe", fiche.id, str(a + 1), fiche.titre))
        for s, section in enumerate(fiche.sections):
            sid = f"{fiche.id}/{section.id}"
            _declare(
                n, sid, "section", source.locate(("sections", s, "id"), value=True), key=(source.path, ("sections", s))
            )
            _index_blocks(n, sid, section.contenu, source, ("sections", s, "contenu"), fiche.id)
        for k, sub in enumerate(fiche.sous_annexes):
            where = source.locate(("sous_annexes", k, "id"), value=True)
            _declare(n, sub.id, "annexe", where, key=(source.path, ("sous_annexes", k)))
            n.annexes.setdefault(sub.id, Target("annexe", sub.id, f"{a + 1}.{k + 1}", sub.titre))
            sub_key = ("sous_annexes", k, "contenu")
            _index_blocks(n, f"{fiche.id}/{sub.id}", sub.contenu, source, sub_key, fiche.id)
    return n


def _declare(
    n: Numbering,
    full_id: str,
    kind: str,
    where: Location,
    declared: bool = True,
    key: tuple[str, PathKey] = ("", ()),
) -> str:
    if full_id in n.nodes:
        first = n.nodes[full_id]
        if declared and first.declared:
            n.duplicates.append(
                error(
                    where,
                    f"identifiant « {full_id.rsplit('/', 1)[-1]} » déjà utilisé ({first.location})",
                    code="id-double",
                    hint="chaque identifiant doit être unique : en choisir un autre",
                )
            )
            return full_id
        # a derived id that collides gets a suffix; declared ids always keep theirs
        k = 2
        while f"{full_id}-{k}" in n.nodes:
            k += 1
        full_id = f"{full_id}-{k}"
    n.nodes[full_id] = Node(full_id, kind, where, declared, *key)
    return full_id


def block_text(block: Block) -> str:
    """The text a derived id is made from."""
    if block.paragraphe is not None:
        return block.paragraphe
    if block.intertitre is not None:
        return block.intertitre
    items = block.liste or block.liste_numerotee
    if items:
        return "liste " + items[0].texte
    if block.responsabilites is not None:
        return "responsabilites " + block.responsabilites.domaine
    if block.processus is not None:
        return "processus"
    if block.liste_annexes:
        return "liste annexes"
    return "tableau financier"


def _index_blocks(n: Numbering, parent: str, blocks: list[Block], source: SourceFile, key: PathKey, owner: str) -> None:
    for b, block in enumerate(blocks):
        where = source.locate((*key, b))
        bid = f"{parent}/{block.id}" if block.id else f"{parent}/{slug(block_text(block))}"
        bid = _declare(n, bid, "bloc", where, declared=block.id is not None, key=(source.path, (*key, b)))
        n.by_path[(owner, (*key, b))] = bid
        items = block.liste or block.liste_numerotee or []
        kind_key = "liste" if block.liste is not None else "liste_numerotee"
        _index_items(n, bid, items, source, (*key, b, kind_key), owner)
        for c, case in enumerate(block.processus or []):
            sub_key = (*key, b, "processus", c, "contenu")
            _index_blocks(n, f"{bid}/{case.charge}", case.contenu, source, sub_key, owner)


def _index_items(
    n: Numbering, parent: str, items: list[ListItem], source: SourceFile, key: PathKey, owner: str
) -> None:
    for i, item in enumerate(items):
        iid = f"{parent}/{item.id}" if item.id else f"{parent}/{slug(item.texte)}"
        where = source.locate((*key, i))
        iid = _declare(n, iid, "puce", where, declared=item.id is not None, key=(source.path, (*key, i)))
        n.by_path[(owner, (*key, i))] = iid
        _index_items(n, iid, item.items, source, (*key, i, "items"), owner)


def iter_blocks(blocks: list[Block], key: PathKey) -> Iterator[tuple[Block, PathKey]]:
    """Every block, nested process blocks included, with its path in the source."""
    for b, block in enumerate(blocks):
        yield block, (*key, b)
        for c, case in enumerate(block.processus or []):
            yield from iter_blocks(case.contenu, (*key, b, "processus", c, "contenu"))
