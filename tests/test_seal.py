"""``ccas-docs seal``: the frozen version, its PDF/A properties, its fields, its manifest and register."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader
from signing_fixtures import SEALED, VERSION, completed_project, register_lines, run, sha

from ccas_docs.signing.xmp import read_properties


@pytest.fixture(scope="module")
def sealed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("scelle") / "projet"
    completed_project(root)
    result = run("seal", str(root))
    assert result.exit_code == 0, result.output
    return root


def test_seal_writes_the_version_folder_and_registers_it(sealed: Path) -> None:
    folder = sealed / "signatures" / VERSION
    assert sorted(p.name for p in folder.iterdir()) == ["convention.docx", "convention.pdf", "manifeste.json"]
    manifest = json.loads((folder / "manifeste.json").read_text(encoding="utf-8"))
    assert manifest["version"] == VERSION
    for name in ("convention.pdf", "convention.docx"):
        assert manifest["fichiers"][name]["sha256"] == sha(folder / name)
    assert {"convention.yaml", "services.yaml", "templates/print.css", "annexes/rh.yaml"} <= set(manifest["sources"])
    assert manifest["sources"]["convention.yaml"] == sha(sealed / "convention.yaml")
    assert manifest["outil"].startswith("ccas-docs ")
    lines = register_lines(sealed)
    assert len(lines) == 2 and lines[1].startswith(f"{VERSION};scellement;")
    assert sha(folder / "convention.pdf") in lines[1] and "convention.yaml=" in lines[1]
    assert not list((sealed / "signatures").glob(".sceau-*"))


def test_version_and_sources_hash_are_in_the_xmp(sealed: Path) -> None:
    manifest = json.loads((sealed / "signatures" / VERSION / "manifeste.json").read_text(encoding="utf-8"))
    with pikepdf.open(sealed / SEALED) as pdf:
        props = read_properties(pdf)
        xmp = pdf.Root.Metadata.read_bytes().decode()
    assert props["version"] == VERSION
    assert props["empreinteSources"] == manifest["empreinte_sources"]
    assert props["outil"] == manifest["outil"]
    # in schemas PDF/A predefines (no extension schema needed)
    assert f"<dc:identifier>{VERSION}</dc:identifier>" in xmp
    assert f"<dc:source>sha256:{manifest['empreinte_sources']}</dc:source>" in xmp


def test_sealed_pdf_keeps_pdfa_properties(sealed: Path) -> None:
    with pikepdf.open(sealed / SEALED) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1" and "/DestOutputProfile" in intent
        assert not pdf.is_encrypted and "/ID" in pdf.trailer
        assert "/Info" not in pdf.trailer  # the XMP packet alone carries the metadata
        assert "/NeedAppearances" not in pdf.Root.AcroForm
        assert "/JavaScript" not in pdf.Root.get("/Names", {})
        for page in pdf.pages:
            for font in page.Resources.get("/Font", {}).values():
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                assert "/FontFile2" in descendant.FontDescriptor or "/FontFile3" in descendant.FontDescriptor


def test_one_empty_field_per_signatory_with_print_flag_and_appearance(sealed: Path) -> None:
    with pikepdf.open(sealed / SEALED) as pdf:
        fields = list(pdf.Root.AcroForm.Fields)
        assert [str(f.T) for f in fields] == ["maire", "ccas"]
        for f in fields:
            assert f.FT == "/Sig" and "/V" not in f
            assert int(f.F) == 132  # print + locked
            assert f.AP.N.Subtype == "/Form" and f.AP.N.BBox
        assert "Paul Santini" in str(fields[0].TU) and "Marie Orsini" in str(fields[1].TU)


def _text_positions(page) -> dict[str, tuple[float, float]]:
    found: dict[str, tuple[float, float]] = {}

    def visit(text, cm, tm, font, size):  # noqa: ARG001
        if text.strip():
            found.setdefault(text.strip(), (tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    return found


def test_fields_fall_under_each_signatory_on_the_signature_page(sealed: Path) -> None:
    reader = PdfReader(sealed / SEALED)
    with pikepdf.open(sealed / SEALED) as pdf:
        fields = {str(f.T): (f, pdf.pages.index(pikepdf.Page(f.P))) for f in pdf.Root.AcroForm.Fields}
        rects = {name: [float(v) for v in f.Rect] for name, (f, _) in fields.items()}
        pages = {name: index for name, (_, index) in fields.items()}
    assert pages["maire"] == pages["ccas"]
    page = reader.pages[pages["maire"]]
    text = page.extract_text()
    assert "Signatures" in text and "Paul Santini" in text and "Marie Orsini" in text
    positions = _text_positions(page)
    for name, signatory in (("maire", "Monsieur Paul Santini"), ("ccas", "Madame Marie Orsini")):
        x1, y1, x2, y2 = rects[name]
        sx, sy = next(pos for text, pos in positions.items() if signatory in text)
        assert x1 - 10 <= sx <= x2, f"{name}: the field is not in the signatory's column"
        assert y2 < sy, f"{name}: the field is not below the signatory's name"
        assert x2 - x1 > 150 and y2 - y1 > 80  # room for a stamp
    assert rects["maire"][2] < rects["ccas"][0]  # two columns, the commune on the left


def test_sealed_text_has_no_placeholder(sealed: Path) -> None:
    text = "".join(page.extract_text() for page in PdfReader(sealed / SEALED).pages)
    assert "À COMPLÉTER" not in text and "PROJET" not in text


def test_second_seal_of_unchanged_sources_is_a_no_op(sealed: Path) -> None:
    before = {p.name: sha(p) for p in (sealed / "signatures" / VERSION).iterdir()}
    lines = register_lines(sealed)
    result = run("seal", str(sealed))
    assert result.exit_code == 0, result.output
    assert "déjà scellée" in result.stderr and "rien à faire" in result.stderr
    assert {p.name: sha(p) for p in (sealed / "signatures" / VERSION).iterdir()} == before
    assert register_lines(sealed) == lines


def test_changed_source_under_the_same_version_is_refused(sealed: Path, tmp_path: Path) -> None:
    import shutil

    root = Path(shutil.copytree(sealed, tmp_path / "projet"))
    before = sha(root / SEALED)
    lines = register_lines(root)
    text = (root / "convention.yaml").read_text(encoding="utf-8")
    (root / "convention.yaml").write_text(text.replace("duree_ans: 3", "duree_ans: 4"), encoding="utf-8")
    result = run("seal", str(root))
    assert result.exit_code == 1
    assert "convention.yaml: erreur: la version « convention-originale » est déjà scellée" in result.stderr
    assert "avenant" in result.stderr
    assert sha(root / SEALED) == before and register_lines(root) == lines


def test_reproducible_two_folders_same_bytes(sealed: Path, tmp_path: Path) -> None:
    other = tmp_path / "ailleurs" / "projet"
    completed_project(other)
    assert run("seal", str(other)).exit_code == 0
    for name in ("convention.pdf", "convention.docx", "manifeste.json"):
        a = (sealed / "signatures" / VERSION / name).read_bytes()
        b = (other / "signatures" / VERSION / name).read_bytes()
        assert a == b, f"{name} differs between two seals of the same sources"
    with pikepdf.open(io.BytesIO((other / SEALED).read_bytes())) as pdf:
        assert len(pdf.trailer.ID) == 2


def test_build_writes_drafts_elsewhere_and_says_so(sealed: Path) -> None:
    import docx

    before = {p.name: sha(p) for p in (sealed / "signatures" / VERSION).iterdir()}
    result = run("build", str(sealed))
    assert result.exit_code == 0, result.output
    assert "« ccas-docs seal »" in result.stderr
    pages = PdfReader(sealed / "output" / "convention.pdf").pages
    assert all("PROJET" in page.extract_text() for page in pages)
    sections = docx.Document(str(sealed / "output" / "convention.docx")).sections
    headers = [p.text for s in sections for p in s.header.paragraphs]
    assert any(text.startswith("PROJET – ") for text in headers)
    sealed_docx = docx.Document(str(sealed / "signatures" / VERSION / "convention.docx")).sections
    assert not any("PROJET" in p.text for s in sealed_docx for p in s.header.paragraphs)
    assert {p.name: sha(p) for p in (sealed / "signatures" / VERSION).iterdir()} == before


def test_interrupted_seal_is_recovered(tmp_path: Path) -> None:
    """Left by a killed run: a staging folder (removed by the next run) or a sealed folder not yet
    registered (registered by the next run, files untouched)."""
    import os
    import shutil
    import time

    root = tmp_path / "projet"
    completed_project(root)
    assert run("seal", str(root)).exit_code == 0
    folder = root / "signatures" / VERSION
    before = {p.name: sha(p) for p in folder.iterdir()}
    # killed between the rename and the append: no register line yet, the head announces the files
    from ccas_docs.jobs.sealed import register

    (root / "signatures" / "registre.csv").unlink()
    (root / "signatures" / "registre.tete").unlink()
    reg = register(root)
    with reg.locked():
        reg.announce({f"signatures/{VERSION}/{n}": sha(folder / n) for n in ("convention.pdf", "convention.docx")})
    leftover = root / "signatures" / ".sceau-abandonne"
    (leftover / VERSION).mkdir(parents=True)
    old = time.time() - 3600
    os.utime(leftover, (old, old))
    result = run("seal", str(root))
    assert result.exit_code == 0, result.output
    assert not leftover.exists()
    assert {p.name: sha(p) for p in folder.iterdir()} == before
    lines = register_lines(root)
    assert len(lines) == 2 and lines[1].startswith(f"{VERSION};scellement;")
    shutil.rmtree(folder)  # a registered version whose folder is gone: refused, nothing rewritten
    gone = run("seal", str(root))
    assert gone.exit_code == 1 and "a disparu" in gone.stderr
    assert not folder.exists()


def test_sealed_folder_without_entry_nor_announcement_is_refused(tmp_path: Path) -> None:
    """The register and its head replaced by the copy of before the seal: the sealed folder tells."""
    root = tmp_path / "projet"
    completed_project(root)
    assert run("seal", str(root)).exit_code == 0
    for name in ("registre.csv", "registre.tete"):
        (root / "signatures" / name).unlink()
    result = run("seal", str(root))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": erreur: " in line]
    assert errors == [
        "signatures/registre.csv:2:1: erreur: registre incomplet : aucune entrée n'enregistre les fichiers "
        f"signatures/{VERSION}/convention.docx, signatures/{VERSION}/convention.pdf : ses dernières entrées ont "
        "été supprimées, ou le registre et sa tête (signatures/registre.tete) remplacés par une copie plus "
        "ancienne [registre-incomplet]"
    ]
    assert register_lines(root) == []
