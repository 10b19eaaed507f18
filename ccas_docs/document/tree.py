"""The format-neutral document tree that composers build and writers turn into files.

Everything here is resolved text: numbers, cross-references, parameters and generated clauses
are already in place. Writers only map these nodes onto their format's constructs (named styles
in DOCX, elements and classes in HTML); they decide no wording and compute nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from ccas_docs.document.markers import Origin


@dataclass(frozen=True)
class Revision:
    """A tracked change carried by the tree (a redline): inserted or deleted, by whom, when.

    The diff of two versions sets these marks (``compose/redline.py``); writers only render them
    (native Word revisions in DOCX). A tree without marks is an ordinary document.
    """

    kind: Literal["ins", "del"]
    author: str
    date: dt.date


@dataclass(frozen=True)
class Run:
    """A piece of inline text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False
    revision: Revision | None = None
    superscript: bool = False  # the « er » of « 1er »: raised and smaller, in every format


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    # body: justified text; center: centred; right: right-aligned; small: notes and mentions;
    # lead: the cover's party lines; total: the invoice's total lines
    role: Literal["body", "center", "right", "small", "lead", "total"] = "body"
    keep_with_next: bool = False
    key: str = ""  # stable id of what it renders (a block, a generated clause), for diffs
    revision: Revision | None = None  # the whole paragraph (its mark) inserted or deleted
    # where its text comes from (DOCX block markers, import); not part of equality (diffs compare text)
    origin: Origin | None = field(default=None, compare=False)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Heading:
    """A heading; ``level`` 1 = a part (annex, title), 2 = an article or section, 3 = a sub-heading,
    4 = a sub-heading under a level-3 one (an intertitre of « niveau: 2 »)."""

    level: Literal[1, 2, 3, 4]
    text: str
    anchor: str = ""  # stable id, for HTML anchors and DOCX bookmarks
    key: str = ""  # stable id, for diffs (the anchor when empty)
    revision: Revision | None = None
    marked: tuple[Run, ...] = ()  # a redline's runs (word revisions) in place of ``text``
    origin: Origin | None = field(default=None, compare=False)
    runs: tuple[Run, ...] = ()  # ``text`` as runs when it is not one plain run (« Article 1er »)

    @property
    def shown(self) -> tuple[Run, ...]:
        """The runs a writer prints: the redline's, else the text's own, else the text as one run."""
        return self.marked or self.runs or (Run(self.text),)


@dataclass(frozen=True)
class ListItem:
    runs: tuple[Run, ...]
    children: ListBlock | None = None
    key: str = ""
    revision: Revision | None = None
    origin: Origin | None = field(default=None, compare=False)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class ListBlock:
    """A bulleted or numbered list; every ListBlock starts its own numbering at 1."""

    items: tuple[ListItem, ...]
    ordered: bool = False
    key: str = ""


@dataclass(frozen=True)
class Cell:
    content: tuple[Paragraph | ListBlock, ...]
    rowspan: int = 1  # the cells it covers below are absent from the following rows


@dataclass(frozen=True)
class Table:
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[int, ...]  # relative column widths, summing to 100
    align: tuple[Literal["left", "right", "center"], ...] = ()
    footer: tuple[tuple[Cell, ...], ...] = ()  # totals rows, bold
    caption: str = ""
    key: str = ""
    revision: Revision | None = None  # the whole table (every row) inserted or deleted
    row_keys: tuple[str, ...] = ()  # a stable id per body row (e.g. the fiche of a financial row), for diffs
    row_revisions: tuple[Revision | None, ...] = ()  # a redline's rows inserted or deleted


@dataclass(frozen=True)
class Signature:
    heading: str  # « Pour la Commune de Porto-Vecchio »
    lines: tuple[str, ...]  # qualité, nom, délibération
    # name of the signature field a sealed PDF carries in this block (« maire », « ccas »); writers
    # mark the block's empty space with it so that the signing stage can find where it was laid out
    field: str = ""


@dataclass(frozen=True)
class SignatureBlock:
    place_date: str
    signatures: tuple[Signature, ...]
    revision: Revision | None = None


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | ListBlock | Table | SignatureBlock | PageBreak


@dataclass(frozen=True)
class Cover:
    """The first page: a title, lines under it, and the parties."""

    title: str
    subtitle: tuple[str, ...] = ()
    lines: tuple[str, ...] = ()
    marks: tuple[CoverMark, ...] = ()  # the lines that are not one plain run (revised, or with a raised « er »)

    def runs_of(self, part: Literal["title", "subtitle", "lines"], index: int) -> tuple[Run, ...]:
        """A line's runs: its mark's, else the line as one run."""
        for m in self.marks:
            if (m.part, m.index) == (part, index):
                return m.runs
        return (Run({"title": (self.title,), "subtitle": self.subtitle, "lines": self.lines}[part][index]),)


@dataclass(frozen=True)
class CoverMark:
    """A cover line as runs: a redline's word revisions (and the line itself inserted or deleted), or
    the raised « er » of « 1er » that French typography sets (:mod:`ccas_docs.document.typeset`)."""

    part: Literal["title", "subtitle", "lines"]
    index: int
    runs: tuple[Run, ...]
    revision: Revision | None = None


DRAFT_MARK = "PROJET"  # the mark of a draft: not signed, not issued, no number consumed


@dataclass(frozen=True)
class Metadata:
    """Document properties, fixed by the inputs so that outputs are reproducible."""

    title: str
    subject: str
    author: str
    date: dt.date  # creation and modification date written into the files
    language: str = "fr-FR"
    keywords: tuple[str, ...] = ()
    draft: bool = False  # a draft (« PROJET »): writers mark every page and the DOCX header with DRAFT_MARK
    properties: tuple[tuple[str, str], ...] = ()  # custom document properties (name, text)


@dataclass(frozen=True)
class Document:
    """A whole document: metadata, running header text, optional cover, and body blocks."""

    name: str  # file stem: « convention », « annexe-03-numerique »
    meta: Metadata
    header: str
    body: tuple[Block, ...]
    cover: Cover | None = None
    footer: str = ""  # left part of the footer; the writer adds « page n / N »
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


_EMPHASIS = re.compile(r"(\*\*.+?\*\*|\*[^*\s][^*]*?\*)")


def inline(text: str) -> tuple[Run, ...]:
    """Split ``**bold**`` and ``*italic*`` markup into runs."""
    runs: list[Run] = []
    for part in _EMPHASIS.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            runs.append(Run(part[2:-2], bold=True))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append(Run(part[1:-1], italic=True))
        else:
            runs.append(Run(part))
    return tuple(runs) or (Run(""),)


def para(
    text: str, role: Literal["body", "center", "right", "small", "lead", "total"] = "body", keep_with_next: bool = False
) -> Paragraph:
    return Paragraph(inline(text), role, keep_with_next)


def cell(
    text: str,
    bold: bool = False,
    role: Literal["body", "center", "right", "small", "lead", "total"] = "body",
    rowspan: int = 1,
) -> Cell:
    runs = tuple(Run(r.text, bold=bold or r.bold, italic=r.italic) for r in inline(text))
    return Cell((Paragraph(runs, role),), rowspan)


def plain_text(doc: Document) -> list[str]:
    """The document's words in reading order (for tests comparing formats)."""
    out: list[str] = []

    def lst(block: ListBlock) -> None:
        for item in block.items:
            out.append(item.text)
            if item.children:
                lst(item.children)

    def cells(cs: tuple[Cell, ...]) -> None:
        for c in cs:
            for part in c.content:
                if isinstance(part, Paragraph):
                    out.append(part.text)
                else:
                    lst(part)

    if doc.cover:
        out.extend([doc.cover.title, *doc.cover.subtitle, *doc.cover.lines])
    for block in doc.body:
        if isinstance(block, (Heading, Paragraph)):
            out.append(block.text)
        elif isinstance(block, ListBlock):
            lst(block)
        elif isinstance(block, Table):
            if block.caption:
                out.append(block.caption)
            cells(block.header)
            for row in (*block.rows, *block.footer):
                cells(row)
        elif isinstance(block, SignatureBlock):
            out.append(block.place_date)
            for sig in block.signatures:
                out.extend([sig.heading, *sig.lines])
    return out


def iter_marked(blocks: tuple[Block, ...]) -> Iterator[Paragraph | Heading | ListItem]:
    """Every paragraph, heading and bullet that has an origin, table cells included, in reading order."""

    def lst(block: ListBlock) -> Iterator[Paragraph | Heading | ListItem]:
        for item in block.items:
            if item.origin is not None:
                yield item
            if item.children:
                yield from lst(item.children)

    def parts(content: tuple[Paragraph | ListBlock, ...]) -> Iterator[Paragraph | Heading | ListItem]:
        for part in content:
            if isinstance(part, Paragraph):
                if part.origin is not None:
                    yield part
            else:
                yield from lst(part)

    for block in blocks:
        if isinstance(block, (Heading, Paragraph)):
            if block.origin is not None:
                yield block
        elif isinstance(block, ListBlock):
            yield from lst(block)
        elif isinstance(block, Table):
            for row in (block.header, *block.rows, *block.footer):
                for c in row:
                    yield from parts(c.content)
