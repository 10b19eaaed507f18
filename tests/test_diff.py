"""The structural diff of two versions (by stable id) and the word-level diff of the redline."""

from __future__ import annotations

import datetime as dt

from conftest import ROOT, ProjectCopy
from test_versions import EVERY_KIND, without_avenants, write_avenant

from ccas_docs.document.redline import Marks, diff_runs, merge_blocks
from ccas_docs.document.tree import ListBlock, ListItem, Paragraph, Revision, Run
from ccas_docs.model.project import load_project
from ccas_docs.versions.consolidate import versions_of
from ccas_docs.versions.diff import Difference, diff_projects, summary

INS = Revision("ins", "Avenant n° 1", dt.date(2026, 7, 1))
DEL = Revision("del", "Avenant n° 1", dt.date(2026, 7, 1))
MARKS = Marks(INS, DEL)


def accepted(runs: tuple[Run, ...]) -> str:
    return "".join(r.text for r in runs if r.revision != DEL)


def rejected(runs: tuple[Run, ...]) -> str:
    return "".join(r.text for r in runs if r.revision != INS)


def test_word_diff_keeps_format_and_both_texts() -> None:
    before = (Run("Le taux est fixé à "), Run("5 %", bold=True), Run(" des charges du service communication."))
    after = (Run("Le taux est fixé à "), Run("4 %", bold=True), Run(" des charges de la direction."))
    runs = diff_runs(before, after, MARKS)
    assert accepted(runs) == "Le taux est fixé à 4 % des charges de la direction."
    assert rejected(runs) == "Le taux est fixé à 5 % des charges du service communication."
    assert Run("5", bold=True, revision=DEL) in runs and Run("4", bold=True, revision=INS) in runs
    assert Run("Le taux est fixé à ") == runs[0]  # unchanged words carry no mark
    # a lone word kept between two changes joins them: one deletion, one insertion
    assert [r.text for r in runs if r.revision is DEL][-1] == "du service communication."


def test_blocks_match_by_key_not_by_position() -> None:
    a = [Paragraph((Run("Un."),), key="a"), Paragraph((Run("Deux."),), key="b")]
    b = [Paragraph((Run("Zéro."),), key="z"), Paragraph((Run("Un."),), key="a"), Paragraph((Run("Deux !"),), key="b")]
    merged = merge_blocks(a, b, MARKS)
    assert merged[0].revision == INS and merged[1] == b[1]
    assert merged[2].revision is None and accepted(merged[2].runs) == "Deux !" and rejected(merged[2].runs) == "Deux."
    # a bullet removed from a list is a deleted item of the same list
    la = ListBlock((ListItem((Run("x"),), key="l/x"), ListItem((Run("y"),), key="l/y")), key="l")
    lb = ListBlock((ListItem((Run("y"),), key="l/y"),), key="l")
    (merged_list,) = merge_blocks([la], [lb], MARKS)
    assert [i.revision for i in merged_list.items] == [DEL, None]


def test_shipped_avenant_changes_one_parameter() -> None:
    original, amended = versions_of(load_project(ROOT))
    assert diff_projects(original.project, amended.project) == [Difference("dga/facturation", "facturation", "modifie")]
    assert summary([]) == "aucune différence"


def test_every_kind_of_change_by_id(project: ProjectCopy) -> None:
    without_avenants(project)
    write_avenant(project, 1, "2026-01-01", EVERY_KIND)
    original, amended = versions_of(load_project(project.root))
    found = {(d.id, d.what) for d in diff_projects(original.project, amended.project)}
    for expected in [
        ("rh/facturation", "modifie"),
        ("convention/duree_ans", "modifie"),
        ("parties", "modifie"),
        ("revision", "modifie"),
        ("rh/prestation/prises-decision-relevent-neanmoins-competence-ccas", "modifie"),
        ("reconduction", "insere"),
        ("resiliation", "supprime"),
        ("communication", "supprime"),
        ("evenementiel", "insere"),
        ("evenementiel/prestation", "insere"),
        ("revision", "renumerote"),
        ("finances", "renumerote"),
    ]:
        assert expected in found, expected
    renumbered = {d.id: (d.before, d.after) for d in diff_projects(original.project, amended.project) if d.after}
    assert renumbered["revision"] == ("14", "15") and renumbered["finances"] == ("2", "3")
    assert "duree" not in renumbered and ("duree", "modifie") not in found


def test_table_rows_match_by_key() -> None:
    from ccas_docs.document.tree import Table, cell

    def table(*rows: tuple[str, str]) -> Table:
        return Table(
            (cell("Annexe"), cell("Taux")),
            tuple((cell(k), cell(v)) for k, v in rows),
            widths=(50, 50),
            row_keys=tuple(f"t/{k}" for k, _ in rows),
        )

    (merged,) = merge_blocks(
        [table(("a", "1 %"), ("b", "5 %"))], [table(("n", "2 %"), ("a", "1 %"), ("b", "4 %"))], MARKS
    )
    assert merged.row_revisions == (INS, None, None)
    assert merged.rows[1] == table(("a", "1 %")).rows[0]  # unchanged row, no mark
    rate = merged.rows[2][1].content[0]
    assert accepted(rate.runs) == "4 %" and rejected(rate.runs) == "5 %"
