"""The equivalent mutants of :mod:`mutation` (benchmarks/mutation.py), listed by hand with the reason."""

# Surviving mutants that cannot change any result: mutant name → (the line it writes, why). The
# line is checked against the mutant's diff: when the module changes and mutmut's numbering moves,
# a stale entry no longer matches and the mutant counts as a survivor again, to be read anew.
EQUIVALENT: dict[str, tuple[str, str]] = {
    "ccas_docs.model.prose.xǁReferenceNotFoundǁ__init____mutmut_2": (
        "super().__init__(None)",
        "the exception's text is never read: its fields make the message",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_16": (
        "SecurityError(None)",
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_17": (
        'SecurityError("XXoperatorXX")',
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_18": (
        'SecurityError("OPERATOR")',
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_19": (
        "SecurityError(None)",
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_20": (
        'SecurityError("XXoperatorXX")',
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_21": (
        'SecurityError("OPERATOR")',
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_22": (
        "not in HELPERS and __obj not in",
        "no callable but the helpers can be reached from a text (attributes are refused): both tests agree",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_33": (
        '__context.get("__helpers__", None)',
        "render() always puts __helpers__ in the context: the default is never used",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_35": (
        '__context.get("__helpers__", )',
        "same: the default is never used",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_38": (
        "SecurityError(None)",
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_39": (
        'SecurityError("XXcallXX")',
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_40": (
        'SecurityError("CALL")',
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_45": (
        "autoescape=None",
        "None and False both disable escaping (jinja2's default is False)",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_48": (
        "ProseEnvironment(undefined=StrictUndefined, keep_trailing_newline=True)",
        "autoescape defaults to False",
    ),
    "ccas_docs.model.prose.x__only_known_names__mutmut_3": (
        "SecurityError(None)",
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__only_known_names__mutmut_4": (
        'SecurityError("XXstatementXX")',
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__only_known_names__mutmut_5": (
        'SecurityError("STATEMENT")',
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__render_simple__mutmut_1": (
        "evaluate: bool = False",
        "its only caller always passes evaluate",
    ),
    "ccas_docs.model.prose.x__render_simple__mutmut_3": (
        "end = None",
        "text[None:i] is text[0:i]",
    ),
    "ccas_docs.model.prose.x__render_simple__mutmut_5": (
        '| None = ""',
        '« helpers or scope.helpers() » treats "" like None',
    ),
    "ccas_docs.model.prose.x__render_simple__mutmut_8": (
        "end = None",
        "the fast path only: a wrong or missing result makes render() fall back to Jinja, which prints the same",
    ),
    "ccas_docs.model.prose.x__render_simple__mutmut_17": (
        "if (evaluate) or True else name",
        "evaluate=False only serves check, which discards the text: computing it changes nothing seen",
    ),
    "ccas_docs.model.prose.x__render_simple__mutmut_32": (
        "(None))",
        "the fast path only: a wrong or missing result makes render() fall back to Jinja, which prints the same",
    ),
    "ccas_docs.model.prose.x_render__mutmut_10": (
        "simple = None",
        "the fast path only: a wrong or missing result makes render() fall back to Jinja, which prints the same",
    ),
    "ccas_docs.model.prose.x_render__mutmut_16": (
        "_render_simple(text, scope, )",
        "the default of evaluate is True: only check passes False, and discards the text",
    ),
    "ccas_docs.model.prose.x_render__mutmut_45": (
        "exc.message or 'XXXX'",
        "jinja2's syntax errors always carry a message",
    ),
    "ccas_docs.model.prose.x__undefined_name__mutmut_9": (
        "message.rindex(",
        "a name cannot contain « ' is undefined »: index and rindex agree",
    ),
    "ccas_docs.model.prose.x__iter_items__mutmut_3": (
        "(item.id or item.items) or True",
        "a bullet written as a string has no « texte » key: locate() falls back to the item, the same position",
    ),
    "ccas_docs.billing.ledger.x_line_amount__mutmut_2": (
        "ctx.prec = 61",
        "more precision than 60 digits never changes an amount quantized to the cent",
    ),
    "ccas_docs.billing.ledger.x_build_ledger__mutmut_105": (
        "if (whole) and False",
        "a whole-year segment has days == year_days: the prorated formula gives the same amount, exactly",
    ),
    "ccas_docs.billing.ledger.x_build_ledger__mutmut_121": (
        "days=0 if (whole) and False else seg.days",
        "a whole-year line has no period: its days and year_days are printed nowhere (ledgerjson, compose/periods)",
    ),
    "ccas_docs.billing.ledger.x_build_ledger__mutmut_123": (
        "days=1 if whole else seg.days",
        "a whole-year line has no period: its days and year_days are printed nowhere (ledgerjson, compose/periods)",
    ),
    "ccas_docs.billing.ledger.x_build_ledger__mutmut_124": (
        "year_days=0 if (whole) and False else n_days",
        "a whole-year line has no period: its days and year_days are printed nowhere (ledgerjson, compose/periods)",
    ),
    "ccas_docs.billing.ledger.x_build_ledger__mutmut_126": (
        "year_days=1 if whole else n_days",
        "a whole-year line has no period: its days and year_days are printed nowhere (ledgerjson, compose/periods)",
    ),
    "ccas_docs.billing.ledger.x_build_ledger__mutmut_131": (
        "sum((line.amount for line in lines), )",
        "every fiche is billed on at least one service (Billing.services, min_length=1): the sum is never empty",
    ),
    "ccas_docs.billing.ledger.x_check_year__mutmut_9": (
        "if (year < years.start) and False else last",
        "an avenant cannot change date_effet (avenant.NOT_A_CONVENTION_FIELD): the last version locates it "
        "where the original convention does",
    ),
    "ccas_docs.billing.ledger.x_check_year__mutmut_11": (
        "if year <= years.start else",
        "the first year is inside the convention: check_year has returned before",
    ),
    "ccas_docs.billing.ledger.x_check_year__mutmut_17": (
        '("date_effet",) if year <= years.start else',
        "the first year is inside the convention: check_year has returned before",
    ),
    "ccas_docs.billing.ledger.x__reference_years__mutmut_3": (
        "project.fiches[1].model.facturation.annee_reference",
        "the model admits « N-1 » only (values.ReferenceYear): every fiche has the same annee_reference",
    ),
    "ccas_docs.billing.ledger.x__reimbursements__mutmut_101": (
        "sorted(found, key=None)",
        "the key (fiche, nature, date, line) is unique in the costs file: sorting the pairs compares keys only",
    ),
    "ccas_docs.billing.ledger.x__reimbursements__mutmut_103": (
        "sorted(found, )",
        "the key (fiche, nature, date, line) is unique in the costs file: sorting the pairs compares keys only",
    ),
    "ccas_docs.common.fr.x_join__mutmut_4": (
        'return "XXXX".join(items)',
        "zero or one item: the separator is never used",
    ),
    "ccas_docs.common.fr.x_percent__mutmut_2": (
        "format=None, locale=LOCALE",
        "Babel's default decimal pattern for fr_FR is « #,##0.### », the one written",
    ),
    "ccas_docs.common.fr.x_percent__mutmut_5": (
        "format_decimal(rate.normalize(), locale=LOCALE)",
        "same as above: the pattern dropped is the locale's default",
    ),
    # --- redline: document/redline.py, writers/docx/revisions.py (hredline) ---
    "ccas_docs.document.redline.x__tokens__mutmut_2": ("glued = None", "None is false like False"),
    "ccas_docs.document.redline.x__tokens__mutmut_3": (
        "glued = True",
        "nothing is glued to the first token: the list is still empty",
    ),
    "ccas_docs.document.redline.x__tokens__mutmut_16": ("glued = None", "None is false like False"),
    "ccas_docs.document.redline.x__text__mutmut_2": (
        '"XXXX".join(p[0]',
        "only read to tell a word from a space: a token of several pieces is a word either way",
    ),
    "ccas_docs.document.redline.x_diff_runs__mutmut_8": ("autojunk=None", "None is false like False"),
    "ccas_docs.document.redline.x_diff_runs__mutmut_31": (
        '"XXequalXX" not in',
        "get_opcodes never puts two equal ops side by side: an equal op's neighbours are changes, always true",
    ),
    "ccas_docs.document.redline.x_diff_runs__mutmut_32": (
        '"EQUAL" not in',
        "get_opcodes never puts two equal ops side by side: an equal op's neighbours are changes, always true",
    ),
    "ccas_docs.document.redline.x_diff_runs__mutmut_34": (
        "(ops[k + 1][0], ops[k + 1][0])",
        "get_opcodes never puts two equal ops side by side: an equal op's neighbours are changes, always true",
    ),
    "ccas_docs.document.redline.x_diff_runs__mutmut_36": (
        "ops[k - 1][1]",
        "get_opcodes never puts two equal ops side by side: an equal op's neighbours are changes, always true",
    ),
    "ccas_docs.document.redline.x_diff_runs__mutmut_37": (
        "(ops[k - 1][0], ops[k - 1][0])",
        "get_opcodes never puts two equal ops side by side: an equal op's neighbours are changes, always true",
    ),
    "ccas_docs.document.redline.x_diff_runs__mutmut_39": (
        "ops[k + 1][1]",
        "get_opcodes never puts two equal ops side by side: an equal op's neighbours are changes, always true",
    ),
    "ccas_docs.document.redline.x_diff_runs__mutmut_40": (
        "ops[k][0] = None",
        "fused into the change before it (never equal), the group tagged « replace »: only « equal » is tested",
    ),
    "ccas_docs.document.redline.x_diff_runs__mutmut_42": (
        'ops[k][0] = "XXreplaceXX"',
        "fused into the change before it (never equal), the group tagged « replace »: only « equal » is tested",
    ),
    "ccas_docs.document.redline.x_diff_runs__mutmut_43": (
        'ops[k][0] = "REPLACE"',
        "fused into the change before it (never equal), the group tagged « replace »: only « equal » is tested",
    ),
    "ccas_docs.document.redline.x_diff_runs__mutmut_60": (
        '["XXreplaceXX", groups[-1][1]',
        "a group's tag is only compared with « equal »",
    ),
    "ccas_docs.document.redline.x_diff_runs__mutmut_61": (
        '["REPLACE", groups[-1][1]',
        "a group's tag is only compared with « equal »",
    ),
    "ccas_docs.document.redline.x__own_key__mutmut_24": (
        'return "XX?XX"',
        "only a page break gets there, and keys() keys it by the block it precedes",
    ),
    "ccas_docs.document.redline.x__align__mutmut_3": ("autojunk=None", "None is false like False"),
    "ccas_docs.document.redline.x__align__mutmut_7": (
        "SequenceMatcher(None, a_keys, b_keys, )",
        "the keys are unique: autojunk only drops items seen in over 1 % of 200 or more, never one of them",
    ),
    "ccas_docs.document.redline.x__align__mutmut_8": (
        "autojunk=True",
        "the keys are unique: autojunk only drops items seen in over 1 % of 200 or more, never one of them",
    ),
    "ccas_docs.document.redline.x__align__mutmut_12": (
        '("XXequalXX", i, j)',
        "the callers test « delete » and « insert »: anything else is a pair",
    ),
    "ccas_docs.document.redline.x__align__mutmut_13": (
        '("EQUAL", i, j)',
        "the callers test « delete » and « insert »: anything else is a pair",
    ),
    "ccas_docs.document.redline.x__align__mutmut_16": (
        "strict=None))",
        "an equal opcode covers two ranges of the same length",
    ),
    "ccas_docs.document.redline.x__align__mutmut_19": (
        "range(j1, j2), ))",
        "an equal opcode covers two ranges of the same length",
    ),
    "ccas_docs.document.redline.x__align__mutmut_28": (
        "strict=False))",
        "an equal opcode covers two ranges of the same length",
    ),
    "ccas_docs.document.redline.x__merge_pair__mutmut_65": (
        "isinstance(a, PageBreak) or isinstance(b, PageBreak)",
        "a pair shares its key, and only a page break has a key « saut:… » (no composer key starts so)",
    ),
    "ccas_docs.document.redline.x__unique__mutmut_4": (
        "seen.get(k, 0) - 1",
        "the n-th repeat still gets its own key, the same in both versions (checked: lists of ≤ 4 bullets, 2 texts)",
    ),
    "ccas_docs.document.redline.x__unique__mutmut_9": (
        "seen.get(k, 1) + 1",
        "the n-th repeat still gets its own key, the same in both versions (checked: lists of ≤ 4 bullets, 2 texts)",
    ),
    "ccas_docs.document.redline.x__unique__mutmut_10": (
        "seen.get(k, 0) + 2",
        "the n-th repeat still gets its own key, the same in both versions (checked: lists of ≤ 4 bullets, 2 texts)",
    ),
    "ccas_docs.document.redline.x__unique__mutmut_12": (
        "(seen[k] == 1) and False",
        "the n-th repeat still gets its own key, the same in both versions (checked: lists of ≤ 4 bullets, 2 texts)",
    ),
    "ccas_docs.document.redline.x__unique__mutmut_15": (
        "seen[k] == 2 else",
        "the n-th repeat still gets its own key, the same in both versions (checked: lists of ≤ 4 bullets, 2 texts)",
    ),
    "ccas_docs.document.redline.x__shape__mutmut_2": (
        "type(None).__name__",
        "_merge_cell itself refuses parts of different kinds: the table is deleted and inserted all the same",
    ),
    "ccas_docs.document.redline.x__merge_cell__mutmut_4": (
        "strict=None)",
        "the cells' shapes (number and kind of parts) were compared before: the sequences zipped have the same length",
    ),
    "ccas_docs.document.redline.x__merge_cell__mutmut_7": (
        "y.content, ):",
        "the cells' shapes (number and kind of parts) were compared before: the sequences zipped have the same length",
    ),
    "ccas_docs.document.redline.x__merge_cell__mutmut_8": (
        "strict=False)",
        "the cells' shapes (number and kind of parts) were compared before: the sequences zipped have the same length",
    ),
    "ccas_docs.document.redline.x__merge_cell__mutmut_9": (
        "isinstance(p, Paragraph) or isinstance(q, Paragraph)",
        "the shapes compared before give both parts the same kind",
    ),
    "ccas_docs.document.redline.x__merge_cell__mutmut_11": (
        "(p == q) and False",
        "the diff of identical runs is the same text in the same formats, only cut into fewer runs",
    ),
    "ccas_docs.document.redline.x__merge_cell__mutmut_28": (
        "(p == q) and False else _merge_lists",
        "merging two equal lists gives the same list",
    ),
    "ccas_docs.document.redline.x__merge_table__mutmut_4": (
        "strict=None)",
        "the cells' shapes (number and kind of parts) were compared before: the sequences zipped have the same length",
    ),
    "ccas_docs.document.redline.x__merge_table__mutmut_7": (
        "zip(xs, ys, )",
        "the cells' shapes (number and kind of parts) were compared before: the sequences zipped have the same length",
    ),
    "ccas_docs.document.redline.x__merge_table__mutmut_8": (
        "strict=False)",
        "the cells' shapes (number and kind of parts) were compared before: the sequences zipped have the same length",
    ),
    "ccas_docs.document.redline.x__merge_table__mutmut_18": (
        "strict=None)",
        "the cells' shapes (number and kind of parts) were compared before: the sequences zipped have the same length",
    ),
    "ccas_docs.document.redline.x__merge_table__mutmut_21": (
        "zip(x_row, y_row, )",
        "the cells' shapes (number and kind of parts) were compared before: the sequences zipped have the same length",
    ),
    "ccas_docs.document.redline.x__merge_table__mutmut_22": (
        "strict=False)",
        "the cells' shapes (number and kind of parts) were compared before: the sequences zipped have the same length",
    ),
    "ccas_docs.document.redline.x__merge_table__mutmut_58": (
        "(header) or True",
        "the header is always one row: the tuple is never empty",
    ),
    "ccas_docs.document.redline.x__merge_rows__mutmut_83": (
        "strict=None)",
        "the cells' shapes (number and kind of parts) were compared before: the sequences zipped have the same length",
    ),
    "ccas_docs.document.redline.x__merge_rows__mutmut_86": (
        "zip(x, y, )",
        "the cells' shapes (number and kind of parts) were compared before: the sequences zipped have the same length",
    ),
    "ccas_docs.document.redline.x__merge_rows__mutmut_87": (
        "strict=False)",
        "the cells' shapes (number and kind of parts) were compared before: the sequences zipped have the same length",
    ),
    "ccas_docs.writers.docx.revisions.x__mark__mutmut_10": (
        '"XX0XX"',
        "number_revisions gives every revision its id before the part is saved",
    ),
    "ccas_docs.writers.docx.revisions.x_mark_all__mutmut_2": (
        '(element.tag == qn("w:tr")) and False',
        "lxml's iter() yields the element itself first when it matches",
    ),
    "ccas_docs.writers.docx.revisions.x_mark_all__mutmut_18": (
        '(element.tag == qn("w:p")) and False',
        "lxml's iter() yields the element itself first when it matches",
    ),
    "ccas_docs.writers.docx.revisions.x_number_revisions__mutmut_4": (
        'int(e.get(qn("w:id"), None))',
        "only ids made of digits are read: the default is never used",
    ),
    "ccas_docs.writers.docx.revisions.x_number_revisions__mutmut_6": (
        'int(e.get(qn("w:id"), ))',
        "only ids made of digits are read: the default is never used",
    ),
    "ccas_docs.writers.docx.revisions.x_number_revisions__mutmut_10": (
        'int(e.get(qn("w:id"), "XX0XX"))',
        "only ids made of digits are read: the default is never used",
    ),
    "ccas_docs.writers.docx.revisions.x_number_revisions__mutmut_12": (
        'e.get(qn("w:id"), None).isdigit()',
        "w:id is required on bookmarks and comment ranges (ECMA-376): the writer and Word always write it",
    ),
    "ccas_docs.writers.docx.revisions.x_number_revisions__mutmut_14": (
        'e.get(qn("w:id"), ).isdigit()',
        "w:id is required on bookmarks and comment ranges (ECMA-376): the writer and Word always write it",
    ),
    "ccas_docs.writers.docx.revisions.x_number_revisions__mutmut_18": (
        '"XXXX").isdigit()',
        "« XXXX » is no more digits than « »",
    ),
    "ccas_docs.writers.docx.revisions.x_apply_cover_marks__mutmut_34": (
        "(runs) or True",
        "a w:t is always in a w:r: a paragraph whose text is the sentinel has runs",
    ),
    "ccas_docs.writers.docx.revisions.x_apply_cover_marks__mutmut_55": (
        "(template_rpr is not None) or True",
        "copy.deepcopy(None) is None, the value of the else",
    ),
    "ccas_docs.writers.docx.revisions.x_apply_cover_marks__mutmut_57": (
        "copy.copy(template_rpr)",
        "lxml's copy.copy of an element copies its whole subtree, like deepcopy",
    ),
}
