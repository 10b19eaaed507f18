"""A sealed DOCX names its version in its custom property ``ccas-docs:version``, and ``import`` of a
reviewed sealed DOCX knows which version it amends (a draft avenant, even without the register)."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from importing import review_everything, run_import
from signing_fixtures import SEALED, VERSION, completed_project, run

from ccas_docs.jobs.provenance import sealed_version

DOCX = SEALED.replace(".pdf", ".docx")


@pytest.fixture(scope="module")
def sealed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("docx") / "projet"
    completed_project(root)
    result = run("seal", str(root))
    assert result.exit_code == 0, result.output
    return root


def _property(docx: Path, name: str) -> str:
    custom = zipfile.ZipFile(docx).read("docProps/custom.xml").decode("utf-8")
    match = re.search(rf'name="{re.escape(name)}"[^>]*>\s*<vt:lpwstr>([^<]*)</vt:lpwstr>', custom)
    assert match, custom
    return match.group(1)


def test_sealed_docx_carries_its_version_id(sealed: Path) -> None:
    assert _property(sealed / DOCX, "ccas-docs:version") == VERSION
    assert len(_property(sealed / DOCX, "ccas-docs:empreinte-sources")) == 64


def test_sealed_version_reads_the_register_as_seal_writes_it(sealed: Path) -> None:
    assert (sealed / "signatures/registre.csv").read_text(encoding="utf-8-sig").startswith("version;operation;")
    assert sealed_version(sealed) == VERSION


def test_import_of_a_sealed_docx_drafts_an_avenant_to_its_version(sealed: Path, tmp_path: Path) -> None:
    root = shutil.copytree(sealed, tmp_path / "p")
    (root / "signatures/registre.csv").unlink()  # the DOCX alone says it is a sealed version
    reviewed = review_everything(root / DOCX, tmp_path / "relu.docx")
    yaml_before = {p: p.read_bytes() for p in root.rglob("*.yaml")}
    result = run_import(root, reviewed)
    assert result.exit_code == 0, result.stderr
    assert "Projet d'avenant écrit" in result.stderr
    assert {p: p.read_bytes() for p in yaml_before} == yaml_before
    drafts = sorted((root / "avenants").glob("*-projet.yaml"))
    assert len(drafts) == 1
    assert f"(version scellée : {VERSION})" in drafts[0].read_text(encoding="utf-8")
