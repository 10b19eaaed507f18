"""The same words everywhere: the DOCX, the HTML and both PDFs of a build say exactly the same thing.

Each output's text is extracted in reading order and normalised (NFKC, whitespace, case); what
only belongs to the page is removed (running header, « <footer> page n / N », list bullets and
numbers drawn by the renderer, table header rows repeated at the top of a continuation page).
The remaining SEQUENCE of words and punctuation marks must be identical: a word missing, added,
duplicated or moved anywhere fails, and the failure prints where, with context.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from test_build import STEMS, Shipped, furniture, one_hyphen, pdf_pages, shipped_build, strip_furniture

INLINE_TAGS = {"a", "abbr", "b", "em", "i", "small", "span", "strong", "sub", "sup"}
SKIPPED_TAGS = {"script", "style", "template", "nav"}  # nav: the table of contents, navigation, not text
# a line that is only a list marker (WeasyPrint draws markers after the text of the page)
MARKER_LINE = re.compile(r"^\s*(?:(?:[–•◦▪○●·-]|\d{1,2}[.)])\s*)+$")  # one marker, or several on one line
# a list marker at the start of a line (LibreOffice draws it before the item's text)
MARKER_PREFIX = re.compile(r"^\s*(?:[–•◦▪○●·]|\d{1,2}[.)])\s+")
# a marker drawn just after the last line of a page, glued to its last word (a dash in the text is spaced)
TRAILING_MARKER = re.compile(r"(?<=\w)[–•◦▪○●·]\s*$")
TOKEN = re.compile(r"\w+|[^\w\s]")


# --- extraction ----------------------------------------------------------------------------------


def docx_paragraphs(path: Path) -> list[str]:
    """Body paragraphs and table cells in document order (w:p and w:tbl children of the body, the
    cells' content recursively); headers and footers are other parts and are not read."""
    out: list[str] = []

    def paragraph(p) -> str:
        parts = []
        for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:noBreakHyphen")):
            hyphen = "\u2011" if node.tag == qn("w:noBreakHyphen") else " "
            parts.append(node.text or "" if node.tag == qn("w:t") else hyphen)
        return "".join(parts)

    def walk(container) -> None:
        for child in container:
            if child.tag == qn("w:p"):
                out.append(paragraph(child))
            elif child.tag == qn("w:tbl"):
                for row in child.iter(qn("w:tr")):
                    for cell in row.findall(qn("w:tc")):
                        walk(cell)
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    walk(content)

    walk(docx.Document(str(path)).element.body)
    return out


def docx_header_rows(path: Path) -> list[list[str]]:
    """The words of each table row marked to repeat on every page (w:tblHeader)."""
    rows = []
    for row in docx.Document(str(path)).element.body.iter(qn("w:tr")):
        props = row.find(qn("w:trPr"))
        if props is not None and props.find(qn("w:tblHeader")) is not None:
            rows.append(words(" ".join(t.text or "" for t in row.iter(qn("w:t")))))
    return rows


class _BodyText(HTMLParser):
    """The text of <body>, a space at every block boundary (inline elements join their text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.in_body = False
        self.skipping = 0
        self.in_mark = False  # a draft's « PROJET » mark: page furniture, not the document's words

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "body":
            self.in_body = True
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        if tag == "div" and "projet" in (dict(attrs).get("class") or "").split():
            self.in_mark = True
            self.skipping += 1
        if tag not in INLINE_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "body":
            self.in_body = False
        if tag in SKIPPED_TAGS:
            self.skipping -= 1
        if tag == "div" and self.in_mark:
            self.in_mark = False
            self.skipping -= 1
        if tag not in INLINE_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.in_body and not self.skipping:
            self.parts.append(data)


def html_text(path: Path) -> str:
    parser = _BodyText()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return "".join(parser.parts)


def words(text: str, vocabulary: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Normalised words and punctuation marks, in order.

    NFKC (U+00A0 and U+202F become plain spaces, « … » becomes « ... »), lower case, a word cut at
    a hyphen at the end of a line joined again, then words and punctuation marks as tokens, so that
    only the spacing between them (justification, line breaks) is ignored. A word cut by French
    hyphenation is joined without its hyphen: WeasyPrint's (U+2010) always, LibreOffice's (« - »)
    when the joined word is in ``vocabulary`` (:func:`vocabulary_of` the reference) and the hyphenated
    compound is not (« Porto-\nVecchio » keeps its hyphen). A non-breaking hyphen reads as « - ».
    """
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "").lower()
    text = re.sub(r"(\w)\u2010[ \t]*\n[ \t]*(\w)", r"\1\2", text)
    text = one_hyphen(text)  # a non-breaking hyphen (U+2011, NFKC U+2010) left inside a word prints « - »

    def join(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2)
        if f"{head}-{tail}" in vocabulary or head + tail not in vocabulary:
            return f"{head}-{tail}"
        return head + tail

    text = re.sub(r"(\w+)-[ \t]*\n[ \t]*(\w+)", join, text)
    return TOKEN.findall(text)


def vocabulary_of(tokens: list[str]) -> set[str]:
    """The reference's words, and its hyphenated compounds (« porto-vecchio »)."""
    compounds = {f"{a}-{c}" for a, b, c in zip(tokens, tokens[1:], tokens[2:], strict=False) if b == "-"}
    return set(tokens) | compounds


def pdf_words(
    pdf: Path, html_file: Path, header_rows: list[list[str]], markers_inline: bool, vocabulary: set[str]
) -> list[str]:
    """The words of a PDF, page furniture removed (see the module docstring); ``vocabulary``: the
    reference's words, to join the words hyphenation cut (:func:`words`)."""
    header, footer = furniture(html_file)
    out: list[str] = []
    for page in strip_furniture(pdf_pages(pdf), header, footer):
        lines = []
        for line in page.body.splitlines():
            if MARKER_LINE.match(line):
                continue
            line = TRAILING_MARKER.sub("", line)
            lines.append(MARKER_PREFIX.sub("", line) if markers_inline else line)
        tokens = words("\n".join(lines), vocabulary)
        # a table header row repeated at the top of a page, when the table began on an earlier page
        for row in header_rows:
            if row and tokens[: len(row)] == row and _contains(out, row):
                tokens = tokens[len(row) :]
                break
        out.extend(tokens)
    return out


def _contains(seq: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(seq[i : i + n] == part for i in range(len(seq) - n + 1))


def differences(expected: list[str], actual: list[str], context: int = 8, limit: int = 12) -> str:
    """A readable report of where two word sequences differ (empty if they are equal)."""
    if expected == actual:
        return ""
    lines = [f"{len(expected)} words expected, {len(actual)} found"]
    matcher = difflib.SequenceMatcher(None, expected, actual, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    for tag, i1, i2, j1, j2 in changes[:limit]:
        before = " ".join(expected[max(0, i1 - context) : i1])
        after = " ".join(expected[i2 : i2 + context])
        lines.append(
            f"- {tag} at word {i1}: …{before} [{' '.join(expected[i1:i2])} → {' '.join(actual[j1:j2])}] {after}…"
        )
    if len(changes) > limit:
        lines.append(f"… and {len(changes) - limit} more difference(s)")
    return "\n".join(lines)


# --- fixtures ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def weasy(tmp_path_factory: pytest.TempPathFactory) -> Shipped:
    return shipped_build(tmp_path_factory, "weasyprint")


@pytest.fixture(scope="module")
def lo(tmp_path_factory: pytest.TempPathFactory) -> Shipped:
    return shipped_build(tmp_path_factory, "libreoffice")


# --- the tests -----------------------------------------------------------------------------------


@pytest.mark.parametrize("stem", STEMS)
def test_docx_and_html_say_the_same_words(weasy: Shipped, stem: str) -> None:
    reference = words("\n".join(docx_paragraphs(weasy.path(f"{stem}.docx"))))
    html = words(html_text(weasy.path(f"{stem}.html")))
    assert len(reference) > 100
    diff = differences(reference, html)
    assert not diff, f"{stem}: DOCX → HTML\n{diff}"


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("engine", ["weasyprint", "libreoffice"])
def test_pdf_says_the_same_words_as_the_docx(tmp_path_factory: pytest.TempPathFactory, engine: str, stem: str) -> None:
    built = shipped_build(tmp_path_factory, engine)
    reference = words("\n".join(docx_paragraphs(built.path(f"{stem}.docx"))))
    found = pdf_words(
        built.path(f"{stem}.pdf"),
        built.path(f"{stem}.html"),
        docx_header_rows(built.path(f"{stem}.docx")),
        markers_inline=engine == "libreoffice",
        vocabulary=vocabulary_of(reference),
    )
    diff = differences(reference, found)
    assert not diff, f"{stem}: DOCX → PDF ({engine})\n{diff}"


def test_the_convention_has_every_part_in_every_format(weasy: Shipped, lo: Shipped) -> None:
    """The comparison is not vacuous: the cover, the articles, the signatures and the seven fiches
    are in the words compared, in this order."""
    landmarks = [
        "convention de mutualisation de services",
        "entre les soussignés",
        "article 1er – objet",
        "signatures",
        *(f"annexe {n} –" for n in range(1, 4)),
        "annexe 3.1 : description de la plateforme",
        *(f"annexe {n} –" for n in range(4, 8)),
        "le c.c.a.s. rembourse à la ville les frais d’impression des supports.",
    ]
    texts = {
        "docx": words("\n".join(docx_paragraphs(weasy.path("convention.docx")))),
        "html": words(html_text(weasy.path("convention.html"))),
    }
    rows = docx_header_rows(weasy.path("convention.docx"))
    assert len(rows) >= 5  # the financial table, the three responsibility tables, the process table
    for built in (weasy, lo):
        texts[built.engine] = pdf_words(
            built.path("convention.pdf"),
            built.path("convention.html"),
            rows,
            built.engine == "libreoffice",
            vocabulary_of(texts["docx"]),
        )
    for name, tokens in texts.items():
        position = 0
        for landmark in landmarks:
            wanted = words(landmark)
            index = next(
                (i for i in range(position, len(tokens)) if tokens[i : i + len(wanted)] == wanted),
                None,
            )
            assert index is not None, f"{name}: « {landmark} » missing or out of order"
            position = index + len(wanted)


def test_a_missing_or_extra_word_is_caught(weasy: Shipped) -> None:
    """The normalisation does not swallow differences: one word dropped, added or swapped fails."""
    reference = words("\n".join(docx_paragraphs(weasy.path("convention.docx"))))
    middle = len(reference) // 2
    dropped = reference[:middle] + reference[middle + 1 :]
    added = [*reference[:middle], "ajout", *reference[middle:]]
    swapped = [*reference[:middle], reference[middle + 1], reference[middle], *reference[middle + 2 :]]
    for variant in (dropped, added, swapped):
        assert variant != reference
        assert differences(reference, variant)
    assert "ajout" in differences(reference, added)
