"""Signing keys (PKCS#12) and trusted authorities, checked before anything is written.

Every refusal is a French :class:`UserError` located on the file concerned. The password is
taken as bytes and never appears in any message.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ccas_docs.common import fr
from ccas_docs.common.bounds import MAX_KEY_BYTES, read_bounded
from ccas_docs.common.diagnostics import fail

# a signer's certificate must allow signing: digital signature or non-repudiation (either suffices)
SIGNING_USAGES = frozenset({"digital_signature", "non_repudiation"})
TRUST_SUFFIXES = (".pem", ".crt", ".cer", ".der")


def key_usage_constraints():  # -> pyhanko KeyUsageConstraints; imported lazily
    from pyhanko.sign.validation.settings import KeyUsageConstraints

    return KeyUsageConstraints(key_usage=set(SIGNING_USAGES), match_all_key_usages=False)


@dataclass(frozen=True)
class LoadedKey:
    signer: object  # pyhanko.sign.signers.SimpleSigner
    subject: str  # the certificate holder's name, as the stamp prints it


def _when(value: dt.datetime) -> str:
    return f"{fr.date(value.date())} à {value:%H:%M} UTC"


def load_pkcs12(path: Path, password: bytes, now: dt.datetime | None = None) -> LoadedKey:
    """The signer of ``path``, refusing a wrong password, an expired or premature certificate, a wrong usage."""
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.sign.general import SigningError
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.errors import InvalidCertificateError

    data = read_bounded(Path(path), str(path), MAX_KEY_BYTES, "un certificat")
    try:
        key, cert, _ = pkcs12.load_key_and_certificates(data, password or None)
    except ValueError:
        raise fail(
            path,
            "mot de passe du certificat incorrect, ou fichier qui n'est pas un PKCS#12 (.p12, .pfx)",
            code="mot-de-passe",
            hint="retaper le mot de passe (ou vérifier CCAS_DOCS_P12_PASSWORD) ; rien n'a été signé",
        ) from None
    if key is None or cert is None:
        raise fail(path, "le fichier PKCS#12 ne contient pas de clé privée avec son certificat", code="certificat")
    now = now or dt.datetime.now(dt.UTC)
    if cert.not_valid_before_utc > now:
        raise fail(
            path,
            f"certificat pas encore valide : il ne l'est qu'à partir du {_when(cert.not_valid_before_utc)}",
            code="certificat-date",
        )
    if cert.not_valid_after_utc < now:
        raise fail(
            path,
            f"certificat expiré le {_when(cert.not_valid_after_utc)}",
            code="certificat-date",
            hint="demander un nouveau certificat à l'autorité de certification",
        )
    try:
        signer = SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=password or None)
        key_usage_constraints().validate(signer.signing_cert)
    except InvalidCertificateError:
        raise fail(
            path,
            "ce certificat n'est pas un certificat de signature (usage « signature numérique » ou "
            "« non-répudiation » absent)",
            code="certificat-usage",
            hint="utiliser le certificat de signature du signataire (pas d'authentification ni de chiffrement)",
        ) from None
    except (ValueError, SigningError):
        raise fail(
            path,
            "certificat inutilisable : la clé ou le certificat du fichier PKCS#12 est illisible",
            code="certificat",
        ) from None
    return LoadedKey(signer, signer.subject_name or cert.subject.rfc4514_string())


def load_trust_roots(paths: list[Path]) -> list[object]:
    """The certificates (PEM or DER) of the given files and folders, as asn1crypto certificates."""
    from asn1crypto import pem, x509

    roots: list[object] = []
    for path in paths:
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in TRUST_SUFFIXES) if path.is_dir() else [path]
        for file in files:
            data = read_bounded(file, str(file), MAX_KEY_BYTES, "un certificat")
            try:
                blobs = [der for _, _, der in pem.unarmor(data, multiple=True)] if pem.detect(data) else [data]
                for der in blobs:
                    cert = x509.Certificate.load(der)
                    cert.native  # noqa: B018 (parses the whole structure: a broken file fails here)
                    roots.append(cert)
            except (ValueError, TypeError):
                raise fail(file, "ce fichier n'est pas un certificat X.509 (PEM ou DER)", code="confiance") from None
    return roots
