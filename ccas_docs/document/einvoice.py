"""The structured invoice as EN 16931 sees it, for the Factur-X writer: everything worded and computed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class EParty:
    name: str
    legal_id: str  # SIRET
    address_lines: tuple[str, ...]
    postcode: str
    city: str
    country: str = "FR"


@dataclass(frozen=True)
class ELine:
    name: str
    description: str
    note: str
    amount: Decimal


@dataclass(frozen=True)
class EInvoice:
    """An invoice as EN 16931 sees it: everything already worded and computed."""

    number: str
    type_code: str  # UNTDID 1001: 380 invoice, 381 credit note
    issue_date: dt.date
    notes: tuple[str, ...]
    seller: EParty
    buyer: EParty
    contract_reference: str
    lines: tuple[ELine, ...]
    period: tuple[dt.date, dt.date]
    vat_exemption_reason: str
    due_date: dt.date | None
    payment_terms: str
    iban: str | None  # None when not known (placeholder)
    bic: str | None
    payee_account_name: str | None
    total: Decimal
    preceding_invoice: str = ""
    currency: str = "EUR"
