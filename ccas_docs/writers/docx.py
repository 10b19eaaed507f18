"""DOCX writer: a document tree onto the named styles of ``templates/convention.docx``.

The template owns the page furniture (A4, margins, fonts, header, footer with « page n / N »
fields, the cover page) and every style; the legal service restyles it in Word without touching
code. The writer:

1. renders the template with docxtpl (sandboxed, strict, auto-escaping Jinja): the cover
   (``couverture.titre``, ``couverture.sous_titres``, ``couverture.lignes``, or ``couverture`` false
   when the document has no cover), the header (``entete``), the footer (``pied``) and the
   document properties ``titre``, ``objet``, ``auteur``;
2. replaces the marker paragraph ``{{ corps }}`` with the body, built as WordprocessingML
   elements that only reference the template's named styles (no subdocument: subdocuments and
   loops are known to lose headers, footers and their page fields);
3. sets the core properties from the tree's metadata and writes a ZIP with fixed timestamps,
   entry order and compression, so that the same tree gives byte-identical files.

It computes nothing and decides no wording. A style the body needs and the template lacks is a
user error naming the style and the template, never a silent fallback.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from ccas_docs.common.atomic import write_bytes
from ccas_docs.common.diagnostics import Location, UserError, error, fail
from ccas_docs.document.tree import (
    DRAFT_MARK,
    Block,
    Cell,
    Document,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Run,
    SignatureBlock,
    Table,
)
from ccas_docs.writers.reproducible import normalise_zip

MARKER = "{{ corps }}"
_SENTINEL = "@@ccas-docs:corps@@"  # what the marker renders to, then replaced by the body

ROLE_STYLES = {
    "body": "Normal",
    "center": "Centré",
    "right": "Droite",
    "small": "Petit",
    "lead": "Couverture Lignes",
    "total": "Total",
}
HEADING_STYLES = {1: "Heading 1", 2: "Heading 2", 3: "Heading 3"}
BULLET_STYLES = ("List Bullet", "List Bullet 2", "List Bullet 3")
NUMBER_STYLES = ("List Number", "List Number 2", "List Number 3")
CELL_STYLES = {"left": "Tableau Texte", "center": "Tableau Centré", "right": "Tableau Droite"}
CELL_BULLET_STYLES = ("Tableau Puce", "Tableau Puce 2")
CELL_NUMBER_STYLES = ("Tableau Numéro", "Tableau Numéro 2")
AFTER_TABLE_STYLE = "Après Tableau"  # a short empty paragraph: space after a table, and two tables never merge
CAPTION_STYLE = "Caption"
TABLE_STYLE = "Tableau Convention"
SIGNATURE_TABLE_STYLE = "Tableau Signatures"
SIGNATURE_PLACE_STYLE = "Signature Lieu"
SIGNATURE_HEADING_STYLE = "Signature Titre"
SIGNATURE_LINE_STYLE = "Signature"
SIGNATURE_ROOM_STYLE = "Signature Espace"

_TEMPLATE_HINT = "ajouter le style dans Word (Accueil › Styles) ou régénérer le modèle avec tools/make_docx_template.py"
_TWIPS_PER_EMU = 1 / 635
_SPLIT = re.compile(r"(\n|\t)")


def write_docx(doc: Document, target: Path, template: Path) -> None:
    """Write ``doc`` as a DOCX file at ``target`` (atomically), laid out by ``template``."""
    write_bytes(Path(target), render_docx(doc, Path(template)))


def render_docx(doc: Document, template: Path) -> bytes:
    """The DOCX file's bytes: the same tree and template always give the same bytes."""
    template = Path(template)
    tpl = _load_template(template)
    _render_template(tpl, doc, template)
    document = tpl.docx
    writer = _BodyWriter(document, template)
    body = writer.blocks(doc.body)
    writer.check()
    _replace_marker(document, body, template)
    _set_language(document, doc.meta.language)
    _set_core_properties(document, doc)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


# --- the template ------------------------------------------------------------------------------


def _load_template(template: Path) -> DocxTemplate:
    if not template.is_file():
        raise fail(
            template,
            f"modèle Word introuvable : « {template} »",
            code="modele",
            hint="vérifier le dossier des modèles, ou régénérer le modèle avec « python tools/make_docx_template.py »",
        )
    try:
        data = template.read_bytes()
    except OSError as exc:
        raise fail(template, f"lecture du modèle Word impossible : {exc.strerror}", code="modele") from None
    not_docx = f"le modèle « {template.name} » n'est pas un document Word (DOCX) valide"
    hint = "l'enregistrer depuis Word au format « Document Word (*.docx) »"
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise fail(template, f"{not_docx} : ce n'est pas une archive DOCX", code="modele", hint=hint)
    tpl = DocxTemplate(io.BytesIO(data))
    try:
        tpl.init_docx()
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise fail(template, f"{not_docx} ({exc})", code="modele", hint=hint) from None
    return tpl


def _context(doc: Document) -> dict[str, object]:
    cover = None
    if doc.cover is not None:
        cover = {
            "titre": doc.cover.title,
            "sous_titres": list(doc.cover.subtitle),
            "lignes": list(doc.cover.lines),
        }
    return {
        "couverture": cover,
        "entete": f"{DRAFT_MARK} – {doc.header}" if doc.meta.draft else doc.header,
        "pied": doc.footer,
        "titre": doc.meta.title,
        "objet": doc.meta.subject,
        "auteur": doc.meta.author,
        "corps": _SENTINEL,
    }


_TAG = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
_CLOSING = {"{{": "}}", "{%": "%}", "{#": "#}"}


def _check_tags(tpl: DocxTemplate, template: Path) -> None:
    """Every ``{{``, ``{%``, ``{#`` closes in the same paragraph.

    docxtpl would otherwise silently swallow the paragraphs up to the next closing braces.
    """
    parts = [tpl.docx.element.body]
    for rel in tpl.docx.part.rels.values():
        if rel.reltype in (DocxTemplate.HEADER_URI, DocxTemplate.FOOTER_URI):
            parts.append(etree.fromstring(rel.target_part.blob))
    for part in parts:
        for p in part.iter(qn("w:p")):
            text = _text(p)
            expected = None
            for match in _TAG.finditer(text):
                token = match.group()
                if token in _CLOSING and expected is None:
                    expected = _CLOSING[token]
                elif token == expected:
                    expected = None
                else:
                    expected = "?"
                    break
            if expected is not None:
                raise fail(
                    template,
                    f"balise mal fermée dans le modèle « {template.name} » : « {text.strip()[:120]} »",
                    code="modele",
                    hint="chaque « {{ » se ferme par « }} » et chaque « {% » par « %} », dans le même paragraphe",
                )


def _render_template(tpl: DocxTemplate, doc: Document, template: Path) -> None:
    _check_tags(tpl, template)
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    names = ", ".join(sorted(_context(doc)))
    try:
        tpl.render(_context(doc), jinja_env=env)
    except TemplateSyntaxError as exc:
        around = " ".join(line.strip() for line in getattr(exc, "docx_context", []) if line.strip())
        raise fail(
            template,
            f"erreur de syntaxe dans une balise du modèle « {template.name} » : {exc.message}",
            code="modele",
            hint=f"corriger la balise {{{{ … }}}} ou {{% … %}} dans Word ; texte concerné : {around[:200]}",
        ) from None
    except UndefinedError as exc:
        raise fail(
            template,
            f"le modèle « {template.name} » utilise une variable inconnue : {exc.message}",
            code="modele",
            hint=f"variables disponibles : {names}",
        ) from None
    except TemplateError as exc:
        raise fail(template, f"erreur dans une balise du modèle « {template.name} » : {exc}", code="modele") from None
    except etree.XMLSyntaxError as exc:
        raise fail(template, f"le modèle « {template.name} » produit un XML invalide : {exc}", code="modele") from None


def _replace_marker(document, body: list[etree._Element], template: Path) -> None:
    root = document.element.body
    markers = [p for p in root.iter(qn("w:p")) if _SENTINEL in _text(p)]
    if len(markers) != 1:
        problem = "ne contient pas" if not markers else "contient plusieurs fois"
        raise fail(
            template,
            f"le modèle « {template.name} » {problem} le repère « {MARKER} » où placer le texte du document",
            code="modele",
            hint=f"mettre « {MARKER} » seul dans un paragraphe, à l'endroit où commence le corps du document",
        )
    marker = markers[0]
    if _text(marker).strip() != _SENTINEL:
        raise fail(
            template,
            f"dans le modèle « {template.name} », le repère « {MARKER} » doit être seul dans son paragraphe",
            code="modele",
        )
    parent = marker.getparent()
    index = parent.index(marker)
    ppr = marker.find(qn("w:pPr"))
    if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
        # the marker ends a section: keep it, emptied, so that the section keeps its properties
        for child in list(marker):
            if child is not ppr:
                marker.remove(child)
    else:
        parent.remove(marker)
    for offset, element in enumerate(body):
        parent.insert(index + offset, element)
    after = body[-1].getnext() if body else None
    if body and body[-1].tag == qn("w:tbl") and (after is None or after.tag != qn("w:p")):
        # a table may not end a body or a cell: Word wants a paragraph after it
        parent.insert(index + len(body), _paragraph(None))


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _set_language(document, language: str) -> None:
    lang = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    if lang is not None and language:
        lang.set(qn("w:val"), language)


def _set_core_properties(document, doc: Document) -> None:
    meta = doc.meta
    when = dt.datetime(meta.date.year, meta.date.month, meta.date.day)  # 00:00, written as UTC (« Z »)
    core = document.core_properties
    core.title = meta.title
    core.subject = meta.subject
    core.author = meta.author
    core.last_modified_by = meta.author
    core.keywords = ", ".join(meta.keywords)
    core.language = meta.language
    core.comments = ""
    core.category = ""
    core.content_status = ""
    core.identifier = ""
    core.version = ""
    core.created = core.modified = core.last_printed = when
    core.revision = 1


# --- the body ----------------------------------------------------------------------------------


def _el(tag: str, parent: etree._Element | None = None, **attrs: str) -> etree._Element:
    element = OxmlElement(tag) if parent is None else etree.SubElement(parent, qn(tag))
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _paragraph(
    style_id: str | None,
    runs: Iterable[Run] = (),
    *,
    keep: bool = False,
    page_break: bool = False,
    numbering: tuple[int, int] | None = None,
    bold: bool = False,
) -> etree._Element:
    p = _el("w:p")
    ppr = _el("w:pPr", p)
    if style_id:
        _el("w:pStyle", ppr, val=style_id)
    if keep:
        _el("w:keepNext", ppr)
    if page_break:
        _el("w:pageBreakBefore", ppr)
    if numbering is not None:
        num_pr = _el("w:numPr", ppr)
        _el("w:ilvl", num_pr, val=str(numbering[0]))
        _el("w:numId", num_pr, val=str(numbering[1]))
    if not len(ppr):
        p.remove(ppr)
    for run in runs:
        _run(p, run, bold)
    return p


def _run(p: etree._Element, run: Run, bold: bool = False) -> None:
    if not run.text:
        return
    r = _el("w:r", p)
    if run.bold or run.italic or bold:
        rpr = _el("w:rPr", r)
        if run.bold or bold:
            _el("w:b", rpr)
        if run.italic:
            _el("w:i", rpr)
    for part in _SPLIT.split(run.text):
        if part == "\n":
            _el("w:br", r)
        elif part == "\t":
            _el("w:tab", r)
        elif part:
            t = _el("w:t", r)
            t.text = part
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


class _BodyWriter:
    """Maps body blocks onto the template's named styles and list definitions."""

    def __init__(self, document, template: Path):
        self.document, self.template = document, template
        self.styles: dict[str, tuple[str, str]] = {}
        for style in document.styles.element.findall(qn("w:style")):
            name = style.find(qn("w:name"))
            if name is not None:
                ui = _ui_name(name.get(qn("w:val"), ""))
                self.styles.setdefault(ui, (style.get(qn("w:styleId"), ""), style.get(qn("w:type"), "paragraph")))
        self._numbering = None
        self._list_nums: dict[str, tuple[int, str]] = {}
        self._next_num = 0
        self._bookmarks: set[str] = set()
        self._text_width: int | None = None
        self.missing: list[tuple[str, str]] = []

    # the template's resources

    def style(self, name: str, kind: str = "paragraph") -> str:
        """The id of a named style; a missing one is recorded, and all are reported by :meth:`check`."""
        found = self.styles.get(name)
        if found is None or found[1] != kind:
            if (name, kind) not in self.missing:
                self.missing.append((name, kind))
            return ""
        return found[0]

    def check(self) -> None:
        """Every style the body needs and the template lacks, reported at once."""
        if self.missing:
            raise UserError(
                error(
                    Location(str(self.template)),
                    f"le modèle « {self.template.name} » ne contient pas le style "
                    f"{'de tableau' if kind == 'table' else 'de paragraphe'} « {name} »",
                    code="modele-style",
                    hint=_TEMPLATE_HINT,
                )
                for name, kind in self.missing
            )

    @property
    def text_width(self) -> int:
        """The width between the margins, in twentieths of a point, read from the template."""
        if self._text_width is None:
            section = self.document.sections[-1]
            if section.page_width is None or section.left_margin is None or section.right_margin is None:
                raise fail(
                    self.template,
                    f"le modèle « {self.template.name} » ne définit pas la taille de la page ou ses marges",
                    code="modele",
                    hint="Mise en page › Marges et Taille dans Word",
                )
            width = section.page_width - section.left_margin - section.right_margin
            self._text_width = round(width * _TWIPS_PER_EMU)
        return self._text_width

    def list_numbering(self, style_name: str) -> tuple[int, str]:
        """The ``w:numId`` a list style points to, and that numbering's ``w:abstractNumId``."""
        if style_name in self._list_nums:
            return self._list_nums[style_name]
        num_id = self._style_num_id(self.style(style_name))
        numbering = self.numbering_root()
        abstract = None
        if num_id is not None and numbering is not None:
            num = numbering.find(f"{qn('w:num')}[@{qn('w:numId')}='{num_id.get(qn('w:val'))}']")
            if num is not None:
                abstract = num.find(qn("w:abstractNumId"))
        if num_id is None or abstract is None:
            raise fail(
                self.template,
                f"dans le modèle « {self.template.name} », le style « {style_name} » n'est associé à aucune liste"
                " à puces ou numérotée",
                code="modele-style",
                hint="dans Word, appliquer au style une liste (Format › Numérotation) ou régénérer le modèle",
            )
        result = (int(num_id.get(qn("w:val"))), abstract.get(qn("w:val")))
        self._list_nums[style_name] = result
        return result

    def _style_num_id(self, style_id: str):
        """The ``w:numId`` element of a style, or of the style it is based on (as Word resolves it)."""
        styles = self.document.styles.element
        for _ in range(10):
            style = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
            if style is None:
                return None
            num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
            based_on = style.find(qn("w:basedOn"))
            if num_id is not None or based_on is None:
                return num_id
            style_id = based_on.get(qn("w:val"), "")
        return None

    def numbering_root(self):
        if self._numbering is None:
            try:
                self._numbering = self.document.part.numbering_part.element
            except (KeyError, NotImplementedError):
                return None
            ids = [int(n.get(qn("w:numId"))) for n in self._numbering.findall(qn("w:num"))]
            self._next_num = max(ids, default=0) + 1
        return self._numbering

    def restarted_num(self, abstract_id: str, level: int) -> int:
        """A new ``w:num`` over the same definition whose counter starts again at 1."""
        numbering = self.numbering_root()
        num_id = self._next_num
        self._next_num += 1
        num = _el("w:num", numId=str(num_id))
        _el("w:abstractNumId", num, val=abstract_id)
        override = _el("w:lvlOverride", num, ilvl=str(level))
        _el("w:startOverride", override, val="1")
        cleanup = numbering.find(qn("w:numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(num)
        else:
            numbering.append(num)
        return num_id

    def bookmark(self, anchor: str) -> str | None:
        name = re.sub(r"[^A-Za-z0-9_]", "_", anchor)
        if not name:
            return None
        if not name[0].isalpha():
            name = f"b_{name}"
        name = name[:40]
        if name in self._bookmarks:
            return None
        self._bookmarks.add(name)
        return name

    # blocks

    def blocks(self, blocks: Sequence[Block]) -> list[etree._Element]:
        out: list[etree._Element] = []
        pending_break = False
        for index, block in enumerate(blocks):
            if isinstance(block, PageBreak):
                pending_break = bool(out)  # never a break before the first block
                continue
            out.extend(self.block(block, pending_break))
            pending_break = False
            if isinstance(block, Table | SignatureBlock) and not _followed_by_break(blocks, index):
                out.append(_paragraph(self.style(AFTER_TABLE_STYLE)))
        return out

    def block(self, block: Block, page_break: bool) -> list[etree._Element]:
        if isinstance(block, Heading):
            return [self.heading(block, page_break)]
        if isinstance(block, Paragraph):
            return [self.paragraph(block, ROLE_STYLES[block.role], page_break)]
        if isinstance(block, ListBlock):
            return self.list(block, 0, page_break)
        if isinstance(block, Table):
            return self.table(block, page_break)
        if isinstance(block, SignatureBlock):
            return self.signatures(block, page_break)
        raise TypeError(f"unknown block {type(block).__name__}")

    def heading(self, heading: Heading, page_break: bool) -> etree._Element:
        p = _paragraph(self.style(HEADING_STYLES[heading.level]), (Run(heading.text),), page_break=page_break)
        name = self.bookmark(heading.anchor) if heading.anchor else None
        if name:
            ident = str(len(self._bookmarks))
            start = _el("w:bookmarkStart", id=ident, name=name)
            ppr = p.find(qn("w:pPr"))  # absent when the heading style is missing (reported by check())
            if ppr is not None:
                ppr.addnext(start)
            else:
                p.insert(0, start)
            _el("w:bookmarkEnd", p, id=ident)
        return p

    def paragraph(self, paragraph: Paragraph, style_name: str, page_break: bool = False) -> etree._Element:
        return _paragraph(self.style(style_name), paragraph.runs, keep=paragraph.keep_with_next, page_break=page_break)

    def list(
        self, block: ListBlock, level: int, page_break: bool = False, in_cell: bool = False
    ) -> list[etree._Element]:
        if in_cell:
            names = CELL_NUMBER_STYLES if block.ordered else CELL_BULLET_STYLES
        else:
            names = NUMBER_STYLES if block.ordered else BULLET_STYLES
        name = names[min(level, len(names) - 1)]
        style_id = self.style(name)
        ilvl, num_id = min(level, 8), 0
        if style_id:
            num_id, abstract = self.list_numbering(name)
            if block.ordered:
                num_id = self.restarted_num(abstract, ilvl)
        out: list[etree._Element] = []
        for item in block.items:
            out.append(_paragraph(style_id, item.runs, numbering=(ilvl, num_id), page_break=page_break))
            page_break = False
            if item.children is not None:
                out.extend(self.list(item.children, level + 1, in_cell=in_cell))
        return out

    def widths(self, relative: Sequence[int], count: int) -> list[int]:
        relative = list(relative) if len(relative) == count else [1] * count
        total = sum(relative) or 1
        widths = [self.text_width * w // total for w in relative]
        widths[-1] += self.text_width - sum(widths)
        return widths

    def table(self, table: Table, page_break: bool) -> list[etree._Element]:
        out: list[etree._Element] = []
        if table.caption:
            style = self.style(CAPTION_STYLE)
            out.append(_paragraph(style, (Run(table.caption),), keep=True, page_break=page_break))
        elif page_break:
            out.append(_paragraph(self.style("Normal"), page_break=True))
        columns = len(table.widths) or max((len(r) for r in (table.header, *table.rows)), default=1)
        widths = self.widths(table.widths, columns)
        tbl = self.table_element(self.style(TABLE_STYLE, "table"), widths, bool(table.header), bool(table.footer))
        align = list(table.align) + ["left"] * (columns - len(table.align))
        spans = [0] * columns
        if table.header:
            self.row(tbl, table.header, widths, align, spans, header=True)
        for row in table.rows:
            self.row(tbl, row, widths, align, spans)
        for row in table.footer:
            self.row(tbl, row, widths, align, spans, bold=True)
        out.append(tbl)
        return out

    def table_element(self, style_id: str, widths: list[int], header: bool, footer: bool) -> etree._Element:
        tbl = _el("w:tbl")
        pr = _el("w:tblPr", tbl)
        _el("w:tblStyle", pr, val=style_id)
        _el("w:tblW", pr, w=str(sum(widths)), type="dxa")
        _el("w:tblLayout", pr, type="fixed")
        look = 0x0020 * header | 0x0040 * footer | 0x0200 | 0x0400
        _el(
            "w:tblLook",
            pr,
            val=f"{look:04X}",
            firstRow=str(int(header)),
            lastRow=str(int(footer)),
            firstColumn="0",
            lastColumn="0",
            noHBand="1",
            noVBand="1",
        )
        grid = _el("w:tblGrid", tbl)
        for width in widths:
            _el("w:gridCol", grid, w=str(width))
        return tbl

    def row(
        self,
        tbl: etree._Element,
        cells: Sequence[Cell],
        widths: list[int],
        align: list[str],
        spans: list[int],
        header: bool = False,
        bold: bool = False,
    ) -> None:
        tr = _el("w:tr", tbl)
        tr_pr = _el("w:trPr", tr)
        _el("w:cantSplit", tr_pr)
        if header:
            _el("w:tblHeader", tr_pr)
        remaining = iter(cells)
        for col, width in enumerate(widths):
            tc = _el("w:tc", tr)
            tc_pr = _el("w:tcPr", tc)
            _el("w:tcW", tc_pr, w=str(width), type="dxa")
            cell_style = self.style(CELL_STYLES.get(align[col], CELL_STYLES["left"]))
            if spans[col]:
                spans[col] -= 1
                _el("w:vMerge", tc_pr)
                tc.append(_paragraph(cell_style))
                continue
            cell = next(remaining, None)
            if cell is not None and cell.rowspan > 1:
                _el("w:vMerge", tc_pr, val="restart")
                spans[col] = cell.rowspan - 1
            parts = self.cell_content(cell, cell_style, bold, header) if cell is not None else []
            for part in parts or [_paragraph(cell_style)]:
                tc.append(part)

    def cell_content(self, cell: Cell, cell_style: str, bold: bool, header: bool) -> list[etree._Element]:
        """A cell's paragraphs and lists; a header row's paragraphs keep with the first row below."""
        out: list[etree._Element] = []
        for part in cell.content:
            if isinstance(part, Paragraph):
                if part.role == "body":
                    style = cell_style
                elif part.role in ("center", "right"):
                    style = self.style(CELL_STYLES[part.role])
                else:
                    style = self.style(ROLE_STYLES[part.role])
                out.append(_paragraph(style, part.runs, keep=part.keep_with_next or header, bold=bold))
            else:
                out.extend(self.list(part, 0, in_cell=True))
        return out

    def signatures(self, block: SignatureBlock, page_break: bool) -> list[etree._Element]:
        out = [_paragraph(self.style(SIGNATURE_PLACE_STYLE), (Run(block.place_date),), page_break=page_break)]
        heading, line, room = (
            self.style(SIGNATURE_HEADING_STYLE),
            self.style(SIGNATURE_LINE_STYLE),
            self.style(SIGNATURE_ROOM_STYLE),
        )
        widths = self.widths((50, 50), 2)
        tbl = self.table_element(self.style(SIGNATURE_TABLE_STYLE, "table"), widths, False, False)
        signatures = list(block.signatures)
        for start in range(0, len(signatures), 2):
            tr = _el("w:tr", tbl)
            _el("w:cantSplit", _el("w:trPr", tr))
            for col, width in enumerate(widths):
                tc = _el("w:tc", tr)
                _el("w:tcW", _el("w:tcPr", tc), w=str(width), type="dxa")
                if start + col >= len(signatures):
                    tc.append(_paragraph(line))
                    continue
                signature = signatures[start + col]
                tc.append(_paragraph(heading, (Run(signature.heading, bold=True),)))
                for text in signature.lines:
                    tc.append(_paragraph(line, (Run(text),)))
                tc.append(_paragraph(room))
        out.append(tbl)
        return out


def _followed_by_break(blocks: Sequence[Block], index: int) -> bool:
    """Whether a page break comes next (and some block after it): no spacer before a new page."""
    rest = blocks[index + 1 :]
    return bool(rest) and isinstance(rest[0], PageBreak) and any(not isinstance(b, PageBreak) for b in rest)


_BUILTIN_UI_NAMES = {
    "heading 1": "Heading 1",
    "heading 2": "Heading 2",
    "heading 3": "Heading 3",
    "header": "Header",
    "footer": "Footer",
    "caption": "Caption",
}


def _ui_name(name: str) -> str:
    """Word stores some built-in style names in lower case (« heading 1 »)."""
    return _BUILTIN_UI_NAMES.get(name, name)


__all__ = ["write_docx", "render_docx", "UserError", "MARKER"]
