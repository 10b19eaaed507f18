"""What each kind of change writes into the text in force (versions/apply.py): the words, their place,
the ids they keep or get. Found by mutation testing (``benchmarks/mutation.py versions``)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ProjectCopy
from test_versions import without_avenants, write_avenant

from ccas_docs.common.diagnostics import Location, UserError
from ccas_docs.model.numbering import number_project
from ccas_docs.model.project import Project, load_project
from ccas_docs.versions.consolidate import consolidate, versions_of

LIST = "rh/prestation/liste-conseiller-elus-direction-ccas-au"
EVENTS = """id: evenementiel
titre: Fonction événementielle
direction: communication
sections:
  - id: prestation
    titre: Contenu de la prestation assurée
    contenu:
      - paragraphe: Le pôle événementiel prête le matériel.
facturation: {taux: "1 %", services: COM, imputation: "70841"}
"""


@pytest.fixture
def bare(project: ProjectCopy) -> ProjectCopy:
    without_avenants(project)
    return project


def amended(bare: ProjectCopy, changes: str) -> Project:
    write_avenant(bare, 1, "2026-01-01", changes)
    return versions_of(load_project(bare.root))[-1].project


def bullets(project: Project) -> list[tuple[str, str]]:
    """The first list of the RH fiche: (id, text) of each bullet."""
    block = project.fiche("rh").sections[0].contenu[4]
    assert block.liste is not None
    return [(item.id or "", item.texte) for item in block.liste]


def test_bullets_replaced_inserted_and_their_words_changed(bare: ProjectCopy) -> None:
    project = amended(
        bare,
        f"""  - remplacer: {{cible: {LIST}/preparer-animer-points-mensuels-entre-drh, par: Préparer les bilans}}
  - remplacer_mots:
      cible: {LIST}/accompagner-direction-ccas-dans-ses-rapports
      mots: "ses   rapports"
      par: "ses  relations"
  - remplacer_mots:
      cible: {LIST}/conseiller-elus-direction-ccas-au-titre
      mots: au titre de l’aide
      par: au titre du soutien
  - inserer:
      apres: {LIST}/accompagner-direction-ccas-dans-processus-evaluation
      element: Tenir le registre,
  - inserer:
      avant: {LIST}/conseiller-elus-direction-ccas-au-titre
      element: Tenir le registre,
""",
    )
    assert bullets(project) == [
        ("tenir-registre-2", "Tenir le registre,"),
        (
            "conseiller-elus-direction-ccas-au-titre",
            "Conseiller les élus et la direction du CCAS au titre du soutien à la décision, dans une stratégie de "
            "GPEC et un contexte de mutualisation notamment,",
        ),
        (
            "accompagner-direction-ccas-dans-ses-rapports",
            "Accompagner la direction du CCAS dans ses relations avec le Centre de Gestion,",
        ),
        (
            "accompagner-direction-ccas-dans-construction-sa",
            "Accompagner la direction du CCAS dans la construction de sa préparation budgétaire (masse salariale),",
        ),
        (
            "accompagner-direction-ccas-dans-elaboration-ses",
            "Accompagner la direction du CCAS dans l'élaboration de ses actes délibératifs en lien avec les "
            "ressources humaines,",
        ),
        ("preparer-animer-points-mensuels-entre-drh", "Préparer les bilans"),
        (
            "accompagner-direction-ccas-dans-processus-evaluation",
            "Accompagner la direction du CCAS dans le processus d'évaluation des agents,",
        ),
        ("tenir-registre", "Tenir le registre,"),
        (
            "inclure-points-propres-au-ccas-dans",
            "Inclure les points propres au CCAS dans l'ordre du jour du Comité Social Territorial mutualisé,",
        ),
    ]
    # the new words are written in the avenant: a problem in them is reported there
    source = project.fiches[3].source
    where = source.locate(("sections", 0, "contenu", 4, "liste", 2, "texte"), value=True)
    assert where == bare_location(bare, '"ses  relations"')


def bare_location(bare: ProjectCopy, needle: str) -> Location:
    """Where ``needle`` is written in the avenant, as a location."""
    path, line, col = bare.at("avenants/001-essai.yaml", needle).rsplit(":", 2)
    return Location(path, int(line), int(col))


def test_a_section_replaced_keeps_its_id_and_pins_its_blocks(bare: ProjectCopy) -> None:
    project = amended(
        bare,
        """  - remplacer:
      cible: rh/prestation
      par:
        titre: Contenu de la prestation
        contenu:
          - paragraphe: La Ville gère le personnel du CCAS.
          - paragraphe: La Ville gère le personnel du CCAS.
          - liste: [Un, Deux]
""",
    )
    section = project.fiche("rh").sections[0]
    assert (section.id, section.titre) == ("prestation", "Contenu de la prestation")
    assert [k for k in number_project(project).nodes if k.startswith("rh/")] == [
        "rh/prestation",
        "rh/prestation/ville-gere-personnel-ccas",
        "rh/prestation/ville-gere-personnel-ccas-2",
        "rh/prestation/liste-un",
        "rh/prestation/liste-un/un",
        "rh/prestation/liste-un/deux",
    ]


def test_a_sub_annex_and_a_section_completed(bare: ProjectCopy) -> None:
    project = amended(
        bare,
        """  - completer:
      cible: plateforme-applications
      element: {paragraphe: Une application de plus.}
  - completer:
      cible: rh/prestation
      element: {paragraphe: Les prises de décision relèvent néanmoins de la compétence du CCAS.}
""",
    )
    last = project.fiche("numerique").sous_annexes[0].contenu[-1]
    assert (last.id, last.paragraphe) == ("une-application-plus", "Une application de plus.")
    rh = project.fiche("rh").sections[0].contenu
    # the same words as the third paragraph: an id of its own
    assert (rh[-1].id, rh[-1].paragraphe) == (
        "prises-decision-relevent-neanmoins-competence-ccas-2",
        "Les prises de décision relèvent néanmoins de la compétence du CCAS.",
    )


def test_fields_of_the_convention_and_of_a_party(bare: ProjectCopy) -> None:
    project = amended(
        bare,
        """  - convention: {champ: facturation.delai_paiement_jours, valeur: 45}
  - convention: {champ: tribunal, valeur: tribunal administratif d'Ajaccio}
  - partie: {partie: ville, champ: representant.nom, valeur: M. Jean Dupont}
  - partie: {partie: ccas, champ: siret, valeur: "26200000000011"}
""",
    )
    conv = project.convention.model
    assert conv.facturation.delai_paiement_jours == 45 and conv.tribunal == "tribunal administratif d'Ajaccio"
    assert conv.parties.ville.representant.nom == "M. Jean Dupont"
    assert conv.parties.ville.representant.qualite == "Maire de Porto-Vecchio"  # the rest kept
    assert conv.parties.ccas.siret == "26200000000011"
    assert conv.facturation.mention_tva == "TVA non applicable – article 256 B du CGI"


def test_annexes_removed_by_supprimer_and_added_from_a_file_at_the_end(bare: ProjectCopy) -> None:
    bare.write("annexes/evenementiel.yaml", EVENTS)
    project = amended(
        bare,
        "  - supprimer: {cible: communication}\n  - ajouter_annexe: {fichier: annexes/evenementiel.yaml}\n",
    )
    assert [f.model.id for f in project.fiches] == [
        "dga",
        "finances",
        "numerique",
        "rh",
        "administration-generale",
        "technique",
        "evenementiel",
    ]
    assert project.convention.model.annexes[-1] == "annexes/evenementiel.yaml"
    assert project.fiches[-1].source.path == "annexes/evenementiel.yaml"
    assert project.fiche("evenementiel").sections[0].contenu[0].id == "pole-evenementiel-prete-materiel"


def test_a_whole_annex_replaced(bare: ProjectCopy) -> None:
    write_avenant(
        bare,
        1,
        "2026-01-01",
        """  - remplacer:
      cible: rh
      par:
        id: rh
        titre: Fonction ressources humaines
        direction: drh
        sections:
          - id: prestation
            titre: Contenu de la prestation assurée
            contenu:
              - paragraphe: La Ville gère le personnel du CCAS.
        facturation: {taux: "4 %", services: DRH, imputation: "70841"}
""",
    )
    write_avenant(
        bare, 2, "2026-06-01", "  - supprimer: {cible: rh/prestation/ville-prend-sa-charge-ensemble-missions}\n"
    )
    with pytest.raises(UserError) as exc:
        versions_of(load_project(bare.root))
    (d,) = exc.value.diagnostics
    assert d.format() == (
        f"{bare.at('avenants/002-essai.yaml', 'rh/prestation/ville')}: erreur: « rh/prestation/ville-prend-sa-"
        "charge-ensemble-missions » n'existe plus : supprimé par l'avenant n\u00b0\u00a01 (avenants/001-essai.yaml)"
        " [cible-supprimee]\n    conseil : un avenant ne peut modifier que la version qu'il amende"
    )
    bare.write("convention.yaml", bare.text("convention.yaml").replace("  - avenants/002-essai.yaml\n", ""))
    project = load_project(bare.root)
    rh = consolidate(project, dt.date(2026, 1, 1)).project
    assert [b.paragraphe for b in rh.fiche("rh").sections[0].contenu] == ["La Ville gère le personnel du CCAS."]
    assert rh.fiches[3].source.path == "annexes/rh.yaml"
    assert str(rh.fiche("rh").facturation.taux) == "4"


GONE = {
    "sous-annexe-d-une-fiche-retiree": (
        "  - retirer_annexe: {fiche: numerique}\n",
        "  - completer: {cible: plateforme-applications, element: {paragraphe: Une application.}}\n",
        "plateforme-applications",
    ),
    "sous-annexe-d-une-fiche-remplacee": (
        """  - remplacer:
      cible: numerique
      par:
        id: numerique
        titre: Fonction numérique
        direction: dsi
        sections:
          - id: prestation
            titre: Contenu de la prestation assurée
            contenu:
              - paragraphe: La DSI gère le système d'information du CCAS.
        facturation: {taux: "5 %", services: DSI, imputation: "70841"}
""",
        "  - completer: {cible: plateforme-applications, element: {paragraphe: Une application.}}\n",
        "plateforme-applications",
    ),
    "puce-d-une-liste-remplacee": (
        f"  - remplacer: {{cible: {LIST}, par: {{liste: [Un, Deux]}}}}\n",
        f"  - supprimer: {{cible: {LIST}/conseiller-elus-direction-ccas-au-titre}}\n",
        f"{LIST}/conseiller-elus-direction-ccas-au-titre",
    ),
    "article-renomme": (
        "  - remplacer: {cible: revision, par: {id: avenants, titre: Avenants, contenu: [{paragraphe: Un texte.}]}}\n",
        "  - completer: {cible: revision, element: {paragraphe: Un alinéa.}}\n",
        "revision",
    ),
    "alinea-d-un-article-renomme": (
        "  - remplacer: {cible: revision, par: {id: avenants, titre: Avenants, contenu: [{paragraphe: Un texte.}]}}\n",
        "  - supprimer: {cible: revision/toute-modification-presente-convention-ou-ses}\n",
        "revision/toute-modification-presente-convention-ou-ses",
    ),
}


@pytest.mark.parametrize(("first", "second", "target"), GONE.values(), ids=GONE.keys())
def test_what_an_avenant_removed_is_refused_to_a_later_one(
    bare: ProjectCopy, first: str, second: str, target: str
) -> None:
    write_avenant(bare, 1, "2026-01-01", first)
    rel = write_avenant(bare, 2, "2026-06-01", second)
    (err,) = bare.check().errors
    assert (err.location, err.code, err.message, err.hint) == (
        bare.at(rel, target),
        "cible-supprimee",
        f"« {target} » n'existe plus : supprimé par l'avenant n\u00b0\u00a01 (avenants/001-essai.yaml)",
        "un avenant ne peut modifier que la version qu'il amende",
    )


def test_an_article_replaced_without_an_id_keeps_its_own(bare: ProjectCopy) -> None:
    write_avenant(
        bare, 1, "2026-01-01", "  - remplacer: {cible: revision, par: {titre: R, contenu: [{paragraphe: X.}]}}\n"
    )
    write_avenant(bare, 2, "2026-06-01", "  - completer: {cible: revision, element: {paragraphe: Un alinéa.}}\n")
    article = next(
        a for a in versions_of(load_project(bare.root))[-1].project.convention.model.articles if a.id == "revision"
    )
    assert [b.paragraphe for b in article.contenu] == ["X.", "Un alinéa."]


def test_an_annex_removed_from_the_middle(bare: ProjectCopy) -> None:
    project = amended(
        bare, '  - retirer_annexe: {fiche: rh}\n  - parametre: {fiche: technique, champ: taux, valeur: "2 %"}\n'
    )
    assert project.convention.model.annexes == [
        "annexes/dga.yaml",
        "annexes/finances.yaml",
        "annexes/numerique.yaml",
        "annexes/administration-generale.yaml",
        "annexes/technique.yaml",
        "annexes/communication.yaml",
    ]
    assert [f.model.id for f in project.fiches] == [
        "dga",
        "finances",
        "numerique",
        "administration-generale",
        "technique",
        "communication",
    ]
    assert [str(f.model.facturation.taux) for f in project.fiches] == ["1", "5", "5", "1", "2", "1"]


def test_a_bullet_with_sub_bullets_a_sub_annex_and_an_annex_written_in_the_avenant(bare: ProjectCopy) -> None:
    """Each gets the ids a later avenant can target: a fiche written inline is then amended by avenant n° 2."""
    write_avenant(
        bare,
        1,
        "2026-01-01",
        f"""  - remplacer:
      cible: {LIST}/preparer-animer-points-mensuels-entre-drh
      par: {{texte: "Préparer :", items: [les points mensuels, les bilans]}}
  - remplacer:
      cible: plateforme-applications
      par: {{titre: Plateforme, contenu: [{{paragraphe: Les applications.}}]}}
  - inserer:
      apres: plateforme-applications
      element: {{id: sauvegardes, titre: Sauvegardes, contenu: [{{paragraphe: Les sauvegardes.}}]}}
  - ajouter_annexe:
      fiche:
{"".join("        " + line + chr(10) for line in EVENTS.splitlines())}""",
    )
    write_avenant(
        bare,
        2,
        "2026-06-01",
        "  - remplacer_mots:\n      cible: evenementiel/prestation/pole-evenementiel-prete-materiel\n"
        "      mots: le matériel\n      par: les tentes\n",
    )
    first, second = versions_of(load_project(bare.root))[1:]
    bullet = bullets(first.project)[4]
    assert bullet == ("preparer-animer-points-mensuels-entre-drh", "Préparer :")
    item = first.project.fiche("rh").sections[0].contenu[4].liste[4]  # type: ignore[index]
    assert [(i.id, i.texte) for i in item.items] == [
        ("points-mensuels", "les points mensuels"),
        ("bilans", "les bilans"),
    ]
    subs = first.project.fiche("numerique").sous_annexes
    assert [(s.id, s.titre, [(b.id, b.paragraphe) for b in s.contenu]) for s in subs] == [
        ("plateforme-applications", "Plateforme", [("applications", "Les applications.")]),
        ("sauvegardes", "Sauvegardes", [("sauvegardes", "Les sauvegardes.")]),
    ]
    assert first.project.convention.model.annexes[-1] == "avenants/001-essai.yaml#evenementiel"
    assert first.project.fiches[-1].source.path == "avenants/001-essai.yaml"
    (block,) = second.project.fiche("evenementiel").sections[0].contenu
    assert (block.id, block.paragraphe) == (
        "pole-evenementiel-prete-materiel",
        "Le pôle événementiel prête les tentes.",
    )


def test_a_paragraph_completed_or_inserted_is_targeted_by_a_later_avenant(bare: ProjectCopy) -> None:
    write_avenant(
        bare,
        1,
        "2026-01-01",
        "  - completer: {cible: rh/prestation, element: {liste: [Un suivi mensuel, Un bilan]}}\n"
        "  - inserer: {apres: duree/presente-convention-est-conclue-pour-une,"
        " element: {paragraphe: Elle est reconduite.}}\n",
    )
    write_avenant(
        bare,
        2,
        "2026-06-01",
        "  - remplacer_mots: {cible: rh/prestation/liste-un-suivi-mensuel/un-bilan, mots: bilan, par: bilan annuel}\n"
        "  - remplacer_mots: {cible: duree/elle-est-reconduite, mots: reconduite, par: renouvelée}\n",
    )
    project = versions_of(load_project(bare.root))[-1].project
    block = project.fiche("rh").sections[0].contenu[-1]
    assert [(i.id, i.texte) for i in block.liste or []] == [
        ("un-suivi-mensuel", "Un suivi mensuel"),
        ("un-bilan", "Un bilan annuel"),
    ]
    duree = next(a for a in project.convention.model.articles if a.id == "duree")
    assert [(b.id, b.paragraphe) for b in duree.contenu][1] == ("elle-est-reconduite", "Elle est renouvelée.")
