"""Consolidation: the convention in force at a date is the original plus the avenants in effect.

Pure (no file read, the project untouched), the same whatever the order of the files in
convention.yaml, and removing the last avenant gives back the previous version exactly.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from conftest import ProjectCopy

from ccas_docs.common.diagnostics import UserError
from ccas_docs.model.numbering import number_project
from ccas_docs.model.project import Project, load_project
from ccas_docs.versions.consolidate import consolidate, initial_state, periods, versions_of
from ccas_docs.versions.state import index

HEADER = """# yaml-language-server: $schema=../schema/avenant.schema.json
numero: {numero}
titre: Avenant n° {numero} à la convention de mutualisation de services
objet: Un avenant d'essai.
deliberations:
  ville: {{organe: Conseil municipal, numero: À COMPLÉTER (n°), date: À COMPLÉTER (date)}}
  ccas: {{organe: Conseil d'administration du CCAS, numero: À COMPLÉTER (n°), date: À COMPLÉTER (date)}}
date_signature: {signature}
date_effet: {effet}
modifications:
"""


def write_avenant(
    project: ProjectCopy,
    numero: int,
    effet: str,
    changes: str,
    signature: str = "2025-01-01",
    extra: str = "",
    name: str | None = None,
    register: bool = True,
) -> str:
    """Write ``avenants/NNN-essai.yaml`` (``changes``: the YAML items of ``modifications``)."""
    rel = name or f"avenants/{numero:03d}-essai.yaml"
    text = HEADER.format(numero=numero, effet=effet, signature=signature) + changes
    if extra:
        text = text.replace("modifications:\n", extra + "modifications:\n")
    project.write(rel, text)
    if register:
        conv = project.text("convention.yaml")
        if "avenants: []" in conv:
            project.edit("convention.yaml", "avenants: []", f"avenants:\n  - {rel}")
        else:
            project.write("convention.yaml", conv.rstrip("\n") + f"\n  - {rel}\n")
    return rel


def without_avenants(project: ProjectCopy) -> None:
    text = project.text("convention.yaml")
    head = text[: text.index("\navenants:")]
    project.write("convention.yaml", head + "\navenants: []\n")


RATE = """  - parametre: {{fiche: rh, champ: taux, valeur: "{rate}"}}
"""


@pytest.fixture
def bare(project: ProjectCopy) -> ProjectCopy:
    """The shipped project without its avenants."""
    without_avenants(project)
    return project


def test_shipped_avenant_bills_the_dga_on_its_own_service() -> None:
    from conftest import ROOT

    project = load_project(ROOT)
    before = consolidate(project, dt.date(2026, 6, 30))
    after = consolidate(project, dt.date(2026, 7, 1))
    assert before.avenants == () and before.project is project
    assert [a.numero for a in after.avenants] == [1]
    assert before.project.fiche("dga").facturation.services == ["COM"]
    assert after.project.fiche("dga").facturation.services == ["DGA-PR"]
    # the parameter is now written in the avenant
    where = after.project.fiches[0].source.locate(("facturation", "services", 0), value=True)
    assert where.path == "avenants/001-facturation-dga.yaml"
    # everything else unchanged
    assert _no_ids(after.project.convention.model) == _no_ids(project.convention.model)
    assert consolidate(project, None).project is project


def test_pinned_ids_are_the_numbering_ids(bare: ProjectCopy) -> None:
    """The consolidation's index of ids is exactly numbering's, with the same kinds."""
    project = load_project(bare.root)
    ours = index(initial_state(project))
    theirs = number_project(project).nodes
    assert set(ours) == set(theirs)
    kinds = {"sous-annexe": "annexe"}
    assert {i: kinds.get(a.kind, a.kind) for i, a in ours.items()} == {i: n.kind for i, n in theirs.items()}


def test_rate_changes_at_its_effective_date_and_the_project_is_untouched(bare: ProjectCopy) -> None:
    write_avenant(bare, 1, "2026-03-01", RATE.format(rate="3 %"))
    project = load_project(bare.root)
    snapshot = project.fiche("rh").model_copy(deep=True)
    assert consolidate(project, dt.date(2026, 2, 28)).project.fiche("rh").facturation.taux == Decimal(5)
    assert consolidate(project, dt.date(2026, 3, 1)).project.fiche("rh").facturation.taux == Decimal(3)
    assert project.fiche("rh") == snapshot
    assert [(s, e, v.label) for s, e, v in periods(project, 2026)] == [
        (dt.date(2026, 1, 1), dt.date(2026, 2, 28), "convention initiale"),
        (dt.date(2026, 3, 1), dt.date(2026, 12, 31), "avenant n\u00b0\u00a01"),
    ]
    assert [(s, e) for s, e, _ in periods(project, 2025)] == [(dt.date(2025, 1, 1), dt.date(2025, 12, 31))]


def _no_ids(model: object) -> object:
    """A model's data without the ids of blocks and bullets (pinned in a consolidated version)."""

    def strip(node: object) -> object:
        if isinstance(node, dict):
            keep = {k: strip(v) for k, v in node.items() if k != "id" or "titre" in node}
            return keep
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    return strip(model.model_dump())  # type: ignore[attr-defined]


def _models(project: Project) -> tuple[object, ...]:
    return (project.convention.model, *(f.model for f in project.fiches))


def _three(bare: ProjectCopy, order: tuple[int, ...]) -> Project:
    specs = {
        1: ("2025-06-01", RATE.format(rate="4 %")),
        2: ("2026-01-01", "  - convention: {champ: tribunal, valeur: tribunal administratif d'Ajaccio}\n"),
        3: ("2027-01-01", RATE.format(rate="2 %")),
    }
    for n in order:
        write_avenant(bare, n, *specs[n])
    return load_project(bare.root)


@pytest.mark.parametrize("order", [(1, 2, 3), (3, 1, 2), (2, 3, 1)])
def test_the_same_model_however_the_files_are_listed(tmp_path_factory: pytest.TempPathFactory, order) -> None:
    reference = ProjectCopy(tmp_path_factory.mktemp("ref") / "p")
    without_avenants(reference)
    other = ProjectCopy(tmp_path_factory.mktemp("other") / "p")
    without_avenants(other)
    a, b = _three(reference, (1, 2, 3)), _three(other, order)
    original_a, original_b = versions_of(a)[0].project, versions_of(b)[0].project
    assert original_a.convention.model.model_copy(update={"avenants": []}) == original_b.convention.model.model_copy(
        update={"avenants": []}
    )
    for va, vb in zip(versions_of(a)[1:], versions_of(b)[1:], strict=True):
        assert _models(va.project) == _models(vb.project)
        assert va.date == vb.date
        assert [x.numero for x in va.avenants] == [x.numero for x in vb.avenants]
    assert consolidate(b, dt.date(2027, 6, 1)).project.fiche("rh").facturation.taux == Decimal(2)


def test_removing_the_last_avenant_gives_back_the_previous_version(bare: ProjectCopy) -> None:
    full = _three(bare, (1, 2, 3))
    before_last = versions_of(full)[-2]
    text = bare.text("convention.yaml")
    bare.write("convention.yaml", text.replace("  - avenants/003-essai.yaml\n", ""))
    shorter = load_project(bare.root)
    last = versions_of(shorter)[-1]
    assert _models(last.project) == _models(before_last.project)
    assert last.project.convention.source.data == before_last.project.convention.source.data
    assert [f.source.data for f in last.project.fiches] == [f.source.data for f in before_last.project.fiches]
    # and removing every avenant gives the original
    without_avenants(bare)
    assert versions_of(load_project(bare.root))[-1].avenants == ()


EVERY_KIND = """  - parametre: {fiche: rh, champ: taux, valeur: "4 %"}
  - convention: {champ: duree_ans, valeur: 4}
  - partie: {partie: ccas, champ: representant.nom, valeur: Mme Marie Santoni}
  - remplacer:
      cible: revision
      par:
        titre: Révision et avenants
        contenu:
          - paragraphe: Toute modification de la présente convention fait l'objet d'un avenant.
  - remplacer_mots:
      cible: rh/prestation/prises-decision-relevent-neanmoins-competence-ccas
      mots: relèvent néanmoins
      par: relèvent toujours
  - inserer:
      apres: duree
      element:
        id: reconduction
        titre: Reconduction
        contenu:
          - paragraphe: La convention n'est pas reconduite tacitement.
  - inserer:
      avant: rh/prestation/prises-decision-relevent-neanmoins-competence-ccas
      element: {paragraphe: Un alinéa nouveau avant la prise de décision.}
  - completer:
      cible: litiges
      element: {paragraphe: Le tribunal compétent est saisi par la partie la plus diligente.}
  - supprimer: {cible: resiliation}
  - retirer_annexe: {fiche: communication}
  - ajouter_annexe:
      apres: dga
      fiche:
        id: evenementiel
        titre: Fonction événementielle
        direction: communication
        sections:
          - id: prestation
            titre: Contenu de la prestation assurée
            contenu:
              - paragraphe: Le pôle événementiel prête le matériel des manifestations du CCAS.
        facturation: {taux: "1 %", services: COM, imputation: "70841"}
"""


def test_every_kind_of_change(bare: ProjectCopy) -> None:
    write_avenant(bare, 1, "2026-01-01", EVERY_KIND)
    project = load_project(bare.root)
    original, amended = versions_of(project)
    conv = amended.project.convention.model
    assert amended.project.fiche("rh").facturation.taux == Decimal(4)
    assert conv.duree_ans == 4 and amended.end == dt.date(2028, 12, 31)
    assert conv.parties.ccas.representant.nom == "Mme Marie Santoni"
    ids = [a.id for a in conv.articles]
    assert "resiliation" not in ids
    assert ids[ids.index("duree") + 1] == "reconduction"
    revision = next(a for a in conv.articles if a.id == "revision")  # replaced, id kept
    assert revision.titre == "Révision et avenants"
    assert conv.articles[-1].contenu[-1].paragraphe.startswith("Le tribunal compétent")
    rh = amended.project.fiche("rh").sections[0].contenu
    texts = [b.paragraphe for b in rh]
    k = texts.index("Les prises de décision relèvent toujours de la compétence du CCAS.")
    assert texts[k - 1] == "Un alinéa nouveau avant la prise de décision."
    # the words changed, the id did not
    assert "rh/prestation/prises-decision-relevent-neanmoins-competence-ccas" in number_project(amended.project).nodes
    assert [f.model.id for f in amended.project.fiches][:2] == ["dga", "evenementiel"]
    assert "communication" not in [f.model.id for f in amended.project.fiches]
    assert amended.project.convention.model.annexes[1] == "avenants/001-essai.yaml#evenementiel"
    assert len(original.project.fiches) == len(amended.project.fiches)
    # what the avenant wrote is located in the avenant
    article = ids.index("reconduction")
    where = amended.project.convention.source.locate(("articles", article, "titre"), value=True)
    assert where.path == "avenants/001-essai.yaml"
    # 2028 exists now: a year of the amended convention
    assert periods(project, 2028)[-1][2] is amended


def test_a_replacement_with_its_own_id_retires_the_old_one(bare: ProjectCopy) -> None:
    write_avenant(
        bare,
        1,
        "2026-01-01",
        "  - remplacer:\n      cible: rh/prestation/prises-decision-relevent-neanmoins-competence-ccas\n"
        "      par: {id: decisions, paragraphe: Le CCAS décide.}\n",
    )
    write_avenant(
        bare,
        2,
        "2026-06-01",
        "  - supprimer: {cible: rh/prestation/prises-decision-relevent-neanmoins-competence-ccas}\n",
    )
    with pytest.raises(UserError) as exc:
        versions_of(load_project(bare.root))
    (d,) = exc.value.diagnostics
    assert d.code == "cible-supprimee"
    assert "avenant n\u00b0\u00a01" in d.message
    assert d.location.path == "avenants/002-essai.yaml"


def test_every_change_keeps_its_location_and_kind(bare: ProjectCopy) -> None:
    from ccas_docs.versions.avenant import load_avenants

    rel = write_avenant(bare, 1, "2026-01-01", EVERY_KIND)
    (avenant,) = load_avenants(load_project(bare.root))
    assert avenant.path == rel and avenant.label == "Avenant n\u00b0\u00a01"
    kinds = [c.kind for c in avenant.modifications]
    assert kinds[:4] == ["parametre", "convention", "partie", "remplacer"]
    assert kinds[-2:] == ["retirer_annexe", "ajouter_annexe"]
    assert [str(c.location) for c in avenant.modifications[:3]] == [
        bare.at(rel, "parametre"),
        bare.at(rel, "convention:"),
        bare.at(rel, "partie:"),
    ]
    assert avenant.modifications[0].detail.champ == "taux" and avenant.modifications[0].index == 0


def test_a_bad_avenant_file_is_reported_with_french_messages(bare: ProjectCopy) -> None:
    rel = write_avenant(bare, 1, "2026-01-01", "  - parametre: {fiche: rh, champ: tauxx, valeur: 2}\n  - {}\n")
    run = bare.check()
    assert run.exit_code == 1 and "Traceback" not in run.output
    by_location = {m.location: m for m in run.errors}
    assert "tauxx" in by_location[bare.at(rel, "tauxx")].message
    empty = by_location[bare.at(rel, "{}")]
    assert empty.code == "modification" and "exactement une des clés" in empty.message
