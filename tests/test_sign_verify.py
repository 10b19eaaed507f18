"""seal → sign both fields → verify exit 0 → tamper → verify exit 1, with a throw-away CA."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from pki import TestCA as CertificationAuthority
from signing_fixtures import SEALED, VERSION, Pki, completed_project, make_pki, register_lines, run, sha, trust

from ccas_docs.signing.fields import read_fields
from ccas_docs.signing.xmp import read_properties

MAIRE = f"signatures/{VERSION}/convention.signe-maire.pdf"
BOTH = f"signatures/{VERSION}/convention.signe-maire-ccas.pdf"


def sign(root: Path, pdf: str, field: str, p12: Path, pki: Pki):
    return run("sign", str(root / pdf), "--champ", field, "--p12", str(p12), "--projet", str(root), env=pki.env)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("ac"))


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory, pki: Pki) -> Path:
    """A sealed project whose convention is signed by both signatories."""
    root = tmp_path_factory.mktemp("signe") / "projet"
    completed_project(root)
    assert run("seal", str(root)).exit_code == 0
    trust(root, pki)
    first = sign(root, SEALED, "maire", pki.maire, pki)
    assert first.exit_code == 0, first.output
    assert first.stdout.strip().splitlines()[-1].endswith("convention.signe-maire.pdf")
    second = sign(root, MAIRE, "ccas", pki.ccas, pki)
    assert second.exit_code == 0, second.output
    assert second.stdout.strip().splitlines()[-1].endswith("convention.signe-maire-ccas.pdf")
    return root


def test_signed_files_are_new_files_starting_with_the_sealed_bytes(signed: Path) -> None:
    sealed, maire, both = ((signed / p).read_bytes() for p in (SEALED, MAIRE, BOTH))
    assert maire.startswith(sealed) and both.startswith(maire)
    assert [f.name for f in read_fields(sealed) if f.signed] == []
    assert [f.name for f in read_fields(both) if f.signed] == ["maire", "ccas"]
    lines = register_lines(signed)
    assert [line.split(";")[1] for line in lines[1:]] == ["scellement", "signature", "signature"]
    assert ";maire;Paul Santini;" in lines[2] and ";ccas;Marie Orsini;" in lines[3]
    assert sha(signed / BOTH) in lines[3]


def test_verify_both_signatures_valid_and_trusted(signed: Path) -> None:
    result = run("verify", str(signed / BOTH), "--projet", str(signed))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"version « {VERSION} »" in out
    assert "champ « maire » : signé par Paul Santini" in out and "champ « ccas » : signé par Marie Orsini" in out
    assert out.count("signature intacte, certificat de confiance") == 2
    # no timestamp token: the time shown is the signer's own clock, and the report says so
    assert out.count("(heure déclarée par le poste du signataire : aucun jeton d'horodatage)") == 2
    assert "couvre tout le fichier" in out  # the last signature
    assert "Résultat : VALIDE" in out


def test_verify_sealed_and_half_signed_versions(signed: Path) -> None:
    sealed = run("verify", str(signed / SEALED), "--projet", str(signed))
    assert sealed.exit_code == 0 and "pas encore signé" in sealed.stdout
    half = run("verify", str(signed / MAIRE), "--projet", str(signed))
    assert half.exit_code == 0 and "champ « ccas » : pas encore signé" in half.stdout


def test_stamp_font_is_embedded_and_widgets_keep_print_flag(signed: Path) -> None:
    with pikepdf.open(signed / BOTH) as pdf:
        for field in pdf.Root.AcroForm.Fields:
            assert int(field.F) & 4 and "/N" in field.AP
            fonts = field.AP.N.Resources.Font
            assert fonts, "the stamp has no font"
            for font in fonts.values():
                if "/Resources" in font:  # nested form: look inside
                    continue
                descendant = font.DescendantFonts[0]
                assert "/FontFile2" in descendant.FontDescriptor
        assert "/NeedAppearances" not in pdf.Root.AcroForm and "/ID" in pdf.trailer
        # pyHanko rewrites the XMP packet when it signs: the version id and the sources' hash stay
        props = read_properties(pdf)
        assert props["version"] == VERSION and len(props["empreinteSources"]) == 64
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert "/Info" not in pdf.trailer


def test_password_is_never_printed_and_can_be_typed(signed: Path, pki: Pki, tmp_path: Path) -> None:
    root = Path(shutil.copytree(signed, tmp_path / "projet"))
    lines = register_lines(root)
    password = pki.env["CCAS_DOCS_P12_PASSWORD"]
    args = ("sign", str(root / SEALED), "--champ", "ccas", "--p12", str(pki.ccas), "--projet", str(root))
    result = run(*args, input=f"{password}\n", env={"CCAS_DOCS_P12_PASSWORD": None})  # type: ignore[dict-item]
    assert result.exit_code == 0, result.output
    assert password not in result.output
    assert "Mot de passe du certificat" in result.output
    assert (root / f"signatures/{VERSION}/convention.signe-ccas.pdf").is_file()
    assert len(register_lines(root)) == len(lines) + 1


def _flip(data: bytes, at: int) -> bytes:
    b = bytearray(data)
    b[at] ^= 0x01
    return bytes(b)


def test_one_byte_flipped_fails(signed: Path, tmp_path: Path) -> None:
    data = (signed / BOTH).read_bytes()
    sealed_len = len((signed / SEALED).read_bytes())
    for i, at in enumerate((sealed_len // 2, sealed_len + (len(data) - sealed_len) // 3)):
        bad = tmp_path / f"altere-{i}.pdf"
        bad.write_bytes(_flip(data, at))
        result = run("verify", str(bad), "--projet", str(signed))
        assert result.exit_code == 1, result.output
        assert "NON VALIDE" in result.output


def test_incremental_update_after_the_signatures_fails(signed: Path, tmp_path: Path) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO((signed / BOTH).read_bytes()))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Rotate"] = generic.NumberObject(90)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    bad = tmp_path / "modifie.pdf"
    bad.write_bytes(out.getvalue())
    result = run("verify", str(bad), "--projet", str(signed))
    assert result.exit_code == 1, result.output
    assert "contenu modifié après la signature" in result.stdout
    assert "modification non autorisée après le scellement" in result.stderr


def test_untrusted_authority_fails_then_confiance_accepts(signed: Path, pki: Pki, tmp_path: Path) -> None:
    root = Path(shutil.copytree(signed, tmp_path / "projet"))
    shutil.rmtree(root / "signatures" / "confiance")
    result = run("verify", str(root / BOTH), "--projet", str(root))
    assert result.exit_code == 1 and "certificat NON reconnu (autorité de certification inconnue)" in result.stdout
    assert (
        "l'autorité de certification qui a émis le certificat du signataire n'est pas dans les autorités de "
        "confiance (signatures/confiance/ ou --confiance)" in result.stdout
    )
    assert "AdES" not in result.output and "NO_CERTIFICATE" not in result.output
    ok = run("verify", str(root / BOTH), "--projet", str(root), "--confiance", str(pki.ca.pem))
    assert ok.exit_code == 0, ok.output


def test_signature_made_elsewhere_proves_itself(signed: Path, pki: Pki, tmp_path: Path) -> None:
    """A parapheur's signature on the sealed file: not registered, but it starts with the sealed bytes."""
    from pki import PASSWORD

    from ccas_docs.signing.certificates import load_pkcs12
    from ccas_docs.signing.sign import sign_field

    key = load_pkcs12(pki.maire, PASSWORD.encode())
    outside = tmp_path / "retour-parapheur.pdf"
    outside.write_bytes(sign_field((signed / SEALED).read_bytes(), "maire", key, "Parapheur", "Porto-Vecchio"))
    result = run("verify", str(outside), "--projet", str(signed))
    assert result.exit_code == 0, result.output
    assert "issue de la version scellée" in result.stdout
    # and it can be countersigned locally
    lines = register_lines(signed)
    root = Path(shutil.copytree(signed, tmp_path / "projet"))
    (root / BOTH).unlink()
    done = run("sign", str(outside), "--champ", "ccas", "--p12", str(pki.ccas), "--projet", str(root), env=pki.env)
    assert done.exit_code == 0, done.output
    assert (root / BOTH).read_bytes().startswith(outside.read_bytes())
    assert len(register_lines(root)) == len(lines) + 1


def _parapheur_signature(pdf: bytes, field: str, p12: Path, timestamper) -> bytes:
    """A signature made by other software (a parapheur), PAdES with an RFC 3161 timestamp token."""
    import io

    from pki import PASSWORD
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    from ccas_docs.signing.certificates import load_pkcs12

    key = load_pkcs12(p12, PASSWORD.encode())
    meta = signers.PdfSignatureMetadata(field_name=field, subfilter=fields.SigSeedSubFilter.PADES)
    out = io.BytesIO()
    signers.PdfSigner(meta, signer=key.signer, timestamper=timestamper).sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False), existing_fields_only=True, output=out
    )
    return out.getvalue()


def test_a_timestamped_signature_shows_the_token_time_and_authority(signed: Path, pki: Pki, tmp_path: Path) -> None:
    import datetime as dt

    from pyhanko.sign.timestamps import DummyTimeStamper

    cert, key = pki.ca.timestamp_authority("Horodatage de test")
    at = dt.datetime(2026, 11, 30, 9, 15, 0, tzinfo=dt.UTC)
    stamper = DummyTimeStamper(tsa_cert=cert, tsa_key=key, fixed_dt=at)
    returned = tmp_path / "retour-parapheur.pdf"
    returned.write_bytes(_parapheur_signature((signed / SEALED).read_bytes(), "maire", pki.maire, stamper))
    result = run("verify", str(returned), "--projet", str(signed))
    assert result.exit_code == 0, result.output
    line = next(x for x in result.stdout.splitlines() if x.startswith("champ « maire »"))
    assert line == (
        "champ « maire » : signé par Paul Santini, le 30/11/2026 à 09:15:00 UTC "
        "(jeton d'horodatage de Horodatage de test : vérifié, autorité de confiance)"
    )
    # the same token from an authority nobody trusts: said, and the verdict is not valid
    other = CertificationAuthority.create(tmp_path / "autre-ac", "AC inconnue")
    cert, key = other.timestamp_authority("Horodatage inconnu")
    unknown = tmp_path / "retour-inconnu.pdf"
    stamper = DummyTimeStamper(tsa_cert=cert, tsa_key=key, fixed_dt=at)
    unknown.write_bytes(_parapheur_signature((signed / SEALED).read_bytes(), "maire", pki.maire, stamper))
    refused = run("verify", str(unknown), "--projet", str(signed))
    assert refused.exit_code == 1, refused.output
    assert "(jeton d'horodatage de Horodatage inconnu : autorité d'horodatage NON reconnue)" in refused.stdout
    assert (
        "problème : l'autorité d'horodatage n'est pas dans les autorités de confiance "
        "(signatures/confiance/ ou --confiance)" in refused.stdout
    )


def test_a_pdf_of_no_version_fails(signed: Path, tmp_path: Path) -> None:
    other = tmp_path / "autre.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(other)
    result = run("verify", str(other), "--projet", str(signed))
    assert result.exit_code == 1
    assert "aucune version enregistrée" in result.output


def test_sign_and_verify_do_not_load_the_yaml_model() -> None:
    """sign and verify read the register and the PDF only: loading pydantic and the YAML model would
    cost each command about 0.15 s of the seal + sign ×2 + verify budget (benchmarks/bench_sign.py)."""
    code = (
        "import sys, ccas_docs.cli.main, ccas_docs.jobs.sign, ccas_docs.jobs.verify; "
        "print(sorted(m for m in ('pydantic', 'ruamel.yaml', 'ccas_docs.model.project') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"
