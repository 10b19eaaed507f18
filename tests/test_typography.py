"""French typography, applied once to every text of a tree: the function, its map, its inverse."""

from __future__ import annotations

import pytest

from ccas_docs.common.typography import NBHY, NBSP, NNBSP, plain, typeset, typeset_map
from ccas_docs.document.markers import Origin, Span
from ccas_docs.document.tree import Heading, Paragraph, Run
from ccas_docs.document.typeset import typeset_block

CASES = [
    ("l'article 5 : fin", f"l’article 5{NBSP}: fin"),
    ("Porto-Vecchio ; oui ! non ?", f"Porto{NBHY}Vecchio{NNBSP}; oui{NNBSP}! non{NNBSP}?"),
    ("« Le CCAS »", f"«{NBSP}Le CCAS{NBSP}»"),
    ("le 14 janvier 2026, le 1er janvier 2025", f"le 14{NBSP}janvier{NBSP}2026, le 1er{NBSP}janvier{NBSP}2025"),
    ("DST-BAT, N-1, 5 %, n° 3", f"DST{NBHY}BAT, N{NBHY}1, 5{NNBSP}%, n°{NBSP}3"),
    ("a - b — c...", "a – b – c…"),
    ("https://x.fr 10:30 peut-être", "https://x.fr 10:30 peut-être"),
]


@pytest.mark.parametrize(("text", "shown"), CASES)
def test_typeset_is_what_a_printer_sets_and_idempotent(text: str, shown: str) -> None:
    assert typeset(text) == shown
    assert typeset(shown) == shown
    assert typeset_map(text)[0] == shown


@pytest.mark.parametrize("text", [c[0] for c in CASES[:5]])
def test_plain_gives_back_the_users_text(text: str) -> None:
    assert plain(typeset(text)) == text


def test_the_map_points_each_copied_character_back() -> None:
    text = "« la Ville de Porto-Vecchio »: fin"
    shown, where = typeset_map(text)
    for i, w in enumerate(where):
        if w >= 0:
            assert plain(shown[i]) == plain(text[w])
    assert where.count(-1) == 1  # the no-break space added before « : »


def test_a_paragraph_keeps_its_runs_and_raises_er() -> None:
    p = Paragraph((Run("Au 1er janvier, "), Run("l'article", bold=True), Run(" : x")))
    out = typeset_block(p)
    assert isinstance(out, Paragraph)
    assert out.text == f"Au 1er{NBSP}janvier, l’article{NBSP}: x"
    assert [(r.text, r.bold, r.superscript) for r in out.runs] == [
        ("Au 1", False, False),
        ("er", False, True),
        (f"{NBSP}janvier, ", False, False),
        ("l’article", True, False),
        (f"{NBSP}: x", False, False),
    ]


def test_a_heading_gets_runs_for_its_superscript() -> None:
    out = typeset_block(Heading(2, "Article 1er – Objet", "objet"))
    assert isinstance(out, Heading)
    assert [(r.text, r.superscript) for r in out.shown] == [("Article 1", False), ("er", True), (" – Objet", False)]


def test_origins_follow_the_characters() -> None:
    """A copied span still points into the YAML scalar; the added no-break space points nowhere."""
    text = "l'objet: la Ville"
    origin = Origin("f.yaml", ("p",), spans=(Span(0, len(text), src_start=10, src_end=10 + len(text)),))
    out = typeset_block(Paragraph((Run(text),), origin=origin))
    assert isinstance(out, Paragraph) and out.origin is not None
    assert out.text == f"l’objet{NBSP}: la Ville"
    spans = out.origin.spans
    assert [(s.start, s.end, s.src_start, s.src_end) for s in spans] == [(0, 7, 10, 17), (8, 18, 17, 27)]
