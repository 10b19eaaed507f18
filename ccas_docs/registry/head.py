"""The head record of a register: what a hash chain cannot see by itself, its own truncation.

A chain detects a changed, removed or moved entry, but not the removal of its *last* entries: what
is left is still a valid chain. So every register ``X.csv`` has a head file ``X.tete`` beside it,
rewritten atomically under the register's lock with every append, holding the number of entries
and the ``empreinte`` of the last one::

    # Tête du registre data/registre-factures.csv : réécrite à chaque inscription, ne pas modifier.
    entrees: 3
    empreinte: 5f0c…
    inscription: en cours
    fichiers: output/factures/2026/2026-CCAS-001.pdf=3a1b…|…

One append is three atomic writes: the head marked « inscription : en cours » with the files about
to be installed (``fichiers``), the register, then the head with the new count. A process killed
between two of them leaves a state the next command recognises and completes: the register one
append ahead of a head « en cours », or files on disk that the head announces (kept in ``fichiers``
by the next appends until an entry registers them). Anything else that
disagrees is reported: a register shorter than its head (last entries removed), a last entry that
is not the one the head recorded (register rewritten), a register ahead of a head that announced
nothing (head rolled back, or entries added by hand).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ccas_docs.common.bounds import read_bounded
from ccas_docs.common.diagnostics import Diagnostic, Location, UserError, error

HEAD_SUFFIX = ".tete"
GENESIS = "0" * 64
MAX_HEAD_BYTES = 1_000_000
IN_PROGRESS = "en cours"


@dataclass(frozen=True)
class Head:
    """The head record: ``count`` entries, the last one's ``last`` empreinte; ``pending`` the files
    (relative path → SHA-256) an append in progress installs (``in_progress``)."""

    count: int
    last: str = GENESIS
    in_progress: bool = False
    pending: Mapping[str, str] | None = None
    count_line: int = 2  # the line of « entrees » in the file, for messages

    @property
    def files(self) -> dict[str, str]:
        return dict(self.pending or {})


def head_path(register: Path) -> Path:
    return Path(register).with_suffix(HEAD_SUFFIX)


def head_shown(shown: str) -> str:
    return shown[: -len(Path(shown).suffix)] + HEAD_SUFFIX if Path(shown).suffix else shown + HEAD_SUFFIX


def render(head: Head, register_shown: str) -> bytes:
    lines = [
        f"# Tête du registre {register_shown} : réécrite à chaque inscription, ne pas modifier à la main.",
        f"entrees: {head.count}",
        f"empreinte: {head.last}",
    ]
    if head.in_progress:
        lines.append(f"inscription: {IN_PROGRESS}")
    if head.in_progress or head.files:  # announced files on disk stay tolerated until registered
        lines.append("fichiers: " + "|".join(f"{p}={s}" for p, s in sorted(head.files.items())))
    return ("\n".join(lines) + "\n").encode("utf-8")


def read(path: Path, shown: str, register_shown: str) -> Head | None:
    """The head at ``path`` (None when there is none); an unreadable one is a :class:`UserError`."""
    if not path.exists():
        return None
    text = read_bounded(path, shown, MAX_HEAD_BYTES, "une tête de registre").decode("utf-8", errors="replace")
    values: dict[str, tuple[str, int]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise _unreadable(shown, number, register_shown, f"ligne « {line.strip()} » illisible")
        values[key.strip()] = (value.strip(), number)
    count_text, count_line = values.get("entrees", ("", 1))
    last, last_line = values.get("empreinte", ("", 1))
    if not count_text.isdigit():
        raise _unreadable(shown, count_line, register_shown, f"nombre d'entrées « {count_text} » illisible")
    if len(last) != 64 or any(c not in "0123456789abcdef" for c in last):
        raise _unreadable(shown, last_line, register_shown, f"empreinte « {last} » illisible")
    pending: dict[str, str] = {}
    for part in values.get("fichiers", ("", 0))[0].split("|"):
        name, _, sha = part.strip().rpartition("=")  # a file name may hold « = », a SHA-256 never
        if name:
            pending[name] = sha
    in_progress = values.get("inscription", ("", 0))[0] == IN_PROGRESS
    return Head(int(count_text), last, in_progress, pending or None, count_line)


def _unreadable(shown: str, line: int, register_shown: str, what: str) -> UserError:
    return UserError(
        error(
            Location(shown, line, 1),
            f"tête du registre illisible : {what}",
            code="registre-tete",
            hint=restore_hint(register_shown, shown),
        )
    )


def restore_hint(register_shown: str, shown: str) -> str:
    return (
        "un registre et sa tête ne se modifient jamais à la main : les rétablir ensemble depuis l'historique git "
        f"(« git log -p -- {register_shown} », puis « git checkout <commit> -- {register_shown} {shown} ») ; "
        "un document émis ou scellé se corrige par un nouveau document (avoir, annulation, avenant)"
    )


def problem(head: Head, entries: Sequence, register_shown: str, shown: str) -> Diagnostic | None:
    """What the head says is wrong with the (chain-verified) ``entries``; None when they agree.

    A register one append ahead of a head « en cours » agrees (the append was interrupted between
    its two writes): the caller brings the head up to date under the lock.
    """
    count = len(entries)
    hint = restore_hint(register_shown, shown)
    if count < head.count:
        if head.count == count + 1:
            missing = f"l'entrée {head.count} a été supprimée"
        else:
            missing = f"les entrées {count + 1} à {head.count} ont été supprimées"
        line = entries[-1].line + 1 if entries else 2
        whole = "le registre a disparu" if not entries else f"il ne compte que {count} entrée(s)"
        return error(
            Location(register_shown, line, 1),
            f"registre tronqué : {whole} alors que sa tête ({shown}) en enregistre {head.count} : "
            f"{missing}, ou le registre remplacé par une copie plus ancienne",
            code="registre-tronque",
            hint=hint,
        )
    if head.count and entries[head.count - 1]["empreinte"] != head.last:
        entry = entries[head.count - 1]
        named = f"entrée {entry.index} ({entry.id})" if entry.id else f"entrée {entry.index}"
        return error(
            entry.location,
            f"registre modifié à la main : {named} n'est pas la dernière entrée qu'enregistre sa tête ({shown}) : "
            "le registre a été réécrit ou remplacé",
            code="registre-modifie",
            hint=hint,
        )
    if count > head.count and not head.in_progress:
        return error(
            Location(shown, head.count_line, 1),
            f"tête du registre en retard : elle enregistre {head.count} entrée(s), le registre {register_shown} "
            f"en compte {count} : la tête a été remplacée par une copie plus ancienne ou des entrées ajoutées "
            "à la main",
            code="registre-tete",
            hint=hint,
        )
    return None
