"""French typography for everything a user reads: percentages, amounts, dates, amounts in words.

Babel does the formatting (narrow no-break spaces, « 1 234,56 € », « 1er décembre 2026 »);
num2words is only ever given whole numbers, the euros/centimes phrase is built here.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

NNBSP = "\u202f"  # narrow no-break space: thousands separator and before « % », « € », « : »
NBSP = "\u00a0"
LOCALE = "fr_FR"
CENT = Decimal("0.01")
_FRENCH: Any = None


def percent(rate: Decimal) -> str:
    """``Decimal("5")`` → « 5 % », ``Decimal("5.5")`` → « 5,5 % » (rate given in percent)."""
    from babel.numbers import format_decimal

    return f"{format_decimal(rate.normalize(), format='#,##0.###', locale=LOCALE)}{NNBSP}%"


def number(value: Decimal) -> str:
    """Two decimals, French separators: « 1 234,50 »."""
    from babel.numbers import format_decimal

    return format_decimal(value.quantize(CENT, ROUND_HALF_UP), format="#,##0.00", locale=LOCALE)


def money(value: Decimal) -> str:
    """« 1 234,56 € » with narrow no-break spaces."""
    return f"{number(value)}{NNBSP}€"


def date(value: dt.date) -> str:
    """« 1er décembre 2026 », « 25 novembre 2026 »."""
    from babel.dates import format_date

    text = format_date(value, "d MMMM y", locale=LOCALE)
    return "1er" + text[1:] if value.day == 1 else text


def article_number(n: int | str) -> str:
    """An article's number as legal French writes it: « 1er », then « 2 », « 7-1 »."""
    return "1er" if str(n) == "1" else str(n)


def short_date(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def words(n: int) -> str:
    """A whole number in French words (1990 spelling rectified off: « deux cent un »)."""
    global _FRENCH
    if _FRENCH is None:
        # the French converter alone: ``num2words.num2words`` imports every language (≈ 40 ms)
        from num2words.lang_FR import Num2Word_FR

        _FRENCH = Num2Word_FR()
    return str(_FRENCH.to_cardinal(n))


def amount_in_words(amount: Decimal) -> str:
    """« mille deux cent trente-quatre euros et cinquante-six centimes », « un million d'euros »."""
    if amount < 0:
        return "moins " + amount_in_words(-amount)
    cents_total = int((amount.quantize(CENT, ROUND_HALF_UP) * 100).to_integral_value())
    euros, cents = divmod(cents_total, 100)
    parts: list[str] = []
    if euros:
        text = words(euros)
        # « un million d'euros », « deux milliards d'euros » : « de » after million(s)/milliard(s)
        if text.endswith(("million", "millions", "milliard", "milliards")):
            parts.append(f"{text} d'euros")
        else:
            parts.append(f"{text} {'euro' if euros == 1 else 'euros'}")
    if cents:
        parts.append(f"{words(cents)} {'centime' if cents == 1 else 'centimes'}")
    if not parts:
        return "zéro euro"
    return " et ".join(parts)


def de(article: str, label: str) -> str:
    """« de » contracted with the definite article: le → du, les → des, la → de la, l' → de l'."""
    return {"le": "du ", "les": "des ", "la": "de la ", "l'": "de l'"}[article] + label


def join(items: list[str]) -> str:
    """« a, b et c »."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]
