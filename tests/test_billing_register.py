"""The register of issued invoices: numbering, idempotent regeneration, refusal, credit notes, atomic writes."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from ccas_docs import __version__
from ccas_docs.common.diagnostics import UserError
from ccas_docs.model.types import InvoiceSettings
from ccas_docs.registry.chain import open_register
from ccas_docs.registry.invoice_plans import next_number, plan_avoir, plan_complement, plan_invoice
from ccas_docs.registry.invoices import COLUMNS, REGISTER_PATH, Register

SETTINGS = InvoiceSettings()  # « {annee}-CCAS-{sequence:03d} », issued on 12-15
HEADER = "numero;type;annee;date;total;corrige;remplace;motif;objet;fichiers;sha256;sources;outil;precedent;empreinte"


@pytest.fixture
def register(tmp_path: Path) -> Register:
    return Register.load(tmp_path / REGISTER_PATH)


def issue(register: Register, year: int, total: str) -> str:
    plan = plan_invoice(register, SETTINGS, year, Decimal(total))
    assert plan.status == "nouvelle"
    register.record(plan.numero, "facture", year, plan.date, plan.total, objet=plan.objet)
    return plan.numero


def test_numbering_pattern(register: Register) -> None:
    assert next_number(register, SETTINGS, 2025) == "2025-CCAS-001"
    custom = InvoiceSettings(numero="FAC {annee}.{sequence:04d}")
    assert next_number(register, custom, 2026) == "FAC 2026.0001"


def test_invalid_pattern_is_a_user_error(register: Register) -> None:
    """Refused by the model (check says it at its line); the numbering refuses it too, should a
    pattern reach it unchecked."""
    with pytest.raises(ValidationError) as refused:
        InvoiceSettings(numero="{annee}-{numero}")
    assert "modèle de numéro de facture « {annee}-{numero} » invalide (« {numero} » inconnu)" in str(refused.value)
    with pytest.raises(UserError) as exc:
        next_number(register, InvoiceSettings.model_construct(numero="{annee}-{numero}"), 2025)
    assert (
        exc.value.diagnostics[0].message
        == "modèle de numéro de facture « {annee}-{numero} » invalide (« {numero} » inconnu)"
    )


def test_sequence_is_continuous_per_year_over_invoices_and_credit_notes(register: Register) -> None:
    assert issue(register, 2025, "130538.52") == "2025-CCAS-001"
    assert next_number(register, SETTINGS, 2025) == "2025-CCAS-002"
    # a credit note issued in 2025 takes the next number of 2025's series
    avoir = plan_avoir(register, SETTINGS, 2025, Decimal("130000.00"), dt.date(2025, 12, 20))
    assert (avoir.numero, avoir.amount, avoir.register_total) == (
        "2025-CCAS-002",
        Decimal("538.52"),
        Decimal("-538.52"),
    )
    register.record(avoir.numero, "avoir", 2025, avoir.date, avoir.register_total, objet=avoir.objet)
    assert next_number(register, SETTINGS, 2025) == "2025-CCAS-003"
    # a new calendar year starts a new series
    assert issue(register, 2026, "116112.00") == "2026-CCAS-001"
    # a credit note on 2025 issued in 2026 follows 2026's series, and still corrects the 2025 invoice
    complement = plan_complement(register, SETTINGS, 2025, Decimal("130600.00"), dt.date(2026, 2, 3))
    assert (complement.numero, complement.type, complement.amount) == ("2026-CCAS-002", "facture", Decimal("600.00"))
    assert complement.corrects == "2025-CCAS-001"
    assert complement.previous_total == Decimal("130000.00")


def test_idempotent_regeneration(register: Register) -> None:
    numero = issue(register, 2025, "130538.52")
    before = register.path.read_bytes()
    again = plan_invoice(Register.load(register.path), SETTINGS, 2025, Decimal("130538.52"))
    assert (again.status, again.numero, again.date, again.total) == (
        "existante",
        numero,
        dt.date(2025, 12, 15),
        Decimal("130538.52"),
    )
    # recording it again is a no-op: the register keeps what was issued
    register.record(numero, "facture", 2025, again.date, again.total)
    assert register.path.read_bytes() == before


def test_refusal_explains_the_credit_note(register: Register) -> None:
    issue(register, 2025, "130538.52")
    with pytest.raises(UserError) as exc:
        plan_invoice(Register.load(register.path), SETTINGS, 2025, Decimal("130000.00"))
    [d] = exc.value.diagnostics
    assert str(d.location) == "data/registre-factures.csv:2:1"
    assert d.code == "facture-emise"
    assert d.message == (
        "la facture N° 2025-CCAS-001 du 15 décembre 2025 a déjà été émise pour 130\u202f538,52\u202f€ ; "
        "le calcul donne maintenant 130\u202f000,00\u202f€ : une facture émise n'est jamais modifiée"
    )
    assert d.hint == (
        "pour annuler la différence de 538,52\u202f€, émettre un avoir : « ccas-docs invoice --year 2025 --avoir » ; "
        "il est enregistré au registre avec son propre numéro"
    )


def test_refusal_explains_the_complementary_invoice(register: Register) -> None:
    issue(register, 2025, "130538.52")
    with pytest.raises(UserError) as exc:
        plan_invoice(register, SETTINGS, 2025, Decimal("131000.00"))
    [d] = exc.value.diagnostics
    assert d.hint == (
        "le nouveau total dépasse de 461,48\u202f€ le montant facturé : un avoir ne sert qu'à annuler un montant ; "
        "émettre une facture complémentaire : « ccas-docs invoice --year 2025 --complement »"
    )
    with pytest.raises(UserError) as exc:
        plan_avoir(register, SETTINGS, 2025, Decimal("131000.00"), dt.date(2025, 12, 20))
    assert "--complement" in exc.value.diagnostics[0].hint


def test_after_the_credit_note_the_year_is_up_to_date(register: Register) -> None:
    issue(register, 2025, "130538.52")
    avoir = plan_avoir(register, SETTINGS, 2025, Decimal("130000.00"), dt.date(2025, 12, 20))
    assert avoir.objet == ("Avoir sur la facture N° 2025-CCAS-001 – Refacturation des services mutualisés, année 2025")
    register.record(avoir.numero, avoir.type, 2025, avoir.date, avoir.register_total, objet=avoir.objet)
    reloaded = Register.load(register.path)
    assert reloaded.net_total(2025) == Decimal("130000.00")
    plan = plan_invoice(reloaded, SETTINGS, 2025, Decimal("130000.00"))
    assert (plan.status, plan.numero) == ("corrigee", "2025-CCAS-001")
    assert [c.numero for c in plan.corrections] == ["2025-CCAS-002"]
    # a further change is refused, naming the net amount after the credit note
    with pytest.raises(UserError) as exc:
        plan_invoice(reloaded, SETTINGS, 2025, Decimal("129000.00"))
    assert "(montant net après l'avoir N° 2025-CCAS-002 : 130\u202f000,00\u202f€)" in exc.value.diagnostics[0].message


def test_credit_note_without_invoice(register: Register) -> None:
    with pytest.raises(UserError) as exc:
        plan_avoir(register, SETTINGS, 2025, Decimal("1.00"), dt.date(2025, 12, 20))
    [d] = exc.value.diagnostics
    assert (str(d.location), d.message) == (
        "data/registre-factures.csv",
        "aucune facture n'a été émise pour 2025 : rien à corriger par un avoir",
    )


def test_register_written_atomically_and_reread(register: Register, tmp_path: Path) -> None:
    pdf = tmp_path / "output" / "facture-2025.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(b"%PDF-1.7 illustrative")
    entry = register.record(
        "2025-CCAS-001",
        "facture",
        2025,
        dt.date(2025, 12, 15),
        Decimal("130538.52"),
        files=[pdf],
        objet="Refacturation des services mutualisés – année 2025",
        relative_to=tmp_path,
    )
    digest = hashlib.sha256(b"%PDF-1.7 illustrative").hexdigest()
    assert entry.fichiers == ("output/facture-2025.pdf",) and entry.sha256 == (digest,)
    raw = register.path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read the accents
    header, line = raw.decode("utf-8-sig").splitlines()
    assert header == HEADER
    cells = line.split(";")
    assert cells[:12] == [
        "2025-CCAS-001",
        "facture",
        "2025",
        "2025-12-15",
        "130538,52",
        "",
        "",
        "",
        "Refacturation des services mutualisés – année 2025",
        "output/facture-2025.pdf",
        digest,
        "",
    ]
    assert cells[12] == f"ccas-docs {__version__}" and cells[13] == "0" * 64 and len(cells[14]) == 64
    reloaded = Register.load(register.path)
    assert reloaded.entries == register.entries
    assert str(reloaded.entries[0].location) == "data/registre-factures.csv:2:1"
    assert reloaded.find_invoice(2025) == entry


def test_interrupted_write_leaves_the_register_intact(
    register: Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    issue(register, 2025, "130538.52")
    before = register.path.read_bytes()

    def crash(src: object, dst: object) -> None:
        raise OSError("disque plein")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        register.record("2025-CCAS-002", "avoir", 2025, dt.date(2025, 12, 20), Decimal("-538.52"))
    monkeypatch.undo()
    assert register.path.read_bytes() == before
    assert sorted(p.name for p in register.path.parent.iterdir()) == [
        "registre-factures.csv",
        "registre-factures.csv.lock",
        "registre-factures.tete",
    ]
    assert [e.numero for e in register.entries] == ["2025-CCAS-001"]


def test_number_reused_with_another_total_is_refused(register: Register) -> None:
    issue(register, 2025, "130538.52")
    with pytest.raises(UserError) as exc:
        register.record("2025-CCAS-001", "facture", 2025, dt.date(2025, 12, 15), Decimal("1.00"))
    assert exc.value.diagnostics[0].message == (
        "le numéro « 2025-CCAS-001 » est déjà enregistré (facture 2025 de 130\u202f538,52\u202f€) : "
        "un document émis n'est jamais modifié"
    )


def test_malformed_register_is_reported_with_locations(tmp_path: Path) -> None:
    """Values the chain accepts (written by another tool version, say) but the invoices' rules do not."""
    path = tmp_path / REGISTER_PATH
    chain = open_register(path, COLUMNS, shown=REGISTER_PATH)
    row = {"numero": "2025-CCAS-001", "type": "facture", "annee": "2025", "date": "2025-12-15", "total": "130538,52"}
    with chain.locked():
        chain.append(row, {**row, "type": "devis", "date": "15/12/2025", "total": "x"})
    with pytest.raises(UserError) as exc:
        Register.load(path)
    assert [(str(d.location), d.message) for d in exc.value.diagnostics] == [
        ("data/registre-factures.csv:3:15", "type « devis » inconnu : écrire « facture » ou « avoir »"),
        ("data/registre-factures.csv:3:26", "date « 15/12/2025 » illisible"),
        ("data/registre-factures.csv:3:37", "total « x » illisible : écrire un nombre, par exemple « 1234,56 »"),
    ]
    with chain.locked():
        path.unlink()
        chain.head_path.unlink()  # a new register, not a lost one
        chain.append(row, row)
    with pytest.raises(UserError) as exc:
        Register.load(path)
    assert [(str(d.location), d.message) for d in exc.value.diagnostics] == [
        ("data/registre-factures.csv:3:1", "numéro « 2025-CCAS-001 » en double : déjà enregistré ligne 2"),
    ]


def test_hand_edited_amount_is_named(register: Register) -> None:
    issue(register, 2025, "130538.52")
    text = register.path.read_text(encoding="utf-8-sig")
    register.path.write_text(text.replace("130538,52", "130000,00"), encoding="utf-8-sig")
    with pytest.raises(UserError) as exc:
        Register.load(register.path)
    [d] = exc.value.diagnostics
    assert (str(d.location), d.message) == (
        "data/registre-factures.csv:2:1",
        "registre modifié à la main : entrée 1 (2025-CCAS-001) ne correspond plus (contenu modifié)",
    )
