"""French typography of generated text, as a printer sets it: one pure, idempotent function.

:func:`typeset` turns the text a user writes in the YAML (straight apostrophes, ordinary spaces)
into the text every document prints:

- the typographic apostrophe ’ for ``'``; « … » for ``...``;
- a narrow no-break space (U+202F) before ``;``, ``!``, ``?``, and between a number and ``%`` or
  ``€`` (as :mod:`ccas_docs.common.fr` writes « 5 % » and « 1 234,56 € »);
- a no-break space (U+00A0) before ``:`` and inside « »;
- no line break inside a date (« 14 janvier 2026 », « 1er janvier »: U+00A0 between day, month and
  year), after « n° », in a proper name or a service code (« Porto‑Vecchio », « DST‑BAT »: the
  non-breaking hyphen U+2011, Word's ``w:noBreakHyphen``), in the year rule « N‑1 » or a short
  number (« l’article 13‑1 »);
- **one dash convention**: the spaced en dash « – » for an incise or between a title's parts;
  a spaced hyphen or em dash (« - », « — ») becomes it; an unspaced hyphen is a hyphen (compound
  words, « peut-être »);
- « 1er », « 1re »: the letters are raised (:data:`SUPERSCRIPT`, applied by the document stage as
  a superscript run in DOCX and ``<sup>`` in HTML).

What is not prose is left as written (:data:`PROTECTED`): web addresses, e-mail addresses, file
paths and identifiers holding a digit and a hyphen (an invoice number « 2026-CCAS-001 », a
deliberation « 2024-12 », an ISO date). Numbers already set by :mod:`ccas_docs.common.fr` keep
their spaces. ``typeset(typeset(t)) == typeset(t)``.

The composers apply it once, to every text of a document tree (:mod:`ccas_docs.document.typeset`),
so DOCX, HTML and PDF print the same characters. :func:`typeset_map` also says where each
character of the result comes from, so the origins of a paragraph (``import``) still point into
the YAML; :func:`plain` is the way back, from a reviewer's Word text to the clean text a user
writes in the YAML (``plain(typeset(t)) == t`` for such text).
"""

from __future__ import annotations

import re
from collections.abc import Callable

NNBSP = "\u202f"  # narrow no-break space
NBSP = "\u00a0"  # no-break space
NBHY = "\u2011"  # non-breaking hyphen
APOSTROPHE = "\u2019"
EN_DASH = "\u2013"
ELLIPSIS = "\u2026"
SUPERSCRIPT = re.compile(r"(?<![\w\u2011-])1(er|re)(?!\w)")  # « 1er », « 1re »: the letters go up

_SPACES = "[ \u00a0\u202f]"
_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_UPPER = "A-ZÀ-ÖØ-Þ"
_TRAILING = r"(?=[.,;:!?)\]»]*(?:\s|$))"  # a sentence's punctuation after an address is not part of it

PROTECTED = re.compile(
    "|".join(
        (
            rf"\b(?:https?|ftp)://[^\s«»<>\"]+?{_TRAILING}",  # web address
            rf"\bwww\.[^\s«»<>\"]+?{_TRAILING}",
            r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail address
            rf"[^\s«»()\[\]]*\w/[\w.~-][^\s«»()\[\]]*?{_TRAILING}",  # a path: a slash inside a word
            # an identifier with a digit and a hyphen (« 2026-CCAS-001 », « 2025-01-14 »), but not the year
            # rule « N-1 » or a short number (« l'article 13-1 »)
            r"(?<![\w-])(?!N-\d+(?![\w-])|\d{1,3}(?:-\d{1,3})+(?![\w-]))(?=[\w-]*\d)\w+(?:-\w+)+(?![\w-])",
        )
    )
)


def _unbroken(text: str) -> str:
    return re.sub(_SPACES, NBSP, text)


Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]


def _spaced(char: str, space: str) -> Rule:
    """``char`` preceded by ``space``: an existing space replaced, a missing one added after a word."""
    pattern = re.compile(rf"(?:{_SPACES}+|(?<=[\w»)\]]))(?={re.escape(char)}(?:\s|$|[»)\]]))")
    return pattern, lambda m: space


_RULES: tuple[Rule, ...] = (
    (re.compile(r"'"), lambda m: APOSTROPHE),
    (re.compile(r"(?<!\.)\.\.\.(?!\.)"), lambda m: ELLIPSIS),
    # one dash convention: a spaced hyphen or em dash is a spaced en dash
    (re.compile(rf"(?<={_SPACES})[-\u2014](?={_SPACES})"), lambda m: EN_DASH),
    _spaced(";", NNBSP),
    _spaced("!", NNBSP),
    _spaced("?", NNBSP),
    _spaced(":", NBSP),
    (re.compile(rf"(?<=\d)(?:{_SPACES}|(?=%(?!\w)))(?=%|€)"), lambda m: NNBSP),
    (re.compile(rf"«{_SPACES}*"), lambda m: "«" + NBSP),
    (re.compile(rf"{_SPACES}*»"), lambda m: NBSP + "»"),
    # no line break inside a date, after « n° », in a proper name, a service code or « N-1 »
    (
        re.compile(rf"\b(?:\d{{1,2}}|1er)(?:{_SPACES}(?:{_MONTHS}))+(?:{_SPACES}\d{{4}}\b)?"),
        lambda m: _unbroken(m.group()),
    ),
    (re.compile(rf"(?<=\b[nN]°){_SPACES}(?=\w)"), lambda m: NBSP),
    (re.compile(rf"(?<![\w-])[{_UPPER}]\w*(?:-\w+)+(?![\w-])"), lambda m: m.group().replace("-", NBHY)),
    (re.compile(r"(?<![\w-])(?:N|\d{1,3})(?:-\d{1,3})+(?![\w-])"), lambda m: m.group().replace("-", NBHY)),
)


# what :data:`PROTECTED` needs; the rules add none of it (they add spaces, ’, « – », « … », U+2011)
_MAYBE_PROTECTED = re.compile(r"://|www\.|@|/|\d[\w]*-|-\w*\d")


def _protected(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in PROTECTED.finditer(text)]


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` touches a protected span (an empty match: strictly inside one)."""
    if start == end:
        return any(s < start < e for s, e in spans)
    return any(start < e and s < end for s, e in spans)


def _apply(rule: Rule, text: str, where: list[int], protect: bool) -> tuple[str, list[int]]:
    pattern, replace = rule
    spans = _protected(text) if protect else []
    out: list[str] = []
    mapped: list[int] = []
    end = 0
    for match in pattern.finditer(text):
        if _inside(match.start(), match.end(), spans):
            continue
        out.append(text[end : match.start()])
        mapped.extend(where[end : match.start()])
        old, new = match.group(), replace(match)
        if len(old) == len(new):
            mapped.extend(where[match.start() : match.end()])
        else:  # keep the common ends where they are; what is in between is produced here
            head = 0
            while head < min(len(old), len(new)) and old[head] == new[head]:
                head += 1
            tail = 0
            while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
                tail += 1
            mapped.extend(where[match.start() : match.start() + head])
            mapped.extend([-1] * (len(new) - head - tail))
            mapped.extend(where[match.end() - tail : match.end()])
        out.append(new)
        end = match.end()
    out.append(text[end:])
    mapped.extend(where[end:])
    return "".join(out), mapped


def typeset_map(text: str) -> tuple[str, tuple[int, ...]]:
    """The typeset text, and for each of its characters the index in ``text`` it is (-1: produced)."""
    where = list(range(len(text)))
    protect = _MAYBE_PROTECTED.search(text) is not None
    for rule in _RULES:
        if rule[0].search(text):
            text, where = _apply(rule, text, where, protect)
    return text, tuple(where)


def typeset(text: str) -> str:
    """``text`` as a French printer sets it (idempotent)."""
    return typeset_map(text)[0] if text else text


_PLAIN = str.maketrans({APOSTROPHE: "'", NNBSP: " ", NBSP: " ", NBHY: "-"})


def plain(text: str) -> str:
    """A typeset text (a reviewer's Word text) back to what a user writes in the YAML."""
    return text.translate(_PLAIN)
