"""``ccas-docs sign``: one signature in one field of a sealed (or already signed) version.

The input must be a sealed version, a signed file this tool registered, or a file that starts
with a sealed version's bytes and only adds signatures to it (signed by a parapheur, say). The
result is a new file beside the sealed one, named after the fields signed so far, in the
document's field order: ``convention.signe-maire.pdf``, then ``convention.signe-maire-ccas.pdf``.
The input is never modified; an existing file is never overwritten. The password is asked (by the
caller's ``password`` function) only once every other check has passed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ccas_docs.common import fr
from ccas_docs.common.bounds import MAX_PDF_BYTES, read_bounded
from ccas_docs.common.diagnostics import fail
from ccas_docs.jobs.sealed import (
    FOLDER,
    REGISTER,
    SIGNED,
    checked_entries,
    identify,
    manifest_of,
    now,
    register,
    version_folder,
)
from ccas_docs.registry.chain import durable_write, file_fields, refuse_overwrite
from ccas_docs.signing.fields import read_fields

REASON = "Signature de la convention"


@dataclass(frozen=True)
class Signed:
    path: Path
    version: str
    field: str
    signer: str


def signed_name(stem: str, fields: list[str]) -> str:
    return f"{stem}.signe-{'-'.join(fields)}.pdf"


def sign(pdf: Path, field: str, p12: Path, password: Callable[[], bytes], root: Path, location: str = "") -> Signed:
    from ccas_docs.signing.certificates import load_pkcs12
    from ccas_docs.signing.sign import check_field, sign_field
    from ccas_docs.signing.verify import changes_after, revisions

    root = Path(root)
    shown = str(pdf)
    data = read_bounded(Path(pdf), shown, MAX_PDF_BYTES, "un PDF")
    reg = register(root)
    found = identify(data, root, checked_entries(root, reg))
    if found is None:
        raise fail(
            shown,
            "ce PDF n'est pas une version scellée : seul un PDF produit par « ccas-docs seal » se signe",
            code="non-scelle",
            hint=f"sceller d'abord (ccas-docs seal), puis signer {FOLDER}/<version>/convention.pdf",
        )
    if found.entry is None:
        reason = changes_after(data, revisions(found.sealed, shown), shown)
        if reason:
            raise fail(shown, f"ce PDF part de la version « {found.version} » mais {reason}", code="pdf-modifie")
    check_field(data, field, Path(shown))
    order = [f.name for f in read_fields(data)]
    done = {f.name for f in read_fields(data) if f.signed} | {field}
    manifest = manifest_of(root, found.version)
    stem = manifest.pdf.removesuffix(".pdf")
    target = version_folder(root, found.version) / signed_name(stem, [n for n in order if n in done])
    target_shown = f"{FOLDER}/{found.version}/{target.name}"
    _already_signed(reg.entries(), found.version, field, target_shown, target.exists())
    refuse_overwrite(target, None, target_shown, REGISTER)

    key = load_pkcs12(p12, password())
    signed = sign_field(data, field, key, REASON, location)
    with reg.locked():
        entries = checked_entries(root, reg)  # verifies the chain, its head and the files before anything is added
        _already_signed(entries, found.version, field, target_shown, target.exists())
        refuse_overwrite(target, None, target_shown, REGISTER)
        reg.announce({target_shown: hashlib.sha256(signed).hexdigest()})
        durable_write(target, signed, target_shown)
        reg.append(
            {
                "version": found.version,
                "operation": SIGNED,
                "date": now(),
                "champ": field,
                "signataire": key.subject,
                **file_fields([target], root),
                "sources": "",
            }
        )
    return Signed(target, found.version, field, key.subject)


def _already_signed(entries: list[dict[str, str]], version: str, field: str, target: str, present: bool) -> None:
    """Refuse to sign ``field`` again into a registered file that is there, naming who signed it.

    A registered file that has gone (a parapheur's copy signed elsewhere, the local one deleted)
    may be signed again: nothing is overwritten.
    """
    if not present:
        return
    for entry in entries:
        if entry.get("operation") == SIGNED and entry.get("fichiers") == target:
            who = entry.get("signataire") or "?"
            when = entry.get("date", "")[:10]
            day = f" le {fr.date(dt.date.fromisoformat(when))}" if when else ""
            raise fail(
                target,
                f"le champ « {field} » de la version « {version} » est déjà signé par {who}{day} : "
                f"la signature est dans {target}",
                code="champ-signe",
                hint=f"pour signer un autre champ, partir de {target} (« ccas-docs sign {target} --champ … »)",
            )
