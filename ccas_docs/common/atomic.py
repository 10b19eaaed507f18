"""Atomic writes: a temporary file in the target's folder, then a rename.

An interrupted or failed run never leaves a half-written document, and the previous version of
a file stays intact until the new one is complete.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ccas_docs.common.diagnostics import fail
from ccas_docs.common.oserrors import reason as os_reason


def reason(exc: OSError) -> str:
    """The operating system's reason for a failed write, in French (a missing path is a folder here)."""
    return "dossier introuvable" if exc.errno == errno.ENOENT else os_reason(exc)


@contextlib.contextmanager
def os_errors(folder: Path | str, doing: str = "écriture impossible") -> Iterator[None]:
    """Turn an operating-system failure (full disk, read-only folder…) into one located French error.

    The path shown is ``folder`` (what the user named), not a temporary file inside it.
    """
    try:
        yield
    except OSError as exc:
        raise fail(
            folder,
            f"{doing} : {reason(exc)}",
            code="ecriture",
            hint="libérer de la place sur le disque" if exc.errno == errno.ENOSPC else "",
        ) from None


def ensure_dir(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise fail(folder, f"impossible de créer le dossier : {reason(exc)}", code="ecriture") from None
    if not os.access(folder, os.W_OK):
        raise fail(
            folder,
            "dossier non accessible en écriture",
            code="ecriture",
            hint="choisir un autre dossier de sortie ou en corriger les droits",
        ) from None


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; rename it onto ``target`` if the block succeeds."""
    ensure_dir(target.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise fail(target.parent, f"écriture impossible : {reason(exc)}", code="ecriture") from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        with os_errors(target):
            yield tmp_path
            os.chmod(tmp_path, 0o644)
            os.replace(tmp_path, target)
    finally:
        with contextlib.suppress(OSError):
            tmp_path.unlink(missing_ok=True)


def write_bytes(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: Path, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes (manifests, the invoice register)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
