"""Values written as a French user writes them: percentages (``5 %``) and the reference year (``N-1``)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

# --- percentages ------------------------------------------------------------------------------

_PERCENT = re.compile(r"^\s*([0-9]{1,3}(?:[.,][0-9]{1,4})?)[\s\u00a0\u202f]*%\s*$")


def parse_percent(value: Any) -> Decimal:
    """``"5 %"``, ``"5%"``, ``"5,5 %"`` → ``Decimal("5")`` … ; a bare number is refused with the fix."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise PydanticCustomError("taux", "taux invalide : écrire un pourcentage entre guillemets, par exemple « 5 % »")
    if isinstance(value, int | float):
        shown = str(value).replace(".", ",")
        raise PydanticCustomError(
            "taux",
            "taux « {shown} » invalide : écrire « {shown} % »",
            {"shown": shown},
        )
    match = _PERCENT.match(value)
    if not match and any(c.isdigit() and not c.isascii() for c in value):
        raise PydanticCustomError(
            "taux",
            "taux « {value} » invalide : écrire les chiffres 0 à 9, par exemple « 5 % »",
            {"value": value},
        )
    if not match:
        raise PydanticCustomError(
            "taux",
            "taux « {value} » invalide : écrire un pourcentage comme « 5 % » ou « 5,5 % » (quatre décimales au plus)",
            {"value": value},
        )
    try:
        rate = Decimal(match.group(1).replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the regex only lets digits through
        raise PydanticCustomError("taux", "taux « {value} » illisible", {"value": value}) from None
    if not Decimal(0) <= rate <= Decimal(100):
        raise PydanticCustomError(
            "taux-hors-bornes",
            "taux « {value} » hors bornes : un taux est compris entre 0 % et 100 %",
            {"value": value.strip()},
        )
    return rate


Percent = Annotated[
    Decimal,
    BeforeValidator(parse_percent),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": _PERCENT.pattern,
            "description": "pourcentage écrit à la française, par exemple « 5 % » ou « 5,5 % »",
            "examples": ["5 %", "1 %"],
        }
    ),
]


REFERENCE_YEARS = (1,)  # the invoice reads one payroll file, that of N-1 (billing.ledger)


def _reference_year(value: Any) -> int:
    """``"N-1"`` → 1 (years before the billed year); only the years an invoice can bill are accepted."""
    if isinstance(value, str):
        m = re.fullmatch(r"\s*N\s*-\s*([0-9]{1,2})\s*", value)
        if m and int(m.group(1)) in REFERENCE_YEARS:
            return int(m.group(1))
        if m:
            raise PydanticCustomError(
                "annee-reference",
                "année de référence « {value} » non prise en charge : une facture se calcule sur les charges de "
                "personnel de l'année précédente, « N-1 »",
                {"value": value.strip()},
            )
    raise PydanticCustomError(
        "annee-reference", "année de référence « {value} » invalide : écrire « N-1 »", {"value": value}
    )


ReferenceYear = Annotated[
    int,
    BeforeValidator(_reference_year),
    WithJsonSchema({"type": "string", "pattern": r"^N-1$", "examples": ["N-1"]}),
]
