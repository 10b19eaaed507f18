"""French legislative wording of an avenant's changes (Guide de légistique, 3.4.1).

Every change is worded with the numbers of the version it amends: « L'article 6 est ainsi rédigé : »,
« Au deuxième alinéa de l'article 6, les mots : « … » sont remplacés par les mots : « … » »,
« À l'annexe 1, le taux : « 1 % » est remplacé par le taux : « 2 % » », « L'article 7 est complété
par un alinéa ainsi rédigé : », « Après l'article 8, il est inséré un article 8-1 ainsi rédigé : »,
« Le troisième alinéa de l'article 9 est supprimé. ». An alinéa is a block of its article, section
or annex, counted from one (« premier », « deuxième »…); an element of a list is counted likewise.
"""

from __future__ import annotations

from dataclasses import dataclass

from ccas_docs.common import fr
from ccas_docs.model.numbering import Numbering
from ccas_docs.model.project import Project
from ccas_docs.source.yamlsource import PathKey


def ordinal(n: int) -> str:
    """« premier », « deuxième », « vingt et unième »."""
    from num2words.lang_FR import Num2Word_FR  # the French converter alone (num2words imports every language)

    return str(Num2Word_FR().to_ordinal(n))


@dataclass(frozen=True)
class Place:
    """Where a part of the convention is, in the words of the version being amended."""

    kind: str  # article | annexe | section | bloc | puce | preambule
    phrase: str  # « l'article 6 », « le deuxième alinéa de l'article 6 »
    group: str  # the article or the annex it belongs to (id), to group changes under one chapeau
    group_phrase: str  # « l'article 6 », « l'annexe 1 »
    number: str = ""  # an article's or an annex's number


def de(phrase: str) -> str:
    """« le 1/ » → « du 1/ », « l'article » → « de l'article », « la liste » → « de la liste »."""
    if phrase.startswith("le "):
        return "du " + phrase[3:]
    if phrase.startswith("les "):
        return "des " + phrase[4:]
    return "de " + phrase


def a(phrase: str) -> str:
    """« le deuxième alinéa » → « au deuxième alinéa », « l'annexe 1 » → « à l'annexe 1 »."""
    if phrase.startswith("le "):
        return "au " + phrase[3:]
    if phrase.startswith("les "):
        return "aux " + phrase[4:]
    return "à " + phrase


def capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def places(project: Project, numbering: Numbering) -> dict[str, Place]:
    """The place of every id of ``project`` (its articles, annexes, sections, blocks and bullets)."""
    out: dict[str, Place] = {}
    conv = project.convention.model
    for i, article in enumerate(conv.articles):
        phrase = f"l'article {fr.article_number(i + 1)}"
        out[article.id] = Place("article", phrase, article.id, phrase, str(i + 1))
    fiche_phrase: dict[str, str] = {}
    for loaded in project.fiches:
        fiche = loaded.model
        number = numbering.annexes[fiche.id].number
        phrase = fiche_phrase[fiche.id] = f"l'annexe {number}"
        out[fiche.id] = Place("annexe", phrase, fiche.id, phrase, number)
        for s, section in enumerate(fiche.sections):
            out[f"{fiche.id}/{section.id}"] = Place("section", f"le {s + 1}/ de {phrase}", fiche.id, phrase, str(s + 1))
        for sub in fiche.sous_annexes:
            sub_number = numbering.annexes[sub.id].number
            sub_phrase = f"l'annexe {sub_number}"
            out[sub.id] = Place("annexe", sub_phrase, fiche.id, phrase, sub_number)
    containers: dict[tuple[str, PathKey], Place] = {}
    for i, article in enumerate(conv.articles):
        containers[("", ("articles", i, "contenu"))] = out[article.id]
    containers[("", ("preambule",))] = Place("preambule", "le préambule", "preambule", "le préambule")
    for loaded in project.fiches:
        fiche = loaded.model
        for s, section in enumerate(fiche.sections):
            containers[(fiche.id, ("sections", s, "contenu"))] = out[f"{fiche.id}/{section.id}"]
        for k, sub in enumerate(fiche.sous_annexes):
            containers[(fiche.id, ("sous_annexes", k, "contenu"))] = out[sub.id]
    for (owner, key), full_id in sorted(numbering.by_path.items(), key=lambda kv: (kv[0][0], len(kv[0][1]))):
        place = _place_of(owner, key, containers, out, numbering)
        if place is not None:
            out.setdefault(full_id, place)
    return out


def _place_of(
    owner: str, key: PathKey, containers: dict[tuple[str, PathKey], Place], out: dict[str, Place], n: Numbering
) -> Place | None:
    *parent, index = key
    if not isinstance(index, int):
        return None
    parent_key = tuple(parent)
    container = containers.get((owner, parent_key))
    if container is not None:  # a block of an article, a section, an annex or the preamble
        group = container.group
        return Place("bloc", f"le {ordinal(index + 1)} alinéa {de(container.phrase)}", group, container.group_phrase)
    if parent_key and parent_key[-1] in ("liste", "liste_numerotee", "items"):
        holder = out.get(n.id_at(owner, parent_key[:-1]))
        if holder is None:
            return None
        noun = "la liste" if holder.kind == "bloc" else "la liste de sous-éléments"
        phrase = f"le {ordinal(index + 1)} élément {de(noun)} {de(holder.phrase)}"
        return Place("puce", phrase, holder.group, holder.group_phrase)
    if parent_key and parent_key[-1] == "contenu" and len(parent_key) >= 4 and parent_key[-3] == "processus":
        holder = out.get(n.id_at(owner, parent_key[:-3]))
        if holder is None:
            return None
        phrase = f"le {ordinal(index + 1)} alinéa du processus {de(holder.phrase)}"
        return Place("bloc", phrase, holder.group, holder.group_phrase)
    return None


# --- sentences ---------------------------------------------------------------------------------


def q(text: str) -> str:
    """« text » with narrow no-break spaces inside the guillemets."""
    return f"«\u00a0{text}\u00a0»"


def rewritten(place: Place) -> str:
    """« L'article 6 est ainsi rédigé : »."""
    return f"{capital(place.phrase)} est ainsi rédigé{_e(place)}\u00a0:"


def words_replaced(place: Place, old: str, new: str) -> str:
    return f"{capital(a(place.phrase))}, les mots\u00a0: {q(old)} sont remplacés par les mots\u00a0: {q(new)}."


def value_replaced(lead: str, label: str, feminine: bool, old: str, new: str) -> str:
    """« À l'annexe 1, le taux : « 1 % » est remplacé par le taux : « 2 % ». » (``lead`` « À l'annexe 1 »)."""
    article = "la" if feminine else "le"
    shown = f"l'{label}" if label[:1] in "aeéèêiou" else f"{article} {label}"
    sentence = f"{shown}\u00a0: {q(old)} est remplacé{'e' if feminine else ''} par {shown}\u00a0: {q(new)}."
    return f"{lead}, {sentence}" if lead else capital(sentence)


def completed(place: Place) -> str:
    return f"{capital(place.phrase)} est complété{_e(place)} par un alinéa ainsi rédigé\u00a0:"


def inserted(anchor: Place, before: bool, kind: str, new_number: str = "") -> str:
    """« Après l'article 8, il est inséré un article 8-1 ainsi rédigé : »."""
    what = {
        "article": f"un article {new_number}",
        "annexe": f"une annexe {new_number}",
        "section": "une section",
        "bloc": "un alinéa",
        "puce": "un élément",
    }[kind]
    feminine = kind in ("annexe", "section")
    preposition = "Avant" if before else "Après"
    return f"{preposition} {anchor.phrase}, il est inséré {what} ainsi rédigé{'e' if feminine else ''}\u00a0:"


def appended_annex(number: str) -> str:
    return f"La convention est complétée par une annexe {number} ainsi rédigée\u00a0:"


def deleted(place: Place) -> str:
    """« Le troisième alinéa de l'article 9 est supprimé. »"""
    return f"{capital(place.phrase)} est supprimé{_e(place)}."


def _e(place: Place) -> str:
    return "e" if place.kind in ("annexe", "section") and not place.phrase.startswith("le ") else ""


def inserted_number(anchor_number: str, before: bool) -> str:
    """The number an inserted article or annex takes without renumbering the others: 8-1, or 1 A before the first."""
    if not before:
        return f"{anchor_number}-1"
    if anchor_number.isdigit() and int(anchor_number) > 1:
        return f"{int(anchor_number) - 1}-1"
    return f"{anchor_number} A"
