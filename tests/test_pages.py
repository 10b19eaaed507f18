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
    assert rules["h1, h2, h3"]["hyphens"] == "manual"


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
