"""Fonts a town hall has: the DOCX names Times New Roman, the PDFs embed its metric twin.

Word on Windows has Times New Roman; Debian's Liberation Serif (fonts-liberation2) has the same
advance widths, so a page set in Word breaks where the PDF does. Both PDF engines (WeasyPrint from
the HTML, LibreOffice from the DOCX) must embed Liberation Serif (PDF/A wants every font embedded),
and print the narrow no-break space of « 5 % » with it. A font other than Liberation may appear
only for a character Liberation lacks (DejaVu, last in the CSS list, for the non-breaking hyphen).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pikepdf
import pytest
from built import base_name, fonts, is_embedded, mapped_text, shipped
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont

WORD_FONT = "Times New Roman"
needs_soffice = pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice (soffice) n'est pas installé"
)


def _liberation_serif_characters() -> set[str]:
    found = subprocess.run(
        ["fc-match", "-f", "%{file}", "Liberation Serif"], capture_output=True, text=True, check=True
    ).stdout
    assert "LiberationSerif" in found, f"fonts-liberation2 is not installed: fc-match gives {found}"
    return {chr(c) for c in TTFont(found).getBestCmap()}


def _style_font(style) -> str | None:
    """The ASCII font a style resolves to, following its « based on » chain."""
    while style is not None:
        rfonts = style.element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if rfonts is not None and rfonts.get(qn("w:ascii")):
            return rfonts.get(qn("w:ascii"))
        style = style.base_style
    return None


def test_docx_styles_name_times_new_roman() -> None:
    document = docx.Document(str(shipped("weasyprint") / "convention.docx"))
    defaults = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}"
    )
    assert {defaults.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {WORD_FONT}
    used = {p.style.name for p in document.paragraphs}
    assert {"Normal", "Heading 1", "Heading 2"} <= used
    for style in document.styles:
        if style.type == 1:  # paragraph styles: each is Times New Roman or inherits the default
            assert _style_font(style) in (None, WORD_FONT), style.name
    # no run overrides the font: every character is in the template's font
    body = document.element.body
    assert not [r for r in body.iter(qn("w:rFonts")) if r.get(qn("w:ascii")) not in (None, WORD_FONT)]
    font_table = document.part.part_related_by(docx.opc.constants.RELATIONSHIP_TYPE.FONT_TABLE)
    assert f'w:name="{WORD_FONT}"'.encode() in font_table.blob


def _check_pdf_fonts(pdf_path: Path, serif: str, twin: str) -> None:
    liberation = _liberation_serif_characters()
    with pikepdf.open(pdf_path) as pdf:
        found = {base_name(f): f for f in fonts(pdf)}
        assert found, "no font in the PDF"
        for name, font in found.items():
            assert is_embedded(font), f"{name} is not embedded"
        assert {serif, f"{serif}{twin}Bold"} <= set(found), sorted(found)
        # the narrow no-break space of « 5 % » is printed by Liberation Serif itself
        assert "\u202f" in mapped_text(found[serif])
        for name, font in found.items():
            if not name.startswith("Liberation"):  # a fallback, only for what Liberation lacks
                borrowed = mapped_text(font) - {" "}
                assert borrowed and not borrowed & liberation, (name, sorted(borrowed & liberation)[:10])


def test_weasyprint_pdf_embeds_liberation_serif() -> None:
    _check_pdf_fonts(shipped("weasyprint") / "convention.pdf", "Liberation-Serif", "-")
    with pikepdf.open(shipped("weasyprint") / "convention.pdf") as pdf:
        # the text stage's non-breaking hyphens are drawn with Liberation's own hyphen: no fallback font
        assert {base_name(f) for f in fonts(pdf)} <= {
            "Liberation-Serif",
            "Liberation-Serif-Bold",
            "Liberation-Serif-Italic",
            "Liberation-Serif-BoldItalic",
            "Liberation-Sans-Bold",
        }


@needs_soffice
def test_libreoffice_pdf_embeds_liberation_serif() -> None:
    _check_pdf_fonts(shipped("libreoffice") / "convention.pdf", "LiberationSerif", "-")


def test_every_fiche_pdf_is_in_liberation() -> None:
    for pdf_path in sorted((shipped("weasyprint") / "annexes").glob("*.pdf")):
        with pikepdf.open(pdf_path) as pdf:
            used = list(fonts(pdf))
            assert "Liberation-Serif" in {base_name(f) for f in used}, pdf_path
            assert all(is_embedded(f) for f in used), pdf_path
