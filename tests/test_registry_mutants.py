"""What a user reads when a register cannot be used, found by mutation testing
(``benchmarks/mutation.py registry``): each refusal with its message, its place and its code."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from registers import COLUMNS, HEAD, SHOWN, make

from ccas_docs.common.diagnostics import UserError
from ccas_docs.registry.chain import Register, durable_write, open_register, relative


def the_problem(register: Register) -> tuple[str, str, str]:
    with pytest.raises(UserError) as exc:
        register.entries()
    [d] = exc.value.diagnostics
    return str(d.location), d.message, d.code


def test_register_rewritten_with_a_valid_chain_is_named_by_its_head(tmp_path: Path) -> None:
    """A whole register rewritten (a valid chain, same length) does not end with the entry its head
    recorded: the entry is named, the register left as it is."""
    register = make(tmp_path / "data" / "registre.csv", "N1", "N2")
    head = register.head_path.read_bytes()
    register.path.unlink()
    register.head_path.unlink()
    forged = make(register.path, "N1", "N2-bis")
    register.head_path.write_bytes(head)
    before = forged.path.read_bytes()
    assert the_problem(open_register(forged.path, COLUMNS, shown=SHOWN)) == (
        f"{SHOWN}:3:1",
        f"registre modifié à la main : entrée 2 (N2-bis) n'est pas la dernière entrée qu'enregistre sa tête ({HEAD}) : "
        "le registre a été réécrit ou remplacé",
        "registre-modifie",
    )
    assert forged.path.read_bytes() == before


def test_register_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    register = make(tmp_path / "data" / "registre.csv", "N1")
    register.path.write_bytes(register.path.read_bytes().replace(b"N1", b"N\xe9"))
    assert the_problem(register) == (SHOWN, "registre illisible : encodage UTF-8 attendu", "registre")


def test_empty_register_file_is_an_empty_register(tmp_path: Path) -> None:
    path = tmp_path / "data" / "registre.csv"
    path.parent.mkdir()
    path.write_bytes(b"")
    register = open_register(path, COLUMNS, shown=SHOWN)
    assert register.entries() == []
    with register.locked():
        assert [e.id for e in register.append({"numero": "N1"})] == ["N1"]
    assert [e.id for e in register.entries()] == ["N1"]


def test_lock_that_cannot_be_created_is_a_french_error(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("un fichier, pas un dossier")
    register = open_register(tmp_path / "data" / "registre.csv", COLUMNS, shown=SHOWN)
    with pytest.raises(UserError) as exc, register.locked():
        pass
    [d] = exc.value.diagnostics
    assert (str(d.location), d.code) == (SHOWN, "registre")
    assert d.message.startswith("verrou du registre impossible à créer : ")
    assert not register.is_locked


def test_programming_errors_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    register = make(tmp_path / "data" / "registre.csv", "N1")
    before = register.path.read_bytes(), register.head_path.read_bytes()
    with pytest.raises(RuntimeError, match=r"^Register\.announce\(\) outside Register\.locked\(\)$"):
        register.announce({"output/a.pdf": "0" * 64})
    with register.locked(), pytest.raises(ValueError, match=r"^unknown register columns: \['total'\]$"):
        register.append({"numero": "N2", "total": "1,00"})
    assert (register.path.read_bytes(), register.head_path.read_bytes()) == before


def test_write_in_a_folder_that_cannot_exist_is_a_french_error(tmp_path: Path) -> None:
    (tmp_path / "output").write_text("un fichier")
    with pytest.raises(UserError) as exc:
        durable_write(tmp_path / "output" / "a.pdf", b"pdf", "output/a.pdf")
    [d] = exc.value.diagnostics
    assert (str(d.location), d.code) == ("output/a.pdf", "ecriture")
    assert d.message.startswith("écriture impossible : ")
    with pytest.raises(UserError) as unnamed:
        durable_write(tmp_path / "output" / "a.pdf", b"pdf")
    assert str(unnamed.value.diagnostics[0].location) == str(tmp_path / "output" / "a.pdf")


def test_written_file_is_readable_by_everyone(tmp_path: Path) -> None:
    durable_write(tmp_path / "a.pdf", b"pdf")
    assert ((tmp_path / "a.pdf").read_bytes(), os.stat(tmp_path / "a.pdf").st_mode & 0o777) == (b"pdf", 0o644)
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]  # no temporary file left


def test_file_outside_the_root_is_registered_by_its_path(tmp_path: Path) -> None:
    root = tmp_path / "projet"
    root.mkdir()
    assert relative(root / "output" / "a.pdf", root) == "output/a.pdf"
    assert relative(tmp_path / "ailleurs" / "a.pdf", root) == (tmp_path / "ailleurs" / "a.pdf").as_posix()


ISSUED = "output/factures/2025/2025-CCAS-001.pdf"
REGISTERS = "data/registre-factures.csv"


@pytest.mark.parametrize(
    ("registered", "register", "what", "restore"),
    [
        (False, REGISTERS, f"n'est enregistré dans aucun registre ({REGISTERS})", REGISTERS),
        (False, "", "n'est enregistré dans aucun registre", "le registre"),
        (True, REGISTERS, f"n'est pas celui qu'enregistre {REGISTERS} (son SHA-256 diffère)", REGISTERS),
        (True, "", "n'est pas celui qu'enregistre le registre (son SHA-256 diffère)", "le registre"),
    ],
    ids=["non-enregistre", "non-enregistre-sans-registre", "autre-sha", "autre-sha-sans-registre"],
)
def test_an_issued_file_is_never_overwritten_and_the_message_says_why(
    tmp_path: Path, registered: bool, register: str, what: str, restore: str
) -> None:
    from ccas_docs.registry.chain import refuse_overwrite

    target = tmp_path / "2025-CCAS-001.pdf"
    target.write_bytes(b"issued")
    with pytest.raises(UserError) as exc:
        if register:
            refuse_overwrite(target, "0" * 64 if registered else None, ISSUED, register)
        else:
            refuse_overwrite(target, "0" * 64 if registered else None, ISSUED)
    [d] = exc.value.diagnostics
    assert (str(d.location), d.message, d.hint, d.code) == (
        ISSUED,
        f"le fichier {ISSUED} existe déjà et {what} : un document émis n'est jamais écrasé",
        "si c'est un document émis, le conserver et rétablir le registre depuis l'historique git "
        f"(« git checkout -- {restore} ») ; sinon le déplacer hors de ce dossier, puis relancer la commande",
        "fichier-emis",
    )
    with pytest.raises(UserError) as unnamed:
        refuse_overwrite(target, None)
    assert unnamed.value.diagnostics[0].message.startswith(f"le fichier {target} existe déjà et ")
    assert target.read_bytes() == b"issued"


def test_two_files_of_one_entry_are_listed_in_order(tmp_path: Path) -> None:
    import hashlib

    from ccas_docs.registry.chain import file_fields

    for name in ("b.pdf", "a.docx"):
        (tmp_path / name).write_bytes(name.encode())
    sha = [hashlib.sha256(n.encode()).hexdigest() for n in ("b.pdf", "a.docx")]
    assert file_fields([tmp_path / "b.pdf", tmp_path / "a.docx"], tmp_path) == {
        "fichiers": "b.pdf|a.docx",
        "sha256": f"{sha[0]}|{sha[1]}",
    }


def test_a_value_with_a_carriage_return_stays_on_one_line(tmp_path: Path) -> None:
    register = make(tmp_path / "data" / "registre.csv")
    with register.locked():
        [entry] = register.append({"numero": "N1", "fichiers": "a.pdf\rb.pdf"})
    assert entry["fichiers"] == "a.pdf b.pdf"
    assert len(register.path.read_bytes().splitlines()) == 2


def test_a_staging_folder_is_removed_only_when_surely_abandoned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ccas_docs.registry.chain import clean_staging
    from ccas_docs.registry.issued import STAGING_LOCK

    output = tmp_path / "output"
    same_time = output / ".build-meme-instant"
    same_time.mkdir(parents=True)
    started = same_time.stat().st_mtime
    odd = output / ".facture-verrou-illisible"
    (odd / STAGING_LOCK).mkdir(parents=True)  # a lock that cannot be opened: left alone
    assert clean_staging(tmp_path, started=started) == []
    assert same_time.is_dir() and odd.is_dir()
    # a folder another process removes while we look at it: left to that process
    real_stat = Path.stat

    def vanished(self: Path, *args, **kwargs):
        if self == same_time:
            raise FileNotFoundError(2, "No such file or directory", str(self))
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", vanished)
    assert clean_staging(tmp_path, started=started + 3600) == []
    monkeypatch.setattr(Path, "stat", real_stat)
    assert clean_staging(tmp_path, started=started + 3600) == [same_time]


def test_an_unreadable_head_says_how_to_restore_it(tmp_path: Path) -> None:
    from ccas_docs.registry.head import restore_hint

    register = make(tmp_path / "data" / "registre.csv", "N1")
    register.head_path.write_text("entrees: deux\n", encoding="utf-8")
    with pytest.raises(UserError) as exc:
        register.entries()
    [d] = exc.value.diagnostics
    assert (d.as_dict()["ligne"], d.as_dict()["colonne"]) == (1, 1)
    assert d.hint == restore_hint(SHOWN, HEAD)
    assert d.hint.startswith(
        "un registre et sa tête ne se modifient jamais à la main : les rétablir ensemble depuis l'historique git "
        f"(« git log -p -- {SHOWN} », puis « git checkout <commit> -- {SHOWN} {HEAD} ») ; "
    )


def test_appended_entries_are_those_the_register_then_holds(tmp_path: Path) -> None:
    """The entries append() returns (their line, for later messages) are the ones read back; the
    file has one « \\n »-ended line per entry, as git shows it."""
    register = make(tmp_path / "data" / "registre.csv")
    with register.locked():
        first = register.append({"numero": "N1"})
        more = register.append({"numero": "N2"}, {"numero": "N3"})
    assert [*first, *more] == register.entries()
    assert [str(e.location) for e in register.entries()] == [f"{SHOWN}:{n}:1" for n in (2, 3, 4)]
    data = register.path.read_bytes()
    assert b"\r" not in data and data.count(b"\n") == 4
    with pytest.raises(RuntimeError, match=r"^Register\.append\(\) outside Register\.locked\(\)$"):
        register.append({"numero": "N4"})


def test_a_register_without_bom_is_written_without_one(tmp_path: Path) -> None:
    register = open_register(tmp_path / "data" / "registre.csv", COLUMNS, shown=SHOWN, bom=False)
    with register.locked():
        register.append({"numero": "N1"})
    assert register.path.read_bytes().startswith(b"numero;fichiers;sha256;outil;precedent;empreinte\n")
    assert [e.id for e in register.entries()] == ["N1"]
    with_bom = make(tmp_path / "autre" / "registre.csv", "N1")
    assert with_bom.path.read_bytes().startswith(b"\xef\xbb\xbfnumero;")


def test_amounts_stay_numbers_a_spreadsheet_can_add_up(tmp_path: Path) -> None:
    """A credit note's « -120.00 » is written as is, not neutralised like a formula (« '-2+3 »)."""
    import csv
    import io

    register = open_register(tmp_path / "registre.csv", ("numero", "total", "motif"), shown=SHOWN)
    with register.locked():
        register.append({"numero": "A1", "total": "-120.00", "motif": "-2+3"}, {"numero": "F2", "total": "+1,5"})
    rows = list(csv.reader(io.StringIO(register.path.read_text(encoding="utf-8-sig")), delimiter=";"))[1:]
    assert [(r[1], r[2]) for r in rows] == [("-120.00", "'-2+3"), ("+1,5", "")]
    assert [(e["total"], e["motif"]) for e in register.entries()] == [("-120.00", "-2+3"), ("+1,5", "")]


def unregistered_message(register: Register, on_disk: list[str]) -> tuple[str, str, str]:
    problem = register.unregistered(on_disk)
    assert problem is not None and problem.code == "registre-incomplet"
    assert problem.as_dict()["colonne"] == 1
    return str(problem.location), problem.message, problem.hint


@pytest.mark.parametrize(("count", "listed"), [(8, 8), (9, 8), (12, 8)])
def test_many_files_without_entry_are_named_eight_at_most(tmp_path: Path, count: int, listed: int) -> None:
    from ccas_docs.registry.head import restore_hint

    register = make(tmp_path / "data" / "registre.csv")
    files = [f"output/factures/2025/F{n:02d}.pdf" for n in range(count)]
    where, message, hint = unregistered_message(register, files)
    more = f" et {count - 8} autre(s)" if count > 8 else ""
    assert where == f"{SHOWN}:2:1"  # an empty register: its first entry's line
    assert message == (
        f"registre incomplet : aucune entrée n'enregistre les fichiers {', '.join(files[:listed])}{more} : "
        f"ses dernières entrées ont été supprimées, ou le registre et sa tête ({HEAD}) remplacés par une copie "
        "plus ancienne"
    )
    assert (
        hint
        == restore_hint(SHOWN, HEAD)
        + " ; si un de ces fichiers n'est pas un document émis, le déplacer hors de ce dossier"
    )


def test_staging_cleanup_goes_past_what_it_leaves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file or a link named like a staging folder is left alone, and does not stop the cleanup of
    the abandoned folders after it; a folder that cannot be removed does not stop the command."""
    import shutil

    from ccas_docs.registry.chain import clean_staging

    output = tmp_path / "output"
    output.mkdir()
    (output / ".build-a-fichier").write_text("pas un dossier")
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    (elsewhere / "garde.pdf").write_bytes(b"pdf")
    (output / ".build-b-lien").symlink_to(elsewhere, target_is_directory=True)
    (output / ".build-c-abandonne").mkdir()
    stuck = output / ".build-d-bloque"
    stuck.mkdir()
    (stuck / "ouvert.pdf").write_bytes(b"pdf")
    real_unlink = os.unlink

    def refused(path, *args, **kwargs):
        if str(path) == "ouvert.pdf" or str(path).endswith("/ouvert.pdf"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", refused)
    removed = clean_staging(tmp_path, started=float("inf"))
    monkeypatch.setattr(os, "unlink", real_unlink)
    assert [p.name for p in removed] == [".build-c-abandonne", ".build-d-bloque"]
    assert (output / ".build-a-fichier").is_file() and (elsewhere / "garde.pdf").is_file()
    assert (output / ".build-b-lien").is_symlink() and not (output / ".build-c-abandonne").exists()
    shutil.rmtree(stuck)


def test_a_write_goes_through_a_hidden_temporary_file_beside_the_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed mid-write, only « .a.pdf.XXXX.tmp » is left in the document's own (new) folder: the
    rename that installs the file stays on one file system."""
    target = tmp_path / "output" / "factures" / "2025" / "a.pdf"
    renamed: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def spy(src, dst):
        renamed.append((Path(src), Path(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    durable_write(target, b"pdf", "output/factures/2025/a.pdf")
    [(temporary, installed)] = renamed
    assert installed == target and target.read_bytes() == b"pdf"
    assert temporary.parent == target.parent
    assert temporary.name.startswith(".a.pdf.") and temporary.name.endswith(".tmp")


def test_a_folder_that_cannot_be_synced_still_gets_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Some file systems refuse to fsync a folder (EINVAL): the document is written all the same."""
    import errno
    import stat

    real_fsync = os.fsync

    def no_folder_sync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "Invalid argument")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", no_folder_sync)
    durable_write(tmp_path / "a.pdf", b"pdf")
    assert (tmp_path / "a.pdf").read_bytes() == b"pdf"


def test_a_failed_write_reports_its_own_error_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk full at the rename: that error reaches the user, even if the temporary file is
    already gone when it is cleaned up."""
    import errno

    def full(src, dst):
        real_unlink(src)  # removed meanwhile (by the system, another cleaner…)
        raise OSError(errno.ENOSPC, "No space left on device")

    real_unlink = os.unlink
    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OSError) as exc:
        durable_write(tmp_path / "a.pdf", b"pdf")
    assert exc.value.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []
