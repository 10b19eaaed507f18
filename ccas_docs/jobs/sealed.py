"""What ``seal``, ``sign`` and ``verify`` share: version ids, the register of signed versions, and
how a PDF is recognised as one of them.

Version ids name the folder of a sealed version, ``signatures/<id>/``:
``convention-originale`` (the convention as adopted), ``avenant-001`` (an amendment),
``consolidee-2026-06-30`` (the convention in force at that date).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from ccas_docs.common.diagnostics import UserError, fail
from ccas_docs.document.markers import SEALED_ID as VERSION_ID
from ccas_docs.registry.chain import Entry, Register, open_register, registered_files
from ccas_docs.signing.manifest import NAME as MANIFEST
from ccas_docs.signing.manifest import Manifest

ORIGINAL = "convention-originale"
FOLDER = "signatures"
REGISTER = f"{FOLDER}/registre.csv"
TRUST = f"{FOLDER}/confiance"
# the register's own columns; the mechanism adds outil, precedent and empreinte
COLUMNS = ("version", "operation", "date", "champ", "signataire", "fichiers", "sha256", "sources")
SEALED, SIGNED = "scellement", "signature"


def check_version_id(version: str) -> str:
    if not VERSION_ID.match(version):
        raise fail(
            version,
            f"identifiant de version « {version} » invalide",
            code="version",
            hint="convention-originale, avenant-001 ou consolidee-AAAA-MM-JJ",
        )
    return version


def register(root: Path) -> Register:
    return open_register(Path(root) / REGISTER, COLUMNS, shown=REGISTER, root=root)


SIGNED_PATTERN = "*.signe-*.pdf"  # the signed files ``sign`` writes beside the sealed one


def registered_on_disk(root: Path) -> list[str]:
    """Every file on disk that only ``seal`` or ``sign`` writes, and so must have its register entry:
    the files each sealed folder's manifest lists, and the signed files beside them."""
    out: list[str] = []
    for version in sealed_versions(root):
        folder = version_folder(root, version)
        try:
            names = list(manifest_of(root, version).fichiers)
        except UserError:  # an unreadable manifest is reported by the command that reads it
            names = []
        names += [p.name for p in sorted(folder.glob(SIGNED_PATTERN))]
        out.extend(f"{FOLDER}/{version}/{name}" for name in names if (folder / name).is_file())
    return out


def checked_entries(root: Path, reg: Register | None = None) -> list[Entry]:
    """The register's verified entries (chain and head), once every sealed or signed file on disk
    is known to have its entry (:meth:`~ccas_docs.registry.chain.Register.check_outputs`)."""
    reg = reg or register(root)
    entries = reg.entries()
    reg.check_outputs(registered_on_disk(root), entries)
    return entries


def now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def version_folder(root: Path, version: str) -> Path:
    return Path(root) / FOLDER / version


def manifest_of(root: Path, version: str) -> Manifest:
    return Manifest.read(version_folder(root, version) / MANIFEST, f"{FOLDER}/{version}/{MANIFEST}")


def sealed_versions(root: Path) -> list[str]:
    folder = Path(root) / FOLDER
    if not folder.is_dir():
        return []
    return sorted(p.parent.name for p in folder.glob(f"*/{MANIFEST}") if VERSION_ID.match(p.parent.name))


@dataclass(frozen=True)
class Identified:
    version: str
    how: str  # « version scellée », « signée par ccas-docs », « issue de la version scellée »
    sealed: bytes  # the sealed PDF's bytes, which the file starts with
    entry: Entry | None  # the register's row for this very file, if any


def identify(data: bytes, root: Path, entries: list[Entry]) -> Identified | None:
    """Which sealed version ``data`` is, or starts with (a signed file proves itself that way)."""
    sha = hashlib.sha256(data).hexdigest()
    for entry in entries:
        if sha in registered_files(entry).values():
            version = entry["version"]
            sealed = _sealed_pdf(root, version)
            if sealed is not None and data.startswith(sealed):
                how = "version scellée" if entry["operation"] == SEALED else "version signée enregistrée"
                return Identified(version, how, sealed, entry)
    for version in sealed_versions(root):
        sealed = _sealed_pdf(root, version)
        if sealed is not None and len(data) > len(sealed) and data.startswith(sealed):
            return Identified(version, "issue de la version scellée (signatures ajoutées ensuite)", sealed, None)
    return None


def _sealed_pdf(root: Path, version: str) -> bytes | None:
    try:
        manifest = manifest_of(root, version)
        name = manifest.pdf
        data = (version_folder(root, version) / name).read_bytes()
    except (OSError, StopIteration, UserError):  # an unreadable manifest: that folder identifies nothing
        return None
    return data if hashlib.sha256(data).hexdigest() == manifest.fichiers[name]["sha256"] else None
