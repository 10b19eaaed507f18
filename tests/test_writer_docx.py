"""The DOCX writer, on the shipped convention and on small fixture trees.

Every assertion reads the real output: the DOCX opened with python-docx (or its XML parts), and,
where LibreOffice is installed, the PDF it makes from the DOCX.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from ccas_docs.checks.rules import validated
from ccas_docs.common.diagnostics import UserError
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
from ccas_docs.writers import docx as writer
from ccas_docs.writers.docx import render_docx, write_docx

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "templates" / "convention.docx"
TRICKY = "Dupont & Fils <SARL> « devis » l’œuvre {{ x }}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> Document:
    project = load_project(ROOT)
    _, numbering = validated(project)
    return compose_all(project, numbering)[0]


@pytest.fixture(scope="module")
def shipped_bytes(shipped: Document) -> bytes:
    return render_docx(shipped, TEMPLATE)


@pytest.fixture(scope="module")
def shipped_docx(shipped_bytes: bytes):
    return docx.Document(io.BytesIO(shipped_bytes))


def meta(title: str = "Fixture") -> Metadata:
    return Metadata(title=title, subject="Essai", author="Commune de Porto-Vecchio", date=dt.date(2025, 3, 14))


def small_doc(*body, cover: Cover | None = None, header: str = "En-tête d'essai", footer: str = "Pied d'essai"):
    return Document(name="essai", meta=meta(), header=header, body=tuple(body), cover=cover, footer=footer)


def items(*texts: str) -> tuple[ListItem, ...]:
    return tuple(ListItem((Run(t),)) for t in texts)


def two_lists() -> tuple:
    return (
        Heading(2, "Premier article", "premier"),
        ListBlock(items("Alpha", "Bravo", "Charlie"), ordered=True),
        para("Entre les deux listes."),
        ListBlock(items("Delta", "Echo"), ordered=True),
    )


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def part_xml(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name).decode("utf-8")


def style_names(document) -> set[str]:
    return {p.style.name for p in document.paragraphs}


def hyphen(text: str) -> str:
    return text.replace("\u2011", "-")


def paragraph(document, start: str):
    # python-docx reads Word's non-breaking hyphen (w:noBreakHyphen, the tree's U+2011) as « - »
    found = [p for p in document.paragraphs if hyphen(p.text).startswith(hyphen(start))]
    assert found, f"no paragraph starting with {start!r}"
    return found[0]


def num_pr(p) -> tuple[int, int]:
    pr = p._p.pPr.numPr
    return int(pr.ilvl.val), int(pr.numId.val)


def numbering_num(document, num_id: int):
    root = document.part.numbering_part.element
    return root.find(f"{qn('w:num')}[@{qn('w:numId')}='{num_id}']")


def template_variant(tmp_path: Path, edit) -> Path:
    """A copy of the shipped template whose ``word/*.xml`` parts went through ``edit(name, xml)``."""
    target = tmp_path / "variante.docx"
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            data = source.read(name)
            if name.startswith("word/") and name.endswith(".xml"):
                data = edit(name, data.decode("utf-8")).encode("utf-8")
            out.writestr(name, data)
    return target


# --- the shipped convention ----------------------------------------------------------------------


def test_headings_use_the_heading_styles(shipped: Document, shipped_docx) -> None:
    for level in (1, 2, 3):
        expected = [b.text for b in shipped.body if isinstance(b, Heading) and b.level == level]
        got = [p.text for p in shipped_docx.paragraphs if p.style.name == f"Heading {level}"]
        assert got == expected and expected
    h1 = shipped_docx.styles["Heading 1"].element
    assert h1.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val") == "0"
    assert shipped_docx.styles["Heading 2"].paragraph_format.keep_with_next


def test_nested_numerique_lists_have_level_2_bullets(shipped: Document, shipped_docx) -> None:
    start = next(i for i, b in enumerate(shipped.body) if isinstance(b, Heading) and b.anchor == "numerique")
    nested = []
    for block in shipped.body[start + 1 :]:
        if isinstance(block, Heading) and block.level == 1:
            break
        if isinstance(block, ListBlock):
            nested += [(item, child) for item in block.items if item.children for child in item.children.items]
    assert nested, "the numérique fiche has nested lists"
    for parent, child in nested:
        p = paragraph(shipped_docx, parent.text)
        c = paragraph(shipped_docx, child.text)
        assert p.style.name == "List Bullet" and num_pr(p)[0] == 0
        assert c.style.name == "List Bullet 2" and num_pr(c)[0] == 1


def test_ordered_list_numbers_from_one(shipped_docx) -> None:
    items = [p for p in shipped_docx.paragraphs if p.style.name == "List Number"]
    texts = [p.text for p in items]
    first = next(i for i, t in enumerate(texts) if t.startswith("Locaux dédiés"))
    assert texts[first + 1].startswith("Locaux partagés") and texts[first + 2].startswith("Mobil Homes")
    ids = {num_pr(p)[1] for p in items[first : first + 3]}
    assert len(ids) == 1
    num = numbering_num(shipped_docx, ids.pop())
    override = num.find(f"{qn('w:lvlOverride')}[@{qn('w:ilvl')}='0']/{qn('w:startOverride')}")
    assert override is not None and override.get(qn("w:val")) == "1"


def test_each_ordered_list_restarts(tmp_path: Path) -> None:
    document = open_docx(render_docx(small_doc(*two_lists()), TEMPLATE))
    first, second = paragraph(document, "Alpha"), paragraph(document, "Delta")
    assert num_pr(paragraph(document, "Charlie"))[1] == num_pr(first)[1]
    assert num_pr(first)[1] != num_pr(second)[1]
    for p in (first, second):
        num = numbering_num(document, num_pr(p)[1])
        start = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        assert start.get(qn("w:val")) == "1"
        assert p.style.name == "List Number"


def test_tables_repeat_their_header_and_rows_do_not_split(shipped: Document, shipped_docx) -> None:
    tables = [t for t in shipped_docx.tables if t.style.name == "Tableau Convention"]
    assert len(tables) == sum(isinstance(b, Table) for b in shipped.body)
    # lists inside cells (the intervention processes) use the table list styles, nested too
    in_cells = {p.style.name for t in tables for row in t.rows for c in row.cells for p in c.paragraphs}
    assert {"Tableau Puce", "Tableau Puce 2"} <= in_cells
    for table in tables:
        rows = table._tbl.findall(qn("w:tr"))
        assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        assert all(r.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for r in rows)
        assert all(r.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None for r in rows[1:])


def test_technique_table_merges_cells_vertically(shipped: Document, shipped_docx) -> None:
    table = next(t for t in shipped_docx.tables if t.cell(0, 0).text.startswith("Locaux dédiés"))
    merges = table._tbl.findall(f".//{qn('w:vMerge')}")
    restarts = [m for m in merges if m.get(qn("w:val")) == "restart"]
    assert restarts and len(merges) > len(restarts)
    tree_table = next(
        b for b in shipped.body if isinstance(b, Table) and b.header[0].content[0].text.startswith("Locaux dédiés")
    )
    spanning = tree_table.rows[0][0]
    assert spanning.rowspan > 1
    # the merged cell reads as one cell over its rows
    assert table.cell(1, 0).text == table.cell(spanning.rowspan, 0).text == spanning.content[0].text


def test_column_widths_and_alignment_follow_the_tree(shipped: Document, shipped_docx) -> None:
    tree_table = next(b for b in shipped.body if isinstance(b, Table) and len(b.widths) == 5)
    table = next(t for t in shipped_docx.tables if len(t.columns) == 5)
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    total = sum(grid)
    assert [round(100 * w / total) for w in grid] == list(tree_table.widths)
    for col, align in enumerate(tree_table.align):
        expected = {"left": "Tableau Texte", "center": "Tableau Centré", "right": "Tableau Droite"}[align]
        assert table.cell(1, col).paragraphs[0].style.name == expected


def test_footer_has_page_fields_and_header_has_the_running_title(shipped: Document, shipped_bytes: bytes) -> None:
    footer = part_xml(shipped_bytes, "word/footer1.xml")
    header = part_xml(shipped_bytes, "word/header1.xml")
    assert "> PAGE <" in footer and "> NUMPAGES <" in footer
    assert footer.count('w:fldCharType="begin"') == 2
    assert shipped.footer in footer
    # the running title's hyphen as Word's non-breaking hyphen, as in the body (« Porto‑Vecchio »)
    assert "\u2011" in shipped.header and "\u2011" not in header
    assert shipped.header.replace("\u2011", '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">') in header
    document = open_docx(shipped_bytes)
    assert document.sections[-1].footer.paragraphs[0].text.startswith(shipped.footer)


def test_cover_is_filled_from_the_tree(shipped: Document, shipped_docx) -> None:
    assert shipped.cover is not None
    assert paragraph(shipped_docx, shipped.cover.title).style.name == "Couverture Titre"
    for line in shipped.cover.subtitle:
        assert paragraph(shipped_docx, line).style.name == "Couverture Sous-titre"
    for line in shipped.cover.lines:
        assert paragraph(shipped_docx, line).style.name == "Couverture Lignes"
    # the cover is a section of its own, without header nor footer
    first, body = shipped_docx.sections[0], shipped_docx.sections[-1]
    assert len(shipped_docx.sections) == 2
    assert first._sectPr.find(qn("w:headerReference")) is None
    assert body._sectPr.find(qn("w:footerReference")) is not None


def test_core_properties_come_from_the_metadata(shipped: Document, shipped_docx, shipped_bytes: bytes) -> None:
    core = shipped_docx.core_properties
    midnight = dt.datetime.combine(shipped.meta.date, dt.time(), dt.UTC)
    assert core.author == core.last_modified_by == shipped.meta.author != "python-docx"
    assert core.title == shipped.meta.title and core.subject == shipped.meta.subject
    assert core.keywords == ", ".join(shipped.meta.keywords)
    assert core.language == "fr-FR"
    stamps = (core.created, core.modified, core.last_printed)
    dates = {d if d.tzinfo else d.replace(tzinfo=dt.UTC) for d in stamps}
    assert dates == {midnight}
    assert f">{shipped.meta.date.isoformat()}T00:00:00Z<" in part_xml(shipped_bytes, "docProps/core.xml")
    assert core.revision == 1
    assert "python-docx" not in (core.comments or "")


def test_same_tree_same_bytes(shipped: Document, shipped_bytes: bytes, tmp_path: Path) -> None:
    target = tmp_path / "convention.docx"
    write_docx(shipped, target, TEMPLATE)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == hashlib.sha256(shipped_bytes).hexdigest()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["convention.docx"]  # no temporary file left
    with zipfile.ZipFile(target) as z:
        infos = z.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_paragraph_roles_runs_and_page_breaks(shipped: Document, shipped_docx) -> None:
    assert paragraph(shipped_docx, "Et").style.name == "Centré"
    party = next(b for b in shipped.body if isinstance(b, Paragraph) and b.runs[0].bold)
    p = paragraph(shipped_docx, party.text)
    assert p.runs[0].bold and p.runs[0].text == hyphen(party.runs[0].text) and not p.runs[1].bold
    assert p.style.name == "Normal"
    # page breaks: carried by the next paragraph, never a break of their own
    breaks = sum(isinstance(b, PageBreak) for b in shipped.body)
    body = shipped_docx.element.body
    assert len(body.findall(f".//{qn('w:pageBreakBefore')}")) == breaks
    assert not body.findall(f".//{qn('w:br')}[@{qn('w:type')}='page']")
    carriers = [p for p in shipped_docx.paragraphs if p.paragraph_format.page_break_before]
    assert all(p.text for p in carriers)


def test_signature_block(shipped: Document, shipped_docx) -> None:
    block = next(b for b in shipped.body if isinstance(b, SignatureBlock))
    assert paragraph(shipped_docx, block.place_date).style.name == "Signature Lieu"
    table = next(t for t in shipped_docx.tables if t.style.name == "Tableau Signatures")
    assert len(table.columns) == 2
    for col, signature in enumerate(block.signatures):
        cell_paragraphs = table.cell(0, col).paragraphs
        assert cell_paragraphs[0].text == hyphen(signature.heading) and cell_paragraphs[0].runs[0].bold
        assert [p.text for p in cell_paragraphs[1 : 1 + len(signature.lines)]] == [hyphen(t) for t in signature.lines]
        assert cell_paragraphs[-1].style.name == "Signature Espace"


# --- escaping ------------------------------------------------------------------------------------


def test_special_characters_are_text_not_markup(tmp_path: Path) -> None:
    doc = Document(
        name="essai",
        meta=Metadata(title=TRICKY, subject=TRICKY, author="Dupont & Fils", date=dt.date(2025, 1, 1)),
        header=TRICKY,
        footer=TRICKY,
        cover=Cover(TRICKY, (TRICKY,), ("{% if %}",)),
        body=(
            Heading(2, TRICKY, "dupont"),
            Paragraph((Run(TRICKY),)),
            Paragraph((Run("gras & <b>", bold=True), Run(" {% for %} ", italic=True))),
            ListBlock(items(TRICKY)),
            Table((cell(TRICKY),), ((cell(TRICKY),),), widths=(100,)),
        ),
    )
    target = tmp_path / "essai.docx"
    write_docx(doc, target, TEMPLATE)
    document = docx.Document(str(target))
    texts = [p.text for p in document.paragraphs]
    assert texts.count(TRICKY) == 5  # cover title and subtitle, heading, paragraph, list item
    assert "{% if %}" in texts and "gras & <b> {% for %} " in texts
    assert document.tables[0].cell(0, 0).text == document.tables[0].cell(1, 0).text == TRICKY
    assert document.sections[-1].header.paragraphs[0].text == TRICKY
    assert document.core_properties.title == TRICKY


# --- errors about the template ---------------------------------------------------------------------


def test_missing_styles_are_named(tmp_path: Path) -> None:
    def drop(name: str, xml: str) -> str:
        if name != "word/styles.xml":
            return xml
        for style_id in ("Centre", "TableauSignatures"):
            start = xml.index(f'w:styleId="{style_id}">')
            start = xml.rindex("<w:style ", 0, start)
            xml = xml[:start] + xml[xml.index("</w:style>", start) + len("</w:style>") :]
        return xml

    template = template_variant(tmp_path, drop)
    render_docx(small_doc(para("sans centrage")), template)  # styles the document does not need may be absent
    signatures = SignatureBlock("Fait à Porto-Vecchio.", (Signature("Pour la Commune", ("Le Maire",)),))
    with pytest.raises(UserError) as err:
        render_docx(small_doc(para("Et", role="center"), signatures), template)
    first, second = err.value.diagnostics
    assert "ne contient pas le style de paragraphe « Centré »" in first.message
    assert "ne contient pas le style de tableau « Tableau Signatures »" in second.message
    assert "variante.docx" in first.message and first.location.path == str(template)
    assert str(err.value).startswith(f"{template}: erreur: le modèle « variante.docx » ne contient pas le style")
    assert "tools/make_docx_template.py" in first.hint


def test_list_style_without_numbering(tmp_path: Path) -> None:
    def unlink(name: str, xml: str) -> str:
        if name != "word/styles.xml":
            return xml
        start = xml.index('w:styleId="ListNumber">')
        end = xml.index("</w:style>", start)
        numbering = xml.index("<w:numPr>", start, end)
        return xml[:numbering] + xml[xml.index("</w:numPr>", numbering) + len("</w:numPr>") :]

    template = template_variant(tmp_path, unlink)
    with pytest.raises(UserError) as err:
        render_docx(small_doc(*two_lists()), template)
    assert "« List Number » n'est associé à aucune liste" in str(err.value)


def test_missing_template(tmp_path: Path) -> None:
    with pytest.raises(UserError) as err:
        write_docx(small_doc(para("x")), tmp_path / "x.docx", tmp_path / "absent.docx")
    assert "modèle Word introuvable" in str(err.value) and "absent.docx" in str(err.value)
    assert not (tmp_path / "x.docx").exists()


def test_template_that_is_not_a_docx(tmp_path: Path) -> None:
    fake = tmp_path / "faux.docx"
    fake.write_text("Ceci n'est pas un document Word.\n", encoding="utf-8")
    with pytest.raises(UserError) as err:
        render_docx(small_doc(para("x")), fake)
    assert "faux.docx" in str(err.value) and "n'est pas un document Word (DOCX)" in str(err.value)
    zipped = tmp_path / "zip.docx"
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("bonjour.txt", "rien")
    with pytest.raises(UserError) as err:
        render_docx(small_doc(para("x")), zipped)
    assert "n'est pas un document Word (DOCX)" in str(err.value)


def test_jinja_syntax_error_in_the_template(tmp_path: Path) -> None:
    template = template_variant(tmp_path, lambda n, x: x.replace("{{ couverture.titre }}", "{{ couverture.titre | }}"))
    with pytest.raises(UserError) as err:
        render_docx(small_doc(para("x")), template)
    assert "erreur de syntaxe" in str(err.value) and "variante.docx" in str(err.value)
    # an unclosed tag: docxtpl alone would silently swallow the paragraphs that follow
    template = template_variant(tmp_path, lambda n, x: x.replace("{{ couverture.titre }}", "{{ couverture.titre }"))
    with pytest.raises(UserError) as err:
        render_docx(small_doc(para("x")), template)
    assert "balise mal fermée" in str(err.value) and "{{ couverture.titre }" in str(err.value)
    template = template_variant(tmp_path, lambda n, x: x.replace("{{ pied }}", "{{ pied"))
    with pytest.raises(UserError) as err:
        render_docx(small_doc(para("x")), template)
    assert "balise mal fermée" in str(err.value)


def test_unknown_variable_and_missing_marker(tmp_path: Path) -> None:
    template = template_variant(tmp_path, lambda n, x: x.replace("{{ entete }}", "{{ en_tete }}"))
    with pytest.raises(UserError) as err:
        render_docx(small_doc(para("x")), template)
    assert "variable inconnue" in str(err.value) and "en_tete" in str(err.value)
    template = template_variant(tmp_path, lambda n, x: x.replace("{{ corps }}", "corps"))
    with pytest.raises(UserError) as err:
        render_docx(small_doc(para("x")), template)
    assert "{{ corps }}" in str(err.value)


# --- the template ----------------------------------------------------------------------------------


def test_template_defines_every_style_the_writer_uses() -> None:
    template = docx.Document(str(TEMPLATE))
    names = {s.name for s in template.styles}
    used = {
        *writer.ROLE_STYLES.values(),
        *writer.HEADING_STYLES.values(),
        *writer.BULLET_STYLES,
        *writer.NUMBER_STYLES,
        *writer.CELL_STYLES.values(),
        *writer.CELL_BULLET_STYLES,
        *writer.CELL_NUMBER_STYLES,
        writer.CAPTION_STYLE,
        writer.TABLE_STYLE,
        writer.SIGNATURE_TABLE_STYLE,
        writer.SIGNATURE_PLACE_STYLE,
        writer.SIGNATURE_HEADING_STYLE,
        writer.SIGNATURE_LINE_STYLE,
        writer.SIGNATURE_ROOM_STYLE,
        writer.AFTER_TABLE_STYLE,
        "Couverture Titre",
        "Couverture Sous-titre",
    }
    assert used <= names, used - names
    section = template.sections[-1]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


def test_template_tool_is_reproducible_and_in_sync() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_docx_template
    finally:
        sys.path.remove(str(ROOT / "tools"))
    built = make_docx_template.build()
    assert built == make_docx_template.build()
    with zipfile.ZipFile(io.BytesIO(built)) as fresh, zipfile.ZipFile(TEMPLATE) as shipped:
        assert fresh.namelist() == shipped.namelist()
        for name in fresh.namelist():
            assert fresh.read(name) == shipped.read(name), f"{name}: run python tools/make_docx_template.py"


# --- LibreOffice ------------------------------------------------------------------------------------


def _to_pdf(docs: list[Path], tmp_path: Path) -> list[Path]:
    profile = (tmp_path / "profil-lo").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *map(str, docs),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return [tmp_path / f"{d.stem}.pdf" for d in docs]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) absent")
def test_libreoffice_pages_and_footer(shipped: Document, tmp_path: Path) -> None:
    # three parts separated by page breaks (plus a trailing one): three pages, none blank
    plain = small_doc(
        *two_lists(),
        PageBreak(),
        Heading(1, "Deuxième partie"),
        para("Texte."),
        Table((cell("A", bold=True), cell("B", bold=True)), ((cell("1"), cell("2")),), widths=(30, 70)),
        PageBreak(),
        PageBreak(),
        Heading(1, "Troisième partie"),
        SignatureBlock("Fait à Porto-Vecchio.", (Signature("Pour la Commune", ("Le Maire",)),)),
        PageBreak(),
    )
    covered = small_doc(para("Corps."), cover=Cover("Titre", ("Sous-titre",), ("Ligne",)))
    paths = []
    for name, doc in (("simple", plain), ("couverture", covered), ("convention", shipped)):
        paths.append(tmp_path / f"{name}.docx")
        write_docx(doc, paths[-1], TEMPLATE)
    simple, couverture, convention = (PdfReader(p) for p in _to_pdf(paths, tmp_path))

    assert len(simple.pages) == 3
    texts = [page.extract_text() for page in simple.pages]
    assert "page 1 / 3" in texts[0] and "page 3 / 3" in texts[2]
    assert "Pied d'essai" in texts[0] and "En-tête d'essai" in texts[0]
    assert "1. Alpha" in texts[0].replace("\t", " ") and "1. Delta" in texts[0].replace("\t", " ")

    assert len(couverture.pages) == 2
    cover_text, body_text = (p.extract_text() for p in couverture.pages)
    assert "Titre" in cover_text and "page" not in cover_text and "En-tête" not in cover_text
    assert "page 2 / 2" in body_text

    # the convention: every page carries body text besides its header and footer
    furniture = {shipped.header, shipped.footer}
    for number, page in enumerate(convention.pages, start=1):
        lines = [line for line in page.extract_text().splitlines() if line.strip()]
        body = [line for line in lines if line not in furniture and not line.startswith(shipped.footer)]
        assert body, f"page {number} is blank"
    text = "".join(page.extract_text() for page in convention.pages)
    assert "\u202f%" in text  # the narrow no-break space survived, in a font that has it
