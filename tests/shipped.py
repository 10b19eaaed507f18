"""A copy of the shipped project, for the tests (and benchmarks) that issue invoices or seal versions.

``copy_shipped(target)`` copies the YAML files, the templates, the data and the schema, without what
a developer's own runs may have left in the checkout (the invoice register, its head and lock, the
outputs); ``completed=True`` then fills every « À COMPLÉTER » and removes the « a_valider » keys
(:mod:`completed`), as an invoice or a seal requires.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from completed import complete_placeholders, validate_drafted_articles

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ("convention.yaml", "services.yaml", "annexes", "avenants", "templates", "data", "schema")
LEFT_BY_RUNS = ("data/registre-factures.csv", "data/registre-factures.tete", "data/registre-factures.csv.lock")


def copy_shipped(target: Path, completed: bool = False, names: tuple[str, ...] = SHIPPED) -> Path:
    """``target`` (created) holding a fresh copy of the shipped project; returned."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.is_file():
            shutil.copy2(source, target / name)
    for name in LEFT_BY_RUNS:
        (target / name).unlink(missing_ok=True)
    shutil.rmtree(target / "output", ignore_errors=True)
    if completed:
        complete_placeholders(target)
        validate_drafted_articles(target)
    return target
