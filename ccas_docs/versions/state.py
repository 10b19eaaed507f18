"""The state of a consolidation: the located data of a version, the index of its ids, and pinned ids.

Ids. Every element (article, section, block, bullet…) is addressed by the full id of
:mod:`ccas_docs.model.numbering`. Ids derived from content would move when content moves (a deleted
paragraph shifts the « -2 » suffix of its namesake; a paragraph whose words change gets another
slug), so a consolidated version *pins* every derived id: it is written into the data as a declared
``id``. An element an avenant writes without ``id`` gets one: the id of the element it replaces
(``remplacer``, ``remplacer_mots``: the text changes, the id stays), or else one derived from its
content, made unique among its siblings. An element written with its own ``id`` keeps it; the id it
replaces then no longer exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ccas_docs.model.numbering import slug
from ccas_docs.source.yamlsource import PathKey
from ccas_docs.versions.tree import Node


@dataclass(frozen=True)
class Address:
    """Where an id lives: a file of the version and the path of the element inside it."""

    file: int  # 0: convention.yaml; k ≥ 1: the k-th fiche
    key: PathKey
    kind: str  # article | annexe | sous-annexe | section | bloc | puce


@dataclass
class State:
    """The located data of a version: the convention and its fiches, in annex order."""

    convention: Node
    fiches: list[tuple[str, Node]]  # (path shown in messages, data)
    removed: dict[str, str] = field(default_factory=dict)  # full id → « par l'avenant n° 1 (…) »
    owned: set[int] = field(default_factory=set)  # ids of the trees this state may change in place

    def copy(self) -> State:
        """The next version's state: files are shared until one is changed (:meth:`own`)."""
        return State(self.convention, list(self.fiches), dict(self.removed))

    def tree(self, file: int) -> Node:
        """A file's data, to read."""
        return self.convention if file == 0 else self.fiches[file - 1][1]

    def own(self, file: int) -> Node:
        """A file's data, to change: copied the first time, so that the previous version keeps its own."""
        tree = self.tree(file)
        if id(tree) in self.owned:
            return tree
        tree = tree.copy()
        self.owned.add(id(tree))
        if file == 0:
            self.convention = tree
        else:
            self.fiches[file - 1] = (self.fiches[file - 1][0], tree)
        return tree

    def fiche_ids(self) -> list[str]:
        return [n.text("id") or "" for _, n in self.fiches]


# --- index of ids ------------------------------------------------------------------------------


def index(state: State) -> dict[str, Address]:
    """Every full id of the version (its data has every id pinned)."""
    out: dict[str, Address] = {}
    conv = state.convention
    _blocks(out, 0, "preambule", conv.get(("preambule",)), ("preambule",))
    for i, article in enumerate(items_of(conv.get(("articles",)))):
        aid = article.text("id") or ""
        out.setdefault(aid, Address(0, ("articles", i), "article"))
        _blocks(out, 0, aid, article.get(("contenu",)), ("articles", i, "contenu"))
    for f, (_, fiche) in enumerate(state.fiches, start=1):
        fid = fiche.text("id") or ""
        out.setdefault(fid, Address(f, (), "annexe"))
        for s, section in enumerate(items_of(fiche.get(("sections",)))):
            sid = f"{fid}/{section.text('id')}"
            out.setdefault(sid, Address(f, ("sections", s), "section"))
            _blocks(out, f, sid, section.get(("contenu",)), ("sections", s, "contenu"))
        for k, sub in enumerate(items_of(fiche.get(("sous_annexes",)))):
            out.setdefault(sub.text("id") or "", Address(f, ("sous_annexes", k), "sous-annexe"))
            _blocks(out, f, f"{fid}/{sub.text('id')}", sub.get(("contenu",)), ("sous_annexes", k, "contenu"))
    return out


def items_of(node: Node | None) -> list[Node]:
    return node.value if node is not None and isinstance(node.value, list) else []


def _blocks(out: dict[str, Address], f: int, parent: str, blocks: Node | None, key: PathKey) -> None:
    for b, block in enumerate(items_of(blocks)):
        bid = f"{parent}/{block.text('id')}"
        out.setdefault(bid, Address(f, (*key, b), "bloc"))
        for list_key in ("liste", "liste_numerotee"):
            _bullets(out, f, bid, block.get((list_key,)), (*key, b, list_key))
        for c, case in enumerate(items_of(block.get(("processus",)))):
            charge = case.text("charge")
            _blocks(out, f, f"{bid}/{charge}", case.get(("contenu",)), (*key, b, "processus", c, "contenu"))


def _bullets(out: dict[str, Address], f: int, parent: str, items: Node | None, key: PathKey) -> None:
    for i, item in enumerate(items_of(items)):
        iid = f"{parent}/{item.text('id')}"
        out.setdefault(iid, Address(f, (*key, i), "puce"))
        _bullets(out, f, iid, item.get(("items",)), (*key, i, "items"))


# --- pinning ids -------------------------------------------------------------------------------


def pin(node: Node, kind: str, taken: set[str], keep: str | None = None) -> None:
    """Write an ``id`` into ``node`` (a block or a bullet mapping) and into everything it contains."""
    if not isinstance(node.value, dict):
        return
    if kind in ("bloc", "puce") and node.text("id") is None:
        own = keep or _unique(slug(_text_of(node, kind)), taken)
        node.value = {"id": Node(own, node.at, node.at), **node.value}
    taken.add(node.text("id") or "")
    if kind == "puce":
        _pin_list(node.get(("items",)))
    elif kind == "bloc":
        for list_key in ("liste", "liste_numerotee"):
            _pin_list(node.get((list_key,)))
        for case in items_of(node.get(("processus",))):
            _pin_list(case.get(("contenu",)), "bloc")
    else:  # article, section, sub-annex: their blocks
        _pin_list(node.get(("contenu",)), "bloc")
        for sub_key in ("sections", "sous_annexes"):
            for sub in items_of(node.get((sub_key,))):
                _pin_list(sub.get(("contenu",)), "bloc")


def _pin_list(items: Node | None, kind: str = "puce") -> None:
    if items is None or not isinstance(items.value, list):
        return
    for item in items.value:
        if kind == "puce":
            bulletize(item)
    taken = {i.text("id") or "" for i in items.value if isinstance(i.value, dict) and i.text("id")}
    for item in items.value:
        pin(item, kind, taken)


def bulletize(item: Node) -> None:
    """A bullet written as a plain string becomes ``{texte: …}`` (same text, same location)."""
    if isinstance(item.value, str):
        item.value = {"texte": Node(item.value, item.at, item.value_at or item.at)}


def _unique(base: str, taken: set[str]) -> str:
    candidate, k = base, 2
    while candidate in taken:
        candidate, k = f"{base}-{k}", k + 1
    return candidate


def _text_of(node: Node, kind: str) -> str:
    if kind == "puce":
        return node.text("texte") or "vide"
    for key in ("paragraphe", "intertitre"):
        if node.text(key) is not None:
            return node.text(key) or ""
    for key in ("liste", "liste_numerotee"):
        items = items_of(node.get((key,)))
        if items:
            first = items[0]
            return "liste " + (first.value if isinstance(first.value, str) else first.text("texte") or "")
    if node.get(("responsabilites",)) is not None:
        return "responsabilites " + (node.get(("responsabilites",)).text("domaine") or "")  # type: ignore[union-attr]
    if node.get(("processus",)) is not None:
        return "processus"
    return "liste annexes" if node.get(("liste_annexes",)) is not None else "tableau financier"
