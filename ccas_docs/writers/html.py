"""HTML writer: a document tree → one self-contained HTML file (jinja2 template, print CSS inlined).

The writer maps nodes onto elements and classes; the wording is the tree's and the look is
``templates/print.css``'s. The same HTML is what WeasyPrint turns into the PDF (see :mod:`.pdf`).

Mapping:

- :class:`Heading` → ``h1``/``h2``/``h3`` with ``id`` = anchor;
- :class:`Paragraph` → ``p`` with ``class`` = role (plus ``keep-with-next``);
- :class:`Run` → text in ``strong`` / ``em``;
- :class:`ListBlock` → ``ul`` / ``ol``, nested lists inside their ``li``;
- :class:`Table` → ``table`` with ``caption``, ``colgroup`` (widths), ``thead`` (repeated on each
  page), one ``tbody`` per group of rows joined by a ``rowspan`` (kept on one page), ``tfoot``
  (totals, printed once);
- :class:`SignatureBlock` → a two-column block, one column per signatory;
- :class:`PageBreak` → the class ``page-break`` on the next element (so never an empty page).

Navigation (:mod:`.html_links`): a table of contents (``nav.toc``, shown on screen, not printed)
links to every article and annex; a cross-reference the text makes (« l'article 6 », « l'annexe
3.1 ») links to the heading that bears that number.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import jinja2
from markupsafe import Markup

from ccas_docs.common import atomic
from ccas_docs.common.diagnostics import fail
from ccas_docs.common.libmessages import jinja_syntax, jinja_undefined
from ccas_docs.common.typography import NBHY
from ccas_docs.document.tree import (
    DRAFT_MARK,
    Block,
    Cell,
    Document,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    SignatureBlock,
    Table,
)
from ccas_docs.writers.html_links import contents, link_references

TEMPLATE = "document.html.j2"
STYLESHEET = "print.css"


@dataclass(frozen=True)
class Flow:
    """A body block as the template places it: the node and its extra CSS classes."""

    node: Block
    classes: str = ""


@dataclass(frozen=True)
class CellView:
    cell: Cell
    align: str  # the alignment of the column the cell starts in


Row = tuple[CellView, ...]


@dataclass(frozen=True)
class TableView:
    """A table ready for the template: ``body`` is a list of row groups, one ``tbody`` each, so that
    rows joined by a rowspan stay on the same page."""

    node: Table
    head: Row
    body: tuple[tuple[Row, ...], ...]
    foot: tuple[Row, ...]

    @property
    def rows(self) -> int:
        return sum(len(group) for group in self.body)

    @property
    def compact(self) -> bool:
        """Every body cell is a single paragraph (no list, no second paragraph): rows are short."""
        return all(
            len(view.cell.content) == 1 and isinstance(view.cell.content[0], Paragraph)
            for group in self.body
            for row in group
            for view in row
        )


def render_html(doc: Document, templates_dir: Path) -> str:
    """The document as a complete HTML page (``lang``, ``title``, metadata, inlined CSS)."""
    env = _environment(templates_dir)
    css = _stylesheet(env, templates_dir)
    template = _template(env, templates_dir, TEMPLATE)
    context = {
        "doc": doc,
        "meta": doc.meta,
        "css": css,
        "flow": _flow(doc.body),
        "created": _w3c_date(doc.meta.date),
        "toc": contents(doc.body),
    }
    try:
        page = template.render(context)
    except jinja2.TemplateError as exc:
        raise _template_failure(templates_dir, TEMPLATE, exc) from None
    page = unbroken(link_references(page, doc.body))
    return _mark_draft(page) if doc.meta.draft else page


_BODY = re.compile(r"<body\b[^>]*>")
_TEXT_NODE = re.compile(r">([^<]+)<")
_HYPHENATED = re.compile(rf"[^\s<>]*{NBHY}[^\s<>]*")


def unbroken(page: str) -> str:
    """The non-breaking hyphens of the text stage (U+2011: « Porto‑Vecchio », « DST‑BAT ») as plain
    hyphens in a ``nowrap`` span (class ``insecable``): the line still never breaks there, the PDF
    draws the body font's own hyphen (Liberation Serif has no U+2011: another font would be
    embedded for it), and its text reads « Porto-Vecchio » when searched or copied. In the head and
    in attributes (title, running header), a plain hyphen."""
    found = _BODY.search(page, max(page.find("</head>"), 0))  # not a « <body> » in the stylesheet's comments
    if found is None or NBHY not in page:
        return page.replace(NBHY, "-")

    def words(node: re.Match[str]) -> str:
        text = _HYPHENATED.sub(lambda m: '<span class="insecable">' + m.group().replace(NBHY, "-") + "</span>", node[1])
        return f">{text}<"

    body = _TEXT_NODE.sub(words, page[found.end() - 1 :])
    return (page[: found.end() - 1] + body).replace(NBHY, "-")


def _mark_draft(page: str) -> str:
    """A draft: the mark as the first element of the body, fixed, so that it is on every page
    (class ``projet`` of print.css); added here so that every template gets it."""
    mark = f'\n<div class="projet" aria-hidden="true">{DRAFT_MARK}</div>'
    match = _BODY.search(page, max(page.find("</head>"), 0))
    return page[: match.end()] + mark + page[match.end() :] if match else mark + page


def write_html(doc: Document, target: Path, templates_dir: Path) -> None:
    """Write the HTML page atomically."""
    atomic.write_text(target, render_html(doc, templates_dir))


# --- the environment ---------------------------------------------------------------------------


def _environment(templates_dir: Path) -> jinja2.Environment:
    return _cached_environment(str(templates_dir.resolve()))


@functools.lru_cache(maxsize=8)
def _cached_environment(folder: str) -> jinja2.Environment:
    """One environment per templates folder: compiled templates are reused (and reloaded if edited)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.tests.update(
        heading=lambda n: isinstance(n, Heading),
        paragraph=lambda n: isinstance(n, Paragraph),
        listblock=lambda n: isinstance(n, ListBlock),
        table=lambda n: isinstance(n, TableView),
        signatureblock=lambda n: isinstance(n, SignatureBlock),
    )
    env.filters["widths"] = _widths
    return env


def _template(env: jinja2.Environment, templates_dir: Path, name: str) -> jinja2.Template:
    try:
        return env.get_template(name)
    except jinja2.TemplateError as exc:
        raise _template_failure(templates_dir, name, exc) from None


def _stylesheet(env: jinja2.Environment, templates_dir: Path) -> Markup:
    """The print CSS, read as-is (not a template) and inlined in a ``<style>`` element."""
    try:
        source, _, _ = env.loader.get_source(env, STYLESHEET)  # type: ignore[union-attr]
    except jinja2.TemplateNotFound:
        raise fail(
            templates_dir / STYLESHEET,
            f"feuille de style « {STYLESHEET} » introuvable",
            code="modele",
            hint=f"la remettre dans le dossier {templates_dir}",
        ) from None
    index = source.lower().find("</style")
    if index >= 0:  # it would end the inlined <style> element: the rest of the sheet would be page text
        line = source.count("\n", 0, index) + 1
        raise fail(
            templates_dir / STYLESHEET,
            "la feuille de style ne doit pas contenir « </style> »",
            line,
            index - (source.rfind("\n", 0, index) + 1) + 1,
            code="modele",
            hint="la feuille est recopiée dans une balise <style> du HTML : retirer « </style> », "
            "même dans un commentaire",
        )
    return Markup(source)


def _template_failure(templates_dir: Path, name: str, exc: jinja2.TemplateError) -> Exception:
    """A template problem as a French user error naming the template and, if known, the line."""
    if isinstance(exc, jinja2.TemplateNotFound):
        missing = exc.name or name
        return fail(
            templates_dir / str(missing),
            f"modèle « {missing} » introuvable",
            code="modele",
            hint=f"le remettre dans le dossier {templates_dir}",
        )
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = Path(exc.filename) if exc.filename else templates_dir / (exc.name or name)
        return fail(
            where,
            f"erreur de syntaxe dans le modèle « {where.name} » : {jinja_syntax(exc.message)}",
            line=exc.lineno or 0,
            code="modele",
        )
    where, line = _template_frame(exc.__traceback__, templates_dir / name)
    if isinstance(exc, jinja2.UndefinedError):
        return fail(
            where,
            f"variable inconnue dans le modèle « {where.name} » : {jinja_undefined(exc.message)}",
            line=line,
            code="modele",
        )
    return fail(where, f"erreur dans le modèle « {where.name} »", line=line, code="modele")


def _template_frame(tb: TracebackType | None, default: Path) -> tuple[Path, int]:
    """The innermost template frame of a rendering error (jinja2 rewrites them to template lines)."""
    found: tuple[Path, int] = (default, 0)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (Path(filename), tb.tb_lineno)
        tb = tb.tb_next
    return found


# --- mapping helpers -----------------------------------------------------------------------------


def _flow(blocks: tuple[Block, ...]) -> list[Flow]:
    """Body blocks in order; a page break becomes a class on the following block."""
    out: list[Flow] = []
    pending = False
    for block in blocks:
        if isinstance(block, PageBreak):
            pending = bool(out)  # a break before the first block would only follow the cover's
            continue
        classes = "page-break" if pending else ""
        pending = False
        node: Block = _table_view(block) if isinstance(block, Table) else block  # type: ignore[assignment]
        out.append(Flow(node, classes))
    return out


def _table_view(table: Table) -> TableView:
    """Attach to each cell the alignment of the column it starts in, following rowspans, and group
    the body rows that rowspans join."""
    columns = max(len(table.widths), len(table.header), 1)
    align = tuple(table.align) + ("left",) * (columns - len(table.align))

    def place(rows: tuple[tuple[Cell, ...], ...]) -> list[tuple[Row, bool]]:
        """Each row's cells with their alignment, and whether a rowspan continues below it."""
        covered = [0] * columns  # rows still covered by a rowspan, per column, this row included
        out = []
        for row in rows:
            views = []
            col = 0
            for cell in row:
                while col < columns and covered[col] > 0:
                    col += 1
                views.append(CellView(cell, align[min(col, columns - 1)]))
                if col < columns:
                    covered[col] = cell.rowspan
                col += 1
            covered = [max(c - 1, 0) for c in covered]
            out.append((tuple(views), any(covered)))
        return out

    groups: list[tuple[Row, ...]] = []
    current: list[Row] = []
    for row, continues in place(table.rows):
        current.append(row)
        if not continues:
            groups.append(tuple(current))
            current = []
    if current:
        groups.append(tuple(current))
    head = tuple(CellView(c, align[min(i, columns - 1)]) for i, c in enumerate(table.header))
    return TableView(table, head, tuple(groups), tuple(row for row, _ in place(table.footer)))


def _widths(table: Table) -> list[str]:
    """Column widths as CSS percentages (Table.widths are relative and sum to 100)."""
    total = sum(table.widths) or 1
    return [f"{w * 100 / total:.4g}%" for w in table.widths]


def _w3c_date(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"
