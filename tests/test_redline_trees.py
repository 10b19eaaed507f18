"""More of the redline's marks (document/redline.py), found by mutation testing: sub-bullets of a
bullet inserted or deleted whole, a word cut across runs, a long paragraph, a block that changes
kind, lists inside table cells, footers, and tables whose row keys cannot be trusted.

Runs are shown as Word shows them (see test_redline_marks): ``[-deleted-]``, ``[+inserted+]``.
"""

from __future__ import annotations

from test_redline_marks import DEL, INS, MARKS, bullets, cell, cell_texts, item, merged_list, para, plain, shown, table

from ccas_docs.document.redline import diff_runs, keys, mark, merge_blocks
from ccas_docs.document.tree import Cell, Heading, ListBlock, PageBreak, Paragraph, Run, Table

# --- whole bullets -------------------------------------------------------------------------------


def test_a_bullet_deleted_whole_strikes_out_its_sub_bullets() -> None:
    missions = item("missions", "m", ListBlock((item("la paie", "p"), item("les carrières", "c"))))
    gone = mark(ListBlock((missions,), key="l"), DEL)
    assert isinstance(gone, ListBlock)
    assert bullets(gone) == [(0, "[-missions-]", "del"), (1, "[-la paie-]", "del"), (1, "[-les carrières-]", "del")]
    added = merged_list(ListBlock((item("a", "a"),), key="l"), ListBlock((item("a", "a"), missions), key="l"))
    assert bullets(added) == [
        (0, "a", ""),
        (0, "[+missions+]", "ins"),
        (1, "[+la paie+]", "ins"),
        (1, "[+les carrières+]", "ins"),
    ]


# --- keys ----------------------------------------------------------------------------------------


def test_keys_of_a_page_break_and_of_a_table_whose_header_holds_a_list() -> None:
    listed = Cell((plain(para("Taux")), ListBlock((item("en %"),))))
    header_list = Table((cell("Fiche"), listed), (), (50, 50))
    assert keys([PageBreak(), para("un"), para("deux"), header_list]) == [
        "saut:paragraphe:un",
        "paragraphe:un",
        "paragraphe:deux",
        "tableau:Fiche|Taux …",
    ]


# --- words ---------------------------------------------------------------------------------------


def test_a_word_cut_across_runs_is_replaced_whole_keeping_its_raised_letters() -> None:
    runs = diff_runs((Run("le 1"), Run("er", superscript=True), Run(" mars")), (Run("le 1 mars"),), MARKS)
    assert shown(runs) == "le [-1-][-er-][+1+] mars"  # « 1er » struck out whole, « er » raised
    assert [(r.text, r.superscript, r.revision) for r in runs] == [
        ("le ", False, None),
        ("1", False, DEL),
        ("er", True, DEL),
        ("1", False, INS),
        (" mars", False, None),
    ]


def test_a_long_paragraph_marks_only_the_word_that_changed() -> None:
    # 300 tokens: difflib's « autojunk » would treat the frequent words and spaces as junk
    before = " ".join(f"mot{i % 7}" for i in range(150))
    after = before.replace("mot3", "MOT", 1)
    runs = diff_runs((Run(before),), (Run(after),), MARKS)
    assert [(r.text, r.revision) for r in runs if r.revision] == [("mot3", DEL), ("MOT", INS)]
    assert "".join(r.text for r in runs if r.revision != DEL) == after


# --- a block that changes kind -------------------------------------------------------------------


def test_a_block_that_changes_kind_under_the_same_key_is_deleted_then_inserted() -> None:
    text = para("Les parties conviennent.", key="k")
    was_heading = merge_blocks([Heading(2, "Objet", key="k")], [text], MARKS)
    assert [(type(b).__name__, getattr(b, "revision", None)) for b in was_heading] == [
        ("Heading", DEL),
        ("Paragraph", INS),
    ]
    assert isinstance(was_heading[1], Paragraph) and shown(was_heading[1].runs) == "[+Les parties conviennent.+]"
    was_table = merge_blocks([table([["rh", "5 %"]], ["rh"], key="k")], [text], MARKS)
    assert [type(b).__name__ for b in was_table] == ["Table", "Paragraph"]
    assert isinstance(was_table[0], Table) and cell_texts(was_table[0])[1] == ["[-rh-]", "[-5 %-]"]


# --- lists in cells, footers ---------------------------------------------------------------------


def listed_cell(ordered: bool) -> Cell:
    return Cell((ListBlock((item("la paie", "p"),), ordered=ordered),))


def test_a_list_in_a_cell_that_becomes_numbered_replaces_the_table() -> None:
    body_a = Table((cell("Missions"),), ((listed_cell(False),),), (100,), key="t")
    body_b = Table((cell("Missions"),), ((listed_cell(True),),), (100,), key="t")
    head_a = Table((listed_cell(False),), ((cell("x"),),), (100,), key="t")
    head_b = Table((listed_cell(True),), ((cell("x"),),), (100,), key="t")
    for a, b in ((body_a, body_b), (head_a, head_b)):
        merged = merge_blocks([a], [b], MARKS)
        assert [(x.revision, x.rows[0][0].content[0]) for x in merged if isinstance(x, Table)] == [
            (DEL, mark(a, DEL).rows[0][0].content[0]),  # type: ignore[union-attr]
            (INS, mark(b, INS).rows[0][0].content[0]),  # type: ignore[union-attr]
        ]


def test_a_footer_changed_in_a_table_without_row_keys_shows_its_words() -> None:
    a = table([["rh", "5 %"]], key="t", footer=((cell("Total"), cell("8 %")),))
    b = table([["rh", "5 %"]], key="t", footer=((cell("Total"), cell("7 %")),))
    [merged] = merge_blocks([a], [b], MARKS)
    assert isinstance(merged, Table) and merged.revision is None
    assert cell_texts(merged) == [["Fiche", "Taux"], ["rh", "5 %"], ["Total", "[-8-][+7+] %"]]


def test_rows_with_keys_are_matched_under_an_unchanged_footer() -> None:
    total = ((cell("Total"), cell("8 %")),)
    a = table([["rh", "5 %"]], ["rh"], key="t", footer=total)
    b = table([["rh", "5 %"], ["dga", "3 %"]], ["rh", "dga"], key="t", footer=total)
    [merged] = merge_blocks([a], [b], MARKS)
    assert isinstance(merged, Table) and merged.revision is None
    assert cell_texts(merged) == [["Fiche", "Taux"], ["rh", "5 %"], ["[+dga+]", "[+3 %+]"], ["Total", "8 %"]]
    assert merged.row_revisions == (None, INS)


# --- row keys that cannot be trusted -------------------------------------------------------------


def test_row_keys_missing_for_some_rows_compare_the_table_cell_by_cell() -> None:
    a = table([["rh", "5 %"], ["dga", "3 %"]], ["rh", "dga"], key="t")
    b = table([["rh", "4 %"], ["dga", "3 %"]], ["rh"], key="t")
    [merged] = merge_blocks([a], [b], MARKS)
    assert isinstance(merged, Table)
    assert cell_texts(merged) == [["Fiche", "Taux"], ["rh", "[-5-][+4+] %"], ["dga", "3 %"]]


def test_rows_under_a_merged_cell_are_compared_cell_by_cell_whatever_their_keys() -> None:
    def merged_rows(second: str, key: str) -> Table:
        rows = ((Cell((plain(para("Pôle")),), rowspan=2), cell("rh")), (cell(second),))
        return Table((cell("Pôle"), cell("Fiche")), rows, (50, 50), key="t", row_keys=("r1", key))

    [merged] = merge_blocks([merged_rows("dga", "r2")], [merged_rows("com", "r3")], MARKS)
    assert isinstance(merged, Table) and merged.row_revisions == ()
    assert cell_texts(merged) == [["Pôle", "Fiche"], ["Pôle", "rh"], ["[-dga-][+com+]"]]
