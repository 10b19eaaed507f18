"""Billing in force: a mid-year change splits a fiche's amount by days, each part rounded to the cent.

Every expected figure is computed by hand in the comments (365 or 366 days).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from decimal import Decimal

import pytest
from click.testing import CliRunner
from conftest import ROOT, ProjectCopy
from test_versions import RATE, without_avenants, write_avenant

from ccas_docs.billing.costs import read_costs
from ccas_docs.billing.ledger import Ledger, build_ledger, check_year, default_costs_path, default_payroll_path
from ccas_docs.billing.payroll import read_payroll
from ccas_docs.billing.prorata import prorated, year_days
from ccas_docs.billing.schedule import build_schedule
from ccas_docs.cli.main import main
from ccas_docs.common.diagnostics import UserError
from ccas_docs.common.typography import typeset
from ccas_docs.model.project import load_project

D = Decimal


def ledger_of(root, year: int) -> Ledger:
    project = load_project(root)
    payroll_path = default_payroll_path(root, year)
    shown = payroll_path.relative_to(root).as_posix()
    costs_path = default_costs_path(root, year)
    payroll = read_payroll(payroll_path, shown)
    costs = read_costs(costs_path, costs_path.relative_to(root).as_posix(), missing_ok=True)
    return build_ledger(project, year, payroll, costs, shown)


@pytest.fixture
def shipped(project: ProjectCopy) -> ProjectCopy:
    shutil.copytree(ROOT / "data", project.root / "data")
    (project.root / "data" / "registre-factures.csv").unlink(missing_ok=True)
    return project


def test_year_days() -> None:
    assert (year_days(2026), year_days(2028), year_days(2100)) == (365, 366, 365)


def test_each_part_is_rounded_half_up_on_its_own() -> None:
    # 182,50 × 1 % × 1 / 365 = 0,005 exactly: half up gives 0,01 (banker's rounding would give 0,00)
    assert prorated(D("182.50"), D(1), 1, 365) == D("0.01")
    # 211 500 × 1 % × 181 / 365 = 1 048,808 2… → 1 048,81
    assert prorated(D("211500.00"), D(1), 181, 365) == D("1048.81")


def test_the_shipped_avenant_splits_2026_for_the_dga_only(shipped: ProjectCopy) -> None:
    ledger = ledger_of(shipped.root, 2026)
    dga = [line for line in ledger.lines if line.fiche_id == "dga"]
    # 1 January – 30 June: 181 days on COM; 1 July – 31 December: 184 days on DGA-PR (2025 bases)
    # 211 500 × 1 % × 181 / 365 = 1 048,81 ; 189 800 × 1 % × 184 / 365 = 349 232 / 365 = 956,80
    assert [(line.service_code, line.period, line.days, line.year_days, line.amount, line.version) for line in dga] == [
        ("COM", (dt.date(2026, 1, 1), dt.date(2026, 6, 30)), 181, 365, D("1048.81"), "convention initiale"),
        ("DGA-PR", (dt.date(2026, 7, 1), dt.date(2026, 12, 31)), 184, 365, D("956.80"), "avenant n\u00b0\u00a01"),
    ]
    assert dga[1].parameter.path == "annexes/dga.yaml"  # the rate itself is still the fiche's
    others = [line for line in ledger.lines if line.fiche_id != "dga"]
    assert all(line.period is None and line.days == 0 for line in others)
    assert ledger.split
    assert ledger.total == D("116002.61")
    assert [(s, e) for s, e, _ in ledger.periods] == [
        (dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
        (dt.date(2026, 7, 1), dt.date(2026, 12, 31)),
    ]


def test_2025_is_unchanged_by_the_avenant(shipped: ProjectCopy) -> None:
    ledger = ledger_of(shipped.root, 2025)
    assert ledger.total == D("121938.52") and not ledger.split


def test_json_shows_the_periods(shipped: ProjectCopy) -> None:
    result = CliRunner().invoke(
        main, ["invoice", "--year", "2026", "--format", "json", "--sans-frais", str(shipped.root)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["prorata"] is True
    assert data["periodes"] == [
        {"du": "2026-01-01", "au": "2026-06-30", "jours": 181, "version": "convention initiale"},
        {"du": "2026-07-01", "au": "2026-12-31", "jours": 184, "version": "avenant n\u00b0\u00a01"},
    ]
    (first, second) = [line for line in data["lignes"] if line["fiche"] == "dga"]
    assert first["periode"] == {"du": "2026-01-01", "au": "2026-06-30", "jours": 181, "jours_annee": 365}
    assert (first["montant"], second["montant"]) == ("1048.81", "956.80")
    assert data["total"] == "116002.61"


def _leap_year_project(shipped: ProjectCopy) -> ProjectCopy:
    """Avenant 1 extends the convention to 2028 (from 1 June 2027); avenant 2 sets RH at 3 % from 1 March 2028."""
    without_avenants(shipped)
    write_avenant(shipped, 1, "2027-06-01", "  - convention: {champ: duree_ans, valeur: 4}\n")
    write_avenant(shipped, 2, "2028-03-01", RATE.format(rate="3 %"), signature="2027-12-01")
    rows = shipped.text("data/charges-personnel/2024.csv").replace(";2024;", ";2027;")
    lines = [("DRH;2027;650 000,00" if line.startswith("DRH;") else line) for line in rows.splitlines()]
    shipped.write("data/charges-personnel/2027.csv", "\n".join(lines) + "\n")
    return shipped


def test_a_leap_year_is_split_over_366_days(shipped: ProjectCopy) -> None:
    project = _leap_year_project(shipped)
    ledger = ledger_of(project.root, 2028)
    rh = [line for line in ledger.lines if line.fiche_id == "rh"]
    # 1 January – 29 February 2028: 31 + 29 = 60 days at 5 %; 1 March – 31 December: 306 days at 3 %
    # 650 000 × 5 % × 60 / 366 = 1 950 000 / 366 = 5 327,868… → 5 327,87
    # 650 000 × 3 % × 306 / 366 = 5 967 000 / 366 = 16 303,278… → 16 303,28
    assert [(line.rate, line.days, line.year_days, line.amount) for line in rh] == [
        (D(5), 60, 366, D("5327.87")),
        (D(3), 306, 366, D("16303.28")),
    ]
    assert sum(line.amount for line in rh) == D("21631.15")
    # the rest of 2028 as in 2024's bases (copied to 2027): unsplit
    assert all(line.period is None for line in ledger.lines if line.fiche_id != "rh")


def test_a_version_change_that_leaves_billing_alone_splits_nothing(shipped: ProjectCopy) -> None:
    project = _leap_year_project(shipped)
    loaded = load_project(project.root)
    assert check_year(loaded, 2028) is None  # 2028 exists: avenant 1 made the convention four years long
    shipped.write(
        "data/charges-personnel/2026.csv", shipped.text("data/charges-personnel/2027.csv").replace(";2027;", ";2026;")
    )
    ledger = ledger_of(project.root, 2027)
    assert len(ledger.periods) == 2 and not ledger.split  # duree_ans changed on 1 June 2027, no rate did


def test_a_year_no_version_covers_is_an_error_at_the_duration_in_force(shipped: ProjectCopy) -> None:
    project = _leap_year_project(shipped)
    with pytest.raises(UserError) as exc:
        check_year(load_project(project.root), 2029)
    (d,) = exc.value.diagnostics
    assert d.code == "annee-hors-convention"
    assert "2025 à 2028" in d.message
    assert str(d.location) == project.at("avenants/001-essai.yaml", "4}")  # the duration the avenant set


def test_schedule_uses_the_version_in_force_each_year(shipped: ProjectCopy) -> None:
    project = _leap_year_project(shipped)
    rows = build_schedule(load_project(project.root), project.root)
    assert [r.year for r in rows] == [2025, 2026, 2027, 2028]
    rh = [next(f.rate for f in r.fiches if f.id == "rh") for r in rows]
    assert rh == [D(5), D(5), D(5), D(3)]
    assert rows[3].total is not None and rows[3].total == ledger_of(project.root, 2028).total


def test_the_invoice_states_each_part_and_the_rule(shipped: ProjectCopy) -> None:
    from completed import realise_payroll
    from test_check_shipped import fill_placeholders
    from test_invoice_documents import docx_text

    from ccas_docs.model.clauses import PRORATA_RULE

    shutil.copytree(ROOT / "templates", shipped.root / "templates")
    fill_placeholders(shipped)  # an invoice is issued only once nothing it prints is « À COMPLÉTER »
    realise_payroll(shipped.root, 2025)
    result = CliRunner().invoke(main, ["invoice", "--year", "2026", "--sans-frais", str(shipped.root)])
    assert result.exit_code == 0, result.output
    folder = shipped.root / "output" / "factures" / "2026"
    text = docx_text(next(folder.glob("*.docx")))
    # the dates unbroken (U+00A0), a no-break space before « : »
    assert "du 1er\u00a0janvier au 30\u00a0juin\u00a02026\u00a0: 181 jours sur 365, convention initiale" in text
    assert "du 1er\u00a0juillet au 31\u00a0décembre\u00a02026\u00a0: 184 jours sur 365, avenant n\u00b0\u00a01" in text
    assert "Prorata temporis" in text and typeset(PRORATA_RULE) in text
    assert "1\u202f048,81" in text and "956,80" in text and "116\u202f002,61" in text
    csv_text = next(folder.glob("*.csv")).read_text(encoding="utf-8")
    assert "181 jours sur 365" in csv_text and "184 jours sur 365" in csv_text


def test_the_financial_article_states_the_rule(shipped: ProjectCopy) -> None:
    from ccas_docs.checks.rules import validated
    from ccas_docs.compose.convention import compose_convention
    from ccas_docs.document.tree import plain_text
    from ccas_docs.model.clauses import PRORATA_RULE

    project = load_project(shipped.root)
    text = plain_text(compose_convention(project, validated(project)[1]))
    assert typeset(PRORATA_RULE) in text
