"""The HTML's navigation: a table of contents and the cross-references as links.

- :func:`contents`: the entries of the table of contents, the articles and annexes (level-1
  headings, and the level-2 headings before the first of them: a convention's articles), with
  their anchors; fewer than three entries make no table.
- :func:`link_references`: in the body's text, « l'article 6 », « l'annexe 3 », « l'annexe 3.1 »
  (the words the text stage writes for a reference by id) become links to the heading bearing that
  number. A citation of another text (« l'article 28 du règlement », « l'article L. 133-5 du
  code… ») is left alone: a number followed by « du », « de » or « des » is not this document's,
  nor a number no heading bears.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ccas_docs.document.tree import Block, Heading

_NUMBERED = re.compile(r"^(Article|Annexe)\s+(\d+(?:\.\d+)*)(?:er)?\b")
_APOSTROPHE = "(?:&#39;|'|\u2019)"
_REFERENCE = re.compile(
    rf"\b(?P<lead>[lL]{_APOSTROPHE})(?P<ref>(?P<kind>article|annexe)[\s\u00a0]+(?P<number>\d+(?:\.\d+)*)(?:er)?)"
    r"(?![\w\-]|\.\d)(?![\s\u00a0]+(?:du|de|des|d" + _APOSTROPHE + r")\b)"
)
_MAIN = re.compile(r"<main\b[^>]*>(.*)</main>", re.S)
_SKIP = re.compile(r"<(h[1-6]|a)\b.*?</\1>", re.S)  # no link inside a heading or another link
_TEXT = re.compile(r">([^<]+)<")


@dataclass(frozen=True)
class Entry:
    anchor: str
    text: str
    level: int  # 1: an annex; 2: an article


def contents(body: tuple[Block, ...]) -> list[Entry]:
    entries: list[Entry] = []
    seen_part = False
    for block in body:
        if not isinstance(block, Heading) or not block.anchor:
            continue
        if block.level == 1:
            seen_part = True
            entries.append(Entry(block.anchor, block.text, 1))
        elif block.level == 2 and not seen_part:
            entries.append(Entry(block.anchor, block.text, 2))
    return entries if len(entries) >= 3 else []


def _targets(body: tuple[Block, ...]) -> dict[tuple[str, str], str]:
    """``{("article", "6"): anchor, ("annexe", "3.1"): anchor}`` from the numbered headings."""
    out: dict[tuple[str, str], str] = {}
    for block in body:
        if isinstance(block, Heading) and block.anchor:
            match = _NUMBERED.match(block.text)
            if match:
                out.setdefault((match.group(1).lower(), match.group(2)), block.anchor)
    return out


def link_references(page: str, body: tuple[Block, ...]) -> str:
    """``page`` with each reference to a numbered heading of ``body`` made a link to its anchor."""
    targets = _targets(body)
    main = _MAIN.search(page)
    if not targets or main is None:
        return page

    def in_text(match: re.Match[str]) -> str:
        def one(ref: re.Match[str]) -> str:
            anchor = targets.get((ref.group("kind"), ref.group("number")))
            if anchor is None:
                return ref.group(0)
            return f'{ref.group("lead")}<a class="renvoi" href="#{html.escape(anchor)}">{ref.group("ref")}</a>'

        return ">" + _REFERENCE.sub(one, match.group(1)) + "<"

    def outside_skipped(segment: str) -> str:
        out, last = [], 0
        for skipped in _SKIP.finditer(segment):
            out.append(_TEXT.sub(in_text, segment[last : skipped.start()]))
            out.append(skipped.group(0))
            last = skipped.end()
        out.append(_TEXT.sub(in_text, segment[last:]))
        return "".join(out)

    start, end = main.span(1)
    return page[:start] + outside_skipped(page[start:end]) + page[end:]
