"""What a change relies on (versions/apply.py): an annex file the project did not read
(``ajouter_annexe``), and which avenant removed an id. Found by mutation testing
(``benchmarks/mutation.py versions``)."""

from __future__ import annotations

import pytest
from conftest import ProjectCopy
from test_versions import without_avenants, write_avenant
from test_versions_apply import EVENTS, GONE, LIST

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


def test_the_avenant_that_removed_an_id_is_the_one_named(bare: ProjectCopy) -> None:
    """Avenant n° 1 replaces a whole fiche and a block of the RH fiche; n° 2 replaces a list of the RH
    fiche: a bullet of that list is « supprimé par l'avenant n° 2 », whatever else n° 1 replaced."""
    numerique = GONE["sous-annexe-d-une-fiche-remplacee"][0]
    write_avenant(
        bare,
        1,
        "2026-01-01",
        numerique + "  - remplacer: {cible: rh/prestation/direction-ressources-humaines, par: {intertitre: DRH}}\n",
    )
    write_avenant(bare, 2, "2026-06-01", f"  - remplacer: {{cible: {LIST}, par: {{liste: [Un bilan]}}}}\n")
    rel = write_avenant(
        bare, 3, "2027-01-01", f"  - supprimer: {{cible: {LIST}/conseiller-elus-direction-ccas-au-titre}}\n"
    )
    (err,) = bare.check().errors
    assert (err.location, err.code, err.message) == (
        bare.at(rel, LIST),
        "cible-supprimee",
        f"« {LIST}/conseiller-elus-direction-ccas-au-titre » n'existe plus : supprimé par l'avenant n\u00b0\u00a02"
        " (avenants/002-essai.yaml)",
    )


def test_an_id_kept_by_one_avenant_and_removed_by_the_next_is_told_so(bare: ProjectCopy) -> None:
    """N° 1 rewrites a list but keeps its first bullet (same words, same id); n° 2 rewrites it without:
    the bullet was removed by n° 2, not by n° 1 that kept it."""
    first = (
        "Conseiller les élus et la direction du CCAS au titre de l'aide à la décision, dans une stratégie de GPEC"
        " et un contexte de mutualisation notamment,"
    )
    write_avenant(bare, 1, "2026-01-01", f'  - remplacer: {{cible: {LIST}, par: {{liste: ["{first}", Un suivi]}}}}\n')
    write_avenant(bare, 2, "2026-06-01", f"  - remplacer: {{cible: {LIST}, par: {{liste: [Un bilan]}}}}\n")
    rel = write_avenant(
        bare, 3, "2027-01-01", f"  - supprimer: {{cible: {LIST}/conseiller-elus-direction-ccas-au-titre}}\n"
    )
    (err,) = bare.check().errors
    assert (err.location, err.code, err.message) == (
        bare.at(rel, LIST),
        "cible-supprimee",
        f"« {LIST}/conseiller-elus-direction-ccas-au-titre » n'existe plus : supprimé par l'avenant n\u00b0\u00a02"
        " (avenants/002-essai.yaml)",
    )
