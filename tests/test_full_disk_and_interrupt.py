"""A full disk and a Ctrl-C: one French line, the right exit code, nothing half-written.

The full disk is simulated in-process (every file write raises ENOSPC, or only the last one: the
register); Ctrl-C is a real SIGINT sent to the process group of a real ``ccas-docs build``, as a
terminal does, so that the layout workers receive it too.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT
from tests.shipped import copy_shipped


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_shipped(tmp_path / "projet", completed=True)  # what an invoice needs before it is issued


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes (the register's empty lock file aside: it only says who writes)."""
    files = (p for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix != ".lock")
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def disk_full(monkeypatch: pytest.MonkeyPatch, when: str = "") -> None:
    """Every write of a file whose path contains ``when`` fails as on a full disk."""
    real_bytes, real_text = Path.write_bytes, Path.write_text

    def check(path: Path) -> None:
        if when in str(path):
            raise OSError(errno.ENOSPC, "No space left on device", str(path))

    def write_bytes(self: Path, data: bytes) -> int:
        check(self)
        return real_bytes(self, data)

    def write_text(self: Path, data: str, *args: object, **kwargs: object) -> int:
        check(self)
        return real_text(self, data, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    monkeypatch.setattr(Path, "write_text", write_text)


def run(*args: str):  # type: ignore[no-untyped-def]
    from ccas_docs.cli.main import main

    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output and "No space" not in result.output
    return result


@pytest.mark.parametrize("command", [["build"], ["schedule"], ["invoice", "--year", "2025"]])
def test_full_disk_is_one_french_line_and_nothing_is_written(
    root: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    (root / "output").mkdir()
    (root / "output/temoin.txt").write_text("déjà là\n", encoding="utf-8")
    before = snapshot(root)
    disk_full(monkeypatch)
    result = run(command[0], str(root), *command[1:])
    assert result.exit_code == 1, result.output
    assert "disque plein" in result.output and "[ecriture]" in result.output
    monkeypatch.undo()
    assert snapshot(root) == before  # no document, no register line, no temporary file


def test_full_disk_at_the_register_rolls_the_invoice_back(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(root)

    def full(fd: int) -> None:  # the register is written durably: the disk fills up at its fsync
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = run("invoice", str(root), "--year", "2025")
    assert result.exit_code == 1, result.output
    assert "disque plein" in result.output
    monkeypatch.undo()
    assert snapshot(root) == before
    assert not (root / "output/factures/2025").exists()


def interrupted_build(root: Path) -> tuple[int, str]:
    """``build`` in its own process group, sent SIGINT once its first document is staged."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "ccas_docs.cli", "build", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    assert process.stdout is not None
    first = process.stdout.readline()  # the first document staged: the workers are running
    assert first.startswith("["), first
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr


def test_ctrl_c_during_build(root: Path) -> None:
    """SIGINT to the group mid-build: exit code 130, one French line, no worker traceback, no staging left.

    On a loaded machine the build may end before the signal lands: such a run must have ended
    whole (code 0, every document in place); it is cleared and the interrupt tried again."""
    output = root / "output"
    for _attempt in range(5):
        code, stderr = interrupted_build(root)
        assert not [p for p in output.iterdir() if p.name.startswith(".build-")]
        if code == 0:  # finished first: whole, then cleared for another try
            assert (output / "convention.pdf").is_file(), stderr
            shutil.rmtree(output)
            continue
        assert code == 130, stderr
        assert stderr.strip().splitlines() == [
            "Interrompu (Ctrl-C) : aucun fichier n'a été remplacé à moitié, les précédents sont intacts."
        ]
        assert not list(output.rglob("*.pdf"))
        return
    pytest.fail("the build always ended before SIGINT reached it")


@pytest.mark.parametrize("command", [["schedule"], ["invoice", "--year", "2025"]])
def test_read_only_output_folder(root: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    """As root, a read-only folder is still writable: the refusal the system gives is simulated."""
    import tempfile

    def refused(*args: object, **kwargs: object) -> str:
        raise PermissionError(errno.EACCES, "Permission denied", kwargs.get("dir"))

    before = snapshot(root)
    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    result = run(command[0], str(root), *command[1:])
    assert result.exit_code == 1, result.output
    assert "écriture impossible : permission refusée [ecriture]" in result.output
    monkeypatch.undo()
    assert snapshot(root) == before
