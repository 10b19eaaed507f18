"""The invoices' register as finance reads it: each line written, the queries the numbering rules rest on
(the invoice in force, its corrections, the net amount billed), and the messages of a register that
the rules refuse, with their ``file:line:col``. Fast: no document is issued."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from pathlib import Path

import pytest

from ccas_docs.common.diagnostics import UserError
from ccas_docs.registry.chain import open_register
from ccas_docs.registry.invoices import COLUMNS, REGISTER_PATH, Register, register_path

DAY = dt.date(2025, 12, 15)


def cells(register: Register) -> list[list[str]]:
    """The register's lines without the header, their first twelve cells (the chain's come after)."""
    text = register.path.read_text(encoding="utf-8-sig")
    return [line.split(";")[:12] for line in text.splitlines()[1:]]


def messages(exc: pytest.ExceptionInfo[UserError]) -> list[str]:
    return [d.format() for d in exc.value.diagnostics]


@pytest.fixture
def register(tmp_path: Path) -> Register:
    return Register.load(register_path(tmp_path))


def test_register_path_is_the_data_folders_file(tmp_path: Path) -> None:
    assert register_path(tmp_path) == tmp_path / "data" / "registre-factures.csv"
    assert register_path(str(tmp_path)) == tmp_path / REGISTER_PATH


def test_every_column_of_a_recorded_line(register: Register, tmp_path: Path) -> None:
    source = tmp_path / "convention.yaml"
    source.write_text("numero: 1\n", encoding="utf-8")
    issued = tmp_path / "output" / "f.pdf"
    issued.parent.mkdir()
    issued.write_bytes(b"%PDF")
    entry = register.record(
        "2026-CCAS-002",
        "facture",
        2025,
        dt.date(2026, 1, 5),
        Decimal("100"),
        files=[issued],
        objet="Objet",
        corrige="",
        remplace="2025-CCAS-001",
        motif="SIRET erroné",
        sources=[source, tmp_path / "absent.yaml"],
    )
    digest = hashlib.sha256(b"numero: 1\n").hexdigest()
    assert cells(register) == [
        [
            "2026-CCAS-002",
            "facture",
            "2025",
            "2026-01-05",
            "100,00",
            "",
            "2025-CCAS-001",
            "SIRET erroné",
            "Objet",
            "output/f.pdf",
            hashlib.sha256(b"%PDF").hexdigest(),
            f"convention.yaml={digest}",
        ]
    ]
    assert (entry.remplace, entry.motif, entry.sources) == (
        "2025-CCAS-001",
        "SIRET erroné",
        f"convention.yaml={digest}",
    )
    assert entry.files == {"output/f.pdf": hashlib.sha256(b"%PDF").hexdigest()}
    avoir = register.record(
        "2026-CCAS-003", "avoir", 2025, dt.date(2026, 1, 6), Decimal("-0.5"), corrige="2026-CCAS-002"
    )
    assert cells(register)[1] == ["2026-CCAS-003", "avoir", "2025", "2026-01-06", "-0,50", "2026-CCAS-002"] + [""] * 6
    assert (avoir.corrige, avoir.objet, avoir.total) == ("2026-CCAS-002", "", Decimal("-0.50"))
    assert Register.load(register.path).entries == register.entries


def test_files_are_named_from_the_folder_given(tmp_path: Path) -> None:
    """``relative_to`` names the files, whatever the register's own folder."""
    register = Register.load(tmp_path / "archives" / "2025" / "registre.csv")
    issued = tmp_path / "output" / "f.pdf"
    issued.parent.mkdir()
    issued.write_bytes(b"%PDF")
    entry = register.record("A-1", "facture", 2025, DAY, Decimal("1"), files=[issued], relative_to=tmp_path)
    assert entry.fichiers == ("output/f.pdf",)
    other = register.record("A-2", "facture", 2026, DAY, Decimal("1"), files=[issued])
    assert other.fichiers == (issued.as_posix(),)  # by default, relative to the register's project folder


def test_a_register_elsewhere_is_named_by_its_path(tmp_path: Path) -> None:
    path = tmp_path / "copie.csv"
    chain = open_register(path, COLUMNS, shown=str(path))
    with chain.locked():
        chain.append({"numero": "", "type": "facture", "annee": "2025", "date": "2025-12-15", "total": "1"})
    with pytest.raises(UserError) as exc:
        Register.load(path)
    assert messages(exc) == [f"{path}:2:1: erreur: numéro manquant [registre]"]
    with pytest.raises(UserError) as exc:
        Register.load(path, shown="copie du registre")
    assert messages(exc) == ["copie du registre:2:1: erreur: numéro manquant [registre]"]


def test_unreadable_values_are_named_at_their_column(tmp_path: Path) -> None:
    path = tmp_path / REGISTER_PATH
    chain = open_register(path, COLUMNS, shown=REGISTER_PATH)
    row = {"numero": "2025-CCAS-001", "type": "facture", "annee": "2025", "date": "2025-12-15", "total": "1,00"}
    with chain.locked():
        chain.append(
            {**row, "annee": "25"},
            {**row, "numero": "N-2", "annee": "1899"},
            {**row, "numero": "N-3", "annee": "2200"},
            {**row, "numero": "N-4", "annee": "2025 "},
            {**row, "numero": "N-5", "date": "2025-13-01", "total": "1.000,00"},
            {**row, "numero": "N-6", "type": "devis"},
        )
    with pytest.raises(UserError) as exc:
        Register.load(path)
    total = "écrire un nombre, par exemple « 1234,56 »"
    assert messages(exc) == [
        "data/registre-factures.csv:2:23: erreur: année « 25 » illisible [registre]",
        "data/registre-factures.csv:3:13: erreur: année « 1899 » illisible [registre]",
        "data/registre-factures.csv:4:13: erreur: année « 2200 » illisible [registre]",
        "data/registre-factures.csv:5:13: erreur: année « 2025  » illisible [registre]",
        "data/registre-factures.csv:6:18: erreur: date « 2025-13-01 » illisible [registre]",
        f"data/registre-factures.csv:6:29: erreur: total « 1.000,00 » illisible : {total} [registre]",
        "data/registre-factures.csv:7:5: erreur: type « devis » inconnu : écrire « facture » ou « avoir » [registre]",
    ]


def test_years_of_three_centuries_and_types_in_capitals_are_read(tmp_path: Path) -> None:
    path = tmp_path / REGISTER_PATH
    chain = open_register(path, COLUMNS, shown=REGISTER_PATH)
    row = {"type": "Facture", "date": "2025-12-15", "total": "1,5"}
    with chain.locked():
        chain.append(
            {**row, "numero": "A", "annee": "1999"},
            {**row, "numero": "B", "annee": "2025"},
            {**row, "numero": "C", "annee": "2100", "type": "AVOIR", "total": "-1,5"},
        )
    register = Register.load(path)
    assert [(e.numero, e.type, e.annee, e.total) for e in register.entries] == [
        ("A", "facture", 1999, Decimal("1.5")),
        ("B", "facture", 2025, Decimal("1.5")),
        ("C", "avoir", 2100, Decimal("-1.5")),
    ]
    assert [str(e.location) for e in register.entries] == [f"{REGISTER_PATH}:{n}:1" for n in (2, 3, 4)]


def test_a_number_given_twice_is_named_with_its_first_line(tmp_path: Path) -> None:
    path = tmp_path / REGISTER_PATH
    chain = open_register(path, COLUMNS, shown=REGISTER_PATH)
    row = {"numero": "2025-CCAS-001", "type": "facture", "annee": "2025", "date": "2025-12-15", "total": "1,00"}
    with chain.locked():
        chain.append({**row, "numero": "2025-CCAS-000"}, row, {**row, "numero": "2025-CCAS-002"}, row)
    with pytest.raises(UserError) as exc:
        Register.load(path)
    assert messages(exc) == [
        "data/registre-factures.csv:5:1: erreur: numéro « 2025-CCAS-001 » en double : déjà enregistré ligne 3 "
        "[registre]\n    conseil : un numéro de facture est unique : le registre ne doit pas être modifié à la main"
    ]


def test_a_number_recorded_again_keeps_what_was_issued_first(register: Register) -> None:
    first = register.record("2025-CCAS-001", "facture", 2025, DAY, Decimal("10.00"), objet="Objet")
    before = register.path.read_bytes()
    again = register.record("2025-CCAS-001", "facture", 2025, dt.date(2025, 12, 31), Decimal("10"), objet="Autre")
    assert (again.date, again.objet) == (DAY, "Objet") and again == first
    assert register.path.read_bytes() == before
    for kind, year, total in (("avoir", 2025, "10.00"), ("facture", 2026, "10.00"), ("facture", 2025, "10.01")):
        with pytest.raises(UserError) as exc:
            register.record("2025-CCAS-001", kind, year, DAY, Decimal(total))  # type: ignore[arg-type]
        assert messages(exc) == [
            "data/registre-factures.csv:2:1: erreur: le numéro « 2025-CCAS-001 » est déjà enregistré (facture 2025 "
            "de 10,00\u202f€) : un document émis n'est jamais modifié [facture-emise]"
        ]
    assert register.path.read_bytes() == before


def test_documents_issued_together_are_all_recorded_or_none(register: Register) -> None:
    register.record("2025-CCAS-001", "facture", 2025, DAY, Decimal("10.00"))
    before = register.path.read_bytes()
    row = {"type": "avoir", "annee": 2025, "date": dt.date(2026, 1, 5), "total": Decimal("-10.00")}
    with pytest.raises(UserError):
        register.record_many([{**row, "numero": "2026-CCAS-001"}, {**row, "numero": "2025-CCAS-001"}])
    assert register.path.read_bytes() == before
    assert [e.numero for e in Register.load(register.path).entries] == ["2025-CCAS-001"]
    # the first already recorded, the second new: one line written, both entries returned in order
    first, second = register.record_many(
        [
            {"numero": "2025-CCAS-001", "type": "facture", "annee": 2025, "date": DAY, "total": "10.00"},
            {**row, "numero": "2026-CCAS-001", "corrige": "2025-CCAS-001", "motif": "m"},
        ]
    )
    assert (first.numero, second.numero, second.total, second.motif) == (
        "2025-CCAS-001",
        "2026-CCAS-001",
        Decimal("-10.00"),
        "m",
    )
    assert cells(register) == [
        ["2025-CCAS-001", "facture", "2025", "2025-12-15", "10,00"] + [""] * 7,
        ["2026-CCAS-001", "avoir", "2025", "2026-01-05", "-10,00", "2025-CCAS-001", "", "m"] + [""] * 4,
    ]
    # a row giving only what is required: the other columns are empty
    (third,) = register.record_many(
        [
            {
                "numero": "2026-CCAS-002",
                "type": "facture",
                "annee": 2026,
                "date": dt.date(2026, 12, 15),
                "total": Decimal("1"),
            }
        ]
    )
    assert cells(register)[2] == ["2026-CCAS-002", "facture", "2026", "2026-12-15", "1,00"] + [""] * 7
    assert (third.corrige, third.remplace, third.motif, third.objet, third.fichiers) == ("", "", "", "", ())
    assert register.entries == Register.load(register.path).entries


def test_what_another_command_recorded_is_seen_under_the_lock(register: Register) -> None:
    Register.load(register.path).record("2025-CCAS-001", "facture", 2025, DAY, Decimal("10.00"))
    assert register.entries == []
    with register.locked() as held:
        assert held is register
        assert [e.numero for e in held.entries] == ["2025-CCAS-001"]
    # and recording reads the file again first: no number is given twice
    other = Register.load(register.path)
    other.record("2025-CCAS-002", "facture", 2026, DAY, Decimal("1.00"))
    register.record("2025-CCAS-003", "facture", 2027, DAY, Decimal("1.00"))
    assert [e.numero for e in register.entries] == ["2025-CCAS-001", "2025-CCAS-002", "2025-CCAS-003"]


def test_a_register_built_from_entries_answers_without_reading_its_file(tmp_path: Path) -> None:
    source = Register.load(tmp_path / "a" / REGISTER_PATH)
    entry = source.record("2025-CCAS-001", "facture", 2025, DAY, Decimal("10.00"))
    built = Register(tmp_path / "b" / REGISTER_PATH, entries=[entry])
    assert (built.find_invoice(2025), built.net_total(2025), built.titres) == (entry, Decimal("10.00"), {})
    assert Register(tmp_path / "b" / REGISTER_PATH).entries == []
