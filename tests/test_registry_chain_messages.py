"""What a user reads when a register's chain no longer holds (registry/chain.py), in process, with
the whole diagnostic; the hash format, frozen so that a register written by an earlier version still
verifies; the files an entry registers. Found by mutation testing (``benchmarks/mutation.py
registry``): the CLI tests of test_register_tamper.py are out of its selection (too slow per mutant).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from registers import COLUMNS, HEAD, RESTORE, SHOWN, make

from ccas_docs.common.diagnostics import Diagnostic, Location, UserError
from ccas_docs.registry.chain import GENESIS, Register, canonical, digest, open_register
from ccas_docs.registry.issued import registered_files


def refusal(register: Register) -> Diagnostic:
    with pytest.raises(UserError) as exc:
        register.entries()
    [d] = exc.value.diagnostics
    assert d.code == "registre-modifie" and d.hint == RESTORE
    return d


def lines_of(register: Register) -> list[bytes]:
    return register.path.read_bytes().splitlines(keepends=True)


def test_the_hash_of_an_entry_is_frozen() -> None:
    """Every column but ``empreinte``, as one « ; » CSV line ended by a newline, in UTF-8: changing
    any of it would make every register already written read as edited by hand."""
    columns = ("numero", "fichiers", "sha256", "outil", "precedent", "empreinte")
    values = {
        "numero": "2025-CCAS-001",
        "fichiers": "a.pdf|b.pdf",
        "sha256": "x|y",
        "outil": "ccas-docs 1.0",
        "precedent": GENESIS,
        "empreinte": "",
    }
    assert canonical(values, columns) == f"2025-CCAS-001;a.pdf|b.pdf;x|y;ccas-docs 1.0;{GENESIS}\n"
    assert digest(values, columns) == "162aac5e588f0484274af4ab96be68ca0610ee4b8d184a9d5c606b9154746f20"


def test_a_row_with_a_cell_missing_is_named(tmp_path: Path) -> None:
    register = make(tmp_path / "data" / "registre.csv", "N1", "N2")
    lines = lines_of(register)
    lines[2] = lines[2].replace(b"N2;", b"", 1)  # one cell fewer
    register.path.write_bytes(b"".join(lines))
    d = refusal(register)
    # the first cell is gone with it: the entry has no number left to be named by
    assert (d.location, d.message) == (
        Location(SHOWN, 3, 1),
        "registre modifié à la main : entrée 2 ne correspond plus (nombre de colonnes)",
    )


def test_a_cell_edited_is_named(tmp_path: Path) -> None:
    register = make(tmp_path / "data" / "registre.csv", "N1", "N2", "N3")
    register.path.write_bytes(register.path.read_bytes().replace(b"N2;", b"N2-bis;", 1))
    d = refusal(register)
    assert (d.location, d.message) == (
        Location(SHOWN, 3, 1),
        "registre modifié à la main : entrée 2 (N2-bis) ne correspond plus (contenu modifié)",
    )


def test_an_entry_put_before_the_first_is_named(tmp_path: Path) -> None:
    """The first entry of another register, valid on its own, put in front: the real first entry
    now comes second although it was the first."""
    register = make(tmp_path / "data" / "registre.csv", "N1", "N2")
    other = make(tmp_path / "autre" / "registre.csv", "X1")
    lines = lines_of(register)
    register.path.write_bytes(b"".join([lines[0], lines_of(other)[1], *lines[1:]]))
    register.head_path.unlink()  # the head would name the count first
    d = refusal(register)
    assert (d.location, d.message) == (
        Location(SHOWN, 3, 1),
        "registre modifié à la main : entrée 2 (N1) ne correspond plus (elle était la première : les entrées qui "
        "la précèdent ont été ajoutées ou déplacées)",
    )


def test_entries_swapped_are_named_with_the_one_they_followed(tmp_path: Path) -> None:
    register = make(tmp_path / "data" / "registre.csv", "N1", "N2", "N3")
    lines = lines_of(register)
    register.path.write_bytes(b"".join([lines[0], lines[1], lines[3], lines[2]]))
    d = refusal(register)
    assert (d.location, d.message) == (
        Location(SHOWN, 3, 1),
        "registre modifié à la main : entrée 2 (N3) ne correspond plus (l'ordre des entrées a changé : elle suivait "
        "l'entrée 3)",
    )


def test_an_entry_registers_each_of_its_files_with_its_hash(tmp_path: Path) -> None:
    register = open_register(tmp_path / "data" / "registre.csv", COLUMNS, shown=SHOWN)
    with register.locked():
        [entry] = register.append({"numero": "N1", "fichiers": "output/N1.pdf | output/N1.docx", "sha256": "a|b"})
    assert registered_files(entry) == {"output/N1.pdf": "a", "output/N1.docx": "b"}
    assert registered_files(register.entries()[0]) == {"output/N1.pdf": "a", "output/N1.docx": "b"}


def test_a_file_on_disk_that_no_entry_registers_stops_the_command(tmp_path: Path) -> None:
    register = open_register(tmp_path / "data" / "registre.csv", COLUMNS, shown=SHOWN)
    with register.locked():
        register.append({"numero": "N1", "fichiers": "output/N1.pdf", "sha256": "a"})
    register.check_outputs(["output/N1.pdf"])  # registered: nothing to say
    with pytest.raises(UserError) as exc:
        register.check_outputs(["output/N1.pdf", "output/N2.pdf"], register.entries())
    [d] = exc.value.diagnostics
    assert (d.location, d.code) == (Location(SHOWN, 3, 1), "registre-incomplet")
    assert d.message == (
        "registre incomplet : aucune entrée n'enregistre le fichier output/N2.pdf : ses dernières entrées ont été "
        f"supprimées, ou le registre et sa tête ({HEAD}) remplacés par une copie plus ancienne"
    )
    assert d.hint == RESTORE + " ; si un de ces fichiers n'est pas un document émis, le déplacer hors de ce dossier"


REBUILD = f"le registre ne se modifie pas à la main : le rétablir depuis l'historique git (« git checkout -- {SHOWN} »)"


def test_a_register_whose_header_changed_is_named(tmp_path: Path) -> None:
    register = make(tmp_path / "data" / "registre.csv", "N1")
    text = register.path.read_text(encoding="utf-8-sig").replace("numero;fichiers", "numéro;fichier", 1)
    register.path.write_text(text, encoding="utf-8-sig")
    with pytest.raises(UserError) as exc:
        register.entries()
    [d] = exc.value.diagnostics
    assert (d.location, d.code, d.hint) == (Location(SHOWN, 1, 1), "registre", REBUILD)
    assert d.message == (
        "en-tête du registre inattendu : « numéro;fichier;sha256;outil;precedent;empreinte » au lieu de "
        "« numero;fichiers;sha256;outil;precedent;empreinte »"
    )


def test_a_register_that_is_a_folder_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "data" / "registre.csv"
    path.mkdir(parents=True)
    with pytest.raises(UserError) as exc:
        open_register(path, COLUMNS, shown=SHOWN).entries()
    [d] = exc.value.diagnostics
    assert (d.location, d.message) == (Location(SHOWN), "c'est un dossier, pas un registre")


def test_a_register_is_written_with_a_bom_for_spreadsheets(tmp_path: Path) -> None:
    """Excel reads « é » right in a CSV only after a BOM: the default, which the invoices' register keeps."""
    register = make(tmp_path / "data" / "registre.csv", "N1")
    assert register.path.read_bytes().startswith(b"\xef\xbb\xbfnumero;")


def test_a_register_opened_without_a_name_to_show_is_named_by_its_path(tmp_path: Path) -> None:
    path = tmp_path / "data" / "registre.csv"
    register = open_register(path, COLUMNS)
    with register.locked():
        register.append({"numero": "N1"})
    register.path.write_bytes(register.path.read_bytes().replace(b"N1;", b"N1-bis;", 1))
    with pytest.raises(UserError) as exc:
        register.entries()
    assert exc.value.diagnostics[0].location == Location(str(path), 2, 1)


def test_a_register_is_not_locked_until_asked() -> None:
    register = open_register(Path("/nonexistent/data/registre.csv"), COLUMNS, shown=SHOWN)
    assert not register.is_locked
    with pytest.raises(RuntimeError):
        register.append({"numero": "N1"})


@pytest.mark.parametrize(
    ("shown", "head"), [("data/registre.csv", "data/registre.tete"), ("data/registre", "data/registre.tete")]
)
def test_the_head_is_named_beside_its_register(tmp_path: Path, shown: str, head: str) -> None:
    assert open_register(tmp_path / "r.csv", COLUMNS, shown=shown).head_shown == head


def test_a_head_behind_is_named_at_its_own_count_line(tmp_path: Path) -> None:
    register = make(tmp_path / "data" / "registre.csv", "N1")
    old_head = register.head_path.read_text(encoding="utf-8")
    with register.locked():
        register.append({"numero": "N2"})
    register.head_path.write_text("# une note\n# une autre\n" + old_head, encoding="utf-8")
    with pytest.raises(UserError) as exc:
        register.entries()
    [d] = exc.value.diagnostics
    assert (d.location, d.code) == (Location(HEAD, 4, 1), "registre-tete")


def test_reading_a_register_that_does_not_exist_writes_nothing(tmp_path: Path) -> None:
    """``check`` or a draft reads the registers: it must not leave a lock or a head behind."""
    (tmp_path / "data").mkdir()
    register = open_register(tmp_path / "data" / "registre.csv", COLUMNS, shown=SHOWN)
    assert register.entries() == []
    assert list((tmp_path / "data").iterdir()) == []


def test_reading_a_sound_register_takes_no_lock(tmp_path: Path) -> None:
    register = make(tmp_path / "data" / "registre.csv", "N1")
    (tmp_path / "data" / "registre.csv.lock").unlink(missing_ok=True)
    before = sorted(p.name for p in (tmp_path / "data").iterdir())
    assert [e.id for e in register.entries()] == ["N1"]
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == before
