"""``ccas-docs check`` on the shipped convention: valid, with exactly the source document's real defects.

The city's document bills the DGA fiche on the communication service (a cost clause copied from
another fiche), speaks of « 5 % annuels estimés » in the technical fiche whose rate is 1 %, and
leaves values to fill in; the articles drafted for the convention wait for the legal service
(« a_valider »). Each is reported once, where it is written, and disappears when the user applies
the hint.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import ProjectCopy, run_check

PLACEHOLDER = "À COMPLÉTER"
DGA = "annexes/dga.yaml"
COMMUNICATION = "annexes/communication.yaml"
TECHNIQUE = "annexes/technique.yaml"
DRIFT = "les 5 % annuels estimés"
TO_VALIDATE = "    a_valider: service juridique"
# the articles drafted for the convention, which the source does not contain (issue 10)
DRAFTED = (
    "charges-personnel",
    "commande-publique",
    "donnees-personnelles",
    "secret-professionnel",
    "responsabilite-assurances",
    "entree-en-vigueur",
)
YAML_FILES = ("convention.yaml", "services.yaml")


def _files(project: ProjectCopy) -> list[str]:
    annexes = sorted(f"annexes/{p.name}" for p in project.path("annexes").glob("*.yaml"))
    return [*YAML_FILES, *annexes, *sorted(f"avenants/{p.name}" for p in project.path("avenants").glob("*.yaml"))]


def placeholder_locations(project: ProjectCopy) -> list[str]:
    """Where each value still containing « À COMPLÉTER » starts (one warning per value)."""
    found: set[str] = set()
    for rel in _files(project):
        lines = project.text(rel).splitlines()
        for n, line in enumerate(lines):
            if PLACEHOLDER not in line or line.lstrip().startswith("#"):
                continue
            inline = re.match(rf"^(\s*(?:- )?(?:[a-z_]+: )?){PLACEHOLDER}", line)
            if inline:
                found.add(f"{rel}:{n + 1}:{len(inline.group(1)) + 1}")
                continue
            # inside a folded paragraph: the value starts at its « >- »
            start = next(k for k in range(n, -1, -1) if ": >" in lines[k])
            found.add(f"{rel}:{start + 1}:{lines[start].index(': >') + 3}")
    return sorted(found)


def expected_warnings(project: ProjectCopy) -> list[tuple[str, str]]:
    dga_services = project.value_at(DGA, "  services: COM")
    expected = [
        ("direction-service", dga_services),
        ("service-double", dga_services),
        ("service-double", project.value_at(COMMUNICATION, "  services: COM")),
        ("derive-taux", project.block_start(TECHNIQUE, DRIFT, nth=1)),
        ("derive-taux", project.block_start(TECHNIQUE, DRIFT, nth=2)),
    ]
    expected += [("a-completer", loc) for loc in placeholder_locations(project)]
    expected += [
        ("a-valider", project.value_at("convention.yaml", TO_VALIDATE, nth=n + 1)) for n in range(len(DRAFTED))
    ]
    return sorted(expected)


def fill_placeholders(project: ProjectCopy) -> None:
    """What the legal service does before signing: every « À COMPLÉTER » gets its real value."""
    for rel in ["convention.yaml", *(f for f in _files(project) if f.startswith("avenants/"))]:
        text = project.text(rel)
        text = re.sub(rf"(date(?:_signature)?): {PLACEHOLDER} \([^)]*\)", r"\1: 2024-12-12", text)
        # the same number of lines, so that the locations after it do not move
        text = re.sub(
            rf"\({PLACEHOLDER} : [^)]*\)",
            lambda m: "(articles L. 5211-4-1 et suivants" + "".join(re.findall(r"\n\s*", m.group(0))) + ")",
            text,
        )
        # typed values first: a budget function, a phone number, an e-mail address, a civility
        typed = (("fonction", '"020"'), ("telephone", "04 95 70 00 00"), ("courriel", "finances@example.fr"))
        typed += (("civilite", "Madame"),)
        for key, value in typed:
            text = re.sub(rf"({key}): {PLACEHOLDER} \([^)]*\)", rf"\1: {value}", text)
        text = re.sub(rf"{PLACEHOLDER} \(([^)]*)\)", r"Renseigné (\1)", text)
        text = text.replace("qualite: Vice-président(e) du", "qualite: Vice-présidente du")  # agreed with Madame
        project.write(rel, text)
    for rel in _files(project):
        body = "\n".join(line for line in project.text(rel).splitlines() if not line.lstrip().startswith("#"))
        assert PLACEHOLDER not in body, f"a placeholder form the test does not know in {rel}"


def bill_dga_on_its_own_service(project: ProjectCopy) -> None:
    project.edit(DGA, "  services: COM", "  services: DGA-PR")


def use_the_rate_parameter(project: ProjectCopy) -> None:
    project.edit(TECHNIQUE, DRIFT, "les {{ taux }} annuels estimés", count=2)


def validate_the_drafted_articles(project: ProjectCopy) -> None:
    """What the legal service does once it has read them: the « a_valider » keys go."""
    project.edit("convention.yaml", TO_VALIDATE + "\n", "", count=len(DRAFTED))


# --- the shipped convention -------------------------------------------------------------------------


def test_shipped_convention_is_valid(project: ProjectCopy) -> None:
    run = project.check()
    assert run.exit_code == 0, run.output
    assert "Traceback" not in run.output
    assert run.errors == []
    assert f"Convention valide : {len(run.warnings)} avertissement(s)." in run.stderr


def test_shipped_warnings_are_exactly_the_source_documents_defects(project: ProjectCopy) -> None:
    run = project.check()
    got = sorted((m.code, m.location) for m in run.warnings)
    assert got == expected_warnings(project)


def test_check_runs_on_the_real_project_folder() -> None:
    """The same, on the shipped files themselves (not a copy): nothing in the copy hides a problem."""
    from conftest import ROOT

    run = run_check(str(ROOT))
    assert run.exit_code == 0, run.output
    assert {m.code for m in run.warnings} == {
        "direction-service",
        "service-double",
        "derive-taux",
        "a-completer",
        "a-valider",
    }


def test_messages_are_sorted_by_file_and_position(project: ProjectCopy) -> None:
    run = project.check()

    def key(location: str) -> tuple[str, int, int]:
        path, line, col = location.rsplit(":", 2)
        return path, int(line), int(col)

    locations = [m.location for m in run.messages]
    assert locations == sorted(locations, key=key)


def test_direction_service_warning_names_both_directions_and_the_fix(project: ProjectCopy) -> None:
    (msg,) = [m for m in project.check().warnings if m.code == "direction-service"]
    assert msg.location == project.value_at(DGA, "  services: COM")
    assert "« dga »" in msg.message and "« COM »" in msg.message
    assert "Direction Générale Adjointe du pôle ressources" in msg.message
    assert "Direction de la communication" in msg.message
    assert "DGA-PR" in msg.hint


def test_the_dga_warnings_end_with_the_avenant_that_resolves_them(project: ProjectCopy) -> None:
    """The shipped avenant n° 1 bills the DGA on its own service from 1 July 2026: the warnings say so."""
    run = project.check()
    billing = [m for m in run.warnings if m.code in ("direction-service", "service-double")]
    assert len(billing) == 3
    for msg in billing:
        assert msg.message.endswith("(en vigueur du 1er janvier 2025 au 30 juin 2026, avant l'avenant n\u00b0\u00a01)")
    others = [m for m in run.warnings if m not in billing]
    assert all("(en vigueur" not in m.message for m in others)  # the rest applies to every version


def test_service_double_warning_on_each_fiche_names_the_other(project: ProjectCopy) -> None:
    doubles = {m.location: m for m in project.check().warnings if m.code == "service-double"}
    assert "fiche « communication »" in doubles[project.value_at(DGA, "  services: COM")].message
    assert "fiche « dga »" in doubles[project.value_at(COMMUNICATION, "  services: COM")].message
    assert all("facturées deux fois" in m.message for m in doubles.values())


def test_derive_taux_warning_quotes_both_rates_and_suggests_the_parameter(project: ProjectCopy) -> None:
    drifts = [m for m in project.check().warnings if m.code == "derive-taux"]
    assert len(drifts) == 2
    for msg in drifts:
        assert msg.location.startswith(f"{TECHNIQUE}:")
        assert "« 5 % »" in msg.message
        assert "est 1\u202f%" in msg.message  # French typography: narrow no-break space
        assert "{{ taux }}" in msg.hint


def test_a_valider_warning_names_each_drafted_article(project: ProjectCopy) -> None:
    run = project.check()
    drafted = [m for m in run.warnings if m.code == "a-valider"]
    assert [re.search(r"\(([a-z-]+)\)", m.message).group(1) for m in drafted] == list(DRAFTED)
    for m in drafted:
        assert m.message.endswith("à valider par le service juridique")
        assert "retirer « a_valider »" in m.hint


def test_a_completer_hint_quotes_the_whole_placeholder(project: ProjectCopy) -> None:
    hints = {m.hint for m in project.check().warnings if m.code == "a-completer"}
    assert "remplacer « À COMPLÉTER (SIRET du CCAS) » par la valeur réelle" in hints
    assert "remplacer « À COMPLÉTER : articles à confirmer par le service juridique » par la valeur réelle" in hints
    for hint in hints:  # parentheses balanced in every hint
        assert hint.count("(") == hint.count(")"), hint


def test_strict_fails_on_the_shipped_warnings(project: ProjectCopy) -> None:
    run = project.check("--strict")
    assert run.exit_code == 1
    assert "Traceback" not in run.output
    assert run.errors == [] and run.warnings


def test_json_format_parses_and_counts(project: ProjectCopy) -> None:
    run = project.check("--format", "json")
    assert run.exit_code == 0
    report = json.loads(run.stdout)
    assert report["erreurs"] == 0
    assert report["avertissements"] == len(expected_warnings(project)) == len(report["messages"])
    got = sorted((m["code"], f"{m['fichier']}:{m['ligne']}:{m['colonne']}") for m in report["messages"])
    assert got == expected_warnings(project)
    assert {m["gravite"] for m in report["messages"]} == {"avertissement"}
    assert all(m["message"] and "conseil" in m for m in report["messages"])


def test_json_format_with_strict_still_prints_json_and_fails(project: ProjectCopy) -> None:
    run = project.check("--format", "json", "--strict")
    assert run.exit_code == 1
    assert json.loads(run.stdout)["avertissements"] > 0


# --- the warnings disappear when the user applies the hints ---------------------------------------


@pytest.mark.parametrize(
    ("fix", "gone"),
    [
        (bill_dga_on_its_own_service, {"direction-service", "service-double"}),
        (use_the_rate_parameter, {"derive-taux"}),
        (fill_placeholders, {"a-completer"}),
        (validate_the_drafted_articles, {"a-valider"}),
    ],
    ids=["dga-sur-DGA-PR", "taux-en-parametre", "valeurs-completees", "articles-valides"],
)
def test_each_hint_removes_its_warnings_and_only_those(project: ProjectCopy, fix, gone: set[str]) -> None:
    before = expected_warnings(project)
    fix(project)
    run = project.check()
    assert run.exit_code == 0, run.output
    got = sorted((m.code, m.location) for m in run.warnings)
    assert got == [w for w in before if w[0] not in gone]


def test_fixed_convention_has_no_warning_at_all(project: ProjectCopy) -> None:
    bill_dga_on_its_own_service(project)
    use_the_rate_parameter(project)
    fill_placeholders(project)
    validate_the_drafted_articles(project)
    run = project.check("--strict")
    assert run.exit_code == 0, run.output
    assert run.messages == []
    assert "Convention valide : 0 avertissement(s)." in run.stderr
    report = json.loads(project.check("--format", "json").stdout)
    assert report == {"erreurs": 0, "avertissements": 0, "messages": []}
