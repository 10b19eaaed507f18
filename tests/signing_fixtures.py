"""Shared set-up of the seal / sign / verify tests: a completed project sealed once, a test CA.

Sealing lays the whole convention out (seconds), so one sealed project is made per test module and
each test works on its own copy (:func:`sealed_copy`).
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner, Result
from completed import complete_placeholders, validate_drafted_articles
from conftest import ROOT, ProjectCopy
from pki import PASSWORD, TestCA

VERSION = "convention-originale"
SEALED = f"signatures/{VERSION}/convention.pdf"


def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
    """``ccas-docs ARGS`` in-process; a Python exception (not SystemExit) fails the test."""
    from ccas_docs.cli.main import main

    result = CliRunner().invoke(main, list(args), env=env, input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"Python exception: {result.exception!r}\n{result.output}") from result.exception
    assert "Traceback" not in result.output
    return result


def completed_project(root: Path) -> ProjectCopy:
    copy = ProjectCopy(root)
    shutil.copytree(ROOT / "templates", root / "templates")
    complete_placeholders(root)
    validate_drafted_articles(root)  # sealing refuses an article still « à valider »
    return copy


@dataclass
class Pki:
    ca: TestCA
    maire: Path
    ccas: Path

    @property
    def env(self) -> dict[str, str]:
        return {"CCAS_DOCS_P12_PASSWORD": PASSWORD}


def make_pki(folder: Path) -> Pki:
    ca = TestCA.create(folder)
    return Pki(ca, ca.signer("Paul Santini", "maire.p12"), ca.signer("Marie Orsini", "ccas.p12"))


def trust(root: Path, pki: Pki) -> None:
    folder = root / "signatures" / "confiance"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(pki.ca.pem, folder / "ac-test.pem")


def sealed_copy(sealed: Path, dest: Path) -> Path:
    shutil.copytree(sealed, dest)
    return dest


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def register_lines(root: Path) -> list[str]:
    path = root / "signatures" / "registre.csv"
    return path.read_text(encoding="utf-8-sig").splitlines() if path.exists() else []
