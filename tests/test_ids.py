"""Stable ids: every article, fiche, section, paragraph and bullet can be addressed, and
renumbering (an article inserted, an annex moved) changes numbers, never ids."""

from __future__ import annotations

from pathlib import Path

from conftest import ProjectCopy

from ccas_docs.model.numbering import Numbering, number_project
from ccas_docs.model.project import load_project


def numbering_of(root: Path) -> Numbering:
    return number_project(load_project(root))


def test_every_part_of_the_convention_has_an_id(project: ProjectCopy) -> None:
    n = numbering_of(project.root)
    kinds = {node.kind for node in n.nodes.values()}
    assert kinds == {"article", "annexe", "section", "bloc", "puce"}
    # a bullet of the RH fiche, addressed through its fiche, section and list
    assert any(i.startswith("rh/prestation/") and "gerer-paies" in i for i in n.nodes)
    # the technique fiche's declared block ids are kept as written
    assert "technique/prestation/process-intervention" in n.nodes
    assert n.duplicates == []


def test_renumbering_keeps_every_id(project: ProjectCopy) -> None:
    before = numbering_of(project.root)
    # a new first article, and the first two annexes swapped
    project.edit(
        "convention.yaml",
        "articles:\n",
        "articles:\n  - id: definitions\n    titre: Définitions\n    contenu:\n"
        "      - paragraphe: Les termes de la présente convention ont le sens suivant.\n",
    )
    project.edit(
        "convention.yaml",
        "  - annexes/dga.yaml\n  - annexes/finances.yaml\n",
        "  - annexes/finances.yaml\n  - annexes/dga.yaml\n",
    )
    after = numbering_of(project.root)

    assert set(before.nodes) <= set(after.nodes)
    assert set(after.nodes) - set(before.nodes) == {
        "definitions",
        "definitions/termes-presente-convention-ont-sens-suivant",
    }
    # numbers moved…
    assert (before.articles["moyens-mobilisables"].number, after.articles["moyens-mobilisables"].number) == ("5", "6")
    assert (before.annexes["dga"].number, after.annexes["dga"].number) == ("1", "2")
    assert (before.annexes["plateforme-applications"].number, after.annexes["plateforme-applications"].number) == (
        "3.1",
        "3.1",
    )
    # …and the references follow them
    from ccas_docs.checks.rules import validated
    from ccas_docs.compose.convention import compose_all
    from ccas_docs.document.tree import plain_text

    p = load_project(project.root)
    _, n = validated(p)
    text = "\n".join(plain_text(compose_all(p, n)[0]))
    assert "dans le cadre des moyens mobilisables décrits à l’article 6" in text
    assert "pilote la présente convention dans les conditions prévues par l’annexe 2." in text


def test_derived_ids_never_contain_a_number_of_the_document(project: ProjectCopy) -> None:
    n = numbering_of(project.root)
    for full_id, node in n.nodes.items():
        if not node.declared:
            # derived from words of the text, never from the position (« 1/ », « article 5 »)
            assert not any(part.isdigit() for part in full_id.split("/")), full_id
