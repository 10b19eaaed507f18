"""The DOCX goes out to Word or LibreOffice and comes back: markers, revisions and comments survive.

Each test saves the file through LibreOffice (``soffice --headless --convert-to docx`` with a
private profile), as a reviewer using LibreOffice would; skipped when soffice is missing.
Bookmarks were chosen over content controls on this evidence: LibreOffice 7.4 keeps a bookmark's
name but drops a content control's ``w:tag`` (:func:`test_libreoffice_drops_content_control_tags`).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from importing import accepted_texts, build_docx, fresh_project, review_everything, run_import, texts
from reviewing import SOFFICE, libreoffice_round_trip

from ccas_docs.document.markers import is_marker

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) n'est pas installé")


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A built project and its reviewed DOCX, saved again by LibreOffice (once for the module)."""
    base = tmp_path_factory.mktemp("import-lo")
    root = fresh_project(base / "projet")
    relu = review_everything(root / "output" / "convention.docx", base / "relu.docx")
    return root, libreoffice_round_trip(relu, base / "lo")


def _markers(path: Path) -> set[str]:
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode()
    return {n for n in re.findall(r'w:name="([^"]+)"', xml) if is_marker(n)}


def test_markers_properties_and_table_survive_libreoffice(reviewed: tuple[Path, Path]) -> None:
    root, saved = reviewed
    built = root / "output" / "convention.docx"
    assert _markers(saved) == _markers(built) and len(_markers(built)) > 300
    with zipfile.ZipFile(saved) as z:
        names = z.namelist()
        custom = z.read("docProps/custom.xml").decode()
        tables = [z.read(n).decode() for n in names if n.startswith("customXml/") and "<reperes " in z.read(n).decode()]
    assert "ccas-docs:empreinte-sources" in custom and len(tables) == 1


def test_libreoffice_drops_content_control_tags(tmp_path: Path) -> None:
    document = docx.Document()
    p = document.add_paragraph("Un bloc dans un contrôle de contenu.")
    sdt, pr, content = OxmlElement("w:sdt"), OxmlElement("w:sdtPr"), OxmlElement("w:sdtContent")
    tag = OxmlElement("w:tag")
    tag.set(qn("w:val"), "rh/prestation/bloc")
    pr.append(tag)
    sdt.extend([pr, content])
    p._p.addprevious(sdt)
    content.append(p._p)
    document.save(str(tmp_path / "sdt.docx"))
    saved = libreoffice_round_trip(tmp_path / "sdt.docx", tmp_path / "lo")
    with zipfile.ZipFile(saved) as z:
        assert "rh/prestation/bloc" not in z.read("word/document.xml").decode()


def test_import_after_libreoffice_gives_the_accepted_text(reviewed: tuple[Path, Path], tmp_path: Path) -> None:
    import shutil

    original, saved = reviewed
    root = tmp_path / "projet"
    shutil.copytree(original, root)
    run = run_import(root, saved)
    assert run.exit_code == 0, run.stderr
    assert "« paies » → « salaires »" in run.stdout and "par Service juridique, 15/01/2026 10:00" in run.stdout
    assert "Suivre les formations des agents du CCAS," in run.stdout and "bloc supprimé" in run.stdout
    assert "sur « référents de la Direction » : Qui exactement ? À préciser." in run.stdout
    refusal = re.search(
        r"^(\S+): avertissement: la clause de coût de l'annexe 4 est générée : modifier "
        r"`facturation\.taux` dans (\S+) \[import-genere\]$",
        run.stderr,
        re.M,
    )
    assert refusal is not None, run.stderr
    oracle = accepted_texts(saved)
    rebuilt = texts(build_docx(root))
    differ = [(a, b) for a, b in zip(oracle, rebuilt, strict=True) if a != b]
    assert len(rebuilt) == len(oracle) and len(differ) == 1 and "4\u202f%" in differ[0][0]
    # the DGA follows the message: the rate changes where it lives, and the cost clause follows
    rel, line, _ = refusal.group(2).split(":")
    lines = (root / rel).read_text(encoding="utf-8").split("\n")
    assert lines[int(line) - 1] == "  taux: 5 %"
    lines[int(line) - 1] = "  taux: 4 %"
    (root / rel).write_text("\n".join(lines), encoding="utf-8")
    rebuilt = texts(build_docx(root))
    differ = [(a, b) for a, b in zip(oracle, rebuilt, strict=True) if a != b]
    assert differ == [("5\u202f%", "4\u202f%")]  # only the financial table, generated from the same rate
