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

    def lines(self) -> list[str]:
        when = f"le {self.signed_at:%d/%m/%Y à %H:%M:%S %Z}" if self.signed_at else "date inconnue"
        state = "intacte" if self.intact and self.valid else "ALTÉRÉE"
        trust = "de confiance" if self.trusted else "NON reconnue (autorité absente des autorités de confiance)"
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
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        return PdfFileReader(io.BytesIO(data), strict=False)
    except (PdfReadError, ValueError, KeyError, IndexError) as exc:
        raise fail(where, f"PDF illisible : {exc}", code="pdf-illisible") from None


def validate_signatures(data: bytes, trust_roots: list[object], where: str) -> list[SignatureReport]:
    """Validate every signature of ``data`` against ``trust_roots``, without any network access."""
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    _quiet()
    reader = _reader(data, where)
    try:
        signatures = reader.embedded_signatures
    except Exception as exc:  # a damaged signature dictionary: the file is not what was signed
        raise fail(where, f"signatures illisibles : {exc}", code="signature-illisible") from None
    reports = []
    for sig in signatures:
        name = sig.field_name or "?"
        context = ValidationContext(trust_roots=trust_roots, allow_fetching=False)
        try:
            status = validate_pdf_signature(sig, context, key_usage_settings=key_usage_constraints())
        except Exception as exc:  # pyHanko raises on structurally broken signatures
            reports.append(SignatureReport(name, "?", None, False, False, False, "", "", None, False, str(exc)))
            continue
        cert = status.signing_cert
        level = status.modification_level
        coverage = status.coverage.name if status.coverage is not None else "UNCLEAR"
        problem = ""
        if not (status.intact and status.valid):
            problem = "les octets signés ne sont plus ceux qui ont été signés"
        elif status.trust_problem_indic is not None:
            problem = f"chaîne de confiance : {status.trust_problem_indic}"
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
            )
        )
    return reports


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
    if not isinstance(result, DiffResult):
        first = str(result).splitlines()[0] if str(result) else type(result).__name__
        return f"modification non autorisée après le scellement ({first})"
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
