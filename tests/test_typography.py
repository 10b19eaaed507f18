"""French typography, applied once to every text of a tree: the function, its map, its inverse, and
what the built DOCX, HTML and PDF print (issue 10, « Typography and pages »)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from conftest import ROOT, ProjectCopy
from docx.oxml.ns import qn
from lxml import html as lxml_html
from pypdf import PdfReader
from test_build import FICHES, STEMS, Shipped, shipped_build
from test_same_words import docx_paragraphs, html_text
from wordtext import element_text, word_text

from ccas_docs.common.typography import NBHY, NBSP, NNBSP, plain, typeset, typeset_map
from ccas_docs.document.markers import Origin, Span
from ccas_docs.document.tree import Heading, Paragraph, Run
from ccas_docs.document.typeset import typeset_block

CASES = [
    ("l'article 5 : fin", f"l’article 5{NBSP}: fin"),
    ("Porto-Vecchio ; oui ! non ?", f"Porto{NBHY}Vecchio{NNBSP}; oui{NNBSP}! non{NNBSP}?"),
    ("« Le CCAS »", f"«{NBSP}Le CCAS{NBSP}»"),
    ("le 14 janvier 2026, le 1er janvier 2025", f"le 14{NBSP}janvier{NBSP}2026, le 1er{NBSP}janvier{NBSP}2025"),
    ("DST-BAT, N-1, 5 %, n° 3", f"DST{NBHY}BAT, N{NBHY}1, 5{NNBSP}%, n°{NBSP}3"),
    ("a - b — c...", "a – b – c…"),
    ("https://x.fr 10:30 peut-être", "https://x.fr 10:30 peut-être"),
    ("l'article 13-1, l'annexe 1-1", f"l’article 13{NBHY}1, l’annexe 1{NBHY}1"),
    ("à savoir: les PC, 5%", f"à savoir{NBSP}: les PC, 5{NNBSP}%"),
    ("Saint-Jean-de-Luz, l'Île-Rousse", f"Saint{NBHY}Jean{NBHY}de{NBHY}Luz, l’Île{NBHY}Rousse"),
]

# what is not prose is printed as written: addresses, paths, identifiers, numbers already set
UNTOUCHED = [
    "https://www.porto-vecchio.fr/l'info?a=1;b=2",
    "dsi@porto-vecchio.fr",
    "data/charges-personnel/2026.csv",
    "2026-CCAS-001",
    "2025-01-14",
    f"1{NNBSP}234,56{NNBSP}€",
    "10:30",
]


@pytest.mark.parametrize(("text", "shown"), CASES)
def test_typeset_is_what_a_printer_sets_and_idempotent(text: str, shown: str) -> None:
    assert typeset(text) == shown
    assert typeset(shown) == shown
    assert typeset_map(text)[0] == shown


@pytest.mark.parametrize("text", UNTOUCHED)
def test_addresses_paths_identifiers_and_numbers_are_printed_as_written(text: str) -> None:
    assert typeset(text) == text
    assert typeset(f"voir {text} ; fin") == f"voir {text}{NNBSP}; fin"  # the sentence around it is set


@pytest.mark.parametrize("text", [c[0] for c in CASES[:5]])
def test_plain_gives_back_the_users_text(text: str) -> None:
    assert plain(typeset(text)) == text


def test_the_map_points_each_copied_character_back() -> None:
    text = "« la Ville de Porto-Vecchio »: fin"
    shown, where = typeset_map(text)
    for i, w in enumerate(where):
        if w >= 0:
            assert plain(shown[i]) == plain(text[w])
    assert where.count(-1) == 1  # the no-break space added before « : »


def test_a_paragraph_keeps_its_runs_and_raises_er() -> None:
    p = Paragraph((Run("Au 1er janvier, "), Run("l'article", bold=True), Run(" : x")))
    out = typeset_block(p)
    assert isinstance(out, Paragraph)
    assert out.text == f"Au 1er{NBSP}janvier, l’article{NBSP}: x"
    assert [(r.text, r.bold, r.superscript) for r in out.runs] == [
        ("Au 1", False, False),
        ("er", False, True),
        (f"{NBSP}janvier, ", False, False),
        ("l’article", True, False),
        (f"{NBSP}: x", False, False),
    ]


def test_a_heading_gets_runs_for_its_superscript() -> None:
    out = typeset_block(Heading(2, "Article 1er – Objet", "objet"))
    assert isinstance(out, Heading)
    assert [(r.text, r.superscript) for r in out.shown] == [("Article 1", False), ("er", True), (" – Objet", False)]


def test_origins_follow_the_characters() -> None:
    """A copied span still points into the YAML scalar; the added no-break space points nowhere."""
    text = "l'objet: la Ville"
    origin = Origin("f.yaml", ("p",), spans=(Span(0, len(text), src_start=10, src_end=10 + len(text)),))
    out = typeset_block(Paragraph((Run(text),), origin=origin))
    assert isinstance(out, Paragraph) and out.origin is not None
    assert out.text == f"l’objet{NBSP}: la Ville"
    spans = out.origin.spans
    assert [(s.start, s.end, s.src_start, s.src_end) for s in spans] == [(0, 7, 10, 17), (8, 18, 17, 27)]


# --- the built documents ---------------------------------------------------------------------------

TYPOGRAPHIC = "\u2019\u2011\u00a0\u202f\u2013\u2026"  # ’, non-breaking hyphen, no-break spaces, « – », « … »
W_T = qn("w:t")


@pytest.fixture(scope="module")
def weasy(tmp_path_factory: pytest.TempPathFactory) -> Shipped:
    return shipped_build(tmp_path_factory, "weasyprint")


def _docx_parts(path: Path) -> list:
    """The body, headers and footers of a DOCX (python-docx parts' XML elements)."""
    document = docx.Document(str(path))
    parts = [document.element.body]
    for section in document.sections:
        parts += [section.header._element, section.footer._element]
    return parts


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _unbroken_as_nbhy(path: Path) -> Path:
    """The HTML with each word kept whole (``span.insecable``, a nowrap span with plain hyphens) read
    back as the text stage wrote it, with U+2011."""
    page = re.sub(
        r'<span class="insecable">([^<]*)</span>',
        lambda m: m.group(1).replace("-", NBHY),
        path.read_text(encoding="utf-8"),
    )
    out = path.with_name(path.stem + ".u2011.html")
    out.write_text(page, encoding="utf-8")
    return out


@pytest.mark.parametrize("stem", STEMS)
def test_docx_and_html_print_the_same_typographic_characters(weasy: Shipped, stem: str) -> None:
    """Applied once to the tree: the DOCX and the HTML carry the very same ’, no-break spaces and hyphens,
    in the same order (the same-words test compares the words; this compares what lies between them)."""
    in_docx = [c for c in "\n".join(docx_paragraphs(weasy.path(f"{stem}.docx"))) if c in TYPOGRAPHIC]
    in_html = [c for c in html_text(_unbroken_as_nbhy(weasy.path(f"{stem}.html"))) if c in TYPOGRAPHIC]
    assert in_docx == in_html
    assert {"\u2019", "\u00a0", "\u2011", "\u2013"} <= set(in_docx)


@pytest.mark.parametrize("stem", STEMS)
def test_no_straight_apostrophe_in_any_format(weasy: Shipped, stem: str) -> None:
    for part in _docx_parts(weasy.path(f"{stem}.docx")):
        assert not [t.text for t in part.iter(W_T) if t.text and "'" in t.text]
    assert "'" not in html_text(weasy.path(f"{stem}.html"))
    pdf = _pdf_text(weasy.path(f"{stem}.pdf"))
    assert "'" not in pdf and "\u2019" in pdf


class _Text(HTMLParser):
    """The HTML's text, and the text of each ``<sup>``."""

    def __init__(self) -> None:
        super().__init__()
        self.sup: list[str] = []
        self._in_sup = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._in_sup = self._in_sup or tag == "sup"

    def handle_endtag(self, tag: str) -> None:
        if tag == "sup":
            self._in_sup = False

    def handle_data(self, data: str) -> None:
        if self._in_sup:
            self.sup.append(data)


def test_article_1er_and_dates_raise_er_in_every_format(weasy: Shipped) -> None:
    document = docx.Document(str(weasy.path("convention.docx")))
    (heading,) = [p for p in document.paragraphs if p.text == "Article 1er – Objet"]
    assert heading.style.name == "Heading 2"
    assert [(r.text, r.font.superscript) for r in heading.runs] == [
        ("Article 1", None),
        ("er", True),
        (" – Objet", None),
    ]
    # every « 1er » is raised, in the dates too (« 1er janvier 2025 »), on the cover too
    raised = [r for p in document.paragraphs for r in p.runs if r.font.superscript]
    assert {r.text for r in raised} == {"er"}
    assert len(raised) == sum(len(re.findall(r"(?<!\w)1er(?!\w)", p.text)) for p in document.paragraphs) >= 5
    (cover,) = [p for p in document.paragraphs if p.text.startswith("Prise d’effet")]
    assert cover.style.name == "Couverture Lignes"
    assert [r.text for r in cover.runs if r.font.superscript] == ["er"]
    assert any("1er\u00a0janvier\u00a02025" in p.text for p in document.paragraphs)  # and never broken
    page = weasy.path("convention.html").read_text(encoding="utf-8")
    root = lxml_html.fromstring(page)
    (h2,) = [h for h in root.iter("h2") if h.get("id") == "objet"]
    assert lxml_html.tostring(h2, encoding="unicode").startswith('<h2 id="objet">Article 1<sup>er</sup> – Objet')
    parser = _Text()
    parser.feed(page)
    assert set(parser.sup) == {"er"} and len(parser.sup) == len(raised)
    (line,) = [p for p in root.iter("p") if p.text_content().startswith("Prise d’effet")]
    assert [s.text for s in line.iter("sup")] == ["er"] and line.getparent().get("class") == "cover-lines"
    pdf = _flat(_pdf_text(weasy.path("convention.pdf")))
    assert "Article 1er – Objet" in pdf and "Article 1 – Objet" not in pdf


def test_porto_vecchio_never_breaks(weasy: Shipped) -> None:
    """Word's non-breaking hyphen in the DOCX; in the HTML a nowrap span with a plain hyphen, so that
    the PDF draws the body font's hyphen and its text reads (and is searched as) « Porto-Vecchio »."""
    path = weasy.path("convention.docx")
    body = docx.Document(str(path)).element.body
    cut = [
        p
        for p in body.iter(qn("w:p"))
        if "Porto\u2011Vecchio" in element_text(p) and p.find(f".//{qn('w:noBreakHyphen')}") is not None
    ]
    assert cut, "no « Porto-Vecchio » written with w:noBreakHyphen"
    texts = [t.text or "" for t in body.iter(W_T)]
    assert not [t for t in texts if "Porto-Vecchio" in t or t.endswith("Porto-")]
    assert not [t for t in texts if "\u2011" in t]  # always Word's own element, which every Word version draws
    page = weasy.path("convention.html").read_text(encoding="utf-8")
    body_tag = page.index("<body", page.index("</head>"))
    body_html = page[page.index(">", body_tag) + 1 :]  # the text, not the body's attributes (running header)
    kept = re.findall(r'<span class="insecable">([^<]*)</span>', body_html)
    assert "Porto-Vecchio" in kept and "\u2011" not in page
    in_spans = sum(word.count("Porto-Vecchio") for word in kept)
    assert body_html.count("Porto-Vecchio") == in_spans  # every one of them kept whole
    pdf = _pdf_text(weasy.path("convention.pdf"))
    assert pdf.count("Porto-Vecchio") >= len(cut) and "\u2011" not in pdf
    assert not re.search(r"Porto-?\s*\n\s*Vecchio", pdf)


def test_annex_titles_say_annexe_once(weasy: Shipped) -> None:
    """« Annexe 1 – Direction générale … », never « Annexe 1 – Fiche annexe : … »."""
    document = docx.Document(str(weasy.path("convention.docx")))
    titles = [word_text(p) for p in document.paragraphs if p.style.name == "Heading 1"]
    annexes = [t for t in titles if t.startswith("Annexe ")]
    assert [t.split(" – ")[0] for t in annexes] == [f"Annexe {n}" for n in range(1, len(FICHES) + 1)]
    for title in annexes:
        assert re.fullmatch(r"Annexe \d+ – [A-ZÉ][^:]+", title), title
    for text in (
        "\n".join(docx_paragraphs(weasy.path("convention.docx"))),
        html_text(weasy.path("convention.html")),
        _pdf_text(weasy.path("convention.pdf")),
    ):
        assert "Fiche annexe :" not in text.replace("\u00a0", " ")
    fiche = docx.Document(str(weasy.path("annexes/annexe-03-numerique.docx")))
    assert word_text(fiche.paragraphs[0]) == "Annexe 3 – Fonction numérique – informatique"


NUMERIQUE_HEADINGS = [
    ("Heading 3", "Les postes de travail"),
    ("Heading 4", "Les matériels"),
    ("Heading 4", "Le socle de logiciels de base"),
    ("Heading 4", "Les applications métiers"),
    ("Heading 3", "Les infrastructures"),
    ("Heading 4", "Le réseau"),
    ("Heading 4", "Les moyens de communication"),
]


@pytest.mark.parametrize("stem", ["convention", "annexes/annexe-03-numerique"])
def test_numerique_third_section_keeps_two_heading_levels(weasy: Shipped, stem: str) -> None:
    """As the source fiche: « Les postes de travail » over « Les matériels », « Les infrastructures » over
    « Le réseau »; Word's Heading 3 and Heading 4 (outline levels 3 and 4), HTML's h3 and h4."""
    document = docx.Document(str(weasy.path(f"{stem}.docx")))
    paragraphs = document.paragraphs
    start = next(
        i
        for i, p in enumerate(paragraphs)
        if p.text.endswith("Services pris en charge financièrement par le CCAS\u00a0:")
    )
    end = next(i for i in range(start + 1, len(paragraphs)) if paragraphs[i].style.name == "Heading 2")
    found = [(p.style.name, p.text) for p in paragraphs[start + 1 : end] if p.style.name.startswith("Heading")]
    assert found == NUMERIQUE_HEADINGS
    level4 = document.styles["Heading 4"].element.find(f".//{qn('w:outlineLvl')}")
    assert level4 is not None and level4.get(qn("w:val")) == "3"
    root = lxml_html.fromstring(weasy.path(f"{stem}.html").read_bytes())
    (section,) = [h for h in root.iter("h2") if h.get("id") == "numerique-prise-en-charge-ccas"]
    shown = []
    for element in section.itersiblings():
        if element.tag == "h2":
            break
        if element.tag in ("h3", "h4"):
            shown.append((f"Heading {element.tag[1]}", element.text_content()))
    assert shown == NUMERIQUE_HEADINGS
    pdf = _flat(_pdf_text(weasy.path(f"{stem}.pdf")))
    positions = [pdf.index(title) for _, title in NUMERIQUE_HEADINGS]
    assert positions == sorted(positions)


def test_the_level_of_an_intertitre_is_checked(project: ProjectCopy) -> None:
    """« niveau » belongs to an intertitre: elsewhere it is one located French error."""
    project.edit(
        "annexes/numerique.yaml",
        "      - paragraphe: Le financement de l'accès Internet principal.\n",
        "      - paragraphe: Le financement de l'accès Internet principal.\n        niveau: 2\n",
    )
    run = project.check()
    assert run.exit_code == 1
    assert "annexes/numerique.yaml:" in run.stderr and "« niveau » ne s'applique qu'à un intertitre" in run.stderr
    assert "Traceback" not in run.stderr


def _check_messages(project: ProjectCopy) -> list[tuple[str, str]]:
    run = project.check("--format", "json")
    assert run.exit_code == 0, run.stdout
    return sorted((m.get("code", ""), m["message"]) for m in json.loads(run.stdout)["messages"])


def test_check_does_not_flag_the_typography_the_tool_sets(project: ProjectCopy) -> None:
    """Straight apostrophes, missing or ordinary spaces before « : ; ? », « ... », a spaced hyphen: the
    tool sets them itself, so ``check`` says nothing more about them than about the shipped text."""
    before = _check_messages(project)
    project.edit(
        "annexes/numerique.yaml",
        "      - paragraphe: Le financement de l'accès Internet principal.\n",
        '      - paragraphe: "Le financement de l\'accès Internet principal: fibre ; ADSL ? - et... « oui »"\n',
    )
    assert _check_messages(project) == before
    from ccas_docs.checks.rules import validated
    from ccas_docs.compose.convention import compose_all
    from ccas_docs.document.tree import plain_text
    from ccas_docs.model.project import load_project

    loaded = load_project(project.root)
    text = plain_text(compose_all(loaded, validated(loaded)[1])[0])
    assert (
        f"Le financement de l’accès Internet principal{NBSP}: fibre{NNBSP}; ADSL{NNBSP}? – et… «{NBSP}oui{NBSP}»"
        in text
    )


def test_a_composed_invoice_sets_service_codes_and_keeps_its_number() -> None:
    """« FIN‑AP » unbroken; the invoice number, an identifier, printed exactly as the register holds it."""
    from ccas_docs.billing.costs import read_costs
    from ccas_docs.billing.ledger import build_ledger, default_costs_path, default_payroll_path
    from ccas_docs.billing.payroll import read_payroll
    from ccas_docs.compose.invoice import InvoiceHeader, compose_invoice
    from ccas_docs.model.project import load_project
    from ccas_docs.writers.docx import render_docx

    root = ROOT
    project = load_project(root)
    payroll = default_payroll_path(root, 2025)
    costs = default_costs_path(root, 2025)
    ledger = build_ledger(
        project,
        2025,
        read_payroll(payroll, payroll.relative_to(root).as_posix()),
        read_costs(costs, costs.relative_to(root).as_posix()),
        payroll.relative_to(root).as_posix(),
    )
    header = InvoiceHeader("2025-CCAS-001", "facture", dt.date(2025, 12, 15), dt.date(2026, 1, 14))
    data = render_docx(compose_invoice(project, ledger, header), root / "templates" / "convention.docx")
    document = docx.Document(io.BytesIO(data))
    cells = [word_text(p) for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    assert "Direction des Finances et de l’Achat Public (FIN\u2011AP)" in cells
    assert "2025-CCAS-001" in cells  # the header table's « Numéro »


def test_words_copied_from_the_printed_text_amend_the_yaml(project: ProjectCopy) -> None:
    """An avenant's « mots » copied from the PDF (« l’ensemble », no-break spaces) are the YAML's words
    (« l'ensemble »): ``check`` accepts them and the consolidated text is amended in place."""
    from test_versions import without_avenants, write_avenant

    from ccas_docs.checks.rules import validated
    from ccas_docs.compose.convention import compose_all
    from ccas_docs.document.tree import plain_text
    from ccas_docs.model.project import load_project
    from ccas_docs.versions.consolidate import consolidate

    without_avenants(project)
    write_avenant(
        project,
        1,
        "2026-01-01",
        "  - remplacer_mots:\n"
        "      cible: rh/prestation/ville-prend-sa-charge-ensemble-missions\n"
        '      mots: "charge l\u2019ensemble\u00a0des missions"\n'
        '      par: "charge l\'ensemble des tâches"\n',
    )
    assert project.check().exit_code == 0
    version = consolidate(load_project(project.root), dt.date(2026, 1, 1))
    text = "\n".join(plain_text(compose_all(version.project, validated(version.project)[1])[0]))
    assert "La Ville prend à sa charge l’ensemble des tâches liées à la gestion des Ressources Humaines" in text
    assert "l’ensemble des missions liées à la gestion des Ressources" not in text


def test_import_writes_the_reviewers_words_as_a_user_writes_them(tmp_path: Path) -> None:
    """A reviewer's words come back from Word typeset (’, U+202F typed or autocorrected); the YAML gets
    them as a user writes them (« ' », plain spaces), and the rebuilt document sets them again."""
    from importing import build_docx, fresh_project, run_import, texts
    from reviewing import Review

    root = fresh_project(tmp_path / "projet")
    review = Review(root / "output" / "convention.docx")
    review.replace_words(
        "missions liées à la gestion des Ressources", "l’ensemble des missions", "l’ensemble des tâches"
    )
    review.insert_after(
        "Promouvoir le droit individuel à la formation", f"Suivre l’évolution des carrières{NNBSP}; voir l’annexe 2"
    )
    run = run_import(root, review.save(tmp_path / "relu.docx"))
    assert run.exit_code == 0, run.stderr
    after = (root / "annexes" / "rh.yaml").read_text(encoding="utf-8")
    assert "charge l'ensemble des tâches liées" in " ".join(after.split())
    assert "Suivre l'évolution des carrières ; voir l'annexe 2" in after
    assert not [c for c in after if c in TYPOGRAPHIC.replace("\u2013", "").replace("\u2026", "")]
    rebuilt = texts(build_docx(root))
    assert any("prend à sa charge l’ensemble des tâches liées à la gestion des Ressources" in t for t in rebuilt)
    assert f"Suivre l’évolution des carrières{NNBSP}; voir l’annexe 2" in rebuilt
