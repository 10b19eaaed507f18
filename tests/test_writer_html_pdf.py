"""HTML writer and WeasyPrint PDF: the shipped convention's real outputs, and small fixture trees.

The PDF tests render the whole convention once per module (a few seconds) and read the result
back with pypdf and pikepdf: text, page numbers, PDF/A declaration, metadata, fonts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from ccas_docs.checks.rules import validated
from ccas_docs.common.diagnostics import UserError
from ccas_docs.common.typography import NBHY
from ccas_docs.compose.convention import compose_all
from ccas_docs.document.tree import (
    Cover,
    Document,
    Heading,
    ListBlock,
    ListItem,
    Metadata,
    PageBreak,
    Paragraph,
    Run,
    Signature,
    SignatureBlock,
    Table,
    cell,
    para,
)
from ccas_docs.model.project import load_project
from ccas_docs.writers.html import render_html, write_html
from ccas_docs.writers.pdf import PdfAttachment, html_to_pdf, write_pdf

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
NNBSP = "\u202f"


def printed(text: str) -> str:
    """A text of the tree as the HTML and the PDF print it: a non-breaking hyphen (U+2011) is a plain
    hyphen in a nowrap span (writers/html.py, ``unbroken``)."""
    return text.replace(NBHY, "-")


# --- fixtures ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    project = load_project(ROOT)
    _, numbering = validated(project)
    return compose_all(project, numbering)


@pytest.fixture(scope="module")
def convention(documents: list[Document]) -> Document:
    return documents[0]


@pytest.fixture(scope="module")
def convention_html(convention: Document) -> str:
    return render_html(convention, TEMPLATES)


@pytest.fixture(scope="module")
def convention_pdf(convention: Document, convention_html: str) -> bytes:
    return html_to_pdf(convention_html, TEMPLATES, convention.meta)


@pytest.fixture(scope="module")
def pages(convention_pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(convention_pdf)).pages]


META = Metadata(
    title="Essai & « titre »",
    subject="Sujet <essai>",
    author="Commune d'essai",
    date=dt.date(2026, 11, 25),
    keywords=("essai", "CCAS"),
)


def tiny(body: tuple, cover: Cover | None = None, header: str = "En-tête", footer: str = "Pied") -> Document:
    return Document(name="essai", meta=META, header=header, body=body, cover=cover, footer=footer)


def parse(page: str) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(page.encode("utf-8"))


def texts(elements: list) -> list[str]:
    return [e.text_content() for e in elements]


# --- HTML of the shipped convention ----------------------------------------------------------------


def test_convention_html_structure(convention: Document, convention_html: str) -> None:
    root = parse(convention_html)
    assert root.get("lang") == "fr-FR"
    assert root.findtext(".//title") == printed(convention.meta.title)
    assert root.xpath("//meta[@name='author']/@content") == [convention.meta.author]
    assert root.xpath("//meta[@name='description']/@content") == [convention.meta.subject]
    # self-contained: the print CSS is inlined, nothing is linked
    assert root.xpath("//style") and "@page" in root.xpath("string(//style)")
    assert not root.xpath("//link[@rel='stylesheet']")

    h1, h2, h3 = (root.xpath(f"//main//h{n}") for n in (1, 2, 3))
    assert len(h1) == len(documents_fiches(convention))
    assert "Article 6 – Modalités financières" in texts(h2)
    assert h3, "the fiches' sub-headings (intertitres) are h3"
    # anchors become ids
    assert root.xpath("//h2[@id='modalites-financieres']")
    assert [h.get("id") for h in h1] == [h.anchor for h in documents_fiches(convention)]

    # nested lists and numbered lists
    assert root.xpath("//ul/li/ul/li"), "nested bulleted list"
    assert root.xpath("//ol/li")

    # tables: header row in thead, rowspans, widths
    tables = root.xpath("//table")
    assert tables and all(t.xpath("./thead/tr/th") for t in tables)
    spans = root.xpath("//td[@rowspan]")
    assert spans and all(int(td.get("rowspan")) > 1 for td in spans)
    assert all(len(t.xpath("./colgroup/col")) == len(t.xpath("./thead/tr/th")) for t in tables)

    # the signature block: two columns, each with its heading
    (block,) = root.xpath("//section[contains(@class, 'signatures')]")
    signatures = block.xpath(".//div[@class='signature']")
    assert len(signatures) == 2
    assert texts(block.xpath(".//p[@class='signature-heading']")) == [
        "Pour la Commune de Porto-Vecchio",
        "Pour le Centre communal d’action sociale de Porto-Vecchio",
    ]

    # the cover, then page breaks as classes (never an empty element)
    assert root.xpath("//section[@class='cover']/h1[@class='cover-title']")
    breaks = root.xpath("//*[contains(concat(' ', @class, ' '), ' page-break ')]")
    assert len(breaks) == sum(isinstance(b, PageBreak) for b in convention.body)
    assert all(b.text_content().strip() for b in breaks)


def documents_fiches(doc: Document) -> list[Heading]:
    return [b for b in doc.body if isinstance(b, Heading) and b.level == 1]


def test_convention_html_has_every_word(convention: Document, convention_html: str) -> None:
    from ccas_docs.document.tree import plain_text

    text = " ".join(parse(convention_html).xpath("//body")[0].text_content().split())
    for line in plain_text(convention):
        assert " ".join(printed(line).split()) in text, line


def test_financial_table_alignment_follows_columns(convention_html: str) -> None:
    root = parse(convention_html)
    (table,) = [t for t in root.xpath("//table") if "Taux" in texts(t.xpath("./thead/tr/th"))]
    for row in table.xpath("./tbody/tr"):
        classes = [td.get("class") for td in row.xpath("./td")]
        assert classes == ["align-center", "align-left", "align-left", "align-center", "align-left"]
        assert re.fullmatch(r"\d+(,\d+)?\u202f%", row.xpath("./td")[3].text_content())


def test_write_html_is_atomic_and_standalone(tmp_path: Path, convention: Document) -> None:
    target = tmp_path / "sortie" / "convention.html"
    write_html(convention, target, TEMPLATES)
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "templates/" not in page and "print.css" not in page.split("</style>")[1]
    assert [p.name for p in target.parent.iterdir()] == ["convention.html"]


# --- HTML of fixture trees ---------------------------------------------------------------------------


def test_escaping_of_text_and_of_template_syntax() -> None:
    tricky = "A & B < C > D « guillemets » l’œuvre {{ x }} {% if %} <script>alert(1)</script>"
    doc = tiny(
        (
            Heading(2, tricky, "a&b"),
            Paragraph((Run(tricky), Run(" gras & fort", bold=True), Run(" <i>", italic=True))),
            ListBlock((ListItem((Run(tricky),), ListBlock((ListItem((Run("enfant {{ y }}"),)),))),)),
            Table(header=(cell("Col <1>"),), rows=((cell(tricky),),), widths=(100,), caption="Légende & <b>"),
            SignatureBlock("Fait à <Lieu>", (Signature("Pour « A »", ("M. & Mme",)),)),
        ),
        header="En-tête <h> & « x »",
        footer="Pied {{ z }}",
    )
    page = render_html(doc, TEMPLATES)
    assert "<script>" not in page and "<b>" not in page.split("</style>")[1] and "<i>" not in page
    assert "A &amp; B &lt; C &gt; D « guillemets » l’œuvre {{ x }} {% if %}" in page
    root = parse(page)
    assert root.xpath("string(//main/h2)") == tricky
    assert root.xpath("//main/h2/@id") == ["a&b"]
    assert root.xpath("string(//main/p)") == tricky + " gras & fort <i>"
    assert root.xpath("string(//main/p/strong)") == " gras & fort"
    assert root.xpath("string(//main/p/em)") == " <i>"
    assert root.xpath("string(//ul/li/ul/li)") == "enfant {{ y }}"
    assert root.xpath("string(//table/caption)") == "Légende & <b>"
    assert root.xpath("string(//tbody//td)") == tricky
    assert root.xpath("//body/@data-header") == ["En-tête <h> & « x »"]
    assert root.xpath("//body/@data-footer") == ["Pied {{ z }}"]
    assert root.findtext(".//title") == "Essai & « titre »"


def test_table_mapping_rowspan_alignment_footer_caption() -> None:
    table = Table(
        header=(cell("Locaux", bold=True), cell("Cas", bold=True), cell("Charge", bold=True)),
        rows=(
            (cell("Bureaux", rowspan=2), cell("petit entretien"), cell("CCAS")),
            (cell("gros entretien"), cell("Commune")),
            (cell("Parc"), cell("espaces verts"), cell("Commune")),
        ),
        widths=(25, 50, 25),
        align=("left", "left", "right"),
        footer=((cell("Total"), cell(""), cell("3")),),
        caption="Répartition",
    )
    root = parse(render_html(tiny((table,)), TEMPLATES))
    (t,) = root.xpath("//table")
    assert t.xpath("./caption/text()") == ["Répartition"]
    assert t.xpath("./colgroup/col/@style") == ["width: 25%", "width: 50%", "width: 25%"]
    assert t.xpath("./thead/tr/th/@class") == ["align-left", "align-left", "align-right"]
    # rows joined by the rowspan share a tbody (kept on one page); the next row has its own
    groups = t.xpath("./tbody")
    assert [len(g.xpath("./tr")) for g in groups] == [2, 1]
    first, second = groups[0].xpath("./tr")
    assert first.xpath("./td[1]/@rowspan") == ["2"]
    # the second row starts in column 2: its cells take columns 2 and 3's alignment
    assert second.xpath("./td/@class") == ["align-left", "align-right"]
    assert second.xpath("string(./td[2])") == "Commune"
    assert t.xpath("string(./tfoot/tr/td[1])") == "Total"
    assert t.xpath("./tfoot/tr/td/@class") == ["align-left", "align-left", "align-right"]


def test_page_breaks_become_a_class_on_the_next_element() -> None:
    body = (PageBreak(), para("un"), PageBreak(), Heading(1, "Deux", "deux"), para("trois"), PageBreak())
    root = parse(render_html(tiny(body), TEMPLATES))
    main = root.xpath("//main")[0]
    children = [(c.tag, c.get("class")) for c in main]
    assert children == [("p", "body"), ("h1", "page-break"), ("p", "body")]


def test_roles_emphasis_and_keep_with_next() -> None:
    body = (
        Paragraph((Run("Total : "), Run("12 €", bold=True, italic=True)), "total", keep_with_next=True),
        para("centré", role="center"),
        para("*note*", role="small"),
    )
    root = parse(render_html(tiny(body), TEMPLATES))
    assert root.xpath("//main/p/@class") == ["total keep-with-next", "center", "small"]
    assert root.xpath("string(//main/p[1]/strong/em)") == "12 €"
    assert root.xpath("string(//main/p[3]/em)") == "note"


def test_cover_is_rendered_when_present() -> None:
    cover = Cover("Titre de couverture", ("entre A", "et B"), ("Référence : X",))
    root = parse(render_html(tiny((para("corps"),), cover=cover), TEMPLATES))
    assert root.xpath("string(//section[@class='cover']/h1)") == "Titre de couverture"
    assert root.xpath("//section[@class='cover']/p[@class='cover-subtitle']/text()") == ["entre A", "et B"]
    assert root.xpath("//div[@class='cover-lines']/p/text()") == ["Référence : X"]


# --- template problems: French user errors, never a traceback ------------------------------------------


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "modeles"
    shutil.copytree(TEMPLATES, folder, ignore=shutil.ignore_patterns("*.docx"))
    return folder


def _error(templates: Path) -> str:
    with pytest.raises(UserError) as caught:
        render_html(tiny((para("x"),)), templates)
    (diagnostic,) = caught.value.diagnostics
    return diagnostic.format()


def test_missing_template(templates: Path) -> None:
    (templates / "document.html.j2").unlink()
    message = _error(templates)
    assert "document.html.j2: erreur: modèle « document.html.j2 » introuvable [modele]" in message
    assert "Traceback" not in message


def test_missing_partial(templates: Path) -> None:
    (templates / "_blocks.html.j2").unlink()
    assert "modèle « _blocks.html.j2 » introuvable" in _error(templates)


def test_template_syntax_error_names_template_and_line(templates: Path) -> None:
    path = templates / "document.html.j2"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(5, "{% if meta.title %}oops")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = _error(templates)
    assert re.search(
        r"document\.html\.j2:\d+:1: erreur: erreur de syntaxe dans le modèle « document\.html\.j2 »", message
    )


def test_unknown_variable_in_template(templates: Path) -> None:
    path = templates / "document.html.j2"
    text = path.read_text(encoding="utf-8").replace("<title>{{ meta.title }}</title>", "<title>{{ titre }}</title>")
    path.write_text(text, encoding="utf-8")
    line = text[: text.index("{{ titre }}")].count("\n") + 1
    message = _error(templates)
    assert f"document.html.j2:{line}:1: erreur: variable inconnue dans le modèle « document.html.j2 »" in message
    assert "titre" in message


def test_missing_stylesheet(templates: Path) -> None:
    (templates / "print.css").unlink()
    assert "print.css: erreur: feuille de style « print.css » introuvable" in _error(templates)


# --- the WeasyPrint PDF of the convention ------------------------------------------------------------


def test_pdf_text_headings_fiches_and_page_numbers(convention: Document, pages: list[str]) -> None:
    text = "\n".join(pages)
    flat = " ".join(text.split())
    for heading in ("Entre les soussignés", "Article 1er – Objet", "Article 6 – Modalités financières", "Signatures"):
        assert heading in flat
    for fiche in documents_fiches(convention):
        assert " ".join(fiche.text.split()) in flat
    assert "Les prestations de la ville seront facturées en fin d’année" in flat
    total = len(pages)
    assert total > 10
    # the cover has no running header or footer; every other page says « page n / N »
    assert "page 1 /" not in pages[0]
    for n, page in enumerate(pages[1:], start=2):
        assert f"page {n} / {total}" in page, f"page {n}"
        assert printed(convention.header) in page


def test_pdf_has_no_blank_page(convention: Document, pages: list[str]) -> None:
    total = len(pages)
    for n, page in enumerate(pages, start=1):
        body = (
            page.replace(printed(convention.header), "")
            .replace(printed(convention.footer), "")
            .replace(f"page {n} / {total}", "")
        )
        assert body.strip(), f"page {n} is blank"


def test_pdf_declares_pdfa_2b_and_metadata(convention: Document, convention_pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(convention_pdf)) as pdf:
        xmp = pdf.open_metadata()
        assert xmp.pdfa_status == "2B"
        raw = pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert re.search(r"pdfaid:part[=>\"]+2", raw) and re.search(r"pdfaid:conformance[=>\"]+B", raw)
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFA1"
        info = pdf.docinfo
        assert str(info.Title) == convention.meta.title
        assert str(info.Author) == convention.meta.author
        assert str(info.Subject) == convention.meta.subject
        assert str(info.Keywords) == ", ".join(convention.meta.keywords)
        stamp = convention.meta.date.strftime("D:%Y%m%d000000Z")
        assert str(info.CreationDate) == str(info.ModDate) == stamp
        assert str(pdf.Root.Lang) == convention.meta.language
        assert xmp["dc:title"] == convention.meta.title


def test_pdf_fonts_are_liberation_and_have_the_narrow_no_break_space(convention_pdf: bytes, pages: list[str]) -> None:
    names, to_unicode = set(), b""
    with pikepdf.open(io.BytesIO(convention_pdf)) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                names.add(str(font.BaseFont).split("+", 1)[-1])
                for descendant in font.get("/DescendantFonts", []):
                    assert "/FontFile2" in descendant.FontDescriptor, "fonts are embedded"
                if "/ToUnicode" in font:
                    to_unicode += font.ToUnicode.read_bytes()
    # Liberation Serif, the metric twin of the DOCX template's Times New Roman (tests/test_fonts.py)
    assert names and all(name.startswith("Liberation-Serif") for name in names), names
    # a glyph of an embedded font maps to U+202F: « 5 % » is printed with the real character
    assert re.search(rb"<202[fF]>", to_unicode)
    text = "".join(pages)
    assert re.search(r"\d[\u202f ]%", text)


def test_pdf_is_reproducible(convention: Document, convention_html: str, convention_pdf: bytes) -> None:
    again = html_to_pdf(convention_html, TEMPLATES, convention.meta)
    assert hashlib.sha256(again).hexdigest() == hashlib.sha256(convention_pdf).hexdigest()


def test_pdf_is_reproducible_across_processes(tmp_path: Path, documents: list[Document]) -> None:
    fiche = documents[1]
    script = (
        "import sys; from pathlib import Path\n"
        "from ccas_docs.model.project import load_project; from ccas_docs.checks.rules import validated\n"
        "from ccas_docs.compose.convention import compose_all; from ccas_docs.writers.pdf import write_pdf\n"
        f"p = load_project({str(ROOT)!r}); _, n = validated(p); d = compose_all(p, n)[1]\n"
        f"write_pdf(d, Path(sys.argv[1]), Path({str(TEMPLATES)!r}))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "a.pdf")], check=True, env=env)
    write_pdf(fiche, tmp_path / "b.pdf", TEMPLATES)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    assert [p.name for p in sorted(tmp_path.iterdir())] == ["a.pdf", "b.pdf"]  # no temporary file left


def test_source_date_epoch_is_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = tiny((para("x"),))
    page = render_html(doc, TEMPLATES)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "42")
    html_to_pdf(page, TEMPLATES, doc.meta)
    assert os.environ["SOURCE_DATE_EPOCH"] == "42"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    html_to_pdf(page, TEMPLATES, doc.meta)
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_pdf_a_3b_with_attachment() -> None:
    doc = tiny((para("Facture : 1\u202f234,56\u202f€ et 5\u202f%"),))
    xml = b"<?xml version='1.0'?><facture>1</facture>"
    data = html_to_pdf(
        render_html(doc, TEMPLATES), TEMPLATES, doc.meta, "pdf/a-3b", [PdfAttachment("factur-x.xml", xml, "Factur-X")]
    )
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert pdf.open_metadata().pdfa_status == "3B"
        assert pdf.attachments["factur-x.xml"].get_file().read_bytes() == xml
        assert pdf.Root.AF[0].AFRelationship == "/Data"
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "1\u202f234,56\u202f€ et 5\u202f%" in text


def test_bad_variant_and_attachment_without_pdfa3() -> None:
    doc = tiny((para("x"),))
    page = render_html(doc, TEMPLATES)
    with pytest.raises(UserError, match="variante PDF « pdf/x-4 » non prise en charge"):
        html_to_pdf(page, TEMPLATES, doc.meta, "pdf/x-4")
    with pytest.raises(UserError, match="PDF/A-3"):
        html_to_pdf(page, TEMPLATES, doc.meta, "pdf/a-2b", [PdfAttachment("a.xml", b"<a/>")])


def test_weasyprint_is_not_imported_with_the_module() -> None:
    code = "import sys, ccas_docs.writers.pdf, ccas_docs.writers.html; print('weasyprint' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "False"
