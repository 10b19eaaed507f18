"""Prose with parameters: unknown names and references are located errors; the sandbox allows nothing else."""

from __future__ import annotations

import pytest
from conftest import ProjectCopy, assert_single_error

CONV = "convention.yaml"
DGA = "annexes/dga.yaml"
RH = "annexes/rh.yaml"
TECHNIQUE = "annexes/technique.yaml"
OBJET = "  - id: objet\n    titre: Objet\n    contenu:\n"
DGA_CONTENT = "    titre: Contenu de la prestation assurée\n    contenu:\n"
FORBIDDEN = "expression interdite"


def add_paragraph(project: ProjectCopy, rel: str, anchor: str, text: str) -> str:
    """Insert a one-line paragraph (double-quoted) after ``anchor``; return where its value starts."""
    line = f'      - paragraphe: "{text}"\n'
    project.edit(rel, anchor, anchor + line)
    return project.at(rel, f'"{text}"')


# --- references by id ----------------------------------------------------------------------------------


def test_unknown_article_in_a_one_line_paragraph(project: ProjectCopy) -> None:
    where = add_paragraph(project, CONV, OBJET, "Voir {{ article('duree-x') }}.")
    run = project.check()
    err = assert_single_error(
        run, where, "reference-inconnue", "article « duree-x » inconnu", "vouliez-vous dire « duree » ?"
    )
    assert "revision" in err.hint  # the known ids


def test_unknown_article_in_a_folded_paragraph_points_at_the_paragraph(project: ProjectCopy) -> None:
    project.edit(CONV, "{{ article('revision') }}", "{{ article('duree-x') }}")
    run = project.check()
    where = project.block_start(CONV, "{{ article('duree-x') }}")
    assert_single_error(run, where, "reference-inconnue", "vouliez-vous dire « duree » ?")


def test_unknown_annex_in_convention(project: ProjectCopy) -> None:
    project.edit(CONV, "{{ annexe('dga') }}", "{{ annexe('dgaa') }}")
    run = project.check()
    where = project.block_start(CONV, "{{ annexe('dgaa') }}")
    assert_single_error(run, where, "reference-inconnue", "annexe « dgaa » inconnue", "vouliez-vous dire « dga » ?")


def test_unknown_annex_in_a_fiche(project: ProjectCopy) -> None:
    where = add_paragraph(project, DGA, DGA_CONTENT, "Voir {{ annexe('ressources-humaine') }}.")
    run = project.check()
    assert_single_error(run, where, "reference-inconnue", "« ressources-humaine »", "annexe")


def test_article_id_is_not_an_annex_id(project: ProjectCopy) -> None:
    where = add_paragraph(project, CONV, OBJET, "Voir {{ annexe('duree') }}.")
    run = project.check()
    assert_single_error(run, where, "reference-inconnue", "annexe « duree » inconnue")


def test_sub_annex_can_be_referenced(project: ProjectCopy) -> None:
    add_paragraph(project, CONV, OBJET, "Voir {{ annexe('plateforme-applications') }} et {{ numero('rh') }}.")
    assert project.check().exit_code == 0


@pytest.mark.parametrize("call", ["{{ article() }}", "{{ article('duree', 'objet') }}"])
def test_helper_called_wrongly(project: ProjectCopy, call: str) -> None:
    where = add_paragraph(project, CONV, OBJET, f"Voir {call}.")
    run = project.check()
    err = assert_single_error(run, where, "parametre", "appel de fonction invalide")
    assert "article('duree')" in err.hint
    assert "missing" not in err.message and "positional" not in err.message  # no Python in French messages


def test_non_text_reference(project: ProjectCopy) -> None:
    where = add_paragraph(project, CONV, OBJET, "Voir {{ article(5) }}.")
    run = project.check()
    assert_single_error(run, where, "reference-inconnue", "article « 5 » inconnu")


# --- parameters ---------------------------------------------------------------------------------------------


def test_unknown_parameter_in_a_fiche_suggests_taux(project: ProjectCopy) -> None:
    where = add_paragraph(project, DGA, DGA_CONTENT, "Taux : {{ tauxx }}.")
    run = project.check()
    err = assert_single_error(
        run, where, "parametre-inconnu", "paramètre « tauxx » inconnu : vouliez-vous dire « taux » ?"
    )
    assert "taux" in err.hint.split(": ", 1)[1].split(", ")


def test_unknown_parameter_in_the_technical_fiche_drift_paragraphs(project: ProjectCopy) -> None:
    """Both « 5 % annuels » paragraphs rewritten with a typo: two real errors, each at its paragraph."""
    project.edit(TECHNIQUE, "les 5 % annuels estimés", "les {{ tauxx }} annuels estimés", count=2)
    run = project.check()
    assert run.exit_code == 1
    assert [(m.code, m.location) for m in run.errors] == [
        ("parametre-inconnu", project.block_start(TECHNIQUE, "{{ tauxx }}", nth=1)),
        ("parametre-inconnu", project.block_start(TECHNIQUE, "{{ tauxx }}", nth=2)),
    ]
    assert all("vouliez-vous dire « taux » ?" in m.message for m in run.errors)
    assert "derive-taux" not in run.codes()


def test_fiche_parameter_is_unknown_in_the_convention_body(project: ProjectCopy) -> None:
    """``taux`` belongs to a fiche: the convention's articles cannot name it (which rate would it be?)."""
    where = add_paragraph(project, CONV, OBJET, "Au taux de {{ taux }}.")
    run = project.check()
    assert_single_error(run, where, "parametre-inconnu", "paramètre « taux » inconnu")


@pytest.mark.parametrize(
    ("rel", "anchor", "text"),
    [
        (CONV, OBJET, "{{ ville }} et {{ ccas }} ; {{ ville_nom }}, {{ ccas_nom }}, {{ duree }}, {{ date_effet }}"),
        (DGA, DGA_CONTENT, "{{ taux }} de {{ base }} de l'année {{ annee_reference }} : {{ fiche }} ; {{ ville }}"),
    ],
    ids=["convention", "fiche"],
)
def test_known_parameters_render(project: ProjectCopy, rel: str, anchor: str, text: str) -> None:
    add_paragraph(project, rel, anchor, text)
    run = project.check()
    assert run.exit_code == 0, run.output
    assert run.errors == []


def test_unknown_parameter_in_a_bullet(project: ProjectCopy) -> None:
    project.edit(DGA, "          - L'animation de la convention", "          - L'animation de {{ la_convention }}")
    run = project.check()
    where = project.at(DGA, "L'animation de {{")
    assert_single_error(run, where, "parametre-inconnu", "« la_convention » inconnu")


def test_unknown_parameter_in_a_nested_bullet(project: ProjectCopy) -> None:
    old = "                      - La DST intervient pour constater et évaluer la solution\n"
    project.edit(TECHNIQUE, old, old.replace("La DST", "La {{ dst }}"))
    run = project.check()
    assert_single_error(run, project.at(TECHNIQUE, "La {{ dst }}"), "parametre-inconnu", "« dst » inconnu")


def test_unknown_parameter_in_a_responsibility_table(project: ProjectCopy) -> None:
    project.edit(TECHNIQUE, "            - locaux: Cosec - bureaux dédiés", "            - locaux: Cosec {{ bureaux }}")
    run = project.check()
    where = project.value_at(TECHNIQUE, "            - locaux: Cosec {{ bureaux }}")
    assert_single_error(run, where, "parametre-inconnu", "« bureaux » inconnu")


def test_unknown_parameter_in_a_sub_heading(project: ProjectCopy) -> None:
    old = '      - intertitre: "Services pris en charge financièrement par le C.C.A.S. :"'
    project.edit(TECHNIQUE, old, old.replace("le C.C.A.S.", "{{ le_ccas }}"))
    run = project.check()
    where = project.at(TECHNIQUE, '"Services pris en charge financièrement par {{')
    assert_single_error(run, where, "parametre-inconnu", "« le_ccas » inconnu", "vouliez-vous dire « ccas » ?")


# --- the sandbox: parameters and reference functions, nothing else -----------------------------------------


@pytest.mark.parametrize(
    "expression",
    [
        "{{ ''.__class__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ ''.upper() }}",
        "{{ ville.upper() }}",
        "{{ ville.__class__ }}",
        "{{ article.__globals__ }}",
        "{% for i in ville %}x{% endfor %}",
        "{% set ville = 'x' %}",
        "{{ 'a' * 100000000 }}",
        "{{ 9 ** 9 ** 9 }}",
        "{{ 1 + 1 }}",
        "{{ -1 }}",
    ],
)
def test_forbidden_expressions(project: ProjectCopy, expression: str) -> None:
    where = add_paragraph(project, CONV, OBJET, f"Avant {expression} après.")
    run = project.check()
    err = assert_single_error(run, where, "parametre-interdit", FORBIDDEN)
    assert "ville" in err.hint  # what the user may write instead


def test_item_access_is_forbidden(project: ProjectCopy) -> None:
    where = add_paragraph(project, CONV, OBJET, "{{ ville['x'] }}")
    run = project.check()
    assert_single_error(run, where, "parametre-interdit", FORBIDDEN)


@pytest.mark.parametrize(
    "name", ["cycler", "lipsum", "namespace", "joiner", "dict", "range", "self", "config", "__helpers__"]
)
def test_jinja_globals_do_not_exist(project: ProjectCopy, name: str) -> None:
    """Not even the names jinja2 provides itself (``self`` would print « <TemplateReference None> »)."""
    where = add_paragraph(project, CONV, OBJET, f"{{{{ {name} }}}}")
    run = project.check()
    assert_single_error(run, where, "parametre-inconnu", f"paramètre « {name} » inconnu")


def test_unknown_filter(project: ProjectCopy) -> None:
    where = add_paragraph(project, CONV, OBJET, "{{ ville|title }}")
    run = project.check()
    assert_single_error(run, where, "parametre", "filtre « title » inconnu")


def test_misspelt_filter_suggests_the_real_one(project: ProjectCopy) -> None:
    where = add_paragraph(project, CONV, OBJET, "{{ ville|majuscul }} s'engage.")
    run = project.check()
    assert_single_error(run, where, "parametre", "filtre « majuscul » inconnu : vouliez-vous dire « majuscule » ?")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{{ ville", "« {{ » ouvert et jamais fermé"),
        ("{{ ville des délais", "« }} » attendu avant « des »"),
        ("{{ }}", "paramètre mal écrit"),
    ],
)
def test_malformed_parameter(project: ProjectCopy, text: str, words: str) -> None:
    where = add_paragraph(project, CONV, OBJET, text)
    run = project.check()
    err = assert_single_error(run, where, "parametre", words)
    assert "{{ nom }}" in err.hint


def test_nested_parentheses_past_the_bound(project: ProjectCopy) -> None:
    where = add_paragraph(project, CONV, OBJET, "Voir {{ article(((('duree')))) }}.")
    run = project.check()
    assert_single_error(run, where, "parametre-interdit")
    assert (
        f"{where}: erreur: expression interdite dans le texte : plus de 3 parenthèses imbriquées [parametre-interdit]\n"
        "    conseil : un paramètre s'écrit {{ nom }} ; une référence {{ article('id') }}\n"
    ) in run.stderr


def test_plain_braces_without_parameter_are_text(project: ProjectCopy) -> None:
    add_paragraph(project, CONV, OBJET, "Un ensemble {a, b} et une accolade }.")
    assert project.check().exit_code == 0


# --- rates written in prose --------------------------------------------------------------------------------


def test_prose_rate_equal_to_the_billing_rate_is_fine(project: ProjectCopy) -> None:
    add_paragraph(project, RH, "    contenu:\n", "Le taux est de 5 %, soit 5,0 %.")
    run = project.check()
    assert "derive-taux" not in [(m.code) for m in run.warnings if m.location.startswith(RH)]


def test_prose_rate_that_differs_is_a_drift(project: ProjectCopy) -> None:
    where = add_paragraph(project, RH, "    contenu:\n", "Le taux est de 3,5 %.")
    run = project.check()
    assert run.exit_code == 0
    (drift,) = [m for m in run.warnings if m.code == "derive-taux" and m.location.startswith(RH)]
    assert drift.location == where
    assert "« 3,5 % »" in drift.message and "5\u202f%" in drift.message


def test_rate_parameter_is_never_a_drift(project: ProjectCopy) -> None:
    add_paragraph(project, RH, "    contenu:\n", "Le taux est de {{ taux }}.")
    run = project.check()
    assert not [m for m in run.warnings if m.code == "derive-taux" and m.location.startswith(RH)]
