"""Real processes at once on one register: four ``invoice`` commands, three ``seal`` and three ``sign``.

Whatever order the lock gives them, what is asserted is the same: every document registered once,
numbers distinct and gapless, the chain valid, the head (count and last empreinte) matching the
register and no append left « en cours », every registered file on disk with its registered SHA-256.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from completed import realise_payroll
from shipped import copy_shipped
from signing_fixtures import SEALED, VERSION, Pki, completed_project, make_pki, trust

from ccas_docs.registry.chain import Register, registered_files
from ccas_docs.registry.head import head_path, read
from ccas_docs.registry.invoices import Register as Invoices

ROOT = Path(__file__).resolve().parents[1]
INVOICES = "data/registre-factures.csv"
ROUNDS = min(3, int(os.environ.get("CCAS_DOCS_TEST_ROUNDS", "3")))


def start(*args: str, **extra: str) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    env.update(extra)
    return subprocess.Popen(
        [sys.executable, "-m", "ccas_docs.cli", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(processes: list[subprocess.Popen[str]]) -> list[tuple[int, str]]:
    errors = [p.communicate(timeout=600)[1] for p in processes]
    return [(p.returncode, err) for p, err in zip(processes, errors, strict=True)]


def check_register_and_head(register: Register, root: Path) -> list[str]:
    """The chain and the head verify, the head is settled, every registered file is the one on disk."""
    entries = register.entries()
    head = read(head_path(register.path), "tête", register.shown)
    assert head is not None
    assert (head.count, head.last, head.in_progress, head.files) == (len(entries), entries[-1]["empreinte"], False, {})
    for entry in entries:
        for name, digest in registered_files(entry).items():
            assert hashlib.sha256((root / name).read_bytes()).hexdigest() == digest, name
    return [e.id for e in entries]


@pytest.fixture(scope="module")
def billed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2025 invoiced; payroll 2025 realised (2026 can be billed), payroll 2024 higher (2025 needs a complement)."""
    root = copy_shipped(tmp_path_factory.mktemp("quatre") / "projet", completed=True)
    from ccas_docs.cli.main import main

    assert CliRunner().invoke(main, ["invoice", "--year", "2025", str(root)]).exit_code == 0
    realise_payroll(root, 2025)
    payroll = root / "data/charges-personnel/2024.csv"
    text = payroll.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("DRH;"))
    payroll.write_text(text.replace(old, "DRH;2024;700000,00"), encoding="utf-8")
    return root


def test_four_invoice_commands_at_once(billed: Path, tmp_path: Path) -> None:
    """Twice the 2026 invoice and twice the 2025 complement, all four started together: two new
    entries, whichever command the lock serves first."""
    for n in range(ROUNDS):
        root = tmp_path / f"tour-{n}"
        shutil.copytree(billed, root)
        invoice = ("--year", "2026", "--sans-frais", str(root))
        complement = ("--year", "2025", "--complement", "--date", "01/12/2026", str(root))
        results = finish([start("invoice", *args) for args in (invoice, complement, invoice, complement)])
        assert [code for code, _ in results] == [0, 0, 0, 0], results
        # each document issued by one command; the other, served after it, regenerates identical files
        for pair in ((results[0], results[2]), (results[1], results[3])):
            assert sorted("enregistrée au registre" in err for _, err in pair) == [False, True], pair
            assert sum("déjà émise : fichiers identiques à ceux du registre" in err for _, err in pair) == 1, pair
        ids = check_register_and_head(Invoices(root / INVOICES).chain, root)
        assert ids[0] == "2025-CCAS-001" and sorted(ids[1:]) == ["2026-CCAS-001", "2026-CCAS-002"]
        assert not list((root / "output").glob(".facture-*"))


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("ac"))


def test_seal_and_sign_at_once(tmp_path: Path, pki: Pki) -> None:
    from ccas_docs.jobs.sealed import register

    root = tmp_path / "projet"
    completed_project(root)
    # twice the original and once the avenant: two versions, each sealed once
    seals = finish([start("seal", *args, str(root)) for args in ((), ("--avenant", "1"), ())])
    assert [code for code, _ in seals] == [0, 0, 0], seals
    reg = register(root)
    assert sorted(e["version"] for e in reg.entries()) == ["avenant-001", VERSION]
    check_register_and_head(reg, root)

    # the mayor twice and the CCAS president once, on the sealed file: two new files, one refusal
    trust(root, pki)
    env = {"CCAS_DOCS_P12_PASSWORD": pki.env["CCAS_DOCS_P12_PASSWORD"]}
    signs = [("maire", pki.maire), ("ccas", pki.ccas), ("maire", pki.maire)]
    results = finish(
        [
            start("sign", str(root / SEALED), "--champ", field, "--p12", str(p12), "--projet", str(root), **env)
            for field, p12 in signs
        ]
    )
    assert results[1][0] == 0, results
    assert sorted(code for code, _ in (results[0], results[2])) == [0, 1], results
    refused = next(err for code, err in (results[0], results[2]) if code == 1)
    assert "« maire » de la version « convention-originale » est déjà signé par" in refused, refused
    assert "Traceback" not in refused
    entries = reg.entries()
    assert sorted((e["operation"], e["champ"]) for e in entries) == [
        ("scellement", ""),
        ("scellement", ""),
        ("signature", "ccas"),
        ("signature", "maire"),
    ]
    check_register_and_head(reg, root)
    folder = root / "signatures" / VERSION
    assert sorted(p.name for p in folder.glob("*.signe-*.pdf")) == [
        "convention.signe-ccas.pdf",
        "convention.signe-maire.pdf",
    ]
