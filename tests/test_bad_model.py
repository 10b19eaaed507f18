"""Valid YAML that does not fit the model: wrong types, unknown keys, missing files, bad rates, bad ids."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ProjectCopy, assert_single_error

from ccas_docs.model.project import load_project

CONV = "convention.yaml"
DGA = "annexes/dga.yaml"
TECHNIQUE = "annexes/technique.yaml"
_DGA_TEXT = (Path(__file__).resolve().parents[1] / DGA).read_text(encoding="utf-8")
DGA_BILLING = _DGA_TEXT[_DGA_TEXT.index("facturation:\n") :].rstrip("\n")  # the whole block, to the end of the file


# --- wrong types ----------------------------------------------------------------------------------------


def test_list_where_a_mapping_is_expected(project: ProjectCopy) -> None:
    project.edit(DGA, DGA_BILLING, 'facturation:\n  - taux: 1 %\n  - services: COM\n  - imputation: "70841"')
    run = project.check()
    assert_single_error(run, project.at(DGA, "- taux"), "type", "bloc « clé: valeur » attendu", "liste trouvée")


def test_text_where_a_mapping_is_expected(project: ProjectCopy) -> None:
    project.edit(DGA, DGA_BILLING, "facturation: 1 % de COM")
    run = project.check()
    assert_single_error(run, project.value_at(DGA, "facturation: 1 % de COM"), "type", "bloc « clé: valeur »")


def test_mapping_where_a_list_is_expected(project: ProjectCopy) -> None:
    text = project.text(CONV)
    start = text.index("annexes:\n  - annexes/dga.yaml")
    end = text.index("\n\n", start)
    items = text[start:end].splitlines()[1:]
    mapping = "\n".join(f"  {item.split('/')[-1].removesuffix('.yaml')}: {item.strip()[2:]}" for item in items)
    project.write(CONV, text[:start] + "annexes:\n" + mapping + text[end:])
    run = project.check()
    assert_single_error(
        run, project.at(CONV, "  dga: annexes/dga.yaml", offset=2), "type", "liste attendue", "« - »", "bloc"
    )


def test_mapping_where_a_list_of_bullets_is_expected(project: ProjectCopy) -> None:
    text = project.text(DGA)
    start = text.index("      - liste:\n") + len("      - liste:\n")
    end = text.index("\n\n", start)
    bullets = text[start:end].splitlines()
    keyed = "\n".join(f"          mission{n}: {line.strip()[2:]}" for n, line in enumerate(bullets, 1))
    project.write(DGA, text[:start] + keyed + text[end:])
    run = project.check()
    assert_single_error(run, project.at(DGA, "mission1:"), "type", "liste attendue", "bloc « clé: valeur » trouvé")


def test_number_where_an_integer_is_expected(project: ProjectCopy) -> None:
    project.edit(CONV, "duree_ans: 3", "duree_ans: trois")
    run = project.check()
    assert_single_error(run, project.value_at(CONV, "duree_ans: trois"), "type", "nombre entier attendu", "« trois »")


def test_value_out_of_bounds(project: ProjectCopy) -> None:
    project.edit(CONV, "duree_ans: 3", "duree_ans: 99")
    run = project.check()
    assert_single_error(run, project.value_at(CONV, "duree_ans: 99"), "type", "« 99 » hors bornes", "au plus 20")


def test_bad_date(project: ProjectCopy) -> None:
    project.edit(CONV, "date_effet: 2025-01-01", "date_effet: 1er janvier 2025")
    run = project.check()
    assert_single_error(run, project.value_at(CONV, "date_effet: 1er janvier 2025"), "type", "AAAA-MM-JJ")


def test_literal_choice(project: ProjectCopy) -> None:
    project.edit(TECHNIQUE, "                  charge: ccas\n", "                  charge: ville\n")
    run = project.check()
    assert_single_error(run, project.value_at(TECHNIQUE, "  charge: ville"), "type", "« ville » invalide", "ccas")


def test_block_with_two_contents(project: ProjectCopy) -> None:
    project.edit(
        DGA,
        '      - paragraphe: "Ses missions portent sur :"',
        '      - paragraphe: "Ses missions :"\n        intertitre: X',
    )
    run = project.check()
    assert_single_error(run, project.at(DGA, 'paragraphe: "Ses missions :"'), "bloc", "exactement une", "intertitre")


# --- unknown and missing keys --------------------------------------------------------------------------


def test_unknown_key_suggests_the_right_one_once(project: ProjectCopy) -> None:
    """« tauxx » is one mistake: not « tauxx inconnue » plus « taux manquante »."""
    project.edit(DGA, "  taux: 1 %", "  tauxx: 5 %")
    run = project.check()
    err = assert_single_error(run, project.at(DGA, "tauxx"), "cle-inconnue", "clé « tauxx » inconnue")
    assert err.message.endswith("vouliez-vous dire « taux » ?")


def test_unknown_key_without_close_match_lists_the_allowed_keys(project: ProjectCopy) -> None:
    project.edit(DGA, '  imputation: "70841"', '  imputation: "70841"\n  couleur: bleu')
    run = project.check()
    err = assert_single_error(run, project.at(DGA, "couleur"), "cle-inconnue", "clé « couleur » inconnue")
    assert "vouliez-vous" not in err.message
    assert "taux" in err.hint and "services" in err.hint


def test_unknown_key_deep_in_prose(project: ProjectCopy) -> None:
    project.edit(
        DGA, '      - paragraphe: "Ses missions portent sur :"', '      - paragrafe: "Ses missions portent sur :"'
    )
    run = project.check()
    assert_single_error(run, project.at(DGA, "paragrafe"), "cle-inconnue", "vouliez-vous dire « paragraphe » ?")


def test_missing_required_key(project: ProjectCopy) -> None:
    project.edit(DGA, '  imputation: "70841"\n', "")
    run = project.check()
    err = assert_single_error(run, project.at(DGA, "facturation:"), "cle-manquante", "« imputation » obligatoire")
    assert "imputation: …" in err.hint


# --- files named in convention.yaml ---------------------------------------------------------------------


def test_missing_annex_file_with_a_close_name(project: ProjectCopy) -> None:
    project.edit(CONV, "  - annexes/rh.yaml", "  - annexes/rhh.yaml")
    run = project.check()
    assert_single_error(
        run,
        project.at(CONV, "annexes/rhh.yaml"),
        "fichier-manquant",
        "« annexes/rhh.yaml » introuvable",
        "vouliez-vous dire « annexes/rh.yaml » ?",
    )


def test_missing_annex_file_without_a_close_name(project: ProjectCopy) -> None:
    project.path("annexes/rh.yaml").unlink()
    run = project.check()
    err = assert_single_error(run, project.at(CONV, "annexes/rh.yaml"), "fichier-manquant", "introuvable")
    assert "vouliez-vous" not in err.message  # « dga.yaml » is not a suggestion for « rh.yaml »
    assert "créer le fichier" in err.hint


@pytest.mark.parametrize("outside", ["../../etc/passwd", "/etc/passwd", "annexes/../../secret.yaml"])
def test_annex_path_outside_the_project(project: ProjectCopy, outside: str) -> None:
    project.edit(CONV, "  - annexes/rh.yaml", f"  - {outside}")
    run = project.check()
    err = assert_single_error(run, project.at(CONV, outside), "chemin", f"« {outside} » sort du dossier du projet")
    assert "relatif" in err.hint


def test_organisation_path_outside_the_project(project: ProjectCopy) -> None:
    project.edit(CONV, "organisation: services.yaml", "organisation: /etc/services.yaml")
    run = project.check()
    assert_single_error(run, project.at(CONV, "/etc/services.yaml"), "chemin", "sort du dossier du projet")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symlinks unavailable")
def test_symlink_leading_outside_the_project(project: ProjectCopy) -> None:
    outside = project.root.parent / "ailleurs.yaml"
    outside.write_text(project.text("annexes/rh.yaml"), encoding="utf-8")
    project.path("annexes/rh.yaml").unlink()
    project.path("annexes/rh.yaml").symlink_to(outside)
    run = project.check()
    assert_single_error(run, project.at(CONV, "annexes/rh.yaml"), "chemin", "sort du dossier du projet")


def test_path_inside_the_project_written_the_long_way_is_fine(project: ProjectCopy) -> None:
    project.edit(CONV, "  - annexes/rh.yaml", "  - annexes/../annexes/./rh.yaml")
    assert project.check().exit_code == 0


def test_same_annex_listed_twice(project: ProjectCopy) -> None:
    project.edit(CONV, "  - annexes/rh.yaml", "  - annexes/rh.yaml\n  - annexes/rh.yaml")
    run = project.check()
    # the fiche id « rh » is then declared twice as well: two real consequences, both located
    assert run.exit_code == 1
    assert "annexe-double" in run.codes("erreur")
    (double,) = [m for m in run.errors if m.code == "annexe-double"]
    assert double.location == project.at(CONV, "annexes/rh.yaml", nth=2)


# --- rates -------------------------------------------------------------------------------------------------


def test_bare_number_rate(project: ProjectCopy) -> None:
    project.edit(DGA, "  taux: 1 %", "  taux: 5")
    run = project.check()
    err = assert_single_error(run, project.value_at(DGA, "  taux: 5"), "taux", "taux « 5 » invalide : écrire « 5 % »")
    assert '"5 %"' in err.hint


def test_bare_decimal_rate_is_shown_the_french_way(project: ProjectCopy) -> None:
    project.edit(DGA, "  taux: 1 %", "  taux: 5.5")
    run = project.check()
    assert_single_error(run, project.value_at(DGA, "  taux: 5.5"), "taux", "taux « 5,5 » invalide : écrire « 5,5 % »")


def test_rate_out_of_bounds(project: ProjectCopy) -> None:
    project.edit(DGA, "  taux: 1 %", '  taux: "120 %"')
    run = project.check()
    assert_single_error(run, project.value_at(DGA, '  taux: "120 %"'), "taux-hors-bornes", "« 120 % » hors bornes")


@pytest.mark.parametrize("written", ["-1 %", "cinq %", "5 pour cent", "true"])
def test_unreadable_rate(project: ProjectCopy, written: str) -> None:
    project.edit(DGA, "  taux: 1 %", f"  taux: {written}")
    run = project.check()
    assert_single_error(run, project.value_at(DGA, f"  taux: {written}"), "taux", "taux", "invalide")


@pytest.mark.parametrize("written", ["monsieur", "Mme", "M.", "Madame, Monsieur"])
def test_a_civility_is_madame_or_monsieur(project: ProjectCopy, written: str) -> None:
    """The contract agrees « habilitée » / « habilité » with it: anything else is one located error."""
    project.edit(CONV, "civilite: À COMPLÉTER (Madame ou Monsieur)", f"civilite: {written}")
    run = project.check()
    assert_single_error(
        run,
        project.value_at(CONV, f"      civilite: {written}"),
        "type",
        f"civilité « {written} » invalide",
        "« Madame » ou « Monsieur »",
    )


def test_empty_rate_points_at_the_key_not_the_next_line(project: ProjectCopy) -> None:
    project.edit(DGA, "  taux: 1 %", "  taux:")
    run = project.check()
    assert_single_error(run, project.at(DGA, "taux:"), "taux", "taux invalide")


@pytest.mark.parametrize(
    ("written", "value"),
    [("5,5 %", Decimal("5.5")), ('"5%"', Decimal("5")), ("0,25 %", Decimal("0.25")), ("100 %", Decimal("100"))],
)
def test_french_rates_are_accepted_and_exact(project: ProjectCopy, written: str, value: Decimal) -> None:
    project.edit(DGA, "  taux: 1 %", f"  taux: {written}")
    run = project.check()
    assert run.exit_code == 0, run.output
    rate = load_project(project.root).fiche("dga").facturation.taux
    assert isinstance(rate, Decimal)
    assert rate == value
    assert str(rate) == str(value)  # stored exactly, no binary float on the way


# --- ids and codes ------------------------------------------------------------------------------------------


def test_article_id_used_twice(project: ProjectCopy) -> None:
    project.edit(CONV, "  - id: perimetre\n", "  - id: objet\n")
    run = project.check()
    first = project.value_at(CONV, "  - id: objet", nth=1)
    err = assert_single_error(
        run, project.value_at(CONV, "  - id: objet", nth=2), "id-double", "« objet » déjà utilisé"
    )
    assert f"({first})" in err.message
    assert "unique" in err.hint


def test_invalid_id_spelling(project: ProjectCopy) -> None:
    project.edit(CONV, "  - id: objet\n", "  - id: Objet de la convention\n")
    run = project.check()
    assert_single_error(
        run, project.value_at(CONV, "  - id: Objet de la convention"), "type", "identifiant", "minuscules"
    )


def test_unknown_service_code_suggests_the_close_one(project: ProjectCopy) -> None:
    project.edit(DGA, "  services: COM", "  services: COMM")
    run = project.check()
    err = assert_single_error(
        run,
        project.value_at(DGA, "  services: COMM"),
        "service-inconnu",
        "« COMM » inconnu",
        "vouliez-vous dire « COM » ?",
    )
    assert "DGA-PR" in err.hint  # the declared codes


def test_unknown_service_code_in_a_list(project: ProjectCopy) -> None:
    project.edit(TECHNIQUE, "    - DST-VL\n", "    - DST-V\n")
    run = project.check()
    assert_single_error(
        run, project.at(TECHNIQUE, "DST-V\n"), "service-inconnu", "« DST-V » inconnu", "vouliez-vous dire « DST-VL » ?"
    )


def test_unknown_direction_of_a_fiche(project: ProjectCopy) -> None:
    project.edit(DGA, "direction: dga", "direction: dgaa")
    run = project.check()
    assert_single_error(
        run, project.value_at(DGA, "direction: dgaa"), "direction-inconnue", "« dgaa » inconnue", "« dga »"
    )


def test_service_declared_twice(project: ProjectCopy) -> None:
    entry = "  - code: DST-EV\n    libelle: service des espaces verts\n    article: le\n    direction: dst\n"
    project.write("services.yaml", project.text("services.yaml").rstrip("\n") + "\n" + entry)
    run = project.check()
    assert_single_error(
        run, project.value_at("services.yaml", "  - code: DST-EV", nth=2), "id-double", "« DST-EV » déclaré deux fois"
    )


@pytest.mark.parametrize(
    ("pattern", "printed", "chars"),
    [
        ("{annee}/CCAS/{sequence:03d}", "2025/CCAS/001", "« / » ne peut pas"),
        ("{annee}|CCAS:{sequence}", "2025|CCAS:1", "« | », « : » ne peuvent pas"),
    ],
)
def test_invoice_number_that_could_not_name_a_file(
    project: ProjectCopy, pattern: str, printed: str, chars: str
) -> None:
    """The number names the invoice's files: « 2025/CCAS/001 » would be a folder, not an invoice."""
    line = f'  numero: "{pattern}"'
    project.edit(CONV, '  numero: "{annee}-CCAS-{sequence:03d}"', line)
    err = assert_single_error(run := project.check(), project.value_at(CONV, line), "numero-facture")
    assert err.message == (
        f"modèle de numéro de facture « {pattern} » invalide (il donnerait « {printed} » : {chars} figurer dans "
        "un numéro, qui nomme aussi ses fichiers)"
    )
    assert (
        "conseil : écrire par exemple « {annee}-CCAS-{sequence:03d} » : seuls {annee} et {sequence} sont" in run.stderr
    )


def test_invoice_number_with_a_format_spec_is_accepted(project: ProjectCopy) -> None:
    """« {sequence:03d} » holds a colon: what is checked is the number printed, not the pattern."""
    project.edit(CONV, '  numero: "{annee}-CCAS-{sequence:03d}"', '  numero: "CCAS {annee}.{sequence:04d}"')
    assert "numero-facture" not in project.check().codes()


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ("{annee}-{seq}", "« {seq} » inconnu"),
        ("{annee}-{sequence", "accolades mal formées"),
        ("{annee[0]}-{sequence}", "accolades mal formées"),
        ("CCAS-{annee}", "sans {sequence}, deux documents de l'année auraient le même numéro"),
    ],
)
def test_invoice_number_pattern_that_does_not_format(project: ProjectCopy, pattern: str, why: str) -> None:
    """Told by check, at its line, not only when the first invoice is issued."""
    line = f'  numero: "{pattern}"'
    project.edit(CONV, '  numero: "{annee}-CCAS-{sequence:03d}"', line)
    err = assert_single_error(project.check(), project.value_at(CONV, line), "numero-facture")
    assert err.message == f"modèle de numéro de facture « {pattern} » invalide ({why})"
