"""The redline's marks as Word reads them (writers/docx/revisions.py), found by mutation testing: the
cover's revised lines in a template laid out by hand in Word, table rows, paragraph marks, and the
revisions' ids.

Each test renders a small tree, opens the DOCX with python-docx and reads what a reviewer sees:
the runs inserted or deleted, their format, the paragraph marks and rows tracked as changed.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
from conftest import ROOT
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.text.run import Run as DocxRun
from test_redline import resolved_text

from ccas_docs.document.tree import Cell, Cover, CoverMark, Document, Metadata, Paragraph, Revision, Run, Table
from ccas_docs.writers.docx import render_docx
from ccas_docs.writers.docx.revisions import mark_row, number_revisions

TEMPLATE = ROOT / "templates" / "convention.docx"
INS = Revision("ins", "Avenant n° 1", dt.date(2026, 7, 1))
DEL = Revision("del", "Avenant n° 1", dt.date(2026, 7, 1))
DATE = "2026-07-01T00:00:00Z"

TITLE = '<w:p><w:pPr><w:pStyle w:val="CouvertureTitre"/></w:pPr><w:r><w:t>{{ couverture.titre }}</w:t></w:r></w:p>'
SUBTITLE = '<w:p><w:pPr><w:pStyle w:val="CouvertureSoustitre"/></w:pPr><w:r><w:t>{{ ligne }}</w:t></w:r></w:p>'
# the title in a table cell, in no paragraph style but in its own run format (Arial, red, 24 pt), followed
# by a stray space and an empty run as Word leaves them; the subtitle ending a section of its own
HAND_TITLE = (
    '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid>'
    '<w:tr><w:tc><w:tcPr><w:tcW w:w="9000" w:type="dxa"/></w:tcPr>'
    '<w:p><w:r><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:color w:val="C00000"/><w:sz w:val="48"/>'
    "</w:rPr><w:t>{{ couverture.titre }}</w:t></w:r>"
    '<w:r><w:t xml:space="preserve"> </w:t></w:r><w:r><w:t></w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
)
HAND_SUBTITLE = (
    '<w:p><w:pPr><w:pStyle w:val="CouvertureSoustitre"/><w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
    "</w:pPr><w:r><w:t>{{ ligne }}</w:t></w:r></w:p>"
)


def hand_made_template(tmp_path: Path, title: str = HAND_TITLE) -> Path:
    """The shipped template with its cover laid out by hand in Word."""
    target = tmp_path / "convention.docx"
    with zipfile.ZipFile(TEMPLATE) as src, zipfile.ZipFile(target, "w") as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                xml = data.decode()
                assert TITLE in xml and SUBTITLE in xml
                data = xml.replace(TITLE, title).replace(SUBTITLE, HAND_SUBTITLE).encode()
            out.writestr(info, data)
    return target


def document(body: tuple, cover: Cover | None = None) -> Document:
    meta = Metadata("Convention", "Redline", "Commune de Porto-Vecchio", dt.date(2026, 7, 1))
    return Document("redline", meta, "Convention", body, cover)


def names(element) -> list[str]:
    return [etree_name(child) for child in element]


def etree_name(element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def runs_seen(p) -> list[tuple[str, str, bool | None, bool | None, bool | None]]:
    """(revision, text, bold, italic, superscript) of every run of a paragraph, in order."""
    out = []
    for r in p.iter(qn("w:r")):
        run = DocxRun(r, None)  # type: ignore[arg-type]
        text = "".join(t.text or "" for t in r.iter(qn("w:t"), qn("w:delText")))
        out.append((etree_name(r.getparent()), text, run.bold, run.italic, run.font.superscript))
    return out


# --- the cover -----------------------------------------------------------------------------------


def test_a_revised_cover_keeps_the_format_the_template_gave_its_line(tmp_path: Path) -> None:
    title = (
        Run("Convention ", revision=INS),
        Run("de services", bold=True, revision=INS),
        Run("", revision=INS),
        Run(" du 1", italic=True, revision=INS),
        Run("er", superscript=True, revision=INS),
        Run(" juillet", bold=True, italic=True, revision=INS),
    )
    marks = (CoverMark("title", 0, title, INS), CoverMark("subtitle", 0, (Run("Avenant n° 1", revision=DEL),), DEL))
    cover = Cover("Convention de services du 1er juillet", ("Avenant n° 1",), ("Porto-Vecchio",), marks)
    data = render_docx(document((Paragraph((Run("Texte"),)),), cover), hand_made_template(tmp_path))
    assert b"@@ccas-docs" not in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    word = docx.Document(io.BytesIO(data))
    body = word.element.body
    # every run stays in a paragraph (none lands in the cell, the row or the table around the title)
    assert {etree_name(r.getparent()) for r in body.iter(qn("w:r"))} <= {"p", "ins", "del"}
    p = word.tables[0].cell(0, 0).paragraphs[0]._p
    assert runs_seen(p) == [
        ("ins", "Convention ", None, None, None),
        ("ins", "de services", True, None, None),
        ("ins", " du 1", None, True, None),
        ("ins", "er", None, None, True),
        ("ins", " juillet", True, True, None),
    ]
    for r in p.iter(qn("w:r")):
        run = DocxRun(r, None)  # type: ignore[arg-type]
        assert (run.font.name, run.font.color.rgb, run.font.size.pt) == ("Arial", RGBColor(0xC0, 0, 0), 24)  # type: ignore[union-attr]
        [t] = r.findall(qn("w:t"))
        assert t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    # w:rPr in the schema's order: the template's font, b, i, then its color and size
    rprs = [names(r.find(qn("w:rPr"))) for r in p.iter(qn("w:r"))]
    assert rprs == [
        ["rFonts", "color", "sz"],
        ["rFonts", "b", "color", "sz"],
        ["rFonts", "i", "color", "sz"],
        ["rFonts", "color", "sz", "vertAlign"],
        ["rFonts", "b", "i", "color", "sz"],
    ]
    # the whole line inserted: its paragraph mark too, in a w:pPr made for it, first in the paragraph
    assert etree_name(p[0]) == "pPr" and names(p[0]) == ["rPr"]
    [ins] = p[0][0]
    assert (etree_name(ins), ins.get(qn("w:author")), ins.get(qn("w:date"))) == ("ins", "Avenant n° 1", DATE)
    # the subtitle deleted: its mark goes before the section break it carries
    [sub] = [q for q in body.iter(qn("w:p")) if "Avenant n° 1" in "".join(t.text for t in q.iter(qn("w:delText")))]
    assert names(sub[0]) == ["pStyle", "rPr", "sectPr"] and names(sub[0][1]) == ["del"]
    assert runs_seen(sub) == [("del", "Avenant n° 1", None, None, None)]


def test_a_revised_title_held_by_a_content_control(tmp_path: Path) -> None:
    control = (
        '<w:p><w:pPr><w:pStyle w:val="CouvertureTitre"/></w:pPr><w:sdt><w:sdtPr><w:alias w:val="Titre"/></w:sdtPr>'
        "<w:sdtContent><w:r><w:rPr><w:i/></w:rPr><w:t>{{ couverture.titre }}</w:t></w:r></w:sdtContent></w:sdt></w:p>"
    )
    title = (Run("Convention "), Run("initiale", revision=DEL), Run("modifiée", bold=True, revision=INS))
    cover = Cover("Convention modifiée", (), (), (CoverMark("title", 0, title),))
    data = render_docx(document((Paragraph((Run("Texte"),)),), cover), hand_made_template(tmp_path, control))
    assert b"@@ccas-docs" not in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    [p] = [p for p in docx.Document(io.BytesIO(data)).paragraphs if p.style.style_id == "CouvertureTitre"]
    assert runs_seen(p._p) == [
        ("p", "Convention ", None, True, None),
        ("del", "initiale", None, True, None),
        ("ins", "modifiée", True, True, None),
    ]


def test_a_document_without_a_cover() -> None:
    data = render_docx(document((Paragraph((Run("Texte"),)),)), TEMPLATE)
    assert [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text] == ["Texte"]


# --- rows, ids -----------------------------------------------------------------------------------


def test_rows_deleted_carry_one_mark_and_ids_follow_each_other(tmp_path: Path) -> None:
    rate = Paragraph((Run("le taux de "), Run("5", revision=DEL), Run("4", revision=INS), Run(" %")))
    header = (Cell((Paragraph((Run("Fiche", revision=DEL),), revision=DEL),)),)
    rows = ((Cell((Paragraph((Run("rh", revision=DEL),), revision=DEL),)),),)
    body = (rate, Table(header, rows, (100,), revision=DEL, row_revisions=(DEL,)))
    data = render_docx(document(body), TEMPLATE)
    root = docx.Document(io.BytesIO(data)).element.body
    rows = list(root.iter(qn("w:tr")))
    assert len(rows) == 2
    for tr in rows:  # one w:trPr, first, with the row's own properties and one deletion
        assert [etree_name(c) for c in tr if etree_name(c) == "trPr"] == ["trPr"] and etree_name(tr[0]) == "trPr"
        assert "cantSplit" in names(tr[0]) and names(tr[0]).count("del") == 1 and "ins" not in names(tr[0])
        assert tr[0].find(qn("w:del")).get(qn("w:author")) == "Avenant n° 1"
    assert [t for t in resolved_text(data, accept=True) if t] == ["le taux de 4 %"]
    assert [t for t in resolved_text(data, accept=False) if t] == ["le taux de 5 %", "Fiche", "rh"]
    # ids: unique, in document order, from the first one no bookmark takes
    assert list(root.iter(qn("w:bookmarkStart"))) == []
    revisions = list(root.iter(qn("w:ins"), qn("w:del")))
    assert [e.get(qn("w:id")) for e in revisions] == [str(i) for i in range(1, len(revisions) + 1)]
    assert number_revisions(root) == len(revisions) == 9


def test_a_row_without_properties_gets_them_first() -> None:
    word = docx.Document()
    table = word.add_table(rows=1, cols=1)
    tr = table.rows[0]._tr
    assert tr.find(qn("w:trPr")) is None
    mark_row(tr, INS)
    mark_row(tr, INS)  # marked once
    assert names(tr) == ["trPr", "tc"] and names(tr[0]) == ["ins"]
    assert (tr[0][0].get(qn("w:author")), tr[0][0].get(qn("w:date"))) == ("Avenant n° 1", DATE)
