"""``verify --rebuild VERSION``: the sealed files are proved byte-identical to a rebuild from the sources."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from signing_fixtures import SEALED, VERSION, completed_project, run

GIT = ("git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false")


@pytest.fixture(scope="module")
def sealed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A completed project in a git repository, committed, then sealed (the manifest records the commit)."""
    root = tmp_path_factory.mktemp("git") / "projet"
    completed_project(root)
    subprocess.run([*GIT, "init", "-q", str(root)], check=True)
    subprocess.run([*GIT, "-C", str(root), "add", "."], check=True)
    subprocess.run([*GIT, "-C", str(root), "commit", "-q", "-m", "convention"], check=True)
    assert run("seal", str(root)).exit_code == 0
    return root


def _copy(sealed: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(sealed, tmp_path / "projet"))


def test_manifest_records_the_commit_of_a_clean_tree(sealed: Path) -> None:
    manifest = json.loads((sealed / "signatures" / VERSION / "manifeste.json").read_text(encoding="utf-8"))
    head = subprocess.run([*GIT, "-C", str(sealed), "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    assert manifest["commit"] == head.strip()


def test_rebuild_is_byte_identical(sealed: Path) -> None:
    result = run("verify", "--rebuild", VERSION, "--projet", str(sealed))
    assert result.exit_code == 0, result.output
    assert "identique à l'octet" in result.stdout
    assert "convention.pdf : identique" in result.stdout and "convention.docx : identique" in result.stdout


def test_changed_source_is_taken_from_git_history(sealed: Path, tmp_path: Path) -> None:
    root = _copy(sealed, tmp_path)
    path = root / "convention.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("duree_ans: 3", "duree_ans: 4"), encoding="utf-8")
    subprocess.run([*GIT, "-C", str(root), "commit", "-q", "-am", "durée"], check=True)
    result = run("verify", "--rebuild", VERSION, "--projet", str(root))
    assert result.exit_code == 0, result.output
    assert "sources du commit" in result.stdout


def test_changed_source_without_history_is_named(sealed: Path, tmp_path: Path) -> None:
    root = _copy(sealed, tmp_path)
    shutil.rmtree(root / ".git")
    path = root / "annexes" / "rh.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# note\n", encoding="utf-8")
    result = run("verify", "--rebuild", VERSION, "--projet", str(root))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": erreur: " in line]
    assert len(errors) == 1
    assert errors[0].startswith("annexes/rh.yaml: erreur: source modifiée depuis le scellement")


def test_rebuild_that_no_longer_matches_names_the_file(sealed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ccas_docs.signing.fields as fields

    monkeypatch.setattr(fields, "INSET", fields.INSET + 1)  # a tool that places the fields 1 pt differently
    result = run("verify", "--rebuild", VERSION, "--projet", str(sealed))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": erreur: " in line]
    assert len(errors) == 1 and errors[0].startswith(f"signatures/{VERSION}/convention.pdf: erreur: la reconstruction")
    assert "n'est pas identique" in result.stderr


def test_tampered_sealed_file_is_named(sealed: Path, tmp_path: Path) -> None:
    root = _copy(sealed, tmp_path)
    docx = root / "signatures" / VERSION / "convention.docx"
    docx.write_bytes(docx.read_bytes() + b"\0")
    result = run("verify", "--rebuild", VERSION, "--projet", str(root))
    assert result.exit_code == 1
    assert f"signatures/{VERSION}/convention.docx: erreur: fichier scellé modifié" in result.stderr
    assert (root / SEALED).is_file()


def test_unknown_version(sealed: Path) -> None:
    result = run("verify", "--rebuild", "avenant-009", "--projet", str(sealed))
    assert result.exit_code == 1 and "manifeste introuvable" in result.stderr
    bad = run("verify", "--rebuild", "nimporte", "--projet", str(sealed))
    assert bad.exit_code == 1 and "identifiant de version « nimporte » invalide" in bad.stderr
