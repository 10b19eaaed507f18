"""The ledger on the shipped data (totals computed by hand) and its arithmetic properties."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccas_docs.billing.costs import CostRow, read_costs
from ccas_docs.billing.ledger import Ledger, build_ledger, default_costs_path, default_payroll_path
from ccas_docs.billing.payroll import PayrollRow, read_payroll
from ccas_docs.billing.schedule import build_schedule
from ccas_docs.common.diagnostics import Location
from ccas_docs.model.project import Loaded, Project, load_project
from ccas_docs.writers.ledgerjson import ledger_as_json

ROOT = Path(__file__).resolve().parents[1]
PAYROLL_2024 = "data/charges-personnel/2024.csv"
COSTS_2025 = "data/frais/2025.csv"
CENT = Decimal("0.01")

# The billing parameters of the shipped fiches this file's hand computations rely on.
FICHES = {
    "dga": ("1", ["COM"]),
    "finances": ("5", ["FIN-AP"]),
    "numerique": ("5", ["DSI"]),
    "rh": ("5", ["DRH"]),
    "administration-generale": ("1", ["DAG-AJC"]),
    "technique": ("1", ["DST-BAT", "DST-VL", "DST-EV", "DST-ADM"]),
    "communication": ("1", ["COM"]),
}


@functools.cache
def shipped_project() -> Project:
    return load_project(ROOT)


@pytest.fixture(scope="module")
def project() -> Project:
    return shipped_project()


def shipped_ledger(project: Project, year: int = 2025) -> Ledger:
    payroll_path = default_payroll_path(ROOT, year)
    shown = payroll_path.relative_to(ROOT).as_posix()
    costs_path = default_costs_path(ROOT, year)
    payroll = read_payroll(payroll_path, shown)
    costs = read_costs(costs_path, costs_path.relative_to(ROOT).as_posix())
    return build_ledger(project, year, payroll, costs, shown)


def test_shipped_fiches_are_those_computed_by_hand(project: Project) -> None:
    assert {
        f.model.id: (str(f.model.facturation.taux.normalize()), f.model.facturation.services) for f in project.fiches
    } == FICHES


def test_shipped_ledger_2025(project: Project) -> None:
    ledger = shipped_ledger(project)
    assert (ledger.year, ledger.reference_year, ledger.estimate) == (2025, 2024, False)
    # data/charges-personnel/2024.csv, by hand: base × taux, rounded half up to the cent
    expected = [
        (1, "dga", "COM", "205340.00", "1", "2053.40"),  # 205 340,00 × 1 %
        (2, "finances", "FIN-AP", "498762.50", "5", "24938.13"),  # 24 938,125 → ,13 (half up)
        (3, "numerique", "DSI", "356420.00", "5", "17821.00"),
        (4, "rh", "DRH", "612345.67", "5", "30617.28"),  # 30 617,2835
        (5, "administration-generale", "DAG-AJC", "231880.45", "1", "2318.80"),  # 2 318,8045
        (6, "technique", "DST-BAT", "1245600.00", "1", "12456.00"),
        (6, "technique", "DST-VL", "986430.00", "1", "9864.30"),
        (6, "technique", "DST-EV", "742150.00", "1", "7421.50"),
        (6, "technique", "DST-ADM", "318975.50", "1", "3189.76"),  # 3 189,755 → ,76 (half up)
        (7, "communication", "COM", "205340.00", "1", "2053.40"),
    ]
    assert [
        (
            line.annex_number,
            line.fiche_id,
            line.service_code,
            str(line.base),
            str(line.rate.normalize()),
            str(line.amount),
        )
        for line in ledger.lines
    ] == expected
    # 2053.40 + 24938.13 + 17821.00 + 30617.28 + 2318.80 + 12456.00 + 9864.30 + 7421.50 + 3189.76 + 2053.40
    assert ledger.subtotal_flat == Decimal("112733.57")
    # data/frais/2025.csv: postage 1245.60 + 1187.35 + 1098.90; printing 2340.00 + 1875.50;
    # on-call 612.40 + 845.20 (the DST's works are no invoice line: subvention d'équilibre N+1)
    assert ledger.subtotal_reimbursements == Decimal("9204.95")
    assert ledger.total == Decimal("121938.52")
    assert [(r.fiche_id, r.nature, str(r.amount)) for r in ledger.reimbursements] == [
        ("administration-generale", "affranchissement", "1245.60"),
        ("administration-generale", "affranchissement", "1187.35"),
        ("administration-generale", "affranchissement", "1098.90"),
        ("technique", "astreinte", "612.40"),
        ("technique", "astreinte", "845.20"),
        ("communication", "impression", "2340.00"),
        ("communication", "impression", "1875.50"),
    ]


def test_lines_point_back_to_their_sources(project: Project) -> None:
    ledger = shipped_ledger(project)
    rh = next(line for line in ledger.lines if line.fiche_id == "rh")
    rh_yaml = (ROOT / "annexes/rh.yaml").read_text(encoding="utf-8").splitlines()
    taux_line = next(i for i, text in enumerate(rh_yaml, start=1) if text.strip().startswith("taux:"))
    assert rh.parameter == Location("annexes/rh.yaml", taux_line, rh_yaml[taux_line - 1].index("taux:") + 7)
    assert str(rh.input_row) == f"{PAYROLL_2024}:5:1"
    assert (rh.service_label, rh.imputation, rh.reference_year) == ("Direction des Ressources Humaines", "70841", 2024)
    on_call = [r for r in ledger.reimbursements if r.nature == "astreinte"]
    assert [str(r.input_row) for r in on_call] == [f"{COSTS_2025}:7:1", f"{COSTS_2025}:8:1"]
    assert on_call[0].nature_label == "les rémunérations complémentaires des interventions d'astreinte"
    assert (on_call[0].date, on_call[0].justificatif, on_call[0].imputation) == (
        dt.date(2025, 7, 31),
        "Mandat 2025-1190",
        "70878",
    )


def test_forecast_ledger_2026_is_an_estimate(project: Project) -> None:
    ledger = shipped_ledger(project, 2026)
    assert ledger.estimate and all(line.estimate for line in ledger.lines)
    assert ledger.reimbursements == ()
    # avenant n° 1 bills the DGA fiche on DGA-PR from 1 July 2026: its line is split by days,
    # 211 500 × 1 % × 181 / 365 = 1 048,808… → 1 048,81 ; 189 800 × 1 % × 184 / 365 = 956,80 exactly;
    # then 211 500 × 1 % (communication) + 513 700 × 5 % + 367 100 × 5 % + 630 700 × 5 % + 238 800 × 1 %
    # + (1 283 000 + 1 016 000 + 764 400 + 328 500) × 1 %
    assert ledger.total == Decimal("1048.81") + Decimal("956.80") + Decimal("2115.00") + Decimal("25685.00") + Decimal(
        "18355.00"
    ) + Decimal("31535.00") + Decimal("2388.00") + Decimal("33919.00")
    assert ledger.total == Decimal("116002.61")


def test_schedule(project: Project) -> None:
    rows = build_schedule(project, ROOT)
    assert [(r.year, r.billing_date, r.reference_year, r.total, r.estimate) for r in rows] == [
        (2025, dt.date(2025, 12, 15), 2024, Decimal("121938.52"), False),
        (2026, dt.date(2026, 12, 15), 2025, Decimal("116002.61"), True),
        (2027, dt.date(2027, 12, 15), 2026, None, False),
    ]
    assert [(f.id, str(f.rate.normalize())) for f in rows[0].fiches][:2] == [("dga", "1"), ("finances", "5")]


def test_ledger_as_json(project: Project) -> None:
    data = ledger_as_json(shipped_ledger(project))
    assert data["total"] == "121938.52"
    assert data["sous_total_forfaitaire"] == "112733.57"
    assert data["sous_total_remboursements"] == "9204.95"
    assert data["total_en_lettres"] == "cent vingt et un mille neuf cent trente-huit euros et cinquante-deux centimes"
    assert data["lignes"][3] == {
        "annexe": 4,
        "fiche": "rh",
        "intitule_fiche": "Fonction ressources humaines",  # annexes/rh.yaml, titre
        "service": "DRH",
        "libelle_service": "Direction des Ressources Humaines",
        "base": "612345.67",
        "taux": "5",
        "montant": "30617.28",
        "annee_reference": 2024,
        "imputation": "70841",
        "estimation": False,
        "parametre": "annexes/rh.yaml:106:9",  # where the rate is written
        "source": f"{PAYROLL_2024}:5:1",
        "periode": None,
        "version": "convention initiale",
    }
    assert data["periodes"] == [
        {"du": "2025-01-01", "au": "2025-12-31", "jours": 365, "version": "convention initiale"}
    ]
    assert data["prorata"] is False
    assert data["remboursements"][0]["montant"] == "1245.60"
    assert data["remboursements"][0]["date"] == "2025-03-31"


# --- properties -----------------------------------------------------------------------------------------

amounts = st.integers(min_value=0, max_value=10**11).map(lambda cents: Decimal(cents).scaleb(-2))
rates = st.integers(min_value=0, max_value=100_000).map(lambda thousandths: Decimal(thousandths).scaleb(-3))


def with_rates(project: Project, new_rates: list[Decimal]) -> Project:
    fiches = []
    for loaded, rate in zip(project.fiches, new_rates, strict=True):
        billing = loaded.model.facturation.model_copy(update={"taux": rate})
        fiches.append(Loaded(loaded.model.model_copy(update={"facturation": billing}), loaded.source))
    return dataclasses.replace(project, fiches=fiches)


@st.composite
def inputs(draw: st.DrawFn, project: Project) -> tuple[Project, list[PayrollRow], list[CostRow]]:
    codes = [s.code for s in project.organisation.model.services]
    payroll = [
        PayrollRow(code, 2024, draw(amounts), draw(st.booleans()), Location("p.csv", i + 2, 1))
        for i, code in enumerate(codes)
    ]
    declared = [(f.model.id, r.nature) for f in project.fiches for r in f.model.facturation.remboursements]
    costs = [
        CostRow(
            fiche, nature, dt.date(2025, 1, 1) + dt.timedelta(days=day), "frais", amount, "", Location("f.csv", i, 1)
        )
        for i, (fiche, nature, day, amount) in enumerate(
            draw(
                st.lists(
                    st.tuples(
                        st.sampled_from(declared),
                        st.integers(0, 364),
                        amounts,
                    ).map(lambda t: (*t[0], t[1], t[2])),
                    max_size=12,
                )
            ),
            start=2,
        )
    ]
    new_rates = draw(st.lists(rates, min_size=len(project.fiches), max_size=len(project.fiches)))
    return with_rates(project, new_rates), payroll, costs


def half_up_cents(base: Decimal, rate: Decimal) -> int:
    """The oracle, in exact rationals: base × rate / 100, in cents, rounded half up."""
    exact = Fraction(base) * Fraction(rate) / 100 * 100
    return math.floor(exact + Fraction(1, 2))


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(data=st.data())
def test_ledger_properties(data: st.DataObject) -> None:
    varied, payroll, costs = data.draw(inputs(shipped_project()))
    ledger = build_ledger(varied, 2025, payroll, costs, "p.csv")
    for line in ledger.lines:
        assert line.amount * 100 == half_up_cents(line.base, line.rate)
        assert line.amount == line.amount.quantize(CENT)
        assert line.amount.as_tuple().exponent == -2
    for r in ledger.reimbursements:
        assert r.amount == r.amount.quantize(CENT)
    assert ledger.subtotal_flat == sum((line.amount for line in ledger.lines), Decimal(0))
    assert ledger.subtotal_reimbursements == sum((c.montant for c in costs), Decimal(0))
    assert ledger.total == ledger.subtotal_flat + ledger.subtotal_reimbursements
    assert ledger.total == ledger.total.quantize(CENT)
    assert ledger.estimate == any(line.estimate for line in ledger.lines)
    # the total never depends on the order of the input rows
    shuffled_payroll = data.draw(st.permutations(payroll))
    shuffled_costs = data.draw(st.permutations(costs))
    again = build_ledger(varied, 2025, list(shuffled_payroll), list(shuffled_costs), "p.csv")
    assert again.total == ledger.total
    assert again.lines == ledger.lines
    assert sorted(again.reimbursements, key=repr) == sorted(ledger.reimbursements, key=repr)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(lines=st.lists(st.tuples(amounts, rates), min_size=1, max_size=20), data=st.data())
def test_sum_of_rounded_lines_does_not_depend_on_order(
    lines: list[tuple[Decimal, Decimal]], data: st.DataObject
) -> None:
    from ccas_docs.billing.ledger import line_amount

    rounded = [line_amount(base, rate) for base, rate in lines]
    permuted = data.draw(st.permutations(lines))
    assert sum((line_amount(b, r) for b, r in permuted), Decimal(0)) == sum(rounded, Decimal(0))
    for (base, rate), amount in zip(lines, rounded, strict=True):
        assert amount * 100 == half_up_cents(base, rate)
