"""Files that are not valid YAML, not UTF-8, empty, or hostile: one located French error each."""

from __future__ import annotations

import tracemalloc

import pytest
from conftest import ProjectCopy, assert_no_traceback, assert_single_error

from ccas_docs.common.diagnostics import UserError
from ccas_docs.model.project import load_project
from ccas_docs.source import yamlsource

DGA = "annexes/dga.yaml"
RH = "annexes/rh.yaml"
DGA_TITLE = "titre: Direction générale adjointe pôle ressources"


# --- syntax -------------------------------------------------------------------------------------------


def test_tab_indentation(project: ProjectCopy) -> None:
    project.edit(DGA, "facturation:\n  taux: 1 %", "facturation:\n\ttaux: 1 %")
    run = project.check()
    assert_single_error(run, project.at(DGA, "\ttaux"), "yaml", "tabulation", "espaces")


def test_tab_after_spaces_in_indentation(project: ProjectCopy) -> None:
    project.edit(DGA, "  annee_reference: N-1", "  \tannee_reference: N-1")
    run = project.check()
    assert_single_error(run, project.at(DGA, "\tannee_reference"), "yaml", "tabulation dans l'indentation")


def test_unclosed_quote_at_end_of_file(project: ProjectCopy) -> None:
    project.edit(DGA, 'imputation: "70841"', 'imputation: "70841')
    run = project.check()
    # at the opening quote, not at the end of the file where YAML notices it
    assert_single_error(run, project.at(DGA, '"70841'), "yaml", "guillemet ouvert et jamais fermé")


@pytest.mark.parametrize("quote", ['"', "'"])
def test_unclosed_quote_in_the_middle_of_a_file(project: ProjectCopy, quote: str) -> None:
    """The open quote swallows the next lines; the error still points at the quote, not lines later."""
    project.edit(DGA, DGA_TITLE, DGA_TITLE.replace("titre: ", f"titre: {quote}"))
    run = project.check()
    assert_single_error(run, project.at(DGA, f"titre: {quote}", offset=len("titre: ")), "yaml", "guillemet")


def test_unclosed_flow_list(project: ProjectCopy) -> None:
    project.edit(DGA, "  services: COM", "  services: [COM")
    run = project.check()
    assert_single_error(run, project.at(DGA, "[COM"), "yaml", "crochet « [ » ouvert et jamais fermé")


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("          - L'animation de la convention", "          - {{ ccas }} anime la convention", "{{ ccas }} anime"),
        (
            '      - paragraphe: "Ses missions portent sur :"',
            "      - paragraphe: {{ ville }} assure les missions suivantes :",
            "{{ ville }} assure",
        ),
        ('      - paragraphe: "Ses missions portent sur :"', "      - paragraphe: {{ fiche }}", "{{ fiche }}"),
    ],
    ids=["puce", "paragraphe", "parametre-seul"],
)
def test_text_starting_with_a_parameter_must_be_quoted(project: ProjectCopy, old: str, new: str, needle: str) -> None:
    """YAML reads « {{ ville }} assure… » as a « { } » block: the message says what to do."""
    project.edit(DGA, old, new)
    run = project.check()
    assert_single_error(run, project.at(DGA, needle), "yaml", "commence par « {{ »", "entre guillemets")


def test_duplicate_key_points_at_the_second_occurrence(project: ProjectCopy) -> None:
    project.edit(DGA, "  taux: 1 %\n", "  taux: 1 %\n  taux: 2 %\n")
    run = project.check()
    err = assert_single_error(run, project.at(DGA, "taux: 2 %"), "yaml", "clé « taux » en double")
    assert "supprimer" in err.hint


def test_duplicate_top_level_key_in_convention(project: ProjectCopy) -> None:
    project.edit("convention.yaml", "duree_ans: 3\n", "duree_ans: 3\nduree_ans: 4\n")
    run = project.check()
    assert_single_error(run, project.at("convention.yaml", "duree_ans: 4"), "yaml", "« duree_ans » en double")


def test_errors_in_several_files_are_all_reported(project: ProjectCopy) -> None:
    """Two broken files, two errors, in one run."""
    project.edit(DGA, "facturation:\n  taux: 1 %", "facturation:\n\ttaux: 1 %")
    project.edit(RH, '  imputation: "70841"', '  imputation: "70841"\n  imputation: "70842"')
    run = project.check()
    assert_no_traceback(run)
    assert run.exit_code == 1
    assert [m.location for m in run.errors] == [project.at(DGA, "\ttaux"), project.at(RH, 'imputation: "70842"')]
    assert "2 erreur(s)" in run.stderr


# --- empty and unreadable files --------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    ["# une annexe à écrire\n", "# yaml-language-server: $schema=../schema/fiche.schema.json\n\n#\n", "", "  \n\n"],
    ids=["commentaire", "en-tete-seul", "zero-octet", "blancs"],
)
def test_empty_annex_file(project: ProjectCopy, content: str) -> None:
    project.write(DGA, content)
    run = project.check()
    err = assert_single_error(run, f"{DGA}:1:1", "vide", "le fichier est vide")
    assert err.hint


def test_document_marker_only_is_not_a_mapping(project: ProjectCopy) -> None:
    project.write(DGA, "---\n")
    run = project.check()
    assert_single_error(run, f"{DGA}:1:1", "type", "clé: valeur", "valeur vide trouvée")


def test_file_that_is_a_list_instead_of_a_mapping(project: ProjectCopy) -> None:
    project.write(DGA, "# fiche\n- id: dga\n- titre: DGA\n")
    run = project.check()
    assert_single_error(run, project.at(DGA, "- id"), "type", "clé: valeur", "liste trouvée")


def test_latin1_annex_points_at_the_first_bad_byte(project: ProjectCopy) -> None:
    text = project.text(DGA)
    project.write(DGA, text.encode("cp1252"))  # Windows « ANSI », as Notepad saves it
    first = next(i for i, ch in enumerate(text) if ord(ch) > 127)
    line = text.count("\n", 0, first) + 1
    col = first - (text.rfind("\n", 0, first) + 1) + 1
    run = project.check()
    err = assert_single_error(run, f"{DGA}:{line}:{col}", "encodage", "UTF-8", "0xe9")
    assert "UTF-8" in err.hint


def test_one_latin1_byte_in_a_utf8_file_column_counts_characters(project: ProjectCopy) -> None:
    """« générale », « pôle » are UTF-8 (two bytes each accent), then one latin-1 « é »: columns count characters."""
    _, line, col = project.at(DGA, DGA_TITLE).split(":")
    title = DGA_TITLE.encode("utf-8")
    project.write(DGA, project.path(DGA).read_bytes().replace(title, title + b" \xe9t\xc3\xa9"))
    run = project.check()
    assert_single_error(run, f"{DGA}:{line}:{int(col) + len(DGA_TITLE) + 1}", "encodage", "0xe9")


def test_utf8_bom_is_accepted(project: ProjectCopy) -> None:
    project.write(DGA, b"\xef\xbb\xbf" + project.path(DGA).read_bytes())
    run = project.check()
    assert run.exit_code == 0, run.output


def test_annex_path_that_is_a_folder(project: ProjectCopy) -> None:
    project.edit("convention.yaml", "  - annexes/rh.yaml", "  - annexes")
    run = project.check()
    assert_no_traceback(run)
    assert run.exit_code == 1
    assert len(run.errors) == 1


# --- aliases: refused, and a « billion laughs » cannot exhaust memory -----------------------------------


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        lines.append(f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_at_the_first_alias(project: ProjectCopy) -> None:
    project.write(DGA, project.text(DGA) + "\n" + billion_laughs())
    run = project.check()
    assert_single_error(run, project.at(DGA, "*lol0"), "yaml-alias", "alias", "« *lol0 »", "recopier la valeur")


def test_billion_laughs_memory_stays_bounded(project: ProjectCopy) -> None:
    """9 levels of 9 references = 9⁹ (387 million) « lol » if expanded: refused with little memory."""
    project.write(DGA, project.text(DGA) + "\n" + billion_laughs())
    tracemalloc.start()
    try:
        with pytest.raises(UserError) as caught:
            load_project(project.root)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [d.code for d in caught.value.diagnostics] == ["yaml-alias"]
    assert peak < 50 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB of Python allocations"


def test_billion_laughs_in_convention_file(project: ProjectCopy) -> None:
    project.write("convention.yaml", project.text("convention.yaml") + "\nbombe:\n" + _indent(billion_laughs()))
    run = project.check()
    assert_single_error(run, project.at("convention.yaml", "*lol0"), "yaml-alias", "alias")


def _indent(text: str) -> str:
    return "".join(f"  {line}\n" for line in text.splitlines())


def test_scalar_alias_is_refused_too(project: ProjectCopy) -> None:
    project.edit(DGA, '  imputation: "70841"', '  imputation: &compte "70841"')
    project.write(DGA, project.text(DGA) + "autre: *compte\n")
    run = project.check()
    assert_single_error(run, project.at(DGA, "*compte"), "yaml-alias", "« *compte »")


def test_star_in_prose_is_not_an_alias(project: ProjectCopy) -> None:
    project.edit(DGA, '"Ses missions portent sur :"', '"Ses missions (*) portent sur : *toutes* les fonctions"')
    run = project.check()
    assert run.exit_code == 0, run.output


def test_node_count_guard(project: ProjectCopy, monkeypatch: pytest.MonkeyPatch) -> None:
    """The last line of defence: a document with too many elements is refused, not walked."""
    monkeypatch.setattr(yamlsource, "MAX_NODES", 20)
    run = project.check()
    assert_no_traceback(run)
    assert run.exit_code == 1
    assert {m.code for m in run.errors} == {"yaml"}
    assert all("trop volumineux" in m.message for m in run.errors)
