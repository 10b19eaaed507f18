"""A throw-away certification authority and signer certificates, made with ``cryptography``.

No network, no timestamp server: a root CA, then PKCS#12 files for signers, with the validity
dates and key usages a test asks for, and a timestamping authority for an in-process
(``DummyTimeStamper``) token.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

PASSWORD = "secret-de-test"
NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)


def _name(common: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Ville de Porto-Vecchio (test)"),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def _usage(digital_signature: bool = False, non_repudiation: bool = False, key_encipherment: bool = False, ca=False):
    return x509.KeyUsage(
        digital_signature=digital_signature,
        content_commitment=non_repudiation,
        key_encipherment=key_encipherment,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


@dataclass
class TestCA:
    folder: Path
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    @property
    def pem(self) -> Path:
        return self.folder / "ca.pem"

    @classmethod
    def create(cls, folder: Path, common: str = "AC de test ccas-docs") -> TestCA:
        folder.mkdir(parents=True, exist_ok=True)
        key = ec.generate_private_key(ec.SECP256R1())
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(common))
            .issuer_name(_name(common))
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(NOW - dt.timedelta(days=30))
            .not_valid_after(NOW + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(_usage(ca=True), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256())
        )
        ca = cls(folder, key, cert)
        ca.pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        return ca

    def issue(
        self,
        key,
        common: str,
        not_before: dt.datetime | None = None,
        not_after: dt.datetime | None = None,
        usage: x509.KeyUsage | None = None,
        extended: x509.ExtendedKeyUsage | None = None,
    ) -> x509.Certificate:
        """An end-entity certificate for ``key``, issued by this CA (valid from yesterday for a year)."""
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(common))
            .issuer_name(self.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before or NOW - dt.timedelta(days=1))
            .not_valid_after(not_after or NOW + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(usage or _usage(digital_signature=True, non_repudiation=True), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()), critical=False)
        )
        if extended is not None:
            builder = builder.add_extension(extended, critical=True)
        return builder.sign(self.key, hashes.SHA256())

    def signer(
        self,
        common: str,
        file: str | None = None,
        not_before: dt.datetime | None = None,
        not_after: dt.datetime | None = None,
        usage: x509.KeyUsage | None = None,
        password: str = PASSWORD,
    ) -> Path:
        """A PKCS#12 file holding a new key and its certificate issued by this CA."""
        key = ec.generate_private_key(ec.SECP256R1())
        cert = self.issue(key, common, not_before, not_after, usage)
        data = pkcs12.serialize_key_and_certificates(
            common.encode(),
            key,
            cert,
            [self.cert],
            serialization.BestAvailableEncryption(password.encode()),
        )
        path = self.folder / (file or f"{common.split()[0].lower()}.p12")
        path.write_bytes(data)
        return path

    def timestamp_authority(self, common: str = "Horodatage de test") -> tuple[object, object]:
        """A timestamping authority issued by this CA (extended key usage timeStamping, critical), as
        the (certificate, private key) pair pyHanko's ``DummyTimeStamper`` takes (asn1crypto objects)."""
        from asn1crypto import keys as asn1_keys
        from asn1crypto import x509 as asn1_x509
        from cryptography.x509.oid import ExtendedKeyUsageOID

        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # DummyTimeStamper is RSA-only
        cert = self.issue(key, common, extended=x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]))
        der_key = key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        return (
            asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
            asn1_keys.PrivateKeyInfo.load(der_key),
        )


def encipherment_only() -> x509.KeyUsage:
    return _usage(key_encipherment=True)
