"""Once a version is sealed, a review becomes a draft avenant: ``avenants/NNN-projet.yaml``.

Its ``modifications`` are the review's edits in the avenant format (``remplacer_mots`` for words of a
paragraph or a bullet, ``remplacer`` for a title, a sub-heading or a table cell — the whole element
rewritten —, ``inserer`` and ``supprimer``); deliberations and dates are « À COMPLÉTER ».
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ccas_docs.common.atomic import write_text
from ccas_docs.common.typography import plain
from ccas_docs.jobs.import_changes import Edit
from ccas_docs.jobs.import_yaml import item_path

TODO = "À COMPLÉTER"
_WORD = re.compile(r"\w+|[^\w\s]")


def next_avenant(root: Path) -> tuple[int, str]:
    numbers = [int(m.group(1)) for p in (root / "avenants").glob("*.yaml") if (m := re.match(r"(\d{3})-", p.name))]
    number = max(numbers, default=0) + 1
    return number, f"avenants/{number:03d}-projet.yaml"


def unique_words(text: str, raw: str, a: int, b: int, new: str) -> tuple[str, str]:
    """Widen ``text[a:b]`` (replaced by ``new``) to whole words occurring once in ``text`` and ``raw``."""
    while True:
        words = text[a:b]
        if words.strip() and text.count(words) == 1 and plain(raw).count(plain(words)) <= 1:
            break
        before = [m for m in _WORD.finditer(text, 0, a)]
        after = _WORD.search(text, b)
        if before and (not after or len(before) % 2 == 0 or a - before[-1].start() <= (after.end() - b)):
            new = text[before[-1].start() : a] + new
            a = before[-1].start()
        elif after:
            new = new + text[b : after.end()]
            b = after.end()
        else:
            break
    return text[a:b], new


def avenant_changes(
    edits: list[Edit], raw_of: Callable[[Any], Any], data_at: Callable[[str, tuple], Any], id_at: Callable
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for edit in edits:
        path = edit.origin.path
        last = path[-1] if path else ""
        if edit.kind == "modifier":
            if "#" not in edit.target and (last in ("paragraphe", "texte") or isinstance(last, int)):
                raw = str(raw_of(edit.origin))
                for a, b, new in edit.words:
                    mots, par = unique_words(edit.old, raw, a, b, new)
                    # the YAML's own characters: what ``typeset`` made of them, given back
                    out.append({"remplacer_mots": {"cible": edit.target, "mots": plain(mots), "par": plain(par)}})
                continue
            if "#" in edit.target:  # a table cell: the whole table, rewritten
                target = edit.target.split("#", 1)[0]
                block_path = _block_path(path)
            elif last == "intertitre":
                target, block_path = edit.target, path[:-1]
            else:  # a title: the article, section or annex rewritten with its new title
                target, block_path = edit.target, path[:-1]
            element = copy.deepcopy(data_at(edit.origin.file, block_path))
            _set(element, path[len(block_path) :], edit.source_new)
            out.append({"remplacer": {"cible": target, "par": element}})
        elif edit.kind == "inserer":
            element: Any = {"paragraphe": edit.new} if edit.element == "paragraphe" else edit.new
            found = item_path(path, edit.element)
            anchor = edit.target
            if found is not None and found[1] >= 0:
                anchor = id_at(edit.origin.file, (*found[0], found[1])) or anchor
            elif found is not None:
                first = id_at(edit.origin.file, (*found[0], 0))
                out.append(
                    {"inserer": {"avant": first, "element": element}}
                    if first
                    else {"completer": {"cible": edit.target, "element": element}}
                )
                continue
            out.append({"inserer": {"apres": anchor, "element": element}})
        elif edit.kind == "supprimer":
            out.append({"supprimer": {"cible": edit.target}})
    return out


def _block_path(path: tuple) -> tuple:
    for i in range(len(path) - 1, 0, -1):
        if path[i - 1] == "contenu" and isinstance(path[i], int):
            return path[: i + 1]
    return path[:-1]


def _set(data: Any, rel: tuple, value: str) -> None:
    for part in rel[:-1]:
        data = data[part]
    data[rel[-1]] = value


def draft_text(number: int, changes: list[dict[str, Any]], reviewed: str, sealed: str) -> str:
    from ruamel.yaml import YAML

    document = {
        "numero": number,
        "titre": f"Avenant n° {number} à la convention de mutualisation de services",
        "objet": f"{TODO} (objet de l'avenant ; projet issu de la relecture de {reviewed})",
        "deliberations": {
            "ville": {"organe": "Conseil municipal", "numero": f"{TODO} (numéro)", "date": f"{TODO} (date)"},
            "ccas": {
                "organe": "Conseil d'administration du CCAS",
                "numero": f"{TODO} (numéro)",
                "date": f"{TODO} (date)",
            },
        },
        "date_signature": f"{TODO} (date de signature)",
        "date_effet": f"{TODO} (date d'effet)",
        "retroactif": False,
        "modifications": changes,
    }
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    header = (
        "# yaml-language-server: $schema=../schema/avenant.schema.json\n"
        f"# Projet d'avenant produit par « ccas-docs import » depuis {reviewed} (version scellée : {sealed}).\n"
        "# À vérifier et compléter (objet, délibérations, dates), puis à ajouter sous « avenants: »\n"
        "# dans convention.yaml.\n"
    )
    return header + buffer.getvalue()


def write_draft(root: Path, text: str, rel: str) -> Path:
    target = root / rel
    write_text(target, text)
    return target
