"""Shared by the import tests: build the convention's DOCX of a project copy, run ``import``, read texts."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx_revisions import RevisionDocument
from reviewing import Review
from test_build import Run, copy_project, invoke


def build_docx(root: Path) -> Path:
    """``output/convention.docx`` of the project in ``root``, as ``build`` writes it (DOCX only: fast)."""
    from ccas_docs.checks.rules import validated
    from ccas_docs.compose.convention import compose_convention
    from ccas_docs.jobs.provenance import provenance, stamped
    from ccas_docs.model.project import load_project
    from ccas_docs.writers.docx import write_docx

    project = load_project(root)
    _, numbering = validated(project)
    doc = stamped(compose_convention(project, numbering), provenance(project))
    target = root / "output" / "convention.docx"
    target.parent.mkdir(parents=True, exist_ok=True)
    write_docx(doc, target, root / "templates" / "convention.docx")
    return target


def fresh_project(dest: Path) -> Path:
    root = copy_project(dest)
    build_docx(root)
    return root


def review_everything(built: Path, target: Path) -> Path:
    """The four edits of the issue and two comments, as a reviewer makes them in Word."""
    review = Review(built)
    review.replace_words("Gérer les paies, les indemnités", "paies", "salaires")
    review.insert_after("Promouvoir le droit individuel à la formation", "Suivre les formations des agents du CCAS,")
    review.delete_paragraph("Les prises de décision relèvent néanmoins de la compétence du CCAS.")
    review.replace_words("Direction des Ressources Humaines de l'année N-1", "5\u202f%", "4\u202f%")
    review.comment(
        "Le/la Directeur/trice des Ressources Humaines", "référents de la Direction", "Qui exactement ? À préciser."
    )
    review.comment("Conduire les procédures disciplinaires", "procédures disciplinaires", "Avec le Centre de Gestion ?")
    return review.save(target)


def run_import(root: Path, reviewed: Path, *args: str) -> Run:
    return invoke("import", str(reviewed), str(root), *args)


def accepted_texts(path: Path) -> list[str]:
    """The oracle: every non-empty paragraph once all revisions are accepted (docx-revisions)."""
    reviewed = RevisionDocument(str(path))
    reviewed.accept_all()
    buffer = io.BytesIO()
    reviewed.save(buffer)
    buffer.seek(0)
    return [_hyphen(p.text) for p in RevisionDocument(docx.Document(buffer)).all_paragraphs if p.text.strip()]


def _hyphen(text: str) -> str:
    """python-docx reads Word's ``w:noBreakHyphen`` as « - »; a U+2011 in a ``w:t`` is the same hyphen."""
    return text.replace("\u2011", "-")


def texts(path: Path) -> list[str]:
    return [_hyphen(p.text) for p in RevisionDocument(str(path)).all_paragraphs if p.text.strip()]


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the project except the built DOCX (to prove that nothing was written)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "output/convention.docx" not in p.as_posix()
    }


def document_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode()


def rewrite_document_xml(path: Path, target: Path, edit) -> Path:
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/document.xml"] = edit(parts["word/document.xml"].decode()).encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return target
