"""``ccas-docs seal``: freeze the version to sign into ``signatures/<version>/``, registered.

The version is built from the sources as a final document (no « PROJET » mark): the PDF/A-2b
(WeasyPrint) with one empty signature field per signatory, the DOCX, and a manifest. Sealing is
refused while ``check`` reports an error, any « À COMPLÉTER » remains or an article is still
« à valider » by the legal service. A sealed version is never
rebuilt in place: sealing again the same sources is a no-op, other sources under the same id are
refused. Everything is staged in ``signatures/.sceau-*`` and moved into place with one rename,
then registered, all under the register's lock.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import subprocess
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from ccas_docs import __version__
from ccas_docs.common.atomic import sha256_file
from ccas_docs.common.diagnostics import Diagnostic, Location, UserError, error, fail
from ccas_docs.document.tree import Document, SignatureBlock
from ccas_docs.jobs.build_date import dated, project_date
from ccas_docs.jobs.sealed import (
    FOLDER,
    ORIGINAL,
    REGISTER,
    SEALED,
    check_version_id,
    checked_entries,
    now,
    register,
    version_folder,
)
from ccas_docs.registry.chain import clean_staging, durable_write, file_fields, refuse_overwrite, staging_dir
from ccas_docs.signing.fields import FieldSpec, PlacedField
from ccas_docs.signing.manifest import NAME as MANIFEST
from ccas_docs.signing.manifest import Manifest, sources_digest

AVENANT, CONSOLIDATED = "avenant-", "consolidee-"
LIBRARIES = ("weasyprint", "pydyf", "fonttools", "pikepdf", "python-docx", "docxtpl", "lxml")
NOTHING_SEALED = "Rien n'a été scellé ni enregistré."


@dataclass
class SealResult:
    version: str
    folder: Path
    files: list[Path]
    already: bool = False
    fields: list[PlacedField] = field(default_factory=list)


def source_files(project, root: Path) -> dict[str, str]:
    """``{path relative to root: sha256}`` of every YAML file and template the version comes from."""
    paths = list(project.input_files())
    templates = root / "templates"
    if templates.is_dir():
        paths.extend(p for p in sorted(templates.iterdir()) if p.is_file() and not p.name.startswith("."))
    return {p.resolve().relative_to(root.resolve()).as_posix(): sha256_file(p) for p in paths}


def code_digest() -> str:
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def libraries() -> dict[str, str]:
    out = {}
    for name in LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "absent"
    import pikepdf

    out["qpdf"] = pikepdf.__libqpdf_version__
    return out


def _clean_commit(root: Path, sources: list[str]) -> str | None:
    """The git commit of the sources when none of them differs from it (else None: not reproducible from git)."""
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10)
        if head.returncode != 0:
            return None
        status = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--", *sources],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return head.stdout.strip() if status.returncode == 0 and not status.stdout.strip() else None


def blocking(project) -> tuple[list[Diagnostic], object]:
    """Every error of ``check``, every « À COMPLÉTER » and every article still « à valider », as errors
    located at their field; the numbering.

    A sealed version goes to the signatories: an article the tool drafted for the legal service
    (``a_valider``) is signed only once that service has read it and removed the key."""
    from ccas_docs.checks.rules import check_project

    report, numbering = check_project(project)
    out = list(report.errors)
    for d in report.warnings:
        if d.code == "a-completer":
            out.append(error(d.location, f"{d.message} : à remplir avant de sceller", code=d.code, hint=d.hint))
        elif d.code == "a-valider":
            hint = "une version scellée part à la signature : faire relire l'article, puis retirer « a_valider »"
            out.append(error(d.location, f"{d.message} : à valider avant de sceller", code=d.code, hint=hint))
    return out, numbering


def version_date(version: str) -> dt.date | None:
    """The date of a ``consolidee-AAAA-MM-JJ`` id (None for another id); a date that does not exist is refused."""
    if not version.startswith(CONSOLIDATED):
        return None
    try:
        return dt.date.fromisoformat(version.removeprefix(CONSOLIDATED))
    except ValueError:
        raise fail(
            version,
            f"identifiant de version « {version} » : date inexistante",
            code="version",
            hint="consolidee-AAAA-MM-JJ avec une date du calendrier",
        ) from None


def version_id(avenant: int | None = None, at: dt.date | None = None) -> str:
    """The version id sealed by ``seal`` (nothing), ``seal --avenant N`` or ``seal --at DATE``."""
    if avenant is not None and at is not None:
        raise fail(
            "--avenant", "--avenant et --at ne se combinent pas", code="version", hint="sceller l'un, puis l'autre"
        )
    if avenant is not None:
        return f"{AVENANT}{avenant:03d}"
    if at is not None:
        return f"{CONSOLIDATED}{at.isoformat()}"
    return ORIGINAL


def compose_version(project, numbering, version: str) -> Document:
    """The document of a version id: the convention as adopted, an avenant, or the convention in force."""
    from ccas_docs.compose.convention import compose_convention

    if version == ORIGINAL:
        return final(compose_convention(project, numbering))
    if version.startswith(AVENANT):
        from ccas_docs.compose.avenant import compose_avenant
        from ccas_docs.jobs.redline import avenant_versions

        before, after = avenant_versions(project, int(version.removeprefix(AVENANT)))
        assert after.avenant is not None
        return final(compose_avenant(after.avenant, before, after))
    at = version_date(version)
    assert at is not None, version
    from ccas_docs.checks.rules import validated
    from ccas_docs.compose.convention import consolidation_line
    from ccas_docs.versions.consolidate import consolidate

    in_force = consolidate(project, at)
    _, consolidated = validated(in_force.project)
    line = consolidation_line(at, in_force.avenants)
    return final(compose_convention(in_force.project, consolidated, line))


def final(doc: Document) -> Document:
    """The document as issued: without the « PROJET » mark that ``build`` puts on drafts."""
    return dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, draft=False))


def field_specs(doc: Document) -> list[FieldSpec]:
    specs = []
    for block in doc.body:
        if isinstance(block, SignatureBlock):
            for sig in block.signatures:
                if sig.field:
                    specs.append(FieldSpec(sig.field, " – ".join((sig.heading, *sig.lines[:2]))))
    return specs


def produce(
    project,
    numbering,
    root: Path,
    version: str,
    target: Path,
    layouts,
    sources: dict[str, str],
    doc=None,
    day: dt.date | None = None,
) -> Manifest:
    """Write the sealed files of ``version`` (``doc``, composed here if None) into ``target``; return
    their manifest (not written). ``day``: the files' creation date (jobs.build_date)."""
    from ccas_docs.signing.fields import add_signature_fields
    from ccas_docs.writers.docx import render_docx
    from ccas_docs.writers.html import render_html

    templates = root / "templates"
    from ccas_docs.jobs.provenance import provenance, stamped

    doc = stamped(doc or compose_version(project, numbering, version), provenance(project, version=version))
    if day is not None:
        doc = dated(doc, day)
    html = render_html(doc, templates)
    pending = layouts.submit(html, doc.meta)
    docx = render_docx(doc, templates / "convention.docx")
    laid_out, _ = pending()
    digest = sources_digest(sources)
    tool = f"ccas-docs {__version__}"
    pdf, placed = add_signature_fields(
        laid_out, field_specs(doc), {"version": version, "empreinteSources": digest, "outil": tool}
    )
    manifest = Manifest(version, tool, code_digest(), libraries(), digest, sources)
    for name, data in ((f"{doc.name}.pdf", pdf), (f"{doc.name}.docx", docx)):
        (target / name).write_bytes(data)
        manifest.fichiers[name] = {"sha256": hashlib.sha256(data).hexdigest(), "octets": len(data)}
    manifest.champs = [{"nom": p.name, "libelle": p.label, "page": p.page, "rectangle": list(p.rect)} for p in placed]
    return manifest


def _changed(old: dict[str, str], new: dict[str, str]) -> list[str]:
    return sorted(p for p in old.keys() | new.keys() if old.get(p) != new.get(p))


def _already_sealed(root: Path, version: str, sources: dict[str, str], entries, reg) -> SealResult:
    folder = version_folder(root, version)
    manifest = Manifest.read(folder / MANIFEST, f"{FOLDER}/{version}/{MANIFEST}")
    changed = _changed(manifest.sources, sources)
    if changed:
        raise UserError(
            [
                error(
                    Location(path),
                    f"la version « {version} » est déjà scellée et cette source a changé depuis",
                    code="version-scellee",
                    hint="une version scellée ne change plus : une modification passe par un avenant "
                    "(seal --avenant NNN) ; ou rétablir le fichier (git checkout)",
                )
                for path in changed
            ]
        )
    files = [folder / name for name in manifest.fichiers]
    for path, name in zip(files, manifest.fichiers, strict=True):
        refuse_overwrite(path, manifest.fichiers[name]["sha256"], f"{FOLDER}/{version}/{name}", MANIFEST)
        if not path.exists():
            raise fail(f"{FOLDER}/{version}/{name}", "fichier scellé manquant", code="version-scellee")
    if not any(e["version"] == version and e["operation"] == SEALED for e in entries):
        # sealed, then interrupted before the register's line: register it now
        reg.append(_row(root, version, files, sources))
    return SealResult(version, folder, [*files, folder / MANIFEST], already=True)


def _row(root: Path, version: str, files: list[Path], sources: dict[str, str]) -> dict[str, str]:
    return {
        "version": version,
        "operation": SEALED,
        "date": now(),
        **file_fields(files, root),
        "sources": "|".join(f"{p}={sha}" for p, sha in sorted(sources.items())),
    }


def seal(root: Path, version: str = ORIGINAL) -> SealResult:
    """Seal ``version`` of the project in ``root`` (see the module's documentation)."""
    from ccas_docs.jobs.layouts import Layouts
    from ccas_docs.model.project import load_project

    root = Path(root)
    check_version_id(version)
    version_date(version)
    clean_staging(root, (f"{FOLDER}/.sceau-*",))
    templates = root / "templates"
    with Layouts(templates, workers=1) as layouts:
        project = load_project(root)
        problems, numbering = blocking(project)
        if problems:
            exc = UserError(problems)
            exc.note = NOTHING_SEALED
            raise exc
        doc = compose_version(project, numbering, version)  # an unknown avenant stops here
        sources = source_files(project, root)
        reg = register(root)
        folder = version_folder(root, version)
        with reg.locked():
            entries = checked_entries(root, reg)
            if (folder / MANIFEST).exists():
                return _already_sealed(root, version, sources, entries, reg)
            if folder.exists() and any(folder.iterdir()):
                refuse_overwrite(next(iter(sorted(folder.iterdir()))), None, register=REGISTER)
            if any(e["version"] == version for e in entries):
                raise fail(
                    REGISTER,
                    f"la version « {version} » est au registre mais son dossier {FOLDER}/{version}/ a disparu",
                    code="version-scellee",
                    hint="restaurer le dossier depuis l'archive ou l'historique git ; rien n'a été réécrit",
                )
            with staging_dir(root / FOLDER, ".sceau-") as staging:
                work = staging / version
                work.mkdir()
                day = project_date(project)  # the sealing date, never the convention's effective date
                manifest = produce(project, numbering, root, version, work, layouts, sources, doc, day)
                manifest.commit = _clean_commit(root, sorted(sources))
                durable_write(work / MANIFEST, manifest.to_json().encode("utf-8"))
                folder.parent.mkdir(parents=True, exist_ok=True)
                if folder.exists():
                    folder.rmdir()  # empty (checked above)
                reg.announce({f"{FOLDER}/{version}/{n}": f["sha256"] for n, f in manifest.fichiers.items()})
                os.rename(work, folder)
            files = [folder / name for name in manifest.fichiers]
            reg.append(_row(root, version, files, sources))
    fields = [PlacedField(c["nom"], c["libelle"], c["page"], tuple(c["rectangle"])) for c in manifest.champs]
    return SealResult(version, folder, [*files, folder / MANIFEST], fields=fields)
