"""The ledger's rules, each with the whole message a user reads: location, text, hint and code.

``test_billing_inputs`` covers the input files; here, what the ledger itself decides: the year of
the payroll (N-1 for every fiche, or an error naming the fiche that differs), the convention's
years, the natures of costs a fiche declares, and the totals and order of the lines.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ProjectCopy
from test_billing_inputs import COSTS, COSTS_HEADER, PAYROLL, full_payroll, write

from ccas_docs.billing.costs import read_costs
from ccas_docs.billing.ledger import build_ledger, convention_years, line_amount
from ccas_docs.billing.payroll import read_payroll
from ccas_docs.common.diagnostics import Diagnostic, UserError
from ccas_docs.model.project import Project, load_project


def codes_of(project: Project) -> list[str]:
    return [s.code for s in project.organisation.model.services]


def diagnostics(project: Project, payroll_text: str, costs_text: str, tmp_path: Path, year: int = 2025):
    payroll = read_payroll(write(tmp_path, PAYROLL, payroll_text), PAYROLL)
    costs = read_costs(write(tmp_path, COSTS, costs_text), COSTS)
    with pytest.raises(UserError) as exc:
        build_ledger(project, year, payroll, costs, PAYROLL)
    return exc.value.diagnostics


def as_tuple(d: Diagnostic) -> tuple[str, str, str, str]:
    return (str(d.location), d.message, d.hint, d.code)


# --- the payroll year -----------------------------------------------------------------------------


# --- the years of the convention ------------------------------------------------------------------


def test_convention_years(project: ProjectCopy) -> None:
    assert list(convention_years(load_project(project.root))) == [2025, 2026, 2027]
    project.edit("convention.yaml", "avenants:\n  - avenants/001-facturation-dga.yaml\n", "")  # it takes effect in 2026
    project.edit("convention.yaml", "duree_ans: 3", "duree_ans: 1")
    loaded = load_project(project.root)
    assert list(convention_years(loaded)) == [2025]
    with pytest.raises(UserError) as exc:
        build_ledger(loaded, 2026, [], [], PAYROLL)
    [d] = exc.value.diagnostics
    assert as_tuple(d) == (
        project.value_at("convention.yaml", "duree_ans: 1"),
        "année 2026 hors de la durée de la convention : elle couvre les années 2025 à 2025 "
        "(effet au 1er janvier 2025, pour 1 an)",
        "choisir une année de 2025 à 2025, ou prolonger la convention par avenant",
        "annee-hors-convention",
    )
    # the first and last years are in
    assert build_ledger(loaded, 2025, read_payroll(_payroll(project, loaded), PAYROLL), [], PAYROLL).year == 2025


def _payroll(project: ProjectCopy, loaded: Project, year: int = 2024) -> Path:
    path = project.root / PAYROLL
    path.write_text(full_payroll(codes_of(loaded), year=year), encoding="utf-8")
    return path


def test_two_years_are_plural(project: ProjectCopy) -> None:
    project.edit("convention.yaml", "duree_ans: 3", "duree_ans: 2")
    with pytest.raises(UserError) as exc:
        build_ledger(load_project(project.root), 2027, [], [], PAYROLL)
    [d] = exc.value.diagnostics
    assert d.message.endswith("les années 2025 à 2026 (effet au 1er janvier 2025, pour 2 ans)")


def test_year_before_the_convention_points_at_its_start(project: ProjectCopy) -> None:
    loaded = load_project(project.root)
    with pytest.raises(UserError) as exc:
        build_ledger(loaded, 2024, [], [], PAYROLL)
    [d] = exc.value.diagnostics
    assert as_tuple(d) == (
        project.value_at("convention.yaml", "date_effet: 2025-01-01"),
        "année 2024 hors de la durée de la convention : elle couvre les années 2025 à 2027 "
        "(effet au 1er janvier 2025, pour 3 ans)",
        "choisir une année de 2025 à 2027, ou prolonger la convention par avenant",
        "annee-hors-convention",
    )
    assert build_ledger(loaded, 2027, read_payroll(_payroll(project, loaded, 2026), PAYROLL), [], PAYROLL).year == 2027


# --- services -------------------------------------------------------------------------------------


def test_unknown_service_in_the_payroll_hint_lists_the_services(project: ProjectCopy, tmp_path: Path) -> None:
    loaded = load_project(project.root)
    codes = codes_of(loaded)
    found = diagnostics(loaded, full_payroll(codes, extra="ZZZ;2024;1,00\n"), COSTS_HEADER, tmp_path)
    assert [as_tuple(d) for d in found] == [
        (
            f"charges.csv:{len(codes) + 2}:1",
            "service « ZZZ » inconnu",
            "services déclarés dans services.yaml : " + ", ".join(codes),
            "service-inconnu",
        )
    ]


def test_unknown_service_is_located_at_its_cell_whatever_the_column_order(project: ProjectCopy, tmp_path: Path) -> None:
    loaded = load_project(project.root)
    rows = ["annee;montant;service", *(f"2024;1,00;{code}" for code in codes_of(loaded)), "2024;1,00;ZZZ"]
    found = diagnostics(loaded, "\n".join(rows) + "\n", COSTS_HEADER, tmp_path)
    assert [(str(d.location), d.message) for d in found] == [
        (f"charges.csv:{len(rows)}:11", "service « ZZZ » inconnu"),
    ]


@pytest.mark.parametrize("as_list", [False, True])
def test_unknown_service_in_a_fiche(project: ProjectCopy, tmp_path: Path, as_list: bool) -> None:
    new = "services:\n    - DRH\n    - DRX\n" if as_list else "services: DRX\n"
    project.edit("annexes/rh.yaml", "services: DRH\n", new)
    loaded = load_project(project.root)
    where = project.at("annexes/rh.yaml", "DRX") if as_list else project.value_at("annexes/rh.yaml", "services: DRX")
    found = diagnostics(loaded, full_payroll(codes_of(loaded)), COSTS_HEADER, tmp_path)
    assert [as_tuple(d) for d in found] == [
        (where, "service « DRX » inconnu : il n'est pas déclaré dans services.yaml", "", "service-inconnu")
    ]


def test_one_fiche_missing_service_hint(project: ProjectCopy, tmp_path: Path) -> None:
    loaded = load_project(project.root)
    codes = [c for c in codes_of(loaded) if c != "DRH"]
    found = diagnostics(loaded, full_payroll(codes), COSTS_HEADER, tmp_path)
    assert [as_tuple(d) for d in found] == [
        (
            f"charges.csv:{len(codes) + 2}:1",
            "service « DRH » absent du fichier des charges de personnel 2024",
            "la fiche « rh » (annexe 4) est facturée sur ce service : ajouter la ligne « DRH;2024;montant »",
            "service-absent",
        )
    ]


def test_empty_payroll_locates_missing_services_on_line_2(project: ProjectCopy, tmp_path: Path) -> None:
    loaded = load_project(project.root)
    with pytest.raises(UserError) as exc:
        build_ledger(loaded, 2025, [], [], PAYROLL)
    assert {str(d.location) for d in exc.value.diagnostics} == {"charges.csv:2:1"}


# --- costs ----------------------------------------------------------------------------------------


def _costs_problem(project: ProjectCopy, tmp_path: Path, line: str) -> Diagnostic:
    loaded = load_project(project.root)
    [d] = diagnostics(loaded, full_payroll(codes_of(loaded)), COSTS_HEADER + line, tmp_path)
    return d


def test_nature_close_to_a_declared_one_is_suggested(project: ProjectCopy, tmp_path: Path) -> None:
    d = _costs_problem(project, tmp_path, "technique;astreintes;31/07/2025;Astreinte;612,40;M-1\n")
    assert as_tuple(d) == (
        "frais.csv:2:11",
        "nature « astreintes » non prévue par la fiche « technique » (natures prévues : « astreinte »)",
        "vouliez-vous dire « astreinte » ?",
        "nature-frais",
    )


def test_nature_far_from_any_declared_one(project: ProjectCopy, tmp_path: Path) -> None:
    d = _costs_problem(project, tmp_path, "technique;carburant;22/04/2025;Gazole;80,00;M-1\n")
    assert (d.hint, d.code) == (
        "ajouter la nature dans « facturation.remboursements » de annexes/technique.yaml, ou corriger la ligne",
        "nature-frais",
    )


def test_fiche_without_reimbursements(project: ProjectCopy, tmp_path: Path) -> None:
    d = _costs_problem(project, tmp_path, "rh;affranchissement;22/04/2025;Timbres;8,00;M-2\n")
    assert as_tuple(d) == (
        "frais.csv:2:4",
        "la fiche « rh » ne prévoit aucun remboursement de frais (nature « affranchissement »)",
        "ajouter la nature dans « facturation.remboursements » de annexes/rh.yaml, ou corriger la ligne",
        "nature-frais",
    )


def test_unknown_fiche_hint_lists_the_fiches(project: ProjectCopy, tmp_path: Path) -> None:
    d = _costs_problem(project, tmp_path, "zzz;travaux;22/04/2025;Chauffe-eau;3 480,00;M-1\n")
    assert as_tuple(d) == (
        "frais.csv:2:1",
        "fiche « zzz » inconnue",
        "fiches de la convention : dga, finances, numerique, rh, administration-generale, technique, communication",
        "fiche-inconnue",
    )


def test_cost_of_another_year_hint(project: ProjectCopy, tmp_path: Path) -> None:
    d = _costs_problem(project, tmp_path, "technique;astreinte;15/12/2024;Astreinte;348,00;M-1\n")
    assert (d.hint, d.code) == ("déclarer ces frais dans data/frais/2024.csv, ou corriger la date", "date-frais")


# --- the ledger itself ----------------------------------------------------------------------------


def test_reimbursements_in_order_of_fiche_nature_date_and_line(project: ProjectCopy, tmp_path: Path) -> None:
    # a second nature for the technique fiche, declared after « astreinte »
    project.edit(
        "annexes/technique.yaml",
        "  hors_facture:",
        '    - {nature: fournitures, libelle: les fournitures, imputation: "70878"}\n  hors_facture:',
    )
    loaded = load_project(project.root)
    payroll = read_payroll(write(tmp_path, PAYROLL, full_payroll(codes_of(loaded))), PAYROLL)
    costs = read_costs(
        write(
            tmp_path,
            COSTS,
            COSTS_HEADER
            + "technique;fournitures;22/04/2025;B;2,00;M-1\n"  # line 2
            + "communication;impression;14/05/2025;C;3,00;M-2\n"  # line 3
            + "technique;astreinte;31/08/2025;D;4,00;M-3\n"  # line 4
            + "technique;fournitures;01/02/2025;E;5,00;M-4\n"  # line 5
            + "technique;fournitures;22/04/2025;F;6,00;M-5\n"  # line 6: same date as line 2
            + "administration-generale;affranchissement;31/03/2025;A;1,00;M-6\n",  # line 7
        ),
        COSTS,
    )
    ledger = build_ledger(loaded, 2025, payroll, costs, PAYROLL)
    assert [r.libelle for r in ledger.reimbursements] == ["A", "D", "E", "B", "F", "C"]
    first = ledger.reimbursements[0]
    assert (first.annex_number, first.fiche_id, first.nature, first.imputation, first.date) == (
        5,
        "administration-generale",
        "affranchissement",
        "70878",
        dt.date(2025, 3, 31),
    )
    assert first.nature_label == "les frais d'affranchissement du courrier"
    assert (first.justificatif, str(first.input_row), first.amount) == ("M-6", "frais.csv:7:1", Decimal("1.00"))
    assert ledger.subtotal_reimbursements == Decimal("21.00")
    assert ledger.total == ledger.subtotal_flat + Decimal("21.00")
    assert ledger.subtotal_flat == sum(line.amount for line in ledger.lines)
    assert not ledger.estimate


def test_a_forecast_base_makes_the_ledger_an_estimate(project: ProjectCopy, tmp_path: Path) -> None:
    loaded = load_project(project.root)
    text = full_payroll(codes_of(loaded)).replace("service;annee;montant", "service;annee;montant;nature")
    lines = text.splitlines()
    lines = [lines[0], *(line + (";prévisionnel" if line.startswith("DRH;") else ";") for line in lines[1:])]
    payroll = read_payroll(write(tmp_path, PAYROLL, "\n".join(lines) + "\n"), PAYROLL)
    ledger = build_ledger(loaded, 2025, payroll, [], PAYROLL)
    assert ledger.estimate
    assert [line.service_code for line in ledger.lines if line.estimate] == ["DRH"]
    assert ledger.subtotal_reimbursements == Decimal("0.00") and ledger.reimbursements == ()


def test_line_amount_rounds_half_up_per_line() -> None:
    assert line_amount(Decimal("100.10"), Decimal("5")) == Decimal("5.01")  # 5.005
    assert line_amount(Decimal("100.09"), Decimal("5")) == Decimal("5.00")  # 5.0045
    assert line_amount(Decimal("205340.00"), Decimal("5.5")) == Decimal("11293.70")
    assert line_amount(Decimal("123456789012345678.91"), Decimal("1")) == Decimal("1234567890123456.79")
