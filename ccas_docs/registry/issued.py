"""Helpers of every job that issues registered files (invoices, sealed versions).

- :func:`refuse_overwrite`: a file on disk that is not the registered one is never overwritten;
- :func:`file_fields` / :func:`sources_field`: the ``fichiers``, ``sha256`` and ``sources`` columns
  of a register (:mod:`ccas_docs.registry.chain`);
- :func:`staging_dir` and :func:`clean_staging`: each run stages its files in a folder it keeps
  locked; leftover folders of an interrupted run (``kill -9``, power cut) are removed by the next run.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ccas_docs.common.atomic import reason, sha256_file
from ccas_docs.common.diagnostics import Location, UserError, error

STAGING_PATTERNS = ("output/.build-*", "output/.facture-*", "signatures/.sceau-*")
STAGING_LOCK = ".en-cours"  # the file of a staging folder that its (living) process keeps locked
_PROCESS_STARTED = time.time()


def durable_write(target: Path, data: bytes, shown: str | None = None) -> None:
    """Write ``data`` to a temp file beside ``target``, fsync it, rename it, fsync the folder."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UserError(
            error(Location(shown or str(target)), f"écriture impossible : {reason(exc)}", code="ecriture")
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def relative(path: Path, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def file_fields(paths: Iterable[Path], root: Path) -> dict[str, str]:
    """The ``fichiers`` and ``sha256`` columns: paths relative to ``root`` and their SHA-256, ``|``-separated."""
    paths = list(paths)
    return {
        "fichiers": "|".join(relative(p, root) for p in paths),
        "sha256": "|".join(sha256_file(p) for p in paths),
    }


def sources_field(paths: Iterable[Path], root: Path) -> str:
    """The ``sources`` column: ``path=sha256|path=sha256`` of every existing source file, sorted by path."""
    pairs = {relative(p, root): sha256_file(p) for p in paths if Path(p).is_file()}
    return "|".join(f"{name}={pairs[name]}" for name in sorted(pairs))


def split_field(text: str) -> list[str]:
    return [part.strip() for part in text.split("|") if part.strip()]


def registered_files(entry: Any) -> dict[str, str]:
    """``{relative path: sha256}`` of an entry's ``fichiers`` / ``sha256`` columns."""
    return dict(zip(split_field(entry.get("fichiers")), split_field(entry.get("sha256")), strict=False))


def refuse_overwrite(path: Path, expected_sha256: str | None, shown: str | None = None, register: str = "") -> None:
    """Raise :class:`UserError` when ``path`` exists and is not the registered file.

    ``expected_sha256`` is the SHA-256 the register keeps for that path (``None``: nothing is
    registered for it, so any existing file is refused). A missing file, or the very registered
    one, may be (re)written.
    """
    path = Path(path)
    if not path.exists():
        return
    if expected_sha256 is not None and path.is_file() and sha256_file(path) == expected_sha256:
        return
    name = shown or str(path)
    if expected_sha256 is None:
        what = f"n'est enregistré dans aucun registre{f' ({register})' if register else ''}"
    else:
        what = f"n'est pas celui qu'enregistre {register or 'le registre'} (son SHA-256 diffère)"
    raise UserError(
        error(
            Location(name),
            f"le fichier {name} existe déjà et {what} : un document émis n'est jamais écrasé",
            code="fichier-emis",
            hint="si c'est un document émis, le conserver et rétablir le registre depuis l'historique git "
            f"(« git checkout -- {register or 'le registre'} ») ; sinon le déplacer hors de ce dossier, "
            "puis relancer la commande",
        )
    )


@contextlib.contextmanager
def staging_dir(parent: Path, prefix: str) -> Iterator[Path]:
    """A fresh staging folder ``parent/<prefix>XXXX`` locked by this process; removed on exit.

    The lock (``.en-cours`` inside it) tells :func:`clean_staging` of another command that the
    folder is in use; a process killed with ``kill -9`` releases it, so the next run cleans it.
    """
    parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    fd = os.open(folder / STAGING_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield folder
    finally:
        os.close(fd)
        shutil.rmtree(folder, ignore_errors=True)


def clean_staging(root: Path, patterns: Sequence[str] = STAGING_PATTERNS, started: float | None = None) -> list[Path]:
    """Remove the staging folders an interrupted run left behind; return those removed.

    A folder is left behind when no process holds its ``.en-cours`` lock (see :func:`staging_dir`),
    or, for a folder without that file, when it is older than the current run (``started``, by
    default the start of this process).
    """
    started = _PROCESS_STARTED if started is None else started
    removed: list[Path] = []
    for pattern in patterns:
        for folder in sorted(Path(root).glob(pattern)):
            if not folder.is_dir() or folder.is_symlink():
                continue
            if _abandoned(folder, started):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed


def _abandoned(folder: Path, started: float) -> bool:
    marker = folder / STAGING_LOCK
    if not marker.exists():
        try:
            return folder.stat().st_mtime < started
        except OSError:
            return False
    try:
        fd = os.open(marker, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # a living process holds it
    finally:
        os.close(fd)
    return True
