"""Bad avenants: one French message at the avenant's file:line:col, exit code 1."""

from __future__ import annotations

import pytest
from conftest import ProjectCopy, assert_single_error
from test_versions import RATE, without_avenants, write_avenant


@pytest.fixture
def bare(project: ProjectCopy) -> ProjectCopy:
    without_avenants(project)
    return project


def test_unknown_target_suggests_the_closest_id(bare: ProjectCopy) -> None:
    rel = write_avenant(bare, 1, "2026-01-01", "  - supprimer: {cible: resilliation}\n")
    run = bare.check()
    err = assert_single_error(run, bare.at(rel, "resilliation"), "cible-inconnue", "« resilliation »")
    assert "vouliez-vous dire « resiliation » ?" in err.message
    assert "n'existe pas dans la version amendée" in err.message


def test_unknown_fiche_of_a_parameter(bare: ProjectCopy) -> None:
    rel = write_avenant(bare, 1, "2026-01-01", '  - parametre: {fiche: rhh, champ: taux, valeur: "2 %"}\n')
    assert_single_error(bare.check(), bare.at(rel, "rhh"), "cible-inconnue", "vouliez-vous dire « rh » ?")


def test_two_avenants_with_the_same_number(bare: ProjectCopy) -> None:
    write_avenant(bare, 1, "2026-01-01", RATE.format(rate="4 %"))
    rel = write_avenant(bare, 1, "2026-06-01", RATE.format(rate="3 %"), name="avenants/001-bis.yaml")
    err = assert_single_error(bare.check(), bare.value_at(rel, "numero: 1"), "avenant-double", "n° 1")
    assert "avenants/001-essai.yaml" in err.message


@pytest.mark.parametrize(
    ("effet", "words"),
    [("2024-12-31", "31 décembre 2024"), ("2028-01-01", "1er janvier 2028")],
    ids=["avant-le-debut", "apres-la-fin"],
)
def test_effective_date_outside_the_convention(bare: ProjectCopy, effet: str, words: str) -> None:
    rel = write_avenant(bare, 1, effet, RATE.format(rate="4 %"), signature="2024-01-01")
    err = assert_single_error(bare.check(), bare.value_at(rel, f"date_effet: {effet}"), "date-effet", words)
    assert "du 1er janvier 2025 au 31 décembre 2027" in err.message


def test_effective_date_before_signature_needs_retroactif(bare: ProjectCopy) -> None:
    rel = write_avenant(bare, 1, "2026-01-01", RATE.format(rate="4 %"), signature="2026-02-15")
    err = assert_single_error(bare.check(), bare.value_at(rel, "date_effet: 2026-01-01"), "retroactif", "15 février")
    assert "retroactif: true" in err.hint
    bare.edit(rel, "modifications:\n", "retroactif: true\nmodifications:\n")
    assert bare.check().exit_code == 0


def test_a_change_to_an_annex_removed_by_an_earlier_avenant(bare: ProjectCopy) -> None:
    write_avenant(bare, 1, "2026-01-01", "  - retirer_annexe: {fiche: communication}\n")
    rel = write_avenant(
        bare, 2, "2026-06-01", "  - supprimer: {cible: communication/prestation}\n", signature="2026-01-01"
    )
    err = assert_single_error(
        bare.check(), bare.at(rel, "communication/prestation"), "cible-supprimee", "avenant n\u00b0\u00a01"
    )
    assert "avenants/001-essai.yaml" in err.message


def test_a_parameter_of_an_annex_removed_earlier(bare: ProjectCopy) -> None:
    write_avenant(bare, 1, "2026-01-01", "  - retirer_annexe: {fiche: communication}\n")
    rel = write_avenant(bare, 2, "2026-06-01", '  - parametre: {fiche: communication, champ: taux, valeur: "2 %"}\n')
    assert_single_error(bare.check(), bare.at(rel, "communication,"), "cible-supprimee", "retirée")


def test_two_avenants_setting_the_same_parameter_on_the_same_date(bare: ProjectCopy) -> None:
    write_avenant(bare, 1, "2026-01-01", RATE.format(rate="4 %"))
    rel = write_avenant(bare, 2, "2026-01-01", RATE.format(rate="3 %"))
    err = assert_single_error(bare.check(), bare.at(rel, "parametre"), "avenants-simultanes", "« taux »")
    assert "avenant n\u00b0\u00a01" in err.message


def test_a_rate_over_100_percent_is_reported_at_the_avenant(bare: ProjectCopy) -> None:
    rel = write_avenant(bare, 1, "2026-01-01", RATE.format(rate="120 %"))
    assert_single_error(bare.check(), bare.at(rel, '"120 %"'), "taux-hors-bornes", "120 %")


def test_an_unknown_service_is_reported_at_the_avenant(bare: ProjectCopy) -> None:
    rel = write_avenant(bare, 1, "2026-01-01", "  - parametre: {fiche: rh, champ: services, valeur: [DRHH]}\n")
    assert_single_error(bare.check(), bare.at(rel, "DRHH"), "service-inconnu", "vouliez-vous dire « DRH » ?")


def test_a_duplicate_id_is_reported_at_the_avenant(bare: ProjectCopy) -> None:
    rel = write_avenant(
        bare,
        1,
        "2026-01-01",
        "  - inserer:\n      apres: duree\n      element:\n        id: revision\n        titre: Autre\n"
        "        contenu: [{paragraphe: Un texte.}]\n",
    )
    err = assert_single_error(bare.check(), bare.at(rel, "inserer"), "id-double", "« revision »")
    assert "après l'avenant n\u00b0\u00a01" in err.message


def test_words_that_do_not_occur_once(bare: ProjectCopy) -> None:
    rel = write_avenant(
        bare,
        1,
        "2026-01-01",
        "  - remplacer_mots:\n      cible: duree/presente-convention-est-conclue-pour-une\n"
        "      mots: six mois\n      par: un an\n",
    )
    assert_single_error(bare.check(), bare.at(rel, "six mois"), "mots-introuvables", "« six mois »", "0 fois")


def test_a_problem_the_avenant_causes_elsewhere_is_reported_at_its_change(bare: ProjectCopy) -> None:
    """Deleting the only paragraph of an article leaves it empty: reported at the deletion."""
    rel = write_avenant(
        bare, 1, "2026-01-01", "  - supprimer: {cible: duree/presente-convention-est-conclue-pour-une}\n"
    )
    err = assert_single_error(bare.check(), bare.at(rel, "supprimer"), "type", "après l'avenant n\u00b0\u00a01")
    assert "convention.yaml:" in err.message


def test_nothing_is_written_by_build_when_an_avenant_is_wrong(bare: ProjectCopy) -> None:
    from click.testing import CliRunner

    from ccas_docs.cli.main import main

    write_avenant(bare, 1, "2026-01-01", "  - supprimer: {cible: resilliation}\n")
    result = CliRunner().invoke(main, ["build", str(bare.root), "--at", "2026-06-30"])
    assert result.exit_code == 1
    assert "erreur" in result.output and "Traceback" not in result.output
    assert not (bare.root / "output" / "consolidee-2026-06-30").exists()
