"""The register of issued invoices and credit notes: ``data/registre-factures.csv`` (tracked by git).

A hash-chained register (:mod:`ccas_docs.registry.chain`), one line per issued document:
``numero;type;annee;date;total;corrige;remplace;motif;objet;fichiers;sha256;sources`` then the
chain's ``outil;precedent;empreinte``.

- ``type`` is ``facture`` or ``avoir``; ``annee`` is the billed year (exercice) the document is for;
  ``date`` its issue date; ``total`` its amount, negative for an ``avoir`` (so that the net amount
  billed for a year is the sum of its lines);
- ``corrige``: for a credit note or a complementary invoice, the number of the invoice it corrects;
  ``remplace``: for an invoice re-issued after a cancellation, the number of the cancelled one;
  ``motif``: the reason of a cancellation (``invoice --annule``), on its credit note and on the
  re-issued invoice;
- ``fichiers`` and ``sha256`` list the files issued and their SHA-256, in the same order, separated
  by ``|``; ``sources`` the SHA-256 of every YAML, template and data file they came from.

A ``titre`` line records, after the issue, the numbers the accounting software gave the titre de
recettes of an issued document and its bordereau (``invoice --titre N --bordereau N``): ``numero``
is the document's number followed by ``-titre``, ``corrige`` the document's number, ``objet``
« Titre n° N – Bordereau n° N ». The issued files are never rewritten: they carry blank lines to
complete by hand, and the register holds the numbers. Registers written before this line type
existed are read unchanged.

The numbering and correction rules are in :mod:`ccas_docs.registry.invoice_plans`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Literal

from ccas_docs.common import fr
from ccas_docs.common.diagnostics import Diagnostic, Location, UserError, error
from ccas_docs.registry.chain import Entry, file_fields, open_register, sources_field, split_field
from ccas_docs.registry.titres import TITRE, TITRE_SUFFIX, TitreEntry, parse_titre, titre_objet

REGISTER_PATH = "data/registre-factures.csv"
COLUMNS = (
    "numero",
    "type",
    "annee",
    "date",
    "total",
    "corrige",
    "remplace",
    "motif",
    "objet",
    "fichiers",
    "sha256",
    "sources",
)
Kind = Literal["facture", "avoir"]
KINDS: tuple[Kind, ...] = ("facture", "avoir")


@dataclass(frozen=True)
class RegisterEntry:
    numero: str
    type: Kind
    annee: int  # billed year
    date: dt.date  # issue date
    total: Decimal  # negative for an avoir
    fichiers: tuple[str, ...] = ()
    sha256: tuple[str, ...] = ()
    objet: str = ""
    location: Location = field(default=Location(REGISTER_PATH), compare=False)
    corrige: str = ""  # the invoice a credit note or a complementary invoice corrects
    remplace: str = ""  # the cancelled invoice a re-issued invoice replaces
    motif: str = ""  # the reason of a cancellation
    sources: str = field(default="", compare=False)

    @property
    def files(self) -> dict[str, str]:
        """``{relative path: sha256}`` of the issued files."""
        return dict(zip(self.fichiers, self.sha256, strict=False))


def register_path(root: Path) -> Path:
    return Path(root) / REGISTER_PATH


class Register:
    """The invoices' register: its verified entries, the queries the numbering rules need, and
    :meth:`record`, which appends under the register's exclusive lock."""

    def __init__(self, path: Path, shown: str = REGISTER_PATH, entries: Sequence[RegisterEntry] = ()):
        self.path = Path(path)
        self.shown = shown
        self.chain = open_register(self.path, COLUMNS, shown)
        self.entries: list[RegisterEntry] = list(entries)
        self.titres: dict[str, TitreEntry] = {}  # by document number

    @classmethod
    def load(cls, path: Path, shown: str | None = None) -> Register:
        """Read and verify the register; a missing file is an empty register. Raise :class:`UserError`."""
        path = Path(path)
        shown = shown or (REGISTER_PATH if path.as_posix().endswith(REGISTER_PATH) else str(path))
        register = cls(path, shown)
        register.reload()
        return register

    def reload(self) -> None:
        """Read the file again (after taking the lock: another command may have appended)."""
        problems: list[Diagnostic] = []
        rows = self.chain.entries()
        titres = [t for t in (parse_titre(e, problems) for e in rows if e["type"].casefold() == TITRE) if t is not None]
        entries = [_entry(e, problems) for e in rows if e["type"].casefold() != TITRE]
        if problems:
            raise UserError(problems)
        seen: dict[str, RegisterEntry] = {}
        for e in entries:
            if e is None:
                continue
            if e.numero in seen:
                problems.append(
                    error(
                        e.location,
                        f"numéro « {e.numero} » en double : déjà enregistré ligne {seen[e.numero].location.line}",
                        code="registre",
                        hint="un numéro de facture est unique : le registre ne doit pas être modifié à la main",
                    )
                )
            seen[e.numero] = e
        if problems:
            raise UserError(problems)
        self.entries = [e for e in entries if e is not None]
        self.titres = {t.document: t for t in titres}

    @contextlib.contextmanager
    def locked(self) -> Iterator[Register]:
        """Hold the register's exclusive lock, with the entries read again inside it."""
        with self.chain.locked():
            self.reload()
            yield self

    # --- queries -------------------------------------------------------------------------------------

    def find(self, numero: str) -> RegisterEntry | None:
        return next((e for e in self.entries if e.numero == numero), None)

    def for_year(self, year: int) -> list[RegisterEntry]:
        """Every document issued for billed year ``year``, in issue order."""
        return [e for e in self.entries if e.annee == year]

    def cancellation_of(self, numero: str) -> RegisterEntry | None:
        """The credit note that cancelled invoice ``numero`` (``invoice --annule``), if any."""
        return next((e for e in self.entries if e.type == "avoir" and e.corrige == numero and e.motif), None)

    def find_invoice(self, year: int) -> RegisterEntry | None:
        """The invoice in force for billed year ``year``: the first one issued that is not cancelled
        (after a cancellation, the re-issued one)."""
        return next(
            (
                e
                for e in self.for_year(year)
                if e.type == "facture" and not e.corrige and self.cancellation_of(e.numero) is None
            ),
            None,
        )

    def corrections(self, year: int) -> list[RegisterEntry]:
        """Credit notes and complementary invoices issued after the invoice in force of ``year``."""
        original = self.find_invoice(year)
        if original is None:
            return []
        entries = self.for_year(year)
        return entries[entries.index(original) + 1 :]

    def net_total(self, year: int) -> Decimal:
        """The amount billed for ``year``: invoices, plus complements, minus credit notes."""
        return sum((e.total for e in self.for_year(year)), Decimal("0.00"))

    def issued_in(self, year: int) -> list[RegisterEntry]:
        """The documents of the numbering series of calendar year ``year`` (by issue date)."""
        return [e for e in self.entries if e.date.year == year]

    # --- writing -------------------------------------------------------------------------------------

    def record(
        self,
        numero: str,
        type: Kind,
        annee: int,
        date: dt.date,
        total: Decimal,
        files: Sequence[Path] = (),
        objet: str = "",
        relative_to: Path | None = None,
        corrige: str = "",
        remplace: str = "",
        motif: str = "",
        sources: Sequence[Path] = (),
    ) -> RegisterEntry:
        """Append one issued document (see :meth:`record_many`); return its entry."""
        row = dict(
            numero=numero,
            type=type,
            annee=annee,
            date=date,
            total=total,
            files=files,
            objet=objet,
            corrige=corrige,
            remplace=remplace,
            motif=motif,
            sources=sources,
        )
        return self.record_many([row], relative_to)[0]

    def record_many(self, rows: Sequence[Mapping[str, object]], relative_to: Path | None = None) -> list[RegisterEntry]:
        """Append issued documents, all of them or none, under the lock (taken here if not held).

        Each row gives ``numero``, ``type``, ``annee``, ``date``, ``total`` and optionally ``files``,
        ``objet``, ``corrige``, ``remplace``, ``motif``, ``sources``. Recording an already recorded
        number with the same type, year and total is a no-op that returns the existing entry (the
        register keeps what was issued first); anything else that reuses a number is refused.
        """
        root = Path(relative_to) if relative_to is not None else self.path.parent.parent
        with self.chain.locked():
            self.reload()
            out: list[RegisterEntry | None] = []
            new: list[dict[str, str]] = []
            for row in rows:
                numero = str(row["numero"])
                total = Decimal(str(row["total"]))
                existing = self.find(numero)
                if existing is not None:
                    if (existing.type, existing.annee, existing.total) == (row["type"], row["annee"], total):
                        out.append(existing)
                        continue
                    raise UserError(
                        error(
                            existing.location,
                            f"le numéro « {numero} » est déjà enregistré ({existing.type} {existing.annee} de "
                            f"{fr.money(existing.total)}) : un document émis n'est jamais modifié",
                            code="facture-emise",
                        )
                    )
                files = [Path(p) for p in row.get("files", ()) or ()]  # type: ignore[union-attr]
                sources = [Path(p) for p in row.get("sources", ()) or ()]  # type: ignore[union-attr]
                day = row["date"]
                assert isinstance(day, dt.date)
                values = {
                    "numero": numero,
                    "type": str(row["type"]),
                    "annee": str(row["annee"]),
                    "date": day.isoformat(),
                    "total": f"{total:.2f}".replace(".", ","),
                    "corrige": str(row.get("corrige", "") or ""),
                    "remplace": str(row.get("remplace", "") or ""),
                    "motif": str(row.get("motif", "") or ""),
                    "objet": str(row.get("objet", "") or ""),
                    **(file_fields(files, root) if files else {}),
                    "sources": sources_field(sources, root),
                }
                new.append(values)
                out.append(None)
            appended = iter(self.chain.append(*new) if new else [])
            result: list[RegisterEntry] = []
            for item in out:
                if item is None:
                    entry = _entry(next(appended), [])
                    assert entry is not None
                    self.entries.append(entry)
                    item = entry
                result.append(item)
            return result

    def record_titre(self, document: str, titre: str, bordereau: str, day: dt.date) -> tuple[TitreEntry, bool]:
        """Record the titre and bordereau numbers of the issued ``document`` (a new register line, the
        issued files untouched); return the entry and whether it was recorded already."""
        with self.chain.locked():
            self.reload()
            entry = self.find(document)
            if entry is None:
                known = ", ".join(e.numero for e in self.entries[-3:]) or "aucun document émis"
                raise UserError(
                    error(
                        Location(self.shown),
                        f"aucun document émis sous le numéro « {document} » : le titre de recettes se rattache à "
                        "un état de refacturation ou un avoir émis",
                        code="titre",
                        hint=f"derniers numéros enregistrés : {known}",
                    )
                )
            existing = self.titres.get(document)
            if existing is not None:
                if (existing.titre, existing.bordereau) == (titre, bordereau):
                    return existing, True
                raise UserError(
                    error(
                        existing.location,
                        f"le document N° {document} a déjà son titre de recettes : "
                        f"{titre_objet(existing.titre, existing.bordereau)}, enregistré le {fr.date(existing.date)}",
                        code="titre",
                        hint="le registre est en ajout seul : vérifier les numéros dans le logiciel comptable ; "
                        "un titre annulé se corrige par l'annulation du document (« ccas-docs invoice --annule »)",
                    )
                )
            (row,) = self.chain.append(
                {
                    "numero": document + TITRE_SUFFIX,
                    "type": TITRE,
                    "annee": str(entry.annee),
                    "date": day.isoformat(),
                    "total": f"{entry.total:.2f}".replace(".", ","),
                    "corrige": document,
                    "objet": titre_objet(titre, bordereau),
                }
            )
            problems: list[Diagnostic] = []
            recorded = parse_titre(row, problems)
            assert recorded is not None and not problems
            self.titres[document] = recorded
            return recorded, False


_YEAR = re.compile(r"(19|20|21)\d\d")


def _entry(entry: Entry, problems: list[Diagnostic]) -> RegisterEntry | None:
    """A verified chain row as a :class:`RegisterEntry`; problems of its values go to ``problems``."""

    def at(column: str) -> Location:
        # the column's position on the line (the register is written without quoting of ``;``)
        col = 1
        for c in entry.values:
            if c == column:
                break
            col += len(entry.values[c]) + 1
        return Location(entry.location.path, entry.line, col)

    start = len(problems)
    numero = entry["numero"]
    if not numero:
        problems.append(error(at("numero"), "numéro manquant", code="registre"))
    kind = entry["type"].casefold()
    if kind not in KINDS:
        problems.append(
            error(at("type"), f"type « {entry['type']} » inconnu : écrire « facture » ou « avoir »", code="registre")
        )
    year = int(entry["annee"]) if _YEAR.fullmatch(entry["annee"]) else None
    if year is None:
        problems.append(error(at("annee"), f"année « {entry['annee']} » illisible", code="registre"))
    try:
        day: dt.date | None = dt.date.fromisoformat(entry["date"])
    except ValueError:
        day = None
        problems.append(error(at("date"), f"date « {entry['date']} » illisible", code="registre"))
    try:
        total: Decimal | None = Decimal(entry["total"].replace(",", "."))
    except InvalidOperation:
        total = None
        problems.append(
            error(
                at("total"),
                f"total « {entry['total']} » illisible : écrire un nombre, par exemple « 1234,56 »",
                code="registre",
            )
        )
    if len(problems) > start or year is None or day is None or total is None:
        return None
    return RegisterEntry(
        numero=numero,
        type="avoir" if kind == "avoir" else "facture",
        annee=year,
        date=day,
        total=total,
        fichiers=tuple(split_field(entry["fichiers"])),
        sha256=tuple(split_field(entry["sha256"])),
        objet=entry["objet"],
        location=entry.location,
        corrige=entry["corrige"],
        remplace=entry["remplace"],
        motif=entry["motif"],
        sources=entry["sources"],
    )
