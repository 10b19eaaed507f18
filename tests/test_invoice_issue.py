"""Issuing rules of ``ccas-docs invoice``: drafts (--projet), refusal while « À COMPLÉTER » is printed,
cancellation and re-issue (--annule), never overwriting an unregistered file, a hand-edited register."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from shipped import copy_shipped

from ccas_docs.cli.main import main
from ccas_docs.registry.invoices import Register, register_path

REGISTER = "data/registre-factures.csv"
HEAD = "data/registre-factures.tete"


def copy_project(target: Path, completed: bool = True) -> Path:
    return copy_shipped(target, completed=completed)


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"Python exception instead of a message: {result.exception!r}") from result.exception
    return result


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree(root: Path) -> dict[str, str]:
    """Every file under output/, the register and its head, with its SHA-256."""
    files = [p for p in (root / "output").rglob("*") if p.is_file()] if (root / "output").exists() else []
    files += [root / name for name in (REGISTER, HEAD) if (root / name).exists()]
    return {p.relative_to(root).as_posix(): sha(p) for p in files}


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return re.sub(r"[\s\u00a0\u202f]+", " ", " ".join(p.extract_text() or "" for p in PdfReader(str(path)).pages))


def location_of(root: Path, rel: str, needle: str) -> str:
    """``rel:line:col`` of the value starting with ``needle``."""
    for n, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return f"{rel}:{n}:{line.index(needle) + 1}"
    raise AssertionError(needle)


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A completed copy with the 2025 invoice issued."""
    root = copy_project(tmp_path_factory.mktemp("emise") / "projet")
    result = invoke("invoice", "--year", "2025", str(root))
    assert result.exit_code == 0, result.output
    return root


def fresh(issued: Path, tmp_path: Path) -> Path:
    root = tmp_path / "projet"
    shutil.copytree(issued, root)
    return root


# --- drafts ----------------------------------------------------------------------------------------


def test_draft_on_the_shipped_data(tmp_path: Path) -> None:
    import docx
    from pypdf import PdfReader

    root = copy_project(tmp_path / "projet", completed=False)
    result = invoke("invoice", "--year", "2025", "--projet", str(root))
    assert result.exit_code == 0, result.output
    folder = root / "output/factures/projet/2025"
    names = sorted(p.name for p in folder.iterdir())
    assert names == [f"projet-facture-2025.{ext}" for ext in ("csv", "docx", "pdf", "xlsx")]
    assert not (root / REGISTER).exists()  # nothing registered, no number consumed
    assert not (root / "output/factures/2025").exists()
    pages = PdfReader(str(folder / "projet-facture-2025.pdf")).pages
    assert len(pages) >= 2
    for page in pages:
        text = page.extract_text() or ""
        assert "PROJET" in text
        assert "2025-CCAS-" not in text
    document = docx.Document(str(folder / "projet-facture-2025.docx"))
    for section in document.sections:
        assert "PROJET" in " ".join(p.text for p in section.header.paragraphs)
    assert "N° PROJET" in result.stderr or "sans numéro" in result.stderr
    before = tree(root)
    again = invoke("invoice", "--year", "2025", "--projet", str(root))
    assert again.exit_code == 0 and tree(root) == before  # reproducible, rewritten in place


# --- refusal while placeholders are printed ---------------------------------------------------------


def test_issue_refused_while_placeholders_are_printed(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "projet", completed=False)
    result = invoke("invoice", "--year", "2025", str(root))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    for needle in (
        "À COMPLÉTER (SIRET de la commune)",
        "À COMPLÉTER (SIRET du CCAS)",
        "À COMPLÉTER (adresse de l'hôtel de ville)",
        "À COMPLÉTER (IBAN du compte au Trésor)",
        "À COMPLÉTER (nom de l'ordonnateur)",
        "À COMPLÉTER (numéro de la délibération)",
        "À COMPLÉTER (référence de la convention au registre des actes)",
    ):
        where = location_of(root, "convention.yaml", needle)
        assert f"{where}: erreur: valeur à compléter imprimée sur la facture" in result.stderr, where
    # not printed on the invoice: not blocking
    assert location_of(root, "convention.yaml", "À COMPLÉTER (date de signature)") not in result.stderr
    # the mayor's name is not printed on the invoice (the ordonnateur certifies it): not blocking
    assert (
        location_of(root, "convention.yaml", "À COMPLÉTER (nom du maire)") not in result.stderr
    )  # the ordonnateur signs
    assert "--projet" in result.stderr and "Rien n'a été émis ni enregistré." in result.stderr
    assert tree(root) == {}


# --- cancellation and re-issue ------------------------------------------------------------------------


def test_cancel_issues_a_credit_note_then_the_corrected_invoice(issued: Path, tmp_path: Path) -> None:
    root = fresh(issued, tmp_path)
    first = Register.load(register_path(root)).entries[0]
    siret = '"26200137700018"'
    conv = root / "convention.yaml"
    conv.write_text(conv.read_text(encoding="utf-8").replace(siret, '"26200137700026"'), encoding="utf-8")
    result = invoke(
        "invoice", "--annule", first.numero, "--motif", "SIRET du CCAS erroné", "--date", "05/01/2026", str(root)
    )
    assert result.exit_code == 0, result.output
    entries = Register.load(register_path(root)).entries
    assert [(e.numero, e.type, e.annee, e.total) for e in entries] == [
        (first.numero, "facture", 2025, first.total),
        ("2026-CCAS-001", "avoir", 2025, -first.total),
        ("2026-CCAS-002", "facture", 2025, first.total),
    ]
    avoir, again = entries[1:]
    assert (avoir.corrige, avoir.motif, again.remplace, again.motif) == (
        first.numero,
        "SIRET du CCAS erroné",
        first.numero,
        "SIRET du CCAS erroné",
    )
    folder = root / "output/factures/2025"
    for entry in (avoir, again):
        for name, digest in entry.files.items():
            assert sha(root / name) == digest
    avoir_text = pdf_text(folder / "2026-CCAS-001.pdf")
    assert "annule en totalité" in avoir_text and "SIRET du CCAS erroné" in avoir_text
    again_text = pdf_text(folder / "2026-CCAS-002.pdf")
    assert "26200137700026" in again_text and f"remplace l’état de refacturation n° {first.numero}" in again_text
    for name, digest in first.files.items():  # the cancelled invoice's files are kept as issued
        assert sha(root / name) == digest
    assert "annulée par l'avoir N° 2026-CCAS-001" in result.stderr

    # the year is in order: the re-issued invoice regenerates identically
    before = tree(root)
    rerun = invoke("invoice", "--year", "2025", str(root))
    assert rerun.exit_code == 0, rerun.output
    assert tree(root) == before

    # cancelled already, a credit note, a number that does not exist: refused, nothing written
    for numero, words in (
        (first.numero, f"la facture N° {first.numero} est déjà annulée par l'avoir N° 2026-CCAS-001"),
        ("2026-CCAS-001", "le N° 2026-CCAS-001 est un avoir : seule une facture s'annule"),
        ("2025-CCAS-009", "aucun document N° 2025-CCAS-009 au registre : rien à annuler"),
    ):
        refused = invoke("invoice", "--annule", numero, "--motif", "encore", str(root))
        assert refused.exit_code == 1, refused.output
        assert words in refused.stderr and "erreur" in refused.stderr
        assert tree(root) == before


def test_cancel_needs_a_reason(issued: Path) -> None:
    result = invoke("invoice", "--annule", "2025-CCAS-001", str(issued))
    assert result.exit_code == 2 and "--motif" in result.output


# --- never overwrite an issued file ---------------------------------------------------------------------


@pytest.mark.parametrize("lost", [(REGISTER,), (REGISTER, HEAD)], ids=["registre", "registre-et-tete"])
def test_register_gone_and_figures_changed_stops(issued: Path, tmp_path: Path, lost: tuple[str, ...]) -> None:
    root = fresh(issued, tmp_path)
    for name in lost:
        (root / name).unlink()
    payroll = root / "data/charges-personnel/2024.csv"
    text = payroll.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("DRH;"))
    payroll.write_text(text.replace(old, "DRH;2024;600000,00"), encoding="utf-8")
    before = tree(root)
    result = invoke("invoice", "--year", "2025", str(root))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": erreur: " in line]
    if HEAD in lost:  # the issued files on disk have no entry
        assert errors == [
            f"{REGISTER}:2:1: erreur: registre incomplet : aucune entrée n'enregistre les fichiers "
            "output/factures/2025/2025-CCAS-001.csv, output/factures/2025/2025-CCAS-001.docx, "
            "output/factures/2025/2025-CCAS-001.pdf, output/factures/2025/2025-CCAS-001.xlsx : ses dernières "
            f"entrées ont été supprimées, ou le registre et sa tête ({HEAD}) remplacés par une copie plus "
            "ancienne [registre-incomplet]"
        ]
    else:  # the head still counts the lost entry
        assert errors == [
            f"{REGISTER}:2:1: erreur: registre tronqué : le registre a disparu alors que sa tête ({HEAD}) en "
            "enregistre 1 : l'entrée 1 a été supprimée, ou le registre remplacé par une copie plus ancienne "
            "[registre-tronque]"
        ]
    assert "git checkout" in result.stderr
    assert tree(root) == before


def test_issued_file_changed_on_disk_is_not_overwritten(issued: Path, tmp_path: Path) -> None:
    root = fresh(issued, tmp_path)
    pdf = root / "output/factures/2025/2025-CCAS-001.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"\n% edited")
    before = tree(root)
    result = invoke("invoice", "--year", "2025", str(root))
    assert result.exit_code == 1
    assert "output/factures/2025/2025-CCAS-001.pdf existe déjà et n'est pas celui qu'enregistre" in result.stderr
    assert tree(root) == before


def test_hand_edited_register_is_named_and_nothing_is_issued(issued: Path, tmp_path: Path) -> None:
    root = fresh(issued, tmp_path)
    register = root / REGISTER
    register.write_text(register.read_text(encoding="utf-8-sig").replace("121938,52", "120000,00"), "utf-8-sig")
    before = tree(root)
    result = invoke("invoice", "--year", "2025", str(root))
    assert result.exit_code == 1
    assert (
        f"{REGISTER}:2:1: erreur: registre modifié à la main : entrée 1 (2025-CCAS-001) ne correspond plus"
        in result.stderr
    )
    assert tree(root) == before
