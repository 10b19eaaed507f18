"""``seal --avenant N`` and ``seal --at DATE``: the avenant itself and the convention in force,
sealed like the original (refused while anything is to complete), and recognised by ``verify``."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest
from conftest import ProjectCopy
from docx import Document as WordDocument
from pypdf import PdfReader
from signing_fixtures import completed_project, register_lines, run, sha

from ccas_docs.signing.xmp import read_properties

AVENANT, CONSOLIDATED = "avenant-001", "consolidee-2026-09-01"


@pytest.fixture(scope="module")
def sealed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("versions") / "projet"
    completed_project(root)
    for args in (("--avenant", "1"), ("--at", "2026-09-01")):
        result = run("seal", str(root), *args)
        assert result.exit_code == 0, result.output
    return root


def _text(pdf: Path) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(pdf).pages).replace("\n", " ")


@pytest.mark.parametrize(
    ("version", "name"), [(AVENANT, "avenant-001"), (CONSOLIDATED, "convention")], ids=["avenant", "consolidee"]
)
def test_sealed_folder_manifest_register_and_xmp(sealed: Path, version: str, name: str) -> None:
    folder = sealed / "signatures" / version
    assert sorted(p.name for p in folder.iterdir()) == [f"{name}.docx", f"{name}.pdf", "manifeste.json"]
    manifest = json.loads((folder / "manifeste.json").read_text(encoding="utf-8"))
    assert manifest["version"] == version
    assert manifest["fichiers"][f"{name}.pdf"]["sha256"] == sha(folder / f"{name}.pdf")
    assert any(p.startswith("avenants/") for p in manifest["sources"])
    assert any(line.startswith(f"{version};scellement;") for line in register_lines(sealed))
    with pikepdf.open(folder / f"{name}.pdf") as pdf:
        assert read_properties(pdf)["version"] == version
        assert [str(f.T) for f in pdf.Root.AcroForm.Fields] == ["maire", "ccas"]
    text = _text(folder / f"{name}.pdf")
    assert "PROJET" not in text and "À COMPLÉTER" not in text


def test_avenant_seal_is_the_avenant_text(sealed: Path) -> None:
    text = _text(sealed / "signatures" / AVENANT / "avenant-001.pdf")
    assert (
        "Il est convenu ce qui suit" in text and "Le présent avenant prend effet le 1er\u00a0juillet\u00a02026." in text
    )
    docx = " ".join(p.text for p in WordDocument(str(sealed / "signatures" / AVENANT / "avenant-001.docx")).paragraphs)
    assert "Il est convenu ce qui suit" in docx


def test_consolidated_seal_is_the_text_in_force(sealed: Path) -> None:
    text = _text(sealed / "signatures" / CONSOLIDATED / "convention.pdf")
    assert "Version consolidée au 1er septembre 2026, intégrant l’avenant n° 1" in text.replace("\u00a0", " ")


@pytest.mark.parametrize("path", [f"{AVENANT}/avenant-001.pdf", f"{CONSOLIDATED}/convention.pdf"])
def test_verify_recognises_them(sealed: Path, path: str) -> None:
    result = run("verify", str(sealed / "signatures" / path), "--projet", str(sealed))
    assert result.exit_code == 0, result.output
    assert f"version « {path.split('/')[0]} » (version scellée)" in result.stdout


def test_sealing_again_is_a_no_op(sealed: Path, tmp_path: Path) -> None:
    import shutil

    copy = shutil.copytree(sealed, tmp_path / "p")
    before = register_lines(copy)
    result = run("seal", str(copy), "--avenant", "1")
    assert result.exit_code == 0 and "déjà scellée" in result.stderr
    assert register_lines(copy) == before


@pytest.mark.parametrize("args", [("--avenant", "1"), ("--at", "2026-09-01")], ids=["avenant", "consolidee"])
def test_refused_while_placeholders_remain(project: ProjectCopy, args: tuple[str, str]) -> None:
    result = run("seal", str(project.root), *args)
    assert result.exit_code == 1
    assert "à remplir avant de sceller" in result.stderr and "Rien n'a été scellé" in result.stderr
    assert not list(project.root.glob("signatures/*/manifeste.json"))


def test_unknown_avenant_and_both_options_are_refused(tmp_path: Path) -> None:
    root = tmp_path / "p"
    completed_project(root)
    unknown = run("seal", str(root), "--avenant", "7")
    assert unknown.exit_code == 1 and "avenant n° 7 inconnu" in unknown.stderr.replace("\u00a0", " ")
    both = run("seal", str(root), "--avenant", "1", "--at", "2026-09-01")
    assert both.exit_code == 1 and "ne se combinent pas" in both.stderr
    assert not list(root.glob("signatures/*/manifeste.json"))
