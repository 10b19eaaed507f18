"""A small register for the registry's own tests (registry/chain.py, registry/head.py): its columns,
the names a user reads, the restore hint every refusal gives, and a register with some entries."""

from __future__ import annotations

from pathlib import Path

from ccas_docs.registry.chain import Register, open_register

COLUMNS = ("numero", "fichiers", "sha256")
SHOWN = "data/registre.csv"
HEAD = "data/registre.tete"
RESTORE = (
    "un registre et sa tête ne se modifient jamais à la main : les rétablir ensemble depuis l'historique git "
    f"(« git log -p -- {SHOWN} », puis « git checkout <commit> -- {SHOWN} {HEAD} ») ; "
    "un document émis ou scellé se corrige par un nouveau document (avoir, annulation, avenant)"
)


def make(path: Path, *numbers: str) -> Register:
    """The register at ``path`` with one entry per number, appended under its lock."""
    register = open_register(path, COLUMNS, shown=SHOWN)
    with register.locked():
        for n in numbers:
            register.append({"numero": n})
    return register
