"""The bad-input corpus (tests/bad_inputs/cases.py): each case, one located French message, nothing lost.

For every case: the exit code and words expected; never a traceback nor a Python exception;
no English from click, pydantic or the YAML reader; an ``output/`` folder left as it was (a sentinel
file in it stays, nothing else appears) unless the command succeeded; ``--format json`` still
prints JSON.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.bad_inputs.cases import CASES, Case
from tests.shipped import copy_shipped

ENGLISH = (
    "Traceback",
    "Error:",
    "Usage:",
    "Invalid value",
    "Directory",
    "does not exist",
    "is a file",
    "unacceptable character",
    "TaggedScalar",
    "Input should",
    "Exception",
    "erreur interne",
    # the libraries' own texts (pypdf, pyHanko, lxml, Jinja, the C library's strerror)
    "EOF marker",
    "Illegal",
    "is undefined",
    "has no attribute",
    "expected token",
    "Encountered",
    "Couldn't",
    "line 1, column",
    "No such file",
    "Permission denied",
    "Is a directory",
    "AdESIndeterminate",
    "AdESFailure",
    "AdESPassed",
    "There is no item",
)


def copy_project(root: Path) -> None:
    copy_shipped(root, completed=True)  # what an invoice needs before it is issued


def snapshot(folder: Path) -> dict[str, bytes] | None:
    if not folder.is_dir():
        return None
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, tmp_path: Path) -> None:
    from ccas_docs.cli.main import main

    root = tmp_path / "projet"
    copy_project(root)
    if case.mutate is not None:
        case.mutate(root)
    output = root / "output"
    if not output.exists():
        output.mkdir()
        (output / "temoin.txt").write_text("un document déjà généré\n", encoding="utf-8")
    before = snapshot(output) if output.is_dir() else None
    args = [part.replace("{root}", str(root)) for part in shlex.split(case.command)]
    result = CliRunner().invoke(main, args)
    text = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"Python exception instead of a message: {result.exception!r}\n{text}")
    assert result.exit_code == case.code, text
    for expected in case.words:
        word = expected if isinstance(expected, str) else expected.resolve(root)
        assert word in text, f"{word!r} not in:\n{text}"
    for english in ENGLISH:
        assert english not in text, f"{english!r} in:\n{text}"
    if case.code != 0 and output.is_dir():
        assert snapshot(output) == before, "output/ changed although the command failed"
    if "--format json" in case.command and (case.command.startswith("check") or case.code == 0):
        json.loads(result.stdout)
