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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ccas_docs import __version__
from ccas_docs.common.atomic import reason
from ccas_docs.common.bounds import MAX_DATA_BYTES, read_bounded
from ccas_docs.common.diagnostics import Diagnostic, Location, UserError, error
from ccas_docs.registry import head as heads
from ccas_docs.registry.cells import decode_cell, encode_cell, one_line

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

    def __init__(
        self, path: Path, columns: Sequence[str], shown: str | None = None, bom: bool = True, root: Path | None = None
    ):
        self.path = Path(path)
        own = tuple(c for c in columns if c not in CHAIN_COLUMNS)
        self.columns: tuple[str, ...] = (*own, *CHAIN_COLUMNS)
        self.shown = shown or str(path)
        self.bom = bom
        self.lock_path = self.path.with_name(self.path.name + LOCK_SUFFIX)
        self.head_path = heads.head_path(self.path)
        self.head_shown = heads.head_shown(self.shown)
        self.root = Path(root) if root is not None else self.path.parent.parent  # files are relative to it
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
        """Read the register and verify its chain and its head (:mod:`.head`); a missing file is
        an empty register, unless its head counts entries.

        Reading without the lock is safe (each file is replaced atomically) but gives a snapshot
        that another command may extend: decide numbers inside :meth:`locked`. A disagreement
        seen without the lock is confirmed under it (a writer may have been between two writes);
        a register without a head (written by an older ccas-docs) gets one, from its valid chain.
        """
        entries = self._chain()
        head = heads.read(self.head_path, self.head_shown, self.shown)
        problem = heads.problem(head, entries, self.shown, self.head_shown) if head is not None else None
        writable = os.access(self.path.parent, os.W_OK)
        if not self.is_locked and (problem is not None or (head is None and self.path.exists() and writable)):
            with self.locked():
                return self.entries()
        if problem is not None:
            raise UserError(problem)
        if self.is_locked and (head is None and self.path.exists() or head is not None and len(entries) > head.count):
            # an older register, or an append interrupted before its head: bring the head up to date
            self._write_head(entries, in_progress=False, pending=self._leftovers(entries))
        return entries

    @property
    def head(self) -> heads.Head | None:
        return heads.read(self.head_path, self.head_shown, self.shown)

    def _write_head(self, entries: Sequence[Entry], in_progress: bool, pending: Mapping[str, str]) -> None:
        last = entries[-1]["empreinte"] if entries else GENESIS
        head = heads.Head(len(entries), last, in_progress, dict(pending))
        durable_write(self.head_path, heads.render(head, self.shown), self.head_shown)

    def _leftovers(self, entries: Sequence[Entry]) -> dict[str, str]:
        """The files an earlier append announced that are on disk and still not registered."""
        head = self.head
        if head is None:
            return {}
        registered = {name for e in entries for name in registered_files(e)}
        return {p: s for p, s in head.files.items() if p not in registered and (self.root / p).is_file()}

    def announce(self, files: Mapping[str, str]) -> None:
        """Record in the head, before they are installed, the files (relative path → SHA-256) that the
        next :meth:`append` registers: a run killed in between leaves files the next one recognises."""
        if not self.is_locked:
            raise RuntimeError("Register.announce() outside Register.locked()")
        entries = self.entries()
        self._write_head(entries, in_progress=True, pending={**self._leftovers(entries), **files})

    def unregistered(self, on_disk: Iterable[str], entries: Sequence[Entry] | None = None) -> Diagnostic | None:
        """The problem when a registered kind of file on disk (``on_disk``: paths relative to
        :attr:`root`) has no entry and was not announced by an interrupted append: the register
        lost its last entries, or it was replaced with its head by an older copy."""
        entries = self.entries() if entries is None else entries
        registered = {name for e in entries for name in registered_files(e)}
        head = self.head
        announced = head.files if head else {}
        missing = sorted(p for p in on_disk if p not in registered and p not in announced)
        if not missing:
            return None
        shown = ", ".join(missing[:8]) + (f" et {len(missing) - 8} autre(s)" if len(missing) > 8 else "")
        line = entries[-1].line + 1 if entries else 2
        return error(
            Location(self.shown, line, 1),
            f"registre incomplet : aucune entrée n'enregistre {'le fichier' if len(missing) == 1 else 'les fichiers'} "
            f"{shown} : ses dernières entrées ont été supprimées, ou le registre et sa tête ({self.head_shown}) "
            "remplacés par une copie plus ancienne",
            code="registre-incomplet",
            hint=heads.restore_hint(self.shown, self.head_shown)
            + " ; si un de ces fichiers n'est pas un document émis, le déplacer hors de ce dossier",
        )

    def check_outputs(self, on_disk: Iterable[str], entries: Sequence[Entry] | None = None) -> None:
        """Raise :class:`UserError` with :meth:`unregistered`'s problem, if any."""
        problem = self.unregistered(on_disk, entries)
        if problem is not None:
            raise UserError(problem)

    def _chain(self) -> list[Entry]:
        """Read the register and verify its chain (see :meth:`entries`)."""
        if not self.path.exists():
            return []
        try:
            text = read_bounded(self.path, self.shown, MAX_DATA_BYTES, "un registre").decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UserError(
                error(Location(self.shown), "registre illisible : encodage UTF-8 attendu", code="registre")
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
                values = {c: decode_cell(row[i]) if i < len(row) else "" for i, c in enumerate(self.columns)}
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
        hint = heads.restore_hint(self.shown, self.head_shown)
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
            writer.writerow([encode_cell(entry[c]) for c in self.columns])
        line = (existing[-1].line if existing else 1) + 1
        new: list[Entry] = []
        for rank, row in enumerate(rows, start=len(existing) + 1):
            unknown = set(row) - set(self.columns)
            if unknown:
                raise ValueError(f"unknown register columns: {sorted(unknown)}")
            values = {c: one_line(str(row.get(c, ""))) for c in self.columns}
            values["outil"] = values["outil"] or f"ccas-docs {__version__}"
            values["precedent"] = previous
            values["empreinte"] = digest(values, self.columns)
            writer.writerow([encode_cell(values[c]) for c in self.columns])
            new.append(Entry(values, rank, line, Location(self.shown, line, 1)))
            previous = values["empreinte"]
            line += 1
        data = buffer.getvalue().encode("utf-8-sig" if self.bom else "utf-8")
        leftovers = self._leftovers(existing)
        head = self.head
        if head is None or not head.in_progress:
            self._write_head(existing, in_progress=True, pending=leftovers)
        durable_write(self.path, data, self.shown)
        registered = {name for e in new for name in registered_files(e)}
        self._write_head([*existing, *new], False, {p: s for p, s in leftovers.items() if p not in registered})
        return new


def open_register(
    path: Path, columns: Sequence[str], shown: str | None = None, bom: bool = True, root: Path | None = None
) -> Register:
    """The register at ``path`` with its own ``columns`` (the chain's columns are added)."""
    return Register(path, columns, shown, bom, root)


# the helpers of the jobs that issue registered files, importable from here too
from ccas_docs.registry.issued import (  # noqa: E402
    clean_staging,
    durable_write,
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
    "decode_cell",
    "durable_write",
    "encode_cell",
    "file_fields",
    "open_register",
    "refuse_overwrite",
    "registered_files",
    "relative",
    "sources_field",
    "split_field",
    "staging_dir",
]
