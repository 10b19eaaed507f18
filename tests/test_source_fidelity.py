"""Fidelity to the source: every paragraph and bullet the city gave us is in the built DOCX.

The source (``tests/fixtures/source/000_512f6543a5b8fcee.txt``, a copy of the text beside the
design document) is cut into units: paragraphs, bullets, numbered items, table cells, and the
<p>/<li> of the HTML fragments of the technique fiche's process table. Each unit must be a
paragraph of the built convention's DOCX, in the same order, after the normalisations listed
below, and nothing else; the same holds for each fiche's own DOCX.

What the toolkit generates instead of transcribing is compared as generated text:

- section numbers (« 1/ », « I/ », « 2/ ») are stripped from both sides, and the generated ones
  must run 1/, 2/, 3/… in each fiche;
- cross-references are rendered with today's numbers (:data:`RENUMBERED`);
- « FICHE ANNEXE » + the ALL-CAPS title become « Annexe N – Title »;
- both sides are set in the documents' typography (``typeset``: ’, no-break spaces, « – »);
- the cost section is generated from the billing parameters: it must say exactly what the source
  says, modulo the known typos of the source (:data:`SOURCE_TYPOS`).
"""

from __future__ import annotations

import difflib
import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest
from test_build import FICHES, STEMS, Shipped, shipped_build
from test_same_words import docx_paragraphs

from ccas_docs.common.typography import plain, typeset

SOURCE = Path(__file__).parent / "fixtures" / "source" / "000_512f6543a5b8fcee.txt"
FICHE_LABEL = "FICHE ANNEXE"
COST_CLAUSE_START = "Les prestations de la ville seront facturées"

SECTION_NUMBER = re.compile(r"^(?:\d+|[IVX]+)/\s+")
# « FICHE ANNEXE » and the title, as the composer writes them: « Annexe N – Title »
FICHE_HEADING = re.compile(r"^Annexe (\d+) – (.+)$")
SUB_ANNEX = re.compile(r"^Annexe \d+(?:\.\d+)? : ")
BULLET = re.compile(r"^\s*[-●○•]\s+")
NUMBERED = re.compile(r"^\s*\d+\.\s+")
FRAGMENT_PIECE = re.compile(r"<p>(?P<p>.*?)</p>|<[^>]+>|(?P<text>[^<]+)", re.DOTALL)

# References by number in the source, rendered from the target's id with the number it has today.
RENUMBERED: dict[str, list[tuple[str, str]]] = {
    # the numérique fiche's own sub-annex, « Annexe 1 » in the source, is annex 3.1 of the convention
    "numerique": [("l'annexe 1 ", "l'annexe 3.1 "), ("Annexe 1 : ", "Annexe 3.1 : ")],
    # « l'article 5 » (moyens mobilisables) is still article 5 of the convention's body
    "technique": [("l'article 5", "l'article 5")],
}

# Known typos of the source in the cost clauses, which the generated sentences do not repeat.
SOURCE_TYPOS: list[tuple[str, str]] = [
    ("l'année N- 1.", "l'année N-1."),  # a stray space (fiches DGA and communication)
    ("l'année N-l.", "l'année N-1."),  # a letter l for the digit 1 (fiche RH)
    ("Le C.C.A.S rembourse", "Le C.C.A.S. rembourse"),  # the abbreviation's last period (fiche AG)
]
# The cost section's title is generated, the same for every fiche (the source writes « C.C.A.S. »
# in the technique fiche and « CCAS » in the six others).
COST_TITLE = "Coût à prendre en charge par le CCAS :"
SOURCE_COST_TITLES = ("Coût à prendre en charge par le CCAS :", "Coût à prendre en charge par le C.C.A.S. :")
# Generated cost sentences that the source's cost clause does not have, and why.
EXTRA_GENERATED: dict[str, list[str]] = {
    # the process table says an astreinte intervention « fera l'objet d'un remboursement » (an
    # invoice line), and that the works the DST executes for the CCAS « sera répercutée en année N+1
    # sur le budget du CCAS lors du calcul de la subvention d'équilibre » (no invoice line)
    "technique": [
        "Le C.C.A.S. rembourse à la ville les rémunérations complémentaires des interventions d'astreinte.",
        "Les dépenses d'intervention relevant de la responsabilité du C.C.A.S. exécutées par la DST sur une ligne"
        " spécifique en année N ne sont pas facturées : elles sont répercutées en année N+1 sur le budget du"
        " C.C.A.S. lors du calcul de la subvention d'équilibre.",
    ],
}


# --- the source ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    text: str
    line: int
    heading: bool = False


@dataclass
class SourceFiche:
    title: str
    line: int
    units: list[Unit] = field(default_factory=list)
    cost_title: str = ""
    cost: list[Unit] = field(default_factory=list)


def _fragment_units(cell: str, line: int) -> list[Unit]:
    """The paragraphs and list items of an HTML fragment of the process table, in order.

    The source's fragments keep their <p> but lost their <li> tags: the items of a <ul> are bare
    text, each introduced by a typed bullet (« ● », « ○ » when nested). So: each <p>'s text, and
    every other text cut at <li> tags and at typed bullets.
    """
    out = []
    for match in FRAGMENT_PIECE.finditer(cell):
        if match.group("p") is not None:
            pieces = [re.sub(r"<[^>]+>", "", match.group("p"))]
        elif match.group("text") is not None:
            pieces = re.split(r"[●○•]", match.group("text"))
        else:
            continue  # a tag: <ul>, <li>, </li>, </ul>
        out.extend(Unit(html.unescape(p).strip(), line) for p in pieces if html.unescape(p).strip())
    return out


def parse_source(text: str) -> list[SourceFiche]:
    fiches: list[SourceFiche] = []
    lines = text.splitlines()
    in_cost = False
    expect_title = False
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if not line.strip():
            continue
        if line.strip() == FICHE_LABEL:
            expect_title, in_cost = True, False
            continue
        if expect_title:
            fiches.append(SourceFiche(line.strip(), number))
            expect_title = False
            continue
        fiche = fiches[-1]
        if SECTION_NUMBER.match(line):
            title = SECTION_NUMBER.sub("", line).strip()
            if title in SOURCE_COST_TITLES:
                in_cost, fiche.cost_title = True, title
                continue
            fiche.units.append(Unit(title, number, heading=True))
            continue
        if SUB_ANNEX.match(line):
            in_cost = False
            fiche.units.append(Unit(line.strip(), number, heading=True))
            continue
        if "\t" in line:
            units = []
            for cell in line.split("\t"):
                if "<p>" in cell or "<ul" in cell:
                    units.extend(_fragment_units(cell, number))
                elif cell.strip():
                    units.append(Unit(cell.strip(), number))
        else:
            units = [Unit(NUMBERED.sub("", BULLET.sub("", line)).strip(), number)]
        (fiche.cost if in_cost else fiche.units).extend(units)
    return fiches


@pytest.fixture(scope="module")
def source() -> list[SourceFiche]:
    fiches = parse_source(SOURCE.read_text(encoding="utf-8"))
    assert len(fiches) == len(FICHES) == 7
    for fiche in fiches:
        assert fiche.units and fiche.cost and fiche.cost_title, fiche.title
        assert fiche.cost[0].text.startswith(COST_CLAUSE_START), fiche.title
    # the parser is not vacuous: the bullets, the table cells and the fragments' items are units
    technique = [u.text for u in fiches[FICHES.index("technique")].units]
    assert "le service bâtiment," in technique
    assert "Cosec - bureaux dédiés" in technique and technique.count("Responsabilité & charges") == 4
    assert technique.count("L'intervention pourra être exécutée en régie ou externalisée") == 2
    assert "Soit directement exécutée par le CCAS sur son budget en année N" in technique
    assert sum(len(f.units) for f in fiches) > 250
    return fiches


# --- normalisation -------------------------------------------------------------------------------


def norm(text: str) -> str:
    """Typography (the same function on both sides), whitespace (NBSP and NNBSP included) and case."""
    return exact(text).lower()


def exact(text: str) -> str:
    """Typography and whitespace only: the generated sentences are compared case and punctuation included.

    Both sides are typeset (the same function), then written back as plain text (’ as ', the hyphens
    as -) so the patterns below stay readable."""
    return " ".join(plain(unicodedata.normalize("NFKC", typeset(text)).replace("\u2010", "-")).split())


def folded_words(text: str) -> list[str]:
    """Words without case or accents: ALL-CAPS titles often drop accents (« GENERALE »)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return re.findall(r"\w+", "".join(c for c in decomposed if not unicodedata.combining(c)))


def renumbered(fiche: str, text: str) -> str:
    for old, new in RENUMBERED.get(fiche, []):
        text = text.replace(old, new)
    return text


def without_typos(text: str) -> str:
    for old, new in SOURCE_TYPOS:
        text = text.replace(old, new)
    return text


# --- the DOCX ------------------------------------------------------------------------------------


@dataclass
class DocxFiche:
    number: int
    title: str
    blocks: list[str]  # paragraphs and table cells, in order (the heading excluded)


def docx_fiches(path: Path) -> list[DocxFiche]:
    fiches: list[DocxFiche] = []
    for block in docx_paragraphs(path):
        match = FICHE_HEADING.match(block)
        if match:
            fiches.append(DocxFiche(int(match.group(1)), match.group(2), []))
        elif fiches:
            fiches[-1].blocks.append(block)
    return fiches


def cost_section(path: Path, number: int) -> tuple[str, list[str]]:
    """The heading and the paragraphs of fiche ``number``'s cost section (body paragraphs, by style)."""
    paragraphs = docx.Document(str(path)).paragraphs
    start = next(
        i for i, p in enumerate(paragraphs) if FICHE_HEADING.match(p.text) and p.text.startswith(f"Annexe {number} –")
    )
    heading = next(
        i
        for i in range(start + 1, len(paragraphs))
        if paragraphs[i].style.name.startswith("Heading") and COST_TITLE.split(" par ")[0] in paragraphs[i].text
    )
    out = []
    for p in paragraphs[heading + 1 :]:
        if p.style.name.startswith("Heading") or not p.text.strip():
            break
        out.append(p.text)
    return paragraphs[heading].text, out


def _missing(fiche: str, units: list[Unit], blocks: list[str]) -> list[str]:
    """The source units that are not DOCX blocks, in the same order (section numbers stripped).

    The two sequences are aligned (difflib): DOCX blocks that the source does not have are allowed
    (generated headers, empty merged cells), a source unit left unmatched is reported with what the
    DOCX has in its place.
    """
    # « **l'annexe 1** »: the source's markdown bold, which the DOCX renders as a bold run
    wanted = [norm(renumbered(fiche, unit.text.replace("**", ""))) for unit in units]
    targets = [norm(SECTION_NUMBER.sub("", b)) for b in blocks]
    problems = []
    matcher = difflib.SequenceMatcher(None, wanted, targets, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            instead = " / ".join(f"« {t} »" for t in targets[j1:j2]) or "rien"
            for unit in units[i1:i2]:
                problems.append(f"source ligne {unit.line} : « {unit.text} » — à sa place dans le DOCX : {instead}")
    return problems


# --- the tests -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def weasy(tmp_path_factory: pytest.TempPathFactory) -> Shipped:
    return shipped_build(tmp_path_factory, "weasyprint")


def _documents(weasy: Shipped, fiche_index: int) -> list[tuple[str, Path]]:
    """The convention, and the fiche's own document."""
    stem = STEMS[fiche_index + 1]
    return [("convention", weasy.path("convention.docx")), (stem, weasy.path(f"{stem}.docx"))]


def test_the_source_fixture_is_the_shared_source() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "source" / SOURCE.name
    if not shared.is_file():
        pytest.skip("no shared source beside the repository")
    assert SOURCE.read_bytes() == shared.read_bytes()


def test_fiche_headings_and_titles(weasy: Shipped, source: list[SourceFiche]) -> None:
    for path in [weasy.path("convention.docx"), *(weasy.path(f"{stem}.docx") for stem in STEMS[1:])]:
        fiches = docx_fiches(path)
        if path.name == "convention.docx":
            assert [f.number for f in fiches] == list(range(1, 8)), path.name
            pairs = list(zip(source, fiches, strict=True))
        else:
            assert len(fiches) == 1, path.name
            number = fiches[0].number
            assert path.name.startswith(f"annexe-{number:02d}-"), path.name
            pairs = [(source[number - 1], fiches[0])]
        for src, built in pairs:
            # « FICHE ANNEXE » + the ALL-CAPS title → « Annexe N – Title »; the
            # source's two title lines (function, direction) are joined by « — » in the YAML
            assert folded_words(built.title) == folded_words(src.title), (src.line, src.title, built.title)


@pytest.mark.parametrize("index", range(len(FICHES)), ids=FICHES)
def test_every_source_paragraph_and_bullet_is_in_the_docx(
    weasy: Shipped, source: list[SourceFiche], index: int
) -> None:
    fiche = FICHES[index]
    for name, path in _documents(weasy, index):
        built = next(f for f in docx_fiches(path) if f.number == index + 1)
        problems = _missing(fiche, source[index].units, built.blocks)
        assert not problems, f"{name}.docx, fiche {fiche} :\n" + "\n".join(problems)


@pytest.mark.parametrize("index", range(len(FICHES)), ids=FICHES)
def test_generated_section_numbers_run_from_one(weasy: Shipped, index: int) -> None:
    for name, path in _documents(weasy, index):
        built = next(f for f in docx_fiches(path) if f.number == index + 1)
        numbers = [int(m.group(1)) for b in built.blocks if (m := re.match(r"^(\d+)/ ", b))]
        assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 2, (name, numbers)


@pytest.mark.parametrize("index", range(len(FICHES)), ids=FICHES)
def test_cost_clause_is_the_generated_sentence_of_the_source(
    weasy: Shipped, source: list[SourceFiche], index: int
) -> None:
    fiche = FICHES[index]
    src = source[index]
    expected = [exact(without_typos(u.text)) for u in src.cost] + EXTRA_GENERATED.get(fiche, [])
    for name, path in _documents(weasy, index):
        title, paragraphs = cost_section(path, index + 1)
        assert exact(SECTION_NUMBER.sub("", title)) == exact(COST_TITLE), (name, title)
        generated = [exact(p) for p in paragraphs]
        assert generated[0].startswith(COST_CLAUSE_START), (name, generated)
        assert re.fullmatch(
            COST_CLAUSE_START + r" en fin d'année sur la base d'un pourcentage fixé à \d+(,\d+)? % des charges"
            r" de personnel .+ de l'année N-1\.",
            generated[0],
        ), (name, generated[0])
        assert generated == expected, f"{name}.docx, fiche {fiche}:\n" + "\n".join(
            difflib.unified_diff(expected, generated, "source", "docx", lineterm="")
        )


def test_reimbursement_sentences(weasy: Shipped) -> None:
    wanted = {
        "administration-generale": "Le C.C.A.S. rembourse à la ville les frais d'affranchissement du courrier.",
        "communication": "Le C.C.A.S. rembourse à la ville les frais d'impression des supports.",
    }
    for fiche, sentence in wanted.items():
        index = FICHES.index(fiche)
        for name, path in _documents(weasy, index):
            _, paragraphs = cost_section(path, index + 1)
            assert sentence in [exact(p) for p in paragraphs], (name, fiche, paragraphs)


def test_cross_references_are_rendered(weasy: Shipped) -> None:
    document = docx.Document(str(weasy.path("convention.docx")))
    paragraphs = [p for p in document.paragraphs]
    texts = [exact(p.text) for p in paragraphs]
    # l'annexe 1 → l'annexe 3.1, in bold as in the source (**l'annexe 1**), and its target exists
    (sentence,) = [p for p in paragraphs if "telles qu’énumérées à" in p.text]
    assert "telles qu’énumérées à l’annexe 3.1 ainsi que" in sentence.text
    assert [r.text for r in sentence.runs if r.bold] == ["l’annexe 3.1"]
    assert sum(t.startswith("Annexe 3.1 : Description de la plateforme") for t in texts) == 1
    # l'article 5 → l'article 5, which is the body's « Moyens mobilisables »
    assert "Article 5 – Moyens mobilisables" in texts
    cells = [exact(b) for b in docx_paragraphs(weasy.path("convention.docx"))]
    assert sum("dans le cadre des moyens mobilisables décrits à l'article 5" in c for c in cells) == 1
