"""The redline's marks, block by block (document/redline.py): which words, bullets, rows and blocks
a reader sees struck out or inserted, and that accepting every mark gives the later text and
rejecting every mark the earlier one. Found by mutation testing (``benchmarks/mutation.py redline``).

Runs are shown as Word shows them: ``[-deleted-]`` and ``[+inserted+]``, ``*bold*``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from ccas_docs.document.markers import Origin
from ccas_docs.document.redline import Marks, diff_runs, keys, mark, merge_blocks, without_origins
from ccas_docs.document.tree import (
    Block,
    Cell,
    Heading,
    ListBlock,
    ListItem,
    PageBreak,
    Paragraph,
    Revision,
    Run,
    Signature,
    SignatureBlock,
    Table,
)

INS = Revision("ins", "Avenant n° 1", dt.date(2026, 7, 1))
DEL = Revision("del", "Avenant n° 1", dt.date(2026, 7, 1))
MARKS = Marks(INS, DEL)


def shown(runs: Sequence[Run]) -> str:
    out = []
    for r in runs:
        text = f"*{r.text}*" if r.bold else r.text
        out.append({None: text, INS: f"[+{text}+]", DEL: f"[-{text}-]"}[r.revision])
    return "".join(out)


def resolved(runs: Sequence[Run], accept: bool) -> str:
    gone = DEL if accept else INS
    return "".join(r.text for r in runs if r.revision != gone)


def para(text: str, key: str = "", origin: Origin | None = None) -> Paragraph:
    return Paragraph(tuple(Run(t, bold=t.startswith("*")) for t in _split(text)), key=key, origin=origin)


def _split(text: str) -> list[str]:
    """« a *b* c » → runs « a », « *b* » (bold), « c »."""
    parts = text.split("*")
    return [("*" + p if i % 2 else p) for i, p in enumerate(parts) if p]


def plain(p: Paragraph) -> Paragraph:
    return Paragraph(tuple(Run(r.text.lstrip("*"), r.bold, r.italic, r.revision) for r in p.runs), key=p.key)


def words(before: str, after: str) -> str:
    b, a = plain(para(before)), plain(para(after))
    runs = diff_runs(b.runs, a.runs, MARKS)
    assert (resolved(runs, True), resolved(runs, False)) == (a.text, b.text)
    return shown(runs)


# --- words ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "seen"),
    [
        ("le taux de 5 % des charges", "le taux de 3 % des charges", "le taux de [-5-][+3+] % des charges"),
        ("un deux trois", "UN deux TROIS", "[-un deux trois-][+UN deux TROIS+]"),  # a lone word between two
        ("un deux trois quatre", "UN deux trois QUATRE", "[-un-][+UN+] deux trois [-quatre-][+QUATRE+]"),
        ("un deux", "UN deux", "[-un-][+UN+] deux"),  # a last word kept is not part of the change
        ("un deux", "un DEUX", "un [-deux-][+DEUX+]"),
        ("le service", "le service commun", "le service[+ commun+]"),
        ("le service commun", "le service", "le service[- commun-]"),
        ("a b c", "a b c", "a b c"),
        ("a b c d e", "A b C d E", "[-a b c d e-][+A b C d E+]"),  # each lone word fused in turn
    ],
)
def test_changed_words_are_struck_out_then_inserted(before: str, after: str, seen: str) -> None:
    assert words(before, after) == seen


def test_emphasis_of_each_word_is_kept_in_the_marks() -> None:
    before = para("la *Ville* facture")
    after = para("la *Commune* facture")
    runs = diff_runs(plain(before).runs, plain(after).runs, MARKS)
    assert shown(runs) == "la [-*Ville*-][+*Commune*+] facture"
    assert [(r.text, r.bold) for r in runs if r.revision] == [("Ville", True), ("Commune", True)]
    italic = diff_runs((Run("le CCAS", italic=True),), (Run("le CCAS", italic=False),), MARKS)
    assert [(r.text, r.italic, r.revision) for r in italic] == [("le CCAS", True, DEL), ("le CCAS", False, INS)]


# --- whole blocks --------------------------------------------------------------------------------


def cell(text: str) -> Cell:
    return Cell((plain(para(text)),))


def table(rows: Sequence[Sequence[str]], row_keys: Sequence[str] = (), caption: str = "", **kw) -> Table:
    return Table(
        header=(cell("Fiche"), cell("Taux")),
        rows=tuple(tuple(cell(t) for t in row) for row in rows),
        widths=(50, 50),
        footer=kw.pop("footer", ()),
        caption=caption,
        row_keys=tuple(row_keys),
        **kw,
    )


def cell_texts(t: Table) -> list[list[str]]:
    return [[shown(p.runs) for c in row for p in c.content] for row in (t.header, *t.rows, *t.footer)]


def test_a_deleted_table_is_struck_out_in_every_cell() -> None:
    total = ((cell("Total"), cell("8 %")),)
    gone = mark(table([["rh", "5 %"], ["dga", "3 %"]], footer=total), DEL)
    assert isinstance(gone, Table) and gone.revision == DEL
    assert cell_texts(gone) == [
        ["[-Fiche-]", "[-Taux-]"],
        ["[-rh-]", "[-5 %-]"],
        ["[-dga-]", "[-3 %-]"],
        ["[-Total-]", "[-8 %-]"],
    ]
    assert all(p.revision == DEL for row in (gone.header, *gone.rows, *gone.footer) for c in row for p in c.content)


def test_a_cell_holding_a_list_is_struck_out_bullet_by_bullet() -> None:
    bullets = ListBlock((ListItem((Run("la paie"),)), ListItem((Run("les carrières"),))))
    t = Table(header=(Cell((bullets,)),), rows=(), widths=(100,))
    gone = mark(t, DEL)
    assert isinstance(gone, Table)
    [content] = gone.header[0].content
    assert isinstance(content, ListBlock)
    assert [(shown(i.runs), i.revision) for i in content.items] == [("[-la paie-]", DEL), ("[-les carrières-]", DEL)]


def test_a_signature_block_and_a_heading_are_marked_whole() -> None:
    signatures = SignatureBlock("Fait à Porto-Vecchio", (Signature("Pour la Commune", ("Le Maire",)),))
    assert mark(signatures, INS) == SignatureBlock(signatures.place_date, signatures.signatures, INS)
    heading = mark(Heading(2, "Article 5 – Durée"), INS)
    assert isinstance(heading, Heading) and (shown(heading.marked), heading.revision) == ("[+Article 5 – Durée+]", INS)
    assert mark(PageBreak(), INS) == PageBreak()
    empty = mark(Paragraph((Run(""), Run("texte"))), DEL)
    assert isinstance(empty, Paragraph) and shown(empty.runs) == "[-texte-]"  # no empty run marked


def test_a_changed_signature_block_is_deleted_then_inserted() -> None:
    a = SignatureBlock("Fait à Porto-Vecchio, le 1er janvier 2025", ())
    b = SignatureBlock("Fait à Porto-Vecchio, le 1er juillet 2026", ())
    assert merge_blocks([a], [b], MARKS) == [replace_rev(a, DEL), replace_rev(b, INS)]


def replace_rev(block: SignatureBlock, rev: Revision) -> SignatureBlock:
    return SignatureBlock(block.place_date, block.signatures, rev)


# --- matching ------------------------------------------------------------------------------------


def test_blocks_are_matched_by_their_key_not_their_position() -> None:
    before = [Heading(2, "Article 1", key="art-1"), para("texte un", key="p1"), para("texte deux", key="p2")]
    after = [Heading(2, "Article 1", key="art-1"), para("texte deux bis", key="p2"), para("texte trois", key="p3")]
    merged = merge_blocks(before, after, MARKS)
    assert [(type(b).__name__, shown(b.runs) if isinstance(b, Paragraph) else b.text) for b in merged] == [
        ("Heading", "Article 1"),
        ("Paragraph", "[-texte un-]"),
        ("Paragraph", "texte deux[+ bis+]"),
        ("Paragraph", "[+texte trois+]"),
    ]
    assert [getattr(b, "revision", None) for b in merged] == [None, DEL, None, INS]


def test_keys_without_an_id_and_repeated_keys() -> None:
    signatures = SignatureBlock("Fait", ())
    blocks: list[Block] = [
        Heading(1, "Annexe 1", anchor="annexe-1"),
        Heading(2, "Objet"),
        PageBreak(),
        para("un"),
        para("un"),
        ListBlock((ListItem((Run("la paie"),)),)),
        ListBlock((ListItem((Run("x"),), key="b1"),)),
        ListBlock(()),
        table([], caption="Taux"),
        signatures,
        PageBreak(),
    ]
    assert keys(blocks) == [
        "annexe-1",
        "titre:Objet",
        "saut:paragraphe:un",
        "paragraphe:un",
        "paragraphe:un#2",
        "liste:la paie",
        "liste:b1",
        "liste:",
        "tableau:TauxFiche|Taux",
        "signatures",
        "saut:",
    ]


def test_a_page_break_kept_is_not_marked() -> None:
    before = [para("un", key="p1"), PageBreak(), para("deux", key="p2")]
    after = [para("un", key="p1"), PageBreak(), para("deux bis", key="p2")]
    merged = merge_blocks(before, after, MARKS)
    assert merged[1] == PageBreak()
    assert [shown(b.runs) for b in merged if isinstance(b, Paragraph)] == ["un", "deux[+ bis+]"]


def test_a_heading_renamed_shows_its_words_and_a_level_change_replaces_it() -> None:
    [renamed] = merge_blocks(
        [Heading(2, "Article 5 – Durée", key="a5")], [Heading(2, "Article 5 – Terme", key="a5")], MARKS
    )
    assert isinstance(renamed, Heading) and shown(renamed.marked) == "Article 5 – [-Durée-][+Terme+]"
    same = merge_blocks([Heading(2, "Article 5", key="a5")], [Heading(2, "Article 5", key="a5", anchor="x")], MARKS)
    assert same == [Heading(2, "Article 5", key="a5", anchor="x")] and not same[0].marked
    moved = merge_blocks([Heading(2, "Objet", key="h")], [Heading(3, "Objet", key="h")], MARKS)
    assert [(h.level, shown(h.marked), h.revision) for h in moved if isinstance(h, Heading)] == [
        (2, "[-Objet-]", DEL),
        (3, "[+Objet+]", INS),
    ]


# --- lists ---------------------------------------------------------------------------------------


def item(text: str, key: str = "", children: ListBlock | None = None) -> ListItem:
    return ListItem((Run(text),), children=children, key=key)


def bullets(block: ListBlock, depth: int = 0) -> list[tuple[int, str, str]]:
    out = []
    for i in block.items:
        out.append((depth, shown(i.runs), {None: "", INS: "ins", DEL: "del"}[i.revision]))
        if i.children:
            out += bullets(i.children, depth + 1)
    return out


def merged_list(a: ListBlock, b: ListBlock) -> ListBlock:
    [out] = merge_blocks([a], [b], MARKS)
    assert isinstance(out, ListBlock)
    return out


def test_bullets_inserted_deleted_and_changed() -> None:
    a = ListBlock((item("la paie", "b1"), item("les carrières", "b2"), item("la formation", "b3")), key="l")
    b = ListBlock(
        (item("la paie", "b1"), item("les carrières et la retraite", "b2"), item("le recrutement", "b4")), key="l"
    )
    assert bullets(merged_list(a, b)) == [
        (0, "la paie", ""),
        (0, "les carrières[+ et la retraite+]", ""),
        (0, "[-la formation-]", "del"),
        (0, "[+le recrutement+]", "ins"),
    ]


def test_bullets_without_key_are_matched_by_their_text_even_repeated() -> None:
    a = ListBlock((item("idem"), item("idem"), item("fin")), key="l")
    b = ListBlock((item("idem"), item("fin")), key="l")
    assert bullets(merged_list(a, b)) == [(0, "idem", ""), (0, "[-idem-]", "del"), (0, "fin", "")]


@pytest.mark.parametrize(
    ("before", "after", "seen"),
    [
        # the sub-list changed: compared bullet by bullet
        (
            ListBlock((item("a", "a"), item("b", "b"))),
            ListBlock((item("a", "a"), item("c", "c"))),
            [(1, "a", ""), (1, "[-b-]", "del"), (1, "[+c+]", "ins")],
        ),
        # numbered instead of bulleted: the old sub-list struck out, the new one inserted
        (
            ListBlock((item("a", "a"),)),
            ListBlock((item("a", "a"),), ordered=True),
            [(1, "[-a-]", "del"), (1, "[+a+]", "ins")],
        ),
        (ListBlock((item("a", "a"),)), None, [(1, "[-a-]", "del")]),
        (None, ListBlock((item("a", "a"),)), [(1, "[+a+]", "ins")]),
    ],
    ids=["changee", "numerotee", "supprimee", "ajoutee"],
)
def test_sub_bullets(before: ListBlock | None, after: ListBlock | None, seen: list) -> None:
    a = ListBlock((item("missions", "m", before),), key="l")
    b = ListBlock((item("missions", "m", after),), key="l")
    merged = merged_list(a, b)
    assert bullets(merged) == [(0, "missions", ""), *seen]
    if before is not None and after is not None and before.ordered != after.ordered:
        assert merged.items[0].children is not None and merged.items[0].children.ordered == after.ordered


def test_a_bullet_whose_words_changed_without_sub_list() -> None:
    a = ListBlock((item("la paie", "b1"),), key="l")
    b = ListBlock((item("la paie des agents", "b1"),), key="l")
    merged = merged_list(a, b)
    assert bullets(merged) == [(0, "la paie[+ des agents+]", "")] and merged.items[0].children is None


def test_a_numbered_list_that_becomes_bulleted_is_replaced() -> None:
    a = ListBlock((item("un", "b1"),), ordered=True, key="l")
    b = ListBlock((item("un", "b1"),), ordered=False, key="l")
    merged = merge_blocks([a], [b], MARKS)
    assert [(x.ordered, bullets(x)) for x in merged if isinstance(x, ListBlock)] == [
        (True, [(0, "[-un-]", "del")]),
        (False, [(0, "[+un+]", "ins")]),
    ]


# --- tables --------------------------------------------------------------------------------------


def test_rows_with_keys_inserted_deleted_and_changed() -> None:
    a = table([["rh", "5 %"], ["dga", "3 %"]], ["rh", "dga"], key="t")
    b = table([["rh", "4 %"], ["com", "2 %"]], ["rh", "com"], key="t")
    [merged] = merge_blocks([a], [b], MARKS)
    assert isinstance(merged, Table)
    assert cell_texts(merged) == [
        ["Fiche", "Taux"],
        ["rh", "[-5-][+4+] %"],
        ["[-dga-]", "[-3 %-]"],
        ["[+com+]", "[+2 %+]"],
    ]
    assert (merged.row_keys, merged.row_revisions) == (("rh", "dga", "com"), (None, DEL, INS))


def test_a_header_changed_in_a_table_with_row_keys() -> None:
    a = table([["rh", "5 %"]], ["rh"], key="t")
    b = Table((cell("Fiche"), cell("Taux en %")), a.rows, a.widths, key="t", row_keys=a.row_keys)
    [merged] = merge_blocks([a], [b], MARKS)
    assert isinstance(merged, Table) and cell_texts(merged)[0] == ["Fiche", "Taux[+ en %+]"]


@pytest.mark.parametrize(
    "change",
    [
        {"caption": "autre"},
        {"widths": (40, 60)},
        {"footer": ((cell("Total"), cell("5 %")),)},
        {"rows": ((Cell((plain(para("rh")),), rowspan=2), cell("5 %")),)},
    ],
    ids=["legende", "largeurs", "pied", "fusion"],
)
def test_a_table_whose_frame_changed_is_deleted_then_inserted(change: dict) -> None:
    a = table([["rh", "5 %"]], ["rh"], key="t")
    fields = {"header": a.header, "rows": a.rows, "widths": a.widths, "key": "t", "row_keys": ("rh",), **change}
    b = Table(**fields)
    merged = merge_blocks([a], [b], MARKS)
    assert [(x.revision, x.caption) for x in merged if isinstance(x, Table)] == [(DEL, ""), (INS, b.caption)]


def test_a_row_whose_cells_changed_kind_is_deleted_then_inserted() -> None:
    a = table([["rh", "5 %"]], ["rh"], key="t")
    listed = Cell((ListBlock((item("5 %"),)),))
    b = Table(a.header, ((cell("rh"), listed),), a.widths, key="t", row_keys=("rh",))
    merged = merge_blocks([a], [b], MARKS)
    assert [x.revision for x in merged if isinstance(x, Table)] == [DEL, INS]


def test_a_table_without_row_keys_is_compared_cell_by_cell() -> None:
    a = table([["rh", "5 %"], ["dga", "3 %"]], key="t")
    b = table([["rh", "4 %"], ["dga", "3 %"]], key="t")
    [merged] = merge_blocks([a], [b], MARKS)
    assert isinstance(merged, Table) and merged.revision is None
    assert cell_texts(merged) == [["Fiche", "Taux"], ["rh", "[-5-][+4+] %"], ["dga", "3 %"]]
    bullets_a = Table((Cell((ListBlock((item("x", "x"),)),)),), (), (100,), key="u")
    bullets_b = Table((Cell((ListBlock((item("y", "y"),)),)),), (), (100,), key="u")
    [lists] = merge_blocks([bullets_a], [bullets_b], MARKS)
    assert isinstance(lists, Table)
    [content] = lists.header[0].content
    assert isinstance(content, ListBlock) and bullets(content) == [(0, "[-x-]", "del"), (0, "[+y+]", "ins")]


@pytest.mark.parametrize("change", ["caption", "cells", "rows"])
def test_a_table_without_row_keys_whose_frame_changed_is_replaced(change: str) -> None:
    a = table([["rh", "5 %"]], key="t")
    if change == "caption":
        b = table([["rh", "5 %"]], key="t", caption="autre")
    elif change == "cells":
        b = Table(a.header, ((cell("rh"), Cell((ListBlock((item("5 %"),)),))),), a.widths, key="t")
    else:
        b = table([["rh", "5 %"], ["dga", "3 %"]], key="t")
    assert [x.revision for x in merge_blocks([a], [b], MARKS) if isinstance(x, Table)] == [DEL, INS]


# --- origins -------------------------------------------------------------------------------------


def test_the_redline_carries_no_origin_to_import_back() -> None:
    origin = Origin("annexes/rh.yaml", ("missions",))
    blocks: list[Block] = [
        para("texte", origin=origin),
        Heading(2, "Objet", origin=origin),
        ListBlock((ListItem((Run("a"),), origin=origin, children=ListBlock((ListItem((Run("b"),), origin=origin),))),)),
        Table(
            (Cell((para("c", origin=origin), ListBlock((ListItem((Run("d"),), origin=origin),)))),),
            ((Cell((para("e", origin=origin),)),),),
            (100,),
            footer=((Cell((para("f", origin=origin),)),),),
        ),
        PageBreak(),
    ]
    out = without_origins(blocks)
    assert out == blocks  # the same text (origins are not part of equality)

    def origins(x: object) -> list[object]:
        found = [getattr(x, "origin", None)]
        for name in ("items", "content", "header", "rows", "footer"):
            for child in getattr(x, name, ()) or ():
                found += [o for c in (child if isinstance(child, tuple) else (child,)) for o in origins(c)]
        if getattr(x, "children", None):
            found += origins(x.children)
        return found

    assert origins(blocks[2])[-1] is origin  # the input is left as it was
    assert [o for b in out for o in origins(b) if o is not None] == []
