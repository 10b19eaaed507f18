"""Apply the changes of one avenant to the located data of the version it amends (see :mod:`.state` for ids)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ccas_docs.common.diagnostics import Diagnostic, Location, closest, error
from ccas_docs.common.typography import plain
from ccas_docs.model.types import CONTENT_KEYS, Convention
from ccas_docs.source.yamlsource import SourceFile
from ccas_docs.versions.avenant import NOT_A_CONVENTION_FIELD, Avenant, Change
from ccas_docs.versions.state import Address, State, bulletize, index, items_of, pin
from ccas_docs.versions.tree import Node, exact, from_source

KIND_LABEL = {
    "article": "l'article",
    "annexe": "l'annexe",
    "sous-annexe": "la sous-annexe",
    "section": "la section",
    "bloc": "l'alinéa",
    "puce": "l'élément de liste",
}


class ChangeError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic


# --- changes -----------------------------------------------------------------------------------


@dataclass
class Context:
    """What one change needs: the state being amended, the avenant file, the avenant's label."""

    state: State
    source: SourceFile
    avenant: Avenant
    annex_files: dict[str, SourceFile]

    def node(self, change: Change, *key: str | int) -> Node:
        """The located data an avenant wrote at ``modifications[i].<kind>.<key>``."""
        return from_source(self.source, ("modifications", change.index, change.kind, *key))

    def at(self, change: Change, *key: str | int, value: bool = True) -> Location:
        return self.source.locate(("modifications", change.index, change.kind, *key), value=value)


def resolve(ctx: Context, change: Change, full_id: str, field_name: str) -> tuple[Address, dict[str, Address]]:
    ids = index(ctx.state)
    if full_id in ids:
        return ids[full_id], ids
    where = ctx.at(change, field_name)
    if full_id in ctx.state.removed:
        raise ChangeError(
            error(
                where,
                f"« {full_id} » n'existe plus : supprimé {ctx.state.removed[full_id]}",
                code="cible-supprimee",
                hint="un avenant ne peut modifier que la version qu'il amende",
            )
        )
    close = closest(full_id, list(ids))
    raise ChangeError(
        error(
            where,
            f"« {full_id} » n'existe pas dans la version amendée"
            + (f" : vouliez-vous dire « {close} » ?" if close else ""),
            code="cible-inconnue",
            hint="" if close else "les identifiants complets sont ceux de « ccas-docs check » (ex. « duree »)",
        )
    )


def _container(ctx: Context, address: Address) -> tuple[list[Node], int]:
    parent = ctx.state.own(address.file).get(address.key[:-1])
    assert parent is not None and isinstance(parent.value, list)
    index_ = address.key[-1]
    assert isinstance(index_, int)
    return parent.value, index_


def _forget(ctx: Context, ids: dict[str, Address], full_id: str) -> None:
    """Record that ``full_id`` and everything under it no longer exist after this avenant."""
    why = f"par l'{ctx.avenant.label.lower()} ({ctx.avenant.path})"
    for other in ids:
        if other == full_id or other.startswith(full_id + "/"):
            ctx.state.removed[other] = why
    address = ids[full_id]
    if address.kind == "annexe":  # its sub-annexes have ids of their own
        fiche = ctx.state.tree(address.file)
        for sub in items_of(fiche.get(("sous_annexes",))):
            ctx.state.removed[sub.text("id") or ""] = why


def _check_shape(ctx: Context, change: Change, element: Node, kind: str, key: str) -> None:
    value = element.value
    ok = {
        "bloc": isinstance(value, dict) and any(k in value for k in CONTENT_KEYS),
        "puce": isinstance(value, str) or isinstance(value, dict) and "texte" in value,
        "article": isinstance(value, dict) and "titre" in value,
        "section": isinstance(value, dict) and "titre" in value,
        "sous-annexe": isinstance(value, dict) and "titre" in value,
        "annexe": isinstance(value, dict) and "sections" in value,
    }[kind]
    if not ok:
        shape = {
            "bloc": "un bloc (paragraphe:, liste:…)",
            "puce": "un texte d'élément de liste",
            "annexe": "une fiche (id:, titre:, sections:…)",
        }.get(kind, "un élément avec « id », « titre » et « contenu »")
        raise ChangeError(
            error(
                ctx.at(change, key),
                f"la cible est {KIND_LABEL[kind]} : écrire à sa place {shape}",
                code="nature-element",
            )
        )


def apply_change(ctx: Context, change: Change) -> None:
    """Apply ``change`` to ``ctx.state`` in place; raise :class:`ChangeError` when it cannot apply."""
    handler = globals()["_" + change.kind]
    handler(ctx, change, change.detail)


def _parametre(ctx: Context, change: Change, detail: Any) -> None:
    fiches = ctx.state.fiche_ids()
    if detail.fiche not in fiches:
        _unknown_fiche(ctx, change, detail.fiche, "fiche", fiches)
    f = fiches.index(detail.fiche) + 1
    billing = ctx.state.own(f).get(("facturation",))
    assert billing is not None and isinstance(billing.value, dict)
    billing.value[detail.champ] = ctx.node(change, "valeur")


def _unknown_fiche(ctx: Context, change: Change, fiche: str, key: str, fiches: list[str]) -> None:
    if fiche in ctx.state.removed:
        raise ChangeError(
            error(
                ctx.at(change, key),
                f"la fiche « {fiche} » n'existe plus : retirée {ctx.state.removed[fiche]}",
                code="cible-supprimee",
            )
        )
    close = closest(fiche, fiches)
    raise ChangeError(
        error(
            ctx.at(change, key),
            f"fiche « {fiche} » inconnue dans la version amendée"
            + (f" : vouliez-vous dire « {close} » ?" if close else ""),
            code="cible-inconnue",
            hint="fiches de la version amendée : " + ", ".join(fiches),
        )
    )


def _set_path(ctx: Context, change: Change, root: Node, path: list[str], allowed: list[str]) -> None:
    node = root
    for depth, part in enumerate(path):
        if not isinstance(node.value, dict):
            raise ChangeError(
                error(
                    ctx.at(change, "champ"), f"« {'.'.join(path[:depth])} » n'a pas de sous-champ", code="champ-inconnu"
                )
            )
        if depth == 0 and part not in allowed:
            close = closest(part, allowed)
            raise ChangeError(
                error(
                    ctx.at(change, "champ"),
                    f"champ « {part} » inconnu" + (f" : vouliez-vous dire « {close} » ?" if close else ""),
                    code="champ-inconnu",
                    hint="" if close else "champs possibles : " + ", ".join(allowed),
                )
            )
        if depth == len(path) - 1:
            node.value[part] = ctx.node(change, "valeur")
        else:
            node = node.value.setdefault(part, Node({}, ctx.at(change, "champ")))


def _convention(ctx: Context, change: Change, detail: Any) -> None:
    allowed = [f for f in Convention.model_fields if f not in NOT_A_CONVENTION_FIELD]
    _set_path(ctx, change, ctx.state.own(0), detail.champ.split("."), allowed)


def _partie(ctx: Context, change: Change, detail: Any) -> None:
    party = ctx.state.own(0).get(("parties", detail.partie))
    assert party is not None and isinstance(party.value, dict)
    _set_path(ctx, change, party, detail.champ.split("."), sorted(party.value))


def _remplacer(ctx: Context, change: Change, detail: Any) -> None:
    address, ids = resolve(ctx, change, detail.cible, "cible")
    element = ctx.node(change, "par")
    _check_shape(ctx, change, element, address.kind, "par")
    if address.kind == "puce":
        bulletize(element)
    old_id = detail.cible.rsplit("/", 1)[-1]
    if address.kind == "annexe":
        _forget_if_renamed(ctx, ids, detail.cible, element, old_id)
        path, _ = ctx.state.fiches[address.file - 1]
        ctx.state.fiches[address.file - 1] = (path, element)
        ctx.state.owned.add(id(element))
        pin(element, "annexe", set(), keep=None)
        return
    items, i = _container(ctx, address)
    taken = {n.text("id") or "" for j, n in enumerate(items) if j != i}
    if element.text("id") is None and address.kind in ("article", "section", "sous-annexe"):
        element.value = {"id": Node(old_id, element.at, element.at), **element.value}
    _forget_if_renamed(ctx, ids, detail.cible, element, old_id)
    pin(element, address.kind, taken, keep=old_id)
    items[i] = element


def _forget_if_renamed(ctx: Context, ids: dict[str, Address], full_id: str, element: Node, old_id: str) -> None:
    new_id = element.text("id") if isinstance(element.value, dict) else None
    if new_id is not None and new_id != old_id:
        _forget(ctx, ids, full_id)
    else:  # same id: what was inside may be gone (a replaced list loses its bullets' ids)
        why = f"par l'{ctx.avenant.label.lower()} ({ctx.avenant.path})"
        inside = ids[full_id]
        for other, where in ids.items():
            # an annex's sub-annexes have ids of their own (as in _forget)
            sub = inside.kind == "annexe" and where.kind == "sous-annexe" and where.file == inside.file
            if other.startswith(full_id + "/") or sub:  # each exists now: an earlier reason is stale
                ctx.state.removed[other] = why


def _remplacer_mots(ctx: Context, change: Change, detail: Any) -> None:
    address, _ = resolve(ctx, change, detail.cible, "cible")
    items, i = _container(ctx, address)
    target = items[i]
    if address.kind == "puce":
        bulletize(target)
    text_key = "texte" if address.kind == "puce" else "paragraphe"
    text = target.text(text_key)
    if text is None:
        raise ChangeError(
            error(
                ctx.at(change, "cible"),
                f"« {detail.cible} » n'est ni un paragraphe ni un élément de liste : remplacer l'élément entier",
                code="nature-element",
            )
        )
    mots, par = " ".join(detail.mots.split()), " ".join(detail.par.split())
    flat = " ".join(text.split())
    # words copied from the printed text (« l’article », « Porto‑Vecchio ») are the YAML's words
    # (« l'article »): ``plain`` maps each character to one, so the places found are the text's own
    count = plain(flat).count(plain(mots))
    if count != 1:
        raise ChangeError(
            error(
                ctx.at(change, "mots"),
                f"les mots « {mots} » figurent {count} fois dans {KIND_LABEL[address.kind]} « {detail.cible} »"
                + (" : ils doivent y figurer exactement une fois" if count else ""),
                code="mots-introuvables" if count == 0 else "mots-ambigus",
                hint="recopier les mots exacts du texte en vigueur"
                if count == 0
                else "allonger la citation pour qu'elle soit unique",
            )
        )
    assert isinstance(target.value, dict)
    where = ctx.at(change, "par")
    at = plain(flat).index(plain(mots))
    target.value[text_key] = Node(flat[:at] + par + flat[at + len(mots) :], ctx.at(change, "par", value=False), where)


def _inserer(ctx: Context, change: Change, detail: Any) -> None:
    field_name = "apres" if detail.apres is not None else "avant"
    address, _ = resolve(ctx, change, detail.anchor, field_name)
    if address.kind == "annexe":
        raise ChangeError(
            error(ctx.at(change, field_name), "pour ajouter une annexe, utiliser « ajouter_annexe »", code="nature")
        )
    element = ctx.node(change, "element")
    _check_shape(ctx, change, element, address.kind, "element")
    if address.kind == "puce":
        bulletize(element)
    items, i = _container(ctx, address)
    pin(element, address.kind, {n.text("id") or "" for n in items})
    items.insert(i + 1 if field_name == "apres" else i, element)


def _completer(ctx: Context, change: Change, detail: Any) -> None:
    address, _ = resolve(ctx, change, detail.cible, "cible")
    if address.kind not in ("article", "section", "sous-annexe"):
        raise ChangeError(
            error(
                ctx.at(change, "cible"),
                f"« {detail.cible} » est {KIND_LABEL[address.kind]} : on complète un article ou une section",
                code="nature",
                hint="pour ajouter un alinéa ailleurs, utiliser « inserer »",
            )
        )
    element = ctx.node(change, "element")
    _check_shape(ctx, change, element, "bloc", "element")
    content = ctx.state.own(address.file).get((*address.key, "contenu"))
    assert content is not None and isinstance(content.value, list)
    pin(element, "bloc", {n.text("id") or "" for n in content.value})
    content.value.append(element)


def _supprimer(ctx: Context, change: Change, detail: Any) -> None:
    address, ids = resolve(ctx, change, detail.cible, "cible")
    if address.kind == "annexe":
        _remove_fiche(ctx, ids, detail.cible)
        return
    _forget(ctx, ids, detail.cible)
    items, i = _container(ctx, address)
    del items[i]


def _retirer_annexe(ctx: Context, change: Change, detail: Any) -> None:
    fiches = ctx.state.fiche_ids()
    if detail.fiche not in fiches:
        _unknown_fiche(ctx, change, detail.fiche, "fiche", fiches)
    _remove_fiche(ctx, index(ctx.state), detail.fiche)


def _remove_fiche(ctx: Context, ids: dict[str, Address], fiche: str) -> None:
    _forget(ctx, ids, fiche)
    k = ctx.state.fiche_ids().index(fiche)
    del ctx.state.fiches[k]
    annexes = ctx.state.own(0).get(("annexes",))
    assert annexes is not None and isinstance(annexes.value, list)
    del annexes.value[k]


def _ajouter_annexe(ctx: Context, change: Change, detail: Any) -> None:
    if detail.fichier is not None:
        source = ctx.annex_files.get(detail.fichier)
        if source is None:
            close = closest(detail.fichier, list(ctx.annex_files))
            raise ChangeError(
                error(
                    ctx.at(change, "fichier"),
                    f"fichier d'annexe « {detail.fichier} » introuvable"
                    + (f" : vouliez-vous dire « {close} » ?" if close else ""),
                    code="fichier-manquant",
                )
            )
        element, path, name = from_source(source), source.path, detail.fichier
    else:
        element = ctx.node(change, "fiche")
        path, name = ctx.avenant.path, f"{ctx.avenant.path}#{element.text('id')}"
    fiches = ctx.state.fiche_ids()
    if detail.apres is not None and detail.apres not in fiches:
        _unknown_fiche(ctx, change, detail.apres, "apres", fiches)
    k = fiches.index(detail.apres) + 1 if detail.apres is not None else len(fiches)
    pin(element, "annexe", set())
    ctx.state.fiches.insert(k, (path, element))
    ctx.state.owned.add(id(element))
    annexes = ctx.state.own(0).get(("annexes",))
    assert annexes is not None and isinstance(annexes.value, list)
    where = exact(ctx.source, ("modifications", change.index)) or change.location
    annexes.value.insert(k, Node(name, where, where))
