"""Amounts in words, as printed on the invoice (« Arrêté la présente facture à la somme de … »)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ccas_docs.common.fr import amount_in_words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("80", "quatre-vingts euros"),
        ("1", "un euro"),
        ("201.01", "deux cent un euros et un centime"),
        ("1000000", "un million d'euros"),
        ("1234.56", "mille deux cent trente-quatre euros et cinquante-six centimes"),
        ("81", "quatre-vingt-un euros"),
        ("0.50", "cinquante centimes"),
        ("2000000", "deux millions d'euros"),
        ("71", "soixante et onze euros"),
        ("200", "deux cents euros"),
        ("80000", "quatre-vingt mille euros"),
        ("1000000.01", "un million d'euros et un centime"),
        ("2500000", "deux millions cinq cent mille euros"),
        ("0", "zéro euro"),
        ("130538.52", "cent trente mille cinq cent trente-huit euros et cinquante-deux centimes"),
        # « et un » from 21 to 61 (71 is « soixante et onze », 81 « quatre-vingt-un »)
        ("21", "vingt et un euros"),
        ("31", "trente et un euros"),
        ("41", "quarante et un euros"),
        ("51", "cinquante et un euros"),
        ("61", "soixante et un euros"),
        ("21.21", "vingt et un euros et vingt et un centimes"),
        ("31.31", "trente et un euros et trente et un centimes"),
        ("41.41", "quarante et un euros et quarante et un centimes"),
        ("51.51", "cinquante et un euros et cinquante et un centimes"),
        ("61.61", "soixante et un euros et soixante et un centimes"),
        ("0.21", "vingt et un centimes"),
        ("1021", "mille vingt et un euros"),
        ("21000", "vingt et un mille euros"),
        ("1000021", "un million vingt et un euros"),
        ("22", "vingt-deux euros"),
        ("91", "quatre-vingt-onze euros"),
        ("1.01", "un euro et un centime"),
        ("2.02", "deux euros et deux centimes"),
        ("0.01", "un centime"),
        ("1000000000", "un milliard d'euros"),
        ("2000000000", "deux milliards d'euros"),
        ("2000001", "deux millions un euros"),
        ("-12.50", "moins douze euros et cinquante centimes"),
    ],
)
def test_amount_in_words(amount: str, words: str) -> None:
    assert amount_in_words(Decimal(amount)) == words


def test_half_cent_rounds_up() -> None:
    assert amount_in_words(Decimal("0.005")) == "un centime"


def test_half_cent_rounding_carries_into_the_euros() -> None:
    assert amount_in_words(Decimal("20.995")) == "vingt et un euros"
    assert amount_in_words(Decimal("0.994")) == "quatre-vingt-dix-neuf centimes"
