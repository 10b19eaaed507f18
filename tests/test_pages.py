"""Pages as a French printer would set them, read back from the produced DOCX, HTML and PDF.

French hyphenation of justified text (both PDF engines, the DOCX settings, the HTML's CSS), a tagged
PDF, the signature block kept with the last article, tables that split between rows only, no
heading left alone at the foot of a page.
"""

from __future__ import annotations

import re
import shutil
import zipfile

import docx
import pikepdf
import pytest
import tinycss2
from built import page_texts, shipped
from lxml import etree, html

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
needs_soffice = pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice (soffice) n'est pas installé"
)


def _docx_words(path) -> set[str]:
    document = docx.Document(str(path))
    text = " ".join(p.text for p in document.paragraphs)
    text += " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    return set(re.findall(r"\w+(?:-\w+)*", text))


# --- hyphenation ---------------------------------------------------------------------------------


def test_html_is_french_and_its_css_hyphenates_justified_text() -> None:
    page = html.fromstring((shipped("weasyprint") / "convention.html").read_bytes())
    assert page.get("lang") == "fr-FR"
    css = "".join(style.text for style in page.iter("style"))
    rules = {}
    for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True):
        if rule.type == "qualified-rule":
            selector = tinycss2.serialize(rule.prelude).strip()
            declarations = tinycss2.parse_declaration_list(rule.content, skip_whitespace=True, skip_comments=True)
            rules[selector] = {
                d.lower_name: tinycss2.serialize(d.value).strip() for d in declarations if d.type == "declaration"
            }
    assert rules["p"]["text-align"] == "justify" and rules["p"]["hyphens"] == "auto"
    assert rules["li"]["hyphens"] == "auto"
    (headings,) = [selector for selector in rules if selector.startswith("h1, h2, h3")]
    assert rules[headings]["hyphens"] == "manual"


def _hyphenated(pages: list[str], hyphen: str, words: set[str]) -> list[str]:
    """Words cut at a line end by hyphenation: « fonc‐\\ntion » where the text has « fonction »."""
    found = []
    for text in pages:
        for head, tail in re.findall(rf"(\w+){hyphen}\n(\w+)", text):
            if head + tail in words and f"{head}-{tail}" not in words:
                found.append(f"{head}{hyphen}{tail}")
    return found


def test_weasyprint_pdf_hyphenates_justified_paragraphs() -> None:
    out = shipped("weasyprint")
    pages = page_texts((out / "convention.pdf").read_bytes())
    cut = _hyphenated(pages, "\u2010", _docx_words(out / "convention.docx"))  # WeasyPrint's hyphen: U+2010
    assert len(cut) >= 5, cut


def test_docx_asks_word_for_automatic_hyphenation() -> None:
    with zipfile.ZipFile(shipped("weasyprint") / "convention.docx") as z:
        settings = etree.fromstring(z.read("word/settings.xml"))
        styles = etree.fromstring(z.read("word/styles.xml"))
    assert settings.find(f"{W}autoHyphenation") is not None
    assert settings.find(f"{W}doNotHyphenateCaps") is not None  # « À COMPLÉTER » is never cut
    unhyphenated = {
        s.find(f"{W}name").get(f"{W}val")
        for s in styles.iter(f"{W}style")
        if s.find(f"{W}pPr/{W}suppressAutoHyphens") is not None
    }
    assert {"heading 1", "heading 2", "Signature", "Tableau Texte"} <= unhyphenated
    assert "Normal" not in unhyphenated


@needs_soffice
def test_libreoffice_pdf_hyphenates_justified_paragraphs() -> None:
    """LibreOffice honours the DOCX's setting (with Debian's hyphen-fr), as Word does."""
    out = shipped("libreoffice")
    pages = page_texts((out / "convention.pdf").read_bytes())
    cut = _hyphenated(pages, "-", _docx_words(out / "convention.docx"))
    assert len(cut) >= 5, cut


# --- tagged PDF ------------------------------------------------------------------------------------


def _structure_types(node: pikepdf.Object, out: set[str], depth: int = 0) -> set[str]:
    if depth > 60:
        return out
    if isinstance(node, pikepdf.Array):
        for child in node:
            _structure_types(child, out, depth + 1)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        out.add(str(node.S))
        if "/K" in node:
            _structure_types(node.K, out, depth + 1)
    return out


def test_weasyprint_pdf_is_tagged_and_still_pdfa() -> None:
    with pikepdf.open(shipped("weasyprint") / "convention.pdf") as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "fr-FR"
        assert pdf.open_metadata().pdfa_status == "2B"
        tree = pdf.Root.StructTreeRoot
        kinds = _structure_types(tree.K, set())
        assert {"/H1", "/H2", "/P", "/L", "/LI", "/Table", "/TR", "/TH", "/TD"} <= kinds, sorted(kinds)
        # each page's marked content is reachable from the structure tree
        assert "/ParentTree" in tree
        assert all("/StructParents" in page.obj for page in pdf.pages)


# --- the signature page, headings, tables ----------------------------------------------------------


def _squash(text: str) -> str:
    """Text compared across formats: no whitespace, no hyphen (a line may be cut anywhere)."""
    return re.sub(r"[\s\u00a0\u202f\-\u2010\u2011]+", "", text)


def _page_bodies(engine: str, stem: str = "convention") -> list[str]:
    """Each page's text without its running header, footer and « PROJET » mark, squashed."""
    out = shipped(engine)
    document = docx.Document(str(out / f"{stem}.docx"))
    furniture = [p.text for s in document.sections for part in (s.header, s.footer) for p in part.paragraphs]
    pages = page_texts((out / f"{stem}.pdf").read_bytes())
    bodies = []
    for number, text in enumerate(pages, start=1):
        text = re.sub(rf"page\s*{number}\s*/\s*{len(pages)}", "", text)
        squashed = _squash(text).replace("PROJET", "")
        for line in furniture:  # « {{ pied }}\tpage … »: the template's tags are rendered, keep the text part
            for piece in re.split(r"\{\{.*?\}\}|\t|page", line):
                if len(_squash(piece)) > 3:
                    squashed = squashed.replace(_squash(piece), "")
        bodies.append(squashed)
    return bodies


def _html(engine: str = "weasyprint", stem: str = "convention") -> html.HtmlElement:
    return html.fromstring((shipped(engine) / f"{stem}.html").read_bytes())


ENGINES = ["weasyprint", pytest.param("libreoffice", marks=needs_soffice)]


@pytest.mark.parametrize("engine", ENGINES)
def test_signature_block_shares_its_page_with_the_last_article(engine: str) -> None:
    page = _html(engine)
    heading = page.get_element_by_id("signatures")
    last = heading.getprevious()
    assert last.tag == "p", "the article before the signatures ends with a paragraph"
    article = last
    while article.tag != "h2":
        article = article.getprevious()
    place = _squash(heading.getnext().find("p").text_content())  # « Fait à …, le … »
    bodies = _page_bodies(engine)
    (signed,) = [n for n, body in enumerate(bodies) if place in body]
    assert _squash(last.text_content())[-40:] in bodies[signed], "the last article's end is on the signature page"
    assert "Signatures" in bodies[signed]
    # and the signatures are not alone: the page starts with the article's heading or text
    assert not bodies[signed].startswith("Signatures")
    assert _squash(article.text_content()) in "".join(bodies[signed - 1 : signed + 1])


@pytest.mark.parametrize("engine", ENGINES)
def test_no_page_ends_with_a_heading(engine: str) -> None:
    for stem in ("convention", "annexes/annexe-06-technique"):
        page = _html(engine, stem)
        headings = [_squash(h.text_content()) for h in page.iter("h1", "h2", "h3")]
        bodies = _page_bodies(engine, stem)
        for number, body in enumerate(bodies[:-1], start=1):
            alone = [h for h in headings if len(h) > 3 and body.endswith(h)]
            assert not alone, f"{stem} ({engine}): page {number} ends with the heading {alone[0]}"


def test_docx_rows_never_split_and_header_rows_repeat() -> None:
    document = docx.Document(str(shipped("weasyprint") / "convention.docx"))
    body = document.element.body
    tables = body.findall(f".//{W}tbl")
    assert len(tables) >= 5
    for table in tables:
        rows = table.findall(f"{W}tr")
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
        if table.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val") == "TableauConvention":
            assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None  # repeated on each page
        # a whole table is never glued to the next page: only a header row, and the rows a merged cell
        # joins, keep with the row below
        for row in rows[1:]:
            below = row.getnext()
            merged = any(
                cell.find(f"{W}tcPr/{W}vMerge") is not None
                for tr in (row, below)
                if tr is not None
                for cell in tr.findall(f"{W}tc")
            )
            assert row.find(f".//{W}keepNext") is None or merged


def _table_groups(page: html.HtmlElement) -> list[tuple[str, str]]:
    """For each body row group of more than one row (a merged cell): its first and last rows' text."""
    out = []
    for tbody in page.iter("tbody"):
        rows = tbody.findall("tr")
        if len(rows) > 1:
            out.append((_squash(rows[0].text_content())[:60], _squash(rows[-1].text_content())[-60:]))
    return out


def test_a_merged_cell_is_never_split_across_pages() -> None:
    for stem in ("convention", "annexes/annexe-06-technique"):
        groups = _table_groups(_html("weasyprint", stem))
        assert groups, stem
        bodies = _page_bodies("weasyprint", stem)
        for first, last in groups:
            pages = [n for n, body in enumerate(bodies) if first in body]
            assert pages and last in bodies[pages[0]], f"{stem}: a merged row group split after page {pages}"


def _fill(pdf_path, number: int) -> float:
    """How much of the page's text area is used: from its top to the lowest line of body text."""
    from pypdf import PdfReader

    page = PdfReader(pdf_path).pages[number]
    height = float(page.mediabox.height)
    top, bottom = height - 62, 57  # the @page margins of print.css (2.2 cm, 2 cm)
    lows: list[float] = []

    def visit(text, cm, tm, font, size):  # noqa: ARG001
        if text.strip() and abs(tm[1]) < 1e-6 and abs(cm[1]) < 1e-6:  # « PROJET » is drawn rotated
            y = tm[5] * cm[3] + cm[5]
            if bottom + 8 < y < top - 8:  # not the running header or footer
                lows.append(y)

    page.extract_text(visitor_text=visit)
    return (top - min(lows)) / (top - bottom) if lows else 0.0


def test_no_page_half_empty_before_a_table() -> None:
    """A page followed by one that opens on a table (or on the sentence that introduces it) is at least
    half full, unless the next page opens a new annex (a deliberate page break)."""
    for stem in ("convention", "annexes/annexe-06-technique"):
        page = _html("weasyprint", stem)
        starts = set()
        for table in page.iter("table"):
            starts.add(_squash(table.find("thead").text_content())[:30])
            before = table.getprevious()
            if before is not None and before.tag == "p":
                starts.add(_squash(before.text_content())[:30])
        pdf_path = shipped("weasyprint") / f"{stem}.pdf"
        bodies = _page_bodies("weasyprint", stem)
        checked = 0
        for number in range(1, len(bodies)):
            if any(bodies[number].startswith(s) for s in starts):
                checked += 1
                assert _fill(pdf_path, number - 1) >= 0.5, f"{stem}: page {number} is half empty before a table"
        assert checked, f"{stem}: no page opens on a table any more; choose another document to test"
        assert _fill(pdf_path, 0) > 0.5  # the measure itself works: a full first page


# --- HTML navigation -------------------------------------------------------------------------------


def test_html_has_a_table_of_contents_linking_every_article_and_annex() -> None:
    page = _html()
    (nav,) = page.xpath("//nav[@class='toc']")
    assert nav.getparent().tag == "body" and nav.getnext().tag == "main"
    links = [(a.get("href"), a.text_content()) for a in nav.iter("a")]
    ids = set(page.xpath("//main//*[self::h1 or self::h2]/@id"))
    assert all(href.startswith("#") and href[1:] in ids for href, _ in links)
    texts = [text for _, text in links]
    articles = page.xpath("//main/h2[starts-with(normalize-space(), 'Article ')]")
    annexes = page.xpath("//main/h1[starts-with(normalize-space(), 'Annexe ')]")
    assert len(articles) >= 10 and len(annexes) == 7
    for heading in (*articles, *annexes):
        assert heading.text_content() in texts, heading.text_content()
    assert texts.index(articles[0].text_content()) < texts.index(annexes[0].text_content())
    # on paper the PDF has its bookmarks: the table is for the screen only (same pages as Word)
    assert "Sommaire" not in "".join(page_texts((shipped("weasyprint") / "convention.pdf").read_bytes()))


def test_cross_references_are_links_to_the_numbered_part() -> None:
    page = _html()
    links = page.xpath("//main//a[@class='renvoi']")
    assert len(links) >= 4
    for link in links:
        kind, number = link.text_content().split()
        (target,) = page.xpath(f"//*[@id='{link.get('href')[1:]}']")
        assert re.match(rf"{kind.capitalize()} {re.escape(number)}\b", target.text_content()), target.text_content()
    linked = {link.text_content() for link in links}
    assert {"article 6", "annexe 3.1"} <= linked
    # a citation of another text is not a link: « l'article 28 du règlement (UE) 2016/679 »
    text = page.xpath("string(//main)")
    assert "article 28 du règlement" in text and "article 28" not in linked
    # every « l'article N » the text makes, N an article of this convention, is linked
    numbers = {m.group(1) for m in re.finditer(r"l['\u2019]article (\d+)(?![\s\u00a0]+d(?:u|e|es)\b|\d)", text)}
    assert {f"article {n}" for n in numbers} <= linked
