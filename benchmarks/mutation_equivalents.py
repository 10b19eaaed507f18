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
    "ccas_docs.model.prose.x_render__mutmut_60": (
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
    # prose (hprose): layers that _only_known_names / _allowed make unreachable, and bounds met already
    "ccas_docs.model.prose.x__environment__mutmut_2": (
        "intercepted_binops = None",
        "_only_known_names refuses an operator (_allowed) before jinja2 compiles the text: none is ever intercepted",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_4": (
        '"XX+XX", "-", "*"',
        "_only_known_names refuses an operator (_allowed) before jinja2 compiles the text: none is ever intercepted",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_5": (
        '"XX-XX", "*"',
        "_only_known_names refuses an operator (_allowed) before jinja2 compiles the text: none is ever intercepted",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_6": (
        '"XX*XX"',
        "_only_known_names refuses an operator (_allowed) before jinja2 compiles the text: none is ever intercepted",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_7": (
        '"XX/XX"',
        "_only_known_names refuses an operator (_allowed) before jinja2 compiles the text: none is ever intercepted",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_8": (
        '"XX//XX"',
        "_only_known_names refuses an operator (_allowed) before jinja2 compiles the text: none is ever intercepted",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_9": (
        '"XX%XX"',
        "_only_known_names refuses an operator (_allowed) before jinja2 compiles the text: none is ever intercepted",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_10": (
        '"XX**XX"',
        "_only_known_names refuses an operator (_allowed) before jinja2 compiles the text: none is ever intercepted",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_11": (
        "intercepted_unops = None",
        "_only_known_names refuses an operator (_allowed) before jinja2 compiles the text: none is ever intercepted",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_13": (
        'frozenset(["XX+XX", "-"])',
        "_only_known_names refuses an operator (_allowed) before jinja2 compiles the text: none is ever intercepted",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_14": (
        'frozenset(["+", "XX-XX"])',
        "_only_known_names refuses an operator (_allowed) before jinja2 compiles the text: none is ever intercepted",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_15": (
        "return True",
        "_allowed refuses an attribute or an item access before the template runs: is_safe_attribute is never asked",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_27": (
        'getattr(__obj, "__name__", )',
        "_allowed lets only the helpers be called, and they have a __name__: the default is never needed",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_47": (
        "ProseEnvironment(autoescape=False, keep_trailing_newline=True)",
        "_only_known_names checks every name before the template runs: no undefined value is ever met",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_62": (
        "_env.tests = None",
        "_allowed refuses a test (« is ») before jinja2 compiles the text: the tests are never looked up",
    ),
    "ccas_docs.model.prose.x__only_known_names__mutmut_13": (
        "SecurityError(None)",
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__only_known_names__mutmut_14": (
        'SecurityError("XXexpressionXX")',
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__only_known_names__mutmut_15": (
        'SecurityError("EXPRESSION")',
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__too_complex__mutmut_23": (
        "end if end > 0 else",
        "find() from match.end() (at least 2) gives -1 or at least 2: > 0 and >= 0 agree",
    ),
    "ccas_docs.model.prose.x__too_complex__mutmut_24": (
        "end if end >= 1 else",
        "find() from match.end() (at least 2) gives -1 or at least 2: >= 1 and >= 0 agree",
    ),
    "ccas_docs.model.prose.x__undefined_name__mutmut_1": (
        'message.startswith("\'") or "\' is undefined" in message',
        "its only message is _only_known_names' own « '<name>' is undefined »: both conditions hold",
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
    # --- registry (chain.py, head.py, issued.py) ---------------------------------------------------
    "ccas_docs.registry.chain.xǁEntryǁget__mutmut_1": (
        'default: str = "XXXX"',
        "an entry read from a register holds every column of it (a short row breaks the chain): the default is "
        "never returned for the columns the tool reads",
    ),
    "ccas_docs.registry.chain.xǁRegisterǁunregistered__mutmut_3": (
        "if (entries is None) or True else entries",
        "the entries a caller passes are the register's own, read under the same lock: reading them again gives "
        "the same list",
    ),
    "ccas_docs.registry.chain.xǁRegisterǁcheck_outputs__mutmut_3": (
        "self.unregistered(on_disk, None)",
        "same as above: without them, unregistered reads the same entries again",
    ),
    "ccas_docs.registry.chain.xǁRegisterǁcheck_outputs__mutmut_5": (
        "self.unregistered(on_disk, )",
        "same as above",
    ),
    "ccas_docs.registry.chain.xǁRegisterǁappend__mutmut_101": (
        '"UTF-8-SIG" if self.bom',
        "codec names are case-insensitive: the same bytes",
    ),
    "ccas_docs.registry.chain.xǁRegisterǁappend__mutmut_103": (
        'if self.bom else "UTF-8"',
        "codec names are case-insensitive: the same bytes",
    ),
    "ccas_docs.registry.chain.xǁRegisterǁappend__mutmut_126": (
        "new], None, {p: s",
        "in_progress is only tested for truth (head.render, Head.in_progress readers): None and False alike",
    ),
    "ccas_docs.registry.head.x_render__mutmut_17": (
        '.encode("UTF-8")',
        "codec names are case-insensitive: the same bytes",
    ),
    "ccas_docs.registry.head.x_read__mutmut_5": (
        '.decode(errors="replace")',
        "bytes.decode defaults to UTF-8: the same text",
    ),
    "ccas_docs.registry.issued.x_registered_files__mutmut_4": (
        "strict=None",
        "zip tests strict for truth: None is False, the default",
    ),
    "ccas_docs.registry.issued.x_registered_files__mutmut_7": (
        'split_field(entry.get("sha256")), )',
        "strict=False is zip's default",
    ),
    "ccas_docs.registry.issued.x__abandoned__mutmut_5": (
        "return True",
        "stat fails only for a folder gone since the listing (another run removed it): rmtree(ignore_errors) then "
        "does nothing, and the folder reported removed is indeed gone",
    ),
    "ccas_docs.registry.head.x_read__mutmut_18": (
        '.decode("UTF-8", errors="replace")',
        "codec names are case-insensitive: the same text",
    ),
    "ccas_docs.registry.head.x_read__mutmut_98": (
        'values.get("fichiers", ("", 1))',
        "only the default's text is read ([0]): its line is never used",
    ),
    # --- invoices (ccas_docs/registry/invoices.py, invoice_plans.py, titres.py) ---
    "ccas_docs.registry.invoice_plans.x__already_issued__mutmut_24": (
        "if total <= net:",
        "total == net never gets here: no correction means net is the invoice's total (existante), else corrigee",
    ),
    "ccas_docs.registry.invoice_plans.x__plan_correction__mutmut_43": (
        'if kind == "avoir" and total >= net:',
        "total == net is refused just before (« rien à corriger »)",
    ),
    "ccas_docs.registry.invoice_plans.x__plan_correction__mutmut_63": (
        'if kind == "facture" and total <= net:',
        "total == net is refused just before (« rien à corriger »)",
    ),
    "ccas_docs.registry.invoice_plans.x_plan_cancellation__mutmut_98": (
        "default=None)",
        "the year's documents include the cancelled invoice itself (entry.annee == year): the default is never used",
    ),
    "ccas_docs.registry.invoice_plans.x_plan_cancellation__mutmut_100": (
        "for e in register.for_year(year)), )",
        "same: the year's documents are never empty, the default is never used",
    ),
    "ccas_docs.registry.invoice_plans.x_plan_cancellation__mutmut_162": (
        "next_number(register, settings, issued.year, None, offset=1)",
        "the pattern was just formatted for the credit note's number: it cannot fail for the next one",
    ),
    "ccas_docs.registry.invoice_plans.x_plan_cancellation__mutmut_167": (
        "next_number(register, settings, issued.year, offset=1)",
        "same: the second number's pattern error is unreachable",
    ),
    "ccas_docs.registry.invoices.x__entry__mutmut_80": (
        'day = ""',
        "the problem is appended: the entry is dropped (None returned), the value never read",
    ),
    "ccas_docs.registry.invoices.x__entry__mutmut_105": (
        'total = ""',
        "the problem is appended: the entry is dropped (None returned), the value never read",
    ),
    "ccas_docs.registry.invoices.x__entry__mutmut_120": (
        "day is None and total is None",
        "each None comes with its problem: « len(problems) > start » decides alone (the rest narrows types)",
    ),
    "ccas_docs.registry.invoices.x__entry__mutmut_121": (
        "year is None and day is None",
        "each None comes with its problem: « len(problems) > start » decides alone (the rest narrows types)",
    ),
    "ccas_docs.registry.invoices.x__entry__mutmut_122": (
        "start and year is None",
        "each None comes with its problem: « len(problems) > start » decides alone (the rest narrows types)",
    ),
    "ccas_docs.registry.invoices.xǁRegisterǁnet_total__mutmut_4": (
        "self.for_year(year)), )",
        "the register's totals all have two decimals (« :.2f »); no caller asks for a year without document",
    ),
    "ccas_docs.registry.invoices.xǁRegisterǁrecord_many__mutmut_42": (
        'row.get("files", None) or ()',
        "a missing « files » read as None: the « or » that follows gives the same empty value",
    ),
    "ccas_docs.registry.invoices.xǁRegisterǁrecord_many__mutmut_44": (
        'row.get("files", ) or ()',
        "a missing « files » read as None: the « or » that follows gives the same empty value",
    ),
    "ccas_docs.registry.invoices.xǁRegisterǁrecord_many__mutmut_51": (
        'row.get("sources", None) or ()',
        "a missing « sources » read as None: the « or » that follows gives the same empty value",
    ),
    "ccas_docs.registry.invoices.xǁRegisterǁrecord_many__mutmut_53": (
        'row.get("sources", ) or ()',
        "a missing « sources » read as None: the « or » that follows gives the same empty value",
    ),
    "ccas_docs.registry.invoices.xǁRegisterǁrecord_many__mutmut_87": (
        'row.get("corrige", None) or ""',
        "a missing « corrige » read as None: the « or » that follows gives the same empty value",
    ),
    "ccas_docs.registry.invoices.xǁRegisterǁrecord_many__mutmut_89": (
        'row.get("corrige", ) or ""',
        "a missing « corrige » read as None: the « or » that follows gives the same empty value",
    ),
    "ccas_docs.registry.invoices.xǁRegisterǁrecord_many__mutmut_99": (
        'row.get("remplace", None) or ""',
        "a missing « remplace » read as None: the « or » that follows gives the same empty value",
    ),
    "ccas_docs.registry.invoices.xǁRegisterǁrecord_many__mutmut_101": (
        'row.get("remplace", ) or ""',
        "a missing « remplace » read as None: the « or » that follows gives the same empty value",
    ),
    "ccas_docs.registry.invoices.xǁRegisterǁrecord_many__mutmut_111": (
        'row.get("motif", None) or ""',
        "a missing « motif » read as None: the « or » that follows gives the same empty value",
    ),
    "ccas_docs.registry.invoices.xǁRegisterǁrecord_many__mutmut_113": (
        'row.get("motif", ) or ""',
        "a missing « motif » read as None: the « or » that follows gives the same empty value",
    ),
    "ccas_docs.registry.invoices.xǁRegisterǁrecord_many__mutmut_123": (
        'row.get("objet", None) or ""',
        "a missing « objet » read as None: the « or » that follows gives the same empty value",
    ),
    "ccas_docs.registry.invoices.xǁRegisterǁrecord_many__mutmut_125": (
        'row.get("objet", ) or ""',
        "a missing « objet » read as None: the « or » that follows gives the same empty value",
    ),
    "ccas_docs.registry.invoices.xǁRegisterǁrecord_many__mutmut_131": (
        "if (files) or True else {}",
        "file_fields of no file gives the empty « fichiers » and « sha256 » columns the chain writes for missing ones",
    ),
    "ccas_docs.registry.invoices.xǁRegisterǁrecord_many__mutmut_146": (
        "if (new) or True else []",
        "appending no row rewrites the same register and head (bar vanished announced files, ignored anyway)",
    ),
    "ccas_docs.registry.invoices.xǁRegisterǁrecord_titre__mutmut_80": (
        "problems: list[Diagnostic] = None",
        "parse_titre appends only to report a bad line, and the line was just written by titre_objet: never used",
    ),
    "ccas_docs.registry.invoices.xǁRegisterǁrecord_titre__mutmut_83": (
        "parse_titre(row, None)",
        "same: the line just written always parses",
    ),
    "ccas_docs.registry.invoices.xǁRegisterǁrecord_titre__mutmut_86": (
        "assert recorded is not None or not problems",
        "same: the self-check of the line just written never fails",
    ),
    "ccas_docs.registry.invoices.xǁRegisterǁrecord_titre__mutmut_89": (
        "self.titres[document] = None",
        "every later use reloads the register under the lock first (record_titre, record_many, locked())",
    ),
    "ccas_docs.registry.invoices.xǁRegisterǁreload__mutmut_23": (
        "            break",
        "the loop runs only when no problem was found, so no entry is None: the branch is never taken",
    ),
    # --- prose, after the French syntax messages (lead) ---
    "ccas_docs.model.prose.x__syntax_message__mutmut_56": (
        "message.split(None)[2]",
        "jinja2's « unexpected char \"'\" at 3 » has single spaces: the same words",
    ),
    "ccas_docs.model.prose.x__syntax_message__mutmut_60": (
        "(len(quoted) == 3) or True",
        "the quote jinja2 names is always three characters, a quote between two others",
    ),
    "ccas_docs.model.prose.x__syntax_message__mutmut_76": (
        'len(parts) > 3 or "expected" in parts[2]',
        "jinja2's « unexpected 'x' » messages have four quotes exactly when they say what was expected",
    ),
    "ccas_docs.model.prose.x__syntax_message__mutmut_77": (
        'len(parts) >= 3 and "expected"',
        "with three parts, parts[2] is empty: « expected » is not in it",
    ),
    "ccas_docs.model.prose.x__syntax_message__mutmut_78": (
        'len(parts) > 4 and "expected"',
        "« unexpected '}', expected ')' » splits in five parts: > 3 and > 4 agree",
    ),
    "ccas_docs.model.prose.x__too_complex__mutmut_26": (
        "if end > 0 and len(body)",
        "find() starts at match.end() ≥ 2: it returns -1 or at least 2",
    ),
    "ccas_docs.model.prose.x__too_complex__mutmut_27": (
        "if end >= 1 and len(body)",
        "find() starts at match.end() ≥ 2: it returns -1 or at least 2",
    ),
    # --- registry: the hash and the chain ---
    "ccas_docs.registry.chain.x_canonical__mutmut_12": (
        "values.get(c, None) for c",
        "canonical is given every column (append builds them all, a verified entry holds them all): no default",
    ),
    "ccas_docs.registry.chain.x_canonical__mutmut_14": (
        "values.get(c, ) for c",
        "canonical is given every column (append builds them all, a verified entry holds them all): no default",
    ),
    "ccas_docs.registry.chain.x_canonical__mutmut_15": (
        'values.get(c, "XXXX") for c',
        "canonical is given every column (append builds them all, a verified entry holds them all): no default",
    ),
    "ccas_docs.registry.chain.x_digest__mutmut_8": (
        '.encode("UTF-8")).hexdigest()',
        "codec names are case-insensitive: the same bytes",
    ),
    "ccas_docs.registry.chain.xǁRegisterǁ_problem__mutmut_47": (
        "before >= entry.index",
        "an entry's precedent is never its own empreinte (that hash covers the precedent): before != entry.index",
    ),
    "ccas_docs.registry.chain.xǁRegisterǁ_chain__mutmut_15": (
        '.decode("UTF-8-SIG")',
        "codec names are case-insensitive: the same text",
    ),
    "ccas_docs.registry.chain.xǁRegisterǁ_chain__mutmut_36": (
        "io.StringIO(text, newline=None)",
        "cells never hold a raw line break (one_line, encode_cell): csv reads « \\n » and « \\r\\n » line ends alike",
    ),
    "ccas_docs.registry.chain.xǁRegisterǁ_chain__mutmut_38": (
        "io.StringIO(text, ), delimiter",
        "same as above",
    ),
    "ccas_docs.registry.chain.xǁRegisterǁ_chain__mutmut_84": (
        'if i < len(row) else "XXXX"',
        "a short row is refused as « nombre de colonnes » whatever its missing cells read (named by its first cell)",
    ),
    "ccas_docs.registry.chain.xǁRegisterǁentries__mutmut_43": (
        "in_progress=None, pending",
        "in_progress is only tested for truth: None and False alike",
    ),
    "ccas_docs.registry.head.x_read__mutmut_113": (
        'values.get("inscription", ("XXXX", 0))',
        "only « en cours » means an append in progress: « XXXX » and « » alike",
    ),
    "ccas_docs.registry.head.x_read__mutmut_114": (
        'values.get("inscription", ("", 1))',
        "only the default's text is read ([0]): its line is never used",
    ),
    "ccas_docs.registry.head.x_read__mutmut_97": (
        'values.get("fichiers", ("XXXX", 0))',
        "a part without « = » has no name (rpartition) and is skipped, as the empty default",
    ),
    # --- versions: ccas_docs/versions/consolidate.py and ccas_docs/versions/apply.py ---
    "ccas_docs.versions.apply.x__ajouter_annexe__mutmut_87": (
        "assert annexes is not None or isinstance(annexes.value, list)",
        "an assertion weakened: the structure it checks is always there (the data was validated), no result changes",
    ),
    "ccas_docs.versions.apply.x__ajouter_annexe__mutmut_79": (
        "ctx.state.owned.add(None)",
        "a tree not marked as owned is copied by the next change that touches it: the same data",
    ),
    "ccas_docs.versions.apply.x__ajouter_annexe__mutmut_80": (
        "ctx.state.owned.add(id(None))",
        "a tree not marked as owned is copied by the next change that touches it: the same data",
    ),
    "ccas_docs.versions.apply.x__ajouter_annexe__mutmut_68": (
        "pin(element, None, set())",
        (
            "pin treats every kind but bloc and puce alike (their blocks): « annexe » misspelt or None is"
            " the same branch"
        ),
    ),
    "ccas_docs.versions.apply.x__ajouter_annexe__mutmut_73": (
        'pin(element, "XXannexeXX", set())',
        (
            "pin treats every kind but bloc and puce alike (their blocks): « annexe » misspelt or None is"
            " the same branch"
        ),
    ),
    "ccas_docs.versions.apply.x__ajouter_annexe__mutmut_74": (
        'pin(element, "ANNEXE", set())',
        (
            "pin treats every kind but bloc and puce alike (their blocks): « annexe » misspelt or None is"
            " the same branch"
        ),
    ),
    "ccas_docs.versions.apply.x__ajouter_annexe__mutmut_89": (
        "where = None",
        (
            "the location of a version's « annexes: » items is never read: provenance points at the list "
            "itself, the load reads the original's items"
        ),
    ),
    "ccas_docs.versions.apply.x__ajouter_annexe__mutmut_90": (
        'where = exact(ctx.source, ("modifications", change.index)) and change.location',
        (
            "the location of a version's « annexes: » items is never read: provenance points at the list "
            "itself, the load reads the original's items"
        ),
    ),
    "ccas_docs.versions.apply.x__ajouter_annexe__mutmut_92": (
        "where = exact(ctx.source, None) or change.location",
        (
            "the location of a version's « annexes: » items is never read: provenance points at the list "
            "itself, the load reads the original's items"
        ),
    ),
    "ccas_docs.versions.apply.x__ajouter_annexe__mutmut_95": (
        'where = exact(ctx.source, ("XXmodificationsXX", change.index)) or ch',
        (
            "the location of a version's « annexes: » items is never read: provenance points at the list "
            "itself, the load reads the original's items"
        ),
    ),
    "ccas_docs.versions.apply.x__ajouter_annexe__mutmut_96": (
        'where = exact(ctx.source, ("MODIFICATIONS", change.index)) or change.location',
        (
            "the location of a version's « annexes: » items is never read: provenance points at the list "
            "itself, the load reads the original's items"
        ),
    ),
    "ccas_docs.versions.apply.x__ajouter_annexe__mutmut_102": (
        "annexes.value.insert(k, Node(name, None, where))",
        (
            "the location of a version's « annexes: » items is never read: provenance points at the list "
            "itself, the load reads the original's items"
        ),
    ),
    "ccas_docs.versions.apply.x__ajouter_annexe__mutmut_103": (
        "annexes.value.insert(k, Node(name, where, None))",
        (
            "the location of a version's « annexes: » items is never read: provenance points at the list "
            "itself, the load reads the original's items"
        ),
    ),
    "ccas_docs.versions.apply.x__ajouter_annexe__mutmut_105": (
        "annexes.value.insert(k, Node(name, where))",
        (
            "the location of a version's « annexes: » items is never read: provenance points at the list "
            "itself, the load reads the original's items"
        ),
    ),
    "ccas_docs.versions.apply.x__ajouter_annexe__mutmut_106": (
        "annexes.value.insert(k, Node(name, where, ))",
        (
            "the location of a version's « annexes: » items is never read: provenance points at the list "
            "itself, the load reads the original's items"
        ),
    ),
    "ccas_docs.versions.apply.x__completer__mutmut_64": (
        "assert content is not None or isinstance(content.value, list)",
        "an assertion weakened: the structure it checks is always there (the data was validated), no result changes",
    ),
    "ccas_docs.versions.apply.x__completer__mutmut_78": (
        'pin(element, "bloc", {n.text("id") or "XXXX" for n in content.value})',
        (
            "every element of a version has a pinned id (initial_state and every change pin them): the "
            "default is never used"
        ),
    ),
    "ccas_docs.versions.apply.x__container__mutmut_6": (
        "assert parent is not None or isinstance(parent.value, list)",
        "an assertion weakened: the structure it checks is always there (the data was validated), no result changes",
    ),
    "ccas_docs.versions.apply.x__forget_if_renamed__mutmut_3": (
        'ew_id = element.text("id") if (isinstance(element.value, dict)) or Tru',
        "Node.text is None for anything but a mapping: the isinstance test changes nothing",
    ),
    "ccas_docs.versions.apply.x__forget_if_renamed__mutmut_7": (
        "if new_id is not None or new_id != old_id:",
        (
            "an element without id keeps the replaced one: recording it as removed is never read, an id "
            "that exists being resolved before the removed ones, and its contents are recorded either way"
        ),
    ),
    "ccas_docs.versions.apply.x__forget__mutmut_24": (
        'ctx.state.removed[sub.text("id") or "XXXX"] = why',
        "a sub-annex always has its id (it is required): the default is never used",
    ),
    "ccas_docs.versions.apply.x__inserer__mutmut_74": (
        'pin(element, address.kind, {n.text("id") or "XXXX" for n in items})',
        (
            "every element of a version has a pinned id (initial_state and every change pin them): the "
            "default is never used"
        ),
    ),
    "ccas_docs.versions.apply.x__parametre__mutmut_25": (
        "assert billing is not None or isinstance(billing.value, dict)",
        "an assertion weakened: the structure it checks is always there (the data was validated), no result changes",
    ),
    "ccas_docs.versions.apply.x__partie__mutmut_7": (
        "assert party is not None or isinstance(party.value, dict)",
        "an assertion weakened: the structure it checks is always there (the data was validated), no result changes",
    ),
    "ccas_docs.versions.apply.x__remove_fiche__mutmut_16": (
        "assert annexes is not None or isinstance(annexes.value, list)",
        "an assertion weakened: the structure it checks is always there (the data was validated), no result changes",
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_39": (
        'old_id = detail.cible.rsplit("/", )[-1]',
        "the last part of the id is the same whatever the number of splits",
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_42": (
        'old_id = detail.cible.rsplit("/", 2)[-1]',
        "the last part of the id is the same whatever the number of splits",
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_52": (
        "_forget_if_renamed(ctx, ids, detail.cible, element, None)",
        (
            "an element written with an id: the replaced id is recorded as removed, but an id that exists"
            " is resolved before the removed ones; its contents are recorded removed either way"
        ),
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_114": (
        "_forget_if_renamed(ctx, ids, detail.cible, element, None)",
        (
            "an element written with an id: the replaced id is recorded as removed, but an id that exists"
            " is resolved before the removed ones; its contents are recorded removed either way"
        ),
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_64": (
        "ctx.state.owned.add(None)",
        "a tree not marked as owned is copied by the next change that touches it: the same data",
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_65": (
        "ctx.state.owned.add(id(None))",
        "a tree not marked as owned is copied by the next change that touches it: the same data",
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_67": (
        "pin(element, None, set(), keep=None)",
        (
            "pin treats every kind but bloc and puce alike (their blocks): « annexe » misspelt or None is"
            " the same branch (keep defaults to None)"
        ),
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_72": (
        'pin(element, "annexe", set(), )',
        (
            "pin treats every kind but bloc and puce alike (their blocks): « annexe » misspelt or None is"
            " the same branch (keep defaults to None)"
        ),
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_73": (
        'pin(element, "XXannexeXX", set(), keep=None)',
        (
            "pin treats every kind but bloc and puce alike (their blocks): « annexe » misspelt or None is"
            " the same branch (keep defaults to None)"
        ),
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_74": (
        'pin(element, "ANNEXE", set(), keep=None)',
        (
            "pin treats every kind but bloc and puce alike (their blocks): « annexe » misspelt or None is"
            " the same branch (keep defaults to None)"
        ),
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_105": (
        'element.value = {"id": Node(old_id, None, element.at), **element.value}',
        (
            "ids are located with value=True: the kept id's key and value positions are both the "
            "element's, either one is found"
        ),
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_106": (
        'element.value = {"id": Node(old_id, element.at, None), **element.value}',
        (
            "ids are located with value=True: the kept id's key and value positions are both the "
            "element's, either one is found"
        ),
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_108": (
        'element.value = {"id": Node(old_id, element.at), **element.value}',
        (
            "ids are located with value=True: the kept id's key and value positions are both the "
            "element's, either one is found"
        ),
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_109": (
        'element.value = {"id": Node(old_id, element.at, ), **element.value}',
        (
            "ids are located with value=True: the kept id's key and value positions are both the "
            "element's, either one is found"
        ),
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_82": (
        'taken = {n.text("id") and "" for j, n in enumerate(items) if j != i}',
        "keep (the replaced id, never empty) is always given to pin: the siblings' ids are never consulted",
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_83": (
        'taken = {n.text(None) or "" for j, n in enumerate(items) if j != i}',
        "keep (the replaced id, never empty) is always given to pin: the siblings' ids are never consulted",
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_84": (
        'taken = {n.text("XXidXX") or "" for j, n in enumerate(items) if j != i}',
        "keep (the replaced id, never empty) is always given to pin: the siblings' ids are never consulted",
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_85": (
        'taken = {n.text("ID") or "" for j, n in enumerate(items) if j != i}',
        "keep (the replaced id, never empty) is always given to pin: the siblings' ids are never consulted",
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_86": (
        'taken = {n.text("id") or "XXXX" for j, n in enumerate(items) if j != i}',
        "keep (the replaced id, never empty) is always given to pin: the siblings' ids are never consulted",
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_88": (
        'taken = {n.text("id") or "" for j, n in enumerate(items) if j == i}',
        "keep (the replaced id, never empty) is always given to pin: the siblings' ids are never consulted",
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_89": (
        'if element.text("id") is None or address.kind in ("article", "section"',
        (
            "the id written first is overridden by the element's own id (**element.value comes after); a "
            "block or bullet gets old_id from pin's keep anyway"
        ),
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_90": (
        'if element.text(None) is None and address.kind in ("arti',
        (
            "the id written first is overridden by the element's own id (**element.value comes after); a "
            "block or bullet gets old_id from pin's keep anyway"
        ),
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_91": (
        'if element.text("XXidXX") is None and address.kind in ("a',
        (
            "the id written first is overridden by the element's own id (**element.value comes after); a "
            "block or bullet gets old_id from pin's keep anyway"
        ),
    ),
    "ccas_docs.versions.apply.x__remplacer__mutmut_92": (
        'if element.text("ID") is None and address.kind in ("artic',
        (
            "the id written first is overridden by the element's own id (**element.value comes after); a "
            "block or bullet gets old_id from pin's keep anyway"
        ),
    ),
    "ccas_docs.versions.apply.x__remplacer_mots__mutmut_18": (
        'if address.kind != "puce":',
        "every bullet of a version is already a mapping (initial_state and every change bulletize them)",
    ),
    "ccas_docs.versions.apply.x__remplacer_mots__mutmut_19": (
        'if address.kind == "XXpuceXX":',
        "every bullet of a version is already a mapping (initial_state and every change bulletize them)",
    ),
    "ccas_docs.versions.apply.x__remplacer_mots__mutmut_20": (
        'if address.kind == "PUCE":',
        "every bullet of a version is already a mapping (initial_state and every change bulletize them)",
    ),
    "ccas_docs.versions.apply.x__remplacer_mots__mutmut_110": (
        "at = plain(flat).rindex(plain(mots))",
        "the words occur exactly once (checked above): the first and the last place are the same",
    ),
    "ccas_docs.versions.apply.x__remplacer_mots__mutmut_115": (
        "par + flat[at + len(mots) :], None, where)",
        (
            "the key location of the new text is never read: every message about the text uses its value "
            "location (where)"
        ),
    ),
    "ccas_docs.versions.apply.x__remplacer_mots__mutmut_118": (
        "target.value[text_key] = Node(flat[:at] + par + flat[at + len(mots) :], where)",
        (
            "the key location of the new text is never read: every message about the text uses its value "
            "location (where)"
        ),
    ),
    "ccas_docs.versions.apply.x__remplacer_mots__mutmut_124": (
        " len(mots) :], ctx.at(change, None, value=False), where)",
        (
            "the key location of the new text is never read: every message about the text uses its value "
            "location (where)"
        ),
    ),
    "ccas_docs.versions.apply.x__remplacer_mots__mutmut_125": (
        ', ctx.at(change, "par", value=None), where)',
        (
            "the key location of the new text is never read: every message about the text uses its value "
            "location (where)"
        ),
    ),
    "ccas_docs.versions.apply.x__remplacer_mots__mutmut_127": (
        " len(mots) :], ctx.at(change, value=False), where)",
        (
            "the key location of the new text is never read: every message about the text uses its value "
            "location (where)"
        ),
    ),
    "ccas_docs.versions.apply.x__remplacer_mots__mutmut_128": (
        'ts) :], ctx.at(change, "par", ), where)',
        (
            "the key location of the new text is never read: every message about the text uses its value "
            "location (where)"
        ),
    ),
    "ccas_docs.versions.apply.x__remplacer_mots__mutmut_129": (
        'len(mots) :], ctx.at(change, "XXparXX", value=False), where)',
        (
            "the key location of the new text is never read: every message about the text uses its value "
            "location (where)"
        ),
    ),
    "ccas_docs.versions.apply.x__remplacer_mots__mutmut_130": (
        'len(mots) :], ctx.at(change, "PAR", value=False), where)',
        (
            "the key location of the new text is never read: every message about the text uses its value "
            "location (where)"
        ),
    ),
    "ccas_docs.versions.apply.x__remplacer_mots__mutmut_131": (
        ', ctx.at(change, "par", value=True), where)',
        (
            "the key location of the new text is never read: every message about the text uses its value "
            "location (where)"
        ),
    ),
    "ccas_docs.versions.consolidate.x__history__mutmut_4": (
        "check_order(None, avenants, sources)",
        "check_order does not read its project argument",
    ),
    "ccas_docs.versions.consolidate.x__list_included__mutmut_4": (
        "where = None",
        "the location of a version's « avenants: » list is never read (only the original convention's, at load)",
    ),
    "ccas_docs.versions.consolidate.x__list_included__mutmut_6": (
        'where = source.locate(("XXavenantsXX",))',
        "the location of a version's « avenants: » list is never read (only the original convention's, at load)",
    ),
    "ccas_docs.versions.consolidate.x__list_included__mutmut_7": (
        'where = source.locate(("AVENANTS",))',
        "the location of a version's « avenants: » list is never read (only the original convention's, at load)",
    ),
    "ccas_docs.versions.consolidate.x__list_included__mutmut_42": (
        'root.value["avenants"] = Node(items, None)',
        "the location of a version's « avenants: » list is never read (only the original convention's, at load)",
    ),
    "ccas_docs.versions.consolidate.x__list_included__mutmut_11": (
        "venant.path]), value=True) if (avenant.path in listed) or True else wh",
        "every avenant comes from the list: it is always listed",
    ),
    "ccas_docs.versions.consolidate.x__list_included__mutmut_13": (
        " listed[avenant.path]), value=None) if avenant.path in listed else whe",
        (
            "the locations of a version's « avenants: » items are never read (only the original's, at "
            "load); an item's key and value positions are the same"
        ),
    ),
    "ccas_docs.versions.consolidate.x__list_included__mutmut_15": (
        'ants", listed[avenant.path]), ) if avenant.path in listed else where',
        (
            "the locations of a version's « avenants: » items are never read (only the original's, at "
            "load); an item's key and value positions are the same"
        ),
    ),
    "ccas_docs.versions.consolidate.x__list_included__mutmut_18": (
        " listed[avenant.path]), value=False) if avenant.path in listed else wh",
        (
            "the locations of a version's « avenants: » items are never read (only the original's, at "
            "load); an item's key and value positions are the same"
        ),
    ),
    "ccas_docs.versions.consolidate.x__list_included__mutmut_22": (
        "items.append(Node(avenant.path, None, at))",
        (
            "the locations of a version's « avenants: » items are never read (only the original's, at "
            "load); an item's key and value positions are the same"
        ),
    ),
    "ccas_docs.versions.consolidate.x__list_included__mutmut_23": (
        "items.append(Node(avenant.path, at, None))",
        (
            "the locations of a version's « avenants: » items are never read (only the original's, at "
            "load); an item's key and value positions are the same"
        ),
    ),
    "ccas_docs.versions.consolidate.x__list_included__mutmut_25": (
        "items.append(Node(avenant.path, at))",
        (
            "the locations of a version's « avenants: » items are never read (only the original's, at "
            "load); an item's key and value positions are the same"
        ),
    ),
    "ccas_docs.versions.consolidate.x__list_included__mutmut_26": (
        "items.append(Node(avenant.path, at, ))",
        (
            "the locations of a version's « avenants: » items are never read (only the original's, at "
            "load); an item's key and value positions are the same"
        ),
    ),
    "ccas_docs.versions.consolidate.x__list_included__mutmut_28": (
        "if id(None) not in state.owned:  # the last st",
        "a shallow copy of an owned convention is the same data",
    ),
    "ccas_docs.versions.consolidate.x__list_included__mutmut_32": (
        "root = state.convention = Node(dict(root.value), None, root.value_at)",
        "the location of a version's convention root is never read (a problem is located at a key)",
    ),
    "ccas_docs.versions.consolidate.x__list_included__mutmut_33": (
        "root = state.convention = Node(dict(root.value), root.at, None)",
        "the location of a version's convention root is never read (a problem is located at a key)",
    ),
    "ccas_docs.versions.consolidate.x__list_included__mutmut_35": (
        "root = state.convention = Node(dict(root.value), root.value_at)",
        "the location of a version's convention root is never read (a problem is located at a key)",
    ),
    "ccas_docs.versions.consolidate.x__list_included__mutmut_36": (
        "root = state.convention = Node(dict(root.value), root.at, )",
        "the location of a version's convention root is never read (a problem is located at a key)",
    ),
    "ccas_docs.versions.consolidate.x__rebuild__mutmut_2": (
        "if id(None) in validated:",
        "the cache of validated files only spares work: validating again gives the same model",
    ),
    "ccas_docs.versions.consolidate.x__rebuild__mutmut_21": (
        "if loaded is None:",
        "the cache of validated files only spares work: validating again gives the same model",
    ),
    "ccas_docs.versions.consolidate.x__rebuild__mutmut_23": (
        "validated[id(None)] = (node, loaded)  # the node is k",
        "the cache of validated files only spares work: validating again gives the same model",
    ),
    "ccas_docs.versions.consolidate.x__rebuild__mutmut_47": (
        "hes, project.avenant_sources, None",
        (
            "a version's avenant_annexes is never read (input files, provenance and consolidation read "
            "the original project's)"
        ),
    ),
    "ccas_docs.versions.consolidate.x__rebuild__mutmut_53": (
        "hes, project.avenant_sources, )",
        (
            "a version's avenant_annexes is never read (input files, provenance and consolidation read "
            "the original project's)"
        ),
    ),
    "ccas_docs.versions.consolidate.x_consolidate__mutmut_3": (
        "return Version(project, None, project.convention.model.date_effet)",
        "consolidate(…, None) is called by build without --at only, which reads its project alone",
    ),
    "ccas_docs.versions.consolidate.x_consolidate__mutmut_4": (
        "return Version(project, (), None)",
        "consolidate(…, None) is called by build without --at only, which reads its project alone",
    ),
    "ccas_docs.versions.consolidate.x_culprit__mutmut_26": (
        ' or getattr(detail, "anchor", None)',
        (
            "a change without anchor (convention, partie…) matches no fiche whether its target is None, "
            "empty or « XXXX » (not an id: ids are lower case)"
        ),
    ),
    "ccas_docs.versions.consolidate.x_culprit__mutmut_32": (
        'or getattr(detail, "anchor", "XXXX")',
        (
            "a change without anchor (convention, partie…) matches no fiche whether its target is None, "
            "empty or « XXXX » (not an id: ids are lower case)"
        ),
    ),
    "ccas_docs.versions.consolidate.x_outside_period__mutmut_4": (
        "before = day <= versions[0].date",
        "the first day of the convention is in force: never outside the period",
    ),
    "ccas_docs.versions.consolidate.x_outside_period__mutmut_8": (
        "last = versions[-1] if (before) or True else [v for v in versio",
        (
            "after the end, every version is in force (each avenant takes effect within the period it "
            "amends): the last one either way"
        ),
    ),
    "ccas_docs.versions.consolidate.x_outside_period__mutmut_11": (
        "last = versions[-1] if before else [v for v in versions if v.date < day][-1]",
        (
            "after the end, every version is in force (each avenant takes effect within the period it "
            "amends): the last one either way"
        ),
    ),
    "ccas_docs.versions.consolidate.x_initial_state__mutmut_17": (
        "if node.declared and node.file not in files:",
        (
            "a declared id is already in the data (writing it again changes nothing), and every numbered "
            "node is in the convention or a fiche"
        ),
    ),
    "ccas_docs.versions.consolidate.x_initial_state__mutmut_32": (
        'own = node.full_id.rsplit("/", )[-1]',
        "the last part of the id is the same whatever the number of splits",
    ),
    "ccas_docs.versions.consolidate.x_initial_state__mutmut_35": (
        'own = node.full_id.rsplit("/", 2)[-1]',
        "the last part of the id is the same whatever the number of splits",
    ),
    "ccas_docs.versions.consolidate.x_initial_state__mutmut_36": (
        'own = node.full_id.rsplit("/", 1)[+1]',
        "a derived id always has a parent (« parent/derived »): the second of the two parts is the last",
    ),
    "ccas_docs.versions.consolidate.x_periods__mutmut_28": (
        "ide_period(versions, first if (year < versions[0].date.year) and False",
        (
            "the day only tells whether the year is before the start or after the end: 1 January and 31 "
            "December of a year outside the convention tell the same"
        ),
    ),
    "ccas_docs.versions.consolidate.x_periods__mutmut_29": (
        "ide_period(versions, first if (year < versions[0].date.year) or True e",
        (
            "the day only tells whether the year is before the start or after the end: 1 January and 31 "
            "December of a year outside the convention tell the same"
        ),
    ),
    "ccas_docs.versions.consolidate.x_periods__mutmut_30": (
        "riod(versions, first if year <= versions[0].date.year else last, year)",
        (
            "the day only tells whether the year is before the start or after the end: 1 January and 31 "
            "December of a year outside the convention tell the same"
        ),
    ),
    "ccas_docs.versions.consolidate.x_initial_state__mutmut_42": (
        'target.value = {"id": Node(own, None, target.at), **target.value}',
        (
            "ids are located with value=True: the pinned id's key and value positions are both the "
            "element's, either one is found"
        ),
    ),
    "ccas_docs.versions.consolidate.x_initial_state__mutmut_43": (
        'target.value = {"id": Node(own, target.at, None), **target.value}',
        (
            "ids are located with value=True: the pinned id's key and value positions are both the "
            "element's, either one is found"
        ),
    ),
    "ccas_docs.versions.consolidate.x_initial_state__mutmut_45": (
        'target.value = {"id": Node(own, target.at), **target.value}',
        (
            "ids are located with value=True: the pinned id's key and value positions are both the "
            "element's, either one is found"
        ),
    ),
    "ccas_docs.versions.consolidate.x_initial_state__mutmut_46": (
        'target.value = {"id": Node(own, target.at, ), **target.value}',
        (
            "ids are located with value=True: the pinned id's key and value positions are both the "
            "element's, either one is found"
        ),
    ),
    "ccas_docs.versions.consolidate.x_periods__mutmut_60": (
        "raise outside_period(None, first, year)",
        "unreachable (pragma: no cover): a year of the convention always has a version",
    ),
    "ccas_docs.versions.consolidate.x_periods__mutmut_61": (
        "raise outside_period(versions, None, year)",
        "unreachable (pragma: no cover): a year of the convention always has a version",
    ),
    "ccas_docs.versions.consolidate.x_periods__mutmut_62": (
        "raise outside_period(versions, first, None)",
        "unreachable (pragma: no cover): a year of the convention always has a version",
    ),
    "ccas_docs.versions.consolidate.x_periods__mutmut_63": (
        "raise outside_period(first, year)",
        "unreachable (pragma: no cover): a year of the convention always has a version",
    ),
    "ccas_docs.versions.consolidate.x_periods__mutmut_64": (
        "raise outside_period(versions, year)",
        "unreachable (pragma: no cover): a year of the convention always has a version",
    ),
    "ccas_docs.versions.consolidate.x_periods__mutmut_65": (
        "raise outside_period(versions, first, )",
        "unreachable (pragma: no cover): a year of the convention always has a version",
    ),
    "ccas_docs.versions.consolidate.x_versions_of__mutmut_1": (
        "key = None",
        "a cache key: the cached entry is used only for the very same project object (weak reference checked)",
    ),
    "ccas_docs.versions.consolidate.x_versions_of__mutmut_2": (
        "key = (id(None), tuple(id(s) for s in project.aven",
        "a cache key: the cached entry is used only for the very same project object (weak reference checked)",
    ),
    "ccas_docs.versions.consolidate.x_versions_of__mutmut_4": (
        "key = (id(project), tuple(id(None) for s in project.avenant_sources),",
        "a cache key: the cached entry is used only for the very same project object (weak reference checked)",
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
