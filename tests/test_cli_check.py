"""The ``check`` command itself: exit codes, where messages go, arguments, and a real process."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ProjectCopy, assert_single_error, run_check

from ccas_docs.cli.main import main


def test_real_process_prints_one_error_and_exits_1_without_traceback(project: ProjectCopy) -> None:
    """Not click's runner: the installed command, in its own process, as the user runs it."""
    project.edit("annexes/dga.yaml", "  taux: 1 %", "  taux: 5")
    exe = shutil.which("ccas-docs")
    command = [exe] if exe else [sys.executable, "-m", "ccas_docs.cli.main"]
    done = subprocess.run(
        [*command, "check", str(project.root)], capture_output=True, text=True, encoding="utf-8", timeout=60
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stdout == ""
    where = project.value_at("annexes/dga.yaml", "  taux: 5")
    assert f"{where}: erreur: taux « 5 » invalide : écrire « 5 % » [taux]" in done.stderr.splitlines()
    assert done.stderr.rstrip().endswith("1 erreur(s), 0 avertissement(s).")


def test_text_messages_go_to_stderr_stdout_stays_empty(project: ProjectCopy) -> None:
    run = project.check()
    assert run.stdout == ""
    assert "avertissement" in run.stderr


def test_json_goes_to_stdout_only(project: ProjectCopy) -> None:
    run = project.check("--format", "json")
    assert run.stderr == ""
    json.loads(run.stdout)


def test_json_on_errors(project: ProjectCopy) -> None:
    project.edit("annexes/dga.yaml", "  taux: 1 %", "  tauxx: 1 %")
    run = project.check("--format", "json")
    assert run.exit_code == 1
    report = json.loads(run.stdout)
    assert report["erreurs"] == 1
    (message,) = report["messages"]
    assert message["fichier"] == "annexes/dga.yaml"
    assert f"{message['fichier']}:{message['ligne']}:{message['colonne']}" == project.at("annexes/dga.yaml", "tauxx")
    assert message["gravite"] == "erreur" and message["code"] == "cle-inconnue"
    assert "vouliez-vous dire « taux » ?" in message["message"]


def test_errors_fail_even_without_strict_and_with_it(project: ProjectCopy) -> None:
    project.edit("annexes/dga.yaml", "  services: COM", "  services: COMM")
    for args in ((), ("--strict",)):
        assert project.check(*args).exit_code == 1


def test_default_directory_is_the_current_one(project: ProjectCopy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project.root)
    run = run_check()
    assert run.exit_code == 0, run.output
    assert "Convention valide" in run.stderr


def test_relative_locations_whatever_the_current_directory(project: ProjectCopy, monkeypatch) -> None:
    """Locations are relative to the project, so an editor opened on it can jump to them."""
    project.edit("annexes/dga.yaml", "  taux: 1 %", "  taux: 5")
    monkeypatch.chdir(project.root.parent)
    run = run_check(project.root.name)
    assert_single_error(run, project.value_at("annexes/dga.yaml", "  taux: 5"), "taux", "« 5 % »")


def test_missing_project_folder(tmp_path: Path) -> None:
    run = run_check(str(tmp_path / "absent"))
    assert_single_error(run, str(tmp_path / "absent"), "", "dossier du projet introuvable")


def test_folder_without_convention(tmp_path: Path) -> None:
    run = run_check(str(tmp_path))
    err = assert_single_error(run, str(tmp_path / "convention.yaml"), "", "convention.yaml introuvable")
    assert "dossier qui contient convention.yaml" in err.hint


@pytest.mark.parametrize(
    "args",
    [["--inconnue"], ["--format", "xml"], ["un", "deux"]],
    ids=["option-inconnue", "format-inconnu", "deux-dossiers"],
)
def test_usage_errors_exit_2_in_french(args: list[str]) -> None:
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "Utilisation" in result.output or "Erreur" in result.output


def test_file_instead_of_folder_is_a_usage_error(project: ProjectCopy) -> None:
    result = CliRunner().invoke(main, ["check", str(project.path("convention.yaml"))])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_help_is_in_french() -> None:
    result = CliRunner().invoke(main, ["check", "--help"])
    assert result.exit_code == 0
    assert "Vérifier la convention" in result.output
    assert "--strict" in result.output and "--format" in result.output


def test_unreadable_annex_file(project: ProjectCopy) -> None:
    path = project.path("annexes/rh.yaml")
    path.chmod(0)
    try:
        try:
            path.read_bytes()
        except PermissionError:
            pass
        else:
            pytest.skip("permissions are not enforced for this user (root)")
        run = project.check()
    finally:
        path.chmod(0o644)
    assert_single_error(run, "annexes/rh.yaml", "", "lecture impossible")
