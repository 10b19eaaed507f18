"""French formats as printed in every document: rates, amounts, dates, lists (Babel, narrow no-break spaces)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ccas_docs.common import fr

S = "\u202f"  # narrow no-break space


@pytest.mark.parametrize(
    ("rate", "text"),
    [
        ("5", f"5{S}%"),
        ("5.5", f"5,5{S}%"),
        ("5.50", f"5,5{S}%"),
        ("0.125", f"0,125{S}%"),
        ("12.25", f"12,25{S}%"),
        ("100", f"100{S}%"),
        ("0", f"0{S}%"),
        ("1000", f"1{S}000{S}%"),
    ],
)
def test_percent_keeps_the_decimals_as_written(rate: str, text: str) -> None:
    assert fr.percent(Decimal(rate)) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("1234.5", f"1{S}234,50"),
        ("1234.565", f"1{S}234,57"),  # half a cent rounds up
        ("1234.564", f"1{S}234,56"),
        ("0", "0,00"),
        ("0.005", "0,01"),
        ("1234567.891", f"1{S}234{S}567,89"),
        ("-2.5", "-2,50"),
        ("999", "999,00"),
    ],
)
def test_number_has_two_decimals_and_french_separators(value: str, text: str) -> None:
    assert fr.number(Decimal(value)) == text


def test_money() -> None:
    assert fr.money(Decimal("130538.52")) == f"130{S}538,52{S}€"
    assert fr.money(Decimal("0.1")) == f"0,10{S}€"


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2026, 12, 1), "1er décembre 2026"),
        (dt.date(2026, 11, 25), "25 novembre 2026"),
        (dt.date(2025, 1, 2), "2 janvier 2025"),
        (dt.date(2025, 8, 10), "10 août 2025"),
        (dt.date(2025, 2, 11), "11 février 2025"),
        (dt.date(2025, 3, 21), "21 mars 2025"),
        (dt.date(2025, 3, 31), "31 mars 2025"),
    ],
)
def test_date_in_words_with_premier(day: dt.date, text: str) -> None:
    assert fr.date(day) == text


def test_short_date() -> None:
    assert fr.short_date(dt.date(2026, 2, 3)) == "03/02/2026"
    assert fr.short_date(dt.date(2025, 12, 15)) == "15/12/2025"


@pytest.mark.parametrize(("number", "text"), [(1, "1er"), ("1", "1er"), (2, "2"), (11, "11"), ("7-1", "7-1")])
def test_article_number_as_legal_french_writes_it(number: int | str, text: str) -> None:
    """« Article 1er », never « Article 1 » nor « Article 1ER »; the others as numbered."""
    assert fr.article_number(number) == text


@pytest.mark.parametrize(
    ("article", "text"),
    [("le", "du service"), ("les", "des service"), ("la", "de la service"), ("l'", "de l'service")],
)
def test_de_contracts_the_article(article: str, text: str) -> None:
    assert fr.de(article, "service") == text


def test_de_refuses_an_unknown_article() -> None:
    with pytest.raises(KeyError):
        fr.de("un", "service")


@pytest.mark.parametrize(
    ("items", "text"),
    [
        ([], ""),
        (["a"], "a"),
        (["a", "b"], "a et b"),
        (["a", "b", "c"], "a, b et c"),
        (["a", "b", "c", "d"], "a, b, c et d"),
    ],
)
def test_join(items: list[str], text: str) -> None:
    assert fr.join(items) == text


def test_words_is_the_cardinal_without_rectified_spelling() -> None:
    assert fr.words(201) == "deux cent un"
    assert fr.words(1) == "un"
    assert fr.words(80) == "quatre-vingts"
    assert fr.words(0) == "zéro"


def test_words_loads_the_french_converter_on_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fr, "_FRENCH", None)  # as in a fresh process
    assert fr.words(21) == "vingt et un"
    assert fr.words(61) == "soixante et un"
