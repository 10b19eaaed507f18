"""The prose sandbox on its own: what a text becomes, and the whole message when it cannot be printed.

``test_bad_prose`` checks the same rules through ``ccas-docs check`` on the shipped convention
(positions in the YAML); here each rule is exercised directly, with the exact text, code and hint,
in both paths of the renderer (the fast one for the common forms, and the sandboxed Jinja one).
The Jinja environment is rebuilt for every test, as in a fresh process.
"""

from __future__ import annotations

import pytest
from conftest import ProjectCopy, assert_single_error

from ccas_docs.common.diagnostics import Diagnostic, Location, UserError
from ccas_docs.model import prose
from ccas_docs.model.numbering import Numbering, Target
from ccas_docs.model.prose import Scope, render, strip_comments

WHERE = Location("annexes/rh.yaml", 12, 9)
TECHNIQUE = "annexes/technique.yaml"
NAMES = "annexe, article, ccas, numero, taux, ville"


@pytest.fixture(autouse=True)
def fresh_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prose, "_env", None)


@pytest.fixture
def scope() -> Scope:
    numbering = Numbering(
        articles={"duree": Target("article", "duree", "7", "Durée"), "objet": Target("article", "objet", "1", "Objet")},
        annexes={"rh": Target("annexe", "rh", "4", "RH"), "plateforme": Target("annexe", "plateforme", "3.1", "P")},
    )
    return Scope({"ville": "la Ville", "ccas": "le C.C.A.S.", "taux": "5\u202f%"}, numbering)


def fails(text: str, scope: Scope) -> Diagnostic:
    with pytest.raises(UserError) as exc:
        render(text, scope, WHERE)
    [d] = exc.value.diagnostics
    assert d.location == WHERE
    return d


# --- what a text becomes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("Sans paramètre, {accolades} comprises.", "Sans paramètre, {accolades} comprises."),
        ("{{ ville }} et {{ccas}}", "la Ville et le C.C.A.S."),
        ("{{ ville|majuscule }} s'engage", "La Ville s'engage"),
        ("{{ ville | majuscule }} s'engage", "La Ville s'engage"),
        ("{{ ccas|majuscule }} transmet", "Le C.C.A.S. transmet"),
        ("au taux de {{ taux }}.", "au taux de 5\u202f%."),
        ("selon {{ article('duree') }} et {{ annexe('rh') }}", "selon l'article 7 et l'annexe 4"),
        ("{{ annexe( 'plateforme' ) }}", "l'annexe 3.1"),
        ("annexe {{ numero('plateforme') }}, article {{ numero('objet') }}", "annexe 3.1, article 1"),
        # the same through Jinja (double quotes are not the common form)
        ('selon {{ article("duree") }} et {{ annexe("rh") }}', "selon l'article 7 et l'annexe 4"),
        ('annexe {{ numero("rh") }}', "annexe 4"),
        ('{{ ville|majuscule }} et {{ article("duree") }}', "La Ville et l'article 7"),
        ("{{ (ville) }}", "la Ville"),
        ("{{ annexe(ref='rh') }}", "l'annexe 4"),
        # a text ends as written (a literal block keeps its last line break), whichever path renders it
        ("{{ ville }}\n", "la Ville\n"),
        ('{{ ville }} et {{ annexe("rh") }}\n', "la Ville et l'annexe 4\n"),
    ],
)
def test_rendered_text(text: str, printed: str, scope: Scope) -> None:
    assert render(text, scope, WHERE) == printed


def test_check_validates_without_formatting(scope: Scope) -> None:
    assert render("{{ ville }} selon {{ article('duree') }}", scope, WHERE, evaluate=False).endswith("l'article 7")
    with pytest.raises(UserError):
        render("{{ villes }}", scope, WHERE, evaluate=False)


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("la {# note #} convention", "la convention"),
        ("la{# note #} convention", "la convention"),
        ("la {# note #}convention", "la convention"),
        ("la{# note #}convention", "laconvention"),
        ("{# note #} Début", "Début"),
        ("Fin. {# note #}", "Fin."),
        ("un\n{# note #}\ndeux", "un\ndeux"),
        ("a {# un #} b {# deux #} c", "a b c"),
        ("a {# sur\ndeux lignes #} b", "a b"),
        ("{# seul #}", ""),
    ],
)
def test_comments_are_removed_with_their_spaces(text: str, printed: str, scope: Scope) -> None:
    assert strip_comments(text) == printed
    assert render(text, scope, WHERE) == printed


def test_comment_beside_a_parameter(scope: Scope) -> None:
    assert render("{{ ville|majuscule }} {# à vérifier #} s'engage", scope, WHERE) == "La Ville s'engage"
    assert render("{# {{ inconnu }} #}{{ taux }}", scope, WHERE) == "5\u202f%"


# --- what cannot be printed -----------------------------------------------------------------------


def test_unknown_parameter_with_and_without_suggestion(scope: Scope) -> None:
    d = fails("{{ tau }}", scope)
    assert (d.message, d.code, d.hint) == (
        "paramètre « tau » inconnu : vouliez-vous dire « taux » ?",
        "parametre-inconnu",
        f"paramètres disponibles : {NAMES}",
    )
    d = fails("Texte {{ zzzzzz }} et {{ ville }}", scope)
    assert (d.message, d.code) == ("paramètre « zzzzzz » inconnu", "parametre-inconnu")


@pytest.mark.parametrize("name", ["self", "range", "__helpers__", "lipsum"])
def test_jinja_own_names_are_unknown(name: str, scope: Scope) -> None:
    d = fails(f"{{{{ {name} }}}}", scope)
    assert (d.message, d.code) == (f"paramètre « {name} » inconnu", "parametre-inconnu")


def test_a_name_saying_attribute_is_an_unknown_parameter(scope: Scope) -> None:
    """Not « pas d'accès aux attributs »: the word was looked for in jinja2's message, which holds the name."""
    d = fails("{{ attributes_ville }}", scope)
    assert (d.message, d.code, d.hint) == (
        "paramètre « attributes_ville » inconnu",
        "parametre-inconnu",
        f"paramètres disponibles : {NAMES}",
    )


FORBIDDEN = (
    "expression interdite dans le texte : seuls les paramètres et les fonctions article(), annexe(), numero() "
    "sont permis"
)


@pytest.mark.parametrize(
    "text",
    [
        "{{ ville() }}",
        "{{ taux * 2 }}",
        "{{ taux + taux }}",
        "{{ taux % 2 }}",
        "{{ 3 - 1 }}",
        "{{ 4 / 2 }}",
        "{{ 4 // 2 }}",
        "{{ 2 ** 3 }}",
        "{{ ville }} {% if ville %} {{ ccas }}{% endif %}",
        "{{ -taux }}",
        "{{ +taux }}",
        "{% if ville %}x{% endif %}",
        "{{ article.__call__('duree') }}",
        # a helper takes literal identifiers only, and the filter takes nothing
        "{{ article(ville) }}",
        "{{ article(*ville) }}",
        "{{ ville|majuscule(1) }}",
        "{{ ville|majuscule(x=1) }}",
        "{{ ville|majuscule(*ville) }}",
        "{{ 'texte'|majuscule }}",
    ],
)
def test_forbidden_expressions(text: str, scope: Scope) -> None:
    d = fails(text, scope)
    assert (d.message, d.code, d.hint) == (FORBIDDEN, "parametre-interdit", f"paramètres disponibles : {NAMES}")


@pytest.mark.parametrize("text", ["{{ ville.upper }}", "{{ article.__name__ }}"])
def test_attribute_access_is_forbidden(text: str, scope: Scope) -> None:
    d = fails(text, scope)
    assert (d.message, d.code) == (FORBIDDEN, "parametre-interdit")


@pytest.mark.parametrize("text", ["{{ ville['x'] }}", "{{ ville is defined }}", "{{ 'texte' }}"])
def test_item_access_tests_and_literals_are_forbidden(text: str, scope: Scope) -> None:
    d = fails(text, scope)
    assert (d.message, d.code, d.hint) == (FORBIDDEN, "parametre-interdit", f"paramètres disponibles : {NAMES}")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{ ville|majuscul }}", "filtre « majuscul » inconnu : vouliez-vous dire « majuscule » ?"),
        ("{{ ville|title }}", "filtre « title » inconnu"),
        ("{{ ville", "« {{ » ouvert et jamais fermé par « }} »"),
        ("{{ ville des délais }}", "« }} » attendu avant « des »"),
        ("{# jamais fermé", "commentaire « {# » ouvert et jamais fermé par « #} »"),
        ("{{ }}", "« {{ }} » vide : écrire un paramètre entre les accolades, par exemple {{ taux }}"),
        (
            "{{ ville }} {% if ville %} {{ ccas }}",
            "instruction « {% … %} » non permise : seuls les paramètres {{ … }} le sont",
        ),
        ("{% if ville %} texte", "instruction « {% … %} » non permise : seuls les paramètres {{ … }} le sont"),
        ("{% ville", "instruction « {% … %} » non permise : seuls les paramètres {{ … }} le sont"),
        ("{% if ville texte", "instruction « {% … %} » non permise : seuls les paramètres {{ … }} le sont"),
        ("{{ ville ) }}", "« ) » inattendu"),
        ("{{ article('duree' }}", "« } » inattendu : « ) » attendu"),
        ("{{ article('duree) }}", "guillemet « ' » ouvert et jamais fermé"),
        ('{{ article("duree) }}', 'guillemet « " » ouvert et jamais fermé'),
        # what jinja2 would say in English (« expected name or number ») is no help to a French user
        ("{{ ville . }}", "écriture non reconnue entre les accolades"),
        ("{{ ville| }}", "écriture non reconnue entre les accolades"),
    ],
)
def test_malformed_text(text: str, message: str, scope: Scope) -> None:
    d = fails(text, scope)
    assert (d.message, d.code, d.hint) == (
        f"paramètre mal écrit : {message}",
        "parametre",
        "un paramètre s'écrit {{ nom }} ; une référence {{ article('id') }}",
    )


@pytest.mark.parametrize(
    ("text", "message", "known"),
    [
        (
            "{{ article('dure') }}",
            "référence à un article « dure » inconnu : vouliez-vous dire « duree » ?",
            "duree, objet",
        ),
        ('{{ article("zzzz") }}', "référence à un article « zzzz » inconnu", "duree, objet"),
        (
            "{{ annexe('rhh') }}",
            "référence à une annexe « rhh » inconnue : vouliez-vous dire « rh » ?",
            "plateforme, rh",
        ),
        ("{{ annexe('duree') }}", "référence à une annexe « duree » inconnue", "plateforme, rh"),
        ("{{ numero('xyz') }}", "référence « xyz » inconnue", "duree, objet, plateforme, rh"),
        ("{{ article(3) }}", "référence à un article « 3 » inconnu", "duree, objet"),
    ],
)
def test_unknown_reference(text: str, message: str, known: str, scope: Scope) -> None:
    d = fails(text, scope)
    assert (d.message, d.code, d.hint) == (message, "reference-inconnue", f"identifiants connus : {known}")


@pytest.mark.parametrize("text", ["{{ article() }}", "{{ annexe('rh', 'duree') }}", "{{ numero(ref='rh', x=1) }}"])
def test_helper_called_wrongly(text: str, scope: Scope) -> None:
    d = fails(text, scope)
    assert (d.message, d.code, d.hint) == (
        "appel de fonction invalide : article(), annexe(), numero() prennent un seul identifiant entre guillemets",
        "parametre",
        "par exemple {{ article('duree') }} ou {{ annexe('rh') }}",
    )


# --- the bounds of one expression (README « Limites »), measured before jinja2 parses it ---------

EXPRESSION_HINT = "un paramètre s'écrit {{ nom }} ; une référence {{ article('id') }}"
TOO_LONG = "expression interdite dans le texte : expression de plus de 200 caractères"
TOO_DEEP = "expression interdite dans le texte : plus de 3 parenthèses imbriquées"


def padded(expression: str, width: int) -> str:
    """``{{ expression }}`` with spaces after it, ``width`` characters between the braces."""
    return "{{" + expression.ljust(width) + "}}"


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        (padded(' article("duree")', 200), "l'article 7"),
        ('{{ ((annexe("rh"))) }}', "l'annexe 4"),
        ("{{ (((ville))) }}", "la Ville"),
        # each expression is measured alone, up to its own « }} »
        ('{{ article("duree") }}' + "x" * 200 + '{{ annexe("rh") }}', "l'article 7" + "x" * 200 + "l'annexe 4"),
    ],
)
def test_expression_at_the_bounds(text: str, printed: str, scope: Scope) -> None:
    assert render(text, scope, WHERE) == printed


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (padded(' article("duree")', 201), TOO_LONG),
        ("a }} " + padded(' article("duree")', 201), TOO_LONG),  # a « }} » before its « {{ » closes nothing
        ("{{ ((((ville)))) }}", TOO_DEEP),
        ('{{ article((("duree")), ((("objet")))) }}', TOO_DEEP),  # back to 1, then 4 deep
        ('{{ article("XXXX", ((((1)))) ) }}', TOO_DEEP),
        ("{% if " + "x" * 200 + " %}", TOO_LONG),  # a statement ends at its own « %} »
        ("{{ ville ((((", TOO_DEEP),  # never closed: measured to its very last character
    ],
)
def test_expression_past_the_bounds(text: str, message: str, scope: Scope) -> None:
    d = fails(text, scope)
    assert (d.message, d.code, d.hint) == (message, "parametre-interdit", EXPRESSION_HINT)


LONG = " et la suite du texte" * 20  # past the 200 characters of one expression


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Un long paragraphe {{ taux" + LONG, "« }} » attendu avant « et »"),
        ("Un long paragraphe {# une note" + LONG, "commentaire « {# » ouvert et jamais fermé par « #} »"),
        (
            "Un long paragraphe {% if taux" + LONG,
            "instruction « {% … %} » non permise : seuls les paramètres {{ … }} le sont",
        ),
        ("{{ ville }} puis {{ ccas", "« {{ » ouvert et jamais fermé par « }} »"),  # the second one
    ],
)
def test_an_expression_never_closed_is_told_so_however_long_the_text_after_it(
    text: str, message: str, scope: Scope
) -> None:
    """Not « expression de plus de 200 caractères »: the user forgot to close, and is told where."""
    d = fails(text, scope)
    assert (d.message, d.code, d.hint) == (f"paramètre mal écrit : {message}", "parametre", EXPRESSION_HINT)


def test_what_is_not_a_parenthesis_is_not_counted(scope: Scope) -> None:
    """Letters, and parentheses side by side, are not nesting: jinja2 then says what is wrong."""
    d = fails('{{ article("XXXX") }}', scope)
    assert d.message == "référence à un article « XXXX » inconnu"
    d = fails('{{ article((("duree")), ("objet")) }}', scope)
    assert d.message.startswith("appel de fonction invalide : ")
    d = fails("{% if ville %}" + "x" * 200, scope)  # « {% » ends at « %} », not at the end of the text
    assert (
        d.message == "paramètre mal écrit : instruction « {% … %} » non permise : seuls les paramètres {{ … }} le sont"
    )


def test_an_expression_too_deep_for_jinja2_is_a_message(scope: Scope, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the bounds (lifted here), jinja2's parser would recurse past Python's limit."""
    monkeypatch.setattr(prose, "MAX_EXPRESSION_CHARS", 10_000)
    monkeypatch.setattr(prose, "MAX_EXPRESSION_NESTING", 10_000)
    d = fails("{{ " + "(" * 300 + "ville" + ")" * 300 + " }}", scope)
    assert (d.message, d.code, d.hint) == (
        "expression interdite dans le texte : trop complexe",
        "parametre-interdit",
        "",
    )


# --- where check places the error: every kind of text of a fiche ----------------------------------


def test_responsibility_table_domain_is_located(project: ProjectCopy) -> None:
    old = "          domaine: Locaux dédiés aux missions du CCAS et propriété de la commune"
    project.edit(TECHNIQUE, old, "          domaine: Locaux dédiés {{ locaux }}")
    where = project.value_at(TECHNIQUE, "          domaine: Locaux dédiés {{ locaux }}")
    assert_single_error(project.check(), where, "parametre-inconnu", "« locaux » inconnu")


def test_responsibility_table_case_is_located(project: ProjectCopy) -> None:
    old = "Réparations locatives et entretien non inclus"
    project.edit(TECHNIQUE, old, "Réparations {{ locatives }} et entretien non inclus")
    where = project.block_start(TECHNIQUE, "Réparations {{ locatives }}")
    assert_single_error(project.check(), where, "parametre-inconnu", "« locatives » inconnu")


def test_bullet_with_an_id_is_located_at_its_text(project: ProjectCopy) -> None:
    new = "          - id: animation\n            texte: L'animation de {{ la_convention }}\n"
    project.edit("annexes/dga.yaml", "          - L'animation de la convention\n", new)
    where = project.value_at("annexes/dga.yaml", "            texte: L'animation de {{ la_convention }}")
    assert_single_error(project.check(), where, "parametre-inconnu", "« la_convention » inconnu")
