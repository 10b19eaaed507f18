"""What a user reads when a register and its head disagree (registry/head.py ``problem`` and
``read``), in process, with the whole diagnostic: place, message, code and the hint that says how to
put them back. Found by mutation testing (``benchmarks/mutation.py registry``): the CLI tests of
test_register_tamper.py run in other processes, where mutmut cannot see which function they cover.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from registers import COLUMNS, HEAD, RESTORE, SHOWN, make

from ccas_docs.common.diagnostics import Diagnostic, UserError
from ccas_docs.registry.chain import Register, open_register
from ccas_docs.registry.head import MAX_HEAD_BYTES, read


def refusal(register: Register) -> Diagnostic:
    with pytest.raises(UserError) as exc:
        register.entries()
    [d] = exc.value.diagnostics
    assert d.location.col == 1  # every problem is at the start of its line (« colonne » of check --format json)
    return d


def test_register_gone_while_its_head_remains(tmp_path: Path) -> None:
    register = make(tmp_path / "data" / "registre.csv", "N1", "N2")
    register.path.unlink()
    d = refusal(register)
    assert (str(d.location), d.code, d.hint) == (f"{SHOWN}:2:1", "registre-tronque", RESTORE)
    assert d.message == (
        f"registre tronqué : le registre a disparu alors que sa tête ({HEAD}) en enregistre 2 : "
        "les entrées 1 à 2 ont été supprimées, ou le registre remplacé par une copie plus ancienne"
    )
    assert not register.path.exists()  # nothing rewritten in its place


def test_register_cut_after_its_first_entry(tmp_path: Path) -> None:
    register = make(tmp_path / "data" / "registre.csv", "N1", "N2")
    lines = register.path.read_bytes().splitlines(keepends=True)
    register.path.write_bytes(b"".join(lines[:2]))  # the header and N1
    d = refusal(register)
    assert (str(d.location), d.code, d.hint) == (f"{SHOWN}:3:1", "registre-tronque", RESTORE)
    assert d.message == (
        f"registre tronqué : il ne compte que 1 entrée(s) alors que sa tête ({HEAD}) en enregistre 2 : "
        "l'entrée 2 a été supprimée, ou le registre remplacé par une copie plus ancienne"
    )


@pytest.mark.parametrize(("last", "named"), [("N2-bis", "entrée 2 (N2-bis)"), ("", "entrée 2")])
def test_rewritten_register_names_the_entry_its_head_does_not_end_with(tmp_path: Path, last: str, named: str) -> None:
    """An entry without number (first column empty) is named by its rank alone."""
    register = make(tmp_path / "data" / "registre.csv", "N1", "N2")
    head = register.head_path.read_bytes()
    register.path.unlink()
    register.head_path.unlink()
    make(register.path, "N1", last)
    register.head_path.write_bytes(head)
    d = refusal(open_register(register.path, COLUMNS, shown=SHOWN))
    assert (str(d.location), d.code, d.hint) == (f"{SHOWN}:3:1", "registre-modifie", RESTORE)
    assert d.message == (
        f"registre modifié à la main : {named} n'est pas la dernière entrée qu'enregistre sa tête ({HEAD}) : "
        "le registre a été réécrit ou remplacé"
    )


def test_head_behind_its_register_is_named_at_its_count(tmp_path: Path) -> None:
    register = make(tmp_path / "data" / "registre.csv", "N1")
    old_head = register.head_path.read_bytes()
    with register.locked():
        register.append({"numero": "N2"})
        register.append({"numero": "N3"})
    register.head_path.write_bytes(old_head)
    d = refusal(register)
    assert (str(d.location), d.code, d.hint) == (f"{HEAD}:2:1", "registre-tete", RESTORE)
    assert d.message == (
        f"tête du registre en retard : elle enregistre 1 entrée(s), le registre {SHOWN} en compte 3 : la tête a été "
        "remplacée par une copie plus ancienne ou des entrées ajoutées à la main"
    )


def test_head_with_bytes_that_are_not_utf8_is_unreadable_not_a_crash(tmp_path: Path) -> None:
    register = make(tmp_path / "data" / "registre.csv", "N1")
    text = register.head_path.read_bytes().replace(b"entrees: 1", b"entrees: 1\xff")
    register.head_path.write_bytes(text)
    d = refusal(register)
    assert (str(d.location), d.code) == (f"{HEAD}:2:1", "registre-tete")
    assert d.message == "tête du registre illisible : nombre d'entrées « 1\ufffd » illisible"


def test_head_too_large_is_refused_with_its_name(tmp_path: Path) -> None:
    register = make(tmp_path / "data" / "registre.csv", "N1")
    register.head_path.write_bytes(b"#" * (MAX_HEAD_BYTES + 1))
    with pytest.raises(UserError) as exc:
        read(register.head_path, HEAD, SHOWN)
    [d] = exc.value.diagnostics
    assert (str(d.location), d.code) == (HEAD, "taille")
    assert d.message.startswith("fichier trop volumineux : plus de ")


def test_several_announced_files_are_read_back_each_with_its_hash(tmp_path: Path) -> None:
    register = make(tmp_path / "data" / "registre.csv", "N1")
    files = {"output/a.pdf": "a" * 64, "output/b.pdf": "b" * 64, "output/c d.pdf": "c" * 64}
    with register.locked():
        register.announce(files)
    head = read(register.head_path, HEAD, SHOWN)
    assert head is not None and head.in_progress and head.files == files


def test_announced_file_names_with_equals_or_colon_are_read_back_whole(tmp_path: Path) -> None:
    """A file name may hold « = » or « : » (the invoice numbers' pattern is the user's): the head
    splits on the last « = » (a SHA-256 has none) and on the first « : » (its keys have none)."""
    register = make(tmp_path / "data" / "registre.csv", "N1")
    files = {"output/a=b.pdf": "a" * 64, "output/x:y.pdf": "b" * 64}
    with register.locked():
        register.announce(files)
    head = read(register.head_path, HEAD, SHOWN)
    assert head is not None and head.files == files


def unreadable(register: Register, text: str) -> Diagnostic:
    register.head_path.write_text(text, encoding="utf-8")
    d = refusal(register)
    assert (d.code, d.hint) == ("registre-tete", RESTORE)
    return d


EMPREINTE = "0123456789abcdef" * 4


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        (f"empreinte: {EMPREINTE}\n", f"{HEAD}:1:1", "nombre d'entrées «  » illisible"),  # no count at all
        ("entrees: 1\n", f"{HEAD}:1:1", "empreinte «  » illisible"),  # no empreinte at all
        (f"entrees: 1\nempreinte: {'X' * 64}\n", f"{HEAD}:2:1", f"empreinte « {'X' * 64} » illisible"),
        ("# tête\nentrees 1\n", f"{HEAD}:2:1", "ligne « entrees 1 » illisible"),
    ],
)
def test_head_missing_or_wrong_values_are_named_with_the_restore_hint(
    tmp_path: Path, text: str, where: str, what: str
) -> None:
    register = make(tmp_path / "data" / "registre.csv", "N1")
    d = unreadable(register, text)
    assert (str(d.location), d.message) == (where, f"tête du registre illisible : {what}")


def test_head_comments_may_be_indented(tmp_path: Path) -> None:
    register = make(tmp_path / "data" / "registre.csv", "N1")
    text = register.head_path.read_text(encoding="utf-8")
    register.head_path.write_text("   # une note sans deux-points\n" + text, encoding="utf-8")
    assert [e.id for e in register.entries()] == ["N1"]


def test_head_that_is_a_folder_is_named_as_such(tmp_path: Path) -> None:
    register = make(tmp_path / "data" / "registre.csv", "N1")
    register.head_path.unlink()
    register.head_path.mkdir()
    with pytest.raises(UserError) as exc:
        read(register.head_path, HEAD, SHOWN)
    [d] = exc.value.diagnostics
    assert (str(d.location), d.message) == (HEAD, "c'est un dossier, pas une tête de registre")
