"""``ccas-docs verify``: which registered version a PDF is, and what its signatures prove.

``verify FILE.pdf``: the file is recognised by its SHA-256 in the register, or because it starts
with a sealed version's exact bytes and adds nothing but signatures (a signed file proves itself).
Each signature is validated offline against the authorities of ``signatures/confiance/`` and the
``--confiance`` files.

``verify --rebuild VERSION``: the version is built again from its sources into a temporary folder
and compared byte for byte with the sealed files. Sources changed since are taken from the git
commit the manifest recorded; without one, each changed source is named.
"""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ccas_docs.common.bounds import MAX_PDF_BYTES, read_bounded
from ccas_docs.common.diagnostics import Location, UserError, error
from ccas_docs.jobs.sealed import (
    FOLDER,
    TRUST,
    check_version_id,
    checked_entries,
    identify,
    manifest_of,
    version_folder,
)
from ccas_docs.signing.fields import FieldState


@dataclass
class Verification:
    file: str
    version: str | None
    how: str
    signatures: list = field(default_factory=list)  # signing.verify.SignatureReport
    unsigned: list[FieldState] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.version is not None and not self.problems and all(s.ok for s in self.signatures)


def trust_roots(root: Path, extra: list[Path]) -> list[object]:
    from ccas_docs.signing.certificates import load_trust_roots

    folder = Path(root) / TRUST
    return load_trust_roots(([folder] if folder.is_dir() else []) + list(extra))


def verify(pdf: Path, root: Path, extra_roots: list[Path]) -> Verification:
    from ccas_docs.signing.fields import read_fields
    from ccas_docs.signing.verify import changes_after, revisions, validate_signatures

    shown = str(pdf)
    data = read_bounded(Path(pdf), shown, MAX_PDF_BYTES, "un PDF")
    roots = trust_roots(root, extra_roots)
    found = identify(data, Path(root), checked_entries(Path(root)))
    result = Verification(shown, found.version if found else None, found.how if found else "")
    if found is None:
        result.problems.append(
            "ce PDF n'est aucune version enregistrée dans signatures/registre.csv "
            "et ne commence par aucune version scellée"
        )
    elif found.entry is None:
        reason = changes_after(data, revisions(found.sealed, shown), shown)
        if reason:
            result.problems.append(reason)
    result.signatures = validate_signatures(data, roots, shown, f"{TRUST}/ ou --confiance")
    try:
        result.unsigned = [f for f in read_fields(data) if not f.signed]
    except Exception:  # pikepdf cannot parse a damaged file: the signatures' report already says so
        result.unsigned = []
    if result.signatures and not roots:
        result.problems.append(f"aucune autorité de confiance : déposer son certificat dans {TRUST}/ ou --confiance")
    return result


@dataclass
class Rebuilt:
    version: str
    files: list[str]
    from_commit: str | None = None


def _git_show(root: Path, commit: str, path: str) -> bytes | None:
    try:
        shown = subprocess.run(["git", "-C", str(root), "show", f"{commit}:./{path}"], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return shown.stdout if shown.returncode == 0 else None


def _recorded_sources(root: Path, manifest, copy: Path) -> str | None:
    """Copy the recorded sources into ``copy``; return the commit used, or raise naming each changed source."""
    problems, commit = [], None
    for rel, sha in sorted(manifest.sources.items()):
        path = Path(root) / rel
        data = path.read_bytes() if path.is_file() else None
        if data is None or hashlib.sha256(data).hexdigest() != sha:
            data = _git_show(root, manifest.commit, rel) if manifest.commit else None
            if data is None or hashlib.sha256(data).hexdigest() != sha:
                what = "supprimée" if not path.is_file() else "modifiée"
                where = f" et introuvable au commit {manifest.commit[:12]}" if manifest.commit else ""
                problems.append(
                    error(Location(rel), f"source {what} depuis le scellement{where} (SHA-256 enregistré {sha[:12]}…)")
                )
                continue
            commit = manifest.commit
        (copy / rel).parent.mkdir(parents=True, exist_ok=True)
        (copy / rel).write_bytes(data)
    if problems:
        exc = UserError(problems)
        exc.note = "Reconstruction impossible : rétablir ces sources (git checkout) ou le commit du scellement."
        raise exc
    return commit


def rebuild(root: Path, version: str) -> Rebuilt:
    from ccas_docs.checks.rules import validated
    from ccas_docs.jobs.build_date import pdf_creation_day
    from ccas_docs.jobs.layouts import Layouts
    from ccas_docs.jobs.seal import code_digest, libraries, produce, source_files
    from ccas_docs.model.project import load_project

    root = Path(root)
    check_version_id(version)
    manifest = manifest_of(root, version)
    with tempfile.TemporaryDirectory(prefix="ccas-docs-reconstruction-") as tmp:
        copy, out = Path(tmp) / "projet", Path(tmp) / "sortie"
        copy.mkdir()
        out.mkdir()
        commit = _recorded_sources(root, manifest, copy)
        with Layouts(copy / "templates", workers=1) as layouts:
            project = load_project(copy)
            _, numbering = validated(project)
            sources = source_files(project, copy)
            sealed_pdf = version_folder(root, version) / manifest.pdf
            day = pdf_creation_day(sealed_pdf)  # the sealing date the sealed PDF records
            again = produce(project, numbering, copy, version, out, layouts, sources, day=day)
        problems = []
        for name, info in manifest.fichiers.items():
            sealed = version_folder(root, version) / name
            shown = f"{FOLDER}/{version}/{name}"
            if not sealed.is_file() or hashlib.sha256(sealed.read_bytes()).hexdigest() != info["sha256"]:
                problems.append(error(Location(shown), "fichier scellé modifié ou supprimé depuis le scellement"))
            elif again.fichiers.get(name, {}).get("sha256") != info["sha256"]:
                size = again.fichiers.get(name, {}).get("octets", 0)
                problems.append(
                    error(
                        Location(shown),
                        f"la reconstruction diffère du fichier scellé "
                        f"({size} octets reconstruits, {info['octets']} scellés)",
                        hint=_why(manifest, code_digest(), libraries()),
                    )
                )
        if problems:
            exc = UserError(problems)
            exc.note = "La version reconstruite n'est pas identique à la version scellée."
            raise exc
    return Rebuilt(version, sorted(manifest.fichiers), commit)


def _why(manifest, code: str, libs: dict[str, str]) -> str:
    before = manifest.bibliotheques
    changed = [f"{k} {before.get(k, '?')} → {v}" for k, v in libs.items() if before.get(k) != v]
    if manifest.code and manifest.code != code:
        changed.insert(0, "le code de l'outil")
    if changed:
        return "a changé depuis le scellement : " + ", ".join(changed)
    return "mêmes sources, même outil : vérifier les polices installées (DejaVu) et le fichier scellé"
