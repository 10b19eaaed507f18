"""The numbering and correction rules (:mod:`ccas_docs.registry.invoice_plans`) on registers written
line by line: the numbers given, the amounts of a credit note, a complement or a cancellation, and
every refusal as finance reads it (message, code, hint, location). Fast: no document is issued."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from ccas_docs.common.diagnostics import Location, UserError
from ccas_docs.model.types import InvoiceSettings
from ccas_docs.registry.invoice_plans import (
    format_number,
    next_number,
    plan_avoir,
    plan_cancellation,
    plan_complement,
    plan_invoice,
)
from ccas_docs.registry.invoices import Register, register_path

SETTINGS = InvoiceSettings()
DAY = dt.date(2025, 12, 15)
EXAMPLE = "écrire par exemple « {annee}-CCAS-{sequence:03d} » : seuls {annee} et {sequence} sont remplacés"


def refused(call, *args) -> list[str]:  # noqa: ANN001 - any plan function
    with pytest.raises(UserError) as exc:
        call(*args)
    return [d.format() for d in exc.value.diagnostics]


@pytest.fixture
def register(tmp_path: Path) -> Register:
    return Register.load(register_path(tmp_path))


def add(register: Register, numero: str, kind: str, year: int, day: dt.date, total: str, **more: str) -> None:
    register.record(numero, kind, year, day, Decimal(total), **more)  # type: ignore[arg-type]


# --- numbers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ("{annee}-{numero}", "« {numero} » inconnu"),
        ("{annee", "accolades mal formées"),
        ("{0}", "accolades mal formées"),
        ("{annee.jour}", "accolades mal formées"),
        ("{sequence:q}", "accolades mal formées"),
        ("{annee[0]}", "accolades mal formées"),  # was an internal error (code 3): TypeError not caught
        # were accepted: an empty number, or the same one for every document of the year
        ("", "sans {sequence}, deux documents de l'année auraient le même numéro"),
        ("CCAS-{annee}", "sans {sequence}, deux documents de l'année auraient le même numéro"),
        (
            "{annee}/CCAS/{sequence:03d}",
            "il donnerait « 2025/CCAS/001 » : « / » ne peut pas figurer dans un numéro, qui nomme aussi ses fichiers",
        ),
    ],
)
def test_a_number_pattern_that_cannot_be_filled_is_named(pattern: str, why: str) -> None:
    settings = InvoiceSettings.model_construct(numero=pattern)  # the model refuses it too (test_bad_model)
    expected = f"modèle de numéro de facture « {pattern} » invalide ({why}) [numero-facture]\n    conseil : {EXAMPLE}"
    assert refused(format_number, settings, 2025, 1) == [f"convention.yaml: erreur: {expected}"]
    where = Location("convention.yaml", 12, 11)
    assert refused(format_number, settings, 2025, 1, where) == [f"convention.yaml:12:11: erreur: {expected}"]


def test_numbers_follow_the_year_of_issue_and_skip_nothing(register: Register) -> None:
    assert format_number(InvoiceSettings(numero="F{sequence:02d}.{annee}"), 2026, 7) == "F07.2026"
    add(register, "2025-CCAS-001", "facture", 2025, DAY, "10")
    add(register, "2026-CCAS-001", "avoir", 2025, dt.date(2026, 1, 3), "-1", corrige="2025-CCAS-001")
    assert next_number(register, SETTINGS, 2025) == "2025-CCAS-002"
    assert next_number(register, SETTINGS, 2026) == "2026-CCAS-002"
    assert next_number(register, SETTINGS, 2026, offset=1) == "2026-CCAS-003"
    assert next_number(register, SETTINGS, 2027) == "2027-CCAS-001"
    assert [e.numero for e in register.issued_in(2026)] == ["2026-CCAS-001"]
    assert [e.numero for e in register.for_year(2025)] == ["2025-CCAS-001", "2026-CCAS-001"]


def test_a_next_number_already_used_is_named_at_its_line(register: Register) -> None:
    add(register, "2025-CCAS-001", "facture", 2025, DAY, "10")
    # a number of 2025's series issued in 2024 (written by hand, or by another pattern)
    add(register, "2025-CCAS-003", "facture", 2024, dt.date(2024, 12, 15), "10")
    assert refused(next_number, register, SETTINGS, 2025, None, 1) == [
        "data/registre-factures.csv:3:1: erreur: le numéro suivant de 2025, « 2025-CCAS-003 », est déjà utilisé : "
        "le registre a été modifié à la main ou le modèle de numéro a changé [numero-facture]\n"
        "    conseil : rétablir le registre depuis l'historique git : chaque année, les numéros se suivent sans trou"
    ]


# --- the invoice of a year --------------------------------------------------------------------------


def test_a_new_invoice_is_dated_by_the_convention_and_numbered_in_that_year(register: Register) -> None:
    settings = InvoiceSettings(date_emission="01-20", objet="Services communs")
    add(register, "2026-CCAS-001", "facture", 2025, dt.date(2026, 1, 20), "10")
    plan = plan_invoice(register, settings, 2026, Decimal("5.00"))
    assert (plan.status, plan.numero, plan.annee, plan.date, plan.total, plan.objet) == (
        "nouvelle",
        "2026-CCAS-002",
        2026,
        dt.date(2026, 1, 20),
        Decimal("5.00"),
        "Services communs – année 2026",
    )
    again = plan_invoice(register, settings, 2025, Decimal("10"))
    assert (again.status, again.numero, again.annee, again.date, again.objet) == (
        "existante",
        "2026-CCAS-001",
        2025,
        dt.date(2026, 1, 20),
        "Services communs – année 2025",  # the register had no objet: the convention's
    )
    add(register, "2027-CCAS-001", "facture", 2027, dt.date(2027, 1, 20), "3", objet="Objet émis")
    assert plan_invoice(register, settings, 2027, Decimal("3")).objet == "Objet émis"


def test_refusal_names_every_correction_and_the_net_amount(register: Register) -> None:
    add(register, "2025-CCAS-001", "facture", 2025, DAY, "100")
    add(register, "2026-CCAS-001", "avoir", 2025, dt.date(2026, 1, 5), "-10", corrige="2025-CCAS-001")
    add(register, "2026-CCAS-002", "facture", 2025, dt.date(2026, 2, 5), "30", corrige="2025-CCAS-001")
    plan = plan_invoice(register, SETTINGS, 2025, Decimal("120"))
    assert (plan.status, plan.numero, plan.annee, plan.date, plan.total, plan.objet) == (
        "corrigee",
        "2025-CCAS-001",
        2025,
        DAY,
        Decimal("120"),
        "",  # the register's: no objet was recorded
    )
    assert [c.numero for c in plan.corrections] == ["2026-CCAS-001", "2026-CCAS-002"]
    issued = (
        "data/registre-factures.csv:2:1: erreur: la facture N° 2025-CCAS-001 du 15 décembre 2025 a déjà été émise "
        "pour 100,00\u202f€ (montant net après l'avoir N° 2026-CCAS-001 et la facture complémentaire N° 2026-CCAS-002 "
        ": 120,00\u202f€) ; le calcul donne maintenant "
    )
    assert refused(plan_invoice, register, SETTINGS, 2025, Decimal("119.99")) == [
        f"{issued}119,99\u202f€ : une facture émise n'est jamais modifiée [facture-emise]\n"
        "    conseil : pour annuler la différence de 0,01\u202f€, émettre un avoir : « ccas-docs invoice --year 2025 "
        "--avoir » ; il est enregistré au registre avec son propre numéro"
    ]
    assert refused(plan_invoice, register, SETTINGS, 2025, Decimal("100")) == [
        f"{issued}100,00\u202f€ : une facture émise n'est jamais modifiée [facture-emise]\n"
        "    conseil : pour annuler la différence de 20,00\u202f€, émettre un avoir : « ccas-docs invoice --year 2025 "
        "--avoir » ; il est enregistré au registre avec son propre numéro"
    ]
    assert refused(plan_invoice, register, SETTINGS, 2025, Decimal("120.01")) == [
        f"{issued}120,01\u202f€ : une facture émise n'est jamais modifiée [facture-emise]\n"
        "    conseil : le nouveau total dépasse de 0,01\u202f€ le montant facturé : un avoir ne sert qu'à annuler un "
        "montant ; émettre une facture complémentaire : « ccas-docs invoice --year 2025 --complement »"
    ]


# --- credit notes and complements -------------------------------------------------------------------


def test_credit_note_and_complement_amounts_and_words(register: Register) -> None:
    settings = InvoiceSettings(objet="Services communs")
    add(register, "2025-CCAS-001", "facture", 2025, DAY, "100")
    avoir = plan_avoir(register, settings, 2025, Decimal("90.50"), DAY)  # the same day is allowed
    assert (avoir.type, avoir.numero, avoir.annee, avoir.date, avoir.amount, avoir.register_total) == (
        "avoir",
        "2025-CCAS-002",
        2025,
        DAY,
        Decimal("9.50"),
        Decimal("-9.50"),
    )
    assert (avoir.corrects, avoir.previous_total, avoir.new_total) == (
        "2025-CCAS-001",
        Decimal("100"),
        Decimal("90.50"),
    )
    assert avoir.objet == "Avoir sur la facture N° 2025-CCAS-001 – Services communs, année 2025"
    complement = plan_complement(register, settings, 2025, Decimal("130"), dt.date(2026, 3, 1))
    assert (complement.type, complement.numero, complement.amount, complement.register_total) == (
        "facture",
        "2026-CCAS-001",
        Decimal("30"),
        Decimal("30"),
    )
    assert complement.objet == "Facture complémentaire à la facture N° 2025-CCAS-001 – Services communs, année 2025"


def test_corrections_refused_with_the_way_out(register: Register) -> None:
    at = "data/registre-factures.csv:2:1: erreur: "
    assert refused(plan_complement, register, SETTINGS, 2025, Decimal("1"), DAY) == [
        "data/registre-factures.csv: erreur: aucune facture n'a été émise pour 2025 : rien à corriger par une facture "
        "complémentaire [correction]\n    conseil : émettre la facture : « ccas-docs invoice --year 2025 »"
    ]
    add(register, "2025-CCAS-001", "facture", 2025, DAY, "100")
    for plan in (plan_avoir, plan_complement):
        assert refused(plan, register, SETTINGS, 2025, Decimal("100.00"), DAY) == [
            f"{at}le montant facturé pour 2025 est déjà 100,00\u202f€, le total du calcul : rien à corriger "
            "[correction]"
        ]
    assert refused(plan_avoir, register, SETTINGS, 2025, Decimal("100.01"), DAY) == [
        f"{at}le calcul (100,01\u202f€) dépasse le montant facturé pour 2025 (100,00\u202f€) : un avoir ne sert qu'à "
        "annuler un montant [correction]\n"
        "    conseil : émettre une facture complémentaire : « ccas-docs invoice --year 2025 --complement »"
    ]
    assert refused(plan_complement, register, SETTINGS, 2025, Decimal("99.99"), DAY) == [
        f"{at}le calcul (99,99\u202f€) est inférieur au montant facturé pour 2025 (100,00\u202f€) : une facture "
        "complémentaire ne peut qu'ajouter un montant [correction]\n"
        "    conseil : émettre un avoir : « ccas-docs invoice --year 2025 --avoir »"
    ]
    before = dt.date(2025, 12, 14)
    assert refused(plan_avoir, register, SETTINGS, 2025, Decimal("90"), before) == [
        f"{at}un avoir ne peut pas être daté du 14 décembre 2025, avant la facture N° 2025-CCAS-001 du 15 décembre "
        "2025 [correction]"
    ]
    assert refused(plan_complement, register, SETTINGS, 2025, Decimal("110"), before) == [
        f"{at}une facture complémentaire ne peut pas être datée du 14 décembre 2025, avant la facture "
        "N° 2025-CCAS-001 du 15 décembre 2025 [correction]"
    ]


def test_a_bad_number_pattern_is_named_where_the_convention_writes_it(register: Register) -> None:
    """Every plan names the pattern at the place given (``facturation.numero`` in convention.yaml)."""
    bad = InvoiceSettings.model_construct(numero="{annee}-{numero}")  # unchecked: the model refuses it
    where = Location("convention.yaml", 40, 11)
    expected = [
        "convention.yaml:40:11: erreur: modèle de numéro de facture « {annee}-{numero} » invalide (« {numero} » "
        f"inconnu) [numero-facture]\n    conseil : {EXAMPLE}"
    ]
    assert refused(plan_invoice, register, bad, 2025, Decimal("1"), where) == expected
    assert refused(next_number, register, bad, 2025, where) == expected
    add(register, "2025-CCAS-001", "facture", 2025, DAY, "100")
    assert refused(plan_avoir, register, bad, 2025, Decimal("90"), DAY, where) == expected
    assert refused(plan_complement, register, bad, 2025, Decimal("110"), DAY, where) == expected
    assert refused(plan_cancellation, register, bad, "2025-CCAS-001", "m", DAY, Decimal("1"), where) == expected


def test_an_empty_pattern_numbers_nothing_and_records_nothing(register: Register) -> None:
    """With ``numero: ""`` the invoice got the number « » : recording it stopped on an internal error
    (code 3) after writing a line every later command refused (« numéro manquant »)."""
    assert refused(plan_invoice, register, InvoiceSettings.model_construct(numero=""), 2025, Decimal("1"))[
        0
    ].startswith("convention.yaml: erreur: modèle de numéro de facture «  » invalide (sans {sequence}")
    assert not register.path.exists()


def test_a_pattern_that_rounds_the_sequence_is_refused_when_two_numbers_would_be_the_same() -> None:
    """« {sequence:.0e} » writes 9 as « 9e+00 » but 10 to 14 all as « 1e+01 »."""
    rounding = InvoiceSettings(numero="{annee}-{sequence:.0e}")
    assert format_number(rounding, 2025, 9) == "2025-9e+00"
    why = "sans {sequence}, deux documents de l'année auraient le même numéro"
    for sequence in (10, 13):
        assert refused(format_number, rounding, 2025, sequence) == [
            f"convention.yaml: erreur: modèle de numéro de facture « {{annee}}-{{sequence:.0e}} » invalide ({why}) "
            f"[numero-facture]\n    conseil : {EXAMPLE}"
        ]
