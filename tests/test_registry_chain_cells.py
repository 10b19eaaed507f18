"""The register's file never holds a spreadsheet formula, and its reader is bounded: a text typed by
a user (« =HYPERLINK(…) » as a motif) is written neutralised (« '= »), read back as typed, and the
chain's hashes stay those of the typed values."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from ccas_docs.common.diagnostics import UserError
from ccas_docs.registry.chain import decode_cell, digest, encode_cell, open_register

COLUMNS = ("numero", "total", "motif")
HOSTILE = ['=HYPERLINK("http://x";"clic")', "+33 4 95", "@SUM(A1)", "-2+3", "\tcmd", "'=déjà cité", "'"]


def _register(tmp_path: Path):
    return open_register(tmp_path / "registre.csv", COLUMNS, shown="data/registre.csv")


def _cells(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))


def test_formula_cells_are_neutralised_in_the_file_and_read_back_as_typed(tmp_path: Path) -> None:
    register = _register(tmp_path)
    with register.locked():
        for n, motif in enumerate(HOSTILE, start=1):
            register.append({"numero": f"2025-CCAS-{n:03d}", "total": "-120.00", "motif": motif})
        register.append({"numero": "2025-CCAS-099", "total": "1", "motif": "sans risque"})  # rewrites the others
    rows = _cells(register.path)[1:]
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), row
            assert not cell.startswith("-") or cell == "-120.00"  # a negative amount stays a number
    entries = register.entries()  # the chain verifies: hashes are those of the typed values
    assert [e["motif"] for e in entries] == [*HOSTILE, "sans risque"]
    assert all(e["total"] in ("-120.00", "1") for e in entries)
    assert entries[0]["empreinte"] == digest(entries[0].values, register.columns)


@pytest.mark.parametrize("value", [*HOSTILE, "", "texte", "-120.00", "+5", "''x"])
def test_encode_and_decode_are_inverse(value: str) -> None:
    assert decode_cell(encode_cell(value)) == value


def test_hand_removed_quote_is_detected(tmp_path: Path) -> None:
    register = _register(tmp_path)
    with register.locked():
        register.append({"numero": "2025-CCAS-001", "total": "1", "motif": "=1+1"})
    text = register.path.read_text(encoding="utf-8-sig")
    register.path.write_text(text.replace(";'=1+1;", ";'=1+2;"), encoding="utf-8-sig")
    with pytest.raises(UserError) as caught:
        register.entries()
    assert "registre modifié à la main : entrée 1 (2025-CCAS-001)" in str(caught.value.diagnostics[0].message)


def test_reader_is_bounded(tmp_path: Path) -> None:
    register = _register(tmp_path)
    os.mkfifo(register.path)  # a reader that opened it would block forever
    with pytest.raises(UserError) as caught:
        register.entries()
    assert "pas un fichier ordinaire" in caught.value.diagnostics[0].message
    os.unlink(register.path)
    with register.path.open("wb") as handle:
        handle.truncate(10_000_001)
    with pytest.raises(UserError) as caught:
        register.entries()
    assert "trop volumineux" in caught.value.diagnostics[0].message
