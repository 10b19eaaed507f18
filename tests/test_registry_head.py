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


def install(root: Path, name: str) -> str:
    """A document written on disk (as a job installs it); its SHA-256."""
    import hashlib

    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(f"contenu de {name}".encode())
    return hashlib.sha256(path.read_bytes()).hexdigest()


def registers(register: Register, numero: str, *names: str) -> dict[str, str]:
    """The register's own columns of an entry that registers ``names`` (relative to its root)."""
    from ccas_docs.registry.chain import file_fields

    return {"numero": numero, **file_fields([register.root / n for n in names], register.root)}


def test_announced_files_tolerated_until_registered(tmp_path: Path) -> None:
    """A run killed after installing its files, before its entry: the files it announced are not
    « registre incomplet », even after another run's entry, until an entry registers them."""
    register = make(tmp_path)
    with register.locked():
        register.announce({"output/N3.pdf": install(tmp_path, "output/N3.pdf")})
    # killed here: N3.pdf on disk, no entry
    assert register.unregistered(["output/N3.pdf"]) is None
    # another document is issued meanwhile
    with register.locked():
        register.announce({"output/N4.pdf": install(tmp_path, "output/N4.pdf")})
        register.append(registers(register, "N4", "output/N4.pdf"))
    reopened = open_register(register.path, COLUMNS, shown=SHOWN)
    assert [e.id for e in reopened.entries()] == ["N1", "N2", "N4"]
    assert reopened.unregistered(["output/N3.pdf", "output/N4.pdf"]) is None
    # the interrupted run is done again: N3.pdf is registered, the head announces nothing any more
    with reopened.locked():
        reopened.announce({"output/N3.pdf": install(tmp_path, "output/N3.pdf")})
        reopened.append(registers(reopened, "N3", "output/N3.pdf"))
    head = read(reopened.head_path, HEAD, SHOWN)
    assert head is not None and head.files == {} and not head.in_progress
    assert reopened.unregistered(["output/N3.pdf", "output/N4.pdf"]) is None
    # a file nobody announced nor registered is named
    install(tmp_path, "output/N5.pdf")
    problem = reopened.unregistered(["output/N3.pdf", "output/N4.pdf", "output/N5.pdf"])
    assert problem is not None
    assert (str(problem.location), problem.code) == (f"{SHOWN}:6:1", "registre-incomplet")  # after the 4 entries
    assert problem.message.startswith("registre incomplet : aucune entrée n'enregistre le fichier output/N5.pdf : ")


class Killed(BaseException):
    """The process killed (``kill -9``) between two writes of an append."""


@pytest.mark.parametrize("announced", [True, False], ids=["annonce", "sans-annonce"])
def test_killed_between_register_and_head_is_completed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, announced: bool
) -> None:
    """The register written, its head not yet: the next command accepts the new entry, brings the
    head up to date, and the announced file is neither lost nor « registre incomplet »; an append
    that announced nothing marks its head « en cours » itself."""
    import ccas_docs.registry.chain as chain

    register = make(tmp_path)
    written: list[str] = []
    real = chain.durable_write

    def killed_after_register(path: Path, data: bytes, shown: str) -> None:
        if written and written[-1] == SHOWN and shown == HEAD:
            raise Killed
        real(path, data, shown)
        written.append(shown)

    monkeypatch.setattr(chain, "durable_write", killed_after_register)
    sha = install(tmp_path, "output/N3.pdf")
    with pytest.raises(Killed), register.locked():
        if announced:
            register.announce({"output/N3.pdf": sha})
        register.append(registers(register, "N3", "output/N3.pdf"))
    monkeypatch.setattr(chain, "durable_write", real)
    assert written == [HEAD, SHOWN]
    stale = head_text(register)
    assert stale[1:4] == ["entrees: 2", stale[2], "inscription: en cours"]

    reopened = open_register(register.path, COLUMNS, shown=SHOWN)
    entries = reopened.entries()
    assert [e.id for e in entries] == ["N1", "N2", "N3"]
    assert entries[-1]["sha256"] == sha
    with reopened.locked():  # the next command that takes the lock completes the head
        assert reopened.entries() == entries
    assert head_text(reopened)[1:3] == ["entrees: 3", f"empreinte: {entries[-1]['empreinte']}"]
    assert reopened.unregistered(["output/N3.pdf"]) is None
    with reopened.locked():
        assert [e.id for e in reopened.append({"numero": "N4"})] == ["N4"]
    assert head_text(reopened)[1:] == ["entrees: 4", f"empreinte: {reopened.entries()[-1]['empreinte']}"]
