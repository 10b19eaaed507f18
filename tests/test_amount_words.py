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
    ],
)
def test_amount_in_words(amount: str, words: str) -> None:
    assert amount_in_words(Decimal(amount)) == words


def test_half_cent_rounds_up() -> None:
    assert amount_in_words(Decimal("0.005")) == "un centime"
