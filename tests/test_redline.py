"""The redline: accepting every revision gives the consolidated convention, rejecting every one the original.

The run-level revisions are resolved by ``docx-revisions`` (a test-only oracle that knows nothing
of this tool); the paragraph marks and table rows, which it does not handle, by the OOXML rules:
a paragraph whose mark is deleted (accept) or inserted (reject) disappears, and so does a row.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, ProjectCopy
from docx.oxml.ns import qn
from docx_revisions import RevisionDocument
from test_versions import EVERY_KIND, without_avenants, write_avenant

from ccas_docs.compose.convention import compose_convention, consolidation_line
from ccas_docs.jobs.redline import avenant_versions, redline, version_line
from ccas_docs.model.numbering import number_project
from ccas_docs.model.project import load_project
from ccas_docs.writers.docx import render_docx

TEMPLATE = ROOT / "templates" / "convention.docx"


def resolved_text(data: bytes, accept: bool) -> list[str]:
    """Every paragraph's text, in document order, once every revision is accepted (or rejected)."""
    rdoc = RevisionDocument(io.BytesIO(data))
    if accept:
        rdoc.accept_all()
    else:
        rdoc.reject_all()
    body = rdoc.document.element.body
    gone, kept = (qn("w:del"), qn("w:ins")) if accept else (qn("w:ins"), qn("w:del"))
    for tr in list(body.iter(qn("w:tr"))):
        pr = tr.find(qn("w:trPr"))
        if pr is not None and pr.find(gone) is not None:
            tr.getparent().remove(tr)
        elif pr is not None and pr.find(kept) is not None:
            pr.remove(pr.find(kept))
    out: list[str] = []
    for p in list(body.iter(qn("w:p"))):
        text = "".join(t.text or "" for t in p.iter(qn("w:t"), qn("w:delText")))
        marks = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
        if marks is not None and marks.find(gone) is not None:
            assert text == "", f"a paragraph whose mark is removed keeps text: {text!r}"
            p.getparent().remove(p)
            continue
        if marks is not None and marks.find(kept) is not None:
            marks.remove(marks.find(kept))
        out.append(text)
    for element in body.iter(qn("w:ins"), qn("w:del")):
        raise AssertionError(f"revision left after resolving: {element.tag} in {element.getparent().tag}")
    return out


def plain_text(data: bytes) -> list[str]:
    body = RevisionDocument(io.BytesIO(data)).document.element.body
    assert next(body.iter(qn("w:ins"), qn("w:del")), None) is None
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]


def convention_docx(project, line: str = "") -> bytes:
    return render_docx(compose_convention(project, number_project(project), line), TEMPLATE)


def revision_ids(data: bytes) -> tuple[list[str], list[str]]:
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    from lxml import etree

    root = etree.fromstring(xml)
    revisions = [e.get(qn("w:id")) for e in root.iter(qn("w:ins"), qn("w:del"))]
    bookmarks = [e.get(qn("w:id")) for e in root.iter(qn("w:bookmarkStart"))]
    return revisions, bookmarks


def _check(root: Path, numero: int, tmp: Path) -> bytes:
    result = redline(root, tmp / "out", avenant=numero)
    assert result.path == tmp / "out" / f"redline-avenant-{numero:03d}.docx"
    data = result.path.read_bytes()
    before, after = avenant_versions(load_project(root), numero)
    # the consolidated convention as « build --at <effective date> » writes it; the original as « build »
    line = consolidation_line(after.date, after.avenants)
    assert resolved_text(data, accept=True) == plain_text(convention_docx(after.project, line))
    assert resolved_text(data, accept=False) == plain_text(convention_docx(before.project, version_line(before)))
    revisions, bookmarks = revision_ids(data)
    assert revisions and len(set(revisions)) == len(revisions)
    assert not set(revisions) & set(bookmarks)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    author = after.avenant.label
    assert f'w:author="{author}"' in xml
    assert f'w:date="{after.date.isoformat()}T00:00:00Z"' in xml
    return data


def test_shipped_avenant_accept_all_is_the_consolidated_text_reject_all_the_original(tmp_path: Path) -> None:
    data = _check(ROOT, 1, tmp_path)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    # word by word: only the billed base changes in the cost clause, in the run's own format
    assert '<w:delText xml:space="preserve">du service communication</w:delText>' in xml
    assert "de la Direction Générale Adjointe du pôle ressources</w:t>" in xml


def test_every_kind_of_change_accept_and_reject(project: ProjectCopy, tmp_path: Path) -> None:
    without_avenants(project)
    shutil.copytree(ROOT / "templates", project.path("templates"))
    write_avenant(project, 1, "2026-01-01", EVERY_KIND)
    data = _check(project.root, 1, tmp_path)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    # whole paragraphs inserted and deleted carry the paragraph-mark revision
    assert '<w:pPr><w:pStyle w:val="Normal"/><w:rPr><w:ins ' in xml or "<w:rPr><w:ins " in xml
    assert "<w:rPr><w:del " in xml
    # the removed annex and its table rows are deleted, the new one inserted
    assert "<w:trPr><w:cantSplit/><w:del " in xml or "<w:del w:id" in xml
    assert "Fonction événementielle" in xml
    assert "relèvent néanmoins" not in plain_text(
        convention_docx(avenant_versions(load_project(project.root), 1)[1].project)
    )


def test_redline_is_reproducible(tmp_path: Path) -> None:
    first = redline(ROOT, tmp_path / "a", avenant=1).path.read_bytes()
    second = redline(ROOT, tmp_path / "b", avenant=1).path.read_bytes()
    assert first == second


def test_period_redline_matches_the_avenant_redline(tmp_path: Path) -> None:
    by_dates = redline(ROOT, tmp_path, start=dt.date(2025, 1, 1), end=dt.date(2026, 7, 1))
    assert by_dates.path.name == "redline-2025-01-01-2026-07-01.docx"
    assert by_dates.path.read_bytes() != b""
    assert resolved_text(by_dates.path.read_bytes(), True) == resolved_text(
        redline(ROOT, tmp_path, avenant=1).path.read_bytes(), True
    )


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice absent")
def test_libreoffice_opens_the_redline(tmp_path: Path) -> None:
    path = redline(ROOT, tmp_path, avenant=1).path
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / f"{path.stem}.pdf").pages)
    # LibreOffice shows both sides of a tracked change
    assert "service communication" in text and "pôle ressources" in text


def test_redline_command(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ccas_docs.cli.main import main

    result = CliRunner().invoke(main, ["redline", str(ROOT), "--avenant", "1", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "redline-avenant-001.docx").is_file()
    assert "convention initiale → avenant n° 1 : 1 modifié(s)" in result.output.replace("\u00a0", " ")
    usage = CliRunner().invoke(main, ["redline", str(ROOT), "-o", str(tmp_path)])
    assert usage.exit_code == 2 and "--avenant" in usage.output
    unknown = CliRunner().invoke(main, ["redline", str(ROOT), "--avenant", "4", "-o", str(tmp_path)])
    assert unknown.exit_code == 1 and "avenant n° 4 inconnu" in unknown.output.replace("\u00a0", " ")
    outside = CliRunner().invoke(main, ["redline", str(ROOT), "--from", "2020-01-01", "--to", "2026-07-01"])
    assert outside.exit_code == 1 and "hors de la convention" in outside.output
    assert "Traceback" not in unknown.output + outside.output
