"""What a user reads when the ledger refuses its inputs, found by mutation testing
(``benchmarks/mutation.py ledger``): the code, the hint and the cell of each message."""

from __future__ import annotations

from pathlib import Path

from conftest import ProjectCopy
from test_billing_inputs import COSTS, COSTS_HEADER, PAYROLL, full_payroll, write
from test_ledger_rules import as_tuple, codes_of, diagnostics

from ccas_docs.billing.costs import read_costs
from ccas_docs.billing.ledger import build_ledger
from ccas_docs.billing.payroll import read_payroll
from ccas_docs.model.project import load_project
from ccas_docs.writers.ledgerjson import ledger_as_json


def test_payroll_of_another_year_says_which_year_the_invoice_needs(project: ProjectCopy, tmp_path: Path) -> None:
    loaded = load_project(project.root)
    codes = codes_of(loaded)
    text = full_payroll(codes).replace("DRH;2024;", "DRH;2023;")
    [d] = diagnostics(loaded, text, COSTS_HEADER, tmp_path)
    assert as_tuple(d) == (
        f"{PAYROLL}:{codes.index('DRH') + 2}:5",
        "ligne pour 2023 : ce fichier doit contenir les charges de l'année 2024 (N-1)",
        "la facture 2025 se calcule sur les charges de personnel de 2024 : "
        "vérifier l'export de paie ou le fichier choisi",
        "annee-charges",
    )


def test_missing_service_is_at_column_1_in_the_json_messages(project: ProjectCopy, tmp_path: Path) -> None:
    """``check --format json`` and editors read the column: the line after the last one, column 1."""
    loaded = load_project(project.root)
    codes = [c for c in codes_of(loaded) if c != "DRH"]
    [d] = diagnostics(loaded, full_payroll(codes), COSTS_HEADER, tmp_path)
    assert (d.as_dict()["ligne"], d.as_dict()["colonne"], d.code) == (len(codes) + 2, 1, "service-absent")


def test_unknown_fiche_is_located_at_its_cell_whatever_the_column_order(project: ProjectCopy, tmp_path: Path) -> None:
    loaded = load_project(project.root)
    costs = "nature;date;libelle;montant;justificatif;fiche\ntravaux;22/04/2025;Chauffe-eau;3 480,00;M-1;zzz\n"
    [d] = diagnostics(loaded, full_payroll(codes_of(loaded)), costs, tmp_path)
    assert (str(d.location), d.message, d.code) == ("frais.csv:2:45", "fiche « zzz » inconnue", "fiche-inconnue")


def test_every_bad_cost_line_is_reported_at_once(project: ProjectCopy, tmp_path: Path) -> None:
    """An unknown fiche or a cost of another year does not hide the lines after it."""
    loaded = load_project(project.root)
    costs = (
        COSTS_HEADER
        + "zzz;travaux;22/04/2025;Chauffe-eau;3 480,00;M-1\n"
        + "technique;astreinte;15/12/2024;Astreinte;348,00;M-2\n"
        + "technique;astreintes;31/07/2025;Astreinte;612,40;M-3\n"
    )
    found = diagnostics(loaded, full_payroll(codes_of(loaded)), costs, tmp_path)
    assert [(str(d.location), d.code) for d in found] == [
        ("frais.csv:2:1", "fiche-inconnue"),
        ("frais.csv:3:21", "date-frais"),
        ("frais.csv:4:11", "nature-frais"),
    ]


def test_reimbursement_in_the_json_ledger_names_its_fiche(project: ProjectCopy, tmp_path: Path) -> None:
    loaded = load_project(project.root)
    payroll = read_payroll(write(tmp_path, PAYROLL, full_payroll(codes_of(loaded))), PAYROLL)
    costs = read_costs(
        write(tmp_path, COSTS, COSTS_HEADER + "technique;astreinte;31/07/2025;Astreinte;612,40;M-3\n"), COSTS
    )
    [line] = ledger_as_json(build_ledger(loaded, 2025, payroll, costs, PAYROLL))["remboursements"]
    assert (line["annexe"], line["fiche"], line["montant"], line["source"]) == (
        6,
        "technique",
        "612.40",
        "frais.csv:2:1",
    )
    assert line["intitule_fiche"] == "Fonction technique - opérationnelle — Direction des services techniques"


def test_json_ledger_line_names_its_fiche(project: ProjectCopy, tmp_path: Path) -> None:
    loaded = load_project(project.root)
    payroll = read_payroll(write(tmp_path, PAYROLL, full_payroll(codes_of(loaded))), PAYROLL)
    lines = ledger_as_json(build_ledger(loaded, 2025, payroll, [], PAYROLL))["lignes"]
    rh = next(line for line in lines if line["fiche"] == "rh")
    assert (rh["annexe"], rh["service"], rh["periode"]) == (4, "DRH", None)
    assert rh["intitule_fiche"] == "Fonction ressources humaines"  # annexes/rh.yaml, titre
