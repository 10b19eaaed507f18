"""``invoice --annule N --motif``: the plan (a credit note for the net amount billed, then the corrected
invoice under the next number), the invoice in force afterwards, and every refusal with its message,
code, hint and location. Registers written line by line: fast, no document issued."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from ccas_docs.common.diagnostics import UserError
from ccas_docs.model.types import InvoiceSettings
from ccas_docs.registry.invoice_plans import plan_cancellation, plan_invoice
from ccas_docs.registry.invoices import Register, register_path

SETTINGS = InvoiceSettings(objet="Services communs")
DAY = dt.date(2025, 12, 15)
AT = "data/registre-factures.csv"
LIST_HINT = "    conseil : « ccas-docs schedule » ou le registre listent les numéros émis"


def add(register: Register, numero: str, kind: str, year: int, day: dt.date, total: str, **more: str) -> None:
    register.record(numero, kind, year, day, Decimal(total), **more)  # type: ignore[arg-type]


def refused(register: Register, numero: str, motif: str = "SIRET erroné", day: dt.date = DAY) -> list[str]:
    with pytest.raises(UserError) as exc:
        plan_cancellation(register, SETTINGS, numero, motif, day, Decimal("1"))
    return [d.format() for d in exc.value.diagnostics]


@pytest.fixture
def register(tmp_path: Path) -> Register:
    """The 2025 invoice (100 €), then its complement (+20 €) and a credit note (−5 €) in 2026."""
    register = Register.load(register_path(tmp_path))
    add(register, "2025-CCAS-001", "facture", 2025, DAY, "100")
    add(register, "2026-CCAS-001", "facture", 2025, dt.date(2026, 1, 10), "20", corrige="2025-CCAS-001")
    add(register, "2026-CCAS-002", "avoir", 2025, dt.date(2026, 2, 10), "-5", corrige="2025-CCAS-001")
    return register


def test_cancellation_credits_the_net_amount_and_reissues_under_the_next_number(register: Register) -> None:
    day = dt.date(2026, 2, 10)  # the day of the last document of the year is allowed
    plan = plan_cancellation(register, SETTINGS, "2025-CCAS-001", "  SIRET du CCAS erroné ", day, Decimal("130"))
    avoir = plan.avoir
    assert (avoir.type, avoir.numero, avoir.annee, avoir.date, avoir.amount, avoir.register_total) == (
        "avoir",
        "2026-CCAS-003",
        2025,
        day,
        Decimal("115"),
        Decimal("-115"),
    )
    assert (avoir.corrects, avoir.previous_total, avoir.new_total) == ("2025-CCAS-001", Decimal("115"), Decimal("0"))
    assert avoir.objet == "Avoir d'annulation de la facture N° 2025-CCAS-001 – Services communs, année 2025"
    assert (plan.numero, plan.date, plan.motif, plan.cancelled.numero) == (
        "2026-CCAS-004",
        day,
        "SIRET du CCAS erroné",
        "2025-CCAS-001",
    )
    assert plan.objet == "Services communs – année 2025 (remplace la facture N° 2025-CCAS-001)"


def test_after_the_cancellation_the_reissued_invoice_is_in_force(register: Register) -> None:
    day = dt.date(2026, 3, 1)
    plan = plan_cancellation(register, SETTINGS, "2025-CCAS-001", "SIRET erroné", day, Decimal("130"))
    add(register, plan.avoir.numero, "avoir", 2025, day, "-115", corrige="2025-CCAS-001", motif=plan.motif)
    assert register.cancellation_of("2025-CCAS-001").numero == "2026-CCAS-003"
    assert register.find_invoice(2025) is None  # cancelled, and the complement is no invoice of its own
    assert register.net_total(2025) == Decimal("0")
    add(register, plan.numero, "facture", 2025, day, "130", remplace="2025-CCAS-001", motif=plan.motif)
    assert register.find_invoice(2025).numero == "2026-CCAS-004"
    assert register.corrections(2025) == []
    again = plan_invoice(register, SETTINGS, 2025, Decimal("130"))
    assert (again.status, again.numero, again.date) == ("existante", "2026-CCAS-004", day)
    assert refused(register, "2025-CCAS-001") == [
        f"{AT}:2:1: erreur: la facture N° 2025-CCAS-001 est déjà annulée par l'avoir N° 2026-CCAS-003 du 1er mars "
        "2026 [annulation]\n    conseil : la facture en vigueur pour 2025 est la N° 2026-CCAS-004 : l'annuler à son "
        "tour si besoin"
    ]
    # a credit note without motif is a correction, not a cancellation
    assert register.cancellation_of("2026-CCAS-004") is None
    add(register, "2026-CCAS-005", "avoir", 2025, day, "-1", corrige="2026-CCAS-004")
    assert register.cancellation_of("2026-CCAS-004") is None
    assert [c.numero for c in register.corrections(2025)] == ["2026-CCAS-005"]


def test_cancelled_without_reissue_says_nothing_more(register: Register) -> None:
    day = dt.date(2026, 3, 1)
    add(register, "2026-CCAS-003", "avoir", 2025, day, "-115", corrige="2025-CCAS-001", motif="SIRET")
    assert refused(register, "2025-CCAS-001") == [
        f"{AT}:2:1: erreur: la facture N° 2025-CCAS-001 est déjà annulée par l'avoir N° 2026-CCAS-003 du 1er mars "
        "2026 [annulation]"
    ]


def test_unknown_number_lists_the_invoices(register: Register, tmp_path: Path) -> None:
    assert refused(register, "2025-CCAS-009") == [
        f"{AT}: erreur: aucun document N° 2025-CCAS-009 au registre : rien à annuler ; factures enregistrées : "
        f"2025-CCAS-001 et 2026-CCAS-001 [annulation]\n{LIST_HINT}"
    ]
    empty = Register.load(register_path(tmp_path / "vide"))
    assert refused(empty, "2025-CCAS-001") == [
        f"{AT}: erreur: aucun document N° 2025-CCAS-001 au registre : rien à annuler ; aucune facture n'est "
        f"enregistrée [annulation]\n{LIST_HINT}"
    ]
    add(empty, "2025-CCAS-001", "avoir", 2025, DAY, "-1")
    assert refused(empty, "X")[0].startswith(f"{AT}: erreur: aucun document N° X au registre : rien à annuler ; aucune")


def test_credit_notes_and_complements_are_not_cancelled(register: Register) -> None:
    assert refused(register, "2026-CCAS-002") == [
        f"{AT}:4:1: erreur: le N° 2026-CCAS-002 est un avoir : seule une facture s'annule [annulation]\n"
        "    conseil : annuler la facture qu'il corrige : « ccas-docs invoice --annule 2025-CCAS-001 --motif … »"
    ]
    add(register, "2026-CCAS-003", "avoir", 2026, dt.date(2026, 3, 1), "-1")  # a credit note correcting nothing
    assert refused(register, "2026-CCAS-003") == [
        f"{AT}:5:1: erreur: le N° 2026-CCAS-003 est un avoir : seule une facture s'annule [annulation]\n{LIST_HINT}"
    ]
    assert refused(register, "2026-CCAS-001") == [
        f"{AT}:3:1: erreur: le N° 2026-CCAS-001 est une facture complémentaire de la facture N° 2025-CCAS-001 : "
        "annuler la facture d'origine, l'avoir reprend tout le montant facturé pour l'année [annulation]\n"
        "    conseil : « ccas-docs invoice --annule 2025-CCAS-001 --motif … »"
    ]


def test_a_cancellation_needs_its_reason_and_a_date_after_the_last_document(register: Register) -> None:
    assert refused(register, "2025-CCAS-001", motif=" \t", day=dt.date(2026, 3, 1)) == [
        f"{AT}: erreur: une annulation demande son motif : --motif « … » [annulation]"
    ]
    assert refused(register, "2025-CCAS-001", day=dt.date(2026, 2, 9)) == [
        f"{AT}:2:1: erreur: l'annulation ne peut pas être datée du 9 février 2026, avant le dernier document émis pour "
        "2025 (10 février 2026) [annulation]"
    ]
