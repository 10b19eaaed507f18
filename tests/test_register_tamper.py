"""Registers that cannot lie: each way of tampering with the invoice register and with the register
of signed versions is reported in French, with the file and line, exit 1, and nothing is added.

A hash chain alone does not see the removal of its last entries: the head file beside each
register (``*.tete``, count and last empreinte) does; a register replaced *with its head* by an
older copy is caught by the issued, sealed or signed files on disk that no entry registers.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from completed import realise_payroll
from shipped import copy_shipped
from signing_fixtures import SEALED, VERSION, Pki, completed_project, make_pki, run, trust

INVOICES, INVOICES_HEAD = "data/registre-factures.csv", "data/registre-factures.tete"
SIGNATURES, SIGNATURES_HEAD = "signatures/registre.csv", "signatures/registre.tete"
MAIRE = f"signatures/{VERSION}/convention.signe-maire.pdf"
BOTH = f"signatures/{VERSION}/convention.signe-maire-ccas.pdf"
OLDER = "copie-ancienne"  # the register and its head as they were after the first entry

Lines = list[str]


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    from ccas_docs.cli.main import main

    result = CliRunner().invoke(main, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"Python exception instead of a message: {result.exception!r}") from result.exception
    assert "Traceback" not in result.output
    return result


def errors(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if ": erreur: " in line]


def read_lines(path: Path) -> Lines:
    return path.read_text(encoding="utf-8-sig").splitlines()


def write_lines(path: Path, lines: Lines) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")


def keep_older_copy(root: Path, *names: str) -> None:
    for name in names:
        target = root / OLDER / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the project but the test's own older copy (registers, heads, outputs)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and OLDER not in p.parts and p.suffix != ".lock"
    }


# --- tamperings: each takes the register's lines (header first) and the project -------------------------


def truncate_last(lines: Lines, root: Path, register: str, head: str) -> Lines:
    return lines[:-1]


def truncate_last_two(lines: Lines, root: Path, register: str, head: str) -> Lines:
    return lines[:-2]


def remove_middle(lines: Lines, root: Path, register: str, head: str) -> Lines:
    return [lines[0], lines[1], lines[3]]


def edit_cell(lines: Lines, root: Path, register: str, head: str) -> Lines:
    cells = lines[2].split(";")
    cells[2] = cells[2][:-1] + ("1" if cells[2][-1] != "1" else "2")  # annee / date: one character changed
    return [*lines[:2], ";".join(cells), *lines[3:]]


def reorder(lines: Lines, root: Path, register: str, head: str) -> Lines:
    return [lines[0], lines[1], lines[3], lines[2]]


def older_copy(lines: Lines, root: Path, register: str, head: str) -> Lines:
    shutil.copy2(root / OLDER / head, root / head)
    return read_lines(root / OLDER / register)


def head_rolled_back(lines: Lines, root: Path, register: str, head: str) -> Lines:
    shutil.copy2(root / OLDER / head, root / head)
    return lines


def truncated_with_its_head(lines: Lines, root: Path, register: str, head: str) -> Lines:
    """The last entry removed and the head rewritten to match: only the files on disk tell."""
    from ccas_docs.registry.head import Head, render

    last = lines[-2].split(";")[-1]
    (root / head).write_bytes(render(Head(len(lines) - 2, last), register))
    return lines[:-1]


TAMPERINGS: dict[str, Callable[[Lines, Path, str, str], Lines]] = {
    "derniere-ligne": truncate_last,
    "deux-dernieres": truncate_last_two,
    "ligne-du-milieu": remove_middle,
    "cellule": edit_cell,
    "ordre": reorder,
    "copie-ancienne": older_copy,
    "tete-ancienne": head_rolled_back,
    "tronque-avec-sa-tete": truncated_with_its_head,
}


def expected(case: str, register: str, head: str, ids: list[str], later_files: list[str]) -> tuple[str, str]:
    """(location, message and code) of the one error each tampering must give."""
    modified = "registre modifié à la main : entrée 2"
    last = ", ".join(later_files[len(later_files) // 2 :])  # the files of the last entry
    older = (
        f"registre incomplet : aucune entrée n'enregistre les fichiers {', '.join(later_files)} : ses dernières "
        f"entrées ont été supprimées, ou le registre et sa tête ({head}) remplacés par une copie plus ancienne "
        "[registre-incomplet]"
    )
    return {
        "derniere-ligne": (
            f"{register}:4:1",
            f"registre tronqué : il ne compte que 2 entrée(s) alors que sa tête ({head}) en enregistre 3 : "
            "l'entrée 3 a été supprimée, ou le registre remplacé par une copie plus ancienne [registre-tronque]",
        ),
        "deux-dernieres": (
            f"{register}:3:1",
            f"registre tronqué : il ne compte que 1 entrée(s) alors que sa tête ({head}) en enregistre 3 : "
            "les entrées 2 à 3 ont été supprimées, ou le registre remplacé par une copie plus ancienne "
            "[registre-tronque]",
        ),
        "ligne-du-milieu": (
            f"{register}:3:1",
            f"{modified} ({ids[2]}) ne correspond plus (l'entrée qui la précédait a été supprimée ou déplacée) "
            "[registre-modifie]",
        ),
        "cellule": (
            f"{register}:3:1",
            f"{modified} ({ids[1]}) ne correspond plus (contenu modifié) [registre-modifie]",
        ),
        "ordre": (
            f"{register}:3:1",
            f"{modified} ({ids[2]}) ne correspond plus (l'ordre des entrées a changé : elle suivait l'entrée 3) "
            "[registre-modifie]",
        ),
        "copie-ancienne": (f"{register}:3:1", older),
        "tete-ancienne": (
            f"{head}:2:1",
            f"tête du registre en retard : elle enregistre 1 entrée(s), le registre {register} en compte 3 : la "
            "tête a été remplacée par une copie plus ancienne ou des entrées ajoutées à la main [registre-tete]",
        ),
        "tronque-avec-sa-tete": (
            f"{register}:4:1",
            f"registre incomplet : aucune entrée n'enregistre les fichiers {last} "
            f": ses dernières entrées ont été supprimées, ou le registre et sa tête ({head}) remplacés par une "
            "copie plus ancienne [registre-incomplet]"
            if register == INVOICES
            else f"registre incomplet : aucune entrée n'enregistre le fichier {later_files[0]} : ses dernières "
            f"entrées ont été supprimées, ou le registre et sa tête ({head}) remplacés par une copie plus "
            "ancienne [registre-incomplet]",
        ),
    }[case]


def tamper(root: Path, case: str, register: str, head: str) -> None:
    path = root / register
    write_lines(path, TAMPERINGS[case](read_lines(path), root, register, head))


def assert_refused(result: Result, location: str, message: str, before: dict[str, bytes], root: Path) -> None:
    assert result.exit_code == 1, result.output
    assert errors(result) == [f"{location}: erreur: {message}"], result.stderr
    assert "git checkout" in result.stderr
    assert snapshot(root) == before  # no entry added, no head rewritten, no file written


# --- the invoice register ------------------------------------------------------------------------------

INVOICE_IDS = ["2025-CCAS-001", "2026-CCAS-001", "2026-CCAS-002"]
LATER_INVOICES = [  # the complementary invoice is filed with the year it completes
    f"output/factures/{year}/{n}.{ext}"
    for year, n in ((2025, INVOICE_IDS[1]), (2026, INVOICE_IDS[2]))
    for ext in ("csv", "docx", "pdf", "xlsx")
]


@pytest.fixture(scope="module")
def invoiced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three entries: the 2025 invoice, its complementary invoice (2026-CCAS-001), the 2026 invoice."""
    root = copy_shipped(tmp_path_factory.mktemp("factures") / "projet", completed=True)
    assert invoke("invoice", "--year", "2025", str(root)).exit_code == 0
    keep_older_copy(root, INVOICES, INVOICES_HEAD)
    realise_payroll(root, 2025)
    payroll = root / "data/charges-personnel/2024.csv"
    text = payroll.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("DRH;"))
    payroll.write_text(text.replace(old, "DRH;2024;700000,00"), encoding="utf-8")
    for args in (("--year", "2025", "--complement", "--date", "01/12/2026"), ("--year", "2026", "--sans-frais")):
        result = invoke("invoice", *args, str(root))
        assert result.exit_code == 0, result.output
    assert [line.split(";")[0] for line in read_lines(root / INVOICES)[1:]] == INVOICE_IDS
    return root


def test_untampered_invoice_register_passes(invoiced: Path, tmp_path: Path) -> None:
    root = tmp_path / "projet"
    shutil.copytree(invoiced, root)
    result = invoke("schedule", str(root))
    assert result.exit_code == 0, result.output
    assert (root / INVOICES_HEAD).read_text(encoding="utf-8").splitlines()[1:3] == [
        "entrees: 3",
        f"empreinte: {read_lines(root / INVOICES)[-1].split(';')[-1]}",
    ]


@pytest.mark.parametrize("case", list(TAMPERINGS))
def test_tampered_invoice_register(invoiced: Path, tmp_path: Path, case: str) -> None:
    root = tmp_path / "projet"
    shutil.copytree(invoiced, root)
    tamper(root, case, INVOICES, INVOICES_HEAD)
    before = snapshot(root)
    location, message = expected(case, INVOICES, INVOICES_HEAD, INVOICE_IDS, LATER_INVOICES)
    # a command that would append (the cancellation of 2026-CCAS-002), and one that only reads
    cancel = invoke("invoice", "--annule", "2026-CCAS-002", "--motif", "SIRET erroné", "--sans-frais", str(root))
    assert_refused(cancel, location, message, before, root)
    assert_refused(invoke("schedule", str(root)), location, message, before, root)


def test_invoice_register_without_head_gets_one(invoiced: Path, tmp_path: Path) -> None:
    """A register written before heads existed stays readable: the first command writes its head."""
    root = tmp_path / "projet"
    shutil.copytree(invoiced, root)
    head = (root / INVOICES_HEAD).read_bytes()
    (root / INVOICES_HEAD).unlink()
    result = invoke("schedule", str(root))
    assert result.exit_code == 0, result.output
    assert (root / INVOICES_HEAD).read_bytes() == head
    # from then on, a truncation is seen
    write_lines(root / INVOICES, read_lines(root / INVOICES)[:-1])
    assert invoke("schedule", str(root)).exit_code == 1


# --- the register of signed versions -------------------------------------------------------------------

SIGNATURE_IDS = [VERSION] * 3
LATER_SIGNED = [BOTH, MAIRE]  # sorted, as the message lists them


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("ac"))


def sign(root: Path, pdf: str, field: str, p12: Path, pki: Pki) -> Result:
    return invoke("sign", str(root / pdf), "--champ", field, "--p12", str(p12), "--projet", str(root), env=pki.env)


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory, pki: Pki) -> Path:
    """Three entries: the seal, the mayor's signature, the CCAS president's on top of it."""
    root = tmp_path_factory.mktemp("signe") / "projet"
    completed_project(root)
    assert run("seal", str(root)).exit_code == 0
    keep_older_copy(root, SIGNATURES, SIGNATURES_HEAD)
    trust(root, pki)
    assert sign(root, SEALED, "maire", pki.maire, pki).exit_code == 0
    assert sign(root, MAIRE, "ccas", pki.ccas, pki).exit_code == 0
    assert len(read_lines(root / SIGNATURES)) == 4
    return root


def test_untampered_signatures_register_verifies(signed: Path, tmp_path: Path) -> None:
    root = tmp_path / "projet"
    shutil.copytree(signed, root)
    result = invoke("verify", str(root / BOTH), "--projet", str(root))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("case", list(TAMPERINGS))
def test_tampered_signatures_register(signed: Path, pki: Pki, tmp_path: Path, case: str) -> None:
    root = tmp_path / "projet"
    shutil.copytree(signed, root)
    tamper(root, case, SIGNATURES, SIGNATURES_HEAD)
    before = snapshot(root)
    location, message = expected(case, SIGNATURES, SIGNATURES_HEAD, SIGNATURE_IDS, LATER_SIGNED)
    # a signature that would be added (the CCAS president's alone, a new file), then verify
    assert_refused(sign(root, SEALED, "ccas", pki.ccas, pki), location, message, before, root)
    assert_refused(invoke("verify", str(root / BOTH), "--projet", str(root)), location, message, before, root)
