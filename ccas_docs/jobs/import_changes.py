"""From the revisions of a reviewed DOCX to changes of the YAML (or refusals naming the fact to change).

Each accepted paragraph traced to a marked one (:mod:`ccas_docs.review.revisions`) is compared with
it word by word; each difference falls on characters the YAML holds (then it changes that scalar)
or on generated ones (then it is refused, with the fact that produces them and where it lives).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from ccas_docs.common.diagnostics import Diagnostic, Location, UserError, error
from ccas_docs.common.typography import plain
from ccas_docs.document.markers import Origin, Span
from ccas_docs.document.tree import Heading, ListItem, Paragraph
from ccas_docs.review.revisions import Body, Rev

Node = Paragraph | Heading | ListItem
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_LIST_STYLE = re.compile(r"list|liste|puce|bullet|number|num[eé]ro", re.I)


@dataclass
class Edit:
    """One change the review makes: ``modifier`` a scalar, ``inserer`` after a block, ``supprimer`` one."""

    kind: str
    target: str  # the marker's stable id
    origin: Origin
    old: str = ""
    new: str = ""
    source_new: str = ""  # modifier: the scalar's new value
    element: str = ""  # inserer: « puce » or « paragraphe »
    words: list[tuple[int, int, str]] = field(default_factory=list)  # modifier: old[start:end] → new words
    revs: list[Rev] = field(default_factory=list)


@dataclass
class Refused:
    message: str
    where: str
    revs: list[Rev]
    target: str


def location(where: str) -> Location:
    path, _, rest = where.partition(":")
    line, _, col = rest.partition(":")
    return Location(path, int(line) if line.isdigit() else 0, int(col) if col.isdigit() else 0)


def _ops(old: str, new: str) -> list[tuple[int, int, str]]:
    """Word-level differences: ``(start, end, replacement)`` in ``old``'s characters."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    starts = [0]
    for token in a:
        starts.append(starts[-1] + len(token))
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            out.append((starts[i1], starts[i2], "".join(b[j1:j2])))
    return out


def _facts(spans: tuple[Span, ...], a: int, b: int) -> list[Span]:
    if a == b:
        around = [s for s in spans if s.start <= a <= s.end]
        return [] if any(not s.fact for s in around) else around
    return [s for s in spans if s.start < b and a < s.end and s.fact]


def _source_range(spans: tuple[Span, ...], a: int, b: int) -> tuple[int, int] | None:
    first = next((s for s in spans if not s.fact and s.start <= a <= s.end and (a < s.end or a == b)), None)
    first = first or next((s for s in spans if not s.fact and s.start <= a <= s.end), None)
    last = next((s for s in spans if not s.fact and s.start <= b <= s.end and (s.start < b or a == b)), None)
    if first is None or last is None:
        return None
    lo, hi = first.src_start + a - first.start, last.src_start + b - last.start
    if first is not last and any(s.fact for s in spans if first.end <= s.start < last.start):
        return None
    return lo, hi


def refusal_message(origin: Origin, shown: str, facts: list[Span]) -> str:
    what = origin.generated or f"« {shown.strip()} » est généré"
    parts = []
    for fact in facts:
        if fact.where and fact.where != origin.where or fact.fact.startswith("`"):
            parts.append(f"modifier {fact.fact} dans {fact.where}")
        elif fact.fact.startswith(("le paramètre", "le renvoi")):
            parts.append(f"c'est {fact.fact} : le changer à sa source, ou changer le texte autour dans {fact.where}")
        else:
            parts.append(f"c'est {fact.fact}")
    unique = list(dict.fromkeys(parts)) or ["il ne se modifie pas depuis le document"]
    return f"{what} : {' ; '.join(unique)}"


def _modify(node: Node, new: str, raw: Any, revs: list[Rev]) -> tuple[Edit | None, list[Refused]]:
    origin = node.origin
    assert origin is not None
    old = node.text
    refused: list[Refused] = []
    accepted: list[tuple[int, int, str, int, int]] = []
    for a, b, text in _ops(old, new):
        shown = old[a:b] or text
        facts = [Span(0, len(old), fact="")] if origin.is_generated and not origin.spans else _facts(origin.spans, a, b)
        if origin.is_generated or facts:
            where = next((f.where for f in facts if f.where and f.fact.startswith("`")), origin.where)
            refused.append(Refused(refusal_message(origin, shown, facts), where, revs, origin.id))
            continue
        where = _source_range(origin.spans, a, b) if isinstance(raw, str) else None
        if where is None:
            message = f"« {shown.strip()} » : modification à cheval sur une mise en forme ou un paramètre"
            refused.append(Refused(message + " ; la reporter à la main", origin.where, revs, origin.id))
            continue
        accepted.append((a, b, plain(text), *where))  # the reviewer's words, as a user writes them
    if not accepted:
        return None, refused
    source = str(raw)
    for _, _, text, lo, hi in sorted(accepted, key=lambda x: -x[3]):
        source = source[:lo] + text + source[hi:]
    words = [(a, b, text) for a, b, text, _, _ in accepted]
    shown_new = old
    for a, b, text, _, _ in sorted(accepted, key=lambda x: -x[0]):
        shown_new = shown_new[:a] + text + shown_new[b:]
    edit = Edit("modifier", origin.id, origin, old, shown_new, source_new=source, words=words, revs=revs)
    return edit, refused


def review_changes(
    body: Body, nodes: dict[str, Node], table: list[tuple[str, str]], raw_of
) -> tuple[list[Edit], list[Refused]]:
    """The edits and refusals of a reviewed body whose markers are ``nodes`` (bookmark name → node).

    Raises :class:`UserError` for what makes the file unusable: a marker removed, a paragraph
    changed without tracking, a revision across two blocks.
    """
    problems: list[Diagnostic] = []
    marked = body.marked()
    for name, ident in table:
        node = nodes.get(name)
        where = location(node.origin.where) if node is not None and node.origin else Location("")
        if name not in marked:
            problems.append(
                error(
                    where,
                    f"le repère du bloc « {ident} » a été supprimé du document : ses modifications ne peuvent pas"
                    " être rattachées",
                    code="import-repere",
                    hint="repartir du DOCX produit par « ccas-docs build » et y reporter les modifications suivies",
                )
            )
    by_index = {o.index: o for o in body.originals}
    for name, original in marked.items():
        node = nodes.get(name)
        if node is None:
            continue
        if original.text != node.text:
            problems.append(
                error(
                    location(node.origin.where if node.origin else ""),
                    f"le texte du bloc « {node.origin.id if node.origin else name} » a été modifié sans le suivi des"
                    f" modifications : « {_short(original.text)} » au lieu de « {_short(node.text)} »",
                    code="import-non-suivi",
                    hint="dans Word, activer Révision › Suivi des modifications avant de modifier le texte",
                )
            )
    for accepted in body.accepted:
        owners = [i for i in accepted.sources if by_index[i].markers or by_index[i].text.strip()]
        if len({tuple(by_index[i].markers) for i in owners}) > 1:
            ids = [nodes[by_index[i].markers[0]].origin.id for i in owners if by_index[i].markers[0] in nodes]
            first = nodes.get(by_index[owners[0]].markers[0]) if by_index[owners[0]].markers else None
            problems.append(
                error(
                    location(first.origin.where if first is not None and first.origin else ""),
                    f"une modification est à cheval sur deux blocs ({', '.join(ids)}) : « {_short(accepted.text)} »",
                    code="import-deux-blocs",
                    hint="refuser cette modification dans Word, puis modifier chaque bloc séparément",
                )
            )
    if problems:
        raise UserError(problems)
    return _edits(body, nodes, raw_of)


def _edits(body: Body, nodes: dict[str, Node], raw_of) -> tuple[list[Edit], list[Refused]]:
    edits: list[Edit] = []
    refused: list[Refused] = []
    by_index = {o.index: o for o in body.originals}
    continued: dict[int, str] = {}
    for accepted in body.accepted:
        if accepted.owner >= 0 and accepted.owner not in continued:
            continued[accepted.owner] = accepted.text
            original = by_index[accepted.owner]
            if accepted.text == original.text:
                continue
            node = _node(original.markers, nodes)
            if node is None:
                message = f"« {_short(original.text)} » est un texte fixe du modèle ou de l'outil, sans repère"
                refused.append(Refused(message + " : modification ignorée", "", accepted.revs, ""))
                continue
            edit, refusals = _modify(node, accepted.text, raw_of(node.origin), accepted.revs)
            refused.extend(refusals)
            if edit is not None:
                edits.append(edit)
            continue
        anchor = accepted.owner if accepted.owner >= 0 else accepted.anchor
        node = _node(by_index[anchor].markers, nodes) if anchor >= 0 else None
        if not accepted.text.strip():
            continue
        if node is None or node.origin is None or node.origin.is_generated:
            what = node.origin.generated if node is not None and node.origin else "le texte qui précède est généré"
            refused.append(
                Refused(
                    f"paragraphe inséré « {_short(accepted.text)} » après un texte généré ({what}) :"
                    " l'écrire dans le fichier YAML",
                    node.origin.where if node is not None and node.origin else "",
                    accepted.revs,
                    "",
                )
            )
            continue
        element = "puce" if _LIST_STYLE.search(accepted.style) else "paragraphe"
        edits.append(
            Edit("inserer", node.origin.id, node.origin, new=plain(accepted.text), element=element, revs=accepted.revs)
        )
    for original in body.originals:
        if original.index in continued or not original.text.strip():
            continue
        node = _node(original.markers, nodes)
        if node is None or node.origin is None:
            message = f"« {_short(original.text)} » est un texte fixe du modèle ou de l'outil : suppression ignorée"
            refused.append(Refused(message, "", original.revs, ""))
        elif node.origin.is_generated or isinstance(node, Heading) and node.level < 3:
            facts = list(node.origin.spans)
            message = refusal_message(node.origin, node.text, facts) + " (suppression refusée)"
            refused.append(Refused(message, node.origin.where, original.revs, node.origin.id))
        else:
            edits.append(Edit("supprimer", node.origin.id, node.origin, old=node.text, revs=original.revs))
    return edits, refused


def _node(markers: list[str], nodes: dict[str, Node]) -> Node | None:
    return next((nodes[m] for m in markers if m in nodes), None)


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
