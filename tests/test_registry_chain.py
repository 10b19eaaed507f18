"""The one register mechanism (registry/chain.py): hash chain, tamper detection naming the entry,
exclusive lock, atomic append, refusal to overwrite an unregistered file, staging cleanup."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ccas_docs import __version__
from ccas_docs.common.diagnostics import UserError
from ccas_docs.registry.chain import (
    GENESIS,
    Register,
    canonical,
    clean_staging,
    file_fields,
    open_register,
    refuse_overwrite,
    sources_field,
    staging_dir,
)
from ccas_docs.registry.issued import STAGING_LOCK

COLUMNS = ("numero", "total", "fichiers", "sha256", "sources")
SHOWN = "data/registre.csv"


def make(tmp_path: Path, count: int = 3) -> Register:
    register = open_register(tmp_path / "data" / "registre.csv", COLUMNS, shown=SHOWN)
    with register.locked():
        for n in range(1, count + 1):
            register.append({"numero": f"2025-CCAS-{n:03d}", "total": f"{n}00,00"})
    return register


def lines(register: Register) -> list[str]:
    return register.path.read_text(encoding="utf-8-sig").splitlines()


def rewrite(register: Register, new_lines: list[str]) -> None:
    register.path.write_text("\n".join(new_lines) + "\n", encoding="utf-8-sig")


def tamper_message(register: Register) -> tuple[str, str]:
    with pytest.raises(UserError) as exc:
        register.entries()
    [d] = exc.value.diagnostics
    assert d.code == "registre-modifie"
    return str(d.location), d.message


def test_rows_are_chained_and_carry_the_tool_version(tmp_path: Path) -> None:
    register = make(tmp_path)
    text = lines(register)
    assert text[0] == "numero;total;fichiers;sha256;sources;outil;precedent;empreinte"
    entries = register.entries()
    assert [e.id for e in entries] == ["2025-CCAS-001", "2025-CCAS-002", "2025-CCAS-003"]
    assert [e.line for e in entries] == [2, 3, 4]
    assert entries[0]["precedent"] == GENESIS
    for before, after in zip(entries, entries[1:], strict=False):
        assert after["precedent"] == before["empreinte"]
    for e in entries:
        assert e["outil"] == f"ccas-docs {__version__}"
        assert e["empreinte"] == hashlib.sha256(canonical(e.values, register.columns).encode()).hexdigest()
    assert register.path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_amount_changed_names_the_entry(tmp_path: Path) -> None:
    register = make(tmp_path)
    text = lines(register)
    text[3] = text[3].replace("300,00", "3000,00")
    rewrite(register, text)
    assert tamper_message(register) == (
        f"{SHOWN}:4:1",
        "registre modifié à la main : entrée 3 (2025-CCAS-003) ne correspond plus (contenu modifié)",
    )


def test_number_changed_names_the_entry(tmp_path: Path) -> None:
    register = make(tmp_path)
    text = lines(register)
    text[2] = text[2].replace("2025-CCAS-002", "2025-CCAS-009")
    rewrite(register, text)
    assert tamper_message(register) == (
        f"{SHOWN}:3:1",
        "registre modifié à la main : entrée 2 (2025-CCAS-009) ne correspond plus (contenu modifié)",
    )


def test_line_removed_names_the_entry_after_it(tmp_path: Path) -> None:
    register = make(tmp_path)
    text = lines(register)
    del text[2]
    rewrite(register, text)
    assert tamper_message(register) == (
        f"{SHOWN}:3:1",
        "registre modifié à la main : entrée 2 (2025-CCAS-003) ne correspond plus "
        "(l'entrée qui la précédait a été supprimée ou déplacée)",
    )


def test_first_line_removed(tmp_path: Path) -> None:
    register = make(tmp_path)
    text = lines(register)
    del text[1]
    rewrite(register, text)
    location, message = tamper_message(register)
    assert location == f"{SHOWN}:2:1"
    assert message.startswith("registre modifié à la main : entrée 1 (2025-CCAS-002) ne correspond plus")


def test_order_changed_names_the_entry(tmp_path: Path) -> None:
    register = make(tmp_path)
    text = lines(register)
    text[2], text[3] = text[3], text[2]
    rewrite(register, text)
    assert tamper_message(register) == (
        f"{SHOWN}:3:1",
        "registre modifié à la main : entrée 2 (2025-CCAS-003) ne correspond plus "
        "(l'ordre des entrées a changé : elle suivait l'entrée 3)",
    )


def test_hand_edited_header_is_refused(tmp_path: Path) -> None:
    register = make(tmp_path, 1)
    text = lines(register)
    text[0] = text[0].replace("total", "montant")
    rewrite(register, text)
    with pytest.raises(UserError) as exc:
        register.entries()
    assert str(exc.value.diagnostics[0].location) == f"{SHOWN}:1:1"
    assert "en-tête du registre inattendu" in exc.value.diagnostics[0].message


def test_append_outside_the_lock_is_a_bug(tmp_path: Path) -> None:
    register = make(tmp_path, 0)
    with pytest.raises(RuntimeError):
        register.append({"numero": "x"})


def test_append_of_several_rows_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    register = make(tmp_path, 1)
    before = register.path.read_bytes()

    def crash(src: object, dst: object) -> None:
        raise OSError("disque plein")

    monkeypatch.setattr(os, "replace", crash)
    with register.locked(), pytest.raises(OSError):
        register.append({"numero": "2025-CCAS-002"}, {"numero": "2025-CCAS-003"})
    monkeypatch.undo()
    assert register.path.read_bytes() == before
    assert sorted(p.name for p in register.path.parent.iterdir()) == [
        "registre.csv",
        "registre.csv.lock",
        "registre.tete",
    ]
    with register.locked():
        new = register.append({"numero": "2025-CCAS-002"}, {"numero": "2025-CCAS-003"})
    assert [e.index for e in new] == [2, 3]
    assert [e.id for e in register.entries()] == ["2025-CCAS-001", "2025-CCAS-002", "2025-CCAS-003"]


def test_newlines_in_a_value_keep_one_line_per_entry(tmp_path: Path) -> None:
    register = make(tmp_path, 0)
    with register.locked():
        register.append({"numero": "a", "sources": "x\ny"})
        register.append({"numero": "b"})
    assert [e.line for e in register.entries()] == [2, 3]
    assert register.entries()[0]["sources"] == "x y"


def test_lock_serialises_two_writers(tmp_path: Path) -> None:
    """Two Register objects (as two commands would have) on one file: the second waits for the first."""
    first = make(tmp_path, 0)
    second = open_register(first.path, COLUMNS, shown=SHOWN)
    order: list[str] = []
    inside = threading.Event()

    def slow() -> None:
        with first.locked():
            inside.set()
            n = len(first.entries())
            time.sleep(0.3)
            first.append({"numero": f"n{n + 1}"})
            order.append("first")

    thread = threading.Thread(target=slow)
    thread.start()
    inside.wait()
    with second.locked():
        n = len(second.entries())  # sees the first writer's row: read–number–write is serialised
        second.append({"numero": f"n{n + 1}"})
        order.append("second")
    thread.join()
    assert order == ["first", "second"]
    assert [e.id for e in first.entries()] == ["n1", "n2"]


def test_lock_is_released_when_a_process_is_killed(tmp_path: Path) -> None:
    register = make(tmp_path, 0)
    code = (
        "import fcntl, os, sys, time\n"
        f"fd = os.open({str(register.lock_path)!r}, os.O_RDWR | os.O_CREAT)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\nprint('ok', flush=True)\ntime.sleep(60)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        holder.kill()
        holder.wait()
        with register.locked():
            register.append({"numero": "apres"})
    finally:
        if holder.poll() is None:
            holder.kill()
    assert [e.id for e in register.entries()] == ["apres"]


def test_file_and_source_fields(tmp_path: Path) -> None:
    (tmp_path / "b.pdf").write_bytes(b"pdf")
    (tmp_path / "a.yaml").write_bytes(b"yaml")
    sha = {n: hashlib.sha256(c).hexdigest() for n, c in (("b.pdf", b"pdf"), ("a.yaml", b"yaml"))}
    assert file_fields([tmp_path / "b.pdf"], tmp_path) == {"fichiers": "b.pdf", "sha256": sha["b.pdf"]}
    assert sources_field([tmp_path / "b.pdf", tmp_path / "a.yaml", tmp_path / "absent"], tmp_path) == (
        f"a.yaml={sha['a.yaml']}|b.pdf={sha['b.pdf']}"
    )


def test_refuse_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "2025-CCAS-001.pdf"
    refuse_overwrite(target, None)  # absent: may be written
    target.write_bytes(b"issued")
    refuse_overwrite(target, hashlib.sha256(b"issued").hexdigest())  # the registered file itself
    for expected in (None, hashlib.sha256(b"other").hexdigest()):
        with pytest.raises(UserError) as exc:
            refuse_overwrite(target, expected, shown="output/factures/2025/2025-CCAS-001.pdf", register=SHOWN)
        [d] = exc.value.diagnostics
        assert d.code == "fichier-emis"
        assert d.message.startswith("le fichier output/factures/2025/2025-CCAS-001.pdf existe déjà et ")
        assert d.message.endswith(" : un document émis n'est jamais écrasé")
        assert "déplacer" in d.hint
    assert target.read_bytes() == b"issued"


def test_clean_staging_removes_only_abandoned_folders(tmp_path: Path) -> None:
    output = tmp_path / "output"
    output.mkdir()
    old = output / ".build-ancien"
    old.mkdir()
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    dead = output / ".facture-mort"
    dead.mkdir()
    (dead / STAGING_LOCK).write_text("")  # its process died: nobody holds the lock
    (dead / "2025-CCAS-001.pdf").write_bytes(b"half")
    keep = output / "factures"
    keep.mkdir()
    with staging_dir(output, ".facture-") as live:
        removed = clean_staging(tmp_path)
        assert live.is_dir()
    assert not live.exists()
    assert sorted(p.name for p in removed) == [".build-ancien", ".facture-mort"]
    assert [p.name for p in output.iterdir()] == ["factures"]
