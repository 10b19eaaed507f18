"""The head file of a register (registry/head.py): the states an interrupted append leaves are
recognised and completed; a head that cannot be read is named with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccas_docs.common.diagnostics import UserError
from ccas_docs.registry.chain import Register, open_register
from ccas_docs.registry.head import read

COLUMNS = ("numero", "fichiers", "sha256")
SHOWN = "data/registre.csv"
HEAD = "data/registre.tete"


def make(tmp_path: Path, count: int = 2) -> Register:
    register = open_register(tmp_path / "data" / "registre.csv", COLUMNS, shown=SHOWN)
    with register.locked():
        for n in range(1, count + 1):
            register.append({"numero": f"N{n}"})
    return register


def head_text(register: Register) -> list[str]:
    return register.head_path.read_text(encoding="utf-8").splitlines()


def test_head_records_count_and_last_empreinte(tmp_path: Path) -> None:
    register = make(tmp_path)
    entries = register.entries()
    assert head_text(register) == [
        f"# Tête du registre {SHOWN} : réécrite à chaque inscription, ne pas modifier à la main.",
        "entrees: 2",
        f"empreinte: {entries[-1]['empreinte']}",
    ]


def test_announcement_of_a_file_that_never_came_is_dropped(tmp_path: Path) -> None:
    register = make(tmp_path)
    with register.locked():
        register.announce({"output/jamais.pdf": "0" * 64})
        register.append({"numero": "N3"})
    head = read(register.head_path, HEAD, SHOWN)
    assert head is not None and head.files == {} and not head.in_progress


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ("# tête\nentrees: deux\nempreinte: " + "0" * 64 + "\n", 2, "nombre d'entrées « deux » illisible"),
        ("# tête\nentrees: 2\nempreinte: abc\n", 3, "empreinte « abc » illisible"),
        ("# tête\nentrees 2\n", 2, "ligne « entrees 2 » illisible"),
    ],
)
def test_unreadable_head_is_named(tmp_path: Path, text: str, line: int, what: str) -> None:
    register = make(tmp_path)
    register.head_path.write_text(text, encoding="utf-8")
    before = register.path.read_bytes()
    with pytest.raises(UserError) as exc:
        register.entries()
    [d] = exc.value.diagnostics
    assert (str(d.location), d.message, d.code) == (
        f"{HEAD}:{line}:1",
        f"tête du registre illisible : {what}",
        "registre-tete",
    )
    with register.locked(), pytest.raises(UserError):
        register.append({"numero": "N3"})
    assert register.path.read_bytes() == before


def test_register_without_head_gets_one_from_its_valid_chain(tmp_path: Path) -> None:
    register = make(tmp_path)
    expected = register.head_path.read_bytes()
    register.head_path.unlink()
    assert [e.id for e in open_register(register.path, COLUMNS, shown=SHOWN).entries()] == ["N1", "N2"]
    assert register.head_path.read_bytes() == expected
    # a broken chain gets no head
    register.head_path.unlink()
    lines = register.path.read_text(encoding="utf-8-sig").splitlines()
    register.path.write_text("\n".join([lines[0], lines[2]]) + "\n", encoding="utf-8-sig")
    with pytest.raises(UserError):
        register.entries()
    assert not register.head_path.exists()
