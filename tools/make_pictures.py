"""Regenerate the README's page pictures in docs/ from the shipped project, as a user sees the pages.

    python tools/make_pictures.py            # every picture below
    python tools/make_pictures.py facture    # only those whose name contains « facture »

Each picture is one PDF page rendered by poppler's ``pdftoppm`` (Debian's poppler-utils), found by
the words printed on it, so that a change of pagination picks the right page again:

- the convention built from the shipped YAML (drafts, « À COMPLÉTER » left as shipped), with
  LibreOffice (``docx-*``, the Word layout) and WeasyPrint (``html-*``);
- the avenant n° 1 (``avenant-001``), page 2;
- from a completed copy (tests/shipped.py): the 2025 invoice's first page, the sealed signature page
  and the same page signed by both signatories with throw-away test certificates (tests/pki.py).

The LibreOffice screenshots (``redline-avenant-001``, ``import-relu``) are not made here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "tests"))

from pki import PASSWORD, TestCA  # noqa: E402
from shipped import copy_shipped  # noqa: E402

SEALED = "signatures/convention-originale"


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2011", "-").split())


def page_with(pdf: Path, *words: str, first: int = 1) -> int:
    """The number of the first page (from ``first``) whose text holds every one of ``words``."""
    for n, page in enumerate(PdfReader(pdf).pages, start=1):
        if n >= first and all(w in flat(page.extract_text() or "") for w in words):
            return n
    raise SystemExit(f"{pdf}: aucune page ne contient {words}")


def picture(pdf: Path, page: int, name: str, dpi: int = 60) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), f"{tmp}/p"],
            check=True,
        )
        shutil.move(f"{tmp}/p.png", DOCS / f"{name}.png")
    print(f"docs/{name}.png ← {pdf.name}, page {page}")


def ccas_docs(*args: str, cwd: Path, env: dict[str, str] | None = None) -> None:
    subprocess.run([sys.executable, "-m", "ccas_docs.cli", *args], cwd=cwd, check=True, env=env, capture_output=True)


def convention_pictures(work: Path) -> None:
    root = copy_shipped(work / "livre")
    ccas_docs("build", cwd=root)
    ccas_docs("build", "--pdf-engine", "libreoffice", "-o", "output-lo", cwd=root)
    for engine, folder in (("docx", "output-lo"), ("html", "output")):
        pdf = root / folder / "convention.pdf"
        picture(pdf, 1, f"{engine}-couverture")
        numerique = page_with(pdf, "– Fonction numérique")  # the annex heading, not the list of annexes
        section = page_with(pdf, "Les postes de travail", "Les matériels", first=numerique)
        picture(pdf, section, f"{engine}-fiche-numerique")
        technique = page_with(pdf, "– Fonction technique")
        if engine == "docx":
            picture(pdf, page_with(pdf, "Signatures", "Fait à"), "docx-signatures")
            picture(pdf, page_with(pdf, "Commune", "C.C.A.S.", first=technique + 1), "docx-tableau-technique")
        else:
            picture(pdf, page_with(pdf, "Modalités financières", "Taux"), "html-modalites-financieres")
            picture(pdf, technique, "html-fiche-technique")
    ccas_docs("avenant", "1", cwd=root)
    picture(next((root / "output").rglob("avenant-001.pdf")), 2, "avenant-001")


def completed_pictures(work: Path) -> None:
    root = copy_shipped(work / "complete", completed=True)
    ccas_docs("invoice", "--year", "2025", cwd=root)
    picture(next((root / "output" / "factures").rglob("2025-CCAS-001.pdf")), 1, "facture-2025-page1")
    ccas_docs("seal", cwd=root)
    sealed = root / SEALED / "convention.pdf"
    signatures = page_with(sealed, "Signatures", "Fait à")
    picture(sealed, signatures, "signature-champs", dpi=70)
    ca = TestCA.create(root / "pki")
    (root / "signatures/confiance").mkdir(parents=True, exist_ok=True)
    shutil.copy(ca.pem, root / "signatures/confiance/ac-test.pem")
    env = {**os.environ, "CCAS_DOCS_P12_PASSWORD": PASSWORD}
    maire, ccas = ca.signer("Paul Santini", "maire.p12"), ca.signer("Marie Orsini", "ccas.p12")
    ccas_docs("sign", f"{SEALED}/convention.pdf", "--champ", "maire", "--p12", str(maire), cwd=root, env=env)
    both = f"{SEALED}/convention.signe-maire.pdf"
    ccas_docs("sign", both, "--champ", "ccas", "--p12", str(ccas), cwd=root, env=env)
    picture(root / SEALED / "convention.signe-maire-ccas.pdf", signatures, "signature-signee", dpi=70)


def main() -> None:
    wanted = sys.argv[1:]
    with tempfile.TemporaryDirectory(prefix="ccas-docs-images-") as tmp:
        if not wanted or any(w in n for w in wanted for n in ("docx", "html", "avenant")):
            convention_pictures(Path(tmp))
        if not wanted or any(w in n for w in wanted for n in ("facture", "signature")):
            completed_pictures(Path(tmp))


if __name__ == "__main__":
    main()
