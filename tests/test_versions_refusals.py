"""Avenant changes that cannot apply: the whole message ``check`` prints at the change, for each way
a change can be wrong (versions/apply.py). Found by mutation testing (``benchmarks/mutation.py versions``)."""

from __future__ import annotations

import pytest
from conftest import ProjectCopy, assert_single_error
from test_versions import without_avenants, write_avenant

DECISION = "rh/prestation/prises-decision-relevent-neanmoins-competence-ccas"


@pytest.fixture
def bare(project: ProjectCopy) -> ProjectCopy:
    without_avenants(project)
    return project


def refused(bare: ProjectCopy, changes: str, where: str, code: str, nth: int = 1) -> tuple[str, str]:
    rel = write_avenant(bare, 1, "2026-01-01", changes)
    err = assert_single_error(bare.check(), bare.at(rel, where, nth), code)
    return err.message, err.hint


@pytest.mark.parametrize(
    ("changes", "where", "message"),
    [
        (
            "  - remplacer: {cible: duree, par: un texte}\n",
            "un texte",
            "la cible est l'article : écrire à sa place un élément avec « id », « titre » et « contenu »",
        ),
        (
            f"  - remplacer: {{cible: {DECISION}, par: {{titre: Un titre}}}}\n",
            "{titre",
            "la cible est l'alinéa : écrire à sa place un bloc (paragraphe:, liste:…)",
        ),
        (
            "  - remplacer: {cible: rh, par: {id: rh, titre: Une fiche}}\n",
            "{id: rh",
            "la cible est l'annexe : écrire à sa place une fiche (id:, titre:, sections:…)",
        ),
    ],
    ids=["article", "alinea", "annexe"],
)
def test_a_replacement_of_the_wrong_kind(bare: ProjectCopy, changes: str, where: str, message: str) -> None:
    assert refused(bare, changes, where, "nature-element")[0] == message


def test_a_field_without_sub_fields(bare: ProjectCopy) -> None:
    message, _ = refused(
        bare, "  - convention: {champ: duree_ans.mois, valeur: 4}\n", "duree_ans.mois", "champ-inconnu"
    )
    assert message == "« duree_ans » n'a pas de sous-champ"


def test_an_unknown_field_far_from_any_lists_the_fields(bare: ProjectCopy) -> None:
    message, hint = refused(bare, "  - convention: {champ: zzzzzz, valeur: 4}\n", "zzzzzz", "champ-inconnu")
    assert message == "champ « zzzzzz » inconnu"
    assert hint.startswith("champs possibles : ") and "duree_ans" in hint and "articles" not in hint


def test_words_replaced_in_an_article_are_refused(bare: ProjectCopy) -> None:
    message, _ = refused(
        bare, "  - remplacer_mots: {cible: duree, mots: trois, par: quatre}\n", "duree", "nature-element"
    )
    assert message == "« duree » n'est ni un paragraphe ni un élément de liste : remplacer l'élément entier"


def test_words_found_twice_are_ambiguous(bare: ProjectCopy) -> None:
    message, hint = refused(
        bare, f"  - remplacer_mots: {{cible: {DECISION}, mots: de, par: du}}\n", "de, par: du", "mots-ambigus"
    )
    assert message.startswith("les mots « de » figurent ")
    assert message.endswith(f" fois dans l'alinéa « {DECISION} » : ils doivent y figurer exactement une fois")
    assert hint == "allonger la citation pour qu'elle soit unique"


def test_an_annex_is_not_inserted_after_an_annex(bare: ProjectCopy) -> None:
    changes = "  - inserer: {apres: rh, element: {paragraphe: Un alinéa.}}\n"
    assert refused(bare, changes, "rh,", "nature")[0] == "pour ajouter une annexe, utiliser « ajouter_annexe »"


def test_only_an_article_or_a_section_is_completed(bare: ProjectCopy) -> None:
    changes = f"  - completer: {{cible: {DECISION}, element: {{paragraphe: Un alinéa.}}}}\n"
    message, hint = refused(bare, changes, DECISION, "nature")
    assert message == f"« {DECISION} » est l'alinéa : on complète un article ou une section"
    assert hint == "pour ajouter un alinéa ailleurs, utiliser « inserer »"


def test_an_annex_file_that_does_not_exist(bare: ProjectCopy) -> None:
    changes = "  - ajouter_annexe: {fichier: annexes/evenementiel.yaml}\n"
    message, _ = refused(bare, changes, "annexes/evenementiel.yaml", "fichier-manquant")
    assert message.startswith("fichier d'annexe « annexes/evenementiel.yaml » introuvable")
