"""The register of issued invoices and credit notes: ``data/registre-factures.csv`` (tracked by git).

One line per issued document: ``numero;type;annee;date;total;fichiers;sha256;objet``.

- ``type`` is ``facture`` or ``avoir``; ``annee`` is the billed year (exercice) the document is for;
  ``date`` its issue date; ``total`` its amount, negative for an ``avoir`` (so that the net amount
  billed for a year is the sum of its lines); ``fichiers`` and ``sha256`` list the files issued and
  their SHA-256, in the same order, separated by ``|``.
- Numbers follow ``facturation.numero`` of convention.yaml (``{annee}`` and ``{sequence}``). The
  sequence is continuous per calendar year of issue, over invoices and credit notes together, as
  French invoicing rules require a chronological, gapless series: an invoice for year N is issued in
  year N (``date_emission``); a credit note issued in N+1 takes the next number of N+1's series.
- An issued invoice is never modified. Regenerating it with the same total gives back its number
  and date (the documents are reproducible); a different total is refused with the way out: a credit
  note (``--avoir``) when the new total is lower, a complementary invoice (``--complement``) when it
  is higher.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

from ccas_docs.billing.cells import amount_problem, parse_year
from ccas_docs.billing.costs import parse_date
from ccas_docs.billing.schedule import billing_date
from ccas_docs.billing.table import read_table
from ccas_docs.common import fr
from ccas_docs.common.atomic import sha256_file, write_bytes
from ccas_docs.common.diagnostics import Diagnostic, Location, Report, UserError, error
from ccas_docs.model.types import InvoiceSettings

REGISTER_PATH = "data/registre-factures.csv"
COLUMNS = ("numero", "type", "annee", "date", "total", "fichiers", "sha256", "objet")
REQUIRED = ("numero", "type", "annee", "date", "total")
OPTIONAL = ("fichiers", "sha256", "objet")
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


@dataclass(frozen=True)
class InvoicePlan:
    """What to do for the invoice of a year.

    ``status``:
      - ``nouvelle``: not issued yet; write the documents, then :meth:`Register.record` them;
      - ``existante``: already issued with this very total; regenerate the documents with the same
        number and date (nothing to record);
      - ``corrigee``: already issued and corrected (credit note or complementary invoice) to this
        total: nothing to issue; do not rewrite the original invoice's documents.
    """

    status: Literal["nouvelle", "existante", "corrigee"]
    numero: str
    annee: int
    date: dt.date
    total: Decimal
    objet: str
    corrections: tuple[RegisterEntry, ...] = ()


@dataclass(frozen=True)
class CorrectionPlan:
    """A credit note (``avoir``) or a complementary invoice (``facture``) correcting a year's invoice."""

    type: Kind
    numero: str
    annee: int  # the billed year it corrects
    date: dt.date
    amount: Decimal  # positive: the amount cancelled (avoir) or billed on top (complement)
    corrects: str  # number of the original invoice
    previous_total: Decimal  # net amount billed for the year before this correction
    new_total: Decimal  # net amount after it (the ledger's total)
    objet: str

    @property
    def register_total(self) -> Decimal:
        """The signed amount for the register: negative for an avoir."""
        return -self.amount if self.type == "avoir" else self.amount


def register_path(root: Path) -> Path:
    return Path(root) / REGISTER_PATH


class Register:
    """The register file, loaded in memory; :meth:`record` appends a line and rewrites the file atomically."""

    def __init__(self, path: Path, shown: str = REGISTER_PATH, entries: Sequence[RegisterEntry] = ()):
        self.path = Path(path)
        self.shown = shown
        self.entries: list[RegisterEntry] = list(entries)

    @classmethod
    def load(cls, path: Path, shown: str | None = None) -> Register:
        """Read the register; a missing file is an empty register. Raise :class:`UserError` on any problem."""
        path = Path(path)
        shown = shown or (REGISTER_PATH if path.as_posix().endswith(REGISTER_PATH) else str(path))
        if not path.exists():
            return cls(path, shown)
        report = Report()
        records = read_table(path, shown, REQUIRED, OPTIONAL, report)
        entries: list[RegisterEntry] = []
        seen: dict[str, int] = {}
        for record in records or []:
            ok = True
            numero = record["numero"].text
            if not numero:
                ok = False
                report.add(error(record["numero"].location, "numéro manquant", code="registre"))
            elif numero in seen:
                ok = False
                report.add(
                    error(
                        record["numero"].location,
                        f"numéro « {numero} » en double : déjà enregistré ligne {seen[numero]}",
                        code="registre",
                        hint="un numéro de facture est unique : le registre ne doit pas être modifié à la main",
                    )
                )
            else:
                seen[numero] = record.line
            kind = record["type"].text.casefold()
            if kind not in KINDS:
                ok = False
                report.add(
                    error(
                        record["type"].location,
                        f"type « {record['type'].text} » inconnu : écrire « facture » ou « avoir »",
                        code="registre",
                    )
                )
            year = parse_year(record["annee"])
            if year is None:
                ok = False
                report.add(
                    error(record["annee"].location, f"année « {record['annee'].text} » illisible", code="registre")
                )
            day = parse_date(record["date"])
            if day is None:
                ok = False
                report.add(error(record["date"].location, f"date « {record['date'].text} » illisible", code="registre"))
            total, problem = amount_problem(record["total"], negative=None, what="total")
            if problem:
                ok = False
                report.add(error(record["total"].location, problem, code="registre"))
            files = record.get("fichiers")
            hashes = record.get("sha256")
            objet = record.get("objet")
            if ok and year is not None and day is not None and total is not None:
                entries.append(
                    RegisterEntry(
                        numero=numero,
                        type="avoir" if kind == "avoir" else "facture",
                        annee=year,
                        date=day,
                        total=total,
                        fichiers=_split(files.text if files else ""),
                        sha256=_split(hashes.text if hashes else ""),
                        objet=objet.text if objet else "",
                        location=record.location,
                    )
                )
        report.raise_if_errors()
        return cls(path, shown, entries)

    # --- queries -------------------------------------------------------------------------------------

    def find(self, numero: str) -> RegisterEntry | None:
        return next((e for e in self.entries if e.numero == numero), None)

    def for_year(self, year: int) -> list[RegisterEntry]:
        """Every document issued for billed year ``year``, in issue order."""
        return [e for e in self.entries if e.annee == year]

    def find_invoice(self, year: int) -> RegisterEntry | None:
        """The (original) invoice issued for billed year ``year``, if any."""
        return next((e for e in self.entries if e.annee == year and e.type == "facture"), None)

    def corrections(self, year: int) -> list[RegisterEntry]:
        """Credit notes and complementary invoices issued after the original invoice of ``year``."""
        original = self.find_invoice(year)
        return [e for e in self.for_year(year) if e is not original]

    def net_total(self, year: int) -> Decimal:
        """The amount billed for ``year``: the invoice, plus complements, minus credit notes."""
        return sum((e.total for e in self.for_year(year)), Decimal("0.00"))

    def issued_in(self, year: int) -> list[RegisterEntry]:
        """The documents of the numbering series of calendar year ``year`` (by issue date)."""
        return [e for e in self.entries if e.date.year == year]

    # --- writing ------------------------------------------------------------------------------------

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
    ) -> RegisterEntry:
        """Add an issued document (with the SHA-256 of its files) and rewrite the register atomically.

        Recording an already recorded number with the same type, year and total is a no-op that
        returns the existing line (the register keeps what was issued first); anything else that
        reuses a number is refused.
        """
        existing = self.find(numero)
        if existing is not None:
            if (existing.type, existing.annee, existing.total) == (type, annee, total):
                return existing
            raise UserError(
                error(
                    existing.location,
                    f"le numéro « {numero} » est déjà enregistré ({existing.type} {existing.annee} de "
                    f"{fr.money(existing.total)}) : un document émis n'est jamais modifié",
                    code="facture-emise",
                )
            )
        names = tuple(_relative(Path(p), relative_to) for p in files)
        digests = tuple(sha256_file(Path(p)) for p in files)
        entry = RegisterEntry(
            numero, type, annee, date, total, names, digests, objet, Location(self.shown, len(self.entries) + 2, 1)
        )
        self.entries.append(entry)
        try:
            self.save()
        except BaseException:
            self.entries.pop()
            raise
        return entry

    def to_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
        writer.writerow(COLUMNS)
        for e in self.entries:
            writer.writerow(
                [
                    e.numero,
                    e.type,
                    e.annee,
                    e.date.isoformat(),
                    f"{e.total:.2f}".replace(".", ","),
                    "|".join(e.fichiers),
                    "|".join(e.sha256),
                    e.objet,
                ]
            )
        return buffer.getvalue()

    def save(self) -> None:
        """Rewrite the whole register atomically (UTF-8 with BOM, so that spreadsheets read the accents)."""
        write_bytes(self.path, self.to_csv().encode("utf-8-sig"))


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split("|") if part.strip())


def _relative(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


# --- numbering and issuing policy ----------------------------------------------------------------


def format_number(settings: InvoiceSettings, year: int, sequence: int, where: Location | None = None) -> str:
    try:
        return settings.numero.format(annee=year, sequence=sequence)
    except (KeyError, IndexError, ValueError) as exc:
        raise UserError(
            error(
                where or Location("convention.yaml"),
                f"modèle de numéro de facture « {settings.numero} » invalide ({exc})",
                code="numero-facture",
                hint="écrire par exemple « {annee}-CCAS-{sequence:03d} » : seuls {annee} et {sequence} sont remplacés",
            )
        ) from None


def next_number(register: Register, settings: InvoiceSettings, year: int, where: Location | None = None) -> str:
    """The next number of calendar year ``year``'s series (invoices and credit notes together)."""
    sequence = len(register.issued_in(year)) + 1
    numero = format_number(settings, year, sequence, where)
    clash = register.find(numero)
    if clash is not None:
        raise UserError(
            error(
                clash.location,
                f"le numéro suivant de {year}, « {numero} », est déjà utilisé : le registre a été modifié à la main "
                "ou le modèle de numéro a changé",
                code="numero-facture",
                hint="rétablir le registre depuis l'historique git : chaque année, les numéros se suivent sans trou",
            )
        )
    return numero


def plan_invoice(
    register: Register, settings: InvoiceSettings, year: int, total: Decimal, where: Location | None = None
) -> InvoicePlan:
    """Decide the number of the invoice of ``year`` for ``total`` (see :class:`InvoicePlan`).

    Raise :class:`UserError` when an invoice was already issued for the year with another amount:
    it is never modified; the message gives the command for the credit note or complementary invoice.
    """
    objet = f"{settings.objet} – année {year}"
    original = register.find_invoice(year)
    if original is None:
        day = billing_date(settings, year)
        return InvoicePlan("nouvelle", next_number(register, settings, day.year, where), year, day, total, objet)
    corrections = tuple(register.corrections(year))
    if not corrections and original.total == total:
        return InvoicePlan("existante", original.numero, year, original.date, total, original.objet or objet)
    net = register.net_total(year)
    if corrections and net == total:
        return InvoicePlan("corrigee", original.numero, year, original.date, total, original.objet, corrections)
    raise UserError(_already_issued(original, corrections, net, total, year))


def _already_issued(
    original: RegisterEntry, corrections: tuple[RegisterEntry, ...], net: Decimal, total: Decimal, year: int
) -> list[Diagnostic]:
    issued = (
        f"la facture N° {original.numero} du {fr.date(original.date)} a déjà été émise pour {fr.money(original.total)}"
    )
    if corrections:
        names = [
            ("l'avoir" if c.type == "avoir" else "la facture complémentaire") + f" N° {c.numero}" for c in corrections
        ]
        issued += f" (montant net après {fr.join(names)} : {fr.money(net)})"
    difference = abs(total - net)
    message = f"{issued} ; le calcul donne maintenant {fr.money(total)} : une facture émise n'est jamais modifiée"
    if total < net:
        hint = (
            f"pour annuler la différence de {fr.money(difference)}, émettre un avoir : "
            f"« ccas-docs invoice --year {year} --avoir » ; il est enregistré au registre avec son propre numéro"
        )
    else:
        hint = (
            f"le nouveau total dépasse de {fr.money(difference)} le montant facturé : un avoir ne sert qu'à annuler "
            f"un montant ; émettre une facture complémentaire : « ccas-docs invoice --year {year} --complement »"
        )
    return [error(original.location, message, code="facture-emise", hint=hint)]


def plan_avoir(
    register: Register,
    settings: InvoiceSettings,
    year: int,
    total: Decimal,
    issued: dt.date,
    where: Location | None = None,
) -> CorrectionPlan:
    """The credit note that brings the net amount billed for ``year`` down to ``total``."""
    return _plan_correction(register, settings, year, total, issued, "avoir", where)


def plan_complement(
    register: Register,
    settings: InvoiceSettings,
    year: int,
    total: Decimal,
    issued: dt.date,
    where: Location | None = None,
) -> CorrectionPlan:
    """The complementary invoice that brings the net amount billed for ``year`` up to ``total``."""
    return _plan_correction(register, settings, year, total, issued, "facture", where)


def _plan_correction(
    register: Register,
    settings: InvoiceSettings,
    year: int,
    total: Decimal,
    issued: dt.date,
    kind: Kind,
    where: Location | None,
) -> CorrectionPlan:
    what = "un avoir" if kind == "avoir" else "une facture complémentaire"
    original = register.find_invoice(year)
    if original is None:
        raise UserError(
            error(
                Location(register.shown),
                f"aucune facture n'a été émise pour {year} : rien à corriger par {what}",
                code="correction",
                hint=f"émettre la facture : « ccas-docs invoice --year {year} »",
            )
        )
    net = register.net_total(year)
    if total == net:
        raise UserError(
            error(
                original.location,
                f"le montant facturé pour {year} est déjà {fr.money(net)}, le total du calcul : rien à corriger",
                code="correction",
            )
        )
    if kind == "avoir" and total > net:
        raise UserError(
            error(
                original.location,
                f"le calcul ({fr.money(total)}) dépasse le montant facturé pour {year} ({fr.money(net)}) : "
                "un avoir ne sert qu'à annuler un montant",
                code="correction",
                hint=f"émettre une facture complémentaire : « ccas-docs invoice --year {year} --complement »",
            )
        )
    if kind == "facture" and total < net:
        raise UserError(
            error(
                original.location,
                f"le calcul ({fr.money(total)}) est inférieur au montant facturé pour {year} ({fr.money(net)}) : "
                "une facture complémentaire ne peut qu'ajouter un montant",
                code="correction",
                hint=f"émettre un avoir : « ccas-docs invoice --year {year} --avoir »",
            )
        )
    if issued < original.date:
        raise UserError(
            error(
                original.location,
                f"{what} ne peut pas être daté du {fr.date(issued)}, avant la facture N° {original.numero} "
                f"du {fr.date(original.date)}",
                code="correction",
            )
        )
    numero = next_number(register, settings, issued.year, where)
    if kind == "avoir":
        objet = f"Avoir sur la facture N° {original.numero} – {settings.objet}, année {year}"
    else:
        objet = f"Facture complémentaire à la facture N° {original.numero} – {settings.objet}, année {year}"
    return CorrectionPlan(
        type=kind,
        numero=numero,
        annee=year,
        date=issued,
        amount=abs(total - net),
        corrects=original.numero,
        previous_total=net,
        new_total=total,
        objet=objet,
    )
