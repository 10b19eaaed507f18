"""The files a project lists: kept inside the project, their total size bounded, a close name suggested."""

from __future__ import annotations

import stat
from pathlib import Path

from ccas_docs.common.bounds import MAX_PROJECT_BYTES, megabytes
from ccas_docs.common.diagnostics import Report, UserError, closest, error
from ccas_docs.source.yamlsource import PathKey, SourceFile

CONVENTION_FILE = "convention.yaml"


def check_total_size(root: Path, source: SourceFile, names: list[str]) -> None:
    """All the files of the project together stay under ``MAX_PROJECT_BYTES``, checked before reading them."""
    total = (root / CONVENTION_FILE).stat().st_size
    for name in dict.fromkeys(names):
        try:
            info = (root / name).stat()
        except (OSError, ValueError):
            continue  # a missing file is reported where it is listed
        total += info.st_size if stat.S_ISREG(info.st_mode) else 0
    if total > MAX_PROJECT_BYTES:
        raise UserError(
            error(
                source.locate(("annexes",)),
                f"projet trop volumineux : ses fichiers YAML font ensemble plus de {megabytes(MAX_PROJECT_BYTES)}",
                code="taille",
                hint="vérifier la liste des annexes et des avenants : une convention tient en quelques centaines de ko",
            )
        )


def project_path(root: Path, name: str, source: SourceFile, key: PathKey, report: Report) -> str | None:
    """``name`` relative to the project, refusing paths that leave it."""
    where = source.locate(key, value=True)
    candidate = Path(name)
    resolved_root = root.resolve()
    resolved = (root / candidate).resolve()
    if candidate.is_absolute() or not resolved.is_relative_to(resolved_root):
        report.add(
            error(
                where,
                f"le chemin « {name} » sort du dossier du projet",
                code="chemin",
                hint="donner un chemin relatif à l'intérieur du projet, par exemple « annexes/rh.yaml »",
            )
        )
        return None
    return resolved.relative_to(resolved_root).as_posix()


def closest_file(root: Path, shown: str) -> str:
    """The existing YAML file whose name is closest to ``shown`` (compared without « .yaml »), or ""."""
    wanted = Path(shown)
    folder = root / wanted.parent
    stems = {p.stem: p.name for p in folder.glob("*.yaml")} if folder.is_dir() else {}
    close = closest(wanted.stem, list(stems))
    return (wanted.parent / stems[close]).as_posix() if close else ""
