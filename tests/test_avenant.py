"""``ccas-docs avenant N``: the avenant in French legislative wording, as DOCX, HTML and PDF/A.

Each kind of change has its formula of the Guide de légistique, with the numbers of the version
the avenant amends; several changes to one annex are grouped under a chapeau.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from conftest import ROOT, ProjectCopy
from docx import Document as WordDocument
from pypdf import PdfReader
from test_versions import EVERY_KIND, without_avenants, write_avenant

from ccas_docs.cli.main import main
from ccas_docs.compose.avenant import compose_avenant
from ccas_docs.compose.legistique import ordinal
from ccas_docs.jobs.redline import avenant_versions
from ccas_docs.model.project import load_project
from ccas_docs.writers.docx import render_docx

NB = "\u00a0"


def _fold(text: str) -> str:
    """Spaces as plain spaces (the PDF and DOCX keep no-break spaces; words are what is compared), and
    a word cut at a line end by WeasyPrint's hyphenation (U+2010) joined again."""
    text = re.sub(r"(?<=\w)\u2010[ \t]*\n[ \t]*(?=\w)", "", text)
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def avenant_text(root: Path, numero: int = 1) -> list[str]:
    """The avenant's paragraphs as Word shows them (python-docx on the written DOCX)."""
    before, after = avenant_versions(load_project(root), numero)
    assert after.avenant is not None
    doc = compose_avenant(after.avenant, before, after)
    data = render_docx(doc, ROOT / "templates" / "convention.docx")
    return [_fold(p.text) for p in WordDocument(io.BytesIO(data)).paragraphs]


def articles(lines: list[str]) -> str:
    """The avenant's articles, from « Il est convenu ce qui suit : » to the signatures."""
    start, end = lines.index("Il est convenu ce qui suit :"), lines.index("Signatures")
    return "\n".join(lines[start + 1 : end])


def test_ordinals() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 9, 21)] == ["premier", "deuxième", "troisième", "neuvième", "vingt et unième"]


def test_shipped_avenant_in_every_format(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["avenant", "1", str(ROOT), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "avenants"
    assert sorted(p.name for p in folder.iterdir()) == ["avenant-001.docx", "avenant-001.html", "avenant-001.pdf"]
    sentence = (
        "À l’annexe 1, la base de calcul : « charges de personnel du service communication » est remplacée par la "
        "base de calcul : « charges de personnel de la Direction Générale Adjointe du pôle ressources »."
    )
    effect = "Le présent avenant prend effet le 1er juillet 2026."
    docx = [_fold(p.text) for p in WordDocument(str(folder / "avenant-001.docx")).paragraphs]
    for expected in ("Il est convenu ce qui suit :", "Article 1er", sentence, "Article 2", effect):
        assert expected in docx
    pdf = PdfReader(folder / "avenant-001.pdf")
    pdf_text = _fold(" ".join(page.extract_text() for page in pdf.pages))
    # the text stage's non-breaking hyphen (U+2011) is printed as Liberation's own « - », kept whole
    for expected in (
        sentence,
        effect,
        "Vu la délibération du conseil municipal",
        "Pour la Commune de Porto-Vecchio",
    ):
        assert expected in pdf_text
    with pikepdf.open(folder / "avenant-001.pdf") as opened:
        assert opened.open_metadata().pdfa_status == "2B"
        assert str(opened.docinfo.Title) == "Avenant n°\u00a01 à la convention de mutualisation de services"
    html = _fold((folder / "avenant-001.html").read_text(encoding="utf-8"))
    assert "prend effet le 1<sup>er</sup> juillet 2026" in html  # « 1er » raised


def test_every_kind_of_change_has_its_formula(project: ProjectCopy) -> None:
    without_avenants(project)
    write_avenant(project, 1, "2026-01-01", EVERY_KIND)
    lines = avenant_text(project.root)
    text = articles(lines)
    expected = [
        "À l’annexe 4, le taux : « 5 % » est remplacé par le taux : « 4 % ».",
        "La durée de la convention : « trois ans » est remplacée par la durée de la convention : « quatre ans ».",
        "Dans la désignation des parties, le nom du représentant du C.C.A.S. : « À COMPLÉTER (nom du vice-président ou"
        " de la vice-présidente) » est remplacé par le nom du représentant du C.C.A.S. : « Mme Marie Santoni ».",
        "L’article 14 est ainsi rédigé :\n« Article 14 – Révision et avenants\n"
        "Toute modification de la présente convention fait l’objet d’un avenant. »",
        "Au troisième alinéa du 1/ de l’annexe 4, les mots : « relèvent néanmoins » sont remplacés par les mots :"
        " « relèvent toujours ».",
        "Après l’article 13, il est inséré un article 13-1 ainsi rédigé :\n« Article 13-1 – Reconduction\n"
        "La convention n’est pas reconduite tacitement. »",
        "Avant le troisième alinéa du 1/ de l’annexe 4, il est inséré un alinéa ainsi rédigé :\n"
        "« Un alinéa nouveau avant la prise de décision. »",
        "L’article 16 est complété par un alinéa ainsi rédigé :\n"
        "« Le tribunal compétent est saisi par la partie la plus diligente. »",
        "L’article 15 est supprimé.",
        "L’annexe 7 est supprimée.",
        "Après l’annexe 1, il est inséré une annexe 1-1 ainsi rédigée :\n« Annexe 1-1 – Fonction événementielle",
        "Le présent avenant prend effet le 1er janvier 2026.",
    ]
    for sentence in expected:
        assert sentence in text, f"{sentence!r} not in:\n{text}"
    # one article per change (none of these share an article or an annex), then the effective date
    assert [line for line in lines if re.fullmatch(r"Article (1er|\d+)", line)] == [
        "Article 1er",
        *(f"Article {n}" for n in range(2, 13)),
    ]


def test_changes_to_one_annex_share_a_chapeau(project: ProjectCopy) -> None:
    without_avenants(project)
    target = "rh/prestation/prises-decision-relevent-neanmoins-competence-ccas"
    write_avenant(
        project,
        1,
        "2026-01-01",
        '  - parametre: {fiche: rh, champ: taux, valeur: "4 %"}\n'
        f"  - remplacer_mots: {{cible: {target}, mots: relèvent néanmoins, par: relèvent toujours}}\n"
        f"  - supprimer: {{cible: {target}}}\n",
    )
    text = articles(avenant_text(project.root))
    assert text.startswith(
        "Article 1er\n"
        "L’annexe 4 de la convention du À COMPLÉTER (date de signature) est ainsi modifiée :\n"
        "1° Le taux : « 5 % » est remplacé par le taux : « 4 % » ;\n"
        "2° Au troisième alinéa du 1/, les mots : « relèvent néanmoins » sont remplacés par les mots :"
        " « relèvent toujours » ;\n"
        "3° Le troisième alinéa du 1/ est supprimé.\n"
        "Article 2\n"
        "Le présent avenant prend effet le 1er janvier 2026."
    ), text


def test_numbers_are_those_of_the_amended_version(project: ProjectCopy) -> None:
    """A second avenant words its changes with the numbers the first one left."""
    without_avenants(project)
    write_avenant(project, 1, "2026-01-01", "  - supprimer: {cible: resiliation}\n")
    write_avenant(project, 2, "2026-06-01", "  - supprimer: {cible: litiges}\n")
    assert "L’article 15 est supprimé." in articles(avenant_text(project.root, 1))
    assert "L’article 15 est supprimé." in articles(avenant_text(project.root, 2))  # litiges was 16, now 15


def test_unknown_avenant_is_a_located_french_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["avenant", "7", str(ROOT), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "convention.yaml:" in result.output and "avenant n° 7 inconnu" in result.output.replace(NB, " ")
    assert "Traceback" not in result.output
    assert not (tmp_path / "avenants").exists() or not any((tmp_path / "avenants").iterdir())


def test_avenant_docx_is_reproducible(tmp_path: Path) -> None:
    for name in ("a", "b"):
        result = CliRunner().invoke(main, ["avenant", "1", str(ROOT), "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    for suffix in ("docx", "html", "pdf"):
        a = (tmp_path / "a" / "avenants" / f"avenant-001.{suffix}").read_bytes()
        b = (tmp_path / "b" / "avenants" / f"avenant-001.{suffix}").read_bytes()
        assert a == b, suffix


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice absent")
def test_avenant_with_libreoffice_engine(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["avenant", "1", str(ROOT), "-o", str(tmp_path), "--pdf-engine", "libreoffice"])
    assert result.exit_code == 0, result.output
    text = _fold(" ".join(p.extract_text() for p in PdfReader(tmp_path / "avenants" / "avenant-001.pdf").pages))
    assert "Le présent avenant prend effet le 1er juillet 2026." in text
