"""``ccas-docs import relu.docx``: bring a reviewer's tracked changes and comments back.

1. the DOCX is opened safely (:mod:`ccas_docs.review.package`) and must have been built by this
   tool (its markers' table and sources fingerprint) from the YAML files as they are now;
2. the convention is composed again from the YAML: the marked paragraphs say which text each
   bookmark holds and where it comes from;
3. the revisions are read (:mod:`ccas_docs.review.revisions`) and turned into edits or refusals
   (:mod:`ccas_docs.jobs.import_changes`);
4. before any version is sealed, the edits are applied to the YAML files (:mod:`.import_yaml`);
   once one is, they become a draft avenant (:mod:`.import_avenant`). ``essai`` writes nothing.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from ccas_docs.common.atomic import ensure_dir, write_text
from ccas_docs.common.diagnostics import Location, UserError, error, fail
from ccas_docs.document.markers import PROP_FILE, PROP_SOURCES, PROP_VERSION, Origin, bookmark_name
from ccas_docs.document.tree import iter_marked
from ccas_docs.jobs.import_changes import Edit, Refused, location
from ccas_docs.jobs.provenance import source_hashes, sources_digest
from ccas_docs.review.comments import read_comments, read_marker_table, read_properties
from ccas_docs.review.revisions import Rev

HINT_BUILD = "reconstruire le DOCX avec « ccas-docs build », l'envoyer en relecture et importer le document relu"


@dataclass
class CommentLine:
    author: str
    date: str
    block: str
    where: str
    words: str
    text: str


@dataclass
class ImportResult:
    reviewed: str
    edits: list[Edit]
    refused: list[Refused]
    comments: list[CommentLine]
    sealed: str | None
    written: list[str] = field(default_factory=list)
    draft: str = ""
    report: str = ""


def when(date: str) -> str:
    """« 15/01/2026 10:00 » from a DOCX date (ISO 8601)."""
    try:
        value = dt.datetime.fromisoformat(date.replace("Z", "+00:00"))
    except ValueError:
        return date or "date inconnue"
    return value.strftime("%d/%m/%Y %H:%M")


def who(revs: list[Rev]) -> str:
    people = list(dict.fromkeys(f"{r.author or 'auteur inconnu'}, {when(r.date)}" for r in revs))
    return " ; ".join(people) or "sans révision suivie"


def _value(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def import_review(
    root: Path, reviewed: Path, essai: bool = False, shown: str = "", today: dt.date | None = None
) -> ImportResult:
    from ccas_docs.checks.rules import validated
    from ccas_docs.compose.convention import compose_all
    from ccas_docs.jobs.import_changes import review_changes
    from ccas_docs.jobs.provenance import sealed_version
    from ccas_docs.model.project import load_project
    from ccas_docs.review.package import open_docx
    from ccas_docs.review.revisions import read_body

    root, shown = Path(root), shown or str(reviewed)
    package = open_docx(Path(reviewed), shown)
    props = read_properties(package.custom)
    table = read_marker_table(package.custom_xml)
    if PROP_SOURCES not in props or table is None:
        raise fail(
            shown,
            "ce document n'a pas été produit par ccas-docs (ni repères de blocs ni empreinte des sources)",
            code="import-origine",
            hint=HINT_BUILD,
        )
    project = load_project(root)
    _, numbering = validated(project)
    recorded = {k[len(PROP_FILE) :]: v for k, v in props.items() if k.startswith(PROP_FILE)}
    hashes = source_hashes(project, list(recorded))
    if props[PROP_SOURCES] != sources_digest(hashes):
        changed = sorted(f for f in {*recorded, *hashes} if recorded.get(f) != hashes.get(f, "")[:16])
        raise fail(
            shown,
            f"document produit depuis une autre version des fichiers YAML (version « {props.get(PROP_VERSION, '?')} »,"
            f" empreinte {props[PROP_SOURCES][:12]}) ; depuis, ont changé : {', '.join(changed) or 'des fichiers'}",
            code="import-version",
            hint=f"{HINT_BUILD} ; ou revenir aux fichiers YAML de cette version (git checkout) avant d'importer",
        )
    names = {name for name, _ in table}
    documents = compose_all(project, numbering)
    doc = next(
        (
            d
            for d in documents
            if {bookmark_name(n.origin.id, n.origin.is_generated) for n in iter_marked(d.body) if n.origin} == names
        ),
        None,
    )
    if doc is None:
        raise fail(shown, "les repères du document ne correspondent à aucun document de la convention", hint=HINT_BUILD)
    nodes = {bookmark_name(n.origin.id, n.origin.is_generated): n for n in iter_marked(doc.body) if n.origin}
    sources = {s.path: s for s in project.sources}

    def raw_of(origin: Origin) -> Any:
        try:
            return _value(sources[origin.file].data, origin.path)
        except (KeyError, IndexError, TypeError):
            return None

    body = read_body(package.document)
    edits, refused = review_changes(body, nodes, table, raw_of)
    refused.extend(_furniture(package))
    comments = _comments(package, body, nodes)
    sealed = sealed_version(root)
    result = ImportResult(shown, edits, refused, comments, sealed)
    if sealed is None:
        from ccas_docs.jobs.import_yaml import apply_edits

        new_texts = apply_edits(root, edits, write=False)
        if not essai:
            for name, text in new_texts.items():
                write_text(root / name, text)
            if new_texts:
                _relocate(root, comments)
        result.written = sorted(new_texts)
    else:
        from ccas_docs.jobs.import_avenant import avenant_changes, draft_text, next_avenant

        owners = {loaded.source.path: loaded.model.id for loaded in project.fiches}
        owners[project.convention.source.path] = ""

        def data_at(file: str, path: tuple) -> Any:
            return copy.deepcopy(_value(sources[file].data, path))

        def id_at(file: str, path: tuple) -> str:
            return numbering.id_at(owners.get(file, ""), path)

        number, rel = next_avenant(root)
        changes = avenant_changes(edits, raw_of, data_at, id_at)
        result.draft = rel
        if changes and not essai:
            write_text(root / rel, draft_text(number, changes, Path(shown).name, sealed))
    if not essai:
        stamp = (today or dt.date.today()).isoformat()
        ensure_dir(root / "output")
        result.report = f"output/import-{stamp}.txt"
        write_text(root / result.report, "\n".join(report_lines(result)) + "\n")
    return result


def _relocate(root: Path, comments: list[CommentLine]) -> None:
    """After the YAML changed, point each comment at its block's new line (a deleted block keeps the old one)."""
    from ccas_docs.checks.rules import validated
    from ccas_docs.compose.convention import compose_all
    from ccas_docs.model.project import load_project

    try:
        project = load_project(root)
        _, numbering = validated(project)
    except UserError:
        return
    where = {
        n.origin.id: n.origin.where for d in compose_all(project, numbering) for n in iter_marked(d.body) if n.origin
    }
    for comment in comments:
        if comment.block in where:
            comment.where = where[comment.block]
        elif comment.where:
            comment.where += " (bloc supprimé par la relecture)"


def _furniture(package) -> list[Refused]:
    """Revisions in the headers and footers: they come from the Word template."""
    out = []
    for name, part in package.others.items():
        revs = [e for tag in ("w:ins", "w:del") for e in part.iter(qn(tag))]
        if revs:
            first = revs[0]
            rev = Rev("ins", first.get(qn("w:author"), ""), first.get(qn("w:date"), ""))
            message = f"{name} : l'en-tête et le pied de page viennent du modèle templates/convention.docx"
            out.append(Refused(message + " ; les modifier dans le modèle", "templates/convention.docx", [rev], ""))
    return out


def _comments(package, body, nodes) -> list[CommentLine]:
    by_index = {o.index: o for o in body.originals}
    out = []
    for comment in read_comments(package.comments):
        para, words = body.comment_spans.get(comment.id, (-1, ""))
        original = by_index.get(para)
        node = next((nodes[m] for m in original.markers if m in nodes), None) if original else None
        block = node.origin.id if node is not None and node.origin else "hors bloc repéré"
        where = node.origin.where if node is not None and node.origin else ""
        out.append(CommentLine(comment.author, when(comment.date), block, where, words, comment.text))
    return out


def describe(edit: Edit) -> str:
    if edit.kind == "modifier":
        parts = [
            f"« {edit.old[a:b]} » → « {new} »" if edit.old[a:b] else f"ajout de « {new} »" for a, b, new in edit.words
        ]
        return "mots remplacés : " + " ; ".join(p.replace("→ «  »", "supprimé") for p in parts)
    if edit.kind == "inserer":
        return f"{'puce' if edit.element == 'puce' else 'paragraphe'} inséré(e) après : « {edit.new} »"
    return f"bloc supprimé : « {edit.old[:80]}{'…' if len(edit.old) > 80 else ''} »"


def report_lines(result: ImportResult) -> list[str]:
    """The change list and the comments, in French (the terminal and output/import-<date>.txt)."""
    lines = [f"Relecture importée de {result.reviewed}"]
    if result.sealed:
        lines.append(
            f"Version scellée : {result.sealed} — les modifications vont dans le projet d'avenant {result.draft}"
        )
    lines += ["", f"Modifications retenues ({len(result.edits)}) :"]
    for edit in result.edits:
        lines.append(f"  {edit.origin.where}  [{edit.target}]  {describe(edit)}")
        lines.append(f"      par {who(edit.revs)}")
    lines += ["", f"Modifications refusées ({len(result.refused)}) :"]
    for item in result.refused:
        lines.append(f"  {item.where or result.reviewed}: {item.message}")
        lines.append(f"      par {who(item.revs)}")
    lines += ["", f"Commentaires ({len(result.comments)}) :"]
    for c in result.comments:
        lines.append(f"  {c.where or result.reviewed}  [{c.block}]  {c.author}, {c.date}")
        lines.append(f"      sur « {c.words} » : {c.text}")
    return lines


def refusal_diagnostics(result: ImportResult) -> list:
    from ccas_docs.common.diagnostics import warning

    return [
        warning(location(r.where) if r.where else Location(result.reviewed), r.message, code="import-genere")
        for r in result.refused
    ]


__all__ = ["import_review", "ImportResult", "report_lines", "UserError", "error"]
