"""The one register mechanism: an append-only, hash-chained CSV file, written under an exclusive lock.

Used for ``data/registre-factures.csv`` (issued invoices and credit notes) and
``signatures/registre.csv`` (sealed and signed versions). Each register declares its own columns;
this module adds and verifies, on every row:

- ``outil``: the version of ccas-docs that wrote the row;
- ``precedent``: the ``empreinte`` of the previous row (64 zeros for the first one);
- ``empreinte``: the SHA-256 of the row's canonical text (every other column, ``precedent``
  included), so that changing, removing or moving a row breaks the chain at that row and the
  message names it (« registre modifié à la main : entrée 3 (2025-CCAS-002) ne correspond plus »).

Usage::

    register = open_register(root / "data/registre-factures.csv", COLUMNS, shown="data/registre-factures.csv")
    with register.locked():          # fcntl.flock on data/registre-factures.csv.lock
        entries = register.entries()  # read and verify the chain
        ...                           # decide the number, write the documents
        register.append(row)          # atomic: temp file, fsync, rename, fsync of the folder

The lock is held for the whole read–number–write–append sequence, so that concurrent commands are
serialised (the second one waits, then sees the first one's row). The register file itself is
replaced atomically: a reader (or a process killed with ``kill -9``) sees it before or after an
append, never in between.

Helpers shared by every job that issues files live in :mod:`ccas_docs.registry.issued` and are
re-exported here: :func:`refuse_overwrite` (a file on disk that is not the registered one is never
overwritten), :func:`file_fields` / :func:`sources_field` (the ``fichiers``, ``sha256`` and
``sources`` columns), :func:`staging_dir` and :func:`clean_staging` (leftover staging folders of
an interrupted run are removed by the next run).
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import hashlib
import io
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ccas_docs import __version__
from ccas_docs.common.atomic import reason
from ccas_docs.common.diagnostics import Diagnostic, Location, UserError, error

CHAIN_COLUMNS = ("outil", "precedent", "empreinte")
GENESIS = "0" * 64
LOCK_SUFFIX = ".lock"


@dataclass(frozen=True)
class Entry:
    """One verified row: its values by column, its rank (1-based) and its line in the file."""

    values: Mapping[str, str]
    index: int
    line: int
    location: Location

    def __getitem__(self, column: str) -> str:
        return self.values[column]

    def get(self, column: str, default: str = "") -> str:
        return self.values.get(column, default)

    @property
    def id(self) -> str:
        """The value of the register's first column (an invoice number, a version id)."""
        return next(iter(self.values.values()), "")


def canonical(values: Mapping[str, str], columns: Sequence[str]) -> str:
    """The text that ``empreinte`` hashes: every column but ``empreinte``, as one CSV line."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\n").writerow(
        [values.get(c, "") for c in columns if c != "empreinte"]
    )
    return buffer.getvalue()


def digest(values: Mapping[str, str], columns: Sequence[str]) -> str:
    return hashlib.sha256(canonical(values, columns).encode("utf-8")).hexdigest()


class Register:
    """An append-only, hash-chained register file (see the module's documentation)."""

    def __init__(self, path: Path, columns: Sequence[str], shown: str | None = None, bom: bool = True):
        self.path = Path(path)
        own = tuple(c for c in columns if c not in CHAIN_COLUMNS)
        self.columns: tuple[str, ...] = (*own, *CHAIN_COLUMNS)
        self.shown = shown or str(path)
        self.bom = bom
        self.lock_path = self.path.with_name(self.path.name + LOCK_SUFFIX)
        self._depth = 0
        self._lock_fd: int | None = None

    # --- the lock ------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def locked(self) -> Iterator[Register]:
        """Hold the exclusive lock of the register (re-entrant within one :class:`Register` object)."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise UserError(
                error(Location(self.shown), f"verrou du registre impossible à créer : {reason(exc)}", code="registre")
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # waits for the other command, if any
            self._lock_fd, self._depth = fd, 1
            yield self
        finally:
            self._depth, self._lock_fd = 0, None
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    @property
    def is_locked(self) -> bool:
        return self._depth > 0

    # --- reading -------------------------------------------------------------------------------------

    def entries(self) -> list[Entry]:
        """Read the register and verify its chain; a missing file is an empty register.

        Reading without the lock is safe (the file is replaced atomically) but gives a snapshot
        that another command may extend: decide numbers inside :meth:`locked`.
        """
        if not self.path.exists():
            return []
        try:
            text = self.path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UserError(
                error(Location(self.shown), "registre illisible : encodage UTF-8 attendu", code="registre")
            ) from None
        except OSError as exc:
            raise UserError(
                error(Location(self.shown), f"registre illisible : {reason(exc)}", code="registre")
            ) from None
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
        if not rows:
            return []
        header = tuple(cell.strip() for cell in rows[0])
        if header != self.columns:
            raise UserError(
                error(
                    Location(self.shown, 1, 1),
                    f"en-tête du registre inattendu : « {';'.join(header)} » au lieu de « {';'.join(self.columns)} »",
                    code="registre",
                    hint="le registre ne se modifie pas à la main : le rétablir depuis l'historique git "
                    f"(« git checkout -- {self.shown} »)",
                )
            )
        parsed: list[tuple[int, dict[str, str], bool]] = []  # (line, values, right number of columns)
        for line, row in enumerate(rows[1:], start=2):
            if any(cell.strip() for cell in row):
                values = {c: (row[i] if i < len(row) else "") for i, c in enumerate(self.columns)}
                parsed.append((line, values, len(row) == len(self.columns)))
        hashes: dict[str, int] = {}  # empreinte -> rank, to tell a moved row from a removed one
        for rank, (_, values, _) in enumerate(parsed, start=1):
            hashes.setdefault(values["empreinte"], rank)
        entries: list[Entry] = []
        problems: list[Diagnostic] = []
        previous = GENESIS
        for rank, (line, values, complete) in enumerate(parsed, start=1):
            entry = Entry(values, rank, line, Location(self.shown, line, 1))
            if not problems:
                problem = self._problem(entry, previous, hashes, complete)
                if problem:
                    problems.append(problem)
            entries.append(entry)
            previous = values["empreinte"]
        if problems:
            raise UserError(problems)
        return entries

    def _problem(self, entry: Entry, previous: str, hashes: Mapping[str, int], complete: bool) -> Diagnostic | None:
        named = f"entrée {entry.index} ({entry.id})" if entry.id else f"entrée {entry.index}"
        head = f"registre modifié à la main : {named} ne correspond plus"
        hint = (
            "un registre ne se modifie jamais à la main : le rétablir depuis l'historique git "
            f"(« git log -p -- {self.shown} », puis « git checkout <commit> -- {self.shown} ») ; "
            "pour corriger un document émis, émettre un avoir ou l'annuler (« ccas-docs invoice --annule »)"
        )
        if not complete:
            return error(entry.location, f"{head} (nombre de colonnes)", code="registre-modifie", hint=hint)
        if digest(entry.values, self.columns) != entry["empreinte"]:
            return error(entry.location, f"{head} (contenu modifié)", code="registre-modifie", hint=hint)
        if entry["precedent"] != previous:
            before = hashes.get(entry["precedent"])
            if before is not None and before > entry.index:
                why = f"l'ordre des entrées a changé : elle suivait l'entrée {before}"
            elif entry["precedent"] == GENESIS:
                why = "elle était la première : les entrées qui la précèdent ont été ajoutées ou déplacées"
            else:
                why = "l'entrée qui la précédait a été supprimée ou déplacée"
            return error(entry.location, f"{head} ({why})", code="registre-modifie", hint=hint)
        return None

    # --- writing -------------------------------------------------------------------------------------

    def append(self, *rows: Mapping[str, str]) -> list[Entry]:
        """Append ``rows`` (all of them, or none) and replace the file atomically; hold :meth:`locked`.

        Each row gives the register's own columns (missing ones are empty); ``outil``,
        ``precedent`` and ``empreinte`` are computed here. Return the new entries.
        """
        if not self.is_locked:
            raise RuntimeError("Register.append() outside Register.locked()")
        existing = self.entries()
        previous = existing[-1]["empreinte"] if existing else GENESIS
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
        writer.writerow(self.columns)
        for entry in existing:
            writer.writerow([entry[c] for c in self.columns])
        line = (existing[-1].line if existing else 1) + 1
        new: list[Entry] = []
        for rank, row in enumerate(rows, start=len(existing) + 1):
            unknown = set(row) - set(self.columns)
            if unknown:
                raise ValueError(f"unknown register columns: {sorted(unknown)}")
            values = {c: _clean(str(row.get(c, ""))) for c in self.columns}
            values["outil"] = values["outil"] or f"ccas-docs {__version__}"
            values["precedent"] = previous
            values["empreinte"] = digest(values, self.columns)
            writer.writerow([values[c] for c in self.columns])
            new.append(Entry(values, rank, line, Location(self.shown, line, 1)))
            previous = values["empreinte"]
            line += 1
        data = buffer.getvalue().encode("utf-8-sig" if self.bom else "utf-8")
        durable_write(self.path, data, self.shown)
        return new


def open_register(path: Path, columns: Sequence[str], shown: str | None = None, bom: bool = True) -> Register:
    """The register at ``path`` with its own ``columns`` (the chain's columns are added)."""
    return Register(path, columns, shown, bom)


def _clean(text: str) -> str:
    # one physical line per entry: the line numbers of messages stay true
    return " ".join(text.splitlines()).strip() if ("\n" in text or "\r" in text) else text


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


# the helpers of the jobs that issue registered files, importable from here too
from ccas_docs.registry.issued import (  # noqa: E402
    clean_staging,
    file_fields,
    refuse_overwrite,
    registered_files,
    relative,
    sources_field,
    split_field,
    staging_dir,
)

__all__ = [
    "CHAIN_COLUMNS",
    "GENESIS",
    "Entry",
    "Register",
    "canonical",
    "clean_staging",
    "digest",
    "durable_write",
    "file_fields",
    "open_register",
    "refuse_overwrite",
    "registered_files",
    "relative",
    "sources_field",
    "split_field",
    "staging_dir",
]
