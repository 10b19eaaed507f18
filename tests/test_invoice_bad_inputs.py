"""Bad inputs to ``ccas-docs invoice``: a French message at ``file:line:col``, exit code 1, nothing written.

Each test breaks its own copy of the shipped project, runs the command through click's runner and
checks the message, its location (computed from the broken file's text, never typed as numbers),
that no file appeared in ``output/factures/`` and that the register was not touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from shipped import copy_shipped

from ccas_docs.cli.main import main

PAYROLL = "data/charges-personnel/2024.csv"
COSTS = "data/frais/2025.csv"
REGISTER = "data/registre-factures.csv"
MESSAGE = re.compile(r"^(?P<location>\S+): erreur: (?P<message>.*?)(?: \[(?P<code>[a-z0-9-]+)\])?$")


@dataclass
class Run:
    exit_code: int
    stderr: str
    errors: list[tuple[str, str, str]]  # location, message, code

    def find(self, code: str) -> list[tuple[str, str, str]]:
        return [e for e in self.errors if e[2] == code]


class Project:
    def __init__(self, root: Path):
        self.root = root
        copy_shipped(root, completed=True)  # nothing « À COMPLÉTER » left: only the broken input stops the invoice

    def text(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")

    def write(self, rel: str, content: str | bytes) -> None:
        path = self.root / rel
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    def replace_line(self, rel: str, prefix: str, new: str) -> None:
        lines = self.text(rel).splitlines(keepends=True)
        (index,) = [i for i, line in enumerate(lines) if line.startswith(prefix)]
        lines[index] = new + "\n"
        self.write(rel, "".join(lines))

    def drop_line(self, rel: str, prefix: str) -> None:
        lines = self.text(rel).splitlines(keepends=True)
        self.write(rel, "".join(line for line in lines if not line.startswith(prefix)))

    def line_of(self, rel: str, prefix: str) -> int:
        (index,) = [i for i, line in enumerate(self.text(rel).splitlines()) if line.startswith(prefix)]
        return index + 1

    def invoice(self, *args: str) -> Run:
        result = CliRunner().invoke(main, ["invoice", *args, str(self.root)])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"Python exception: {result.exception!r}") from result.exception
        assert "Traceback" not in result.output
        errors = []
        for line in result.stderr.splitlines():
            if m := MESSAGE.match(line):
                errors.append((m["location"], m["message"], m["code"] or ""))
        return Run(result.exit_code, result.stderr, errors)

    def assert_refused(self, run: Run) -> None:
        assert run.exit_code == 1, run.stderr
        assert run.errors, run.stderr
        output = self.root / "output"
        assert not (output / "factures").exists()
        assert not output.exists() or not any(output.rglob("*"))
        assert not (self.root / REGISTER).exists()


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path / "projet")


def test_services_missing_from_payroll_all_listed(project: Project) -> None:
    project.drop_line(PAYROLL, "DSI;")
    project.drop_line(PAYROLL, "DRH;")
    run = project.invoice("--year", "2025")
    project.assert_refused(run)
    missing = run.find("service-absent")
    assert {m[1] for m in missing} == {
        "service « DSI » absent du fichier des charges de personnel 2024",
        "service « DRH » absent du fichier des charges de personnel 2024",
    }
    # after the last row: where the missing rows are to be added
    last = len(project.text(PAYROLL).splitlines())
    assert {m[0] for m in missing} == {f"{PAYROLL}:{last + 1}:1"}
    assert "ajouter la ligne « DSI;2024;montant »" in run.stderr


def test_unknown_service_code_suggests(project: Project) -> None:
    line = project.line_of(PAYROLL, "DSI;")
    project.replace_line(PAYROLL, "DSI;", "DSJ;2024;356 420,00")
    run = project.invoice("--year", "2025")
    project.assert_refused(run)
    (unknown,) = run.find("service-inconnu")
    assert unknown[0] == f"{PAYROLL}:{line}:1"
    assert unknown[1] == "service « DSJ » inconnu : vouliez-vous dire « DSI » ?"


def test_duplicate_row(project: Project) -> None:
    first = project.line_of(PAYROLL, "DRH;")
    project.write(PAYROLL, project.text(PAYROLL) + "DRH;2024;1 000,00\n")
    second = len(project.text(PAYROLL).splitlines())
    run = project.invoice("--year", "2025")
    project.assert_refused(run)
    (double,) = run.find("ligne-double")
    assert double[0] == f"{PAYROLL}:{second}:1"
    assert double[1] == f"service « DRH » en double : déjà présent ligne {first}"


@pytest.mark.parametrize(
    ("amount", "words"),
    [("-612 345,67", "négatif : des charges de personnel ne sont jamais négatives"), ("douze mille", "illisible")],
)
def test_bad_amount(project: Project, amount: str, words: str) -> None:
    line = project.line_of(PAYROLL, "DRH;")
    project.replace_line(PAYROLL, "DRH;", f"DRH;2024;{amount}")
    run = project.invoice("--year", "2025")
    project.assert_refused(run)
    (bad,) = run.find("montant")
    assert bad[0] == f"{PAYROLL}:{line}:10"
    assert f"montant « {amount} »" in bad[1] and words in bad[1]


def test_row_for_another_year(project: Project) -> None:
    line = project.line_of(PAYROLL, "DRH;")
    project.replace_line(PAYROLL, "DRH;", "DRH;2023;612 345,67")
    run = project.invoice("--year", "2025")
    project.assert_refused(run)
    (wrong,) = run.find("annee-charges")
    assert wrong[0] == f"{PAYROLL}:{line}:5"
    assert wrong[1] == "ligne pour 2023 : ce fichier doit contenir les charges de l'année 2024 (N-1)"


def test_unknown_encoding(project: Project) -> None:
    raw = (project.root / PAYROLL).read_bytes()
    line = project.line_of(PAYROLL, "DSI;")
    # 0x81 is neither UTF-8 (a lone continuation byte) nor Windows-1252 (undefined there)
    project.write(PAYROLL, raw.replace(b"DSI;", b"DS\x81;", 1))
    run = project.invoice("--year", "2025")
    project.assert_refused(run)
    (bad,) = run.find("encodage")
    assert bad[0] == f"{PAYROLL}:{line}:3"
    assert bad[1].startswith("encodage inconnu : l'octet 0x81")
    assert "CSV UTF-8" in run.stderr


def test_empty_file(project: Project) -> None:
    project.write(PAYROLL, "")
    run = project.invoice("--year", "2025")
    project.assert_refused(run)
    (empty,) = run.find("vide")
    assert empty[0] == f"{PAYROLL}:1:1"
    assert empty[1] == "le fichier est vide"


def test_reimbursement_for_unknown_fiche(project: Project) -> None:
    line = project.line_of(COSTS, "technique;astreinte;31/07/2025")
    original = project.text(COSTS).splitlines()[line - 1]
    project.replace_line(COSTS, "technique;astreinte;31/07/2025", original.replace("technique;", "tecnique;", 1))
    run = project.invoice("--year", "2025")
    project.assert_refused(run)
    (unknown,) = run.find("fiche-inconnue")
    assert unknown[0] == f"{COSTS}:{line}:1"
    assert unknown[1] == "fiche « tecnique » inconnue : vouliez-vous dire « technique » ?"


def test_reimbursement_outside_the_year(project: Project) -> None:
    line = project.line_of(COSTS, "technique;astreinte;31/07/2025")
    original = project.text(COSTS).splitlines()[line - 1]
    project.replace_line(COSTS, "technique;astreinte;31/07/2025", original.replace("31/07/2025", "22/12/2024"))
    run = project.invoice("--year", "2025")
    project.assert_refused(run)
    (outside,) = run.find("date-frais")
    assert outside[0] == f"{COSTS}:{line}:{len('technique;astreinte;') + 1}"
    assert outside[1] == (
        "frais daté du 22/12/2024 : seuls les frais de l'année 2025 sont remboursés sur la facture 2025"
    )


@pytest.mark.parametrize("year", ["2024", "2030"])
def test_year_outside_the_convention(project: Project, year: str) -> None:
    run = project.invoice("--year", year)
    project.assert_refused(run)
    (outside,) = run.find("annee-hors-convention")
    key = "date_effet: " if year == "2024" else "duree_ans: "
    line = project.line_of("convention.yaml", key)
    assert outside[0] == f"convention.yaml:{line}:{len(key) + 1}"
    assert outside[1].startswith(f"année {year} hors de la durée de la convention : elle couvre les années 2025 à 2027")


def test_forecast_payroll_is_not_invoiced(project: Project) -> None:
    """2026 is billed on the 2025 payroll, which is still a forecast: no invoice, the schedule estimates it."""
    rel = "data/charges-personnel/2025.csv"
    run = project.invoice("--year", "2026", "--sans-frais")  # no 2026 costs file yet
    project.assert_refused(run)
    (forecast,) = run.find("charges-previsionnelles")
    lines = project.text(rel).splitlines()
    # DGA-PR is the first row, billed from 1 July 2026 on (avenant n° 1)
    first_used = next(i for i, line in enumerate(lines, 1) if line.startswith("DGA-PR;"))
    assert forecast[0] == f"{rel}:{first_used}:{lines[first_used - 1].rindex(';') + 2}"
    assert "la facture 2026 ne peut porter que sur des montants réalisés" in forecast[1]
    assert "ccas-docs schedule" in run.stderr


def test_every_problem_of_the_inputs_at_once(project: Project) -> None:
    project.replace_line(PAYROLL, "DRH;", "DRH;2024;douze mille")
    project.write(COSTS, project.text(COSTS).replace("technique;astreinte;31/07/2025", "tecnique;astreinte;31/07/2025"))
    run = project.invoice("--year", "2025")
    project.assert_refused(run)
    assert run.find("montant")
    assert f"{len(run.errors)} erreur" in run.stderr


def test_missing_explicit_files(project: Project) -> None:
    run = project.invoice("--year", "2025", "--frais", str(project.root / "data/frais/absent.csv"))
    project.assert_refused(run)
    assert run.errors[0][1] == "fichier introuvable"


def test_a_failing_writer_leaves_nothing_behind(project: Project) -> None:
    """An error while writing (here a damaged Word template) happens in the staging folder only."""
    project.write("templates/convention.docx", b"not a zip")
    run = project.invoice("--year", "2025")
    project.assert_refused(run)
    assert "convention.docx" in run.errors[0][0]
    assert "n'est pas un document Word" in run.errors[0][1]
    assert not (project.root / "output").exists()
