"""The README's read-only commands (check, invoice … --format json) run as written on the shipped project."""

from __future__ import annotations

import re
import shlex
import shutil

import pytest
from click.testing import CliRunner
from conftest import ROOT, ProjectCopy

from ccas_docs.cli.main import main

COMMANDS = sorted(
    {
        c.strip()
        for c in re.findall(
            r"`(ccas-docs [^`]+)`|^\s*(ccas-docs [^#\n]+)", (ROOT / "README.md").read_text("utf-8"), re.M
        )
        for c in c
        if c and (" --format json" in c and c.startswith("ccas-docs invoice") or c.strip() == "ccas-docs check")
    }
)


def test_the_readme_shows_read_only_commands() -> None:
    assert "ccas-docs invoice --year 2026 --sans-frais --format json" in COMMANDS and len(COMMANDS) >= 3


@pytest.mark.parametrize("command", COMMANDS)
def test_a_readme_command_runs_as_written(project: ProjectCopy, command: str) -> None:
    shutil.copytree(ROOT / "data", project.root / "data")  # the shipped payroll and costs files
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(main, [*args[:1], str(project.root), *args[1:]])
    assert result.exit_code == 0, f"{command}\n{result.output}"
