"""LibreOffice engine: DOCX → PDF/A-2b in one ``soffice`` call, reproducible, with clear errors.

The real conversions are skipped when LibreOffice is not installed; the error paths use fake
``soffice`` scripts (``$CCAS_DOCS_SOFFICE``) and always run.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import stat
import time
from pathlib import Path

import docx
import pikepdf
import pytest
from pypdf import PdfReader

from ccas_docs.common.diagnostics import UserError
from ccas_docs.writers.libreoffice import ENV_EXECUTABLE, NOT_INSTALLED, convert_docx_to_pdf

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) n'est pas installé")
DAY = dt.date(2025, 1, 1)


def make_docx(path: Path, *paragraphs: str, created: dt.datetime = dt.datetime(2025, 1, 1)) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.core_properties.created = created
    document.core_properties.modified = created
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def script(path: Path, body: str) -> Path:
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(path).pages)


def alive(pid: int) -> bool:
    """Whether the process exists and is not a zombie waiting to be reaped by init."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


# --- real conversions ------------------------------------------------------------------------------


@needs_soffice
def test_two_files_in_one_call_even_with_the_same_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = make_docx(tmp_path / "a" / "document.docx", "Premier document : 5\u202f% des charges.")
    second = make_docx(tmp_path / "b" / "document.docx", "Second document : 1\u202f234,56\u202f€.")
    log = tmp_path / "appels.log"
    wrapper = script(tmp_path / "soffice-wrapper", f'echo "$@" >> "{log}"\nexec "{SOFFICE}" "$@"\n')
    monkeypatch.setenv(ENV_EXECUTABLE, str(wrapper))

    out = tmp_path / "sortie"
    convert_docx_to_pdf([(first, out / "premier.pdf"), (second, out / "second.pdf")], date=DAY)

    calls = log.read_text(encoding="utf-8").splitlines()
    assert len(calls) == 1, "one soffice process for the whole batch"
    assert calls[0].count(".docx") == 2 and "--headless" in calls[0] and "-env:UserInstallation=file://" in calls[0]
    assert "SelectPdfVersion" in calls[0]
    assert sorted(p.name for p in out.iterdir()) == ["premier.pdf", "second.pdf"]
    assert "Premier document" in pdf_text(out / "premier.pdf")
    assert "Second document" in pdf_text(out / "second.pdf")
    with pikepdf.open(out / "premier.pdf") as pdf:
        assert pdf.open_metadata().pdfa_status == "2B"
        assert str(pdf.docinfo.CreationDate) == str(pdf.docinfo.ModDate) == "D:20250101000000Z"
        assert str(pdf.docinfo.Producer).startswith("LibreOffice")
        assert "/DocChecksum" not in pdf.trailer
        xmp = pdf.open_metadata()
        assert xmp["xmp:CreateDate"].startswith("2025-01-01T00:00:00")
        assert xmp["xmp:ModifyDate"].startswith("2025-01-01T00:00:00")


@needs_soffice
def test_reproducible_bytes_across_runs(tmp_path: Path) -> None:
    source = make_docx(tmp_path / "convention.docx", "Article 1 – Objet", "La présente convention…")
    convert_docx_to_pdf([(source, tmp_path / "un" / "convention.pdf")], date=DAY)
    time.sleep(1.1)  # a different second: LibreOffice's own timestamps would differ
    convert_docx_to_pdf([(source, tmp_path / "deux" / "convention.pdf")], date=DAY)
    one = (tmp_path / "un" / "convention.pdf").read_bytes()
    two = (tmp_path / "deux" / "convention.pdf").read_bytes()
    assert one == two
    with pikepdf.open(io.BytesIO(one)) as pdf:
        first, second = (bytes(x) for x in pdf.trailer.ID)
        assert len(first) == 16 and first != b"\0" * 16 and second


@needs_soffice
def test_date_defaults_to_the_docx_creation_date(tmp_path: Path) -> None:
    source = make_docx(tmp_path / "fiche.docx", "Fiche", created=dt.datetime(2026, 3, 4, 15, 16, 17))
    convert_docx_to_pdf([(source, tmp_path / "fiche.pdf")])
    with pikepdf.open(tmp_path / "fiche.pdf") as pdf:
        assert str(pdf.docinfo.CreationDate) == "D:20260304000000Z"


# --- errors ------------------------------------------------------------------------------------------


def test_not_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = make_docx(tmp_path / "a.docx", "x")
    monkeypatch.setenv(ENV_EXECUTABLE, "/nonexistent/soffice")
    with pytest.raises(UserError) as caught:
        convert_docx_to_pdf([(source, tmp_path / "a.pdf")])
    assert NOT_INSTALLED in str(caught.value)
    assert "libreoffice-writer-nogui" in str(caught.value) and "--pdf-engine weasyprint" in str(caught.value)
    assert not (tmp_path / "a.pdf").exists()


def test_hanging_libreoffice_is_killed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = make_docx(tmp_path / "a.docx", "x")
    pids = tmp_path / "pids"
    # the fake soffice starts a child, like the real wrapper script does, and both hang
    fake = script(tmp_path / "soffice", f'sleep 30 &\necho $$ $! > "{pids}"\nwait\n')
    monkeypatch.setenv(ENV_EXECUTABLE, str(fake))
    started = time.monotonic()
    with pytest.raises(UserError) as caught:
        convert_docx_to_pdf([(source, tmp_path / "a.pdf")], timeout=1)
    assert time.monotonic() - started < 10
    assert "LibreOffice n'a pas répondu en 1 s : conversion abandonnée" in str(caught.value)
    group = [int(p) for p in pids.read_text().split()]
    assert len(group) == 2
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in group) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in group), "the whole process group is gone"
    assert not (tmp_path / "a.pdf").exists()


def test_no_pdf_produced_names_the_docx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = make_docx(tmp_path / "bon.docx", "x")
    bad = make_docx(tmp_path / "abime.docx", "y")
    model = tmp_path / "modele.pdf"
    with pikepdf.new() as blank:
        blank.add_blank_page()
        blank.save(model)
    # a fake soffice that « converts » bon.docx only, and complains about the other one
    body = 'out=""; prev=""\nfor a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done\n'
    body += f'mkdir -p "$out" && cp "{model}" "$out/bon.pdf"\n'
    body += 'echo "Error: source file could not be loaded" >&2\n'
    monkeypatch.setenv(ENV_EXECUTABLE, str(script(tmp_path / "soffice", body)))
    with pytest.raises(UserError) as caught:
        convert_docx_to_pdf([(good, tmp_path / "bon.pdf"), (bad, tmp_path / "abime.pdf")])
    (diagnostic,) = caught.value.diagnostics
    message = diagnostic.format()
    assert message.startswith(f"{bad}: erreur: LibreOffice n'a produit aucun PDF pour ce fichier DOCX [pdf]")
    assert "source file could not be loaded" in message
    # all or nothing: the batch failed, no PDF is written
    assert not (tmp_path / "bon.pdf").exists() and not (tmp_path / "abime.pdf").exists()


def test_missing_docx(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="fichier DOCX introuvable"):
        convert_docx_to_pdf([(tmp_path / "absent.docx", tmp_path / "absent.pdf")])


def test_empty_batch_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_EXECUTABLE, "/nonexistent/soffice")
    convert_docx_to_pdf([])
    assert os.environ[ENV_EXECUTABLE] == "/nonexistent/soffice"
