"""Say where each paragraph of a composed document comes from: the :class:`Origin` of the markers.

A pass over a composed tree (:func:`with_origins`): every paragraph, heading, bullet and table
cell the convention's composer keyed gets an origin — the YAML scalar it copies and, character by
character, what is generated in it (a ``{{ parameter }}``, a cross-reference, an article or annex
number) — or, for a generated paragraph (the cost clause, the party block, the financial table,
the list of annexes), what generates it and the facts it is made of, each with its location.
The DOCX writer turns origins into bookmarks; ``import`` uses them to bring a reviewer's tracked
changes back to the YAML, or to refuse them with the fact to change instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ccas_docs.common import fr
from ccas_docs.document.markers import Origin, Span
from ccas_docs.document.tree import Block, Cell, Document, Heading, ListBlock, ListItem, Paragraph, Table
from ccas_docs.model import clauses
from ccas_docs.model.numbering import Numbering
from ccas_docs.model.parameters import convention_scope, fiche_scope
from ccas_docs.model.project import Project
from ccas_docs.model.prose import Scope, render
from ccas_docs.source.yamlsource import PathKey, SourceFile

_EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_EMPHASIS = re.compile(r"(\*\*.+?\*\*|\*[^*\s][^*]*?\*)")
FIXED = "le texte fixe de l'outil (ccas_docs/compose/convention.py et ccas_docs/model/clauses.py)"


@dataclass
class _Owner:
    """One YAML file's prose: its source and the scope its parameters are rendered in."""

    source: SourceFile
    scope: Scope
    label: str  # « de l'annexe 4 », « de la convention »


def _value(source: SourceFile, path: PathKey) -> Any:
    data = source.data
    for part in path:
        data = data[part]
    return data


class _Origins:
    def __init__(self, project: Project, numbering: Numbering):
        self.project, self.numbering = project, numbering
        conv, org = project.convention.model, project.organisation.model
        self.owners: dict[str, _Owner] = {
            "": _Owner(project.convention.source, convention_scope(conv, numbering), "de la convention")
        }
        self.fiches = {f.model.id: f for f in project.fiches}
        for loaded in project.fiches:
            number = numbering.annexes[loaded.model.id].number
            scope = fiche_scope(conv, loaded.model, org, numbering)
            self.owners[loaded.model.id] = _Owner(loaded.source, scope, f"de l'annexe {number}")
        self.paths = {full_id: (owner, path) for (owner, path), full_id in numbering.by_path.items()}
        self.headings: dict[str, tuple[str, PathKey, str]] = {}  # anchor → (owner, path of the title, id)
        for a, article in enumerate(conv.articles):
            self.headings[article.id] = ("", ("articles", a, "titre"), article.id)
        for loaded in project.fiches:
            fiche = loaded.model
            self.headings[fiche.id] = (fiche.id, ("titre",), fiche.id)
            for s, section in enumerate(fiche.sections):
                anchor, full_id = f"{fiche.id}-{section.id}", f"{fiche.id}/{section.id}"
                self.headings[anchor] = (fiche.id, ("sections", s, "titre"), full_id)
            for k, sub in enumerate(fiche.sous_annexes):
                self.headings[sub.id] = (fiche.id, ("sous_annexes", k, "titre"), f"{fiche.id}/{sub.id}")

    # where things are

    def where(self, owner: str, path: PathKey) -> str:
        return str(self.owners[owner].source.locate(path, value=True))

    def prose(self, owner: str, path: PathKey, text: str, marker: str) -> Origin | None:
        """The origin of rendered prose ``text`` copied from the scalar at ``path``."""
        source = self.owners[owner].source
        try:
            raw = _value(source, path)
        except (KeyError, IndexError, TypeError):
            return None
        if not isinstance(raw, str):
            return None
        spans = prose_spans(raw, text, self.owners[owner].scope, self.where(owner, path))
        return Origin(source.path, path, spans=spans, where=self.where(owner, path), id=marker)

    def generated(self, marker: str, what: str, where: str, spans: tuple[Span, ...] = ()) -> Origin:
        return Origin(where.split(":", 1)[0], (), generated=what, spans=spans, where=where, id=marker)

    # the tree

    def blocks(self, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        return tuple(self.block(b) for b in blocks)

    def block(self, block: Block) -> Block:
        if isinstance(block, Heading):
            return replace(block, origin=self.heading(block))
        if isinstance(block, Paragraph):
            return replace(block, origin=self.paragraph(block))
        if isinstance(block, ListBlock):
            return self.list(block)
        if isinstance(block, Table):
            return self.table(block)
        return block

    def heading(self, h: Heading) -> Origin | None:
        if h.level >= 3 and h.key in self.paths:  # an intertitre, of either level
            owner, path = self.paths[h.key]
            return self.prose(owner, (*path, "intertitre"), h.text, h.key)
        found = self.headings.get(h.anchor)
        if found is None:
            if h.anchor.endswith("-cout") and h.anchor[: -len("-cout")] in self.fiches:
                fiche = h.anchor[: -len("-cout")]
                what = f"le titre de la clause de coût {self.owners[fiche].label} est généré"
                return self.generated(f"{fiche}/cout/titre", what, FIXED)
            if h.anchor in ("parties", "signatures"):
                what = f"le titre « {h.text} » est généré"
                return self.generated(h.anchor, what, FIXED)
            return None
        owner, path, marker = found
        title = _value(self.owners[owner].source, path)
        start = h.text.rfind(title) if isinstance(title, str) else -1
        if start < 0:
            return None
        number = "numéro de l'annexe" if path == ("titre",) or path[0] == "sous_annexes" else "numéro"
        order = self.where("", ("annexes",)) if owner else self.where("", ("articles",))
        if path[0] == "sections":
            order = self.where(owner, ("sections",))
        fixed = f"le {number} (l'ordre se change dans {order})"
        spans = [Span(start, start + len(title), src_start=0, src_end=len(title))]
        if start:
            spans.insert(0, Span(0, start, fact=fixed, where=order))
        if start + len(title) < len(h.text):
            spans.append(Span(start + len(title), len(h.text), fact=FIXED))
        source = self.owners[owner].source
        return Origin(source.path, path, spans=tuple(spans), where=self.where(owner, path), id=marker)

    def paragraph(self, p: Paragraph) -> Origin | None:
        if p.key in self.paths:
            owner, path = self.paths[p.key]
            return self.prose(owner, (*path, "paragraphe"), p.text, p.key)
        fiche, _, rest = p.key.partition("/")
        if fiche in self.fiches and (rest == "cout" or rest.startswith("cout/")):
            return self.cost(fiche, rest, p)
        if p.key.startswith("parties/"):
            party = p.key.split("/")[1]
            where = self.where("", ("parties", party)) if party in ("ville", "ccas") else FIXED
            fact = f"`parties.{party}`" if party in ("ville", "ccas") else FIXED
            what = "le bloc des parties est généré"
            return self.generated(p.key, what, where, (Span(0, len(p.text), fact=fact, where=where),))
        return None

    def cost(self, fiche_id: str, rest: str, p: Paragraph) -> Origin:
        loaded = self.fiches[fiche_id]
        billing, org = loaded.model.facturation, self.project.organisation.model
        what = f"la clause de coût {self.owners[fiche_id].label} est générée"
        facts: list[tuple[str, str, PathKey]] = []
        if rest == "cout":
            facts = [
                (fr.percent(billing.taux), "`facturation.taux`", ("facturation", "taux")),
                (clauses.base_phrase(billing, org), "`facturation.services`", ("facturation", "services")),
                (clauses.reference_year(billing), "`facturation.annee_reference`", ("facturation", "annee_reference")),
            ]
        else:
            for r, item in enumerate(billing.remboursements):
                if rest == f"cout/{item.nature}":
                    path = ("facturation", "remboursements", r, "libelle")
                    facts = [(item.libelle, "`facturation.remboursements`", path)]
            for h, off in enumerate(billing.hors_facture):
                if rest == f"cout/hors-facture/{off.nature}":
                    path = ("facturation", "hors_facture", h, "libelle")
                    facts = [(off.libelle[1:], "`facturation.hors_facture`", path)]  # capitalised when printed
        spans: list[Span] = []
        at = 0
        for text, fact, path in facts:
            start = p.text.find(text, at)
            if start < 0:
                continue
            if start > at:
                spans.append(Span(at, start, fact=FIXED))
            spans.append(Span(start, start + len(text), fact=fact, where=self.where(fiche_id, path)))
            at = start + len(text)
        if at < len(p.text):
            spans.append(Span(at, len(p.text), fact=FIXED))
        return self.generated(p.key, what, self.where(fiche_id, ("facturation",)), tuple(spans))

    def list(self, block: ListBlock) -> ListBlock:
        return replace(block, items=tuple(self.item(i) for i in block.items))

    def item(self, item: ListItem) -> ListItem:
        children = self.list(item.children) if item.children is not None else None
        origin = None
        if item.key in self.paths:
            owner, path = self.paths[item.key]
            raw = _value(self.owners[owner].source, path)
            text_path = (*path, "texte") if isinstance(raw, dict) else path
            origin = self.prose(owner, text_path, item.text, item.key)
        elif item.key.startswith("liste-annexes/"):
            fiche = item.key.split("/", 1)[1]
            what = "la liste des annexes est générée"
            where = self.where(fiche, ("titre",)) if fiche in self.fiches else FIXED
            origin = self.generated(item.key, what, where, (Span(0, len(item.text), fact="`titre`", where=where),))
        return replace(item, children=children, origin=origin)

    def table(self, table: Table) -> Table:
        if table.key not in self.paths:
            return table
        owner, path = self.paths[table.key]
        data = _value(self.owners[owner].source, path)
        if isinstance(data, dict) and "responsabilites" in data:
            return self.responsibilities(table, owner, (*path, "responsabilites"), data["responsabilites"])
        if isinstance(data, dict) and "processus" in data:
            rows = []
            for r, row in enumerate(table.rows):
                charge = self.fixed_cell(row[0], f"{table.key}#charge{r}", owner, (*path, "processus", r, "charge"))
                content = tuple(self.block(part) for part in row[1].content)
                rows.append((charge, replace(row[1], content=content)))  # type: ignore[arg-type]
            return replace(table, rows=tuple(rows))
        if isinstance(data, dict) and data.get("tableau_financier"):
            return self.financial(table)
        return table

    def fixed_cell(self, cell: Cell, marker: str, owner: str, path: PathKey, what: str = "") -> Cell:
        where = self.where(owner, path)
        fact = f"`{'.'.join(str(p) for p in path[-2:])}`"
        what = what or "la colonne « Responsabilité & charges » est générée"
        parts = []
        for i, part in enumerate(cell.content):
            if isinstance(part, Paragraph):
                spans = (Span(0, len(part.text), fact=fact, where=where),)
                part = replace(part, origin=self.generated(f"{marker}.{i}", what, where, spans))
            parts.append(part)
        return replace(cell, content=tuple(parts))

    def responsibilities(self, table: Table, owner: str, path: PathKey, data: dict[str, Any]) -> Table:
        def text_cell(cell: Cell, marker: str, text_path: PathKey) -> Cell:
            parts = []
            for part in cell.content:
                if isinstance(part, Paragraph):
                    part = replace(part, origin=self.prose(owner, text_path, part.text, marker))
                parts.append(part)
            return replace(cell, content=tuple(parts))

        header = list(table.header)
        if header:
            header[0] = text_cell(header[0], f"{table.key}#domaine", (*path, "domaine"))
        rows, index = [], 0
        for r, line in enumerate(data["lignes"]):
            for c, _ in enumerate(line["cas"]):
                row = list(table.rows[index])
                here = (*path, "lignes", r, "cas", c)
                if c == 0:
                    row[0] = text_cell(row[0], f"{table.key}#l{r}", (*path, "lignes", r, "locaux"))
                row[-2] = text_cell(row[-2], f"{table.key}#l{r}c{c}", (*here, "usage"))
                row[-1] = self.fixed_cell(row[-1], f"{table.key}#l{r}c{c}charge", owner, (*here, "charge"))
                rows.append(tuple(row))
                index += 1
        return replace(table, header=tuple(header), rows=tuple(rows))

    def financial(self, table: Table) -> Table:
        what = "le tableau des modalités financières est généré"
        columns = (
            ("`annexes` (l'ordre des fiches)", None),
            ("`titre`", ("titre",)),
            ("`facturation.services`", ("facturation", "services")),
            ("`facturation.taux`", ("facturation", "taux")),
            ("`facturation.remboursements`", ("facturation", "remboursements")),
        )
        rows = []
        for r, (row, loaded) in enumerate(zip(table.rows, self.project.fiches, strict=False)):
            cells = []
            for c, cell in enumerate(row):
                fact, path = columns[c] if c < len(columns) else (FIXED, None)
                fiche = loaded.model.id
                where = self.where(fiche, path) if path else self.where("", ("annexes",))
                parts = []
                for part in cell.content:
                    if isinstance(part, Paragraph):
                        spans = (Span(0, len(part.text), fact=fact, where=where),)
                        part = replace(part, origin=self.generated(f"{table.key}#l{r}c{c}", what, where, spans))
                    parts.append(part)
                cells.append(replace(cell, content=tuple(parts)))
            rows.append(tuple(cells))
        return replace(table, rows=tuple(rows))


def prose_spans(raw: str, shown: str, scope: Scope, where: str) -> tuple[Span, ...]:
    """Map the characters of ``shown`` (rendered, emphasis removed) back to the scalar ``raw``.

    Each ``{{ … }}`` is rendered alone; the literal text around it maps one to one. Returns no
    span when the pieces do not add up to ``shown`` (then the paragraph can only be replaced whole).
    """
    origins: list[tuple[int, int]] = []  # per rendered character: (source index, -1) or (-1, expression)
    rendered: list[str] = []
    expressions: list[str] = []
    end = 0
    for match in _EXPRESSION.finditer(raw):
        for i in range(end, match.start()):
            rendered.append(raw[i])
            origins.append((i, -1))
        try:
            value = render(match.group(), scope, _location(where))
        except Exception:  # noqa: BLE001 - the composer already rendered this text; be safe
            return ()
        expressions.append(match.group())
        for ch in value:
            rendered.append(ch)
            origins.append((-1, len(expressions) - 1))
        end = match.end()
    for i in range(end, len(raw)):
        rendered.append(raw[i])
        origins.append((i, -1))
    text = "".join(rendered)
    keep = [True] * len(text)
    for match in _EMPHASIS.finditer(text):
        width = 2 if match.group().startswith("**") and len(match.group()) > 4 else 1
        for i in (*range(match.start(), match.start() + width), *range(match.end() - width, match.end())):
            keep[i] = False
    chars = [(ch, o) for ch, o, k in zip(text, origins, keep, strict=True) if k]
    if "".join(ch for ch, _ in chars) != shown:
        # the model strips the scalar: align on the first character
        lead = len(shown) - len(shown.lstrip())
        if "".join(ch for ch, _ in chars).strip() != shown.strip() or lead:
            return ()
        while chars and chars[0][0].isspace():
            chars.pop(0)
        while chars and chars[-1][0].isspace():
            chars.pop()
    spans: list[Span] = []
    for pos, (_, (src, expr)) in enumerate(chars):
        last = spans[-1] if spans else None
        if src >= 0:
            if last and not last.fact and last.src_end == src:
                spans[-1] = replace(last, end=pos + 1, src_end=src + 1)
            else:
                spans.append(Span(pos, pos + 1, src_start=src, src_end=src + 1))
        else:
            shown_as = "le renvoi" if re.search(r"article|annexe|numero", expressions[expr]) else "le paramètre"
            fact = f"{shown_as} {expressions[expr]}"
            if last and last.fact == fact and last.end == pos:
                spans[-1] = replace(last, end=pos + 1)
            else:
                spans.append(Span(pos, pos + 1, fact=fact, where=where))
    return tuple(spans)


def _location(where: str):
    from ccas_docs.common.diagnostics import Location

    path, _, rest = where.partition(":")
    line, _, col = rest.partition(":")
    return Location(path, int(line or 0), int(col or 0))


def with_origins(doc: Document, project: Project, numbering: Numbering) -> Document:
    """``doc`` with the origin of every paragraph the convention's composer keyed."""
    return replace(doc, body=_Origins(project, numbering).blocks(doc.body))
