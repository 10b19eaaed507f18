"""The files' creation date is the build's or the seal's, never the convention's effective date.

``SOURCE_DATE_EPOCH`` first, then the date of the latest commit of the sources, then today; both
PDF engines write it into ``/CreationDate`` and the XMP, the DOCX into its core properties, and
``verify --rebuild`` rebuilds a sealed version with the date its sealed PDF records.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import docx
import pikepdf
import pytest
from conftest import ROOT, ProjectCopy
from signing_fixtures import SEALED, VERSION, completed_project, run

from ccas_docs.common.diagnostics import UserError
from ccas_docs.jobs.build import build
from ccas_docs.jobs.build_date import ENV, build_date, pdf_creation_day

EPOCH = 1768348800  # 14 January 2026, 00:00 UTC
DAY = dt.date(2026, 1, 14)
EFFECTIVE = dt.date(2025, 1, 1)  # the shipped convention's date d'effet, which is not a file date
GIT = ("git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false")
needs_soffice = pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice (soffice) n'est pas installé"
)


def _commit(root: Path, when: str) -> None:
    env = {**os.environ, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when}
    subprocess.run([*GIT, "init", "-q", str(root)], check=True)
    subprocess.run([*GIT, "-C", str(root), "add", "."], check=True)
    subprocess.run([*GIT, "-C", str(root), "commit", "-q", "-m", "sources"], check=True, env=env)


def _assert_pdf_dated(path: Path, day: dt.date, info: bool = True) -> None:
    """The XMP dates, and the Info dictionary's (a sealed PDF has none: the XMP alone speaks)."""
    with pikepdf.open(path) as pdf:
        stamp = day.strftime("D:%Y%m%d000000Z")
        if info:
            assert str(pdf.docinfo.CreationDate) == str(pdf.docinfo.ModDate) == stamp, path
        else:
            assert "/Info" not in pdf.trailer
        xmp = pdf.open_metadata()
        assert xmp["xmp:CreateDate"].startswith(f"{day.isoformat()}T00:00:00"), path
        assert xmp["xmp:ModifyDate"].startswith(day.isoformat()), path


# --- the rule --------------------------------------------------------------------------------------


def test_source_date_epoch_comes_first(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV, str(EPOCH + 3600 * 23))  # any time of the day gives the day
    assert build_date(ROOT, [ROOT / "convention.yaml"]) == DAY


def test_then_the_latest_commit_of_the_sources_then_today(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(ENV, raising=False)
    repo = tmp_path / "depot"
    (repo / "annexes").mkdir(parents=True)
    (repo / "convention.yaml").write_text("a: 1\n", encoding="utf-8")
    _commit(repo, "2026-01-14T15:30:00Z")
    assert build_date(repo, [repo / "convention.yaml", repo / "annexes"]) == DAY
    outside = tmp_path / "hors-depot"
    outside.mkdir()
    (outside / "convention.yaml").write_text("a: 1\n", encoding="utf-8")
    assert build_date(outside, [outside / "convention.yaml"]) == dt.datetime.now(dt.UTC).date()


def test_a_wrong_source_date_epoch_is_one_french_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, "demain")
    with pytest.raises(UserError) as caught:
        build_date(ROOT, [ROOT / "convention.yaml"])
    (problem,) = caught.value.diagnostics
    assert "SOURCE_DATE_EPOCH" in str(problem.location) and "nombre entier de secondes" in problem.message


# --- the files ------------------------------------------------------------------------------------


def _copy(tmp_path: Path) -> Path:
    copy = ProjectCopy(tmp_path / "projet")
    shutil.copytree(ROOT / "templates", copy.root / "templates")
    return copy.root


@pytest.mark.parametrize("engine", ["weasyprint", pytest.param("libreoffice", marks=needs_soffice)])
def test_build_writes_the_build_date_not_the_effective_date(
    engine: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, str(EPOCH))
    root = _copy(tmp_path)
    out = tmp_path / "sortie"
    build(root, out, engine=engine, force=True)
    for pdf in (out / "convention.pdf", out / "annexes" / "annexe-03-numerique.pdf"):
        _assert_pdf_dated(pdf, DAY)
        assert pdf_creation_day(pdf) == DAY != EFFECTIVE
    core = docx.Document(str(out / "convention.docx")).core_properties
    assert core.created.date() == core.modified.date() == DAY


def test_seal_writes_the_commit_date_and_rebuild_finds_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    root = tmp_path / "projet"
    completed_project(root)
    _commit(root, "2026-01-14T09:00:00Z")
    assert run("seal", str(root)).exit_code == 0
    _assert_pdf_dated(root / SEALED, DAY, info=False)
    assert pdf_creation_day(root / SEALED) == DAY
    # the rebuild happens elsewhere, without git, on another day: it reads the date the sealed PDF records
    monkeypatch.setenv(ENV, str(EPOCH + 86400 * 30))
    result = run("verify", "--rebuild", VERSION, "--projet", str(root))
    assert result.exit_code == 0, result.output
    assert "convention.pdf : identique" in result.stdout
