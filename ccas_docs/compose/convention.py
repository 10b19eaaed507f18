"""Compose the convention (body, signature page, annex fiches) into a document tree.

Numbers, cross-references, parameters and the generated cost clauses are resolved here; the
result is the same for every output format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ccas_docs.common import fr
from ccas_docs.compose.origins import with_origins
from ccas_docs.document.tree import (
    Block,
    Cell,
    Cover,
    Document,
    Heading,
    ListBlock,
    ListItem,
    Metadata,
    PageBreak,
    Paragraph,
    Run,
    Signature,
    SignatureBlock,
    Table,
    cell,
    inline,
    para,
)
from ccas_docs.document.typeset import typeset_document
from ccas_docs.model import clauses
from ccas_docs.model.numbering import Numbering
from ccas_docs.model.parameters import convention_scope, fiche_scope
from ccas_docs.model.project import Loaded, Project
from ccas_docs.model.prose import Scope, render
from ccas_docs.model.types import Block as ModelBlock
from ccas_docs.model.types import Convention, Fiche, PartyInfo
from ccas_docs.model.types import ListItem as ModelItem
from ccas_docs.source.yamlsource import PathKey, SourceFile
from ccas_docs.versions.avenant import Avenant

CHARGE_LABEL = {"ccas": "CCAS", "commune": "Commune"}
HEADER = "Convention de mutualisation – Ville de Porto-Vecchio / CCAS"


class _Renderer:
    """Renders the prose of one source file within one scope into tree blocks."""

    def __init__(self, source: SourceFile, scope: Scope, numbering: Numbering, project: Project, owner: str = ""):
        self.source, self.scope, self.numbering, self.project = source, scope, numbering, project
        self.owner = owner  # "" for the convention, the fiche id in a fiche: the ids' namespace

    def text(self, text: str, key: PathKey) -> str:
        return render(text, self.scope, self.source.locate(key, value=True))

    def runs(self, text: str, key: PathKey) -> tuple[Run, ...]:
        return inline(self.text(text, key))

    def blocks(self, blocks: list[ModelBlock], key: PathKey, heading_level: int = 3) -> list[Block]:
        out: list[Block] = []
        for b, block in enumerate(blocks):
            here = (*key, b)
            bid = self.numbering.id_at(self.owner, here)
            if block.paragraphe is not None:
                runs = self.runs(block.paragraphe, (*here, "paragraphe"))
                # an introductory sentence (« … suivantes : ») stays on the page of what it introduces
                intro = "".join(r.text for r in runs).rstrip().endswith(":")
                out.append(Paragraph(runs, keep_with_next=intro, key=bid))
            elif block.intertitre is not None:
                # an intertitre of level 2 sits under the level-1 one before it (« Les matériels »)
                level = 4 if block.niveau == 2 else 3
                out.append(Heading(level, self.text(block.intertitre, (*here, "intertitre")), "", key=bid))
            elif block.liste is not None:
                out.append(replace(self.list(block.liste, (*here, "liste"), ordered=False), key=bid))
            elif block.liste_numerotee is not None:
                out.append(replace(self.list(block.liste_numerotee, (*here, "liste_numerotee"), ordered=True), key=bid))
            elif block.responsabilites is not None:
                out.append(replace(self.responsibilities(block, here), key=bid))
            elif block.processus is not None:
                out.append(replace(self.process(block, here), key=bid))
            elif block.tableau_financier:
                out.append(replace(financial_table(self.project, self.numbering), key=bid))
                out.append(replace(para(clauses.PRORATA_RULE), key=f"{bid}/prorata"))
            elif block.liste_annexes:
                out.append(replace(annex_list(self.project, self.numbering), key=bid))
        return out

    def list(self, items: list[ModelItem], key: PathKey, ordered: bool) -> ListBlock:
        entries = []
        for i, item in enumerate(items):
            text_key = (*key, i, "texte") if (item.id or item.items) else (*key, i)
            children = self.list(item.items, (*key, i, "items"), ordered=False) if item.items else None
            iid = self.numbering.id_at(self.owner, (*key, i))
            entries.append(ListItem(self.runs(item.texte, text_key), children, key=iid))
        return ListBlock(tuple(entries), ordered)

    def responsibilities(self, block: ModelBlock, key: PathKey) -> Table:
        table = block.responsabilites
        assert table is not None
        rows: list[tuple[Cell, ...]] = []
        for r, row in enumerate(table.lignes):
            for c, case in enumerate(row.cas):
                usage = cell(self.text(case.usage, (*key, "responsabilites", "lignes", r, "cas", c, "usage")))
                charge = cell(CHARGE_LABEL[case.charge], role="center")
                if c == 0:
                    locaux = cell(
                        self.text(row.locaux, (*key, "responsabilites", "lignes", r, "locaux")),
                        bold=True,
                        rowspan=len(row.cas),
                    )
                    rows.append((locaux, usage, charge))
                else:
                    rows.append((usage, charge))
        domaine = self.text(table.domaine, (*key, "responsabilites", "domaine"))
        header = (cell(domaine, bold=True), cell("Cas d'usage", bold=True), cell("Responsabilité & charges", bold=True))
        return Table(header, tuple(rows), widths=(28, 52, 20), align=("left", "left", "center"))

    def process(self, block: ModelBlock, key: PathKey) -> Table:
        rows = []
        for c, case in enumerate(block.processus or []):
            content = self.blocks(case.contenu, (*key, "processus", c, "contenu"))
            parts = tuple(p for p in content if isinstance(p, Paragraph | ListBlock))
            rows.append((cell(CHARGE_LABEL[case.charge], bold=True), Cell(parts)))
        header = (cell("Responsabilité & charges", bold=True), cell("Processus d'intervention", bold=True))
        return Table(header, tuple(rows), widths=(20, 80))


def annex_list(project: Project, numbering: Numbering) -> ListBlock:
    items = []
    for loaded in project.fiches:
        target = numbering.annexes[loaded.model.id]
        text = f"Annexe {target.number} : {loaded.model.titre}"
        items.append(ListItem((Run(text),), key=f"liste-annexes/{loaded.model.id}"))
    return ListBlock(tuple(items), ordered=False)


def financial_table(project: Project, numbering: Numbering) -> Table:
    """Per fiche: the base, the rate and the reimbursed costs — from the billing parameters."""
    org = project.organisation.model
    rows = []
    for loaded in project.fiches:
        fiche = loaded.model
        billing = fiche.facturation
        extra = "; ".join(r.libelle for r in billing.remboursements) or "—"
        rows.append(
            (
                cell(f"Annexe {numbering.annexes[fiche.id].number}", role="center"),
                cell(fiche.titre),
                cell(f"Charges de personnel {clauses.base_phrase(billing, org)}"),
                cell(fr.percent(billing.taux), role="center"),
                cell(extra),
            )
        )
    header = tuple(
        cell(h, bold=True) for h in ("Annexe", "Fonction", "Base de calcul", "Taux", "Frais remboursés en sus")
    )
    return Table(
        header,
        tuple(rows),
        widths=(11, 25, 32, 9, 23),
        align=("center", "left", "left", "center", "left"),
        row_keys=tuple(f"tableau-financier/{f.model.id}" for f in project.fiches),
    )


def _feminine(p: PartyInfo) -> bool:
    """The party's grammatical gender, read from its designation (« la Ville », « le C.C.A.S. »)."""
    return p.designation.lower().startswith("la ")


def _agreed(civilite: str) -> str:
    """The ending that agrees with the signatory: « e » for Madame, none for Monsieur, « (e) » while unknown."""
    ending = clauses.agreed(civilite)
    return "(e)" if ending is None else ending


def _party_paragraph(p: PartyInfo, role: str, key: str) -> list[Paragraph]:
    rep, e = p.representant, "e" if _feminine(p) else ""
    if rep.delegation and clauses.delegation_is_deliberation(rep.delegation, p.deliberation):
        delegated = " agissant par délégation et"  # the act is the deliberation cited next
    else:
        delegated = f" agissant {clauses.delegation_text(rep.delegation)}, et" if rep.delegation else ""
    habilite = f"dûment habilité{_agreed(rep.civilite)}"
    return [
        Paragraph((Run(p.nom, bold=True), Run(f", {', '.join(p.adresse)}, SIRET {p.siret},")), "body", key=f"{key}/1"),
        replace(
            para(
                f"représenté{e} par {rep.civilite} {rep.nom}, {rep.qualite},{delegated} {habilite} par"
                f" {clauses.deliberation_text(p.deliberation)},"
            ),
            key=f"{key}/2",
        ),
        replace(para(f"ci-après dénommé{e} « {p.designation} », {role} ;"), key=f"{key}/3"),
    ]


def _signature_page(conv: Convention) -> list[Block]:
    when = conv.date_signature if isinstance(conv.date_signature, str) else fr.date(conv.date_signature)
    signatures = []
    for p, field in ((conv.parties.ville, "maire"), (conv.parties.ccas, "ccas")):
        rep = p.representant
        authorised = f"Autorisé{_agreed(rep.civilite)} par {clauses.deliberation_text(p.deliberation)}"
        if rep.delegation and clauses.delegation_is_deliberation(rep.delegation, p.deliberation):
            acts = [f"Par délégation, {authorised[:1].lower()}{authorised[1:]}"]  # one act, cited once
        elif rep.delegation:
            delegated = clauses.delegation_text(rep.delegation)
            acts = [delegated[:1].upper() + delegated[1:], authorised]
        else:
            acts = [authorised]
        signatures.append(
            Signature(
                heading=f"Pour {'la' if _feminine(p) else 'le'} {p.nom}",
                lines=(rep.qualite, f"{rep.civilite} {rep.nom}", *acts),
                field=field,
            )
        )
    return [  # no page break: the signatures stay on the page of the last article's end
        Heading(2, "Signatures", "signatures"),
        SignatureBlock(
            place_date=f"Fait à {conv.lieu_signature}, le {when}, en deux exemplaires originaux.",
            signatures=tuple(signatures),
        ),
    ]


def keep_with_signatures(body: list[Block]) -> list[Block]:
    """The body's last paragraph kept with the signature block that follows it."""
    if body and isinstance(body[-1], Paragraph):
        return [*body[:-1], replace(body[-1], keep_with_next=True)]
    return body


def fiche_blocks(project: Project, loaded: Loaded[Fiche], numbering: Numbering, consolidated: str = "") -> list[Block]:
    """An annex fiche: heading, numbered sections, generated cost clause, sub-annexes."""
    conv, org = project.convention.model, project.organisation.model
    fiche, source = loaded.model, loaded.source
    renderer = _Renderer(source, fiche_scope(conv, fiche, org, numbering), numbering, project, fiche.id)
    number = numbering.annexes[fiche.id].number
    out: list[Block] = [Heading(1, f"Annexe {number} – {fiche.titre}", fiche.id)]
    if consolidated:
        out.append(para(consolidated, role="small"))
    sections = len(fiche.sections)
    for s, section in enumerate(fiche.sections):
        out.append(Heading(2, f"{s + 1}/ {section.titre} :", f"{fiche.id}-{section.id}"))
        out.extend(renderer.blocks(section.contenu, ("sections", s, "contenu")))
    out.append(Heading(2, f"{sections + 1}/ {clauses.COST_SECTION_TITLE} :", f"{fiche.id}-cout"))
    for sentence in clauses.cost_sentences(fiche, org):
        out.append(replace(para(sentence.text), key=f"{fiche.id}/{sentence.key}"))
    for k, sub in enumerate(fiche.sous_annexes):
        sub_number = numbering.annexes[sub.id].number
        out.append(Heading(2, f"Annexe {sub_number} : {sub.titre}", sub.id))
        out.extend(renderer.blocks(sub.contenu, ("sous_annexes", k, "contenu")))
    return out


def body_blocks(project: Project, numbering: Numbering) -> list[Block]:
    conv = project.convention
    renderer = _Renderer(conv.source, convention_scope(conv.model, numbering), numbering, project)
    out: list[Block] = [Heading(2, "Entre les soussignés", "parties")]
    out.extend(_party_paragraph(conv.model.parties.ville, "d'une part", "parties/ville"))
    out.append(replace(para("Et", role="center"), key="parties/et"))
    out.extend(_party_paragraph(conv.model.parties.ccas, "d'autre part", "parties/ccas"))
    out.extend(renderer.blocks(conv.model.preambule, ("preambule",)))
    for a, article in enumerate(conv.model.articles):
        out.append(Heading(2, f"Article {fr.article_number(a + 1)} – {article.titre}", article.id))
        out.extend(renderer.blocks(article.contenu, ("articles", a, "contenu")))
    return out


def _metadata(conv: Convention, title: str, subject: str) -> Metadata:
    return Metadata(
        title=title,
        subject=subject,
        author=conv.parties.ville.nom,
        date=conv.date_effet,
        keywords=("convention de mutualisation", "CCAS", "Porto-Vecchio"),
    )


def consolidation_line(at: dt.date, avenants: Sequence[Avenant]) -> str:
    """« Version consolidée au 30 juin 2026, intégrant l'avenant n° 1 (effet au 1er juillet 2026) »."""
    head = f"Version consolidée au {fr.date(at)}"
    if not avenants:
        return f"{head} : texte initial, aucun avenant n'étant encore entré en vigueur"
    parts = []
    for avenant in avenants:
        signed = avenant.date_signature
        when = f" du {fr.date(signed)}" if isinstance(signed, dt.date) else ""
        parts.append(f"{avenant.label}{when} (effet au {fr.date(avenant.date_effet)})")
    if len(parts) == 1:
        return f"{head}, intégrant l'{parts[0][0].lower()}{parts[0][1:]}"
    listed = fr.join([p[0].lower() + p[1:] for p in parts])
    return f"{head}, intégrant les {len(parts)} avenants suivants : {listed}"


def _cover(conv: Convention, project: Project, consolidated: str = "") -> Cover:
    ville, ccas = conv.parties.ville, conv.parties.ccas
    return Cover(
        title="Convention de mutualisation de services",
        subtitle=(f"entre la {ville.nom}", f"et le {ccas.nom}"),
        lines=(
            *((consolidated,) if consolidated else ()),
            f"Référence : {conv.reference}",
            f"Prise d'effet : {fr.date(conv.date_effet)} – durée : {fr.words(conv.duree_ans)} ans",
            f"{len(project.fiches)} fiches annexes",
        ),
    )


def compose_convention(project: Project, numbering: Numbering, consolidated: str = "") -> Document:
    """The whole convention: cover, body, signature page, every annex fiche.

    ``consolidated``: the line that says which avenants a consolidated version includes.
    """
    conv = project.convention.model
    body: list[Block] = keep_with_signatures(body_blocks(project, numbering))
    body.extend(_signature_page(conv))
    for loaded in project.fiches:
        body.append(PageBreak())
        body.extend(fiche_blocks(project, loaded, numbering, consolidated))
    document = Document(
        name="convention",
        meta=_metadata(conv, conv.titre, "Convention de mutualisation et fiches annexes"),
        header=HEADER,
        footer=conv.titre if len(conv.titre) < 60 else "Convention de mutualisation Ville / CCAS",
        body=tuple(_drop_leading_breaks(body)),
        cover=_cover(conv, project, consolidated),
    )
    return typeset_document(with_origins(document, project, numbering))


def compose_fiche(project: Project, loaded: Loaded[Fiche], numbering: Numbering, consolidated: str = "") -> Document:
    """One annex fiche as a document of its own."""
    conv = project.convention.model
    number = numbering.annexes[loaded.model.id].number
    document = Document(
        name=f"annexe-{int(number):02d}-{loaded.model.id}",
        meta=_metadata(conv, f"Annexe {number} – {loaded.model.titre}", conv.titre),
        header=HEADER,
        footer=f"Annexe {number} – {loaded.model.titre}",
        body=tuple(fiche_blocks(project, loaded, numbering, consolidated)),
    )
    return typeset_document(with_origins(document, project, numbering))


def compose_all(project: Project, numbering: Numbering, consolidated: str = "") -> list[Document]:
    return [
        compose_convention(project, numbering, consolidated),
        *(compose_fiche(project, f, numbering, consolidated) for f in project.fiches),
    ]


def _drop_leading_breaks(blocks: Iterable[Block]) -> list[Block]:
    """No page break at the very start, and never two in a row (no blank pages)."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, PageBreak) and (not out or isinstance(out[-1], PageBreak)):
            continue
        out.append(block)
    return out
