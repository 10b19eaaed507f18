"""Bad input to seal and sign: one French message, exit 1, nothing written to any register."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pikepdf
import pytest
from conftest import ProjectCopy
from pki import NOW, encipherment_only
from signing_fixtures import SEALED, VERSION, Pki, completed_project, make_pki, register_lines, run, trust

MAIRE = f"signatures/{VERSION}/convention.signe-maire.pdf"


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("ac"))


@pytest.fixture(scope="module")
def sealed(tmp_path_factory: pytest.TempPathFactory, pki: Pki) -> Path:
    root = tmp_path_factory.mktemp("scelle") / "projet"
    completed_project(root)
    assert run("seal", str(root)).exit_code == 0
    trust(root, pki)
    done = _sign(root, SEALED, "maire", pki.maire, pki=pki)
    assert done.exit_code == 0, done.output
    return root


def _snapshot(root: Path) -> tuple[list[str], list[str]]:
    return register_lines(root), sorted(p.name for p in (root / "signatures" / VERSION).iterdir())


def _refused(root: Path, result, *words: str) -> str:
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if ": erreur: " in line]
    assert len(errors) == 1, result.stderr
    for word in words:
        assert word in errors[0], errors[0]
    return errors[0]


def _sign(root: Path, pdf: str, field: str, p12: Path, password: str | None = None, pki: Pki | None = None):
    env = {"CCAS_DOCS_P12_PASSWORD": password} if password is not None else (pki.env if pki else {})
    return run("sign", str(root / pdf), "--champ", field, "--p12", str(p12), "--projet", str(root), env=env)


def test_seal_refused_while_a_placeholder_is_left(project: ProjectCopy) -> None:
    import shutil

    from conftest import ROOT

    shutil.copytree(ROOT / "templates", project.root / "templates")
    result = run("seal", str(project.root))
    assert result.exit_code == 1
    blocking = [line for line in result.stderr.splitlines() if ": erreur: " in line]
    assert len([line for line in blocking if "[a-completer]" in line]) >= 10
    assert all("[a-completer]" in line or "[a-valider]" in line for line in blocking)
    siret = project.value_at("convention.yaml", "siret: À COMPLÉTER (SIRET de la commune)")
    assert f"{siret}: erreur: valeur à compléter : parties ville siret : à remplir avant de sceller" in result.stderr
    assert "Rien n'a été scellé ni enregistré." in result.stderr
    assert not (project.root / "signatures").exists()


def test_seal_refused_while_an_article_is_still_to_be_validated(tmp_path: Path) -> None:
    """Placeholders filled, but one drafted article not yet read by the legal service: not sealed."""
    root = tmp_path / "projet"
    copy = completed_project(root)  # every « a_valider » removed, as the legal service does
    text = copy.text("convention.yaml")
    marked = text.replace(
        "  - id: donnees-personnelles\n", "  - id: donnees-personnelles\n    a_valider: service juridique\n", 1
    )
    assert marked != text
    (root / "convention.yaml").write_text(marked, encoding="utf-8")
    line = marked[: marked.index("a_valider: service juridique")].count("\n") + 1
    result = run("seal", str(root))
    assert result.exit_code == 1
    blocking = [x for x in result.stderr.splitlines() if ": erreur: " in x]
    assert len(blocking) == 1, result.stderr
    assert blocking[0].startswith(f"convention.yaml:{line}:")
    assert "(donnees-personnelles) à valider par le service juridique : à valider avant de sceller" in blocking[0]
    assert "retirer « a_valider »" in result.stderr and "Rien n'a été scellé ni enregistré." in result.stderr
    assert not (root / "signatures").exists()


def test_seal_refused_while_check_reports_an_error(tmp_path: Path) -> None:
    root = tmp_path / "projet"
    copy = completed_project(root)
    copy.edit("convention.yaml", "{{ article('revision') }}", "{{ article('revisions') }}")
    result = run("seal", str(root))
    assert result.exit_code == 1
    assert "[reference-inconnue]" in result.stderr and "convention.yaml:" in result.stderr
    assert not (root / "signatures").exists()


def test_wrong_password(sealed: Path, pki: Pki) -> None:
    before = _snapshot(sealed)
    result = _sign(sealed, MAIRE, "ccas", pki.ccas, password="mauvais-mot-de-passe")
    _refused(sealed, result, "mot de passe du certificat incorrect")
    assert "mauvais-mot-de-passe" not in result.output
    assert _snapshot(sealed) == before


@pytest.mark.parametrize(
    ("dates", "words"),
    [
        ((NOW - dt.timedelta(days=400), NOW - dt.timedelta(days=2)), "certificat expiré le"),
        ((NOW + dt.timedelta(days=2), NOW + dt.timedelta(days=400)), "certificat pas encore valide"),
    ],
    ids=["expire", "pas-encore-valide"],
)
def test_certificate_out_of_its_validity(sealed: Path, pki: Pki, dates, words: str) -> None:
    p12 = pki.ca.signer("Marie Orsini", f"ccas-{words[:12].replace(' ', '-')}.p12", *dates)
    before = _snapshot(sealed)
    _refused(sealed, _sign(sealed, MAIRE, "ccas", p12, pki=pki), words)
    assert _snapshot(sealed) == before


def test_certificate_without_signature_usage(sealed: Path, pki: Pki) -> None:
    p12 = pki.ca.signer("Marie Orsini", "ccas-chiffrement.p12", usage=encipherment_only())
    before = _snapshot(sealed)
    _refused(sealed, _sign(sealed, MAIRE, "ccas", p12, pki=pki), "n'est pas un certificat de signature")
    assert _snapshot(sealed) == before


def test_unknown_field_is_refused_before_the_password_is_asked(sealed: Path, pki: Pki) -> None:
    before = _snapshot(sealed)
    result = run("sign", str(sealed / MAIRE), "--champ", "adjoint", "--p12", str(pki.ccas), "--projet", str(sealed))
    line = _refused(sealed, result, "champ de signature « adjoint » inconnu")
    assert line.startswith(str(sealed / MAIRE))
    assert "« maire », « ccas »" in result.stderr  # the hint lists the fields
    assert "Mot de passe" not in result.output
    assert _snapshot(sealed) == before


def test_field_already_signed(sealed: Path, pki: Pki) -> None:
    before = _snapshot(sealed)
    line = _refused(sealed, _sign(sealed, MAIRE, "maire", pki.maire, pki=pki), "le champ « maire » est déjà signé")
    assert "par Paul Santini, le " in line  # who signed, read from the PDF's signature
    assert _snapshot(sealed) == before


def test_signing_a_pdf_that_is_not_a_sealed_version(sealed: Path, pki: Pki, tmp_path: Path) -> None:
    other = tmp_path / "brouillon.pdf"
    with pikepdf.open(sealed / SEALED) as pdf:  # the same document, rewritten: no longer the sealed bytes
        pdf.save(other)
    before = _snapshot(sealed)
    result = run("sign", str(other), "--champ", "ccas", "--p12", str(pki.ccas), "--projet", str(sealed), env=pki.env)
    _refused(sealed, result, "n'est pas une version scellée")
    assert _snapshot(sealed) == before


def test_a_signed_file_is_never_overwritten(sealed: Path, pki: Pki) -> None:
    """Signing the sealed file's « maire » field again would write convention.signe-maire.pdf: refused."""
    before = _snapshot(sealed)
    result = _sign(sealed, SEALED, "maire", pki.maire, pki=pki)
    _refused(sealed, result, "« maire » de la version « convention-originale » est déjà signé par Paul Santini", MAIRE)
    assert _snapshot(sealed) == before


def test_os_errors_are_worded_in_french() -> None:
    import errno

    from ccas_docs.common.oserrors import reason

    assert reason(PermissionError(errno.EACCES, "Permission denied")) == "permission refusée"
    assert reason(IsADirectoryError(errno.EISDIR, "Is a directory")) == "c'est un dossier, pas un fichier"
    assert reason(OSError(errno.ENOSPC, "No space left on device")) == "disque plein"
    assert reason(OSError(errno.ECHILD, "No child processes")) == "erreur du système (ECHILD)"


def test_no_message_quotes_strerror() -> None:
    """The rule, not the case: no module formats the C library's English ``strerror``."""
    from conftest import ROOT

    offenders = [p for p in (ROOT / "ccas_docs").rglob("*.py") if ".strerror" in p.read_text(encoding="utf-8")]
    assert offenders == []
