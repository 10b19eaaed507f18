"""``ccas-docs build --at DATE``: the consolidated convention in force at that date."""

from __future__ import annotations

import datetime as dt
import shutil

import docx
import pytest
from click.testing import CliRunner
from conftest import ROOT, ProjectCopy
from wordtext import word_text

from ccas_docs.checks.rules import validated
from ccas_docs.cli.main import main
from ccas_docs.compose.convention import compose_all, consolidation_line
from ccas_docs.document.tree import plain_text
from ccas_docs.model.project import load_project
from ccas_docs.versions.consolidate import consolidate

# as the documents print them: ’, « N‑1 » unbroken (U+2011), the dates unbroken (U+00A0)
OLD = "des charges de personnel du service communication de l’année N\u20111"
NEW = "des charges de personnel de la Direction Générale Adjointe du pôle ressources de l’année N\u20111"
JULY = "1er\u00a0juillet\u00a02026"
LINE = f"Version consolidée au {JULY}, intégrant l’avenant n\u00b0\u00a01 (effet au {JULY})"


def _docx_text(path) -> str:
    return "\n".join(word_text(p) for p in docx.Document(str(path)).paragraphs)


def test_build_at_writes_the_version_in_force_with_the_avenants_it_includes(project: ProjectCopy) -> None:
    shutil.copytree(ROOT / "templates", project.root / "templates")
    # typed as a French user writes it (JJ/MM/AAAA): the same day as 2026-07-01
    result = CliRunner().invoke(main, ["build", str(project.root), "--at", "01/07/2026"])
    assert result.exit_code == 0, result.output
    out = project.root / "output" / "consolidee-2026-07-01"
    text = _docx_text(out / "convention.docx")
    assert LINE in text
    assert NEW in text and text.count(OLD) == 1  # the communication fiche only
    dga = _docx_text(out / "annexes" / "annexe-01-dga.docx")
    assert LINE in dga and NEW in dga and OLD not in dga
    assert {p.name for p in out.iterdir()} >= {"convention.docx", "convention.html", "convention.pdf", "annexes"}
    # the original build is untouched by --at: nothing else was written
    assert not (project.root / "output" / "convention.docx").exists()


def test_the_day_before_the_avenant_is_the_original_text(project: ProjectCopy) -> None:
    loaded = load_project(project.root)
    version = consolidate(loaded, dt.date(2026, 6, 30))
    _, numbering = validated(version.project)
    line = consolidation_line(dt.date(2026, 6, 30), version.avenants)
    docs = compose_all(version.project, numbering, line)
    text = "\n".join(plain_text(docs[0]))
    assert text.count(OLD) == 2 and NEW not in text  # the DGA fiche too, as the source document says
    assert "Version consolidée au 30\u00a0juin\u00a02026\u00a0: texte initial" in text
    # without --at: the original, with no consolidation line
    original = compose_all(loaded, validated(loaded)[1])
    assert "\n".join(plain_text(original[0])).count("Version consolidée") == 0
    assert OLD in "\n".join(plain_text(original[0]))


@pytest.mark.parametrize(
    ("at", "words"),
    [("2024-12-31", "31 décembre 2024"), ("2028-01-01", "1er janvier 2028"), ("31/12/2024", "31 décembre 2024")],
    ids=["avant", "apres", "avant-jj-mm-aaaa"],
)
def test_at_outside_the_convention_is_an_error_and_writes_nothing(project: ProjectCopy, at: str, words: str) -> None:
    result = CliRunner().invoke(main, ["build", str(project.root), "--at", at])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"le {words} est hors de la convention" in result.output
    assert "du 1er janvier 2025 au 31 décembre 2027" in result.output
    assert "convention.yaml:" in result.output
    assert not (project.root / "output").exists() or not any((project.root / "output").glob("consolidee-*"))


@pytest.mark.parametrize(
    ("typed", "day"),
    [("2026-07-01", dt.date(2026, 7, 1)), ("01/07/2026", dt.date(2026, 7, 1)), ("1/7/2026", dt.date(2026, 7, 1))],
)
def test_a_day_is_typed_iso_or_french(typed: str, day: dt.date) -> None:
    from ccas_docs.cli.common import Day

    assert Day().convert(typed, None, None) == day
