"""``ccas-docs import``: a reviewed DOCX back into the YAML — change list, refusals, comments, bad input.

The DOCX is built from a copy of the shipped project, then reviewed programmatically as Word
writes tracked changes (:mod:`reviewing`). The LibreOffice round trip is in
``test_import_roundtrip.py``; here every case runs without LibreOffice.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from importing import (
    accepted_texts,
    build_docx,
    document_xml,
    fresh_project,
    review_everything,
    rewrite_document_xml,
    run_import,
    snapshot,
    texts,
)
from reviewing import Review
from test_build import invoke

from ccas_docs.document.markers import MAX_NAME, bookmark_name, is_marker


@pytest.fixture
def project(tmp_path: Path) -> Path:  # noqa: F811 - a built project, not conftest's bare copy
    return fresh_project(tmp_path / "projet")


def _at(root: Path, rel: str, needle: str, offset: int = 0) -> str:
    text = (root / rel).read_text(encoding="utf-8")
    index = text.index(needle) + offset
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"{rel}:{line}:{col}"


def _block_start(root: Path, rel: str, needle: str) -> str:
    """Where the ``>-`` scalar holding ``needle`` starts (the location every message gives for it)."""
    lines = (root / rel).read_text(encoding="utf-8").split("\n")
    n = next(i for i, line in enumerate(lines) if needle in line)
    while ">-" not in lines[n]:
        n -= 1
    return f"{rel}:{n + 1}:{lines[n].index('>-') + 1}"


def test_bookmark_names_follow_words_rules_and_are_unique(project: Path) -> None:
    xml = document_xml(project / "output" / "convention.docx")
    names = [n for n in __import__("re").findall(r'w:bookmarkStart w:id="\d+" w:name="([^"]+)"', xml) if is_marker(n)]
    assert len(names) > 300 and len(set(names)) == len(names)
    for name in names:
        assert len(name) <= MAX_NAME and name[0].isalpha() and all(c.isalnum() or c == "_" for c in name)
    assert bookmark_name("rh/prestation/x", False).startswith("m") and bookmark_name("rh/cout", True).startswith("g")


def test_build_records_sources_and_marker_table(project: Path) -> None:
    built = project / "output" / "convention.docx"
    props = docx.Document(str(built)).part.package
    with zipfile.ZipFile(built) as z:
        custom = z.read("docProps/custom.xml").decode()
        table = z.read("customXml/item-ccas-docs.xml").decode()
    assert "ccas-docs:empreinte-sources" in custom and "ccas-docs:source:annexes/rh.yaml" in custom
    assert 'id="rh/prestation/prises-decision-relevent-neanmoins-competence-ccas"' in table
    assert props is not None
    # reproducible: the same sources give the same bytes
    first = built.read_bytes()
    build_docx(project)
    assert built.read_bytes() == first


def test_import_applies_revisions_and_refuses_the_generated_rate(project: Path, tmp_path: Path) -> None:
    reviewed = review_everything(project / "output" / "convention.docx", tmp_path / "relu.docx")
    rate_at = _at(project, "annexes/rh.yaml", "taux: 5 %", len("taux: "))
    paies_at = _block_start(project, "annexes/rh.yaml", "Gérer les paies")
    before = (project / "annexes/rh.yaml").read_text(encoding="utf-8")
    run = run_import(project, reviewed)
    after = (project / "annexes/rh.yaml").read_text(encoding="utf-8")
    commented_at = _at(project, "annexes/rh.yaml", "Conduire les procédures")  # after import: a line less
    assert run.exit_code == 0, run.stderr
    # the change list: each revision with its author, date and the YAML file:line it changes
    assert f"{paies_at}  [rh/prestation/" in run.stdout
    assert "« paies » → « salaires »" in run.stdout
    assert "par Service juridique, 15/01/2026 10:00" in run.stdout
    assert "puce inséré(e) après : « Suivre les formations des agents du CCAS, »" in run.stdout
    assert "bloc supprimé : « Les prises de décision relèvent néanmoins de la compétence du CCAS. »" in run.stdout
    message = f"la clause de coût de l'annexe 4 est générée : modifier `facturation.taux` dans {rate_at}"
    assert f"{rate_at}: avertissement: {message} [import-genere]" in run.stderr
    assert "taux: 5 %" in after and "Gérer les salaires" in after and "Gérer les paies" not in after
    # the YAML's comments and layout are kept: only the changed lines differ
    assert after.splitlines()[:9] == before.splitlines()[:9]
    assert "annee_reference: N-1  # la source écrit « N-l » : coquille pour N-1" in after
    # rebuilt, the document is the reviewed one with every revision accepted, except the refused rate
    rebuilt, oracle = texts(build_docx(project)), accepted_texts(reviewed)
    assert len(rebuilt) == len(oracle)
    differ = [(a, b) for a, b in zip(oracle, rebuilt, strict=True) if a != b]
    assert len(differ) == 1 and "4\u202f% des charges de personnel de la Direction des Ressources" in differ[0][0]
    # the comments' report
    report = (project / "output").glob("import-*.txt")
    text = next(report).read_text(encoding="utf-8")
    assert "Direction du CCAS, 15/01/2026 10:00" in text
    assert "sur « référents de la Direction » : Qui exactement ? À préciser." in text
    assert "[rh/prestation/directeur-trice-ressources-humaines-ses-chefs" in text
    assert f"{commented_at}  [rh/prestation/liste-gerer-organigramme-postes-tableau-effectifs/conduire" in text


def test_essai_prints_the_change_list_and_writes_nothing(project: Path, tmp_path: Path) -> None:
    reviewed = review_everything(project / "output" / "convention.docx", tmp_path / "relu.docx")
    before = snapshot(project)
    run = run_import(project, reviewed, "--essai")
    assert run.exit_code == 0, run.stderr
    assert "« paies » → « salaires »" in run.stdout and "Essai : rien n'a été écrit." in run.stderr
    assert snapshot(project) == before


def test_sealed_version_gives_a_draft_avenant(project: Path, tmp_path: Path) -> None:
    from ruamel.yaml import YAML

    reviewed = review_everything(project / "output" / "convention.docx", tmp_path / "relu.docx")
    (project / "signatures").mkdir()
    (project / "signatures/registre.csv").write_text(
        "version,operation,date\nconvention-originale,scellement,2026-01-10T09:00:00Z\n", encoding="utf-8"
    )
    yaml_before = {k: v for k, v in snapshot(project).items() if k.endswith(".yaml")}
    run = run_import(project, reviewed)
    assert run.exit_code == 0, run.stderr
    assert {k: v for k, v in snapshot(project).items() if k.endswith(".yaml") and k in yaml_before} == yaml_before
    drafts = sorted((project / "avenants").glob("*-projet.yaml"))
    assert len(drafts) == 1, run.stderr
    draft = YAML(typ="safe").load(drafts[0].read_text(encoding="utf-8"))
    kinds = [next(iter(m)) for m in draft["modifications"]]
    assert kinds == ["remplacer_mots", "inserer", "supprimer"] or sorted(kinds) == sorted(
        ["remplacer_mots", "inserer", "supprimer"]
    )
    words = next(m["remplacer_mots"] for m in draft["modifications"] if "remplacer_mots" in m)
    assert words["mots"] == "paies" and words["par"] == "salaires"
    assert words["cible"].startswith("rh/prestation/liste-gerer-organigramme")
    assert draft["deliberations"]["ville"]["numero"].startswith("À COMPLÉTER")
    assert set(draft) >= {"numero", "titre", "objet", "deliberations", "date_signature", "date_effet", "modifications"}
    assert "4\u202f%" not in drafts[0].read_text(encoding="utf-8")  # the refused rate is not in the draft
    try:
        import ccas_docs.versions.avenant  # noqa: F401 - the avenant model (issue 8), once merged
    except ImportError:
        return  # the draft's structure is checked above against AVENANT-FORMAT.md
    text = drafts[0].read_text(encoding="utf-8")
    for placeholder, value in (
        ("numero: À COMPLÉTER (numéro)", "numero: 2026-015"),
        ("date: À COMPLÉTER (date)", "date: 2026-02-10"),
        ("date_signature: À COMPLÉTER (date de signature)", "date_signature: 2026-02-20"),
        ("date_effet: À COMPLÉTER (date d'effet)", "date_effet: 2026-03-01"),
    ):
        text = text.replace(placeholder, value)
    text = "\n".join("objet: Préciser les missions RH." if x.startswith("objet:") else x for x in text.split("\n"))
    drafts[0].write_text(text, encoding="utf-8")
    conv = (project / "convention.yaml").read_text(encoding="utf-8")
    rel = drafts[0].relative_to(project).as_posix()
    if "\navenants: []" in conv:
        conv = conv.replace("\navenants: []", f"\navenants:\n  - {rel}")
    else:
        conv = conv.replace("\navenants:\n", f"\navenants:\n  - {rel}\n", 1)
    (project / "convention.yaml").write_text(conv, encoding="utf-8")
    checked = invoke("check", str(project))
    assert checked.exit_code == 0, checked.stderr


# --- bad input: one French message, exit 1, nothing written ------------------------------------------------


def _refused(project: Path, reviewed: Path, *words: str) -> str:
    before = snapshot(project)
    run = run_import(project, reviewed)
    assert run.exit_code == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr and "1 erreur." in run.stderr
    for word in words:
        assert word in run.stderr, run.stderr
    assert snapshot(project) == before
    return run.stderr


def test_a_docx_not_built_by_the_tool(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "autre.docx"
    document = docx.Document()
    document.add_paragraph("Un document Word quelconque.")
    document.save(str(other))
    _refused(project, other, "n'a pas été produit par ccas-docs", "ccas-docs build")


def test_a_docx_built_from_another_version(project: Path, tmp_path: Path) -> None:
    reviewed = review_everything(project / "output" / "convention.docx", tmp_path / "relu.docx")
    rh = project / "annexes/rh.yaml"
    rh.write_text(rh.read_text(encoding="utf-8").replace("Conduire les procédures", "Mener les procédures"), "utf-8")
    _refused(project, reviewed, "autre version des fichiers YAML", "annexes/rh.yaml", "ccas-docs build")


def test_a_revision_across_two_blocks(project: Path, tmp_path: Path) -> None:
    review = Review(project / "output" / "convention.docx")
    review.replace_words("Conduire les procédures disciplinaires", "disciplinaires", "disciplinaires et")
    p = review.paragraph("Conduire les procédures disciplinaires")
    ppr = p.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pPr")
    rpr = ppr.makeelement("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPr")
    rpr.append(review._mark("del"))  # the paragraph mark deleted: joined with the next bullet
    ppr.append(rpr)
    _refused(project, review.save(tmp_path / "relu.docx"), "à cheval sur deux blocs", "[import-deux-blocs]")


def test_a_marker_removed_by_the_editor(project: Path, tmp_path: Path) -> None:
    import re

    name = bookmark_name("rh/prestation/prises-decision-relevent-neanmoins-competence-ccas", False)
    reviewed = rewrite_document_xml(
        project / "output" / "convention.docx",
        tmp_path / "relu.docx",
        lambda xml: re.sub(rf'<w:bookmarkStart w:id="\d+" w:name="{name}"/>', "", xml),
    )
    _refused(project, reviewed, "rh/prestation/prises-decision-relevent", "a été supprimé", "[import-repere]")


def test_a_change_without_tracking(project: Path, tmp_path: Path) -> None:
    reviewed = rewrite_document_xml(
        project / "output" / "convention.docx",
        tmp_path / "relu.docx",
        lambda xml: xml.replace("Conduire les procédures disciplinaires", "Mener les procédures disciplinaires"),
    )
    _refused(project, reviewed, "sans le suivi des modifications", "[import-non-suivi]")


def test_a_corrupted_file(project: Path, tmp_path: Path) -> None:
    broken = tmp_path / "relu.docx"
    broken.write_bytes((project / "output" / "convention.docx").read_bytes()[:5000])
    _refused(project, broken, "corrompu")


def test_an_encrypted_file(project: Path, tmp_path: Path) -> None:
    encrypted = tmp_path / "relu.docx"
    encrypted.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 4096)
    _refused(project, encrypted, "chiffré", "[import-chiffre]")


def test_a_docm_or_a_file_with_macros(project: Path, tmp_path: Path) -> None:
    built = project / "output" / "convention.docx"
    docm = tmp_path / "relu.docm"
    docm.write_bytes(built.read_bytes())
    _refused(project, docm, ".docm", "[import-macros]")
    with_macros = tmp_path / "macros.docx"
    with zipfile.ZipFile(built) as source, zipfile.ZipFile(with_macros, "w") as target:
        for name in source.namelist():
            target.writestr(name, source.read(name))
        target.writestr("word/vbaProject.bin", b"\0" * 64)
    _refused(project, with_macros, "macros", "vbaProject.bin")


def test_a_file_over_the_size_limit_and_a_zip_bomb(project: Path, tmp_path: Path, monkeypatch) -> None:
    from ccas_docs.review import package

    big = tmp_path / "gros.docx"
    big.write_bytes((project / "output" / "convention.docx").read_bytes())
    monkeypatch.setattr(package, "MAX_FILE", 1000)
    _refused(project, big, "trop volumineux", "[import-taille]")
    monkeypatch.undo()
    bomb = tmp_path / "bombe.docx"
    with (
        zipfile.ZipFile(project / "output" / "convention.docx") as source,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for name in source.namelist():
            target.writestr(name, source.read(name))
        target.writestr("word/media/vide.bin", b"\0" * (package.MAX_PART + 1))
    _refused(project, bomb, "archive anormale", "[import-taille]")
