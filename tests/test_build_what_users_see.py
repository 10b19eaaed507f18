"""What a reader of the built documents sees, for the cases the shipped convention does not exercise.

The shipped YAML has no emphasis in the DOCX that a test reads, no decimal rate, no comment: a
small project (the convention and the DGA fiche only, so that a build takes a few seconds) is
edited to have them, built once per module, and read back from the DOCX (python-docx runs), the
HTML (lxml) and the PDF (pypdf). The ``|majuscule`` filter is read in the shipped build.
Typography is normalised (apostrophes, no-break spaces) where it is not what a test is about.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from lxml import html as lxml_html
from test_build import Run, Shipped, build, copy_project, pdf_pages, shipped_build
from test_build_bad_inputs import Built, assert_fails

from ccas_docs.common import fr

FICHE = "annexes/annexe-01-dga"
RATE = Decimal("5.5")


def norm(text: str) -> str:
    """Apostrophes as ``'``, every kind of space as one plain space, NFKC (ligatures of PDF text)."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'")
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def small_project(dest: Path) -> Path:
    """The shipped convention with the DGA fiche only (6 documents instead of 24)."""
    root = copy_project(dest)
    convention = root / "convention.yaml"
    text = convention.read_text(encoding="utf-8")
    for fiche in ("finances", "numerique", "rh", "administration-generale", "technique", "communication"):
        line = f"  - annexes/{fiche}.yaml\n"
        assert text.count(line) == 1, "update the test: the shipped list of annexes changed"
        text = text.replace(line, "")
    convention.write_text(text, encoding="utf-8")
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"update the test: {old!r} not once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def docx_paragraphs(path: Path) -> list[docx.text.paragraph.Paragraph]:
    document = docx.Document(str(path))
    found = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found.extend(cell.paragraphs)
    return found


def html_text(path: Path) -> str:
    body = lxml_html.parse(str(path)).getroot().find("body")
    return norm(body.text_content())


# --- the edited small project --------------------------------------------------------------------

EMPHASIS = "est *mobilisée* pour **piloter** la"
COMMENT = "{# note interne : taux de 5 % à revoir avec les finances #}"


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run]:
    root = small_project(tmp_path_factory.mktemp("rendu") / "projet")
    fiche = root / "annexes" / "dga.yaml"
    edit(fiche, "taux: 1 %", "taux: 5,5 %")
    # emphasis as the YAML writes it, and an authors' comment in the middle of a sentence
    edit(fiche, "est mobilisée pour piloter la", f"{EMPHASIS} {COMMENT}")
    run = build(root)
    assert run.exit_code == 0, run.stdout + run.stderr
    return root, run


def test_italic_and_bold_are_runs_of_the_docx(edited: tuple[Path, Run]) -> None:
    root, _ = edited
    for stem in ("convention", FICHE):
        (paragraph,) = [p for p in docx_paragraphs(root / "output" / f"{stem}.docx") if "mobilisée" in p.text]
        runs = {r.text: (bool(r.bold), bool(r.italic)) for r in paragraph.runs if r.text.strip()}
        assert runs["mobilisée"] == (False, True), runs
        assert runs["piloter"] == (True, False), runs
        # the rest of the sentence is plain, and no asterisk is left
        assert all(style == (False, False) for text, style in runs.items() if text not in ("mobilisée", "piloter"))
        assert "*" not in paragraph.text


def test_italic_and_bold_in_the_html(edited: tuple[Path, Run]) -> None:
    root, _ = edited
    tree = lxml_html.parse(str(root / "output" / f"{FICHE}.html"))
    assert [e.text for e in tree.iter("em")] == ["mobilisée"]
    assert "piloter" in [e.text for e in tree.iter("strong")]


def test_decimal_rate_is_printed_as_written(edited: tuple[Path, Run]) -> None:
    root, _ = edited
    shown = norm(fr.percent(RATE))
    assert shown == "5,5 %"
    clause = "pourcentage fixé à 5,5 % des charges de personnel"
    for stem in ("convention", FICHE):
        output = root / "output"
        words = norm(" ".join(p.text for p in docx_paragraphs(output / f"{stem}.docx")))
        html = html_text(output / f"{stem}.html")
        pdf = norm(" ".join(pdf_pages(output / f"{stem}.pdf")))
        for name, text in (("docx", words), ("html", html), ("pdf", pdf)):
            assert clause in text, f"{stem}.{name}"
            assert "6 %" not in text and "5 %" not in text.replace("5,5 %", ""), f"{stem}.{name}"
    # the financial table of the convention (article 6) gives the rate too
    tables = docx.Document(str(root / "output" / "convention.docx")).tables
    cells = [c.text for t in tables for r in t.rows for c in r.cells]
    assert any(norm(c) == "5,5 %" for c in cells), cells


def test_jinja_comment_never_reaches_a_document(edited: tuple[Path, Run]) -> None:
    root, _ = edited
    expected = "est mobilisée pour piloter la convention de mutualisation."
    for stem in ("convention", FICHE):
        output = root / "output"
        (paragraph,) = [p.text for p in docx_paragraphs(output / f"{stem}.docx") if "mobilisée" in p.text]
        assert paragraph.endswith(expected), repr(paragraph)  # no « {# », no double space
        for text in (paragraph, html_text(output / f"{stem}.html"), norm(" ".join(pdf_pages(output / f"{stem}.pdf")))):
            assert "note interne" not in text and "{#" not in text and "#}" not in text
            assert expected in norm(text)


def test_a_comment_is_no_drift_and_no_error_for_check(edited: tuple[Path, Run]) -> None:
    from conftest import run_check

    root, _ = edited
    run = run_check(str(root))
    assert run.exit_code == 0, run.output
    assert "derive-taux" not in run.codes(), run.stderr  # the « 5 % » of the comment is never printed


def test_unclosed_comment_is_a_french_error(edited: tuple[Path, Run], tmp_path: Path) -> None:
    from conftest import run_check

    root = tmp_path / "projet"
    shutil.copytree(edited[0], root, ignore=shutil.ignore_patterns("output"))
    edit(root / "annexes" / "dga.yaml", COMMENT, "{# note jamais fermée")
    run = run_check(str(root))
    assert run.exit_code == 1
    (error,) = run.errors
    assert error.code == "parametre"
    assert error.message == "paramètre mal écrit : commentaire « {# » ouvert et jamais fermé par « #} »"


# --- the shipped build ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def weasy(tmp_path_factory: pytest.TempPathFactory) -> Shipped:
    return shipped_build(tmp_path_factory, "weasyprint")


def test_majuscule_capitalises_a_parameter_at_the_start_of_a_sentence(weasy: Shipped) -> None:
    """convention.yaml writes « {{ ville|majuscule }} s'engage » and « {{ ville }} » elsewhere."""
    words = [norm(p.text) for p in docx_paragraphs(weasy.path("convention.docx"))]
    html = html_text(weasy.path("convention.html"))
    pdf = norm(" ".join(pdf_pages(weasy.path("convention.pdf"))))
    for sentence in ("La Ville s'engage à assurer les prestations", "La Ville émet chaque année"):
        assert any(p.startswith(sentence) for p in words), sentence
        assert sentence in html and sentence in pdf, sentence
    # …and without the filter the parameter keeps its lower case inside a sentence
    assert any("transmettre à la Ville," in p for p in words)
    assert "la Ville s'engage" not in " ".join(words) + html


# --- the stylesheet inlined in the HTML ----------------------------------------------------------


@pytest.fixture
def built(tmp_path: Path, weasy: Shipped) -> Built:
    root = tmp_path / "projet"
    shutil.copytree(weasy.root, root)
    return Built(root)


@pytest.mark.parametrize("closing", ["</style>", "</STYLE >", "</style"])
def test_stylesheet_that_would_close_the_style_element_is_refused(built: Built, closing: str) -> None:
    """print.css is copied into a <style> element: « </style> » would end it and print the rest as text."""
    css = built.path("templates/print.css")
    text = css.read_text(encoding="utf-8")
    css.write_text(text + f"\n/* fin {closing} */\nbody {{ color: black; }}\n", encoding="utf-8")
    line = text.count("\n") + 2
    run = build(built.root, "--force")
    assert_fails(
        run,
        "la feuille de style ne doit pas contenir « </style> »",
        code="modele",
        location=f"{css}:{line}:8",
    )
    built.assert_intact()
