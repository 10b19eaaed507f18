"""How a register's values are spelled in its CSV file (spreadsheet-safe, one physical line each)."""

from __future__ import annotations

import re

from ccas_docs.common.spreadsheet import neutralise

_NUMBER = re.compile(r"^[-+]?\d+(?:[.,]\d+)?$")


def encode_cell(value: str) -> str:
    """A value as the register's file holds it: a text a spreadsheet would read as a formula
    (« =HYPERLINK(…) » typed in a motif) is neutralised with a leading « ' »; a number (« -120.00 »)
    stays a number. A value that starts with « ' » gets one more, so that :func:`decode_cell` gives
    back exactly the value: ``empreinte`` is the hash of the values, never of their spelling in the file.
    """
    if value.startswith("'"):
        return "'" + value
    return value if _NUMBER.match(value) else neutralise(value)


def decode_cell(cell: str) -> str:
    """The value a cell of the register's file holds (the inverse of :func:`encode_cell`)."""
    return cell[1:] if cell.startswith("'") else cell


def one_line(text: str) -> str:
    # one physical line per entry: the line numbers of messages stay true
    return " ".join(text.splitlines()).strip() if ("\n" in text or "\r" in text) else text
