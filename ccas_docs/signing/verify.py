"""What a PDF's signatures prove: pyHanko's validation, offline, summed up in French.

For each signature: the field, the signer (certificate subject), the time the signer's software
claims, whether the signed bytes are intact, whether the certificate chains up to a trusted
authority, and how much of the file it covers (the whole file, or a revision followed by other
changes, judged by pyHanko's difference analysis: ``modification_level`` and ``docmdp_ok``).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass

from ccas_docs.common import fr
from ccas_docs.common.diagnostics import fail
from ccas_docs.signing.certificates import key_usage_constraints

COVERAGE = {
    "ENTIRE_FILE": "couvre tout le fichier",
    "ENTIRE_REVISION": "couvre sa révision, suivie d'autres modifications",
    "CONTIGUOUS_BLOCK_FROM_START": "ne couvre qu'un début du fichier",
    "UNCLEAR": "couverture indéterminée",
}
MODIFICATION = {
    "NONE": "aucune modification après la signature",
    "LTA_UPDATES": "ajouts de données de validation seulement",
    "FORM_FILLING": "signatures ou champs remplis ensuite",
    "ANNOTATIONS": "annotations ajoutées ensuite",
    "OTHER": "contenu modifié après la signature",
}
UNANALYSED = "modifications non analysées"
UNTRUSTED = (
    "l'autorité de certification qui a émis le certificat du signataire n'est pas dans les autorités "
    "de confiance ({where}) : rien ne garantit l'identité du signataire"
)
_OUT_OF_DATE = "état de révocation du certificat inconnu (vérification hors ligne)"
# pyHanko's AdES sub-indications (ETSI EN 319 102-1), in the words of a legal service
TRUST_PROBLEMS = {
    "NO_CERTIFICATE_CHAIN_FOUND": UNTRUSTED,
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": "la chaîne de certificats jusqu'à l'autorité de certification est invalide",
    "CHAIN_CONSTRAINTS_FAILURE": "une autorité de la chaîne de certificats n'a pas le droit d'émettre ce certificat",
    "SIG_CONSTRAINTS_FAILURE": "le certificat ne permet pas de signer (usage de la clé)",
    "CRYPTO_CONSTRAINTS_FAILURE": "algorithme cryptographique refusé (trop faible)",
    "CRYPTO_CONSTRAINTS_FAILURE_NO_POE": "algorithme cryptographique refusé (trop faible)",
    "EXPIRED": "le certificat du signataire a expiré",
    "NOT_YET_VALID": "le certificat du signataire n'est pas encore valide",
    "REVOKED": "le certificat du signataire a été révoqué",
    "REVOKED_NO_POE": "le certificat du signataire a été révoqué",
    "REVOKED_CA_NO_POE": "le certificat d'une autorité de la chaîne a été révoqué",
    "OUT_OF_BOUNDS_NO_POE": "la signature est datée hors de la validité du certificat",
    "OUT_OF_BOUNDS_NOT_REVOKED": "la signature est datée hors de la validité du certificat",
    "REVOCATION_OUT_OF_BOUNDS_NO_POE": _OUT_OF_DATE,
    "TRY_LATER": _OUT_OF_DATE,
    "NO_POE": _OUT_OF_DATE,
    "NO_SIGNING_CERTIFICATE_FOUND": "le certificat du signataire est absent de la signature",
    "FORMAT_FAILURE": "signature mal formée",
    "HASH_FAILURE": "l'empreinte des données signées ne correspond pas",
    "SIG_CRYPTO_FAILURE": "signature cryptographiquement invalide",
}


@dataclass(frozen=True)
class Timestamp:
    """A signature's timestamp token (RFC 3161), as validated: when, by which authority, trusted or not."""

    at: dt.datetime
    authority: str
    intact: bool
    trusted: bool

    def describe(self) -> str:
        if not self.intact:
            state = "jeton ALTÉRÉ"
        else:
            state = "vérifié, autorité de confiance" if self.trusted else "autorité d'horodatage NON reconnue"
        return f"le {self.at:%d/%m/%Y à %H:%M:%S %Z} (jeton d'horodatage de {self.authority} : {state})"


@dataclass(frozen=True)
class SignatureReport:
    field: str
    signer: str
    signed_at: dt.datetime | None
    intact: bool
    valid: bool
    trusted: bool
    coverage: str
    modification: str
    docmdp_ok: bool | None
    ok: bool
    problem: str = ""
    timestamp: Timestamp | None = None  # the signature's timestamp token, when it carries one

    def lines(self) -> list[str]:
        when = f"le {self.signed_at:%d/%m/%Y à %H:%M:%S %Z}" if self.signed_at else "date inconnue"
        if self.timestamp is None:
            when += " (heure déclarée par le poste du signataire : aucun jeton d'horodatage)"
        else:
            when = self.timestamp.describe()
        state = "intacte" if self.intact and self.valid else "ALTÉRÉE"
        trust = "de confiance" if self.trusted else "NON reconnu (autorité de certification inconnue)"
        out = [
            f"champ « {self.field} » : signé par {self.signer}, {when}",
            f"    signature {state}, certificat {trust}",
            f"    {self.coverage} ; {self.modification}",
        ]
        if self.problem:
            out.append(f"    problème : {self.problem}")
        out.append(f"    verdict : {'VALIDE' if self.ok else 'NON VALIDE'}")
        return out


def _quiet() -> None:
    """pyHanko logs each refused difference with a traceback: the report says it in French instead."""
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)


def _signer_name(cert) -> str:
    native = cert.subject.native
    return native.get("common_name") or cert.subject.human_friendly


def _reader(data: bytes, where: str):
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        return PdfFileReader(io.BytesIO(data), strict=False)
    except Exception:  # pyHanko's reader raises many kinds on a damaged file: none of their texts is shown
        raise fail(where, f"PDF illisible : {unreadable(data)}", code="pdf-illisible") from None


def unreadable(data: bytes) -> str:
    """Why a PDF cannot be read, in French, from what its bytes show."""
    if not data:
        return "le fichier est vide"
    if not data.lstrip()[:5].startswith(b"%PDF-"):
        return "ce n'est pas un PDF (il ne commence pas par « %PDF- »)"
    if b"%%EOF" not in data[-2048:]:
        return "fichier tronqué (la marque de fin « %%EOF » manque) : le copier à nouveau depuis l'original"
    return "structure interne endommagée (table des objets illisible) : le copier à nouveau depuis l'original"


def signers(data: bytes, where: str) -> dict[str, str]:
    """Who signed each signed field of ``data`` (« Paul Santini, le 2 décembre 2026 »), without validating."""
    out: dict[str, str] = {}
    try:
        for sig in _reader(data, where).embedded_signatures:
            name = _signer_name(sig.signer_cert)
            when = sig.self_reported_timestamp
            out[sig.field_name or "?"] = f"{name}, le {fr.date(when.date())}" if when else name
    except Exception:  # a damaged signature: its field is still reported as signed, without a name
        pass
    return out


def validate_signatures(
    data: bytes, trust_roots: list[object], where: str, trusted_in: str = "signatures/confiance/"
) -> list[SignatureReport]:
    """Validate every signature of ``data`` against ``trust_roots``, without any network access.

    ``trusted_in``: where the user puts the trusted authorities, as the messages name it.
    """
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    _quiet()
    reader = _reader(data, where)
    try:
        signatures = reader.embedded_signatures
    except Exception:  # a damaged signature dictionary: the file is not what was signed
        raise fail(
            where, "signatures illisibles : dictionnaire de signature endommagé", code="signature-illisible"
        ) from None
    reports = []
    for sig in signatures:
        name = sig.field_name or "?"
        context = ValidationContext(trust_roots=trust_roots, allow_fetching=False)
        try:
            status = validate_pdf_signature(sig, context, key_usage_settings=key_usage_constraints())
        except Exception:  # pyHanko raises on structurally broken signatures
            broken = "signature mal formée : ses données ne peuvent pas être lues"
            reports.append(SignatureReport(name, "?", None, False, False, False, "", "", None, False, broken))
            continue
        cert = status.signing_cert
        level = status.modification_level
        coverage = status.coverage.name if status.coverage is not None else "UNCLEAR"
        problem = ""
        if not (status.intact and status.valid):
            problem = "les octets signés ne sont plus ceux qui ont été signés"
        elif status.trust_problem_indic is not None:
            indication = getattr(status.trust_problem_indic, "name", "")
            problem = TRUST_PROBLEMS.get(indication, "chaîne de confiance du certificat non vérifiée")
            problem = problem.format(where=trusted_in)
        stamp = _timestamp(status.timestamp_validity)
        if not problem and stamp is not None and not (stamp.intact and stamp.trusted):
            problem = (
                "le jeton d'horodatage est altéré"
                if not stamp.intact
                else f"l'autorité d'horodatage n'est pas dans les autorités de confiance ({trusted_in})"
            )
        reports.append(
            SignatureReport(
                field=name,
                signer=_signer_name(cert),
                signed_at=status.signer_reported_dt,
                intact=status.intact,
                valid=status.valid,
                trusted=status.trusted,
                coverage=COVERAGE.get(coverage, coverage),
                modification=MODIFICATION.get(level.name, level.name) if level is not None else UNANALYSED,
                docmdp_ok=status.docmdp_ok,
                ok=bool(status.bottom_line),
                problem=problem,
                timestamp=stamp,
            )
        )
    return reports


def _timestamp(status) -> Timestamp | None:
    """The validated timestamp token of a signature (None when it has none)."""
    if status is None:
        return None
    authority = _signer_name(status.signing_cert) if status.signing_cert is not None else "?"
    return Timestamp(status.timestamp, authority, bool(status.intact and status.valid), bool(status.trusted))


def revisions(data: bytes, where: str) -> int:
    return _reader(data, where).xrefs.total_revisions


def changes_after(data: bytes, base_revisions: int, where: str) -> str | None:
    """None when every update after the first ``base_revisions`` revisions only fills signature fields.

    Otherwise, the French reason: this catches a change slipped in before a signature (which
    that signature would then cover) as well as one appended after the last signature.
    """
    from pyhanko.sign.diff_analysis import DiffResult, ModificationLevel

    _quiet()
    reader = _reader(data, where)
    if reader.xrefs.total_revisions <= base_revisions:
        return None
    result = _after_seal_policy().review_file(reader, base_revisions - 1)
    if not isinstance(result, DiffResult):  # pyHanko's reason is English: the kind of change is what matters
        return "modification non autorisée après le scellement (contenu ou structure du document changés)"
    if result.modification_level > ModificationLevel.FORM_FILLING:
        return f"modification après le scellement : {MODIFICATION[result.modification_level.name]}"
    return None


def _after_seal_policy():
    """pyHanko's default policy, except that the first signature may add /SigFlags to the form.

    (A sealed file has fields but no signature yet, so no /SigFlags; within signed revisions the
    default policy applies unchanged.)
    """
    from pyhanko.sign.diff_analysis import (
        DEFAULT_DIFF_POLICY,
        FormUpdatingRule,
        GenericFieldModificationRule,
        SigFieldCreationRule,
        SigFieldModificationRule,
        StandardDiffPolicy,
    )
    from pyhanko.sign.diff_analysis.constants import ACROFORM_EXEMPT_STRICT_COMPARISON

    return StandardDiffPolicy(
        global_rules=DEFAULT_DIFF_POLICY.global_rules,
        form_rule=FormUpdatingRule(
            field_rules=[SigFieldCreationRule(), SigFieldModificationRule(), GenericFieldModificationRule()],
            ignored_acroform_keys=ACROFORM_EXEMPT_STRICT_COMPARISON | {"/SigFlags"},
        ),
    )
