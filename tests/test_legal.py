"""Issue 10, the text a legal service signs: what the parties agreed, who signs, the expected clauses.

- Every generated sentence of a cost clause is backed by a YAML ``source`` field whose quote is found
  verbatim in the city's document; the works the DST executes for the CCAS are no invoice line
  (« répercutée en année N+1 … lors du calcul de la subvention d'équilibre »).
- The mayor presides the CCAS's board (CASF L123-6): one side signs by delegation, printed as such;
  ``check`` refuses one person on both sides ([signataire-double]).
- The articles drafted for the convention (personal data, professional secrecy, liability, entry into
  force, cooperation between contracting authorities, « charges de personnel ») are articles with a
  stable id, marked « a_valider »; the résiliation article no longer speaks of a prorata.

Each point is read in the produced DOCX (python-docx) or PDF (pypdf) and in ``check``'s output.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import docx
import pytest
from conftest import ROOT, ProjectCopy
from shipped import copy_shipped
from test_build import FICHES, Shipped, build, copy_project, invoke, pdf_pages, shipped_build
from test_source_fidelity import SOURCE, cost_section

from ccas_docs.model import clauses
from ccas_docs.model.project import load_project

CONV = "convention.yaml"
TECHNIQUE = "annexes/technique.yaml"
SHARED_SOURCE = [p / "shared" / "source" / SOURCE.name for p in Path(__file__).resolve().parents[1:4]]
DRAFTED = {
    "charges-personnel": "Définition des charges de personnel",
    "commande-publique": "Coopération entre pouvoirs adjudicateurs",
    "donnees-personnelles": "Protection des données à caractère personnel",
    "secret-professionnel": "Secret professionnel",
    "responsabilite-assurances": "Responsabilité et assurances",
    "entree-en-vigueur": "Entrée en vigueur et caractère exécutoire",
}
ARTICLE = re.compile(r"^Article (\d+)(?:er)? – (.+)$")
OFF_INVOICE = (
    "Les dépenses d'intervention relevant de la responsabilité du C.C.A.S. exécutées par la DST sur une ligne"
    " spécifique en année N ne sont pas facturées : elles sont répercutées en année N+1 sur le budget du C.C.A.S."
    " lors du calcul de la subvention d'équilibre."
)


def flat(text: str) -> str:
    """Whitespace collapsed, typographic apostrophes and no-break spaces as plain ones."""
    return " ".join(text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ").split())


def squeezed(text: str) -> str:
    """For PDF text: no whitespace, no hyphen (a word hyphenated at a line end reads the same)."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]", "", flat(text))


def pdf_text(path: Path) -> str:
    return squeezed(" ".join(pdf_pages(path)))


def yaml_value(data: object, path: tuple[str | int, ...]) -> object:
    for key in path:
        data = data[key]  # type: ignore[index]
    return data


@pytest.fixture(scope="module")
def weasy(tmp_path_factory: pytest.TempPathFactory) -> Shipped:
    return shipped_build(tmp_path_factory, "weasyprint")


def _source_text(which: str) -> str:
    if which == "fixture":
        return SOURCE.read_text(encoding="utf-8")
    shared = next((p for p in SHARED_SOURCE if p.is_file()), None)
    if shared is None:
        pytest.skip("no shared/source beside the repository")
    return shared.read_text(encoding="utf-8")


# --- cost clauses: every sentence backed by a source quote ------------------------------------------


@pytest.mark.parametrize("which", ["fixture", "shared"])
def test_every_cost_sentence_is_backed_by_a_source_quote(weasy: Shipped, which: str) -> None:
    source = flat(_source_text(which))
    project = load_project(weasy.root)
    org = project.organisation.model
    assert [f.model.id for f in project.fiches] == list(FICHES)
    for number, loaded in enumerate(project.fiches, start=1):
        sentences = clauses.cost_sentences(loaded.model, org)
        stem = f"annexe-{number:02d}-{loaded.model.id}"
        for path in (weasy.path("convention.docx"), weasy.path(f"annexes/{stem}.docx")):
            _, paragraphs = cost_section(path, number)
            # the DOCX prints these sentences, and nothing else, in the cost section
            assert [flat(p) for p in paragraphs] == [flat(s.text) for s in sentences], (path.name, loaded.model.id)
        for sentence in sentences:
            where = f"{loaded.source.path} {'.'.join(map(str, sentence.field))}"
            assert sentence.source, f"{where}: no source quote for « {sentence.text} »"
            assert yaml_value(loaded.source.data, sentence.field) == sentence.source, where
            assert flat(sentence.source) in source, f"{where}: « {sentence.source} » is not in the source"


def test_a_sentence_without_its_quote_is_seen(tmp_path: Path) -> None:
    """The test above fails on a fiche whose quote is removed or altered: its inputs are real."""
    root = copy_project(tmp_path / "projet")
    text = (root / TECHNIQUE).read_text(encoding="utf-8")
    (root / TECHNIQUE).write_text(text.replace("fera l'objet d'un remboursement.", "sera facturée."), "utf-8")
    project = load_project(root)
    technique = next(f for f in project.fiches if f.model.id == "technique")
    quotes = [s.source for s in clauses.cost_sentences(technique.model, project.organisation.model)]
    source = flat(SOURCE.read_text(encoding="utf-8"))
    assert [flat(q) in source for q in quotes if q] == [True, False, True]


def test_dst_works_are_no_invoice_line_but_the_subvention_d_equilibre(weasy: Shipped) -> None:
    number = FICHES.index("technique") + 1
    _, paragraphs = cost_section(weasy.path("convention.docx"), number)
    assert [flat(p) for p in paragraphs][1:] == [
        "Le C.C.A.S. rembourse à la ville les rémunérations complémentaires des interventions d'astreinte.",
        OFF_INVOICE,
    ]
    assert not any("travaux" in p for p in paragraphs)
    # article 6's financial table: the technique fiche's extra costs are the astreinte pay only
    document = docx.Document(str(weasy.path("convention.docx")))
    (table,) = [t for t in document.tables if "Frais remboursés en sus" in t.rows[0].cells[-1].text]
    row = next(r for r in table.rows if r.cells[0].text.strip() == f"Annexe {number}")
    assert flat(row.cells[-1].text) == "les rémunérations complémentaires des interventions d'astreinte"
    assert squeezed(OFF_INVOICE) in pdf_text(weasy.path("convention.pdf"))


def test_the_2025_invoice_bills_no_works(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "projet")
    shutil.copytree(ROOT / "data", root / "data")
    result = invoke("invoice", "--year", "2025", "--format", "json", str(root))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["total"] == "121938.52"
    assert [r["nature"] for r in data["remboursements"] if r["fiche"] == "technique"] == ["astreinte", "astreinte"]
    # a works row in the costs file is refused: the fiche bills no such nature
    costs = root / "data/frais/2025.csv"
    row = "technique;travaux;22/04/2025;Reprise des peintures;5 120,00;Mandat 2025-1488\n"
    costs.write_text(costs.read_text(encoding="utf-8") + row, encoding="utf-8")
    refused = invoke("invoice", "--year", "2025", "--format", "json", str(root))
    assert refused.exit_code == 1
    wanted = "data/frais/2025.csv:9:11: erreur: nature « travaux » non prévue par la fiche « technique »"
    assert wanted in refused.stderr


# --- signatories (CASF L123-6) ---------------------------------------------------------------------


def _party_paragraphs(path: Path) -> list[str]:
    return [flat(p.text) for p in docx.Document(str(path)).paragraphs if p.text.startswith("représenté")]


def test_the_ccas_signs_by_delegation_of_its_board(weasy: Shipped) -> None:
    ville, ccas = _party_paragraphs(weasy.path("convention.docx"))
    assert "par délégation" not in ville and "Maire de Porto-Vecchio" in ville
    assert (
        "Vice-président(e) du Centre communal d'action sociale, agissant par délégation, en vertu de la délibération"
        " du conseil d'administration du CCAS n° À COMPLÉTER" in ccas
    )
    text = pdf_text(weasy.path("convention.pdf"))
    assert squeezed("Par délégation, en vertu de la délibération du conseil d'administration du CCAS") in text


def test_same_person_on_both_sides_is_an_error(project: ProjectCopy) -> None:
    project.edit(CONV, "nom: À COMPLÉTER (nom du maire)", "nom: Paul Santini")
    project.edit(CONV, "nom: À COMPLÉTER (nom du vice-président ou de la vice-présidente)", "nom: paul  SANTINI")
    run = project.check()
    assert run.exit_code == 1 and "Traceback" not in run.output
    (err,) = run.errors
    assert (err.code, err.location) == ("signataire-double", project.value_at(CONV, "      nom: paul  SANTINI"))
    assert "représenterait les deux parties" in err.message
    assert "vice-président" in err.hint and "adjoint au maire" in err.hint


def test_mayor_and_president_without_delegation_is_an_error(project: ProjectCopy) -> None:
    project.edit(CONV, "qualite: Vice-président(e) du Centre", "qualite: Président(e) du Centre")
    text = project.text(CONV)
    project.write(CONV, re.sub(r"      delegation:\n(        .*\n){3}", "", text, count=1))
    run = project.check()
    assert run.exit_code == 1
    (err,) = run.errors
    assert (err.code, err.location) == ("signataire-double", project.value_at(CONV, "      qualite: Président(e)"))
    assert "L. 123-6" in err.message and "« Maire de Porto-Vecchio »" in err.message


@pytest.mark.parametrize(("civility", "agreed"), [("Madame", "Vice-présidente"), ("Monsieur", "Vice-président")])
def test_a_quality_written_for_either_gender_is_to_agree_once_the_civility_is_known(
    project: ProjectCopy, civility: str, agreed: str
) -> None:
    line = "      qualite: Vice-président(e) du Centre communal d'action sociale"
    assert project.check().codes().count("accord") == 0  # civility still « À COMPLÉTER »: nothing to agree with
    project.edit(CONV, "civilite: À COMPLÉTER (Madame ou Monsieur)", f"civilite: {civility}", count=2)
    run = project.check()
    (warn,) = [w for w in run.warnings if w.code == "accord"]
    assert warn.location == project.value_at(CONV, line)
    assert warn.message == (
        f"qualité « Vice-président(e) du Centre communal d'action sociale » à accorder avec « {civility} » : "
        f"« {agreed} du Centre communal d'action sociale »"
    )
    project.edit(CONV, "Vice-président(e) du Centre", f"{agreed} du Centre")
    assert "accord" not in project.check().codes()


def test_the_contract_agrees_with_each_signatory(tmp_path: Path) -> None:
    """« habilité(e) », « Autorisé(e) » only while the civility is unknown: Madame signs « habilitée »."""
    root = copy_shipped(tmp_path / "projet", completed=True)  # Monsieur for the Ville, Madame for the CCAS
    built = build(root)
    assert built.exit_code == 0, built.stderr
    document = docx.Document(str(root / "output/convention.docx"))
    ville, ccas = _party_paragraphs(root / "output/convention.docx")
    assert "Monsieur Paul Santini, Maire de Porto-Vecchio, dûment habilité par délibération" in ville
    assert "Madame Marie Orsini, Vice-présidente du Centre communal" in ccas and "et dûment habilitée par" in ccas
    cells = [p for t in document.tables for c in t._cells for p in c.paragraphs]
    lines = [flat(p.text) for p in [*document.paragraphs, *cells] if re.match("(Par délégation, a|A)utoris", p.text)]
    assert sorted(line.split(" par ")[0] for line in lines) == ["Autorisé", "Par délégation, autorisée"]
    assert not any("(e)" in text for text in (ville, ccas, *lines))


def test_one_act_of_delegation_and_authorisation_is_cited_once(tmp_path: Path) -> None:
    """One board deliberation approves the convention and lets the vice-president sign it: the
    contract cites it once in the parties and once under the signature, not twice in a row."""
    root = copy_shipped(tmp_path / "projet", completed=True)  # delegation = deliberation CA-2024-042
    built = build(root)
    assert built.exit_code == 0, built.stderr
    _, ccas = _party_paragraphs(root / "output/convention.docx")
    act = "délibération du conseil d'administration du CCAS n° CA-2024-042 du 3 décembre 2024"
    assert (
        "Madame Marie Orsini, Vice-présidente du Centre communal d'action sociale, agissant par délégation et"
        f" dûment habilitée par {act}," in ccas
    )
    text = pdf_text(root / "output/convention.pdf")
    assert squeezed(f"Par délégation, autorisée par {act}") in text
    assert text.count(squeezed("CA-2024-042")) == 2  # the parties, the signature block
    # two different acts are both cited
    conv = root / CONV
    conv.write_text(conv.read_text(encoding="utf-8").replace("numero: CA-2024-042", "numero: CA-2024-040", 1))
    assert build(root).exit_code == 0
    _, ccas = _party_paragraphs(root / "output/convention.docx")
    delegated = "agissant par délégation, en vertu de la délibération du conseil d'administration du CCAS"
    assert f"{delegated} n° CA-2024-040 du 3 décembre 2024, et dûment habilitée" in ccas
    assert squeezed("Par délégation, en vertu de la délibération") in pdf_text(root / "output/convention.pdf")


def test_an_adjoint_with_a_delegation_may_sign_for_the_ville(tmp_path: Path) -> None:
    """The alternative: the Ville signs through an adjoint au maire, the mayor signs for the CCAS."""
    root = copy_project(tmp_path / "projet")
    text = (root / CONV).read_text(encoding="utf-8")
    text = re.sub(r"      delegation:\n(        .*\n){3}", "", text, count=1)
    text = text.replace("qualite: Vice-président(e) du Centre", "qualite: Président(e) du Centre")
    text = text.replace(
        "      qualite: Maire de Porto-Vecchio\n",
        "      qualite: Adjoint au maire de Porto-Vecchio\n      delegation:\n"
        "        acte: arrêté du maire portant délégation de signature\n"
        "        numero: 2024-A-017\n        date: 2024-06-03\n",
    )
    (root / CONV).write_text(text, encoding="utf-8")
    checked = invoke("check", str(root))
    assert checked.exit_code == 0, checked.stderr
    assert "signataire-double" not in checked.stderr
    built = build(root)
    assert built.exit_code == 0, built.stderr
    ville, ccas = _party_paragraphs(root / "output/convention.docx")
    assert (
        "Adjoint au maire de Porto-Vecchio, agissant par délégation, en vertu de l'arrêté du maire portant"
        " délégation de signature n° 2024-A-017 du 3 juin 2024, et dûment habilité(e)" in ville
    )
    assert "par délégation" not in ccas
    text = pdf_text(root / "output/convention.pdf")
    assert squeezed("Par délégation, en vertu de l'arrêté du maire portant délégation de signature") in text


# --- the clauses a convention de services partagés is expected to have ------------------------------


def test_drafted_articles_are_articles_with_an_id_marked_to_validate(weasy: Shipped) -> None:
    conv = load_project(weasy.root).convention.model
    marked = {a.id: a.titre for a in conv.articles if a.a_valider == "service juridique"}
    assert marked == DRAFTED
    headings = [
        m.groups() for p in docx.Document(str(weasy.path("convention.docx"))).paragraphs if (m := ARTICLE.match(p.text))
    ]
    assert [int(n) for n, _ in headings] == list(range(1, len(conv.articles) + 1))
    assert [t for _, t in headings] == [a.titre for a in conv.articles]
    # the source's « l'article 5 » (moyens mobilisables) and the financial article keep their numbers
    assert headings[4][1] == "Moyens mobilisables" and headings[5][1] == "Modalités financières"


@pytest.mark.parametrize(
    "words",
    [
        "chapitre 012 « Charges de personnel et frais assimilés » constatées au compte administratif, ou au compte"
        " financier unique",
        "relève à ce titre de l'article L. 2511-6 du code de la commande publique",
        "sous-traitant au sens de l'article 28 du règlement (UE) 2016/679",
        "la direction des systèmes d'information, de la direction des ressources humaines et du service courrier",
        "notifie au C.C.A.S. toute violation de données à caractère personnel",
        "tenus au secret professionnel dans les conditions prévues à l'article L. 133-5 du code de l'action sociale",
        "Chaque partie assure, auprès de ses propres assureurs",
        "Elle prend effet le 1er janvier 2025. Cette date étant antérieure à la date de signature",
    ],
    ids=["charges-012", "l2511-6", "rgpd-28", "services", "violation", "l133-5", "assurances", "effet"],
)
def test_drafted_articles_say_what_the_issue_lists(weasy: Shipped, words: str) -> None:
    paragraphs = [flat(p.text) for p in docx.Document(str(weasy.path("convention.docx"))).paragraphs]
    assert any(flat(words) in p for p in paragraphs), words
    assert squeezed(words) in pdf_text(weasy.path("convention.pdf"))


def test_resiliation_at_year_end_leaves_no_prorata(weasy: Shipped) -> None:
    paragraphs = [flat(p.text) for p in docx.Document(str(weasy.path("convention.docx"))).paragraphs]
    start = next(i for i, p in enumerate(paragraphs) if ARTICLE.match(p) and p.endswith("– Résiliation"))
    body = paragraphs[start + 1 : start + 3]
    assert "La résiliation prend effet au 31 décembre" in body[0]
    assert body[1].startswith("La résiliation prenant effet au terme d'une année civile, les prestations de cette")
    assert "restent dues en totalité" in body[1]
    assert not any("prorata" in p for p in paragraphs[start + 1 : start + 4])


def test_avenant_1_still_applies(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "projet")
    result = invoke("avenant", "1", str(root))
    assert result.exit_code == 0, result.stderr
    (written,) = (root / "output/avenants").glob("*.docx")
    text = " ".join(flat(p.text) for p in docx.Document(str(written)).paragraphs)
    assert "Avenant n° 1" in text or "Avenant n°\u00a01" in text
