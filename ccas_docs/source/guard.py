"""What the YAML reader refuses before building anything: tags, deep nesting, over-long texts and numbers.

The event stream of libyaml (C, iterative) costs under a millisecond for the largest shipped file;
the recursive composers that come after it then never meet a deep document, and no text or integer
past the documented bounds (:mod:`ccas_docs.common.bounds`) reaches pydantic or Python's ``int``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from ccas_docs.common.bounds import (
    CHARACTER_HINT,
    MAX_NESTING,
    MAX_NUMBER_DIGITS,
    MAX_TEXT_CHARS,
    describe_character,
    first_bad_character,
    thousands,
)
from ccas_docs.common.diagnostics import Location, UserError, error

_NESTING = (
    f"listes et blocs imbriqués sur plus de {MAX_NESTING} niveaux",
    "imbrication",
    "une convention n'a besoin que de quelques niveaux : vérifier les crochets « [ » et les accolades « { »",
)
_NUMBER = re.compile(r"[-+]?[0-9][0-9_]*", re.ASCII)
_TAG = re.compile(r"![^\s,\[\]{}]*")
_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def _impossible_date(value: str) -> str | None:
    """Why a plain scalar that YAML reads as a date (« 2026-02-30 ») is not one; ``None`` if it is one.

    The YAML reader builds such a value into a Python date and fails with an English
    « day is out of range for month »: the value is refused here, located, before.
    """
    from ruamel.yaml.util import create_timestamp, timestamp_regexp

    match = timestamp_regexp.match(value)
    if match is None:
        return None
    try:
        create_timestamp(**match.groupdict())
    except (ValueError, OverflowError):
        pass
    else:
        return None
    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    if not 1 <= month <= 12:
        why = f"il n'y a pas de mois {month}"
    elif not 1 <= day <= (last := calendar.monthrange(max(year, dt.MINYEAR), month)[1]):
        why = f"{_MONTHS[month - 1]} {year} n'a que {last} jours" if day else "il n'y a pas de jour 0"
    elif year < dt.MINYEAR:
        why = "il n'y a pas d'année 0"
    else:
        why = "heure impossible"
    return f"date « {value} » inexistante : {why}"


def check_events(text: str, shown: str) -> None:
    """Before anything is built: refuse tags, nesting past ``MAX_NESTING``, over-long texts and numbers.

    The event stream of libyaml (C, iterative) costs under a millisecond for the largest shipped
    file; the recursive composers that come after it then never meet a deep document, and no
    text or integer past the documented bounds reaches pydantic or Python's ``int``. A syntax error
    stops the scan: the loaders after it word it, located.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent, ScalarEvent

    problems: list[tuple[Any, str, str, str]] = []  # mark, message, code, hint
    for pure in (False, True):  # libyaml refuses a few escapes (« \\ud800 ») the pure parser takes
        depth = 0
        try:
            for event in YAML(typ="safe", pure=pure).parse(text):
                tag = getattr(event, "tag", None)
                if tag is not None and isinstance(event, CollectionStartEvent | ScalarEvent):
                    message = _tag_message(text, event.start_mark, tag)
                    problems.append((event.start_mark, message, "yaml-etiquette", ""))
                if isinstance(event, CollectionStartEvent):
                    depth += 1
                    if depth > MAX_NESTING:
                        problems.append((event.start_mark, *_NESTING))
                        break
                elif isinstance(event, CollectionEndEvent):
                    depth -= 1
                elif isinstance(event, ScalarEvent):
                    problems.extend(_scalar_problems(event))
        except YAMLError:
            problems.clear()
            continue
        break
    if problems:
        raise UserError(
            [
                error(Location(shown, mark.line + 1, mark.column + 1), message, code=code, hint=hint)
                for mark, message, code, hint in problems
            ]
        )


def _tag_message(text: str, mark: Any, tag: str) -> str:
    lines = text.splitlines()
    written = _TAG.match(lines[mark.line], mark.column) if mark.line < len(lines) else None
    shown = written.group(0) if written else tag
    return f"étiquette YAML « {shown} » non acceptée : retirer « {shown} » (les valeurs s'écrivent sans étiquette)"


def _scalar_problems(event: Any) -> list[tuple[Any, str, str, str]]:
    value: str = event.value
    mark = event.start_mark
    if not event.style and value[:1].isdigit():
        impossible = _impossible_date(value)
        if impossible:
            return [(mark, impossible, "date", "écrire une date du calendrier, AAAA-MM-JJ, par exemple 2026-02-28")]
    if len(value) > MAX_TEXT_CHARS:
        return [
            (
                mark,
                f"texte trop long : {thousands(len(value))} caractères, au plus {thousands(MAX_TEXT_CHARS)}",
                "taille",
                "découper le texte en plusieurs paragraphes",
            )
        ]
    bad = first_bad_character(value)  # written as an escape (« \x0b ») inside double quotes
    if bad is not None:
        return [(mark, f"{describe_character(value[bad])} dans le texte", "caractere", CHARACTER_HINT)]
    if not event.style and len(value) > MAX_NUMBER_DIGITS and _NUMBER.fullmatch(value):
        return [
            (
                mark,
                f"nombre trop long : plus de {MAX_NUMBER_DIGITS} chiffres",
                "nombre",
                "mettre la valeur entre guillemets si c'est un texte",
            )
        ]
    return []
