"""An annex file that the project did not read (versions/apply.py, ``ajouter_annexe``). Found by
mutation testing (``benchmarks/mutation.py versions``)."""

from __future__ import annotations

import pytest
from conftest import ProjectCopy
from test_versions import without_avenants, write_avenant
from test_versions_apply import EVENTS

from ccas_docs.model.project import load_project
from ccas_docs.versions.apply import ChangeError, Context, apply_change
from ccas_docs.versions.avenant import load_avenants
from ccas_docs.versions.consolidate import initial_state

MISSING = "fichier d'annexe « annexes/evenementiel.yaml »"


@pytest.fixture
def bare(project: ProjectCopy) -> ProjectCopy:
    without_avenants(project)
    return project


@pytest.mark.parametrize(
    ("known", "message"),
    [
        (set(), f"{MISSING} introuvable"),
        ({"annexes/evenements.yaml"}, f"{MISSING} introuvable : vouliez-vous dire « annexes/evenements.yaml » ?"),
    ],
    ids=["aucun", "proche"],
)
def test_an_annex_file_the_project_did_not_read(bare: ProjectCopy, known: set[str], message: str) -> None:
    """``load_project`` refuses a missing annex file first; the change refuses one it was not given all the same."""
    bare.write("annexes/evenementiel.yaml", EVENTS)
    rel = write_avenant(bare, 1, "2026-01-01", "  - ajouter_annexe: {fichier: annexes/evenementiel.yaml}\n")
    project = load_project(bare.root)
    (avenant,) = load_avenants(project)
    read = project.avenant_annexes["annexes/evenementiel.yaml"]
    ctx = Context(initial_state(project), project.avenant_sources[0], avenant, {name: read for name in known})
    with pytest.raises(ChangeError) as exc:
        apply_change(ctx, avenant.modifications[0])
    d = exc.value.diagnostic
    assert (str(d.location), d.code, d.message) == (bare.at(rel, "annexes/evenementiel"), "fichier-manquant", message)
